"""What `planlogg sync restore` says it did: the new tab it laid the plan out on and in which
spreadsheet, and each count in the singular or the plural as it falls."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.text import LONG_TEXT
from sync.cycle import SheetSync
from sync.memory_backend import InMemorySheetBackend
from sync.restore import restore
from tests.conftest import NorwegianClock
from tests.sync.conftest import PLAN


def test_one_kept_edit_is_said_in_the_singular_with_the_tab_it_was_laid_out_on(
    sheet_sync: SheetSync, sheet: InMemorySheetBackend
) -> None:
    sheet.user_edit({(sheet.row_of("T002"), "Tiltak"): "Uferdig endring"})

    report = restore(sheet_sync, sheet, PLAN, tab="Ny fane")

    assert (report.kept, report.tab, report.cycle.written) == (1, "Ny fane", 45)
    assert report.summary() == (
        "Planen er lagt ut på nytt i fanen «Ny fane» i «testplan» (45 celler skrevet). "
        "1 endring fra den skadde fanen som ikke var synkronisert, er tatt vare på som konflikt."
    )


def test_the_tab_named_by_default_is_the_plan_key_and_the_day(
    sheet_sync: SheetSync, sheet: InMemorySheetBackend
) -> None:
    report = restore(sheet_sync, sheet, PLAN, today=lambda: date(2026, 12, 4))

    assert sheet.title == "testplan 04.12.2026"
    assert report.summary().startswith(
        "Planen er lagt ut på nytt i fanen «testplan 04.12.2026» i «testplan» (42 celler skrevet). "
        "0 endringer fra den skadde fanen"
    )


def test_a_new_spreadsheet_is_named_without_a_tab(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    elsewhere = InMemorySheetBackend("ny bok", label="ny.xlsx")

    report = restore(sheet_sync, sheet, PLAN, to=elsewhere)

    assert report.tab == ""
    assert report.summary().startswith(
        "Planen er lagt ut på nytt i «ny.xlsx» (54 celler skrevet). "
    )


def test_rows_without_id_and_refusals_are_counted_in_the_singular_too(
    sheet_sync: SheetSync, sheet: InMemorySheetBackend
) -> None:
    row = sheet.row_of("T002")
    sheet.user_edit({(row, "Tiltak"): "x" * (LONG_TEXT + 1)})
    sheet.set_cell(len(sheet.grid) + 1, 1, "En rad uten ID")

    report = restore(sheet_sync, sheet, PLAN, tab="Ny fane")

    assert (report.kept, report.unplaced, len(report.refused)) == (0, 1, 1)
    assert report.summary() == (
        "Planen er lagt ut på nytt i fanen «Ny fane» i «testplan» (42 celler skrevet). "
        "0 endringer fra den skadde fanen som ikke var synkronisert, er tatt vare på som "
        "konflikter. 1 rad uten kjent ID står igjen i den skadde fanen. 1 endring kunne ikke "
        "tas vare på, og står igjen i den skadde fanen: "
        f"Rad {row}: Tiltak har for mange tegn: 10001, men høyst 10000 er lov."
    )


def test_the_day_in_the_default_tab_name_is_the_day_in_norway(
    norwegian_clock: type[NorwegianClock], sheet_sync: SheetSync, sheet: InMemorySheetBackend
) -> None:
    """Restored at 00:30 on 2 March in Norway, on a server in UTC (still 1 March there)."""
    restore(sheet_sync, sheet, PLAN)
    assert sheet.title == "testplan 02.03.2025"

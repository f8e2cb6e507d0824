"""Oversikt names the reporting round: the open one with its deadline, decision and how to
report in the sheet; with none open, that none is and the round closed last.

The rows stand after the checksum and before the counts, in the community's målform. A
sheet synced before a round was opened (or before Planlogg wrote these rows) is written
anew on the next cycle, and nothing of the plan's tab is taken for an edit: Oversikt is
never read back into the plan."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from domain.application import Planlogg
from domain.dates import format_norwegian_date
from domain.norwegian_time import oslo_today
from domain.provenance import Provenance, Source
from language import Målform
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import OVERVIEW_TAB
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from sync.workbook import WorkbookBackend
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB

DECIDED = Provenance("Sekretariatet", Source.CLI, decision="SSU sak 11/24")
DEADLINE = date(2024, 9, 11)

OPEN: dict[Målform, list[list[str]]] = {
    "nb": [
        ["Rapporteringsrunde", "R1, åpen"],
        ["Frist for rapportering", "11.09.2024"],
        ["Vedtak om runden", "SSU sak 11/24"],
        [
            "Slik rapporterer dere",
            "Skriv grønn, gul eller rød i Status og en kort kommentar i Statuskommentar på "
            "raden til tiltaket. Statusdato er dagen statusen gjelder (tom: dagen for "
            "synkroniseringen).",
        ],
    ],
    "nn": [
        ["Rapporteringsrunde", "R1, open"],
        ["Frist for rapportering", "11.09.2024"],
        ["Vedtak om runden", "SSU sak 11/24"],
        [
            "Slik rapporterer de",
            "Skriv grøn, gul eller raud i Status og ein kort kommentar i Statuskommentar på "
            "rada til tiltaket. Statusdato er dagen statusen gjeld (tom: dagen for "
            "synkroniseringa).",
        ],
    ],
}


def closed_rows(målform: Målform, day: date) -> list[list[str]]:
    when = format_norwegian_date(day)
    return {
        "nb": [
            ["Rapporteringsrunde", "Ingen runde er åpen"],
            ["Siste runde", f"R1, lukket {when}"],
            ["Frist for rapportering", "11.09.2024"],
            ["Vedtak om runden", "SSU sak 11/24"],
        ],
        "nn": [
            ["Rapporteringsrunde", "Ingen runde er open"],
            ["Siste runde", f"R1, lukka {when}"],
            ["Frist for rapportering", "11.09.2024"],
            ["Vedtak om runden", "SSU sak 11/24"],
        ],
    }[målform]


def round_lines(rows: list[list[object]]) -> list[list[str]]:
    """Oversikt's rows from «Rapporteringsrunde» up to the blank row before the counts."""
    shown = [[str(c) for c in row if c not in (None, "")] for row in rows]
    first = next(i for i, r in enumerate(shown) if r[:1] == ["Rapporteringsrunde"])
    last = next(i for i, r in enumerate(shown) if i > first and not r)
    return shown[first:last]


def synced_in(app: Planlogg, sync: SheetSync, målform: Målform) -> InMemorySheetBackend:
    app.register_community("helsefellesskap", "Helsefellesskapet", WEB, language=målform)
    sheet = InMemorySheetBackend(PLAN)
    lay_out(app, sheet, PLAN)
    sync.cycle(sheet, PLAN)
    return sheet


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_oversikt_names_the_open_round_and_how_to_report(
    målform: Målform, plan_app: Planlogg, sheet_sync: SheetSync
) -> None:
    sheet = synced_in(plan_app, sheet_sync, målform)
    plan_app.open_reporting_round(PLAN, DEADLINE, ["PSU"], DECIDED)
    report = sheet_sync.cycle(sheet, PLAN)
    assert round_lines(sheet.tabs[OVERVIEW_TAB]) == OPEN[målform]
    assert (report.applied, report.conflicts, report.rejected) == (0, 0, 0)


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_with_no_round_open_oversikt_names_the_round_closed_last(
    målform: Målform, plan_app: Planlogg, sheet_sync: SheetSync
) -> None:
    sheet = synced_in(plan_app, sheet_sync, målform)
    assert round_lines(sheet.tabs[OVERVIEW_TAB]) == closed_rows(målform, DEADLINE)[:1]
    plan_app.open_reporting_round(PLAN, DEADLINE, ["PSU"], DECIDED)
    sheet_sync.cycle(sheet, PLAN)
    plan_app.close_reporting_round(PLAN, DECIDED)
    closed_on = oslo_today()
    sheet_sync.cycle(sheet, PLAN)
    assert round_lines(sheet.tabs[OVERVIEW_TAB]) == closed_rows(målform, closed_on)


def test_a_workbook_synced_before_the_round_shows_it_after_the_next_cycle(
    plan_app: Planlogg, sheet_sync: SheetSync, workbook: WorkbookBackend
) -> None:
    before = load_workbook(workbook.path)
    plan_rows = [list(r) for r in before[before.sheetnames[0]].iter_rows(values_only=True)]
    plan_app.open_reporting_round(PLAN, DEADLINE, ["PSU"], DECIDED)
    report = sheet_sync.cycle(workbook, PLAN)
    after = load_workbook(workbook.path)
    overview = [list(r) for r in after[OVERVIEW_TAB].iter_rows(values_only=True)]
    assert round_lines(overview) == OPEN["nb"]
    assert overview[0][:2] == ["Plan", "Testplan"]
    assert [list(r) for r in after[after.sheetnames[0]].iter_rows(values_only=True)] == plan_rows
    assert (report.applied, report.conflicts, report.rejected) == (0, 0, 0)
    again = sheet_sync.cycle(workbook, PLAN)
    assert (again.applied, again.written, again.conflicts) == (0, 0, 0)


def test_a_google_sheet_synced_before_the_round_shows_it_after_the_next_cycle(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    google_sheet: GoogleSheetBackend,
    emulator: SheetsEmulator,
) -> None:
    sid = google_sheet.spreadsheet_id
    plan_rows = emulator.cells(sid, google_sheet.title)
    plan_app.open_reporting_round(PLAN, DEADLINE, ["PSU"], DECIDED)
    report = sheet_sync.cycle(google_sheet, PLAN)
    assert round_lines(emulator.cells(sid, OVERVIEW_TAB)) == OPEN["nb"]
    assert emulator.cells(sid, google_sheet.title) == plan_rows
    assert (report.applied, report.conflicts, report.rejected) == (0, 0, 0)
    plan_app.close_reporting_round(PLAN, DECIDED)
    closed_on = oslo_today()
    sheet_sync.cycle(google_sheet, PLAN)
    assert round_lines(emulator.cells(sid, OVERVIEW_TAB)) == closed_rows("nb", closed_on)
    again = sheet_sync.cycle(google_sheet, PLAN)
    assert (again.applied, again.written, again.conflicts) == (0, 0, 0)


def test_oversikt_tab_without_the_round_rows_is_taken_as_planloggs(
    plan_app: Planlogg, sheet_sync: SheetSync
) -> None:
    """An Oversikt an earlier Planlogg wrote (no round rows) is Planlogg's own: the cycle
    writes the rows, and refuses nothing."""
    sheet = synced_in(plan_app, sheet_sync, "nb")
    older = [row for row in sheet.tabs[OVERVIEW_TAB] if row[:1] != ["Rapporteringsrunde"]]
    sheet.tabs[OVERVIEW_TAB] = older
    plan_app.open_reporting_round(PLAN, DEADLINE, ["PSU"], DECIDED)
    sheet_sync.cycle(sheet, PLAN)
    assert round_lines(sheet.tabs[OVERVIEW_TAB]) == OPEN["nb"]

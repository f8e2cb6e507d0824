"""The day of a status, in the sheet's Statusdato column: a status that still holds is
reported again for a new reporting round by typing a new day alone.

Typing the same light and comment again is no change to the sheet (the cell holds what it
held), so before this column a measure whose light had not changed since the last round
could not be reported for the new one from the sheet at all."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from domain.vocabulary import Colour
from sync.cycle import SheetSync
from sync.memory_backend import InMemorySheetBackend
from tests.sync.conftest import PLAN, WEB

PSU = Provenance("PSU", Source.WEB, decision="PSU sak 1/25")
SSU = Provenance("Sekretariatet", Source.CLI, decision="SSU sak 31/25")
TODAY = date(2025, 12, 1)


@pytest.fixture
def last_years_light(sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend) -> int:
    """T002 reported yellow on 02.09.2024; a round opened since for PSU; the sheet synced.
    Returns T002's row."""
    version = plan_app.submit(PLAN, ["PSU"], WEB)
    plan_app.approve(PLAN, version, "PSU", "sak 1/25", date(2025, 1, 10), PSU)
    plan_app.report_status(PLAN, "T002", "gul", "Forseinka", WEB, reported_on=date(2024, 9, 2))
    plan_app.open_reporting_round(PLAN, date(2025, 12, 18), ["PSU"], SSU)
    sheet_sync.cycle(sheet, PLAN, today=lambda: TODAY)
    return sheet.row_of("T002")


def test_the_sheet_shows_the_day_of_each_status(
    sheet: InMemorySheetBackend, last_years_light: int
) -> None:
    row = last_years_light
    assert [sheet.value(row, c) for c in ("Status", "Statuskommentar", "Statusdato")] == [
        "gul",
        "Forseinka",
        "02.09.2024",
    ]
    assert sheet.value(sheet.row_of("T001"), "Statusdato") == ""


def test_a_new_day_alone_reports_the_standing_status_again_for_the_open_round(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    sheet: InMemorySheetBackend,
    last_years_light: int,
) -> None:
    row = last_years_light
    sheet.user_edit({(row, "Statusdato"): "01.12.2025"}, user="Pia")

    report = sheet_sync.cycle(sheet, PLAN, today=lambda: TODAY)

    assert (report.applied, report.rejected) == (1, 0)
    status = plan_app.get_plan(PLAN).measure("T002").status
    assert status is not None
    assert (status.colour, status.comment, status.reported_on, status.round_id) == (
        Colour.YELLOW,
        "Forseinka",
        date(2025, 12, 1),
        "R1",
    )
    assert sheet.value(row, "Statusdato") == "01.12.2025"
    assert sheet.value(row, "Melding") == ""


def test_a_light_typed_with_its_day_is_reported_on_that_day(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    sheet: InMemorySheetBackend,
    last_years_light: int,
) -> None:
    row = last_years_light
    sheet.user_edit({(row, "Status"): "grønn", (row, "Statusdato"): "28.11.2025"}, user="Pia")

    sheet_sync.cycle(sheet, PLAN, today=lambda: TODAY)

    status = plan_app.get_plan(PLAN).measure("T002").status
    assert status is not None
    assert (status.colour, status.comment, status.reported_on) == (
        Colour.GREEN,
        "Forseinka",
        date(2025, 11, 28),
    )


def test_a_day_after_today_is_refused_in_the_rows_message_and_nothing_is_reported(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    sheet: InMemorySheetBackend,
    last_years_light: int,
) -> None:
    row = last_years_light
    sheet.user_edit({(row, "Statusdato"): "02.12.2025"}, user="Pia")

    report = sheet_sync.cycle(sheet, PLAN, today=lambda: TODAY)

    assert (report.applied, report.rejected) == (0, 1)
    assert sheet.value(row, "Melding") == (
        "Statusdato: En status kan ikke være rapportert 02.12.2025, som er etter dagens dato "
        "(01.12.2025)."
    )
    assert sheet.value(row, "Statusdato") == "02.12.2025"
    status = plan_app.get_plan(PLAN).measure("T002").status
    assert status is not None and status.reported_on == date(2024, 9, 2)


def test_a_day_cleared_alone_is_refused_and_reports_nothing(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    sheet: InMemorySheetBackend,
    last_years_light: int,
) -> None:
    """Cleared, the cell would report the standing light again today, though nobody did."""
    row = last_years_light
    sheet.user_edit({(row, "Statusdato"): ""}, user="Pia")

    report = sheet_sync.cycle(sheet, PLAN, today=lambda: TODAY)

    assert (report.applied, report.rejected) == (0, 1)
    assert sheet.value(row, "Melding") == (
        "Statusdato: Statusdato kan ikke være tom. Skriv datoen statusen gjelder, som 11.09.2025."
    )
    status = plan_app.get_plan(PLAN).measure("T002").status
    assert status is not None
    assert (status.reported_on, status.round_id) == (date(2024, 9, 2), "")


def test_a_day_set_back_alone_is_refused_and_with_a_new_light_is_taken(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    sheet: InMemorySheetBackend,
    last_years_light: int,
) -> None:
    """Alone, an earlier day would put a new report of the round before the one standing; with
    a new light it is a report made on paper that day, as the other channels take it."""
    row = last_years_light
    sheet.user_edit({(row, "Statusdato"): "01.09.2024"}, user="Pia")

    refused = sheet_sync.cycle(sheet, PLAN, today=lambda: TODAY)

    assert (refused.applied, refused.rejected) == (0, 1)
    assert sheet.value(row, "Melding") == (
        "Statusdato: Statusdato 01.09.2024 er før datoen til statusen som står (02.09.2024). "
        "Skriv en senere dato for å rapportere statusen på nytt, eller endre statusen eller "
        "kommentaren sammen med datoen."
    )
    sheet.user_edit({(row, "Status"): "rød"}, user="Pia")
    taken = sheet_sync.cycle(sheet, PLAN, today=lambda: TODAY)
    assert (taken.applied, taken.rejected) == (1, 0)
    status = plan_app.get_plan(PLAN).measure("T002").status
    assert status is not None
    assert (status.colour, status.reported_on) == (Colour.RED, date(2024, 9, 1))

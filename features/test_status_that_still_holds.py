"""Steps for features/status_that_still_holds.feature (against the local Google Sheets emulator,
through real gspread)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from gspread.utils import rowcol_to_a1
from pytest_bdd import given, parsers, scenarios, then, when

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from domain.reminders import has_reported
from projections import ReadModels
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import Layout
from sync.loop import lay_out
from tests.sheets_emulator import SheetsEmulator

scenarios("status_that_still_holds.feature")

SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Oppsett")
KEY = "hf-2025"
LAYOUT = Layout.for_years((2025,))


def _day(text: str) -> date:
    return datetime.strptime(text, "%d.%m.%Y").date()


@pytest.fixture
def shared() -> dict[str, Any]:
    return {}


@given(parsers.parse('a plan "{key}" whose measure "{number}" is the responsibility of "{body}"'))
def plan(memory_app: Planlogg, key: str, number: str, body: str) -> None:
    memory_app.create_plan(key, "Handlingsplan 2025", "hf", 2025, 2025, SECRETARIAT)
    memory_app.add_area(key, "1", "Pasientforløp", SECRETARIAT)
    memory_app.add_goal(key, "1.1", "Tidleg innsats", SECRETARIAT)
    memory_app.add_measure(key, number, "Etablere arbeidsgruppe", SECRETARIAT)
    memory_app.assign_responsible(key, number, [body], SECRETARIAT)
    version = memory_app.submit(key, [body], SECRETARIAT)
    memory_app.approve(
        key, version, body, "sak 1/25", date(2025, 1, 10),
        Provenance(body, Source.WEB, decision=f"{body} sak 1/25"),
    )  # fmt: skip


@given(
    parsers.parse('"{body}" reported "{light}" with "{comment}" for measure "{number}" on {day}')
)
def reported_before(
    memory_app: Planlogg, body: str, light: str, comment: str, number: str, day: str
) -> None:
    by = Provenance(body, Source.WEB)
    memory_app.report_status(KEY, number, light, comment, by, reported_on=_day(day))


@given(parsers.parse('a reporting round is open for "{body}" with deadline {deadline}'))
def round_open(memory_app: Planlogg, body: str, deadline: str) -> None:
    by = Provenance("Sekretariatet", Source.CLI, decision="SSU sak 31/25")
    memory_app.open_reporting_round(KEY, _day(deadline), [body], by)


@given(parsers.parse("the plan is laid out in a shared Google spreadsheet on {day}"))
def laid_out(
    memory_app: Planlogg, emulator: SheetsEmulator, shared: dict[str, Any], day: str
) -> None:
    spreadsheet_id = emulator.create_spreadsheet("Handlingsplan 2025")
    shared["backend"] = GoogleSheetBackend(emulator.gspread_client(), spreadsheet_id, KEY)
    shared["id"] = spreadsheet_id
    lay_out(memory_app, shared["backend"], KEY)
    _sync(memory_app, shared, day)


def _sync(app: Planlogg, shared: dict[str, Any], day: str) -> None:
    SheetSync(app, ReadModels.open(app)).cycle(shared["backend"], KEY, today=lambda: _day(day))


def _row(emulator: SheetsEmulator, shared: dict[str, Any], number: str) -> list[str]:
    return next(row for row in emulator.cells(shared["id"], KEY) if row[1] == number)


@when(parsers.parse('"{who}" clears the Statusdato of measure "{number}"'))
def clear_day(emulator: SheetsEmulator, shared: dict[str, Any], who: str, number: str) -> None:
    type_day(emulator, shared, who, "", number)


@when(parsers.parse('"{who}" types "{text}" as the Statusdato of measure "{number}"'))
def type_day(
    emulator: SheetsEmulator, shared: dict[str, Any], who: str, text: str, number: str
) -> None:
    rows = emulator.cells(shared["id"], KEY)
    row = next(i for i, cells in enumerate(rows, start=1) if cells[1] == number)
    label = rowcol_to_a1(row, LAYOUT.index("Statusdato") + 1)
    emulator.user_edit(
        shared["id"], KEY, {label: text}, user=(who, who.split()[0].lower() + "@example.no")
    )


@when(parsers.parse("the sync runs on {day}"))
def sync_runs(memory_app: Planlogg, shared: dict[str, Any], day: str) -> None:
    _sync(memory_app, shared, day)


@then(parsers.parse('the sheet shows measure "{number}" as "{light}", "{comment}", "{day}"'))
def sheet_shows(
    emulator: SheetsEmulator,
    shared: dict[str, Any],
    number: str,
    light: str,
    comment: str,
    day: str,
) -> None:
    row = _row(emulator, shared, number)
    columns = ("Status", "Statuskommentar", "Statusdato")
    assert [row[LAYOUT.index(column)] for column in columns] == [light, comment, day]


STATUS = 'measure "{number}" has the status "{light}", "{comment}", reported {day}'


@then(parsers.parse(STATUS + ' in round "{round_id}"'))
def status_in_round(
    memory_app: Planlogg, number: str, light: str, comment: str, day: str, round_id: str
) -> None:
    status = memory_app.get_plan(KEY).find_measure(number).status
    assert status is not None
    assert (status.colour.label, status.comment, status.reported_on, status.round_id) == (
        light, comment, _day(day), round_id,
    )  # fmt: skip


@then(
    parsers.parse(
        'measure "{number}" has the status "{light}", "{comment}", reported {day} in no round'
    )
)
def status_in_no_round(
    memory_app: Planlogg, number: str, light: str, comment: str, day: str
) -> None:
    status_in_round(memory_app, number, light, comment, day, "")


def _reported(app: Planlogg, body: str) -> bool:
    plan = app.get_plan(KEY)
    if plan.open_round_id() != "R1":
        raise AssertionError(f"round R1 is not the open round: {plan.open_round_id()}")
    return has_reported(body, "R1", plan.reporting_measures())


@then(parsers.parse('"{body}" has reported in the round'))
def reported(memory_app: Planlogg, body: str) -> None:
    assert _reported(memory_app, body)


@then(parsers.parse('"{body}" has not reported in the round'))
def not_reported(memory_app: Planlogg, body: str) -> None:
    assert not _reported(memory_app, body)


@then(parsers.parse('the row of measure "{number}" explains "{text}"'))
def explains(emulator: SheetsEmulator, shared: dict[str, Any], number: str, text: str) -> None:
    assert _row(emulator, shared, number)[LAYOUT.index("Melding")] == text


@then(parsers.parse('the row of measure "{number}" explains nothing'))
def explains_nothing(emulator: SheetsEmulator, shared: dict[str, Any], number: str) -> None:
    assert _row(emulator, shared, number)[LAYOUT.index("Melding")] == ""

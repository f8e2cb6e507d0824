"""Steps for features/sync_with_sheet.feature (against the local Google Sheets emulator)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from gspread.utils import a1_to_rowcol, rowcol_to_a1
from pytest_bdd import given, parsers, scenarios, then, when

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend
from sync.layout import Layout, SyncRefused
from sync.loop import lay_out
from tests.sheets_emulator import SheetsEmulator

scenarios("sync_with_sheet.feature")

SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Oppsett")
WEB = Provenance("Webbrukar", Source.WEB)
KEY = "hf-2025"
LAYOUT = Layout.for_years((2025,))


@pytest.fixture
def shared() -> dict[str, Any]:
    return {}


@dataclass
class Waiting:
    """Planlogg's waits when Google says "try again in N seconds", and what people do in
    the sheet meanwhile: `typing`, done at the first wait (no time passes)."""

    seconds: list[float] = field(default_factory=list)
    typing: list[Callable[[], None]] = field(default_factory=list)

    def wait(self, seconds: float) -> None:
        self.seconds.append(seconds)
        while self.typing:
            self.typing.pop(0)()


@pytest.fixture
def waiting() -> Waiting:
    return Waiting()


@given(parsers.parse('a plan "{key}" with measure "{number}" reading "{text}"'))
def plan(memory_app: Planlogg, key: str, number: str, text: str) -> None:
    memory_app.create_plan(key, "Handlingsplan 2025", "hf", 2025, 2025, SECRETARIAT)
    memory_app.add_area(key, "1", "Pasientforløp", SECRETARIAT)
    memory_app.add_goal(key, "1.1", "Tidleg innsats", SECRETARIAT)
    memory_app.add_measure(key, number, text, SECRETARIAT)


@given("the plan is laid out in a shared Google spreadsheet")
def laid_out(
    memory_app: Planlogg, emulator: SheetsEmulator, shared: dict[str, Any], waiting: Waiting
) -> None:
    class Client(BoundedRetryClient):
        sleep = staticmethod(waiting.wait)

    spreadsheet_id = emulator.create_spreadsheet("Handlingsplan 2025")
    client = emulator.gspread_client(http_client=Client)
    shared["backend"] = GoogleSheetBackend(client, spreadsheet_id, KEY)
    shared["id"] = spreadsheet_id
    lay_out(memory_app, shared["backend"], KEY)
    SheetSync(memory_app, ReadModels.open(memory_app)).cycle(shared["backend"], KEY)


@given(parsers.parse('the plan has measures "{first}", "{second}" and "{third}"'))
def more_measures(
    memory_app: Planlogg, shared: dict[str, Any], first: str, second: str, third: str
) -> None:
    for number in (first, second, third):
        memory_app.add_measure(KEY, number, f"Tiltak {number}", SECRETARIAT)
    SheetSync(memory_app, ReadModels.open(memory_app)).cycle(shared["backend"], KEY)


def _row(emulator: SheetsEmulator, shared: dict[str, Any], number: str) -> int:
    cells = emulator.cells(shared["id"], KEY)
    return next(i for i, row in enumerate(cells, start=1) if row[1] == number)


def _cell(emulator: SheetsEmulator, shared: dict[str, Any], number: str, column: str) -> str:
    return emulator.cells(shared["id"], KEY)[_row(emulator, shared, number) - 1][
        LAYOUT.index(column)
    ]


def _type(
    emulator: SheetsEmulator, shared: dict[str, Any], who: str, number: str, column: str, text: str
) -> None:
    label = rowcol_to_a1(_row(emulator, shared, number), LAYOUT.index(column) + 1)
    emulator.user_edit(
        shared["id"], KEY, {label: text}, user=(who, who.split()[0].lower() + "@example.no")
    )


@when(parsers.parse('"{who}" types "{text}" as the text of measure "{number}"'))
def type_text(
    emulator: SheetsEmulator, shared: dict[str, Any], who: str, text: str, number: str
) -> None:
    _type(emulator, shared, who, number, "Tiltak", text)


@when(parsers.parse('"{who}" types "{text}" as the status of measure "{number}"'))
def type_status(
    emulator: SheetsEmulator, shared: dict[str, Any], who: str, text: str, number: str
) -> None:
    _type(emulator, shared, who, number, "Status", text)


@when(parsers.parse('"{who}" swaps the numbers of measures "{first}" and "{second}"'))
def swap_numbers(
    emulator: SheetsEmulator, shared: dict[str, Any], who: str, first: str, second: str
) -> None:
    column = LAYOUT.index("Nr") + 1
    rows = {number: _row(emulator, shared, number) for number in (first, second)}
    emulator.user_edit(
        shared["id"], KEY,
        {rowcol_to_a1(rows[first], column): second, rowcol_to_a1(rows[second], column): first},
        user=(who, who.split()[0].lower() + "@example.no"),
    )  # fmt: skip


@when(parsers.parse('"{who}" deletes the row of measure "{number}"'))
def delete_row(emulator: SheetsEmulator, shared: dict[str, Any], who: str, number: str) -> None:
    row = _row(emulator, shared, number)
    emulator.user_delete_rows(shared["id"], KEY, row, row)


@when(parsers.parse('someone in Planlogg rewords measure "{number}" to "{text}"'))
def reword_in_planlogg(memory_app: Planlogg, number: str, text: str) -> None:
    memory_app.reword_measure(KEY, number, text, WEB)


@when(parsers.parse('someone in Planlogg removes measure "{number}"'))
def remove_in_planlogg(memory_app: Planlogg, number: str) -> None:
    memory_app.remove_measure(KEY, number, WEB)


WRITES = {
    "write of the cells": "values:batchUpdate",
    "deletion of rows": "{id}:batchUpdate",
}


@when(parsers.parse('Google answers the sync\'s {write} with "try again in {seconds:d} seconds"'))
def google_holds_back(
    emulator: SheetsEmulator, shared: dict[str, Any], write: str, seconds: int
) -> None:
    """A 429 with Retry-After on the next request of that kind only."""
    emulator.faults.add(status=429, retry_after=seconds, match=WRITES[write].format(**shared))


@when(
    parsers.parse(
        'the sync runs, and while it waits "{who}" types "{text}" as the text of measure "{number}"'
    )
)
def sync_runs_while_typing(
    memory_app: Planlogg,
    emulator: SheetsEmulator,
    shared: dict[str, Any],
    waiting: Waiting,
    who: str,
    text: str,
    number: str,
) -> None:
    waiting.typing.append(lambda: _type(emulator, shared, who, number, "Tiltak", text))
    SheetSync(memory_app, ReadModels.open(memory_app)).cycle(shared["backend"], KEY)


@when("the sync runs")
def sync_runs(memory_app: Planlogg, shared: dict[str, Any]) -> None:
    SheetSync(memory_app, ReadModels.open(memory_app)).cycle(shared["backend"], KEY)


@when("someone clears all rows of the sheet")
def clear_rows(emulator: SheetsEmulator, shared: dict[str, Any]) -> None:
    last = len(emulator.cells(shared["id"], KEY))
    emulator.user_delete_rows(shared["id"], KEY, 2, last)


@then(parsers.parse('measure "{number}" reads "{text}"'))
def measure_reads(
    memory_app: Planlogg, emulator: SheetsEmulator, shared: dict[str, Any], number: str, text: str
) -> None:
    assert memory_app.get_plan(KEY).find_measure(number).text == text
    assert _cell(emulator, shared, number, "Tiltak") == text


@then(parsers.parse('measure "{number}" has status "{label}"'))
def has_status(
    memory_app: Planlogg, emulator: SheetsEmulator, shared: dict[str, Any], number: str, label: str
) -> None:
    status = memory_app.get_plan(KEY).find_measure(number).status
    assert status is not None and status.colour.label == label
    assert _cell(emulator, shared, number, "Status") == label


def _events(app: Planlogg, kind: str) -> list[Any]:
    plan = app.get_plan(KEY)
    return [e for e in app.events.get(plan.id) if type(e).__name__ == kind]


@then(parsers.parse('the measure reading "{text}" has number "{number}"'))
def measure_numbered(
    memory_app: Planlogg, emulator: SheetsEmulator, shared: dict[str, Any], text: str, number: str
) -> None:
    [measure] = [m for m in memory_app.get_plan(KEY).active_measures() if m.text == text]
    assert measure.number == number
    assert _cell(emulator, shared, number, "Tiltak") == text


@then(parsers.parse('the audit shows the change came from the sheet by "{who}"'))
def audit_shows(memory_app: Planlogg, who: str) -> None:
    [event] = _events(memory_app, "MeasureReworded")
    assert event.by.source is Source.SHEET
    assert event.by.actor == f"{who} <{who.split()[0].lower()}@example.no>"  # as _type signs


@then(parsers.parse('the audit keeps "{text}" as a conflict'))
def conflict_kept(memory_app: Planlogg, text: str) -> None:
    [event] = _events(memory_app, "EditConflictRecorded")
    assert event.lost == text


@then(parsers.parse('the row of measure "{number}" explains "{text}"'))
def row_explains(emulator: SheetsEmulator, shared: dict[str, Any], number: str, text: str) -> None:
    assert text in _cell(emulator, shared, number, "Melding")
    [(label, note)] = emulator.notes(shared["id"], KEY).items()
    assert a1_to_rowcol(label)[0] == _row(emulator, shared, number)
    assert text in note


@then(parsers.parse('the row of measure "{number}" explains nothing'))
def row_explains_nothing(emulator: SheetsEmulator, shared: dict[str, Any], number: str) -> None:
    assert _cell(emulator, shared, number, "Melding") == ""
    assert emulator.notes(shared["id"], KEY) == {}


@then(parsers.parse('the status cell of measure "{number}" still shows "{text}"'))
def status_shows(emulator: SheetsEmulator, shared: dict[str, Any], number: str, text: str) -> None:
    assert _cell(emulator, shared, number, "Status") == text


@then(parsers.parse("the sync waited {seconds:d} seconds, once"))
def waited(emulator: SheetsEmulator, waiting: Waiting, seconds: int) -> None:
    assert (waiting.seconds, emulator.faults.injected) == ([seconds], 1)


@then(parsers.parse('the text cell of measure "{number}" still shows "{text}"'))
def text_shows(emulator: SheetsEmulator, shared: dict[str, Any], number: str, text: str) -> None:
    assert _cell(emulator, shared, number, "Tiltak") == text


@then("the audit keeps no conflict yet")
def no_conflict(memory_app: Planlogg) -> None:
    assert _events(memory_app, "EditConflictRecorded") == []


@then(parsers.parse('the audit keeps "{lost}" by "{who}" in {column} as a conflict with "{kept}"'))
def conflict_kept_exactly(
    memory_app: Planlogg, lost: str, who: str, column: str, kept: str
) -> None:
    [event] = _events(memory_app, "EditConflictRecorded")
    actor = f"{who} <{who.split()[0].lower()}@example.no>"  # as _type signs
    assert (event.field, event.kept, event.lost, event.by.actor) == (column, kept, lost, actor)
    assert event.by.source is Source.SHEET


@then(parsers.parse('the row of measure "{number}" says in Melding:'))
def row_says(emulator: SheetsEmulator, shared: dict[str, Any], number: str, docstring: str) -> None:
    """The Melding cell exactly; every note in the sheet is on that row, saying a part of it."""
    melding = _cell(emulator, shared, number, "Melding")
    assert melding == docstring
    notes = emulator.notes(shared["id"], KEY)
    assert notes and {a1_to_rowcol(label)[0] for label in notes} == {_row(emulator, shared, number)}
    assert all(note in melding for note in notes.values())


@then(parsers.parse("the sheet has the rows of measures {numbers}"))
def sheet_rows(emulator: SheetsEmulator, shared: dict[str, Any], numbers: str) -> None:
    assert [row[1] for row in emulator.cells(shared["id"], KEY)[1:]] == re.findall(
        r'"([^"]+)"', numbers
    )


@then(parsers.parse('measure "{number}" is still removed in Planlogg'))
def still_removed(memory_app: Planlogg, number: str) -> None:
    [state] = [m for m in memory_app.get_plan(KEY).measures.values() if m.number == number]
    assert state.removed


@then(parsers.parse('the sync stops with "{text}"'))
def sync_stops(memory_app: Planlogg, shared: dict[str, Any], text: str) -> None:
    with pytest.raises(SyncRefused, match=text):
        SheetSync(memory_app, ReadModels.open(memory_app)).cycle(shared["backend"], KEY)


@then("no measure has been removed")
def nothing_removed(memory_app: Planlogg) -> None:
    assert len(memory_app.get_plan(KEY).active_measures()) == 4

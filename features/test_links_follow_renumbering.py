"""Links follow a renumbered measure (against the local Google Sheets emulator, as
features/sync_with_sheet.feature).

People type in the sheet as themselves, so the sheet's revision history names them,
and Planlogg synchronises it in cycles, as `planlogg sync` does.
"""

from __future__ import annotations

from typing import Any

import pytest
from gspread.utils import rowcol_to_a1
from pytest_bdd import given, parsers, scenarios, then, when

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import AuditQuery, ReadModels
from sync.cycle import CycleReport, SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend
from sync.loop import lay_out
from tests.sheets_emulator import SheetsEmulator

scenarios("links_follow_renumbering.feature")

SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Oppsett")
KEY = "hf-2025"


@pytest.fixture
def shared() -> dict[str, Any]:
    return {}


def sync(app: Planlogg, shared: dict[str, Any]) -> CycleReport:
    return SheetSync(app, ReadModels.open(app)).cycle(shared["backend"], KEY)


@given(
    parsers.parse('a plan "{key}" with these measures, laid out in a shared Google spreadsheet:')
)
def laid_out(
    memory_app: Planlogg,
    emulator: SheetsEmulator,
    shared: dict[str, Any],
    key: str,
    datatable: list[list[str]],
) -> None:
    header, *measures = datatable
    if key != KEY or header != ["Nr", "Tiltak"]:
        raise ValueError(f"Uventa plan eller kolonnar: {key}, {header}")
    memory_app.create_plan(KEY, "Handlingsplan 2025", "hf", 2025, 2025, SECRETARIAT)
    memory_app.add_area(KEY, "1", "Pasientforløp", SECRETARIAT)
    memory_app.add_goal(KEY, "1.1", "Tidleg innsats", SECRETARIAT)
    for number, text in measures:
        memory_app.add_measure(KEY, number, text, SECRETARIAT)
    shared["id"] = emulator.create_spreadsheet("Handlingsplan 2025")
    client = emulator.gspread_client(http_client=BoundedRetryClient)
    shared["backend"] = GoogleSheetBackend(client, shared["id"], KEY)
    lay_out(memory_app, shared["backend"], KEY)
    sync(memory_app, shared)


@given(
    parsers.parse('"{who}" linked measure "{number}" to "{other}" in the browser, and the sync ran')
)
def linked(memory_app: Planlogg, shared: dict[str, Any], who: str, number: str, other: str) -> None:
    plan = memory_app.get_plan(KEY)
    see_also = [*plan.find_measure(number).see_also, other]
    by = Provenance(who, Source.WEB, reason="Hører sammen")
    memory_app.link_measure(KEY, number, see_also, [], by)
    sync(memory_app, shared)


def cells(emulator: SheetsEmulator, shared: dict[str, Any]) -> list[list[str]]:
    return emulator.cells(shared["id"], KEY)


def row_of(emulator: SheetsEmulator, shared: dict[str, Any], number: str) -> int:
    """The sheet's row (1 is the header) showing the measure's number."""
    header, *rows = cells(emulator, shared)
    column = header.index("Nr")
    (found,) = [i for i, row in enumerate(rows, start=2) if row[column] == number]
    return found


def signed(who: str) -> tuple[str, str]:
    """The name and address the sheet's revision history gives the person."""
    return who, f"{who.split()[0].lower()}@example.no"


@when(parsers.parse('"{who}" types "{new}" as the number of measure "{number}"'))
def type_number(
    emulator: SheetsEmulator, shared: dict[str, Any], who: str, new: str, number: str
) -> None:
    column = cells(emulator, shared)[0].index("Nr") + 1
    label = rowcol_to_a1(row_of(emulator, shared, number), column)
    emulator.user_edit(shared["id"], KEY, {label: new}, user=signed(who))


@when(parsers.parse('"{who}" swaps the numbers of measures "{first}" and "{second}"'))
def swap_numbers(
    emulator: SheetsEmulator, shared: dict[str, Any], who: str, first: str, second: str
) -> None:
    column = cells(emulator, shared)[0].index("Nr") + 1
    rows = {number: row_of(emulator, shared, number) for number in (first, second)}
    edits = {rowcol_to_a1(rows[first], column): second, rowcol_to_a1(rows[second], column): first}
    emulator.user_edit(shared["id"], KEY, edits, user=signed(who))


@when("the sync runs")
def sync_runs(memory_app: Planlogg, shared: dict[str, Any]) -> None:
    sync(memory_app, shared)


@then("the sheet reads:")
def sheet_reads(
    emulator: SheetsEmulator, shared: dict[str, Any], datatable: list[list[str]]
) -> None:
    header, *rows = cells(emulator, shared)
    columns = [header.index(name) for name in datatable[0]]
    assert [datatable[0], *([row[c] for c in columns] for row in rows)] == datatable


@then(parsers.parse('in Planlogg measure "{number}" is seen together with "{other}"'))
def seen_together(memory_app: Planlogg, number: str, other: str) -> None:
    assert memory_app.get_plan(KEY).find_measure(number).see_also == (other,)


@then(parsers.parse('the history of measure "{number}"\'s "Se også" reads:'))
def history_reads(memory_app: Planlogg, number: str, datatable: list[list[str]]) -> None:
    models = ReadModels.open(memory_app)
    models.catch_up()
    rows = models.history(AuditQuery(plan=KEY, measure=number, field="see_also")).rows
    header, *expected = datatable
    assert header == ["Person", "Kilde", "Før", "Etter", "Begrunnelse"]
    assert [[r.actor, r.source, r.before, r.after, r.reason] for r in rows] == expected


@then("the next sync changes nothing")
def nothing_more(memory_app: Planlogg, shared: dict[str, Any]) -> None:
    again = sync(memory_app, shared)
    assert (again.applied, again.written, again.conflicts, again.rejected) == (0, 0, 0, 0)

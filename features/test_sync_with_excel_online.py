"""Steps for features/sync_with_excel_online.feature (against the local Graph emulator)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from gspread.utils import rowcol_to_a1
from pytest_bdd import given, parsers, scenarios, then, when

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.layout import Layout
from sync.loop import lay_out
from sync.retry import RetryPolicy
from tests.graph_emulator import GraphEmulator, User
from tests.graph_emulator.model import Workbook
from tests.sync.excel import excel_backend

scenarios("sync_with_excel_online.feature")

SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Oppsett")
WEB = Provenance("Webbrukar", Source.WEB)
KEY = "hf-2025"
LAYOUT = Layout.for_years((2025,))


@dataclass
class Workbench:
    """The workbook on the Graph emulator, Planlogg's backend on it, and Planlogg's waits
    when Graph says "try again in N seconds" with what people type meanwhile (`typing`,
    done at the first wait; no time passes)."""

    graph: GraphEmulator
    book: Workbook
    backend: ExcelOnlineBackend | None = None
    seconds: list[float] = field(default_factory=list)
    typing: list[tuple[str, str, str, str]] = field(default_factory=list)
    changed: dict[str, str] = field(default_factory=dict)  # "reworded"/"removed": number
    held: str = ""  # what the 429 matched

    def wait(self, seconds: float) -> None:
        self.seconds.append(seconds)
        while self.typing:
            self.type(*self.typing.pop(0))

    def row(self, number: str) -> int:
        cells = self.graph.cells(self.book, KEY)
        return next(i for i, row in enumerate(cells, start=1) if row[LAYOUT.index("Nr")] == number)

    def cell(self, number: str, column: str) -> str:
        return self.graph.cells(self.book, KEY)[self.row(number) - 1][LAYOUT.index(column)]

    def label(self, number: str, column: str) -> str:
        return rowcol_to_a1(self.row(number), LAYOUT.index(column) + 1)

    def type(self, who: str, number: str, column: str, text: str) -> None:
        email = who.split()[0].lower() + "@helsefellesskap.test"
        person = User("5a1c2e3f-0000-4000-8000-000000000003", who, email)
        self.graph.user_edit(self.book, KEY, {self.label(number, column): text}, user=person)

    def cycle(self, app: Planlogg) -> None:
        assert self.backend is not None
        SheetSync(app, ReadModels.open(app)).cycle(self.backend, KEY)


@pytest.fixture
def bench(graph: GraphEmulator) -> Workbench:
    return Workbench(graph, graph.create_workbook("Handlingsplan 2025.xlsx"))


@given(parsers.parse('a plan "{key}" with measure "{number}" reading "{text}"'))
def plan(memory_app: Planlogg, key: str, number: str, text: str) -> None:
    memory_app.create_plan(key, "Handlingsplan 2025", "hf", 2025, 2025, SECRETARIAT)
    memory_app.add_area(key, "1", "Pasientforløp", SECRETARIAT)
    memory_app.add_goal(key, "1.1", "Tidleg innsats", SECRETARIAT)
    memory_app.add_measure(key, number, text, SECRETARIAT)


@given("the plan is laid out in a shared Excel Online workbook")
def laid_out(memory_app: Planlogg, bench: Workbench) -> None:
    bench.backend = excel_backend(bench.graph, bench.book, KEY, [])
    bench.backend.client.policy = RetryPolicy(sleep=bench.wait)
    lay_out(memory_app, bench.backend, KEY)
    bench.cycle(memory_app)


@given(parsers.parse('the plan has measures "{first}", "{second}" and "{third}"'))
def more_measures(
    memory_app: Planlogg, bench: Workbench, first: str, second: str, third: str
) -> None:
    for number in (first, second, third):
        memory_app.add_measure(KEY, number, f"Tiltak {number}", SECRETARIAT)
    bench.cycle(memory_app)


@when(parsers.parse('someone in Planlogg rewords measure "{number}" to "{text}"'))
def reword_in_planlogg(memory_app: Planlogg, bench: Workbench, number: str, text: str) -> None:
    bench.changed["reworded"] = number
    memory_app.reword_measure(KEY, number, text, WEB)


@when(parsers.parse('someone in Planlogg removes measure "{number}"'))
def remove_in_planlogg(memory_app: Planlogg, bench: Workbench, number: str) -> None:
    bench.changed["removed"] = number
    memory_app.remove_measure(KEY, number, WEB)


@when(parsers.parse('Graph answers the sync\'s {write} with "try again in {seconds:d} seconds"'))
def graph_holds_back(bench: Workbench, write: str, seconds: int) -> None:
    """A 429 with Retry-After on that one request of the next cycle only: the write of the
    Tiltak cell of the measure reworded in Planlogg, or the delete of the row of the measure
    removed there."""
    if write == "write of the cells":
        cell = bench.label(bench.changed["reworded"], "Tiltak")
        bench.held = f"range(address='{cell}:{cell}')"
    else:
        row = bench.row(bench.changed["removed"])
        bench.held = f"range(address='{row}:{row}')/delete"
    bench.graph.faults.add(status=429, retry_after=seconds, match=bench.held)


@when(
    parsers.parse(
        'the sync runs, and while it waits "{who}" types "{text}" as the text of measure "{number}"'
    )
)
def sync_runs_while_typing(
    memory_app: Planlogg, bench: Workbench, who: str, text: str, number: str
) -> None:
    bench.typing.append((who, number, "Tiltak", text))
    bench.graph.reset_requests()
    bench.cycle(memory_app)


@when("the sync runs")
def sync_runs(memory_app: Planlogg, bench: Workbench) -> None:
    bench.cycle(memory_app)


@then(parsers.parse("the sync waited {seconds:d} seconds, once"))
def waited(bench: Workbench, seconds: int) -> None:
    """Once, and for the one request the 429 was meant for."""
    assert (bench.seconds, bench.graph.faults.injected) == ([seconds], 1)
    [held] = [path for _method, path, status in bench.graph.batched() if status == 429]
    assert held.endswith(bench.held)


@then(parsers.parse('the text cell of measure "{number}" still shows "{text}"'))
def text_shows(bench: Workbench, number: str, text: str) -> None:
    assert bench.cell(number, "Tiltak") == text


@then(parsers.parse('measure "{number}" reads "{text}"'))
def measure_reads(memory_app: Planlogg, bench: Workbench, number: str, text: str) -> None:
    assert memory_app.get_plan(KEY).find_measure(number).text == text
    assert bench.cell(number, "Tiltak") == text


def _events(app: Planlogg, kind: str) -> list[Any]:
    plan = app.get_plan(KEY)
    return [e for e in app.events.get(plan.id) if type(e).__name__ == kind]


@then("the audit keeps no conflict yet")
def no_conflict(memory_app: Planlogg) -> None:
    assert _events(memory_app, "EditConflictRecorded") == []


@then(parsers.parse('the audit keeps "{lost}" by "{who}" in {column} as a conflict with "{kept}"'))
def conflict_kept_exactly(
    memory_app: Planlogg, lost: str, who: str, column: str, kept: str
) -> None:
    """Excel Online names the editor by the display name on the item's versions."""
    [event] = _events(memory_app, "EditConflictRecorded")
    assert (event.field, event.kept, event.lost, event.by.actor) == (column, kept, lost, who)
    assert event.by.source is Source.SHEET


@then(parsers.parse('the row of measure "{number}" says in Melding:'))
def row_says(bench: Workbench, number: str, docstring: str) -> None:
    """The Melding cell exactly (Excel Online has no cell notes)."""
    assert bench.cell(number, "Melding") == docstring


@then(parsers.parse("the workbook has the rows of measures {numbers}"))
def workbook_rows(bench: Workbench, numbers: str) -> None:
    rows = bench.graph.cells(bench.book, KEY)[1:]
    assert [row[LAYOUT.index("Nr")] for row in rows] == re.findall(r'"([^"]+)"', numbers)


@then(parsers.parse('measure "{number}" is still removed in Planlogg'))
def still_removed(memory_app: Planlogg, number: str) -> None:
    [state] = [m for m in memory_app.get_plan(KEY).measures.values() if m.number == number]
    assert state.removed

"""A person types in the workbook while Graph holds back a write (429 with Retry-After):
what they typed stays, whichever batch of the cycle's writes the wait fell in."""

from __future__ import annotations

import dataclasses

import pytest
from gspread.utils import rowcol_to_a1

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend, GraphClient
from sync.layout import Layout
from sync.loop import lay_out
from sync.retry import RetryPolicy
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import Workbook
from tests.sync.conftest import PLAN, WEB, make_plan
from tests.sync.excel import excel_backend

MEASURES = 30
TYPED = "Skrive sjølv"
STORED = "Tal møte i året"


LAYOUT = Layout.for_years((2024, 2025))
INDICATOR = LAYOUT.index("Indikator")
MESSAGE = LAYOUT.index("Melding")
TILTAK = LAYOUT.index("Tiltak")


def _label(row: int, name: str) -> str:
    return rowcol_to_a1(row, LAYOUT.index(name) + 1)


def _backend(graph: GraphEmulator, book: Workbook, sleep: RetryPolicy) -> ExcelOnlineBackend:
    token = graph.token()
    client = GraphClient(lambda fresh: token, graph.base_url, session=graph.session(), policy=sleep)
    return ExcelOnlineBackend(client, book.sharing_url, PLAN)


@pytest.mark.parametrize("row", [2, MEASURES + 1])
def test_a_cell_typed_during_a_throttled_write_is_not_overwritten(
    memory_app: Planlogg,
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    book: Workbook,
    row: int,
) -> None:
    """Every measure is reworded in the store, so the cycle writes more than one batch of
    ranges; Graph answers 429 to the write of `row` and, while Planlogg waits, a person types
    that row's Tiltak. Their text stays and the cell counts as skipped; the next cycle sees
    both sides changed: a conflict, which the store wins with the person's words kept in
    Melding."""
    make_plan(memory_app, measures=MEASURES)
    waited: list[float] = []

    def wait(seconds: float) -> None:
        waited.append(seconds)
        graph.user_edit(book, PLAN, {_label(row, "Tiltak"): TYPED})

    backend = _backend(graph, book, RetryPolicy(sleep=wait))
    lay_out(memory_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    for n in range(1, MEASURES + 1):
        memory_app.reword_measure(PLAN, f"T{n:03}", f"Nytt tiltak {n}", WEB)
    graph.faults.add(status=429, retry_after=7, match=f"range(address='{_label(row, 'Tiltak')}:")
    report = sheet_sync.cycle(backend, PLAN)
    assert waited == [7]
    tiltak = LAYOUT.index("Tiltak")
    cells = graph.cells(book, PLAN)
    assert cells[row - 1][tiltak] == TYPED
    assert [cells[r - 1][tiltak] for r in (2, MEASURES + 1) if r != row] == [
        f"Nytt tiltak {MEASURES if row == 2 else 1}"
    ]
    assert report.skipped == 1
    again = sheet_sync.cycle(backend, PLAN)
    shown = graph.cells(book, PLAN)[row - 1]
    assert (again.conflicts, shown[tiltak]) == (1, f"Nytt tiltak {row - 1}")
    assert TYPED in shown[LAYOUT.index("Melding")]


def test_a_row_typed_in_during_a_throttled_delete_is_kept(
    memory_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook
) -> None:
    """A measure removed in the store has its row deleted; Graph answers 429 to the delete
    and, while Planlogg waits, a person writes in that row's own column. The row stays."""
    make_plan(memory_app, measures=MEASURES)
    row = MEASURES + 1
    own = len(LAYOUT.header) + 2  # a column of the person's own, one past the plan's

    def wait(seconds: float) -> None:
        graph.user_edit(book, PLAN, {rowcol_to_a1(row, own): "Vi held fram"})

    backend = _backend(graph, book, RetryPolicy(sleep=wait))
    lay_out(memory_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    memory_app.remove_measure(PLAN, f"T{MEASURES:03}", WEB)
    graph.faults.add(status=429, retry_after=7, match=f"range(address='{row}:{row}')/delete")
    sheet_sync.cycle(backend, PLAN)
    cells = graph.cells(book, PLAN)
    assert len(cells) == row
    assert cells[row - 1][LAYOUT.index("Nr")] == f"1.2.{MEASURES}"
    assert cells[row - 1][own - 1] == "Vi held fram"


def test_a_new_rows_cell_typed_in_during_a_throttled_write_is_a_conflict_not_an_edit(
    memory_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook
) -> None:
    """T007 is added in the store with an Indikator: row 8 is written as A8:G8 (the ID
    first), K8 (Indikator) and Y8:Z8. Graph answers 429 to K8; while Planlogg waits, a person
    types in K8. K8 is withheld and counts as skipped. Both texts must survive the next
    cycle: the store's in the cell, the person's in Melding, as a conflict, as for a measure
    already in the sheet. The ID cell confirms the new measure's baseline without K8
    (`sync.cycle._confirmed`); otherwise the person's text would read as an edit of it."""
    make_plan(memory_app)
    waits: list[float] = []
    backend = excel_backend(graph, book, PLAN, waits)
    lay_out(memory_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    memory_app.add_measure(PLAN, "1.2.7", "Nytt tiltak", WEB, responsible=["PSU"])
    memory_app.set_smart_criteria(PLAN, "T007", WEB, indicator=STORED)
    cell = rowcol_to_a1(8, INDICATOR + 1)

    def wait(seconds: float) -> None:
        waits.append(seconds)
        graph.user_edit(book, PLAN, {cell: TYPED})

    backend.client.policy = dataclasses.replace(backend.client.policy, sleep=wait)
    graph.faults.add(status=429, retry_after=7, match=f"range(address='{cell}:{cell}')")
    report = sheet_sync.cycle(backend, PLAN)
    assert (waits, report.skipped) == ([7], 1)
    assert graph.cells(book, PLAN)[7][INDICATOR] == TYPED
    again = sheet_sync.cycle(backend, PLAN)
    row = graph.cells(book, PLAN)[7]
    assert (again.conflicts, row[INDICATOR]) == (1, STORED)
    assert TYPED in row[MESSAGE]
    assert memory_app.get_plan(PLAN).measures["T007"].smart.indicator == STORED


def test_a_cell_typed_while_graph_creates_the_session_is_not_overwritten(
    memory_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook
) -> None:
    """The write's first batch reads the plan tab and asks for a session; Graph answers the
    session with 202 and Planlogg polls it, waiting 1, 2, 4 s (`_await_operation`). A person
    types T002's Tiltak (E3) during the first wait. That wait follows the read as a 429's
    does (`GraphClient.waits`), so the tab is read again before writing: their text stays,
    and counts as skipped."""
    make_plan(memory_app)
    waits: list[float] = []
    backend = excel_backend(graph, book, PLAN, waits)
    lay_out(memory_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    memory_app.reword_measure(PLAN, "T002", "Nytt", WEB)
    cell = rowcol_to_a1(3, TILTAK + 1)

    def wait(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 1:
            graph.user_edit(book, PLAN, {cell: TYPED})

    backend.client.policy = dataclasses.replace(backend.client.policy, sleep=wait)
    graph.slow_sessions(2)
    report = sheet_sync.cycle(backend, PLAN)
    assert waits == [1.0, 2.0, 4.0]
    assert (graph.cells(book, PLAN)[2][TILTAK], report.skipped) == (TYPED, 1)

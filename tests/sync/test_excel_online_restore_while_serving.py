"""A `planlogg sync restore` on the command line while `planlogg serve` keeps syncing the
same Excel Online workbook: the restore moves the plan to a new tab under a newer name,
and the running loop, whose backend found the old tab at its start, must follow it there
and leave the old tab alone."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.layout import Layout
from sync.loop import SyncLoop, lay_out
from sync.restore import restore
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import Workbook
from tests.sync.conftest import PLAN, WEB
from tests.sync.excel import excel_backend

NEW_TAB = "Ny fane"


def _column(name: str) -> int:
    return Layout.for_years((2024, 2025)).index(name)


def _ids(graph: GraphEmulator, book: Workbook, tab: str) -> list[str]:
    return [row[0] for row in graph.cells(book, tab)[1:] if row]


@pytest.fixture
def book(graph: GraphEmulator) -> Workbook:
    return graph.create_workbook()


@pytest.fixture
def serving(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook
) -> SyncLoop:
    """The serve loop, laid out and synced once, then a restore from the command line."""
    served = excel_backend(graph, book, PLAN, [])
    loop = SyncLoop(sheet_sync, lambda key: served, PLAN)
    loop.run_once()
    restore(sheet_sync, excel_backend(graph, book, PLAN, []), PLAN, tab=NEW_TAB)
    graph.reset_requests()
    return loop


def test_the_serve_loop_writes_to_the_new_tab_and_leaves_the_old_one(
    plan_app: Planlogg, graph: GraphEmulator, book: Workbook, serving: SyncLoop
) -> None:
    old = graph.cells(book, PLAN)
    plan_app.reword_measure(PLAN, "T002", "Etter gjenopprettinga", WEB)
    serving.run_once()
    assert graph.cells(book, PLAN) == old
    assert graph.cells(book, NEW_TAB)[2][_column("Tiltak")] == "Etter gjenopprettinga"


def test_the_serve_loop_removes_a_row_on_the_new_tab(
    plan_app: Planlogg, graph: GraphEmulator, book: Workbook, serving: SyncLoop
) -> None:
    old = graph.cells(book, PLAN)
    plan_app.remove_measure(PLAN, "T002", WEB)
    serving.run_once()
    assert graph.cells(book, PLAN) == old
    assert _ids(graph, book, NEW_TAB) == ["T001", "T003", "T004", "T005", "T006"]


def test_the_serve_loop_reads_edits_made_on_the_new_tab(
    plan_app: Planlogg, graph: GraphEmulator, book: Workbook, serving: SyncLoop
) -> None:
    status = chr(ord("A") + _column("Status"))
    graph.user_edit(book, NEW_TAB, {f"{status}4": "gul"})
    graph.user_edit(book, PLAN, {f"{status}4": "raud"})
    assert serving.run_once().applied == 1
    assert plan_app.get_plan(PLAN).measure("T003").status.colour.label == "gul"


def test_after_following_an_unchanged_sheet_costs_one_request_again(
    graph: GraphEmulator, serving: SyncLoop
) -> None:
    serving.run_once()
    graph.reset_requests()
    assert serving.run_once().requests == graph.request_count() == 1


def test_the_restored_tab_has_its_text_format_recorded_for_later_starts(
    plan_app: Planlogg, graph: GraphEmulator, book: Workbook, serving: SyncLoop
) -> None:
    """A start after the restore finds the new tab by its newer name, and the record of its
    text format beside it: opening (2 requests) is all laying out costs."""
    assert f"Planlogg_{PLAN}_2.tekstformat" in book.names
    lay_out(plan_app, excel_backend(graph, book, PLAN, []), PLAN)
    assert graph.request_count() == 2

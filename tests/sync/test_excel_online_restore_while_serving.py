"""A `planlogg sync restore` on the command line while `planlogg serve` keeps syncing the
same Excel Online workbook: the restore moves the plan to a new tab under a newer name,
and the running loop, whose backend found the old tab at its start, must follow it there
and leave the old tab alone."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.backend import SheetBusy, SheetFormat
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.layout import Layout
from sync.lock import sync_lock
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


def test_following_a_restore_takes_the_lock_of_the_new_tab(
    plan_app: Planlogg, graph: GraphEmulator, book: Workbook, serving: SyncLoop
) -> None:
    """The loop's lock was taken for the tab it synced before; once it has followed the
    restore it writes the new tab, so it must hold the new tab's lock: another process
    started after the restore (it found the new tab at once) may be syncing it."""
    started_later = excel_backend(graph, book, PLAN, [])
    before = graph.cells(book, NEW_TAB)
    plan_app.reword_measure(PLAN, "T002", "Etter gjenopprettinga", WEB)
    with sync_lock(plan_app, started_later.target), pytest.raises(SheetBusy):
        serving.run_once()
    assert graph.cells(book, NEW_TAB) == before
    serving.run_once()
    assert graph.cells(book, NEW_TAB)[2][_column("Tiltak")] == "Etter gjenopprettinga"
    graph.reset_requests()
    assert serving.run_once().requests == 1


def test_the_cycle_that_follows_a_restore_costs_three_requests_more_once(
    graph: GraphEmulator, serving: SyncLoop
) -> None:
    """Following: the read, the tabs and names listed again, the new tab read under its lock
    (the read before the lock may be older than another sync's writes)."""
    assert serving.run_once().requests == graph.request_count() == 4
    graph.reset_requests()
    assert serving.run_once().requests == 1


def test_the_first_name_deleted_after_a_restore_is_followed_once_then_left(
    sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook, serving: SyncLoop
) -> None:
    """Without `Planlogg_<plan>` the plan's names no longer count from the first, so
    `Planlogg_<plan>_2` is not taken for the plan's (see `_generations`); the next newer
    name is still there, but following it once showed it leads nowhere: an unchanged sheet
    costs 1 request per cycle again, in the running loop and in a process started later."""
    del book.names[f"Planlogg_{PLAN}"]
    serving.run_once()
    graph.reset_requests()
    assert [serving.run_once().requests for _ in range(3)] == [1, 1, 1]
    started_later = excel_backend(graph, book, PLAN, [])
    sheet_sync.cycle(started_later, PLAN)
    graph.reset_requests()
    assert [sheet_sync.cycle(started_later, PLAN).requests for _ in range(3)] == [1, 1, 1]


class _Contested(ExcelOnlineBackend):
    """A backend whose lay-out (the restore's, on the new tab) probes the new tab's lock, as
    a process started after the restore would."""

    app: Planlogg
    other_sync = ""

    def lay_out(self, sheet_format: SheetFormat) -> None:
        try:
            with sync_lock(self.app, self.target):
                self.other_sync = "held the new tab"
        except SheetBusy:
            self.other_sync = "refused"
        super().lay_out(sheet_format)


def test_a_restore_holds_the_new_tabs_lock_until_its_first_cycle_is_done(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook
) -> None:
    backend = excel_backend(graph, book, PLAN, [])
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    contested = _Contested(backend.client, backend.workbook, PLAN)
    contested.app = plan_app
    restore(sheet_sync, contested, PLAN, tab=NEW_TAB)
    assert contested.other_sync == "refused"

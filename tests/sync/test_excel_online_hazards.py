"""What people and Microsoft's servers do mid-cycle, against the local Graph emulator."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.backend import BackendError, SheetBusy
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.layout import Layout
from sync.loop import lay_out
from tests.conftest import EventClock
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import Workbook
from tests.sync.conftest import PLAN, WEB
from tests.sync.excel import excel_backend


def _index(name: str) -> int:
    return Layout.for_years((2024, 2025)).index(name)


@pytest.mark.parametrize("tab", ["Oversikt", "Vedtak"])
def test_a_deleted_overview_or_decisions_tab_is_added_again_and_the_plan_still_syncs(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
    tab: str,
) -> None:
    """Planlogg keeps those tabs: one deleted while the sync runs is added again, and the
    plan's own cells are written in the same cycle."""
    graph.user_delete_sheet(book, tab)
    plan_app.reword_measure(PLAN, "T001", "Skrive likevel", WEB)
    sheet_sync.cycle(excel, PLAN)
    row = graph.cells(book, PLAN)[1]
    assert (row[_index("Tiltak")], row[_index("Endra av")]) == ("Skrive likevel", "Webbrukar")
    assert graph.cells(book, tab)[0][0] == {"Oversikt": "Plan", "Vedtak": "Vedtak"}[tab]
    assert sheet_sync.cycle(excel, PLAN).written == 0


def _session_creations(graph: GraphEmulator) -> int:
    return len(graph.batched("POST", "/createSession")) + sum(
        1 for r in graph.requests if r.path.endswith("/createSession")
    )


def test_a_conflict_that_is_not_about_the_session_is_not_taken_for_a_lost_session(
    event_clock: EventClock,
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    """Graph answers 409 for other conflicts too (``conflictUncategorized``: "not expected to
    resend the failed request until the conflict is resolved"): the cycle stops, says so,
    and closes its session, instead of opening a new one and sending the write again."""
    plan_app.reword_measure(PLAN, "T005", "Ikkje no", WEB)
    graph.faults.add(status=409, times=1, inner="conflictUncategorized", match="PATCH ")
    with pytest.raises(BackendError, match="409"):
        sheet_sync.cycle(excel, PLAN)
    assert _session_creations(graph) == 1
    assert graph.open_sessions() == []
    report = sheet_sync.cycle(excel, PLAN)
    assert graph.cells(book, PLAN)[5][_index("Tiltak")] == "Ikkje no"
    assert report.written == 2


def test_a_name_that_already_exists_is_not_taken_for_a_lost_session(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook
) -> None:
    """Two backends that opened before either restored both take `Planlogg_<plan>_2` for the
    next name; the second is answered 409 ``itemAlreadyExists``, which no new session
    mends: no back-off, no session created again (the restore names its tab with the next
    number instead, see test_excel_online_restore_name_taken)."""
    first = excel_backend(graph, book, PLAN, [])
    lay_out(plan_app, first, PLAN)
    waits: list[float] = []
    second = excel_backend(graph, book, PLAN, waits)
    second.target  # noqa: B018 -- opened before the first one restores
    first.relocate("Første")
    graph.reset_requests()
    second.relocate("Andre")
    assert waits == []
    assert _session_creations(graph) == 1
    assert graph.open_sessions() == []


def _label(row: int, name: str) -> str:
    index = Layout.for_years((2024, 2025)).index(name)
    return f"{chr(ord('A') + index)}{row}"


def test_a_batch_throttled_twice_waits_the_longest_retry_after(
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
    waits: list[float],
) -> None:
    """Two requests of the read's batch are held back, for 3 and for 9 seconds: the one wait
    honours the longer Retry-After (3 s would ask again while one is still throttled)."""
    graph.user_edit(book, PLAN, {_label(2, "Status"): "grønn"})
    plan_tab = graph.sheet(book, PLAN).id
    graph.faults.add(status=429, retry_after=3, match=f"{plan_tab}/usedRange")
    graph.faults.add(status=429, retry_after=9, match="/versions")
    assert sheet_sync.cycle(excel, PLAN).applied == 1
    assert waits == [9.0]


def test_a_refusal_beside_a_throttled_request_is_not_waited_for(
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
    waits: list[float],
) -> None:
    """One request of the read's batch is throttled, another refused (403): no wait can mend
    the refusal, so the cycle fails at once with it."""
    plan_tab = graph.sheet(book, PLAN).id
    graph.faults.add(status=429, retry_after=5, match=f"{plan_tab}/usedRange")
    graph.faults.add(status=403, match="/versions")
    with pytest.raises(BackendError, match="feil 403"):
        sheet_sync.cycle(excel, PLAN)
    assert waits == []


def test_a_423_without_a_detailed_code_is_a_busy_workbook(
    sheet_sync: SheetSync, graph: GraphEmulator, excel: ExcelOnlineBackend, waits: list[float]
) -> None:
    """Graph's 423 «resourceLocked» with no ``accessConflict`` inside: the workbook is locked,
    tried again next cycle, not a Graph failure."""
    graph.faults.add(status=423, match="usedRange")
    with pytest.raises(SheetBusy, match="låst for redigering"):
        sheet_sync.cycle(excel, PLAN)
    assert waits == []

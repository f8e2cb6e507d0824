"""A restore on Excel Online whose next name (``Planlogg_<plan>_N``) already exists: another
restore came first, or a name was left behind. The new tab is added before its name, so a
restore that cannot name it must take it away again, and say that the restore, not a later
round, is to be run again."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.backend import BackendError
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.loop import lay_out
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import Workbook
from tests.sync.conftest import PLAN
from tests.sync.excel import excel_backend

MARK = "Planlogg_" + PLAN.replace("-", "_")


@pytest.fixture
def first(plan_app: Planlogg, graph: GraphEmulator, book: Workbook) -> ExcelOnlineBackend:
    backend = excel_backend(graph, book, PLAN, [])
    lay_out(plan_app, backend, PLAN)
    return backend


def _tabs(book: Workbook) -> list[str]:
    return [sheet.name for sheet in book.worksheets]


def _points_at(graph: GraphEmulator, book: Workbook, name: str) -> str:
    """The title of the tab the name refers to."""
    return next(s.name for s in book.worksheets if s.id == book.names[name].sheet_id)


def test_a_restore_whose_name_another_restore_took_names_its_tab_with_the_next_number(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    book: Workbook,
    first: ExcelOnlineBackend,
) -> None:
    """Both backends opened before either restored, so both take ``_2``; the later one lists
    the names again (1 request) and names its tab ``_3`` in the session it holds (1 more): its
    tab is the plan's, for itself and for a process that starts after it."""
    waits: list[float] = []
    second = excel_backend(graph, book, PLAN, waits)
    second.target  # noqa: B018 -- opened before the first one restores
    first.relocate("Første")
    graph.reset_requests()
    second.relocate("Andre")
    assert graph.request_count() == 4
    assert waits == []
    assert graph.open_sessions() == []
    assert _points_at(graph, book, f"{MARK}_2") == "Første"
    assert _points_at(graph, book, f"{MARK}_3") == "Andre"
    assert _tabs(book).count("Andre") == 1
    andre = graph.sheet(book, "Andre").id
    assert second.target.endswith("#" + andre)
    assert excel_backend(graph, book, PLAN, []).target.endswith("#" + andre)
    lay_out(plan_app, second, PLAN)
    assert sheet_sync.cycle(second, PLAN).written == 54
    assert graph.cells(book, "Andre")[1][0] == "T001"
    assert graph.cells(book, "Første") == []


def test_a_restore_that_cannot_name_its_tab_takes_the_tab_away_and_says_to_restore_again(
    graph: GraphEmulator, book: Workbook, first: ExcelOnlineBackend
) -> None:
    """The next name is taken again when asked the second time (a third restore came
    between): the tab added is deleted, the session closed, and the message says what
    happened and to run the restore again, not that a later round will."""
    tabs = _tabs(book)
    names = set(book.names)
    graph.faults.add(status=409, times=2, inner="itemAlreadyExists", match="names/add")
    with pytest.raises(BackendError) as raised:
        first.relocate("Andre")
    assert _tabs(book) == tabs
    assert set(book.names) == names
    assert graph.open_sessions() == []
    message = raised.value.message
    assert "planlogg sync restore" in message
    assert "Andre" in message
    assert "neste synkronisering" not in message
    assert first.target.endswith("#" + graph.sheet(book, PLAN).id)


def test_a_name_left_outside_the_plan_s_names_is_not_taken_and_no_tab_is_left(
    graph: GraphEmulator, book: Workbook, first: ExcelOnlineBackend
) -> None:
    """With ``Planlogg_<plan>`` deleted by hand and ``_2`` left, the plan's names do not
    count from their first, so the next is ``_2`` again after listing them anew: the restore
    fails, without an empty tab left in the workbook."""
    first.relocate("Første")
    del book.names[MARK]
    tabs = _tabs(book)
    later = excel_backend(graph, book, PLAN, [])
    with pytest.raises(BackendError) as raised:
        later.relocate("Andre")
    assert _tabs(book) == tabs
    assert graph.open_sessions() == []
    assert "planlogg sync restore" in raised.value.message


def test_a_tab_that_cannot_be_deleted_again_is_named_in_the_message(
    graph: GraphEmulator, book: Workbook, first: ExcelOnlineBackend
) -> None:
    """When the delete is refused too, the message says the empty tab is left to delete."""
    graph.faults.add(status=409, times=2, inner="itemAlreadyExists", match="names/add")
    graph.faults.add(status=403, times=1, match="DELETE ")
    with pytest.raises(BackendError) as raised:
        first.relocate("Andre")
    assert "Andre" in _tabs(book)
    assert graph.open_sessions() == []
    assert "kan slettes" in raised.value.message
    assert "planlogg sync restore" in raised.value.message

"""What people and Microsoft's servers do mid-cycle, against the local Graph emulator."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.layout import Layout
from sync.loop import lay_out
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import Workbook
from tests.sync.conftest import PLAN, WEB
from tests.sync.excel import excel_backend


@pytest.fixture
def book(graph: GraphEmulator) -> Workbook:
    return graph.create_workbook()


@pytest.fixture
def excel(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook
) -> ExcelOnlineBackend:
    """The workbook laid out and synced once for the plan."""
    backend = excel_backend(graph, book, PLAN, [])
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    graph.reset_requests()
    return backend


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

"""An Excel Online tab that has the plan's title but no Planlogg name, whose first row is
empty while rows below hold values (a header cleared, or rows pasted in): laying it out
must not write the standard header over columns that may stand in another order, or every
cell would be read under another column's name. The cycle refuses the tab, saying why."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.layout import SyncRefused
from sync.loop import SyncLoop
from tests.graph_emulator import GraphEmulator
from tests.sync.conftest import PLAN
from tests.sync.excel import excel_backend


def test_rows_without_a_header_get_no_header_and_the_cycle_refuses_them(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator
) -> None:
    book = graph.create_workbook()
    graph.user_add_sheet(book, PLAN, {"A2": "Tiltak nummer 1", "B2": "T001", "C2": "1.1.1"})
    before = graph.cells(book, PLAN)
    backend = excel_backend(graph, book, PLAN, [])
    with pytest.raises(SyncRefused, match="ingen overskriftsrad"):
        SyncLoop(sheet_sync, lambda key: backend, PLAN).run_once()
    assert graph.cells(book, PLAN) == before
    assert list(book.names) == []
    plan = plan_app.get_plan(PLAN)
    assert plan.measure("T001").text == "Tiltak nummer 1"

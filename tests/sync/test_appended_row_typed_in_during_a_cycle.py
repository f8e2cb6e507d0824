"""A person typing a new row just below the table while a cycle appends a measure there
(Excel Online, through the Graph emulator): the row read empty is written only while it still
is (`still_valid`), so Planlogg's ID, number, area and goal never land beside what the person
typed, and their text never becomes the appended measure's Tiltak."""

from __future__ import annotations

from typing import Any

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.layout import Layout
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import Workbook
from tests.sync.conftest import PLAN, WEB

LAYOUT = Layout.for_years((2024, 2025))
TYPED = "Eige nytt tiltak"


def _label(row: int, name: str) -> str:
    return f"{chr(ord('A') + LAYOUT.index(name))}{row}"


def test_a_row_typed_below_the_table_during_a_cycle_is_not_taken_for_the_appended_measure(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    plan_app.add_measure(PLAN, "1.2.7", "Tiltak nummer 7", WEB, responsible=["PSU"])
    write = excel.write

    def typing_meanwhile(writes: Any) -> Any:
        """After the read, a person types a new measure in the first free row (row 8)."""
        graph.user_edit(book, PLAN, {_label(8, "Tiltak"): TYPED})
        return write(writes)

    excel.write = typing_meanwhile  # type: ignore[method-assign]
    sheet_sync.cycle(excel, PLAN)
    excel.write = write  # type: ignore[method-assign]

    assert graph.cells(book, PLAN)[7][:6] == ["", "", "", "", TYPED, ""]
    sheet_sync.cycle(excel, PLAN)
    texts = {m.number: m.text for m in plan_app.get_plan(PLAN).active_measures()}
    assert texts["1.2.7"] == "Tiltak nummer 7"

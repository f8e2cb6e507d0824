"""A row read without an ID is written only while nobody typed in it since the read
(`SheetWrites.rows_read`, `still_valid`): a row a person types in below the table while
a cycle appends a measure there is not taken for that measure; and a row a person added
(a new measure typed in the sheet) that they go on typing in while the cycle gives it its
ID gets the ID on the next cycle, as one measure."""

from __future__ import annotations

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.memory_backend import InMemorySheetBackend
from tests.sync.conftest import PLAN

LAST_ROW = 7
"""The in-memory sheet's last plan row: 6 measures from row 2."""


def test_a_row_added_in_the_sheet_and_typed_in_during_its_cycle_becomes_one_measure(
    plan_app: Planlogg, sheet_sync: SheetSync, sheet: InMemorySheetBackend
) -> None:
    row = LAST_ROW + 1
    assert sheet.grid[row - 2][0] != ""
    sheet.user_edit({(row, "Nr"): "1.2.8", (row, "Tiltak"): "Nytt frå arket"})
    sheet.before_write = lambda: sheet.user_edit({(row, "Ansvar"): "PSU"})
    sheet_sync.cycle(sheet, PLAN)
    sheet.before_write = None
    added = [m for m in plan_app.get_plan(PLAN).active_measures() if m.number == "1.2.8"]
    assert [(m.text, m.responsible) for m in added] == [("Nytt frå arket", ())]
    assert sheet.grid[row - 1][0] == ""
    sheet_sync.cycle(sheet, PLAN)
    added = [m for m in plan_app.get_plan(PLAN).active_measures() if m.number == "1.2.8"]
    assert [(m.text, m.responsible) for m in added] == [("Nytt frå arket", ("PSU",))]
    assert sheet.grid[row - 1][0] == added[0].id

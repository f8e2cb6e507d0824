"""A row's content moved without its ID cell is the same measure, not a wiped one."""

from __future__ import annotations

from openpyxl import load_workbook

from domain.application import Planlogg
from projections import ReadModels
from sync.cycle import SheetSync
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN


def test_cutting_a_row_from_column_b_and_pasting_it_lower_keeps_the_measure_whole(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """The ID column is grey and often hidden, so the cut starts at Nr: row 1.1.2 (T002)
    is cut from Nr to the end and pasted two rows below the table, leaving T002 alone on
    its row. The sync cleared T002's Ansvar and timeframe (applied as edits), refused the
    rest of the empty row, and refused the pasted row as «1.1.2 er allerede i bruk». Now
    the pasted row is T002, and the row left behind loses its ID."""
    book = load_workbook(workbook.path)
    tab = book[PLAN]
    header = [cell.value for cell in tab[1]]
    assert tab.cell(3, 1).value == "T002"
    target = tab.max_row + 2
    for column in range(header.index("Nr") + 1, len(header) + 1):
        tab.cell(target, column).value = tab.cell(3, column).value
        tab.cell(3, column).value = None
    book.properties.lastModifiedBy = "Siri Sekretær"
    book.save(workbook.path)
    first = SheetSync(plan_app, ReadModels.open(plan_app)).cycle(workbook, PLAN)
    second = SheetSync(plan_app, ReadModels.open(plan_app)).cycle(workbook, PLAN)

    assert (first.applied, first.conflicts, first.rejected) == (0, 0, 0)
    assert (second.applied, second.written, second.rejected) == (0, 0, 0)
    tab = load_workbook(workbook.path)[PLAN]
    assert tab.cell(3, 1).value is None  # the row left behind keeps no ID
    assert tab.cell(target, 1).value == "T002"
    plan = plan_app.get_plan(PLAN)
    measure = plan.measure("T002")
    assert not measure.removed
    assert (measure.number, measure.text) == ("1.1.2", "Tiltak nummer 2")
    assert measure.responsible and measure.marks
    assert len(plan.active_measures()) == 6

"""A decimal number pasted into the workbook is stored as a Norwegian reads it: 12,5."""

from __future__ import annotations

from openpyxl import load_workbook

from domain.application import Planlogg
from projections import ReadModels
from sync.cycle import SheetSync
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN


def test_a_pasted_decimal_number_keeps_its_decimal_comma(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """Pasting from another workbook brings the number format along, so the text format of
    Planlogg's column does not apply: Målverdi holds the number 12.5, which Norwegian Excel
    shows as «12,5». Planlogg stored «12.5» (a percentage already read «12,5 %», and the
    Google backend reads the formatted «12,5»)."""
    book = load_workbook(workbook.path)
    tab = book[PLAN]
    header = [cell.value for cell in tab[1]]
    cell = tab.cell(2, header.index("Målverdi") + 1)
    assert tab.cell(2, 1).value == "T001"
    cell.value = 12.5
    cell.number_format = "General"
    book.properties.lastModifiedBy = "Siri Sekretær"
    book.save(workbook.path)
    SheetSync(plan_app, ReadModels.open(plan_app)).cycle(workbook, PLAN)
    assert plan_app.get_plan(PLAN).measure("T001").smart.target == "12,5"

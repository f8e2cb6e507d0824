"""A swap of two numbers is not blocked by an unrelated row's refused number."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from domain.application import Planlogg
from projections import ReadModels
from sync.cycle import SheetSync
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN


def _type_numbers(path: Path, numbers: dict[str, str]) -> None:
    """Type into the Nr column of the rows with these IDs, as a person in Excel would."""
    book = load_workbook(path)
    tab = book[PLAN]
    header = [cell.value for cell in tab[1]]
    id_col, nr_col = header.index("ID") + 1, header.index("Nr") + 1
    for row in range(2, tab.max_row + 1):
        found = tab.cell(row, id_col).value
        if found in numbers:
            tab.cell(row, nr_col).value = numbers[found]
    book.properties.lastModifiedBy = "Siri Sekretær"
    book.save(path)


def _melding(path: Path, measure_id: str) -> str:
    tab = load_workbook(path)[PLAN]
    header = [cell.value for cell in tab[1]]
    for row in tab.iter_rows(min_row=2, values_only=True):
        if row[header.index("ID")] == measure_id:
            return str(row[header.index("Melding")] or "")
    raise AssertionError(measure_id)


def test_a_swap_goes_through_beside_a_number_refused_on_another_row(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """1.1.1 and 1.1.2 trade numbers while, on an unrelated row, a number naming a goal the
    plan lacks is refused. That one refusal used to make the whole batch fail, each number was
    then tried alone, and the swap was refused as «allerede i bruk» on both rows."""
    _type_numbers(workbook.path, {"T001": "1.1.2", "T002": "1.1.1", "T004": "9.9.9"})
    SheetSync(plan_app, ReadModels.open(plan_app)).cycle(workbook, PLAN)
    plan = plan_app.get_plan(PLAN)
    assert (plan.measure("T001").number, plan.measure("T002").number) == ("1.1.2", "1.1.1")
    assert plan.measure("T004").number == "1.2.4"
    assert "allerede i bruk" not in _melding(workbook.path, "T001")
    assert "9.9" in _melding(workbook.path, "T004")

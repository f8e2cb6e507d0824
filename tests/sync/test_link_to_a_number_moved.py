"""A link typed against the number the sheet showed does not dangle after a renumbering."""

from __future__ import annotations

from openpyxl import load_workbook

from domain.application import Planlogg
from projections import ReadModels
from sync.cycle import SheetSync
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN, WEB


def test_a_link_to_a_number_renumbered_since_the_last_cycle_follows_or_is_questioned(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """The sheet shows 1.1.1 for T001; someone types «1.1.1» in Se også of 1.1.3 while, in
    the browser, 1.1.1 is moved to 1.1.7. The sync stored a link to 1.1.1, a number no
    measure had (a measure given it later would have been linked instead), and said
    nothing. The link now follows the measure the sheet showed under that number."""
    book = load_workbook(workbook.path)
    tab = book[PLAN]
    header = [cell.value for cell in tab[1]]
    assert (tab.cell(2, 1).value, tab.cell(4, 1).value) == ("T001", "T003")
    tab.cell(4, header.index("Se også") + 1).value = "1.1.1"
    book.properties.lastModifiedBy = "Siri Sekretær"
    book.save(workbook.path)
    plan_app.move_measure(PLAN, "T001", "1.1.7", WEB)
    sync = SheetSync(plan_app, ReadModels.open(plan_app))
    first = sync.cycle(workbook, PLAN)
    second = sync.cycle(workbook, PLAN)

    assert plan_app.get_plan(PLAN).measure("T003").see_also == ("1.1.7",)
    assert (first.applied, first.conflicts, first.rejected) == (1, 0, 0)
    assert (second.applied, second.written, second.conflicts) == (0, 0, 0)
    tab = load_workbook(workbook.path)[PLAN]
    assert tab.cell(4, header.index("Se også") + 1).value == "1.1.7"

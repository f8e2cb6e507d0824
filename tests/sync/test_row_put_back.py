"""A deleted row put back with an edit: the measure comes back and the edit is applied."""

from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from domain.application import Planlogg
from projections import ReadModels
from sync.cycle import SheetSync
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN, WEB


def _row_of(tab: Worksheet, measure_id: str) -> int:
    for row in range(2, tab.max_row + 1):
        if tab.cell(row, 1).value == measure_id:
            return row
    raise AssertionError(measure_id)


def test_a_row_put_back_after_its_deletion_synced_keeps_what_was_typed_in_it(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """Row 1.1.3 is deleted by mistake and the sync removes the measure. The row is pasted
    back (with its ID) and, in the same save, an indicator is typed in it. The measure came
    back, but the indicator was not applied: the next cycle called it a conflict with a
    change «i Planlogg til «»» nobody made, and cleared the cell."""
    sync = SheetSync(plan_app, ReadModels.open(plan_app))
    book = load_workbook(workbook.path)
    tab = book[PLAN]
    header = [cell.value for cell in tab[1]]
    row = _row_of(tab, "T003")
    kept = [cell.value for cell in tab[row]]
    tab.delete_rows(row)
    book.save(workbook.path)
    sync.cycle(workbook, PLAN)
    assert plan_app.get_plan(PLAN).measure("T003").removed

    book = load_workbook(workbook.path)
    tab = book[PLAN]
    tab.insert_rows(row)
    for column, value in enumerate(kept, start=1):
        tab.cell(row, column).value = value
    tab.cell(row, header.index("Indikator") + 1).value = "Antall kurs"
    book.properties.lastModifiedBy = "Siri Sekretær"
    book.save(workbook.path)
    sync.cycle(workbook, PLAN)
    sync.cycle(workbook, PLAN)

    measure = plan_app.get_plan(PLAN).measure("T003")
    assert not measure.removed
    assert measure.smart.indicator == "Antall kurs"
    assert measure.conflicts == ()
    tab = load_workbook(workbook.path)[PLAN]
    assert tab.cell(_row_of(tab, "T003"), header.index("Indikator") + 1).value == "Antall kurs"


def test_a_row_put_back_whose_number_was_taken_meanwhile_asks_again_without_conflicts(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """1.1.3 is deleted and synced; on the web the number is given to a new measure; the row
    is pasted back with its status typed in capitals («Gul», which means the stored «gul»).
    The measure cannot come back (its number is taken): each cycle says so on the row, and
    none turns the row's cells into conflicts with a change nobody made."""
    sync = SheetSync(plan_app, ReadModels.open(plan_app))
    book = load_workbook(workbook.path)
    tab = book[PLAN]
    header = [cell.value for cell in tab[1]]
    plan_app.report_status(PLAN, "T003", "gul", "Seint", WEB)
    sync.cycle(workbook, PLAN)
    book = load_workbook(workbook.path)
    tab = book[PLAN]
    row = _row_of(tab, "T003")
    kept = [cell.value for cell in tab[row]]
    tab.delete_rows(row)
    book.save(workbook.path)
    sync.cycle(workbook, PLAN)
    plan_app.add_measure(PLAN, "1.1.3", "Eit anna tiltak", WEB)
    book = load_workbook(workbook.path)
    tab = book[PLAN]
    tab.insert_rows(row)
    for column, value in enumerate(kept, start=1):
        tab.cell(row, column).value = value
    tab.cell(row, header.index("Status") + 1).value = "Gul"
    book.save(workbook.path)

    reports = [sync.cycle(workbook, PLAN) for _ in range(2)]

    assert [(r.rejected, r.conflicts) for r in reports] == [(1, 0), (1, 0)]
    measure = plan_app.get_plan(PLAN).measure("T003")
    assert measure.removed and measure.conflicts == ()
    tab = load_workbook(workbook.path)[PLAN]
    said = tab.cell(_row_of(tab, "T003"), header.index("Melding") + 1).value
    assert "1.1.3" in str(said) and "Konflikt" not in str(said)

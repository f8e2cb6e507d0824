"""A formula Excel keeps as an array formula (entered with Ctrl+Shift+Enter, or a dynamic
array formula of Excel 365 such as FILTER, UNIQUE or SORT, which Excel saves so) follows
the rows the sync deletes from the plan tab, as any other formula does: openpyxl holds it
as an `ArrayFormula`, not as text, and it went on naming the old rows and counted or showed
the wrong measures, without a word (`sync.formula_rows._shift_array`)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.formula_rows import shift_formulas
from sync.layout import Layout
from sync.loop import lay_out
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN, WEB

OWN = get_column_letter(len(Layout.for_years((2024, 2025)).header) + 1)


def _synced(plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path) -> WorkbookBackend:
    workbook = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, workbook, PLAN)
    sheet_sync.cycle(workbook, PLAN)
    return workbook


def test_an_array_formula_on_another_tab_follows_the_rows_the_sync_deletes(
    plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    workbook = _synced(plan_app, sheet_sync, tmp_path)
    book = load_workbook(workbook.path)
    own = book.create_sheet("Utval")
    own["A1"] = ArrayFormula("A1", f"=INDEX({PLAN}!$E$2:$E$7,3)")
    own["A2"] = f"=INDEX({PLAN}!$E$2:$E$7,3)"
    own["B1"] = ArrayFormula("B1:B3", f'=FILTER({PLAN}!E2:E7,{PLAN}!A2:A7<>"")')
    book.save(workbook.path)
    plan_app.remove_measure(PLAN, "T001", WEB)
    sheet_sync.cycle(workbook, PLAN)
    book = load_workbook(workbook.path)
    assert book[PLAN]["E2"].value == "Tiltak nummer 2"
    assert book["Utval"]["A2"].value == f"=INDEX({PLAN}!$E$2:$E$6,3)"
    first, second = book["Utval"]["A1"].value, book["Utval"]["B1"].value
    assert (first.ref, first.text) == ("A1", f"=INDEX({PLAN}!$E$2:$E$6,3)")
    assert (second.ref, second.text) == ("B1:B3", f'=FILTER({PLAN}!E2:E6,{PLAN}!A2:A6<>"")')


def test_an_array_formula_on_the_plan_tab_moves_with_its_row(
    plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    workbook = _synced(plan_app, sheet_sync, tmp_path)
    book = load_workbook(workbook.path)
    tab = book[PLAN]
    tab[f"{OWN}1"] = "Telling"
    tab[f"{OWN}5"] = ArrayFormula(f"{OWN}5", "=SUM(LEN(E2:E7))")
    book.save(workbook.path)
    sheet_sync.cycle(workbook, PLAN)
    plan_app.remove_measure(PLAN, "T002", WEB)
    sheet_sync.cycle(workbook, PLAN)
    tab = load_workbook(workbook.path)[PLAN]
    assert [tab[f"A{row}"].value for row in (3, 4, 5)] == ["T003", "T004", "T005"]
    moved = tab[f"{OWN}4"].value
    assert isinstance(moved, ArrayFormula)
    assert (moved.ref, moved.text) == (f"{OWN}4", "=SUM(LEN(E2:E6))")
    assert tab[f"{OWN}5"].value is None


def test_shift_formulas_moves_an_array_formulas_cells_and_text() -> None:
    book = Workbook()
    tab = book.active
    tab.title = "Plan"
    tab["C2"] = ArrayFormula("C2:C6", "=A2:A6*2")
    tab.delete_rows(4)
    shift_formulas(book, tab, [4])
    formula = tab["C2"].value
    assert (formula.ref, formula.text) == ("C2:C5", "=A2:A5*2")

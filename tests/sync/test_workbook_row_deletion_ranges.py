"""Rows the sync deletes from the workbook's plan tab take the tab's ranges along, as Excel
does: the auto-filter (and its sort state, and the rows it hides), the conditional formats and
the data validations. A range below the deleted rows moves up, one spanning them shrinks, one
wholly inside them is gone; a rule's formula follows the rows it refers to.

The plan is `make_plan`'s: the header, and T001 … T006 on rows 2 … 7; Status is column I."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.loop import lay_out
from sync.row_ranges import sqref_rows_deleted
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN, WEB

RED = PatternFill("solid", bgColor="FFC7CE")


@pytest.mark.parametrize(
    ("sqref", "deleted", "moved"),
    [
        ("J4:J7", [3, 5], "J3:J5"),
        ("J2:J7", [3, 5], "J2:J5"),
        ("J8:J9", [3, 5], "J6:J7"),
        ("J1", [3, 5], "J1"),
        ("K3", [3, 5], ""),
        ("K3:K3 K5", [3, 5], ""),
        ("C2:C5 E2:E5", [3], "C2:C4 E2:E4"),
        ("M2:M3 N5:N6", [3, 5], "M2 N4"),
        ("D1:D1048576", [3, 5], "D1:D1048576"),
        ("D4:D1048576", [3, 5], "D3:D1048576"),
    ],
)
def test_a_range_moves_shrinks_or_goes_with_the_deleted_rows(
    sqref: str, deleted: list[int], moved: str
) -> None:
    assert sqref_rows_deleted(sqref, deleted) == moved


@pytest.fixture
def workbook(plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path) -> WorkbookBackend:
    backend = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return backend


def _delete(app: Planlogg, sync: SheetSync, workbook: WorkbookBackend, *ids: str) -> None:
    for measure in ids:
        app.remove_measure(PLAN, measure, WEB)
    sync.cycle(workbook, PLAN)


def _validations(workbook: WorkbookBackend, tab: str = PLAN) -> list[tuple[str, str | None]]:
    sheet = load_workbook(workbook.path)[tab]
    return sorted((str(v.sqref), v.formula1) for v in sheet.data_validations.dataValidation)


def _formats(workbook: WorkbookBackend) -> list[tuple[str, list[list[str]]]]:
    sheet = load_workbook(workbook.path)[PLAN]
    return sorted(
        (str(entry.sqref), [list(rule.formula) for rule in entry.rules])
        for entry in sheet.conditional_formatting
    )


def test_planloggs_status_dropdown_and_colours_shrink_and_are_not_laid_out_twice(
    plan_app: Planlogg, sheet_sync: SheetSync, workbook: WorkbookBackend
) -> None:
    """Deleting row 2 shrinks I2:I2000 to I2:I1999 as Excel would, the rule still reading its
    own row; the next start lays the same dropdown and colours out again over I2:I2000, not a
    second set beside the shrunk one."""
    [(cells, choices)] = _validations(workbook)
    [(coloured, rules)] = _formats(workbook)
    assert (cells, coloured) == ("I2:I2000", "I2:I2000")
    _delete(plan_app, sheet_sync, workbook, "T001")
    assert _validations(workbook) == [("I2:I1999", choices)]
    assert _formats(workbook) == [("I2:I1999", rules)]
    lay_out(plan_app, workbook, PLAN)
    assert _validations(workbook) == [("I2:I2000", choices)]
    assert _formats(workbook) == [("I2:I2000", rules)]
    sheet = load_workbook(workbook.path)[PLAN]
    [entry] = sheet.conditional_formatting
    assert [rule.priority for rule in entry.rules] == [1, 2, 3]


def test_peoples_filter_its_sort_and_the_rows_it_hides_follow_the_rows(
    plan_app: Planlogg, sheet_sync: SheetSync, workbook: WorkbookBackend
) -> None:
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    sheet.auto_filter.ref = "A1:AA7"
    sheet.auto_filter.add_filter_column(8, ["grønn"])
    sheet.auto_filter.add_sort_condition("E2:E7", descending=True)
    sheet.auto_filter.sortState.ref = "A2:AA7"
    for row in (4, 7):  # T003 and T006 filtered out
        sheet.row_dimensions[row].hidden = True
    book.save(workbook.path)
    _delete(plan_app, sheet_sync, workbook, "T002", "T004")
    sheet = load_workbook(workbook.path)[PLAN]
    shown = sheet.auto_filter
    assert shown.ref == "A1:AA5"
    assert [column.colId for column in shown.filterColumn] == [8]
    assert shown.sortState is not None
    assert shown.sortState.ref == "A2:AA5"
    assert [(c.ref, c.descending) for c in shown.sortState.sortCondition] == [("E2:E5", True)]
    hidden = [row for row in range(1, 8) if sheet.row_dimensions[row].hidden]
    assert [sheet.cell(row=row, column=1).value for row in hidden] == ["T003", "T006"]
    assert hidden == [3, 5]


def test_a_filter_on_deleted_rows_alone_is_gone(
    plan_app: Planlogg, sheet_sync: SheetSync, workbook: WorkbookBackend
) -> None:
    book = load_workbook(workbook.path)
    book[PLAN].auto_filter.ref = "K3:L3"
    book.save(workbook.path)
    _delete(plan_app, sheet_sync, workbook, "T002")
    assert load_workbook(workbook.path)[PLAN].auto_filter.ref is None


def test_peoples_colours_move_shrink_and_go_with_their_formulas(
    plan_app: Planlogg, sheet_sync: SheetSync, workbook: WorkbookBackend
) -> None:
    """A rule's relative references are to the top-left cell of its range: when that row is
    deleted, the rule reads from the range's new top-left cell as it did from the old one."""
    book = load_workbook(workbook.path)
    formatting = book[PLAN].conditional_formatting
    for cells, formula in (
        ("J4:J7", 'J4="x"'),
        ("F3:F6", 'AND(F3<>"",$G$7="x")'),
        ("C2:C5 E2:E5", "LEN(C2)>0"),
        ("K3", "TRUE"),
        ("L3 L5", "TRUE"),
    ):
        formatting.add(cells, FormulaRule(formula=[formula], fill=RED))
    book.save(workbook.path)
    _delete(plan_app, sheet_sync, workbook, "T002", "T004")
    assert _formats(workbook) == sorted(
        [
            ("I2:I1998", _formats_of_status(workbook)),
            ("J3:J5", [['J3="x"']]),
            ("F3:F4", [['AND(F3<>"",$G$5="x")']]),
            ("C2:C3 E2:E3", [["LEN(C2)>0"]]),
        ]
    )


def _formats_of_status(workbook: WorkbookBackend) -> list[list[str]]:
    sheet = load_workbook(workbook.path)[PLAN]
    return next(
        [list(rule.formula) for rule in entry.rules]
        for entry in sheet.conditional_formatting
        if str(entry.sqref).startswith("I2:")
    )


def test_peoples_dropdowns_move_shrink_and_go_with_their_lists(
    plan_app: Planlogg, sheet_sync: SheetSync, workbook: WorkbookBackend
) -> None:
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    for cells, source in (
        ("J2:J7", "$K$6:$K$7"),
        ("L3", '"ja,nei"'),
        ("M2:M3 N5:N6", '"a,b"'),
    ):
        validation = DataValidation(type="list", formula1=source)
        for part in cells.split():
            validation.add(part)
        sheet.add_data_validation(validation)
    utval = book.create_sheet("Utval")
    chosen = DataValidation(type="list", formula1=f"{PLAN}!$E$2:$E$7")
    chosen.add("A1:A5")
    utval.add_data_validation(chosen)
    book.save(workbook.path)
    _delete(plan_app, sheet_sync, workbook, "T002", "T004")
    status = next(choices for cells, choices in _validations(workbook) if cells.startswith("I"))
    assert _validations(workbook) == [
        ("I2:I1998", status),
        ("J2:J5", "$K$4:$K$5"),
        ("M2 N4", '"a,b"'),
    ]
    assert _validations(workbook, "Utval") == [("A1:A5", f"{PLAN}!$E$2:$E$5")]

"""Rows the sync deletes from the workbook's plan tab take the tab's ranges along, as Excel
does: the auto-filter (and its sort state, and the rows it hides), the conditional formats,
the data validations and the tables. A range below the deleted rows moves up, one spanning them
shrinks, one wholly inside them is gone; a rule's formula follows the rows it refers to; a
table keeps its header row and at least one row below it.

The plan is `make_plan`'s: the header, and T001 … T006 on rows 2 … 7; Status is column I."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter, SortState
from openpyxl.worksheet.table import Table

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


def _table(sheet: Any, name: str, ref: str, named: bool = True, **options: Any) -> None:
    """A table of people's own over `ref`; its header row, below the plan's, given names
    when `named` (else its columns are named by what the row holds)."""
    cells = CellRange(ref)
    if named and cells.min_row > 1 and options.get("headerRowCount", 1):
        for column in range(cells.min_col, cells.max_col + 1):
            sheet.cell(row=cells.min_row, column=column, value=f"{name} {column}")
    sheet.add_table(Table(displayName=name, ref=ref, **options))


def _tables(workbook: WorkbookBackend, tab: str = PLAN) -> dict[str, tuple[str, str | None]]:
    """Each table's range and its filter's, as saved."""
    sheet = load_workbook(workbook.path)[tab]
    return {
        table.displayName: (str(table.ref), table.autoFilter.ref if table.autoFilter else None)
        for table in sheet.tables.values()
    }


def test_a_table_over_the_plan_shrinks_and_one_below_moves_up(
    plan_app: Planlogg, sheet_sync: SheetSync, workbook: WorkbookBackend
) -> None:
    """People made the plan a table (Format as Table) and put one of their own below it,
    and one on another tab: the plan's loses the deleted rows, its filter and sort with it;
    the one below moves up with its rows; the other tab's stays."""
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    _table(sheet, "Plan", "A1:AA7")
    sheet.tables["Plan"].autoFilter = AutoFilter(ref="A1:AA7")
    sheet.tables["Plan"].autoFilter.add_filter_column(8, ["grønn"])
    sheet.tables["Plan"].sortState = SortState(ref="A2:AA7")
    for row, text in ((11, "a"), (12, "b")):
        sheet.cell(row=row, column=29, value=text)
    _table(sheet, "Notater", "AC10:AD12")
    _table(book.create_sheet("Utval"), "Andre", "A2:B4")
    book.save(workbook.path)
    _delete(plan_app, sheet_sync, workbook, "T002", "T004")
    assert _tables(workbook) == {"Plan": ("A1:AA5", "A1:AA5"), "Notater": ("AC8:AD10", "AC8:AD10")}
    assert _tables(workbook, "Utval") == {"Andre": ("A2:B4", "A2:B4")}
    sheet = load_workbook(workbook.path)[PLAN]
    plan = sheet.tables["Plan"]
    assert [c.name for c in plan.tableColumns][:3] == ["ID", "Nr", "Innsatsområde"]
    assert plan.sortState is not None and plan.sortState.ref == "A2:AA5"
    assert [column.colId for column in plan.autoFilter.filterColumn] == [8]
    assert [sheet.cell(row=r, column=29).value for r in (8, 9, 10)] == ["Notater 29", "a", "b"]
    assert [c.value for c in sheet["AC8:AD8"][0]] == [
        c.name for c in sheet.tables["Notater"].tableColumns
    ]


def test_a_table_keeps_a_row_below_its_header_when_every_row_of_it_is_deleted(
    plan_app: Planlogg, sheet_sync: SheetSync, workbook: WorkbookBackend
) -> None:
    """Excel has no table of a header alone: it keeps one row below it. A table of rows the
    sync deletes alone is gone, as in Excel; one whose header row is deleted (a table people
    made of some of the plan's rows, headed by a measure's) has no header row after (nor a
    filter, which needs one). A table that would keep a row another table has moved up to
    is gone, as tables do not overlap. A row holding something in people's own columns is
    not deleted (`sync.writeplan`), so these tables are of the plan's columns."""
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    _table(sheet, "Plan", "K1:L7")
    _table(sheet, "Borte", "A4:B5", named=False)
    _table(sheet, "Hovudlaus", "C3:D9", named=False)
    _table(sheet, "Topp", "E1:F4")
    _table(sheet, "Under", "E5:F9", named=False)
    book.save(workbook.path)
    _delete(plan_app, sheet_sync, workbook, "T001", "T002", "T003", "T004", "T005", "T006")
    assert _tables(workbook) == {
        "Plan": ("K1:L2", "K1:L2"),
        "Hovudlaus": ("C2:D3", None),
        "Under": ("E2:F3", None),
    }
    sheet = load_workbook(workbook.path)[PLAN]
    assert sheet.tables["Hovudlaus"].headerRowCount == 0
    assert [c.name for c in sheet.tables["Hovudlaus"].tableColumns] == [
        "1 Samhandling",
        "1.1 Betre samhandling",
    ]


def test_a_table_loses_its_totals_row_with_the_row(
    plan_app: Planlogg, sheet_sync: SheetSync, workbook: WorkbookBackend
) -> None:
    """A totals row deleted is a table without one; a table left with its header and totals
    rows alone, which Excel has no form of, is gone (its cells stay)."""
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    for name, ref, filtered in (
        ("Summar", "AC2:AD5", "AC2:AD4"),
        ("Att", "AF2:AG6", "AF2:AG5"),
        ("Tom", "AI3:AJ6", "AI3:AJ5"),
    ):
        _table(sheet, name, ref, totalsRowCount=1)
        sheet.tables[name].autoFilter = AutoFilter(ref=filtered)
    book.save(workbook.path)
    _delete(plan_app, sheet_sync, workbook, "T003", "T004")
    assert _tables(workbook) == {"Summar": ("AC2:AD3", "AC2:AD3"), "Att": ("AF2:AG4", "AF2:AG3")}
    tables = load_workbook(workbook.path)[PLAN].tables
    assert (tables["Summar"].totalsRowCount, tables["Att"].totalsRowCount) == (None, 1)

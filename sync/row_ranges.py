"""A tab's ranges kept on their rows when the sync deletes rows of a workbook's plan tab.

openpyxl's `delete_rows` moves the cells up but leaves everything else that names rows where
it was: the auto-filter's range and its sort state, the rows the filter hides (and every
row's height), the ranges of conditional formats and of data validations, the tables, the
address of a cell's link. After a deletion a filter covered rows below the table and hid the
wrong measures, a colour rule, a dropdown or a link people put on some rows applied to the
rows below them, and one on a deleted row landed on the next measure; a table (Format as
Table) below deleted rows had its header row over other cells than its column names, and
Excel repaired the workbook by taking the table away. Excel, and LibreOffice, move them
with the rows:

* a range below the deleted rows moves up; one spanning some of them loses those rows; one
  wholly inside them is gone (a rule or dropdown whose every range is gone goes with them,
  and so does a filter whose range is gone, with its sort state); a range reaching the
  sheet's last row (a whole column, `D1:D1048576`) keeps reaching it;
* each range of a multi-range sqref ("C2:C5 E2:E5") by itself;
* a table's range as any other, with its filter and sort state, and within Excel's forms of
  a table (`_shift_table`): its header row deleted, it has none after (nor a filter, which
  needs one); its totals row deleted, it has none after; left with its header row alone, it
  keeps the row below it too, as Excel keeps one row in a table whose rows are all deleted
  (unless that row is another table's); left with its header and totals rows alone, which
  Excel has no form of (a row between them would have to be added), it is taken away and
  its cells stay;
* a rule's or a dropdown's formula follows the rows it refers to, as a cell's does
  (`sync.formula_rows`); its relative references are to the top-left cell of its ranges,
  so when that cell's row is deleted the formula is first read as it stands in the
  ranges' new top-left cell. On other tabs the ranges stay and only references to the
  plan tab move.

Planlogg itself puts a status dropdown and colours by status on the plan tab over rows 2 to
2000 (`sync.workbook._dropdowns`, `_status_colours`): a deletion shrinks them like any other,
and laying the tab out again gives them their full height back rather than adding a second
dropdown and a second set of colours beside the shrunk ones. Filters, colours and dropdowns
of people's own are theirs and only follow their rows.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.formatting.formatting import ConditionalFormatting, ConditionalFormattingList
from openpyxl.formula.translate import Translator
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.filters import AutoFilter, SortState

from sync.formula_rows import rows_deleted

LAST_ROW = 1048576
"""Excel's last row: a range reaching it (a whole column) still reaches it after a deletion,
as the sheet gains empty rows at its end."""


def shift_ranges(book: Any, tab: Any, deleted: Iterable[int]) -> None:
    """Move `tab`'s filter, hidden rows, conditional formats and data validations with its
    rows `deleted` (numbered as before the deletion, which openpyxl has done), and the
    references to `tab` in the other tabs' rules and dropdowns."""
    order = sorted(set(deleted))
    if not order:
        return
    _shift_filter(tab, order)
    _shift_tables(tab, order)
    _shift_rows(tab, order)
    _shift_hyperlinks(tab)
    for sheet in book.worksheets:
        on_tab = sheet is tab
        _shift_formatting(sheet, order, tab.title, on_tab)
        _shift_validations(sheet, order, tab.title, on_tab)


def sqref_rows_deleted(sqref: str, deleted: Sequence[int]) -> str:
    """The space-separated ranges `sqref` once the sorted rows `deleted` are gone; "" when
    every one of them was deleted."""
    return " ".join(moved.coord for moved in _ranges_rows_deleted(sqref, deleted))


def _ranges_rows_deleted(sqref: Any, deleted: Sequence[int]) -> list[CellRange]:
    ranges = (CellRange(part) for part in str(sqref).split())
    return [moved for cells in ranges if (moved := _rows_deleted(cells, deleted)) is not None]


def _rows_deleted(cells: CellRange, deleted: Sequence[int]) -> CellRange | None:
    top = cells.min_row - bisect_left(deleted, cells.min_row)
    bottom = cells.max_row - bisect_right(deleted, cells.max_row)
    if cells.max_row >= LAST_ROW:
        bottom = LAST_ROW
    if bottom < top:
        return None
    return CellRange(min_col=cells.min_col, min_row=top, max_col=cells.max_col, max_row=bottom)


def _shift_filter(tab: Any, deleted: Sequence[int]) -> None:
    """The auto-filter's range, and its sort state's; a filter whose range was wholly
    deleted is taken away (its criteria named columns of rows no longer there)."""
    found = tab.auto_filter
    if not found.ref:
        return
    moved = _rows_deleted(CellRange(found.ref), deleted)
    if moved is None:
        tab.auto_filter = AutoFilter()
        return
    found.ref = moved.coord
    found.sortState = _shift_sort(found.sortState, deleted)


def _shift_sort(sort: SortState | None, deleted: Sequence[int]) -> SortState | None:
    """A sort state's range and its conditions'; None when its range was wholly deleted."""
    if sort is None or not sort.ref:
        return sort
    ordered = _rows_deleted(CellRange(sort.ref), deleted)
    if ordered is None:
        return None
    sort.ref = ordered.coord
    conditions = []
    for condition in sort.sortCondition:
        by = _rows_deleted(CellRange(condition.ref), deleted) if condition.ref else None
        if by is not None:
            condition.ref = by.coord
            conditions.append(condition)
    sort.sortCondition = conditions
    return sort


def _shift_tables(tab: Any, deleted: Sequence[int]) -> None:
    """The tab's tables (`_shift_table`); one that kept a row below its header (all its
    other rows deleted) is taken away when that row is another table's, as tables may not
    overlap."""
    tables = tab.tables
    kept: dict[str, bool] = {}
    for name, table in list(dict.items(tables)):
        shifted = _shift_table(table, deleted)
        if shifted is None:
            del tables[name]
        else:
            kept[name] = shifted
    for name, grown in kept.items():
        cells = CellRange(tables[name].ref)
        others = (CellRange(t.ref) for n, t in dict.items(tables) if n != name)
        if grown and any(not cells.isdisjoint(other) for other in others):
            del tables[name]


def _shift_table(table: Any, deleted: Sequence[int]) -> bool | None:
    """Move `table` (an openpyxl Table) with its rows `deleted`, in a form Excel opens: a
    header row (if it has one) and at least one row below it, before its totals row (if it
    has one). Returns None when it is to go, else whether it kept a row below its header
    that was not its own."""
    cells = CellRange(table.ref)
    moved = _rows_deleted(cells, deleted)
    if moved is None:
        return None
    gone = set(deleted)
    header = 0 if table.headerRowCount == 0 else 1
    totals = 1 if table.totalsRowCount else 0
    if header and cells.min_row in gone:
        table.headerRowCount, header = 0, 0
    if totals and cells.max_row in gone:
        table.totalsRowCount, totals = None, 0
    grown = bool(moved.max_row - moved.min_row + 1 - header - totals < 1)
    if grown and (totals or moved.min_row >= LAST_ROW):
        return None
    if grown:
        moved = CellRange(
            min_col=moved.min_col, min_row=moved.min_row, max_col=moved.max_col,
            max_row=moved.min_row + 1,
        )  # fmt: skip
    table.ref = moved.coord
    if not header:
        table.autoFilter = None
    elif table.autoFilter is not None:
        table.autoFilter.ref = CellRange(
            min_col=moved.min_col, min_row=moved.min_row, max_col=moved.max_col,
            max_row=moved.max_row - totals,
        ).coord  # fmt: skip
        table.autoFilter.sortState = _shift_sort(table.autoFilter.sortState, deleted)
    table.sortState = _shift_sort(table.sortState, deleted)
    return grown


def _shift_rows(tab: Any, deleted: Sequence[int]) -> None:
    """Each row's own settings (hidden, as a filter hides the rows it filters out; height;
    outline level; style) move with the row, and a deleted row's are gone."""
    rows = tab.row_dimensions
    gone = set(deleted)
    kept = [(index, rows[index]) for index in sorted(rows) if index not in gone]
    rows.clear()
    for index, dimension in kept:
        dimension.index = index - bisect_left(deleted, index)
        rows[dimension.index] = dimension


def _shift_hyperlinks(tab: Any) -> None:
    """Each link on `tab` (a case document in a column of people's own) at its cell's new
    place. openpyxl moves a cell with its link but not the link's `ref`, and the saved file
    places a link by that: it stayed at the old address, on the next measure's row. A
    deleted row's links went with its cells, which openpyxl takes away."""
    for cell in tab._cells.values():
        link = cell.hyperlink
        if link is not None and link.ref != cell.coordinate:
            link.ref = cell.coordinate


def _shift_formatting(sheet: Any, deleted: Sequence[int], title: str, on_tab: bool) -> None:
    """The conditional formats of `sheet` (tab `title` when `on_tab`), in their order, each
    rule keeping its priority."""
    formatting = sheet.conditional_formatting
    if not formatting:
        return
    kept = ConditionalFormattingList()
    for entry in formatting:
        ranges = _ranges_rows_deleted(entry.sqref, deleted) if on_tab else entry.sqref.sorted()
        if not ranges:
            continue
        shifted = _Anchor(entry.sqref, ranges if on_tab else None, deleted, title, on_tab)
        moved = ConditionalFormatting(" ".join(cells.coord for cells in ranges), entry.pivot)
        for rule in entry.rules:
            if rule.formula:
                rule.formula = [shifted(formula) for formula in rule.formula]
            kept.add(moved, rule)
    kept.max_priority = max(kept.max_priority, formatting.max_priority)
    sheet.conditional_formatting = kept


def _shift_validations(sheet: Any, deleted: Sequence[int], title: str, on_tab: bool) -> None:
    """The data validations of `sheet` (tab `title` when `on_tab`) and their lists' ranges."""
    validations = sheet.data_validations
    kept = []
    for validation in validations.dataValidation:
        ranges = _ranges_rows_deleted(validation.sqref, deleted) if on_tab else None
        if ranges == []:
            continue
        shifted = _Anchor(validation.sqref, ranges, deleted, title, on_tab)
        if ranges is not None:
            validation.sqref = MultiCellRange(" ".join(cells.coord for cells in ranges))
        for attribute in ("formula1", "formula2"):
            formula = getattr(validation, attribute)
            if isinstance(formula, str):
                setattr(validation, attribute, shifted(formula))
        kept.append(validation)
    validations.dataValidation = kept


class _Anchor:
    """A rule's or a dropdown's formula (without its "=") once the rows are deleted.

    Its relative references are to the top-left cell of the ranges it applies to; when the
    deletion takes that cell's row (or the range holding it), the formula is first written
    as it stands in the cell that becomes the new top-left (found in the numbering before
    the deletion), then its references follow their rows as a cell's formula's do."""

    def __init__(
        self,
        sqref: Any,
        moved: list[CellRange] | None,
        deleted: Sequence[int],
        title: str,
        on_tab: bool,
    ) -> None:
        self.deleted, self.title, self.on_tab = deleted, title, on_tab
        self.origin = self.target = ""
        if moved:
            before = list(MultiCellRange(str(sqref)).ranges)
            row, column = min(c.min_row for c in before), min(c.min_col for c in before)
            new_row, new_column = min(c.min_row for c in moved), min(c.min_col for c in moved)
            for gone in deleted:  # the new top row, numbered as before the deletion
                if gone <= new_row:
                    new_row += 1
            if (row, column) != (new_row, new_column):
                self.origin = f"{get_column_letter(column)}{row}"
                self.target = f"{get_column_letter(new_column)}{new_row}"

    def __call__(self, formula: str) -> str:
        text = "=" + formula
        if self.origin:
            text = Translator(text, origin=self.origin).translate_formula(self.target)
        return rows_deleted(text, self.deleted, self.title, self.on_tab)[1:]

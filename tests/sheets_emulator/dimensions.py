"""Row/column surgery shared by batchUpdate requests and simulated UI edits.

Inserting, deleting, moving and sorting rows or columns moves everything anchored to them:
cells (values, notes, formats, validation), row/column metadata, merges, protected ranges,
conditional-format ranges and named ranges. Formula texts are not rewritten (Google would
adjust their references; the emulator does not evaluate references anyway).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

from . import cellvalues
from .errors import invalid_argument
from .model import Box, Sheet, Spreadsheet

ROWS, COLUMNS = "ROWS", "COLUMNS"
_KEYS = {ROWS: ("startRowIndex", "endRowIndex"), COLUMNS: ("startColumnIndex", "endColumnIndex")}
_COUNT_KEY = {ROWS: "rowCount", COLUMNS: "columnCount"}


def check_dimension(dimension: str) -> None:
    if dimension not in _KEYS:
        raise invalid_argument(f"Invalid dimension: {dimension!r}")


def count(sheet: Sheet, dimension: str) -> int:
    return sheet.row_count if dimension == ROWS else sheet.column_count


def set_count(sheet: Sheet, dimension: str, value: int) -> None:
    sheet.properties["gridProperties"][_COUNT_KEY[dimension]] = value


def _grid_ranges(spreadsheet: Spreadsheet, sheet: Sheet) -> Iterator[dict[str, Any]]:
    """Every stored GridRange anchored to ``sheet``."""
    yield from sheet.merges
    for protected in sheet.protected_ranges:
        if "range" in protected:
            yield protected["range"]
    for rule in sheet.conditional_formats:
        yield from rule.get("ranges", [])
    for named in spreadsheet.named_ranges:
        if int(named["range"].get("sheetId", 0)) == sheet.sheet_id:
            yield named["range"]
    if sheet.basic_filter is not None:
        yield sheet.basic_filter["range"]


def _remap(
    spreadsheet: Spreadsheet, sheet: Sheet, dimension: str, position: Callable[[int], int | None]
) -> None:
    """Move cells and metadata by ``position(old) -> new`` (``None`` drops them)."""
    axis = 0 if dimension == ROWS else 1
    moved: dict[tuple[int, int], dict[str, Any]] = {}
    for key, cell in sheet.cells.items():
        new = position(key[axis])
        if new is not None:
            moved[(new, key[1]) if axis == 0 else (key[0], new)] = cell
    sheet.cells = moved
    attribute = "row_metadata" if dimension == ROWS else "column_metadata"
    metadata = getattr(sheet, attribute)
    setattr(
        sheet,
        attribute,
        {position(i): meta for i, meta in metadata.items() if position(i) is not None},
    )


def _shift_ranges(
    spreadsheet: Spreadsheet,
    sheet: Sheet,
    dimension: str,
    start_edge: Callable[[int], int],
    end_edge: Callable[[int], int],
) -> None:
    """Move range edges; ranges that collapse to nothing are removed."""
    start_key, end_key = _KEYS[dimension]
    for grid_range in _grid_ranges(spreadsheet, sheet):
        if start_key in grid_range:
            grid_range[start_key] = start_edge(int(grid_range[start_key]))
        if end_key in grid_range:
            grid_range[end_key] = end_edge(int(grid_range[end_key]))

    def collapsed(grid_range: dict[str, Any]) -> bool:
        start = int(grid_range.get(start_key, 0))
        return end_key in grid_range and int(grid_range[end_key]) <= start

    sheet.merges = [m for m in sheet.merges if not collapsed(m)]
    sheet.protected_ranges = [
        p for p in sheet.protected_ranges if "range" not in p or not collapsed(p["range"])
    ]
    for rule in sheet.conditional_formats:
        rule["ranges"] = [r for r in rule.get("ranges", []) if not collapsed(r)]
    sheet.conditional_formats = [r for r in sheet.conditional_formats if r["ranges"]]
    spreadsheet.named_ranges = [
        n
        for n in spreadsheet.named_ranges
        if int(n["range"].get("sheetId", 0)) != sheet.sheet_id or not collapsed(n["range"])
    ]


def insert(
    spreadsheet: Spreadsheet,
    sheet: Sheet,
    dimension: str,
    start: int,
    end: int,
    inherit_from_before: bool | None = None,
) -> None:
    """insertDimension: ``end - start`` rows/columns before ``start``, empty, or with the
    format of the one before them (``inherit_from_before`` true) or after them (false), as
    `batch_update.insert_dimension` documents. None (a UI edit, a values append) inherits
    nothing."""
    check_dimension(dimension)
    size = count(sheet, dimension)
    if not 0 <= start < end or start > size:
        raise invalid_argument(f"Invalid dimension range: startIndex {start}, endIndex {end}")
    added = end - start
    _remap(spreadsheet, sheet, dimension, lambda i: i + added if i >= start else i)
    if inherit_from_before is not None:
        _inherit_format(sheet, dimension, start, end, start - 1 if inherit_from_before else end)
    _shift_ranges(
        spreadsheet,
        sheet,
        dimension,
        lambda p: p + added if p >= start else p,
        lambda p: p + added if p > start else p,
    )
    set_count(sheet, dimension, size + added)


def _inherit_format(sheet: Sheet, dimension: str, start: int, end: int, source: int) -> None:
    """Give the inserted ``[start, end)`` the ``userEnteredFormat`` of each cell of row or
    column ``source`` (numbered after the insertion; none past the grid's end). Only the
    cells' format is modelled: the reference's example is a background colour, and it
    documents nothing of values, notes or data validation being copied."""
    axis = 0 if dimension == ROWS else 1
    formats = {
        key[1 - axis]: cell["userEnteredFormat"]
        for key, cell in sheet.cells.items()
        if key[axis] == source and "userEnteredFormat" in cell
    }
    for index in range(start, end):
        for across, found in formats.items():
            key = (index, across) if axis == 0 else (across, index)
            sheet.cell(*key)["userEnteredFormat"] = copy.deepcopy(found)


def delete(spreadsheet: Spreadsheet, sheet: Sheet, dimension: str, start: int, end: int) -> None:
    """deleteDimension: remove ``[start, end)``; refuses to delete every row or column."""
    check_dimension(dimension)
    size = count(sheet, dimension)
    end = min(end, size)
    if not 0 <= start < end:
        raise invalid_argument(f"Invalid dimension range: startIndex {start}, endIndex {end}")
    removed = end - start
    if removed >= size:
        noun = "rows" if dimension == ROWS else "columns"
        raise invalid_argument(f"You can't delete all the {noun} on the sheet.")

    def position(i: int) -> int | None:
        if i < start:
            return i
        return None if i < end else i - removed

    _remap(spreadsheet, sheet, dimension, position)

    def edge(p: int) -> int:
        return p if p <= start else max(start, p - removed)

    _shift_ranges(spreadsheet, sheet, dimension, edge, edge)
    set_count(sheet, dimension, size - removed)


def truncate(spreadsheet: Spreadsheet, sheet: Sheet, dimension: str, size: int) -> None:
    """A grid made `size` rows or columns long by updateSheetProperties: when smaller, the
    ones past `size` go as deleteDimension takes them (what they held, and the ranges over
    them shrink or go); when larger, the new ones are empty and outside every bounded
    range. The caller sets the count."""
    check_dimension(dimension)
    if size >= count(sheet, dimension):
        return
    _remap(spreadsheet, sheet, dimension, lambda i: i if i < size else None)
    _shift_ranges(spreadsheet, sheet, dimension, lambda p: min(p, size), lambda p: min(p, size))


def move(
    spreadsheet: Spreadsheet, sheet: Sheet, dimension: str, start: int, end: int, destination: int
) -> None:
    """moveDimension: ``destination`` is counted before the source is taken out, as in the API.

    Ranges keep their size and follow their first row/column (an approximation).
    """
    check_dimension(dimension)
    size = count(sheet, dimension)
    if not 0 <= start < end <= size or not 0 <= destination <= size:
        raise invalid_argument("Invalid moveDimension range")
    order = list(range(size))
    block = order[start:end]
    rest = order[:start] + order[end:]
    at = destination if destination <= start else destination - len(block)
    new_order = rest[:at] + block + rest[at:]
    new_index = {old: new for new, old in enumerate(new_order)}
    _remap(spreadsheet, sheet, dimension, new_index.__getitem__)
    start_key, end_key = _KEYS[dimension]
    for grid_range in _grid_ranges(spreadsheet, sheet):
        if start_key in grid_range and int(grid_range[start_key]) < size:
            first = int(grid_range[start_key])
            grid_range[start_key] = new_index[first]
            if end_key in grid_range:
                grid_range[end_key] = new_index[first] + int(grid_range[end_key]) - first


def _sort_key(cell: dict[str, Any] | None) -> tuple[int, Any]:
    value = cellvalues.effective_value(cell or {}) or {}
    if "numberValue" in value:
        return 0, value["numberValue"]
    if "stringValue" in value:
        return 1, value["stringValue"].casefold()
    if "boolValue" in value:
        return 2, value["boolValue"]
    return 3, cellvalues.formatted_value(cell or {})


def sort_rows(sheet: Sheet, box: Box, specs: list[dict[str, Any]]) -> None:
    """sortRange: rows of ``box`` reordered by each spec in turn; blanks always sort last."""
    rows = list(range(box.row0, box.row1))
    contents = {r: {c: sheet.cells.get((r, c)) for c in range(box.col0, box.col1)} for r in rows}
    for spec in reversed(specs):
        column = int(spec.get("dimensionIndex", 0))
        descending = spec.get("sortOrder", "ASCENDING") == "DESCENDING"
        blank = [r for r in rows if cellvalues.is_blank(contents[r].get(column))]
        filled = [r for r in rows if not cellvalues.is_blank(contents[r].get(column))]
        filled.sort(key=lambda r, col=column: _sort_key(contents[r].get(col)), reverse=descending)
        rows = filled + blank
    for target, source in zip(range(box.row0, box.row1), rows, strict=True):
        for col in range(box.col0, box.col1):
            cell = contents[source][col]
            if cell:
                sheet.cells[(target, col)] = cell
            else:
                sheet.cells.pop((target, col), None)

"""Each plan row's height in the local workbook, as tall as its wrapped text.

A cell that wraps its text needs its row to be as tall as the lines it wraps into. Excel
works that height out as it draws a row that has none, but LibreOffice takes a row without
a height as one line tall, and there a measure's four lines of text were drawn over the
three measures below it. So Planlogg writes each row's height, worked out from the
characters of its wrapping cells and their columns' widths, the way Excel writes the height
it worked out itself: without the mark of a height set by hand (`customHeight`), so Excel
still makes the row fit again when someone types into it.

A height people set stays theirs. Excel's one-line height in its default font is 15
points, and a height it works out is a whole number of lines; a height that is not (a row
dragged taller) was set by hand and is kept as it is.
"""

from __future__ import annotations

import math
from copy import copy
from typing import Any

from openpyxl.worksheet.dimensions import RowDimension

LINE_POINTS = 15.0
"""The height of one line of text in the workbook's default font (Calibri 11)."""
MOST_LINES = 27
"""The most lines a row is given: Excel's tallest row is 409 points, and a file with a
taller one is repaired when it is opened. 27 lines (405 points) is a whole number of lines,
so the next sync still takes it for a height Planlogg worked out."""
DEFAULT_WIDTH = 8.43
"""Excel's width of a column the workbook gives none, in characters."""
CHARACTERS_PER_WIDTH = 1.1
"""Characters of running text per unit of column width: a column's width counts the widest
digit, and the letters of a sentence are narrower on average."""


class FittedRow(RowDimension):  # type: ignore[misc]
    """A row whose height was worked out from its text: saved without `customHeight`."""

    @property
    def customHeight(self) -> bool:
        return False


def fit_rows(sheet: Any, first_row: int = 2) -> None:
    """Give each row of `sheet` from `first_row` on the height of its tallest wrapping cell
    (at most `MOST_LINES`), unless its height was set by hand. A row of one line gets no
    height of its own."""
    lines = _lines_by_row(sheet, first_row)
    rows = sheet.row_dimensions
    for index in range(first_row, sheet.max_row + 1):
        found = rows.get(index)
        if found is not None and not _worked_out(found.ht):
            continue
        tallest = min(lines.get(index, 1), MOST_LINES)
        if tallest == 1:
            if found is not None:
                found.ht = None
            continue
        fitted = copy(found) if found is not None else RowDimension(sheet, index=index)
        fitted.__class__ = FittedRow
        fitted.ht = tallest * LINE_POINTS
        rows[index] = fitted


def _worked_out(height: float | None) -> bool:
    """Whether a row's height is one no person chose: none, or a whole number of lines."""
    return height is None or float(height / LINE_POINTS).is_integer()


def _lines_by_row(sheet: Any, first_row: int) -> dict[int, int]:
    """The most lines any wrapping cell of each row takes (rows of one line left out).

    A cell wraps by its own alignment, as Excel draws it: Planlogg gives a cell it writes
    in a wrapping column that column's wrap, and a person may wrap any cell of their own.
    The sheet's cells are read where it holds them (asking for each would add an empty
    cell to every row without one), and a cell's alignment by its style's index, not as
    the object openpyxl makes of it for each cell it is asked for. A formula's lines are
    its result's, which the workbook's program works out, so a formula counts as one line;
    a hidden column shows no lines."""
    wrapping = {i for i, alignment in enumerate(sheet.parent._alignments) if alignment.wrap_text}
    widths = _column_widths(sheet)
    found: dict[int, int] = {}
    for (row, column), cell in sheet._cells.items():
        if row < first_row or cell.value is None or not cell.has_style:
            continue
        if cell._style.alignmentId not in wrapping or cell.data_type == "f":
            continue
        width = widths.get(column, DEFAULT_WIDTH)
        if width == 0:
            continue
        lines = text_lines(str(cell.value), width)
        if lines > found.get(row, 1):
            found[row] = lines
    return found


def _column_widths(sheet: Any) -> dict[int, float]:
    """Each column's width in characters where the sheet gives one; 0 for a hidden column."""
    widths: dict[int, float] = {}
    for dimension in sheet.column_dimensions.values():
        dimension.reindex()
        width = 0 if dimension.hidden else dimension.width or DEFAULT_WIDTH
        widths.update(dict.fromkeys(range(dimension.min, dimension.max + 1), width))
    return widths


def text_lines(text: str, width: float) -> int:
    """How many lines `text` wraps into in a column `width` characters wide, its line
    breaks kept; words are not broken unless one is longer than the line."""
    per_line = max(1, math.floor(width * CHARACTERS_PER_WIDTH) - 1)
    return sum(_paragraph_lines(paragraph, per_line) for paragraph in text.split("\n"))


def _paragraph_lines(paragraph: str, per_line: int) -> int:
    """The lines of one paragraph, a word moved to the next line when it does not fit on
    this one. Counted word by word, as a sync works it out for every wrapping cell of a
    plan: `textwrap`, which makes the lines, took a twentieth of a 10,000-row cycle."""
    if len(paragraph) <= per_line:
        return 1
    lines, used = 1, 0
    for word in paragraph.split():
        size = len(word)
        if used and used + 1 + size <= per_line:
            used += 1 + size
            continue
        if used:
            lines += 1
        broken = (size - 1) // per_line
        lines += broken
        used = size - broken * per_line
    return lines

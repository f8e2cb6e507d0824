"""A1 notation: parsing what clients send and formatting what Google echoes back.

Rows and columns are 0-based here with exclusive ends, like a GridRange; ``None`` means the
reference left that side open (``A:A``, ``2:2``, ``B1:B``, a bare sheet title), to be filled in
from the grid size by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CELL = re.compile(r"^\$?([A-Za-z]{0,3})\$?(\d*)$")
_PLAIN_TITLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LOOKS_LIKE_CELL = re.compile(r"^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*)$")


@dataclass(frozen=True)
class Bounds:
    """A possibly open rectangle: 0-based starts, exclusive ends, ``None`` = open."""

    start_row: int | None
    start_col: int | None
    end_row: int | None
    end_col: int | None


def column_letters(index: int) -> str:
    """0 → ``A``, 25 → ``Z``, 26 → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """``A`` → 0, ``AA`` → 26."""
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


def cell_label(row: int, col: int) -> str:
    """0-based (row, col) → ``B3``."""
    return f"{column_letters(col)}{row + 1}"


def parse_label(label: str) -> tuple[int, int]:
    """``B3`` → (2, 1); raises ValueError for anything but a single cell."""
    bounds = parse_cells(label)
    if bounds is None or bounds.start_row is None or bounds.start_col is None:
        raise ValueError(f"not a cell label: {label!r}")
    if (bounds.end_row, bounds.end_col) != (bounds.start_row + 1, bounds.start_col + 1):
        raise ValueError(f"not a single cell: {label!r}")
    return bounds.start_row, bounds.start_col


def split_sheet(text: str) -> tuple[str | None, str | None]:
    """Split ``'It''s'!A1:B2`` into (title, cells); either part may be absent.

    A lone unquoted word is returned as cells: the caller decides whether it is a sheet title,
    a named range or a cell reference, because that depends on the spreadsheet.
    """
    if text.startswith("'"):
        i, title = 1, []
        while i < len(text):
            if text[i] == "'":
                if text[i + 1 : i + 2] == "'":
                    title.append("'")
                    i += 2
                    continue
                rest = text[i + 1 :]
                if rest == "":
                    return "".join(title), None
                if rest.startswith("!"):
                    return "".join(title), rest[1:]
                raise ValueError(text)
            title.append(text[i])
            i += 1
        raise ValueError(text)
    if "!" in text:
        title, cells = text.split("!", 1)
        return title, cells
    return None, text


def _parse_endpoint(part: str) -> tuple[int | None, int | None] | None:
    match = _CELL.match(part)
    if not match or not (match.group(1) or match.group(2)):
        return None
    letters, digits = match.groups()
    if digits and int(digits) == 0:
        return None
    row = int(digits) - 1 if digits else None
    col = column_index(letters) if letters else None
    return row, col


def parse_cells(text: str) -> Bounds | None:
    """Parse ``A1``, ``A1:B2``, ``A:A``, ``2:2``, ``A2:2``, ``B1:B``; ``None`` if not A1."""
    parts = text.split(":")
    if len(parts) > 2:
        return None
    ends = [_parse_endpoint(p) for p in parts]
    if None in ends:
        return None
    (r0, c0) = ends[0]  # type: ignore[misc]
    if len(ends) == 1:
        if r0 is None or c0 is None:
            return None
        return Bounds(r0, c0, r0 + 1, c0 + 1)
    (r1, c1) = ends[1]  # type: ignore[misc]
    start_open = r0 is None or c0 is None
    if start_open and ((r0 is None) != (r1 is None) or (c0 is None) != (c1 is None)):
        return None  # "A:B2", "A:2" and the like
    row_start, row_end = _span(r0, r1)
    col_start, col_end = _span(c0, c1)
    return Bounds(row_start, col_start, row_end, col_end)


def _span(a: int | None, b: int | None) -> tuple[int | None, int | None]:
    """Order two 0-based inclusive indices into (start, exclusive end), keeping open sides."""
    if a is not None and b is not None:
        return min(a, b), max(a, b) + 1
    return a, None


def quote_title(title: str) -> str:
    """The title as Google echoes it: bare when plain, else quoted with ``'`` doubled."""
    if _PLAIN_TITLE.match(title) and not _LOOKS_LIKE_CELL.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def format_range(title: str, start_row: int, start_col: int, end_row: int, end_col: int) -> str:
    """``Sheet1!A1:B2``, or ``Sheet1!A2`` for a single cell."""
    first = cell_label(start_row, start_col)
    if (end_row - start_row, end_col - start_col) == (1, 1):
        return f"{quote_title(title)}!{first}"
    return f"{quote_title(title)}!{first}:{cell_label(end_row - 1, end_col - 1)}"

"""Excel addresses: ``A1``, ``B2:D5``, ``'My sheet'!A1:B2``, whole rows ``5:7``, columns ``C:C``.

Rows and columns are 0-based here with inclusive ends; ``None`` marks the open side of a
whole-row or whole-column reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import bad_request

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
_CELL = re.compile(r"^\$?([A-Za-z]{0,3})\$?(\d*)$")
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


@dataclass(frozen=True)
class Area:
    """A rectangle; ``None`` on both row ends = whole columns, on both column ends = rows."""

    row0: int | None
    col0: int | None
    row1: int | None
    col1: int | None

    @property
    def bounded(self) -> bool:
        return None not in (self.row0, self.col0, self.row1, self.col1)

    def box(self) -> tuple[int, int, int, int]:
        """(row0, col0, row1, col1) of a bounded area; 400 like Graph for an unbounded one."""
        if self.row0 is None or self.col0 is None or self.row1 is None or self.col1 is None:
            raise bad_request("Setting cell properties on an unbounded range is not allowed.")
        return self.row0, self.col0, self.row1, self.col1

    @property
    def rows(self) -> int:
        return (self.row1 or 0) - (self.row0 or 0) + 1

    @property
    def columns(self) -> int:
        return (self.col1 or 0) - (self.col0 or 0) + 1


def column_letters(index: int) -> str:
    """0 → ``A``, 26 → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int:
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


def split_sheet(address: str) -> tuple[str | None, str]:
    """``'A b'!C1`` → (``A b``, ``C1``); no sheet part → (None, address)."""
    if "!" not in address:
        return None, address
    sheet, _, cells = address.rpartition("!")
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, cells


def parse(cells: str) -> Area:
    """Parse the cell part of an address; 400 like Graph when it is not one."""
    parts = cells.strip().split(":")
    if len(parts) > 2 or not parts[0]:
        raise bad_request(f"The address {cells!r} is not valid.")
    ends = [_endpoint(p, cells) for p in parts]
    (c0, r0), (c1, r1) = ends[0], ends[-1]
    if (r0 is None) != (r1 is None) or (c0 is None) != (c1 is None):
        raise bad_request(f"The address {cells!r} is not valid.")
    if r0 is not None and r1 is not None and r1 < r0:
        r0, r1 = r1, r0
    if c0 is not None and c1 is not None and c1 < c0:
        c0, c1 = c1, c0
    return Area(r0, c0, r1, c1)


def _endpoint(part: str, whole: str) -> tuple[int | None, int | None]:
    match = _CELL.match(part.strip())
    if not match or not (match.group(1) or match.group(2)):
        raise bad_request(f"The address {whole!r} is not valid.")
    letters, digits = match.groups()
    column = column_index(letters) if letters else None
    row = int(digits) - 1 if digits else None
    if (row is not None and not 0 <= row < MAX_ROWS) or (
        column is not None and not 0 <= column < MAX_COLUMNS
    ):
        raise bad_request(f"The address {whole!r} is outside the grid.")
    return column, row


def label(row: int, column: int) -> str:
    return f"{column_letters(column)}{row + 1}"


def quote_sheet(name: str) -> str:
    return name if _PLAIN.match(name) else "'" + name.replace("'", "''") + "'"


def format_area(sheet: str, row0: int, col0: int, row1: int, col1: int) -> str:
    """``Sheet1!A1:B2`` (a single cell without the colon), as Graph echoes addresses."""
    first, last = label(row0, col0), label(row1, col1)
    cells = first if first == last else f"{first}:{last}"
    return f"{quote_sheet(sheet)}!{cells}"

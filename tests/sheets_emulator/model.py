"""The in-memory spreadsheets: sheets, cells, ranges and the Drive-side file metadata.

Only data lives here; how API requests change it lives in ``batch_update``/``values_api``, and
how it is shown lives in ``render``. Cells are CellData-shaped dicts keyed by 0-based
(row, column); GridRanges are kept as the client sent them (absent sides stay absent, so they
echo back the way Google echoes them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import a1
from .cellvalues import Cell
from .errors import ApiError, invalid_argument

SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"


@dataclass(frozen=True)
class DriveUser:
    """Who made a change, as Drive reports it in ``lastModifyingUser``."""

    display_name: str
    email: str


@dataclass(frozen=True)
class Revision:
    """One Drive revision: each API write or simulated UI edit makes one (no coalescing)."""

    revision_id: str
    modified_time: dt.datetime
    user: DriveUser


@dataclass(frozen=True)
class Box:
    """A closed rectangle on a grid: 0-based starts, exclusive ends."""

    row0: int
    col0: int
    row1: int
    col1: int

    @property
    def height(self) -> int:
        return self.row1 - self.row0

    @property
    def width(self) -> int:
        return self.col1 - self.col0

    def a1(self, title: str) -> str:
        return a1.format_range(title, self.row0, self.col0, self.row1, self.col1)

    def contains(self, other: Box) -> bool:
        return (
            self.row0 <= other.row0
            and other.row1 <= self.row1
            and self.col0 <= other.col0
            and other.col1 <= self.col1
        )

    def intersects(self, other: Box) -> bool:
        return (
            self.row0 < other.row1
            and other.row0 < self.row1
            and self.col0 < other.col1
            and other.col0 < self.col1
        )


@dataclass
class Sheet:
    """One tab. ``properties`` is SheetProperties JSON minus ``index`` (that is the position)."""

    properties: dict[str, Any]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merges: list[dict[str, Any]] = field(default_factory=list)
    protected_ranges: list[dict[str, Any]] = field(default_factory=list)
    conditional_formats: list[dict[str, Any]] = field(default_factory=list)
    row_metadata: dict[int, dict[str, Any]] = field(default_factory=dict)
    column_metadata: dict[int, dict[str, Any]] = field(default_factory=dict)
    basic_filter: dict[str, Any] | None = None
    """The sheet's filter (its range and criteria). Rows it hides are still in every values
    answer: the values API ignores filters and hidden rows, as Google's does."""
    row_groups: list[dict[str, Any]] = field(default_factory=list)
    column_groups: list[dict[str, Any]] = field(default_factory=list)
    developer_metadata: list[dict[str, Any]] = field(default_factory=list)
    """DeveloperMetadata located on the whole sheet (`createDeveloperMetadata`)."""

    @property
    def sheet_id(self) -> int:
        return int(self.properties.get("sheetId", 0))

    @property
    def title(self) -> str:
        return str(self.properties["title"])

    @property
    def row_count(self) -> int:
        return int(self.properties["gridProperties"].get("rowCount", 0))

    @property
    def column_count(self) -> int:
        return int(self.properties["gridProperties"].get("columnCount", 0))

    @property
    def grid(self) -> Box:
        return Box(0, 0, self.row_count, self.column_count)

    def close(self, bounds: a1.Bounds) -> Box:
        """Fill the open sides of an A1 reference from the grid size."""
        return Box(
            bounds.start_row if bounds.start_row is not None else 0,
            bounds.start_col if bounds.start_col is not None else 0,
            bounds.end_row if bounds.end_row is not None else self.row_count,
            bounds.end_col if bounds.end_col is not None else self.column_count,
        )

    def box_of(self, grid_range: dict[str, Any]) -> Box:
        """A GridRange (open sides absent) as a Box on this sheet."""
        return Box(
            int(grid_range.get("startRowIndex") or 0),
            int(grid_range.get("startColumnIndex") or 0),
            int(grid_range.get("endRowIndex", self.row_count)),
            int(grid_range.get("endColumnIndex", self.column_count)),
        )

    def data_extent(self) -> Box:
        """The smallest top-left-anchored box holding every cell with a value."""
        filled = [key for key, cell in self.cells.items() if cell.get("userEnteredValue")]
        if not filled:
            return Box(0, 0, 0, 0)
        return Box(0, 0, max(r for r, _ in filled) + 1, max(c for _, c in filled) + 1)

    def cell(self, row: int, col: int) -> Cell:
        """The stored cell, created empty if missing (callers prune with ``prune``)."""
        return self.cells.setdefault((row, col), {})

    def prune(self, row: int, col: int) -> None:
        """Forget a cell that holds nothing, keeping the dict sparse."""
        if not self.cells.get((row, col), True):
            del self.cells[(row, col)]


@dataclass
class Spreadsheet:
    """A spreadsheet and the Drive file that carries it."""

    spreadsheet_id: str
    properties: dict[str, Any]
    sheets: list[Sheet]
    created_time: dt.datetime
    modified_time: dt.datetime
    last_modifying_user: DriveUser
    owner: DriveUser
    version: int = 1
    parents: list[str] = field(default_factory=list)
    named_ranges: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    view_only: bool = False
    """Shared with the service account as Viewer: it may read, and every write is refused."""

    @property
    def title(self) -> str:
        return str(self.properties["title"])

    def sheet_by_id(self, sheet_id: int) -> Sheet:
        for sheet in self.sheets:
            if sheet.sheet_id == sheet_id:
                return sheet
        raise invalid_argument(f"No grid with id: {sheet_id}")

    def sheet_by_title(self, title: str) -> Sheet | None:
        for sheet in self.sheets:
            if sheet.title == title:
                return sheet
        return None

    def worksheet(self, title: str) -> Sheet:
        """For the test-side helpers: a KeyError naming the title when it does not exist."""
        sheet = self.sheet_by_title(title)
        if sheet is None:
            raise KeyError(f"no sheet titled {title!r} in {self.spreadsheet_id}")
        return sheet

    def locate(self, text: str) -> tuple[Sheet, a1.Bounds]:
        """Resolve an A1 range, a bare sheet title or a named range; 400 like Google if not."""
        unparsable = invalid_argument(f"Unable to parse range: {text}")
        try:
            title, cells = a1.split_sheet(text)
        except ValueError:
            raise unparsable from None
        if title is None:
            assert cells is not None
            sheet = self.sheet_by_title(cells)
            if sheet is not None:
                return sheet, a1.Bounds(None, None, None, None)
            named = self._named_range(cells)
            if named is not None:
                return named
            bounds = a1.parse_cells(cells)
            if bounds is None or not self.sheets:
                raise unparsable
            return self.sheets[0], bounds
        sheet = self.sheet_by_title(title)
        if sheet is None:
            raise unparsable
        if cells is None:
            return sheet, a1.Bounds(None, None, None, None)
        bounds = a1.parse_cells(cells)
        if bounds is None:
            named = self._named_range(cells)
            if named is None or named[0] is not sheet:
                raise unparsable
            return named
        return sheet, bounds

    def _named_range(self, name: str) -> tuple[Sheet, a1.Bounds] | None:
        for named in self.named_ranges:
            if named["name"] == name:
                grid_range = named["range"]
                sheet = self.sheet_by_id(int(grid_range.get("sheetId", 0)))
                box = sheet.box_of(grid_range)
                return sheet, a1.Bounds(box.row0, box.col0, box.row1, box.col1)
        return None

    def resolve(self, text: str) -> tuple[Sheet, Box]:
        """``locate`` plus open sides filled in from the grid."""
        sheet, bounds = self.locate(text)
        return sheet, sheet.close(bounds)


def exceeds_grid(sheet: Sheet, box: Box, text: str) -> ApiError:
    """The 400 Google gives for a range past the sheet's last row or column."""
    return invalid_argument(
        f"Range ({text}) exceeds grid limits. Max rows: {sheet.row_count}, "
        f"max columns: {sheet.column_count}"
    )

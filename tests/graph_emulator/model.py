"""What the emulator keeps: users, workbooks in drives (with versions, sharing links and a
desktop lock), their worksheets and cells, named items, workbook sessions and the
long-running operations that create them.

Cells hold what Excel holds: a value (text, number or boolean), a formula, a number format
and a little formatting. Input is interpreted the way Excel interprets typing: in a cell
formatted as text (``@``) everything stays text; elsewhere ``=…`` becomes a formula, a
number becomes a number and ``TRUE``/``FALSE`` a boolean (a leading apostrophe forces text).
Formulas are kept but never calculated. A whole column's format (``E:E``: its width, wrap and
alignment) is kept once for the column, never cell by cell down its million rows.
"""

from __future__ import annotations

import base64
import itertools
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from . import a1

TEXT_FORMAT = "@"
GENERAL = "General"
SESSION_IDLE_SECONDS = 300.0
"""A session nobody used for this long has expired (our choice: Graph does not publish one)."""
COLUMN_DEFAULTS: dict[str, Any] = {
    "columnWidth": 48.0,
    "wrapText": False,
    "verticalAlignment": "Bottom",
    "horizontalAlignment": "General",
}
"""A column nobody formatted, as Graph's ``workbookRangeFormat`` reads it: Excel's default
width of 8.43 characters of Calibri 11 (64 px, 48 pt), unwrapped, at the foot of its row."""


@dataclass(frozen=True)
class User:
    id: str
    display_name: str
    email: str

    def identity(self) -> dict[str, Any]:
        return {"user": {"id": self.id, "displayName": self.display_name, "email": self.email}}


@dataclass
class Cell:
    value: str | float | bool = ""
    formula: str = ""
    number_format: str = GENERAL
    format: dict[str, Any] = field(default_factory=dict)

    @property
    def has_value(self) -> bool:
        return self.value != "" or bool(self.formula)

    @property
    def is_blank(self) -> bool:
        return not self.has_value and self.number_format == GENERAL and not self.format

    def text(self) -> str:
        """The cell as Excel shows it (General format; formulas are not calculated)."""
        if self.formula:
            return ""
        if isinstance(self.value, bool):
            return "TRUE" if self.value else "FALSE"
        if isinstance(self.value, float):
            return str(int(self.value)) if self.value.is_integer() else f"{self.value:.15g}"
        return self.value

    def enter(self, raw: Any) -> None:
        """Set from input (an API value or a person typing); ``None`` leaves the cell alone."""
        if raw is None:
            return
        self.formula = ""
        if isinstance(raw, bool | int | float) and not isinstance(raw, str):
            self.value = float(raw) if not isinstance(raw, bool) else raw
            return
        text = str(raw)
        if self.number_format == TEXT_FORMAT or text == "":
            self.value = text
        elif text.startswith("'"):
            self.value = text[1:]
        elif text.startswith("=") and len(text) > 1:
            self.formula, self.value = text, ""
        elif text.upper() in ("TRUE", "FALSE"):
            self.value = text.upper() == "TRUE"
        else:
            self.value = _number(text)


def _number(text: str) -> str | float:
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return text
    return number if text.strip() and text.strip()[0] in "+-.0123456789" else text


@dataclass
class Worksheet:
    id: str
    name: str
    visibility: str = "Visible"
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    column_formats: dict[int, dict[str, Any]] = field(default_factory=dict)
    """Each formatted column's ``workbookRangeFormat`` properties (``columnWidth``,
    ``wrapText``, the alignments), by 0-based column; the rest are `COLUMN_DEFAULTS`."""

    def cell(self, row: int, column: int) -> Cell:
        return self.cells.setdefault((row, column), Cell())

    def peek(self, row: int, column: int) -> Cell:
        return self.cells.get((row, column)) or Cell()

    def prune(self, keys: Iterable[tuple[int, int]] | None = None) -> None:
        """Forget blank cells (among `keys`, or all)."""
        for key in list(self.cells if keys is None else keys):
            if key in self.cells and self.cells[key].is_blank:
                del self.cells[key]

    def used(self, values_only: bool) -> tuple[int, int, int, int] | None:
        """The smallest rectangle holding every used cell (valued, or formatted too)."""
        keys = [k for k, c in self.cells.items() if c.has_value or (not values_only)]
        if not keys:
            return None
        rows, columns = [r for r, _ in keys], [c for _, c in keys]
        return min(rows), min(columns), max(rows), max(columns)

    def delete_rows(self, first: int, last: int, col0: int | None, col1: int | None) -> None:
        """Delete rows first..last (within columns col0..col1, or whole rows), shifting up."""
        count = last - first + 1
        moved: dict[tuple[int, int], Cell] = {}
        for (row, column), cell in self.cells.items():
            inside = col0 is None or (col0 <= column <= (col1 if col1 is not None else column))
            if not inside or row < first:
                moved[(row, column)] = cell
            elif row > last:
                moved[(row - count, column)] = cell
        self.cells = moved

    def column_format(self, column: int) -> dict[str, Any]:
        """A column's format as Graph reads it: what was set on it over the defaults."""
        return {**COLUMN_DEFAULTS, **self.column_formats.get(column, {})}

    def format_columns(self, col0: int, col1: int, properties: dict[str, Any]) -> None:
        """Format whole columns col0..col1: kept per column, and given to the cells there
        that hold a format of their own (as Excel formats every cell of a column)."""
        for column in range(col0, col1 + 1):
            self.column_formats.setdefault(column, {}).update(properties)
        cell_properties = {k: v for k, v in properties.items() if k != "columnWidth"}
        for (_row, column), cell in self.cells.items():
            if col0 <= column <= col1 and "format" in cell.format and cell_properties:
                cell.format["format"].update(cell_properties)

    def move_columns(self, where: Callable[[int], int]) -> None:
        """Columns moved (`where`: each column's new index), their formats with them."""
        self.cells = {(r, where(c)): cell for (r, c), cell in self.cells.items()}
        self.column_formats = {where(c): f for c, f in self.column_formats.items()}

    def grid(self) -> list[list[str]]:
        """Text from A1 to the last valued cell."""
        extent = self.used(values_only=True)
        if extent is None:
            return []
        _, _, last_row, last_column = extent
        return [
            [self.peek(r, c).text() for c in range(last_column + 1)] for r in range(last_row + 1)
        ]


@dataclass
class NamedItem:
    name: str
    sheet_id: str
    reference: str
    comment: str = ""


@dataclass
class Version:
    id: str
    user: User
    when: datetime
    size: int


@dataclass
class Workbook:
    """A driveItem holding an .xlsx workbook."""

    drive_id: str
    item_id: str
    name: str
    owner: User
    sharing_url: str
    worksheets: list[Worksheet] = field(default_factory=list)
    names: dict[str, NamedItem] = field(default_factory=dict)
    versions: list[Version] = field(default_factory=list)
    etag_number: int = 1
    locked_by: User | None = None
    dirty_by: User | None = None
    sheet_numbers: itertools.count = field(default_factory=lambda: itertools.count(0))

    def add_sheet(self, name: str) -> Worksheet:
        number = next(self.sheet_numbers)
        sheet = Worksheet(id=f"{{00000000-0001-0000-{number:04X}-000000000000}}", name=name)
        self.worksheets.append(sheet)
        return sheet

    def sheet(self, ref: str) -> Worksheet | None:
        """By id (any case, braces optional) or by name (case-insensitive, like Excel)."""
        wanted = ref.strip().lower()
        for sheet in self.worksheets:
            if sheet.id.lower() in (wanted, "{" + wanted + "}") or sheet.name.lower() == wanted:
                return sheet
        return None

    @property
    def etag(self) -> str:
        return f'"{{{self.item_id}}},{self.etag_number}"'

    @property
    def last_version(self) -> Version:
        return self.versions[-1]

    def name_value(self, item: NamedItem) -> str:
        """The formula a name refers to, following its sheet through renames."""
        sheet = next((s for s in self.worksheets if s.id == item.sheet_id), None)
        return f"{a1.quote_sheet(sheet.name)}!{item.reference}" if sheet else "#REF!"


@dataclass
class Session:
    id: str
    item_key: tuple[str, str]
    user: User
    persist: bool
    last_used: float
    closed: bool = False
    wrote: bool = False


@dataclass
class Operation:
    id: str
    item_key: tuple[str, str]
    session: Session
    polls_left: int
    fails: bool = False


class Store:
    """Everything, under one lock; ``clock`` drives session expiry and version times."""

    def __init__(self, seed: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.lock = threading.RLock()
        self.clock = clock
        self.workbooks: dict[tuple[str, str], Workbook] = {}
        self.sessions: dict[str, Session] = {}
        self.operations: dict[str, Operation] = {}
        self.slow_session_polls = 0
        self.session_creation_fails = False
        self._ids = itertools.count(seed * 1000 + 1)
        self._started = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)

    def new_id(self, prefix: str = "") -> str:
        return f"{prefix}{next(self._ids):06d}"

    def now(self) -> datetime:
        return self._started + timedelta(seconds=self.clock())

    def workbook(self, drive_id: str, item_id: str) -> Workbook | None:
        return self.workbooks.get((drive_id, item_id))

    def by_item(self, item_id: str) -> Workbook | None:
        return next((w for w in self.workbooks.values() if w.item_id == item_id), None)

    def by_sharing_url(self, url: str) -> Workbook | None:
        return next((w for w in self.workbooks.values() if w.sharing_url == url), None)

    def record_change(self, book: Workbook, user: User) -> None:
        """A save: a new version by `user`, a new eTag."""
        book.etag_number += 1
        size = sum(len(c.text()) for s in book.worksheets for c in s.cells.values())
        book.versions.append(Version(f"{len(book.versions) + 1}.0", user, self.now(), size))


def decode_share(token: str) -> str | None:
    """The sharing URL inside a ``u!`` share token (unpadded base64url), or None."""
    if not token.startswith("u!"):
        return None
    data = token[2:]
    try:
        return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None

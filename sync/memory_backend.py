"""A spreadsheet kept in memory: a real backend for engine tests and demos, not a mock.

It behaves like the others at the port: text cells, notes (plain text without an author,
like Google's, a person's own kept below Planlogg's message), row deletion that shifts the
rows below, per-edit attribution and the re-check before writing.
Tests play users with `user_edit`, `delete_rows`, `sort_rows`, `insert_column`,
`move_column` and `rename`; hiding and filtering change no value, so they are no-ops here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sync.backend import (
    Editors,
    SheetFormat,
    SheetSnapshot,
    SheetWrites,
    WriteResult,
    kept_note,
    still_valid,
)


@dataclass
class InMemorySheetBackend:
    title: str
    target: str = ""
    label: str = ""
    requests: int = 0
    grid: list[list[str]] = field(default_factory=list)
    tabs: dict[str, list[list[str]]] = field(default_factory=dict)
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
    sheet_format: SheetFormat | None = None
    edits: list[tuple[int, str]] = field(default_factory=list)
    before_write: Callable[[], None] | None = None
    """Runs between the cycle's decision and its write: lets a test type mid-cycle."""
    legacy_targets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.target = self.target or f"memory:{self.title}"
        self.label = self.label or self.title

    # --- the port ----------------------------------------------------------------------

    def read(self) -> SheetSnapshot:
        header = list(self.grid[0]) if self.grid else []
        width = len(header)
        rows = [_pad(row, width) for row in self.grid[1:]]
        return SheetSnapshot(
            header=header,
            rows=rows,
            tabs={k: [list(r) for r in v] for k, v in self.tabs.items()},
            title=self.title,
        )

    def editors(self, since: str) -> Editors:
        seen = int(since or 0)
        names = tuple(dict.fromkeys(name for n, name in self.edits if n > seen))
        return Editors(names=names, marker=str(len(self.edits)))

    def write(self, writes: SheetWrites) -> WriteResult:
        if self.before_write:
            self.before_write()
        valid = still_valid(writes, self.grid)
        result = WriteResult(skipped=len(writes.cells) - len(valid.cells))
        for cell in valid.cells:
            self.set_cell(cell.row, cell.column, cell.text)
            result.written.add((cell.row, cell.column))
        for note in valid.notes:
            text = kept_note(self.notes.get((note.row, note.column), ""), note)
            if text:
                self.notes[(note.row, note.column)] = text
            else:
                self.notes.pop((note.row, note.column), None)
        for row in sorted(valid.delete_rows, reverse=True):
            self._remove_row(row)
            result.deleted.add(row)
        for title, rows in writes.tabs.items():
            self.tabs[title] = [list(r) for r in rows]
        return result

    def lay_out(self, sheet_format: SheetFormat) -> None:
        self.sheet_format = sheet_format
        if not self.grid or not any(self.grid[0]):
            self.grid[:1] = [list(sheet_format.header)]
        for title in sheet_format.tabs:
            self.tabs.setdefault(title, [])

    def relocate(self, title: str) -> str:
        """The old grid is kept as a tab of its own; the plan starts on an empty one."""
        self.tabs[self.title] = self.grid
        self.grid, self.notes, self.title = [], {}, title
        return title

    # --- what users do -----------------------------------------------------------------

    def cell(self, row: int, column: int) -> str:
        if row - 1 < len(self.grid) and column < len(self.grid[row - 1]):
            return self.grid[row - 1][column]
        return ""

    def set_cell(self, row: int, column: int, text: str) -> None:
        while len(self.grid) < row:
            self.grid.append([])
        line = self.grid[row - 1]
        line.extend([""] * (column + 1 - len(line)))
        line[column] = text

    def user_edit(self, cells: dict[tuple[int, str], str], user: str = "Kari Nordmann") -> None:
        """Type into cells named by (row, header text)."""
        header = self.grid[0]
        for (row, column), text in cells.items():
            self.set_cell(row, header.index(column), text)
        self.edits.append((len(self.edits) + 1, user))

    def delete_rows(self, *rows: int, user: str = "Kari Nordmann") -> None:
        for row in sorted(rows, reverse=True):
            self._remove_row(row)
        self.edits.append((len(self.edits) + 1, user))

    def sort_rows(self, key: Callable[[list[str]], Any], user: str = "Kari Nordmann") -> None:
        body = sorted(self.grid[1:], key=key)
        self.grid[1:] = body
        self.notes = {}
        self.edits.append((len(self.edits) + 1, user))

    def insert_column(self, before: int, header: str, user: str = "Kari Nordmann") -> None:
        """A column of the user's own, inserted before 0-based column `before`."""
        for number, line in enumerate(self.grid):
            line.extend([""] * (before - len(line)))
            line.insert(before, header if number == 0 else "")
        self.notes = {(r, c + 1 if c >= before else c): t for (r, c), t in self.notes.items()}
        self.edits.append((len(self.edits) + 1, user))

    def move_column(self, name: str, before: int, user: str = "Kari Nordmann") -> None:
        """Drag the column headed `name` so it stands before 0-based column `before`."""
        width = max(len(line) for line in self.grid)
        source = self.grid[0].index(name)
        order = list(range(width))
        order.remove(source)
        order.insert(before if before < source else before - 1, source)
        self.grid = [[_pad(line, width)[i] for i in order] for line in self.grid]
        where = {old: new for new, old in enumerate(order)}
        self.notes = {(r, where[c]): t for (r, c), t in self.notes.items()}
        self.edits.append((len(self.edits) + 1, user))

    def rename(self, title: str, user: str = "Kari Nordmann") -> None:
        """Rename the tab; its identity (`target`) stays."""
        self.title = title
        self.edits.append((len(self.edits) + 1, user))

    def column(self, name: str) -> list[str]:
        index = self.grid[0].index(name)
        return [self.cell(r, index) for r in range(2, len(self.grid) + 1)]

    def row_of(self, measure_id: str) -> int:
        for number, line in enumerate(self.grid[1:], start=2):
            if line and line[0] == measure_id:
                return number
        raise KeyError(measure_id)

    def value(self, row: int, name: str) -> str:
        return self.cell(row, self.grid[0].index(name))

    def _remove_row(self, row: int) -> None:
        if row - 1 < len(self.grid):
            del self.grid[row - 1]
        self.notes = {
            (r - 1 if r > row else r, c): t for (r, c), t in self.notes.items() if r != row
        }


def _pad(row: list[str], width: int) -> list[str]:
    return list(row) + [""] * (width - len(row))

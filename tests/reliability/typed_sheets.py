"""The three sheets a person can type into, behind one small interface for the fuzz tests.

The in-memory backend, the local workbook (typed as Excel saves it: the
workbook's cells and its "last modified by") and the Google emulator (typed
through its UI path, so values are parsed as Google would).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from gspread.utils import rowcol_to_a1
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from sync.backend import SheetBackend
from sync.google import GoogleSheetBackend
from sync.layout import ID, Layout, heading
from sync.memory_backend import InMemorySheetBackend
from sync.workbook import WorkbookBackend, cell_text
from tests.sheets_emulator import SheetsEmulator

TYPIST = ("Fuzz Fuzzesen", "fuzz@example.no")


class TypedSheet(Protocol):
    backend: SheetBackend

    def type(self, row: int, column: str, text: str) -> bool:
        """Type `text`; False when this sheet program would not let anyone type it."""

    def shown(self, row: int, column: str) -> str: ...

    def row_of(self, measure_id: str) -> int: ...


class MemorySheet:
    def __init__(self, key: str) -> None:
        self.backend = InMemorySheetBackend(key)

    def type(self, row: int, column: str, text: str) -> bool:
        self.backend.user_edit({(row, heading(column)): text}, user=TYPIST[0])
        return True

    def shown(self, row: int, column: str) -> str:
        return self.backend.value(row, heading(column))

    def row_of(self, measure_id: str) -> int:
        return self.backend.row_of(measure_id)


class WorkbookSheet:
    def __init__(self, path: Path, key: str, layout: Layout) -> None:
        self.backend = WorkbookBackend(path, key)
        self.key, self.layout = key, layout

    def type(self, row: int, column: str, text: str) -> bool:
        book = load_workbook(self.backend.path)
        cell = book[self.backend.title].cell(row=row, column=self.layout.index(column) + 1)
        try:
            cell.value = text or None
        except IllegalCharacterError:
            return False
        if text:
            cell.data_type = "s"
        book.properties.lastModifiedBy = TYPIST[0]
        book.save(self.backend.path)
        return True

    def _grid(self) -> list[list[str]]:
        book = load_workbook(self.backend.path, read_only=True, data_only=True)
        try:
            rows = book[self.backend.title].iter_rows(values_only=True)
            return [[cell_text(v) for v in row] for row in rows]
        finally:
            book.close()

    def shown(self, row: int, column: str) -> str:
        line = self._grid()[row - 1]
        index = self.layout.index(column)
        return line[index] if index < len(line) else ""

    def row_of(self, measure_id: str) -> int:
        column = self.layout.index(ID)
        for number, line in enumerate(self._grid(), start=1):
            if number > 1 and line[column] == measure_id:
                return number
        raise KeyError(measure_id)


class GoogleSheet:
    def __init__(self, emulator: SheetsEmulator, key: str, layout: Layout) -> None:
        self.emulator, self.key, self.layout = emulator, key, layout
        self.spreadsheet_id = emulator.create_spreadsheet("Handlingsplan")
        self.backend = GoogleSheetBackend(emulator.gspread_client(), self.spreadsheet_id, key)

    def type(self, row: int, column: str, text: str) -> bool:
        label = rowcol_to_a1(row, self.layout.index(column) + 1)
        try:
            self.emulator.user_edit(self.spreadsheet_id, self.key, {label: text}, user=TYPIST)
        except (ValueError, PermissionError):
            return False
        return True

    def _grid(self) -> list[list[str]]:
        return self.emulator.cells(self.spreadsheet_id, self.key)

    def shown(self, row: int, column: str) -> str:
        line = self._grid()[row - 1]
        index = self.layout.index(column)
        return line[index] if index < len(line) else ""

    def row_of(self, measure_id: str) -> int:
        column = self.layout.index(ID)
        for number, line in enumerate(self._grid(), start=1):
            if number > 1 and len(line) > column and line[column] == measure_id:
                return number
        raise KeyError(measure_id)

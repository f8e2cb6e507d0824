"""One driver per backend: the backend itself plus what a person does in that spreadsheet
(type, delete rows, sort) and what they see, so every conformance case runs unchanged on
each. Networked drivers can also make their service fail."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from gspread.utils import rowcol_to_a1
from openpyxl import load_workbook

from sync.backend import SheetBackend
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend
from sync.layout import Layout
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from sync.workbook import WorkbookBackend, cell_text
from tests.graph_emulator import GraphEmulator, User
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN
from tests.sync.excel import excel_backend

PERSON = "Siri Sekretær"
EMAIL = "siri@helsefellesskap.test"
HEADER = Layout.for_years((2024, 2025)).header


class SheetDriver(Protocol):
    backend: SheetBackend
    waits: list[float]

    def edit(self, cells: dict[tuple[int, str], str], user: str = PERSON) -> None: ...

    def delete_rows(self, first: int, last: int) -> None: ...

    def sort_by(self, column: str) -> None:
        """Sort the data rows by `column`, descending, keeping the header on top."""

    def grid(self) -> list[list[str]]: ...

    def fail_reads(self, times: int) -> None:
        """The service answers the next `times` reads with 503 (networked backends only)."""

    def fail_reads_stop(self) -> None:
        """Disarm the faults `fail_reads` left."""


def value(driver: SheetDriver, row: int, column: str) -> str:
    line = driver.grid()[row - 1] if row <= len(driver.grid()) else []
    index = HEADER.index(column)
    return line[index] if index < len(line) else ""


def ids(driver: SheetDriver) -> list[str]:
    return [line[0] for line in driver.grid()[1:]]


def row_of(driver: SheetDriver, measure_id: str) -> int:
    return ids(driver).index(measure_id) + 2


def _label(row: int, column: str) -> str:
    return rowcol_to_a1(row, HEADER.index(column) + 1)


class MemoryDriver:
    def __init__(self) -> None:
        self.sheet = InMemorySheetBackend(PLAN)
        self.backend: SheetBackend = self.sheet
        self.waits: list[float] = []

    def edit(self, cells: dict[tuple[int, str], str], user: str = PERSON) -> None:
        self.sheet.user_edit(cells, user=user)

    def delete_rows(self, first: int, last: int) -> None:
        self.sheet.delete_rows(*range(first, last + 1))

    def sort_by(self, column: str) -> None:
        index = HEADER.index(column)
        self.sheet.sort_rows(key=lambda r: r[index], user=PERSON)
        self.sheet.grid[1:] = list(reversed(self.sheet.grid[1:]))

    def grid(self) -> list[list[str]]:
        return [list(r) for r in self.sheet.grid]

    def fail_reads(self, times: int) -> None:
        raise NotImplementedError("no network")

    def fail_reads_stop(self) -> None:
        raise NotImplementedError("no network")


class WorkbookDriver:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "plan.xlsx"
        self.backend = WorkbookBackend(self.path, PLAN)
        self.waits: list[float] = []

    def _change(self, change: Callable[[Any], object], user: str = PERSON) -> None:
        book = load_workbook(self.path)
        change(book[PLAN])
        book.properties.lastModifiedBy = user
        book.save(self.path)

    def edit(self, cells: dict[tuple[int, str], str], user: str = PERSON) -> None:
        def typing(sheet: Any) -> None:
            for (row, column), text in cells.items():
                sheet[_label(row, column)] = text

        self._change(typing, user)

    def delete_rows(self, first: int, last: int) -> None:
        self._change(lambda sheet: sheet.delete_rows(first, last - first + 1))

    def sort_by(self, column: str) -> None:
        index = HEADER.index(column)

        def sorting(sheet: Any) -> None:
            rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
            rows.sort(key=lambda r: cell_text(r[index]), reverse=True)
            for number, values in enumerate(rows, start=2):
                for col, text in enumerate(values, start=1):
                    sheet.cell(row=number, column=col, value=text)

        self._change(sorting)

    def grid(self) -> list[list[str]]:
        sheet = load_workbook(self.path, data_only=True)[PLAN]
        rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        while rows and not any(rows[-1]):
            rows.pop()
        return rows

    def fail_reads(self, times: int) -> None:
        raise NotImplementedError("no network")

    def fail_reads_stop(self) -> None:
        raise NotImplementedError("no network")


def quick_retry_client(waits: list[float]) -> type[BoundedRetryClient]:
    """The production client class, but its waits are recorded in `waits`, not slept."""

    class QuickRetryClient(BoundedRetryClient):
        request_timeout = (2.0, 10.0)
        sleep = staticmethod(waits.append)

    return QuickRetryClient


class GoogleDriver:
    def __init__(self, emulator: SheetsEmulator) -> None:
        self.emulator = emulator
        self.spreadsheet_id = emulator.create_spreadsheet("Handlingsplan")
        self.waits: list[float] = []
        client = emulator.gspread_client(http_client=quick_retry_client(self.waits))
        self.backend = GoogleSheetBackend(client, self.spreadsheet_id, PLAN)

    def edit(self, cells: dict[tuple[int, str], str], user: str = PERSON) -> None:
        labels = {_label(row, column): text for (row, column), text in cells.items()}
        self.emulator.user_edit(self.spreadsheet_id, PLAN, labels, user=(user, EMAIL))

    def delete_rows(self, first: int, last: int) -> None:
        self.emulator.user_delete_rows(self.spreadsheet_id, PLAN, first, last)

    def sort_by(self, column: str) -> None:
        letter = _label(1, column).rstrip("1")
        self.emulator.user_sort(self.spreadsheet_id, PLAN, letter, descending=True)

    def grid(self) -> list[list[str]]:
        return self.emulator.cells(self.spreadsheet_id, PLAN)

    def fail_reads(self, times: int) -> None:
        self.emulator.faults.add(status=503, times=times, match="values:batchGet")

    def fail_reads_stop(self) -> None:
        self.emulator.faults.clear()


class ExcelDriver:
    def __init__(self, graph: GraphEmulator) -> None:
        self.graph = graph
        self.book = graph.create_workbook()
        self.waits: list[float] = []
        self.backend = excel_backend(graph, self.book, PLAN, self.waits)

    def edit(self, cells: dict[tuple[int, str], str], user: str = PERSON) -> None:
        labels = {_label(row, column): text for (row, column), text in cells.items()}
        person = User(f"id-{abs(hash(user))}", user, EMAIL)
        self.graph.user_edit(self.book, PLAN, labels, user=person)

    def delete_rows(self, first: int, last: int) -> None:
        self.graph.user_delete_rows(self.book, PLAN, first, last)

    def sort_by(self, column: str) -> None:
        letter = _label(1, column).rstrip("1")
        self.graph.user_sort(self.book, PLAN, letter, descending=True)

    def grid(self) -> list[list[str]]:
        return self.graph.cells(self.book, PLAN)

    def fail_reads(self, times: int) -> None:
        plan_tab = self.graph.sheet(self.book, PLAN).id
        self.graph.faults.add(status=503, times=times, match=f"{plan_tab}/usedRange")

    def fail_reads_stop(self) -> None:
        self.graph.faults.clear()


@contextmanager
def laid_out(sheet_sync: SheetSync, driver: SheetDriver) -> Iterator[SheetDriver]:
    """The driver's sheet laid out for the plan and synced once."""
    lay_out(sheet_sync.app, driver.backend, PLAN)
    sheet_sync.cycle(driver.backend, PLAN)
    driver.waits.clear()
    yield driver

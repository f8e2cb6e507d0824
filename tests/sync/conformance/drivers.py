"""One driver per backend: the backend itself plus what a person does in that spreadsheet
(type, delete rows, sort, insert and move columns, hide and filter rows, rename the tab, add
a tab of their own) and what they see, so every conformance case runs unchanged on each.
Cells are named by the header people see now, so a moved column is still found. Networked
drivers can also make their service fail."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from gspread.utils import a1_to_rowcol, rowcol_to_a1
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
    waits: list[float]
    tab: str

    @property
    def backend(self) -> SheetBackend: ...

    def edit(self, cells: dict[tuple[int, str], str], user: str = PERSON) -> None: ...

    def insert_column(self, before: int, header: str) -> None:
        """A column of one's own before 0-based column `before`, headed `header`."""

    def move_column(self, column: str, before: int) -> None:
        """Drag the column headed `column` to stand before 0-based column `before`."""

    def rename_tab(self, title: str, tab: str | None = None) -> None:
        """Rename the plan's tab, or the tab `tab` (e.g. Planlogg's Oversikt), to `title`."""

    def add_own_tab(self, title: str, values: dict[str, str]) -> None: ...

    def own_tab(self, title: str) -> list[list[str]]: ...

    def hide_row(self, row: int) -> None: ...

    def hide_column(self, column: str) -> None: ...

    def filter_out(self, column: str, shown: str) -> None:
        """A filter hiding the rows whose `column` shows `shown`."""

    def insert_blank_row(self, before: int) -> None: ...

    def delete_rows(self, first: int, last: int) -> None: ...

    def sort_by(self, column: str) -> None:
        """Sort the data rows by `column`, descending, keeping the header on top."""

    def grid(self) -> list[list[str]]: ...

    def fail_reads(self, times: int) -> None:
        """The service answers the next `times` reads with 503 (networked backends only)."""

    def fail_reads_stop(self) -> None:
        """Disarm the faults `fail_reads` left."""


def header(driver: SheetDriver) -> list[str]:
    grid = driver.grid()
    return grid[0] if grid else []


def value(driver: SheetDriver, row: int, column: str) -> str:
    grid = driver.grid()
    line = grid[row - 1] if row <= len(grid) else []
    index = grid[0].index(column)
    return line[index] if index < len(line) else ""


def ids(driver: SheetDriver) -> list[str]:
    index = header(driver).index("ID")
    return [line[index] if index < len(line) else "" for line in driver.grid()[1:]]


def row_of(driver: SheetDriver, measure_id: str) -> int:
    return ids(driver).index(measure_id) + 2


def _labels(driver: SheetDriver, cells: dict[tuple[int, str], str]) -> dict[str, str]:
    """A1 labels of cells named by (row, the header people see now)."""
    found = header(driver)
    return {rowcol_to_a1(row, found.index(c) + 1): text for (row, c), text in cells.items()}


def _letter(driver: SheetDriver, column: str) -> str:
    return rowcol_to_a1(1, header(driver).index(column) + 1).rstrip("1")


class MemoryDriver:
    def __init__(self) -> None:
        self.sheet = InMemorySheetBackend(PLAN)
        self.backend: SheetBackend = self.sheet
        self.waits: list[float] = []
        self.tab = PLAN

    def edit(self, cells: dict[tuple[int, str], str], user: str = PERSON) -> None:
        self.sheet.user_edit(cells, user=user)

    def insert_column(self, before: int, header: str) -> None:
        self.sheet.insert_column(before, header)

    def move_column(self, column: str, before: int) -> None:
        self.sheet.move_column(column, before)

    def rename_tab(self, title: str, tab: str | None = None) -> None:
        if tab is not None:
            raise NotImplementedError("the memory backend holds the plan's tab only")
        self.sheet.rename(title)
        self.tab = title

    def add_own_tab(self, title: str, values: dict[str, str]) -> None:
        grid: list[list[str]] = []
        for label, text in values.items():
            row, col = a1_to_rowcol(label)
            while len(grid) < row:
                grid.append([])
            grid[row - 1].extend([""] * (col - len(grid[row - 1])))
            grid[row - 1][col - 1] = text
        self.sheet.tabs[title] = grid

    def own_tab(self, title: str) -> list[list[str]]:
        rows = self.sheet.tabs[title]
        width = max(len(r) for r in rows)
        return [list(r) + [""] * (width - len(r)) for r in rows]

    def hide_row(self, row: int) -> None:
        """Hiding changes no value; the in-memory sheet has nothing to record."""

    def hide_column(self, column: str) -> None:
        """Hiding changes no value; the in-memory sheet has nothing to record."""

    def filter_out(self, column: str, shown: str) -> None:
        """A filter changes no value; the in-memory sheet has nothing to record."""

    def insert_blank_row(self, before: int) -> None:
        self.sheet.grid.insert(before - 1, [])

    def delete_rows(self, first: int, last: int) -> None:
        self.sheet.delete_rows(*range(first, last + 1))

    def sort_by(self, column: str) -> None:
        index = self.sheet.grid[0].index(column)
        self.sheet.sort_rows(key=lambda r: r[index], user=PERSON)
        self.sheet.grid[1:] = list(reversed(self.sheet.grid[1:]))

    def grid(self) -> list[list[str]]:
        shown = self.sheet.grid if self.tab == self.sheet.title else self.sheet.tabs[self.tab]
        return [list(r) for r in shown]

    def fail_reads(self, times: int) -> None:
        raise NotImplementedError("no network")

    def fail_reads_stop(self) -> None:
        raise NotImplementedError("no network")


class WorkbookDriver:
    """People in Excel or LibreOffice, played with openpyxl (a rename is done the way
    LibreOffice saves it: the defined name follows, the code names are gone)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "plan.xlsx"
        self.backend = WorkbookBackend(self.path, PLAN)
        self.waits: list[float] = []
        self.tab = PLAN

    def _change(self, change: Callable[[Any], object], user: str = PERSON) -> None:
        book = load_workbook(self.path)
        change(book[self.tab])
        book.properties.lastModifiedBy = user
        book.save(self.path)

    def edit(self, cells: dict[tuple[int, str], str], user: str = PERSON) -> None:
        labels = _labels(self, cells)

        def typing(sheet: Any) -> None:
            for label, text in labels.items():
                sheet[label] = text

        self._change(typing, user)

    def insert_column(self, before: int, header: str) -> None:
        def inserting(sheet: Any) -> None:
            sheet.insert_cols(before + 1)
            sheet.cell(row=1, column=before + 1, value=header)

        self._change(inserting)

    def move_column(self, column: str, before: int) -> None:
        source = header(self).index(column)

        def moving(sheet: Any) -> None:
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            width = max(len(r) for r in rows)
            order = list(range(width))
            order.remove(source)
            order.insert(before if before < source else before - 1, source)
            for number, values in enumerate(rows, start=1):
                padded = list(values) + [None] * (width - len(values))
                for col, old in enumerate(order, start=1):
                    sheet.cell(row=number, column=col).value = padded[old]

        self._change(moving)

    def rename_tab(self, title: str, tab: str | None = None) -> None:
        old = self.tab if tab is None else tab
        book = load_workbook(self.path)
        book[old].title = title
        for name in book.defined_names.values():
            name.attr_text = name.attr_text.replace(f"'{old}'!", f"'{title}'!")
        for sheet in book.worksheets:
            sheet.sheet_properties.codeName = None
        book.save(self.path)
        if tab is None:
            self.tab = title

    def add_own_tab(self, title: str, values: dict[str, str]) -> None:
        book = load_workbook(self.path)
        sheet = book.create_sheet(title)
        for label, text in values.items():
            sheet[label] = text
        book.save(self.path)

    def own_tab(self, title: str) -> list[list[str]]:
        sheet = load_workbook(self.path, data_only=True)[title]
        return [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]

    def hide_row(self, row: int) -> None:
        def hiding(sheet: Any) -> None:
            sheet.row_dimensions[row].hidden = True

        self._change(hiding)

    def hide_column(self, column: str) -> None:
        letter = _letter(self, column)

        def hiding(sheet: Any) -> None:
            sheet.column_dimensions[letter].hidden = True

        self._change(hiding)

    def filter_out(self, column: str, shown: str) -> None:
        index = header(self).index(column)

        def filtering(sheet: Any) -> None:
            sheet.auto_filter.ref = sheet.dimensions
            body = list(sheet.iter_rows(min_row=2, values_only=True))
            kept = sorted({cell_text(r[index]) for r in body})
            sheet.auto_filter.add_filter_column(index, [v for v in kept if v != shown])
            for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
                if cell_text(values[index]) == shown:
                    sheet.row_dimensions[number].hidden = True

        self._change(filtering)

    def insert_blank_row(self, before: int) -> None:
        self._change(lambda sheet: sheet.insert_rows(before))

    def delete_rows(self, first: int, last: int) -> None:
        self._change(lambda sheet: sheet.delete_rows(first, last - first + 1))

    def sort_by(self, column: str) -> None:
        index = header(self).index(column)

        def sorting(sheet: Any) -> None:
            rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
            rows.sort(key=lambda r: cell_text(r[index]), reverse=True)
            for number, values in enumerate(rows, start=2):
                for col, text in enumerate(values, start=1):
                    sheet.cell(row=number, column=col).value = text

        self._change(sorting)

    def grid(self) -> list[list[str]]:
        sheet = load_workbook(self.path, data_only=True)[self.tab]
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
        self.tab = PLAN

    def edit(self, cells: dict[tuple[int, str], str], user: str = PERSON) -> None:
        labels = _labels(self, cells)
        self.emulator.user_edit(self.spreadsheet_id, self.tab, labels, user=(user, EMAIL))

    def insert_column(self, before: int, header: str) -> None:
        self.emulator.user_insert_columns(self.spreadsheet_id, self.tab, before)
        label = rowcol_to_a1(1, before + 1)
        self.emulator.user_edit(self.spreadsheet_id, self.tab, {label: header})

    def move_column(self, column: str, before: int) -> None:
        source = header(self).index(column)
        self.emulator.user_move_column(self.spreadsheet_id, self.tab, source, before)

    def rename_tab(self, title: str, tab: str | None = None) -> None:
        self.emulator.user_rename_sheet(self.spreadsheet_id, tab or self.tab, title)
        if tab is None:
            self.tab = title

    def add_own_tab(self, title: str, values: dict[str, str]) -> None:
        self.emulator.user_add_sheet(self.spreadsheet_id, title, values)

    def own_tab(self, title: str) -> list[list[str]]:
        return self.emulator.cells(self.spreadsheet_id, title)

    def hide_row(self, row: int) -> None:
        self.emulator.user_hide(self.spreadsheet_id, self.tab, "ROWS", row - 1, row)

    def hide_column(self, column: str) -> None:
        index = header(self).index(column)
        self.emulator.user_hide(self.spreadsheet_id, self.tab, "COLUMNS", index, index + 1)

    def filter_out(self, column: str, shown: str) -> None:
        index = header(self).index(column)
        self.emulator.user_filter(self.spreadsheet_id, self.tab, index, [shown])

    def insert_blank_row(self, before: int) -> None:
        self.emulator.user_insert_rows(self.spreadsheet_id, self.tab, before)

    def delete_rows(self, first: int, last: int) -> None:
        self.emulator.user_delete_rows(self.spreadsheet_id, self.tab, first, last)

    def sort_by(self, column: str) -> None:
        letter = _letter(self, column)
        self.emulator.user_sort(self.spreadsheet_id, self.tab, letter, descending=True)

    def grid(self) -> list[list[str]]:
        return self.emulator.cells(self.spreadsheet_id, self.tab)

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
        self.tab = PLAN

    def edit(self, cells: dict[tuple[int, str], str], user: str = PERSON) -> None:
        labels = _labels(self, cells)
        person = User(f"id-{abs(hash(user))}", user, EMAIL)
        self.graph.user_edit(self.book, self.tab, labels, user=person)

    def insert_column(self, before: int, header: str) -> None:
        self.graph.user_insert_columns(self.book, self.tab, before)
        self.graph.user_edit(self.book, self.tab, {rowcol_to_a1(1, before + 1): header})

    def move_column(self, column: str, before: int) -> None:
        self.graph.user_move_column(self.book, self.tab, header(self).index(column), before)

    def rename_tab(self, title: str, tab: str | None = None) -> None:
        self.graph.user_rename_sheet(self.book, tab or self.tab, title)
        if tab is None:
            self.tab = title

    def add_own_tab(self, title: str, values: dict[str, str]) -> None:
        self.graph.user_add_sheet(self.book, title, values)

    def own_tab(self, title: str) -> list[list[str]]:
        return self.graph.cells(self.book, title)

    def hide_row(self, row: int) -> None:
        """Excel for the web hides rows without changing a value; Graph reads them alike."""

    def hide_column(self, column: str) -> None:
        """Hiding a column changes no value; Graph reads it like any other."""

    def filter_out(self, column: str, shown: str) -> None:
        """A filter only hides rows; Graph's usedRange reads them like any other."""

    def insert_blank_row(self, before: int) -> None:
        self.graph.user_insert_rows(self.book, self.tab, before)

    def delete_rows(self, first: int, last: int) -> None:
        self.graph.user_delete_rows(self.book, self.tab, first, last)

    def sort_by(self, column: str) -> None:
        self.graph.user_sort(self.book, self.tab, _letter(self, column), descending=True)

    def grid(self) -> list[list[str]]:
        return self.graph.cells(self.book, self.tab)

    def fail_reads(self, times: int) -> None:
        plan_tab = self.graph.sheet(self.book, self.tab).id
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

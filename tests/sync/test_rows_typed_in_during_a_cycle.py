"""A row the sync deletes is deleted only while it shows every cell as read: re-checked by
its ID alone, what a person typed in it while the cycle ran (in their own column, or in a
Planlogg cell) went with the row. The cycle records what it read
(`SheetWrites.remember_read`), and `still_valid` compares. Every backend is driven: Excel
Online, Google, the workbook and the in-memory sheet."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from domain.application import Planlogg
from sync.backend import SheetBackend
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import Layout
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from sync.workbook import WorkbookBackend
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import Workbook
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB
from tests.sync.excel import excel_backend

LAYOUT = Layout.for_years((2024, 2025))
WIDTH = len(LAYOUT.header)
TEXT = LAYOUT.index("Tiltak")
NOTE = "Må drøftast i SSU først"
RETYPED = "Tiltaket held fram i 2025"

Typing = Callable[[int, int, str], None]
"""Type text at (row, 0-based column), as a person does."""
Cells = Callable[[], list[list[str]]]
"""The plan tab as people see it."""


@pytest.fixture(params=["excel", "google", "workbook", "memory"])
def sheet_of(
    request: pytest.FixtureRequest,
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    tmp_path: Path,
) -> tuple[SheetBackend, Typing, Cells]:
    """A sheet of each backend, laid out and synced once."""
    backend: Any
    typing: Typing
    cells: Cells
    if request.param == "excel":
        graph: GraphEmulator = request.getfixturevalue("graph")
        book: Workbook = graph.create_workbook()
        backend = excel_backend(graph, book, PLAN, [])

        def typing(row: int, column: int, text: str) -> None:
            graph.user_edit(book, PLAN, {f"{get_column_letter(column + 1)}{row}": text})

        def cells() -> list[list[str]]:
            return graph.cells(book, PLAN)

    elif request.param == "google":
        emulator: SheetsEmulator = request.getfixturevalue("emulator")
        sid = emulator.create_spreadsheet("Handlingsplan")
        backend = GoogleSheetBackend(emulator.gspread_client(), sid, PLAN)

        widened: list[int] = []

        def typing(row: int, column: int, text: str) -> None:
            if column >= WIDTH and not widened:  # a column of one's own, added at the end
                emulator.user_insert_columns(sid, PLAN, WIDTH)
                widened.append(WIDTH)
            emulator.user_edit(sid, PLAN, {f"{get_column_letter(column + 1)}{row}": text})

        def cells() -> list[list[str]]:
            return emulator.cells(sid, PLAN)

    elif request.param == "workbook":
        backend = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)

        def typing(row: int, column: int, text: str) -> None:
            book = load_workbook(backend.path)
            book[PLAN].cell(row=row, column=column + 1).value = text
            book.save(backend.path)

        def cells() -> list[list[str]]:
            rows = load_workbook(backend.path)[PLAN].iter_rows(values_only=True)
            return [["" if v is None else str(v) for v in row] for row in rows]

    else:
        backend = InMemorySheetBackend(PLAN)

        def typing(row: int, column: int, text: str) -> None:
            backend.set_cell(row, column, text)

        def cells() -> list[list[str]]:
            return [list(row) for row in backend.grid]

    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return backend, typing, cells


@contextmanager
def typed_during_the_write(
    backend: Any, typing: Typing, *at: tuple[int, int, str]
) -> Iterator[None]:
    """The person types `at` after the cycle read the sheet, just before it writes."""
    write = backend.write

    def typing_meanwhile(writes: Any) -> Any:
        for row, column, text in at:
            typing(row, column, text)
        return write(writes)

    backend.write = typing_meanwhile
    try:
        yield
    finally:
        backend.write = write


def _row_of(cells: Cells, measure_id: str) -> int:
    return [row[0] if row else "" for row in cells()].index(measure_id) + 1


def test_a_note_typed_in_an_own_column_during_the_cycle_is_not_deleted_with_the_row(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet_of: tuple[SheetBackend, Typing, Cells]
) -> None:
    backend, typing, cells = sheet_of
    typing(1, WIDTH, "Notat")
    sheet_sync.cycle(backend, PLAN)
    row = _row_of(cells, "T002")
    plan_app.remove_measure(PLAN, "T002", WEB)
    with typed_during_the_write(backend, typing, (row, WIDTH, NOTE)):
        sheet_sync.cycle(backend, PLAN)
    assert [cells()[row - 1][i] for i in (0, WIDTH)] == ["T002", NOTE]
    sheet_sync.cycle(backend, PLAN)  # the next cycle keeps the row, for the person's note
    assert [cells()[row - 1][i] for i in (0, WIDTH)] == ["T002", NOTE]


def test_a_measure_text_retyped_during_the_cycle_is_not_deleted_with_the_row(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet_of: tuple[SheetBackend, Typing, Cells]
) -> None:
    backend, typing, cells = sheet_of
    row = _row_of(cells, "T002")
    plan_app.remove_measure(PLAN, "T002", WEB)
    with typed_during_the_write(backend, typing, (row, TEXT, RETYPED)):
        sheet_sync.cycle(backend, PLAN)
    assert [cells()[row - 1][i] for i in (0, TEXT)] == ["T002", RETYPED]


def test_a_row_nobody_typed_in_is_deleted(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet_of: tuple[SheetBackend, Typing, Cells]
) -> None:
    backend, typing, cells = sheet_of
    row = _row_of(cells, "T002")
    plan_app.remove_measure(PLAN, "T002", WEB)
    with typed_during_the_write(backend, typing, (row + 1, WIDTH, NOTE)):
        sheet_sync.cycle(backend, PLAN)
    assert [r[0] for r in cells()[1:] if r and r[0]] == ["T001", "T003", "T004", "T005", "T006"]
    assert cells()[row - 1][WIDTH] == NOTE

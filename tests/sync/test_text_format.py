"""What people type in the plan's columns stays text: "0042", "1.10" and "1.2.3" are not
turned into numbers or dates by Excel, LibreOffice or Google Sheets."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from gspread.utils import rowcol_to_a1
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import Layout, column_width
from sync.loop import lay_out
from sync.workbook import WorkbookBackend
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB

WIDTH = len(Layout.for_years((2024, 2025)).header)
ROWS = 7
"""The header and the six measures of `make_plan`."""


def _column(name: str) -> int:
    return Layout.for_years((2024, 2025)).index(name) + 1


# --- the local workbook ------------------------------------------------------------------


@pytest.fixture
def laid_out(plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path) -> WorkbookBackend:
    backend = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return backend


def test_cells_the_workbook_sync_writes_are_text(laid_out: WorkbookBackend) -> None:
    book = load_workbook(laid_out.path)
    sheet = book[PLAN]
    assert sheet.max_row >= ROWS
    written = [sheet.cell(row=r, column=c) for r in (1, 2, ROWS) for c in (1, _column("Tiltak"))]
    assert all(cell.value for cell in written)
    assert {cell.number_format for cell in written} == {"@"}
    assert book["Oversikt"]["A1"].value
    assert book["Oversikt"]["A1"].number_format == "@"


def test_the_plans_columns_are_text_for_what_people_type_later(
    laid_out: WorkbookBackend,
) -> None:
    sheet = load_workbook(laid_out.path)[PLAN]
    columns = [sheet.column_dimensions[get_column_letter(c)] for c in range(1, WIDTH + 1)]
    assert [(c.number_format, c.width, c.hidden) for c in columns] == [
        ("@", column_width(header).characters, False)
        for header in Layout.for_years((2024, 2025)).header
    ]


def test_own_columns_other_tabs_and_typed_dates_keep_their_format(
    plan_app: Planlogg, laid_out: WorkbookBackend
) -> None:
    book = load_workbook(laid_out.path)
    comment = get_column_letter(_column("Statuskommentar"))
    book[PLAN].cell(row=1, column=WIDTH + 1, value="Mine notater")
    book[PLAN][f"{comment}3"] = datetime(2025, 3, 1)
    book.save(laid_out.path)
    lay_out(plan_app, laid_out, PLAN)
    book = load_workbook(laid_out.path)
    own = book[PLAN].column_dimensions[get_column_letter(WIDTH + 1)]
    assert own.number_format == "General"
    assert book[PLAN][f"{comment}3"].is_date
    assert book[PLAN][f"{comment}3"].value == datetime(2025, 3, 1)
    assert book["Oversikt"].column_dimensions["A"].number_format == "General"
    assert book["Oversikt"].cell(row=50, column=1).number_format == "General"


def test_columns_sharing_a_width_keep_it_and_only_the_plans_turn_text(
    plan_app: Planlogg, tmp_path: Path
) -> None:
    """LibreOffice saves neighbouring columns alike as one `<col>` range."""
    path = tmp_path / "plan.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = PLAN
    headings = Layout.for_years((2024, 2025)).headings
    for index, name in enumerate((*headings, "Mine notater"), start=1):
        sheet.cell(row=1, column=index, value=name)
    sheet.column_dimensions.group("A", get_column_letter(WIDTH + 3), outline_level=0)
    sheet.column_dimensions["A"].width = 20
    book.save(path)
    lay_out(plan_app, WorkbookBackend(path, PLAN), PLAN)
    with zipfile.ZipFile(path) as archive:
        part = archive.read("xl/worksheets/sheet1.xml").decode()
    spans = [(int(a), int(b)) for a, b in re.findall(r'<col [^>]*min="(\d+)" max="(\d+)"', part)]
    assert sorted(spans) == [*((c, c) for c in range(1, WIDTH + 1)), (WIDTH + 1, WIDTH + 3)]
    dimensions = load_workbook(path)[PLAN].column_dimensions
    found = {
        (dimensions[get_column_letter(c)].number_format, dimensions[get_column_letter(c)].width)
        for c in range(1, WIDTH + 1)
    }
    assert found == {("@", 20)}
    assert dimensions[get_column_letter(WIDTH + 1)].number_format == "General"
    assert dimensions[get_column_letter(WIDTH + 1)].width == 20


# --- Google ------------------------------------------------------------------------------


def _google(app: Planlogg, emu: SheetsEmulator) -> tuple[GoogleSheetBackend, str]:
    spreadsheet_id = emu.create_spreadsheet("Handlingsplan")
    backend = GoogleSheetBackend(emu.gspread_client(), spreadsheet_id, PLAN)
    lay_out(app, backend, PLAN)
    return backend, spreadsheet_id


def _number_format(emu: SheetsEmulator, sid: str, tab: str, row: int, column: int) -> str:
    """The number format type of a cell (0-based), "" when it has none."""
    cell = emu.spreadsheet(sid).worksheet(tab).cells.get((row, column), {})
    return str(cell.get("userEnteredFormat", {}).get("numberFormat", {}).get("type", ""))


def test_laying_out_a_google_sheet_formats_the_plans_columns_as_text(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    _, sid = _google(plan_app, emulator)
    formats = [_number_format(emulator, sid, PLAN, 500, c) for c in range(WIDTH)]
    assert formats == ["TEXT"] * WIDTH
    assert _number_format(emulator, sid, PLAN, 500, WIDTH) == ""
    assert _number_format(emulator, sid, "Oversikt", 500, 0) == ""
    [formatting] = [
        json.loads(r.body or b"{}")
        for r in emulator.requests
        if r.path.endswith(":batchUpdate") and b"addProtectedRange" in (r.body or b"")
    ]
    kinds = {kind for request in formatting["requests"] for kind in request}
    assert {"repeatCell", "addProtectedRange", "setDataValidation"} <= kinds
    repeats = [r["repeatCell"] for r in formatting["requests"] if "repeatCell" in r]
    looks = {  # the new tab's long-text columns wrapping, and every column at the top
        "userEnteredFormat.wrapStrategy",
        "userEnteredFormat.verticalAlignment",
    }
    [text] = [r for r in repeats if r["fields"] not in looks]
    assert text["fields"] == "userEnteredFormat.numberFormat"
    assert text["cell"] == {"userEnteredFormat": {"numberFormat": {"type": "TEXT"}}}


def test_what_people_type_in_google_stays_as_typed(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    backend, sid = _google(plan_app, emulator)
    sheet_sync.cycle(backend, PLAN)
    comment = rowcol_to_a1(ROWS + 5, _column("Statuskommentar"))
    emulator.user_edit(sid, PLAN, {comment: "0042"})
    assert emulator.cells(sid, PLAN)[ROWS + 4][_column("Statuskommentar") - 1] == "0042"


def test_rows_added_to_a_google_sheet_are_text_in_the_same_request(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    backend, sid = _google(plan_app, emulator)
    sheet_sync.cycle(backend, PLAN)
    emulator.gspread_client().open_by_key(sid).worksheet(PLAN).resize(rows=ROWS)
    plan_app.add_measure(PLAN, "1.2.7", "Tiltak nummer 7", WEB, responsible=["PSU"])
    emulator.reset_requests()
    sheet_sync.cycle(backend, PLAN)
    grid = emulator.spreadsheet(sid).worksheet(PLAN)
    assert grid.row_count > ROWS + 300
    formats = [_number_format(emulator, sid, PLAN, ROWS + 300, c) for c in range(WIDTH)]
    assert formats == ["TEXT"] * WIDTH
    [grown] = [r for r in emulator.requests if r.path.endswith(f"{sid}:batchUpdate")]
    kinds = {kind for request in json.loads(grown.body or b"{}")["requests"] for kind in request}
    assert {"insertDimension", "repeatCell"} <= kinds


def test_planloggs_own_writes_to_google_are_raw_text(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    backend, sid = _google(plan_app, emulator)
    plan_app.reword_measure(PLAN, "T001", "1.10", WEB)
    sheet_sync.cycle(backend, PLAN)
    cell = emulator.spreadsheet(sid).worksheet(PLAN).cells[(1, _column("Tiltak") - 1)]
    assert cell["userEnteredValue"] == {"stringValue": "1.10"}
    bodies = [json.loads(r.body or b"{}") for r in emulator.requests if "values" in r.path]
    options = {b["valueInputOption"] for b in bodies if "valueInputOption" in b}
    assert options == {"RAW"}

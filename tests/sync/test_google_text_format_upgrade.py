"""A Google sheet laid out by an earlier Planlogg, before the plan's columns got the text
number format: the next start gives them that format once, and records that it did in
developer metadata on the plan's tab, which the start reads anyway; later starts cost
nothing more."""

from __future__ import annotations

import json

import pytest
from gspread.utils import rowcol_to_a1

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import Layout
from sync.loop import SyncLoop, lay_out
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB

WIDTH = len(Layout.for_years((2024, 2025)).header)
ROWS = 7
"""The header and the six measures of `make_plan`."""


def _column(name: str) -> int:
    return Layout.for_years((2024, 2025)).index(name)


def _number_format(emu: SheetsEmulator, sid: str, row: int, column: int) -> str:
    cell = emu.spreadsheet(sid).worksheet(PLAN).cells.get((row, column), {})
    return str(cell.get("userEnteredFormat", {}).get("numberFormat", {}).get("type", ""))


def _as_an_earlier_planlogg_left_it(emu: SheetsEmulator, sid: str) -> None:
    """No text format in any cell, and no record of it on the tab."""
    sheet = emu.spreadsheet(sid).worksheet(PLAN)
    for key, cell in list(sheet.cells.items()):
        cell.get("userEnteredFormat", {}).pop("numberFormat", None)
        if not cell.get("userEnteredFormat", True):
            del cell["userEnteredFormat"]
        sheet.prune(*key)
    sheet.developer_metadata.clear()


def _loop(sheet_sync: SheetSync, emu: SheetsEmulator, sid: str) -> SyncLoop:
    """A fresh start of `planlogg serve`: a new backend, laid out before its first cycle."""
    backend = GoogleSheetBackend(emu.gspread_client(), sid, PLAN)
    return SyncLoop(sheet_sync, lambda key: backend, PLAN)


@pytest.fixture
def earlier(emulator: SheetsEmulator, google_sheet: GoogleSheetBackend) -> str:
    """A spreadsheet an earlier Planlogg laid out and synced, with a date typed into a
    comment by someone (it must stay a date)."""
    sid = google_sheet.spreadsheet_id
    _as_an_earlier_planlogg_left_it(emulator, sid)
    emulator.reset_requests()
    return sid


def test_the_next_start_formats_the_plans_columns_below_the_table_as_text(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, earlier: str
) -> None:
    assert _number_format(emulator, earlier, 500, 0) == ""
    _loop(sheet_sync, emulator, earlier).run_once()
    below = [_number_format(emulator, earlier, ROWS, c) for c in range(WIDTH + 1)]
    assert below == ["TEXT"] * WIDTH + [""]
    far = [_number_format(emulator, earlier, 999, c) for c in range(WIDTH)]
    assert far == ["TEXT"] * WIDTH
    assert _number_format(emulator, earlier, ROWS - 1, 0) == ""


def test_what_people_typed_before_stays_as_it_was_and_keeps_syncing(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, earlier: str
) -> None:
    """A date typed before keeps its date format (as text it would show its serial number)."""
    at = (2, _column("Indikator"))
    emulator.user_edit(earlier, PLAN, {rowcol_to_a1(at[0] + 1, at[1] + 1): "2025-03-01"})
    typed = dict(emulator.spreadsheet(earlier).worksheet(PLAN).cells[at])
    assert typed["userEnteredFormat"]["numberFormat"]["type"] == "DATE"
    loop = _loop(sheet_sync, emulator, earlier)
    report = loop.run_once()
    assert emulator.spreadsheet(earlier).worksheet(PLAN).cells[at] == typed
    assert (report.applied, report.conflicts, report.rejected) == (1, 0, 0)
    assert plan_app.get_plan(PLAN).measure("T002").smart.indicator == "2025-03-01"
    plan_app.reword_measure(PLAN, "T003", "Etter oppgraderinga", WEB)
    loop.run_once()
    assert emulator.cells(earlier, PLAN)[3][_column("Tiltak")] == "Etter oppgraderinga"
    assert emulator.cells(earlier, PLAN)[2][at[1]] == "2025-03-01"


def test_the_text_format_is_given_once_and_later_starts_only_read(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, earlier: str
) -> None:
    _loop(sheet_sync, emulator, earlier).run_once()
    formatting = [
        json.loads(r.body or b"{}")
        for r in emulator.requests
        if r.path.endswith(f"{earlier}:batchUpdate") and b"repeatCell" in (r.body or b"")
    ]
    [kinds] = [{kind for request in f["requests"] for kind in request} for f in formatting]
    assert kinds == {"repeatCell", "createDeveloperMetadata"}
    emulator.reset_requests()
    backend = GoogleSheetBackend(emulator.gspread_client(), earlier, PLAN)
    lay_out(plan_app, backend, PLAN)
    assert [(r.method, r.kind) for r in emulator.requests] == [("GET", "read")] * 3


def test_a_sheet_laid_out_now_is_recorded_as_text_formatted_in_the_same_request(
    plan_app: Planlogg, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Handlingsplan")
    lay_out(plan_app, GoogleSheetBackend(emulator.gspread_client(), sid, PLAN), PLAN)
    formatting = [
        json.loads(r.body or b"{}")
        for r in emulator.requests
        if r.path.endswith(f"{sid}:batchUpdate") and b"addProtectedRange" in (r.body or b"")
    ]
    [kinds] = [{kind for request in f["requests"] for kind in request} for f in formatting]
    assert {"repeatCell", "addProtectedRange", "createDeveloperMetadata"} <= kinds
    emulator.reset_requests()
    lay_out(plan_app, GoogleSheetBackend(emulator.gspread_client(), sid, PLAN), PLAN)
    assert [(r.method, r.kind) for r in emulator.requests] == [("GET", "read")] * 3


def test_a_refused_text_format_leaves_the_sync_running_and_is_tried_at_the_next_start(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, earlier: str
) -> None:
    emulator.faults.add(400, match=f"POST /v4/spreadsheets/{earlier}:batchUpdate")
    plan_app.reword_measure(PLAN, "T001", "Synka likevel", WEB)
    _loop(sheet_sync, emulator, earlier).run_once()
    assert emulator.faults.injected == 1
    assert emulator.cells(earlier, PLAN)[1][_column("Tiltak")] == "Synka likevel"
    assert _number_format(emulator, earlier, 500, 0) == ""
    _loop(sheet_sync, emulator, earlier).run_once()
    assert _number_format(emulator, earlier, 500, 0) == "TEXT"

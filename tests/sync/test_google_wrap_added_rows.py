"""Long text wraps in the rows the Google backend adds below the grid, as in the rows the tab
was laid out with, in the request that adds them.

`lay_out` gives a new tab's long-text columns `wrapStrategy: WRAP` over the grid it has then
(1,000 rows). Rows `appendDimension` adds have no format (the emulator leaves them empty, as
the API documents nothing else); rows `insertDimension` adds with `inheritFromBefore` take the
format of the row before them (the API reference's InsertDimensionRequest), so the rows added
below carry on the wrap of the last row, and what people gave the columns since of wrap,
alignment and number format (not the last row's emphasis: `test_google_rows_past_the_grid`)."""

from __future__ import annotations

import json

import gspread

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import Layout, column_width
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB

HEADER = Layout.for_years((2024, 2025)).header
WRAPPING = [i for i, name in enumerate(HEADER) if column_width(name).wrap]
ROWS = 7
"""The header and the six measures of `make_plan`."""


def _tab(emu: SheetsEmulator, sid: str) -> gspread.Worksheet:
    return emu.gspread_client().open_by_key(sid).worksheet(PLAN)


def _wrapped(emu: SheetsEmulator, sid: str, row: int) -> list[int]:
    """The columns (0-based) whose cell on `row` (0-based) wraps."""
    cells = emu.spreadsheet(sid).worksheet(PLAN).cells
    return [
        column
        for column in range(len(HEADER) + 2)
        if cells.get((row, column), {}).get("userEnteredFormat", {}).get("wrapStrategy") == "WRAP"
    ]


def _grow(
    app: Planlogg, sync: SheetSync, backend: GoogleSheetBackend, emu: SheetsEmulator
) -> list[dict[str, object]]:
    """Add a measure below a grid people cut to the table: the cycle that grows the grid
    (its requests, returned), and the next, which writes the measure into the new rows."""
    app.add_measure(PLAN, "1.2.7", "Tiltak nummer 7", WEB, responsible=["PSU"])
    emu.reset_requests()
    sync.cycle(backend, PLAN)
    sent = [{"path": r.path, "body": json.loads(r.body) if r.body else None} for r in emu.requests]
    sync.cycle(backend, PLAN)
    return sent


def test_rows_added_below_the_grid_wrap_long_text_in_the_same_requests(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    emulator: SheetsEmulator,
    google_sheet: GoogleSheetBackend,
) -> None:
    backend, sid = google_sheet, google_sheet.spreadsheet_id
    assert WRAPPING and _wrapped(emulator, sid, 999) == WRAPPING
    _tab(emulator, sid).resize(rows=ROWS)
    sent = _grow(plan_app, sheet_sync, backend, emulator)
    grid = emulator.spreadsheet(sid).worksheet(PLAN)
    assert grid.row_count == ROWS + 401
    assert grid.cells[(ROWS, HEADER.index("Tiltak"))]["userEnteredValue"] == {
        "stringValue": "Tiltak nummer 7"
    }
    assert [_wrapped(emulator, sid, row) for row in (ROWS, ROWS + 300, ROWS + 400)] == [
        WRAPPING
    ] * 3
    assert len(sent) == 4  # as before: read, re-check, values, one batchUpdate
    [grown] = [r["body"] for r in sent if str(r["path"]).endswith(f"{sid}:batchUpdate")]
    assert isinstance(grown, dict)
    kinds = [kind for request in grown["requests"] for kind in request]
    assert "appendDimension" not in kinds
    [added] = [r["insertDimension"] for r in grown["requests"] if "insertDimension" in r]
    rows = {"sheetId": grid.sheet_id, "dimension": "ROWS"}
    assert added == {
        "range": {**rows, "startIndex": ROWS, "endIndex": ROWS + 401},
        "inheritFromBefore": True,
    }


def test_rows_added_after_deleted_ones_wrap_too(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    emulator: SheetsEmulator,
    google_sheet: GoogleSheetBackend,
) -> None:
    """Deletions and the new rows go in one batch: the rows are inserted where the grid ends
    once the deleted rows are gone."""
    backend, sid = google_sheet, google_sheet.spreadsheet_id
    _tab(emulator, sid).resize(rows=ROWS)
    plan_app.remove_measure(PLAN, "T002", WEB)
    _grow(plan_app, sheet_sync, backend, emulator)
    grid = emulator.spreadsheet(sid).worksheet(PLAN)
    assert grid.row_count > ROWS + 300
    assert [_wrapped(emulator, sid, row) for row in (ROWS - 1, ROWS + 300)] == [WRAPPING] * 2


def test_a_column_people_stopped_wrapping_stays_so_in_the_rows_added(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    emulator: SheetsEmulator,
    google_sheet: GoogleSheetBackend,
) -> None:
    backend, sid = google_sheet, google_sheet.spreadsheet_id
    tab = _tab(emulator, sid)
    tab.resize(rows=ROWS)
    goal = HEADER.index("Mål")
    tab.spreadsheet.batch_update(
        {
            "requests": [
                {
                    "repeatCell": {
                        "range": {
                            "sheetId": tab.id,
                            "startColumnIndex": goal,
                            "endColumnIndex": goal + 1,
                        },
                        "cell": {"userEnteredFormat": {"wrapStrategy": "CLIP"}},
                        "fields": "userEnteredFormat.wrapStrategy",
                    }
                }
            ]
        }
    )
    _grow(plan_app, sheet_sync, backend, emulator)
    assert _wrapped(emulator, sid, ROWS + 300) == [c for c in WRAPPING if c != goal]

"""The rows of a Google plan tab past its first grid (1,000 rows): the status dropdown and the
colours by status cover them, and they take only the format Planlogg lays out.

`lay_out` puts the dropdown (data validation, which Google keeps on each cell) on the rows the
grid has then, and the colours (conditional formats, which Google keeps as rules over ranges)
on the status column from row 2 down. A bounded range stays where it is when rows are added
below the grid, so the colour rules reach to the grid's end, however long it grows, and the
rows the sync adds get the dropdown in the batch that adds them. The rows added take the
wrap, alignment and number format of the row above them, and nothing else of it: a bold or
coloured last row (a total, a heading people put there) does not make every new row bold.
A tab an earlier Planlogg laid out, with colour rules that stop at a row, gets them to the
grid's end at the next start, and the dropdown down the whole column, once."""

from __future__ import annotations

import json
from typing import Any

import gspread
import pytest

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import Layout, column_width
from sync.loop import SyncLoop, lay_out
from tests.sheets_emulator import SheetsEmulator
from tests.sheets_emulator.model import Sheet
from tests.sync.conftest import PLAN, WEB, make_plan

HEADER = Layout.for_years((2024, 2025)).header
STATUS = HEADER.index("Status")
WRAPPING = [i for i, name in enumerate(HEADER) if column_width(name).wrap]
ROWS = 7
"""The header and the six measures of `make_plan`."""
MEASURES = 1_000


def _google(app: Planlogg, sync: SheetSync, emu: SheetsEmulator) -> tuple[GoogleSheetBackend, str]:
    sid = emu.create_spreadsheet("Handlingsplan")
    backend = GoogleSheetBackend(emu.gspread_client(), sid, PLAN)
    lay_out(app, backend, PLAN)
    sync.cycle(backend, PLAN)
    return backend, sid


def _tab(emu: SheetsEmulator, sid: str) -> Sheet:
    return emu.spreadsheet(sid).worksheet(PLAN)


def _worksheet(emu: SheetsEmulator, sid: str) -> gspread.Worksheet:
    return emu.gspread_client().open_by_key(sid).worksheet(PLAN)


def _without_dropdown(sheet: Sheet) -> list[int]:
    """The rows below the header (0-based) whose status cell offers no dropdown."""
    return [
        row
        for row in range(1, sheet.row_count)
        if sheet.cells.get((row, STATUS), {})
        .get("dataValidation", {})
        .get("condition", {})
        .get("type")
        != "ONE_OF_LIST"
    ]


def _uncoloured(sheet: Sheet) -> list[tuple[int, int]]:
    """(rule, row) for each of Planlogg's three colour rules and each row below the header
    (0-based) whose status cell the rule does not cover, as the grid is now."""
    rules = [r for r in sheet.conditional_formats if "LOWER(TRIM(" in json.dumps(r)]
    assert len(rules) == 3
    missing = []
    for number, rule in enumerate(rules):
        boxes = [sheet.box_of(r) for r in rule["ranges"]]
        for row in range(1, sheet.row_count):
            if not any(b.row0 <= row < b.row1 and b.col0 <= STATUS < b.col1 for b in boxes):
                missing.append((number, row))
    return missing


def _grow(
    app: Planlogg, sync: SheetSync, backend: GoogleSheetBackend, emu: SheetsEmulator
) -> list[dict[str, Any]]:
    """Add a measure below a grid people cut to the table: the cycle that grows the grid (its
    requests, returned), and the next, which writes the measure into the new rows."""
    app.add_measure(PLAN, "1.2.7", "Tiltak nummer 7", WEB, responsible=["PSU"])
    emu.reset_requests()
    sync.cycle(backend, PLAN)
    sent = [{"path": r.path, "body": json.loads(r.body) if r.body else None} for r in emu.requests]
    sync.cycle(backend, PLAN)
    return sent


def _batch(sent: list[dict[str, Any]], sid: str) -> list[dict[str, Any]]:
    [grown] = [r["body"] for r in sent if str(r["path"]).endswith(f"{sid}:batchUpdate")]
    return list(grown["requests"])


@pytest.fixture
def long_plan(memory_app: Planlogg) -> Planlogg:
    """A plan of 1,000 measures: with the header, one row more than a new tab's grid."""
    make_plan(memory_app, measures=0)
    by = Provenance("Sekretariatet", Source.CLI)
    for goal in range(3, 11):
        memory_app.add_goal(PLAN, f"1.{goal}", f"Mål {goal}", by)
    memory_app.change_plan(
        PLAN,
        lambda plan: [
            plan.add_measure(
                f"1.{1 + n // 100}.{n % 100 + 1}", f"Tiltak {n}", by, responsible=["PSU"]
            )
            for n in range(MEASURES)
        ],
    )
    return memory_app


def test_a_plan_longer_than_the_grid_has_the_dropdown_and_colours_on_every_row(
    long_plan: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    backend, sid = _google(long_plan, sheet_sync, emulator)
    sheet_sync.cycle(backend, PLAN)  # the rows past the grid, once it has grown
    sheet = _tab(emulator, sid)
    assert sheet.row_count > MEASURES + 1
    assert sheet.cells[(MEASURES, HEADER.index("ID"))]["userEnteredValue"]
    assert _without_dropdown(sheet) == []
    assert _uncoloured(sheet) == []


def test_rows_added_past_the_grid_get_the_dropdown_and_colours_in_the_same_requests(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    backend, sid = _google(plan_app, sheet_sync, emulator)
    _worksheet(emulator, sid).resize(rows=ROWS)
    sheet = _tab(emulator, sid)
    assert (_without_dropdown(sheet), _uncoloured(sheet)) == ([], [])
    sent = _grow(plan_app, sheet_sync, backend, emulator)
    sheet = _tab(emulator, sid)
    assert sheet.row_count == ROWS + 401
    assert _without_dropdown(sheet) == []
    assert _uncoloured(sheet) == []
    assert len(sent) == 4  # as before: read, re-check, values, one batchUpdate
    kinds = [kind for request in _batch(sent, sid) for kind in request]
    assert kinds.count("insertDimension") == 1


def test_rows_added_past_the_grid_take_only_planloggs_format_from_the_last_row(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    """People made the last row a bold, red total, right-aligned in the Tiltak column: the
    rows added wrap and align as it does, and are neither bold nor red."""
    backend, sid = _google(plan_app, sheet_sync, emulator)
    worksheet = _worksheet(emulator, sid)
    worksheet.resize(rows=ROWS)
    tiltak = HEADER.index("Tiltak")
    last = {"sheetId": worksheet.id, "startRowIndex": ROWS - 1, "endRowIndex": ROWS}
    worksheet.spreadsheet.batch_update(
        {
            "requests": [
                {
                    "repeatCell": {
                        "range": last,
                        "cell": {
                            "userEnteredFormat": {
                                "textFormat": {"bold": True},
                                "backgroundColor": {"red": 1},
                                "borders": {"top": {"style": "SOLID"}},
                            }
                        },
                        "fields": "userEnteredFormat(textFormat,backgroundColor,borders)",
                    }
                },
                {
                    "repeatCell": {
                        "range": {**last, "startColumnIndex": tiltak, "endColumnIndex": tiltak + 1},
                        "cell": {"userEnteredFormat": {"horizontalAlignment": "RIGHT"}},
                        "fields": "userEnteredFormat.horizontalAlignment",
                    }
                },
            ]
        }
    )
    sent = _grow(plan_app, sheet_sync, backend, emulator)
    assert len(sent) == 4
    sheet = _tab(emulator, sid)
    assert sheet.row_count == ROWS + 401
    for row in (ROWS + 1, ROWS + 200, ROWS + 400):
        formats = {c: sheet.cells.get((row, c), {}).get("userEnteredFormat", {}) for c in range(30)}
        assert [c for c, f in formats.items() if f.get("wrapStrategy") == "WRAP"] == WRAPPING
        assert formats[tiltak].get("horizontalAlignment") == "RIGHT"
        assert formats[STATUS].get("numberFormat") == {"type": "TEXT"}
        for found in formats.values():
            assert not {"textFormat", "backgroundColor", "backgroundColorStyle", "borders"} & set(
                found
            ), (row, found)
    kept = sheet.cells[(ROWS - 1, 0)]["userEnteredFormat"]
    assert kept["textFormat"] == {"bold": True}  # the row people made so keeps it
    added = sheet.cells[(ROWS, HEADER.index("Tiltak"))]
    assert added["userEnteredValue"] == {"stringValue": "Tiltak nummer 7"}
    assert "textFormat" not in added.get("userEnteredFormat", {})


def _as_an_earlier_planlogg_left_it(emu: SheetsEmulator, sid: str) -> None:
    """Colour rules that stop at the grid's last row as it was laid out (1,000), and the
    dropdown only on the rows the grid had then; the grid since grown to 1,400 rows."""
    sheet = _tab(emu, sid)
    for rule in sheet.conditional_formats:
        for grid_range in rule["ranges"]:
            grid_range["endRowIndex"] = 1000
    sheet.properties["gridProperties"]["rowCount"] = 1400


def test_the_next_start_gives_an_earlier_planloggs_tab_colours_and_dropdown_to_its_end(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    _backend, sid = _google(plan_app, sheet_sync, emulator)
    _as_an_earlier_planlogg_left_it(emulator, sid)
    sheet = _tab(emulator, sid)
    assert _without_dropdown(sheet)[0] == 1000 and _uncoloured(sheet)
    formats = len(sheet.conditional_formats)
    person = {
        "addConditionalFormatRule": {
            "index": 0,
            "rule": {
                "ranges": [{"sheetId": sheet.sheet_id, "startRowIndex": 1, "endRowIndex": 5}],
                "booleanRule": {
                    "condition": {"type": "NOT_BLANK"},
                    "format": {"textFormat": {"italic": True}},
                },
            },
        }
    }
    _worksheet(emulator, sid).spreadsheet.batch_update({"requests": [person]})
    emulator.reset_requests()
    backend = GoogleSheetBackend(emulator.gspread_client(), sid, PLAN)
    SyncLoop(sheet_sync, lambda key: backend, PLAN).run_once()
    started = emulator.request_count()
    sheet = _tab(emulator, sid)
    assert (_without_dropdown(sheet), _uncoloured(sheet)) == ([], [])
    assert len(sheet.conditional_formats) == formats + 1
    assert (
        sheet.conditional_formats[0]["ranges"]
        == person["addConditionalFormatRule"]["rule"]["ranges"]
    )
    emulator.reset_requests()
    again = GoogleSheetBackend(emulator.gspread_client(), sid, PLAN)
    SyncLoop(sheet_sync, lambda key: again, PLAN).run_once()
    assert emulator.request_count() == started - 1  # once: the next start sends nothing more

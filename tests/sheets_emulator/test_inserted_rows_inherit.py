"""insertDimension's `inheritFromBefore`: the inserted rows or columns take the format of the
one before them (true) or after them (false), and at the grid's end only `true` is allowed.

Google Sheets API reference, InsertDimensionRequest.inheritFromBefore: "Whether dimension
properties should be extended from the dimensions before or after the newly inserted
dimensions. True to inherit from the dimensions before (in which case the start index must be
greater than 0), and false to inherit from the dimensions after. For example, if row index 0
has red background and row index 1 has a green background, then inserting 2 rows at index 1
can inherit either the green or red background. If inheritFromBefore is true, the two new rows
will be red […], whereas if inheritFromBefore is false, the two new rows will be green".
Inserting at the grid's end with `false` is refused: Google answers "range.startIndex must be
less than the grid size (1) if inheritFromBefore is false." (quoted in
github.com/nithinmurali/pygsheets/issues/46; gspread's `insert_rows` documents that
inheritFromBefore "must be True when adding to the bottom of the spreadsheet",
github.com/burnash/gspread/pull/1092). appendDimension's reference says nothing of formats:
its rows stay unformatted here."""

from __future__ import annotations

from typing import Any

import gspread
import pytest
from gspread.exceptions import APIError

from tests.sheets_emulator import SheetsEmulator

RED = {"backgroundColor": {"red": 1}}
GREEN = {"backgroundColor": {"green": 1}}


def _colour(colour: dict[str, Any], start: int, end: int) -> dict[str, Any]:
    return {
        "repeatCell": {
            "range": {"sheetId": 0, "startRowIndex": start, "endRowIndex": end},
            "cell": {"userEnteredFormat": colour},
            "fields": "userEnteredFormat.backgroundColor",
        }
    }


def _insert(start: int, end: int, before: bool | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "range": {"sheetId": 0, "dimension": "ROWS", "startIndex": start, "endIndex": end}
    }
    if before is not None:
        body["inheritFromBefore"] = before
    return {"insertDimension": body}


def _backgrounds(emu: SheetsEmulator, sheet: gspread.Worksheet, rows: range) -> list[Any]:
    cells = emu.spreadsheet(sheet.spreadsheet_id).sheets[0].cells
    return [
        cells.get((row, 0), {}).get("userEnteredFormat", {}).get("backgroundColor") for row in rows
    ]


@pytest.mark.parametrize(("before", "inherited"), [(True, {"red": 1}), (False, {"green": 1})])
def test_inserted_rows_take_the_format_of_the_row_before_or_after(
    emu: SheetsEmulator, sheet: gspread.Worksheet, before: bool, inherited: dict[str, Any]
) -> None:
    sheet.spreadsheet.batch_update(
        {
            "requests": [
                _colour(RED, 0, 1),
                _colour(GREEN, 1, 2),
                _insert(1, 3, before),
            ]
        }
    )
    assert _backgrounds(emu, sheet, range(4)) == [{"red": 1}, inherited, inherited, {"green": 1}]
    assert sheet.spreadsheet.worksheet("Sheet1").row_count == 1002


def test_rows_inserted_at_the_grid_end_inherit_from_the_last_row(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    sheet.resize(rows=2)
    sheet.spreadsheet.batch_update({"requests": [_colour(RED, 1, 2), _insert(2, 5, True)]})
    assert _backgrounds(emu, sheet, range(5)) == [None, *[{"red": 1}] * 4]


def test_inserting_at_the_grid_end_without_inheriting_from_before_is_refused(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    sheet.resize(rows=2)
    for before in (False, None):
        with pytest.raises(APIError) as refused:
            sheet.spreadsheet.batch_update({"requests": [_insert(2, 5, before)]})
        assert refused.value.args[0]["message"] == (
            "Invalid requests[0].insertDimension: range.startIndex must be less than the grid "
            "size (2) if inheritFromBefore is false."
        )
    assert sheet.spreadsheet.worksheet("Sheet1").row_count == 2


def test_inheriting_from_before_the_first_row_is_refused(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    with pytest.raises(APIError) as refused:
        sheet.spreadsheet.batch_update({"requests": [_insert(0, 1, True)]})
    assert refused.value.args[0]["code"] == 400


def test_appended_rows_have_no_format(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    sheet.resize(rows=2)
    sheet.spreadsheet.batch_update(
        {
            "requests": [
                _colour(RED, 0, 2),
                {"appendDimension": {"sheetId": 0, "dimension": "ROWS", "length": 3}},
            ]
        }
    )
    assert _backgrounds(emu, sheet, range(5)) == [{"red": 1}, {"red": 1}, None, None, None]

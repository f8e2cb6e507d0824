"""Ranges kept over a grid (conditional formats, protected and named ranges) as the grid
changes size, and `updateConditionalFormatRule`.

A GridRange with an absent side is unbounded on that side (Sheets API reference, GridRange:
"Missing indexes indicate the range is unbounded on that side"): it reaches the grid's end
however many rows are added. A bounded range stays where it is when rows are added below
it: rows appended, or inserted at the grid's end, are outside it. A grid made smaller
(updateSheetProperties, as gspread's `resize` sends it) loses its last rows as if they were
deleted: what they held goes, and ranges over them shrink or go, as with deleteDimension.
Data validation is kept on each cell (CellData.dataValidation), so rows added get none.
"""

from __future__ import annotations

from typing import Any

import gspread
import pytest
from gspread.exceptions import APIError

from tests.sheets_emulator import SheetsEmulator


def _rule(rows: dict[str, int], colour: str = "red") -> dict[str, Any]:
    return {
        "ranges": [{"sheetId": 0, **rows, "startColumnIndex": 2, "endColumnIndex": 3}],
        "booleanRule": {
            "condition": {"type": "NOT_BLANK"},
            "format": {"backgroundColor": {colour: 1}},
        },
    }


def _add(sheet: gspread.Worksheet, *rules: dict[str, Any]) -> None:
    sheet.spreadsheet.batch_update(
        {"requests": [{"addConditionalFormatRule": {"index": 0, "rule": r}} for r in rules]}
    )


def _rows(emu: SheetsEmulator, sheet: gspread.Worksheet) -> list[list[tuple[int, int]]]:
    """Each rule's ranges as the rows they cover on the grid as it is now."""
    model = emu.spreadsheet(sheet.spreadsheet_id).worksheet(sheet.title)
    return [
        [(box.row0, box.row1) for box in map(model.box_of, rule["ranges"])]
        for rule in model.conditional_formats
    ]


def test_an_unbounded_range_reaches_the_grid_end_as_it_grows(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    _add(sheet, _rule({"startRowIndex": 1, "endRowIndex": 1000}), _rule({"startRowIndex": 1}))
    sheet.spreadsheet.batch_update(
        {
            "requests": [
                {"appendDimension": {"sheetId": 0, "dimension": "ROWS", "length": 100}},
                {
                    "insertDimension": {
                        "range": {
                            "sheetId": 0,
                            "dimension": "ROWS",
                            "startIndex": 1100,
                            "endIndex": 1200,
                        },
                        "inheritFromBefore": True,
                    }
                },
            ]
        }
    )
    assert _rows(emu, sheet) == [[(1, 1200)], [(1, 1000)]]


def test_a_smaller_grid_shrinks_the_ranges_over_its_last_rows(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    _add(
        sheet,
        _rule({"startRowIndex": 1, "endRowIndex": 1000}),
        _rule({"startRowIndex": 20, "endRowIndex": 30}),
        _rule({"startRowIndex": 1}),
    )
    sheet.add_protected_range("A5:B40", warning_only=True)
    sheet.spreadsheet.batch_update(
        {
            "requests": [
                {
                    "setDataValidation": {
                        "range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 1000},
                        "rule": {
                            "condition": {
                                "type": "ONE_OF_LIST",
                                "values": [{"userEnteredValue": "ja"}],
                            }
                        },
                    }
                }
            ]
        }
    )
    sheet.resize(rows=10)
    assert _rows(emu, sheet) == [[(1, 10)], [(1, 10)]]  # the rule over rows 21-30 is gone
    model = emu.spreadsheet(sheet.spreadsheet_id).worksheet(sheet.title)
    assert [p["range"]["endRowIndex"] for p in model.protected_ranges] == [10]
    assert max(row for row, _column in model.cells) == 9
    sheet.resize(rows=50)
    assert _rows(emu, sheet) == [[(1, 50)], [(1, 10)]]
    assert max(row for row, _column in model.cells) == 9


def test_a_conditional_format_rule_is_replaced_or_moved_at_its_index(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    first, second = _rule({"startRowIndex": 1, "endRowIndex": 5}), _rule({"startRowIndex": 2})
    _add(sheet, second, first)  # each added at index 0: first, then second
    wider = _rule({"startRowIndex": 1}, colour="green")
    reply = sheet.spreadsheet.batch_update(
        {"requests": [{"updateConditionalFormatRule": {"index": 0, "sheetId": 0, "rule": wider}}]}
    )
    [answer] = reply["replies"]
    update = answer["updateConditionalFormatRule"]
    assert "oldIndex" not in update and "newIndex" not in update  # 0, left out as proto3 does
    assert update["oldRule"]["ranges"] == [
        {"startRowIndex": 1, "endRowIndex": 5, "startColumnIndex": 2, "endColumnIndex": 3}
    ]
    assert update["newRule"]["ranges"] == [
        {"startRowIndex": 1, "startColumnIndex": 2, "endColumnIndex": 3}
    ]
    assert _rows(emu, sheet) == [[(1, 1000)], [(2, 1000)]]
    sheet.spreadsheet.batch_update(
        {"requests": [{"updateConditionalFormatRule": {"index": 0, "sheetId": 0, "newIndex": 1}}]}
    )
    assert _rows(emu, sheet) == [[(2, 1000)], [(1, 1000)]]
    for wrong in ({"index": 2, "sheetId": 0, "rule": wider}, {"index": 0, "sheetId": 0}):
        with pytest.raises(APIError) as refused:
            sheet.spreadsheet.batch_update({"requests": [{"updateConditionalFormatRule": wrong}]})
        assert refused.value.args[0]["code"] == 400

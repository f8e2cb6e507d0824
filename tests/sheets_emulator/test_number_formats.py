"""Plain-text number format: what is typed into such a cell stays as typed."""

from __future__ import annotations

import gspread
from gspread.utils import ValueInputOption, ValueRenderOption

from tests.sheets_emulator import SheetsEmulator

TYPED = {"A2": "0042", "B2": "1.10", "C2": "2020-01-01", "D2": "=1+1"}


def _as_text(sheet: gspread.Worksheet, columns: int) -> None:
    sheet.spreadsheet.batch_update(
        {
            "requests": [
                {
                    "repeatCell": {
                        "range": {
                            "sheetId": sheet.id,
                            "startColumnIndex": 0,
                            "endColumnIndex": columns,
                        },
                        "cell": {"userEnteredFormat": {"numberFormat": {"type": "TEXT"}}},
                        "fields": "userEnteredFormat.numberFormat",
                    }
                }
            ]
        }
    )


def test_typing_into_a_plain_text_cell_keeps_the_text(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    _as_text(sheet, 4)
    emu.user_edit(sheet.spreadsheet_id, "Sheet1", TYPED)
    row = sheet.get("A2:D2", value_render_option=ValueRenderOption.unformatted)[0]
    assert row == ["0042", "1.10", "2020-01-01", "=1+1"]
    stored = emu.spreadsheet(sheet.spreadsheet_id).worksheet("Sheet1").cells[(1, 0)]
    assert stored["userEnteredFormat"]["numberFormat"] == {"type": "TEXT"}


def test_user_entered_input_elsewhere_is_still_parsed(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    _as_text(sheet, 1)
    sheet.update([["0042", "0042"]], "A3", value_input_option=ValueInputOption.user_entered)
    row = sheet.get("A3:B3", value_render_option=ValueRenderOption.unformatted)[0]
    assert row == ["0042", 42]

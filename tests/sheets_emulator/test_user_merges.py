"""Merging and unmerging cells in the UI, and the merges spreadsheets.get lists."""

from __future__ import annotations

import gspread

from tests.sheets_emulator import SheetsEmulator


def test_a_merge_keeps_the_top_left_value_and_is_listed_for_the_named_range_of_its_tab(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    sheet.update([["a", "b"], ["c", "d"], ["e", "f"]], "A1:B3")
    sheet.define_named_range("A1:B3", "Mark")
    emu.user_merge_cells(sheet.spreadsheet_id, sheet.title, "A1:A2")

    listed = sheet.client.fetch_sheet_metadata(
        sheet.spreadsheet_id, params={"ranges": "Mark", "fields": "sheets(merges)"}
    )

    assert emu.cells(sheet.spreadsheet_id, sheet.title) == [["a", "b"], ["", "d"], ["e", "f"]]
    assert listed == {
        "sheets": [
            {
                "merges": [
                    {
                        "startRowIndex": 0,
                        "endRowIndex": 2,
                        "startColumnIndex": 0,
                        "endColumnIndex": 1,
                    }
                ]
            }
        ]
    }
    emu.user_unmerge_cells(sheet.spreadsheet_id, sheet.title, "A1:A2")
    assert emu.cells(sheet.spreadsheet_id, sheet.title) == [["a", "b"], ["", "d"], ["e", "f"]]
    assert sheet.client.fetch_sheet_metadata(
        sheet.spreadsheet_id, params={"fields": "sheets(merges)"}
    ) == {"sheets": [{}]}

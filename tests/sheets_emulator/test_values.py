"""spreadsheets.values.* through gspread: input options, render options, ranges, trimming."""

from __future__ import annotations

import gspread
import pytest
from gspread.utils import ValueInputOption, ValueRenderOption

from tests.sheets_emulator import SheetsEmulator


def test_raw_update_reads_back_with_google_trimming(sheet: gspread.Worksheet) -> None:
    written = [["A1", "B1", "", "D1"], ["", "b2", "", ""], ["", "", "", ""], ["A4", "B4", "", "D4"]]
    response = sheet.update(written, "A1")
    assert response == {
        "spreadsheetId": sheet.spreadsheet_id,
        "updatedRange": "Sheet1!A1:D4",
        "updatedRows": 4,
        "updatedColumns": 4,
        "updatedCells": 16,
    }
    assert sheet.get("A1:D4") == [["A1", "B1", "", "D1"], ["", "b2"], [], ["A4", "B4", "", "D4"]]
    assert sheet.get_all_values() == written


def test_raw_keeps_formula_looking_text_literal(sheet: gspread.Worksheet) -> None:
    sheet.update([['=IMPORTXML("http://evil", "//a")', "1.5", "0042"]], "A1")
    row = sheet.get("A1:C1", value_render_option=ValueRenderOption.unformatted)[0]
    assert row == ['=IMPORTXML("http://evil", "//a")', "1.5", "0042"]
    cell = stored_cell(sheet, 0, 0)
    assert cell["userEnteredValue"] == {"stringValue": '=IMPORTXML("http://evil", "//a")'}


def stored_cell(sheet: gspread.Worksheet, row: int, col: int) -> dict:
    """The stored CellData, through the public metadata call (includeGridData)."""
    data = sheet.client.fetch_sheet_metadata(
        sheet.spreadsheet_id, params={"includeGridData": "true", "ranges": ["Sheet1!A1:C1"]}
    )
    return data["sheets"][0]["data"][0]["rowData"][row]["values"][col]


def test_user_entered_parses_like_the_recorded_traffic(sheet: gspread.Worksheet) -> None:
    sheet.update(
        [["=4/2", "2020-01-01", "string", 53], ["=3/2", 0.12, "1999-01-02", ""]],
        "A1",
        value_input_option=ValueInputOption.user_entered,
    )
    assert sheet.get("A1:D2") == [
        ["2", "2020-01-01", "string", "53"],
        ["1.5", "0.12", "1999-01-02"],
    ]
    assert sheet.get("A1:D2", value_render_option=ValueRenderOption.unformatted) == [
        [2, 43831, "string", 53],
        [1.5, 0.12, 36162],
    ]
    assert sheet.get(
        "A1:D2",
        value_render_option=ValueRenderOption.unformatted,
        date_time_render_option="FORMATTED_STRING",
    ) == [[2, "2020-01-01", "string", 53], [1.5, 0.12, "1999-01-02"]]
    assert sheet.get("A1:D2", value_render_option=ValueRenderOption.formula) == [
        ["=4/2", 43831, "string", 53],
        ["=3/2", 0.12, 36162],
    ]


def test_unevaluated_formula_reads_as_name_error(sheet: gspread.Worksheet) -> None:
    sheet.update_acell("A1", '=IMPORTXML("http://x", "//a")')
    sheet.update_acell("A2", "0042")
    sheet.update_acell("A3", "2,000,000.01")
    assert sheet.acell("A1").value == "#NAME?"
    assert sheet.acell("A1", value_render_option=ValueRenderOption.formula).value == (
        '=IMPORTXML("http://x", "//a")'
    )
    assert sheet.acell("A2").value == "42"
    assert sheet.acell("A3").value == "2,000,000.01"


def test_unbounded_ranges_echo_the_grid_not_the_data(sheet: gspread.Worksheet) -> None:
    sheet.update([["a", "b"], ["c", "d"]], "A1")
    client = sheet.client
    key = sheet.spreadsheet_id
    assert client.values_get(key, "'Sheet1'")["range"] == "Sheet1!A1:Z1000"
    assert client.values_get(key, "'Sheet1'!A2:2") == {
        "range": "Sheet1!A2:Z2",
        "majorDimension": "ROWS",
        "values": [["c", "d"]],
    }
    assert client.values_get(key, "'Sheet1'!B1:B", params={"majorDimension": "COLUMNS"}) == {
        "range": "Sheet1!B1:B1000",
        "majorDimension": "COLUMNS",
        "values": [["b", "d"]],
    }
    assert client.values_get(key, "'Sheet1'!E5:F6") == {
        "range": "Sheet1!E5:F6",
        "majorDimension": "ROWS",
    }
    assert sheet.row_values(2) == ["c", "d"]
    assert sheet.col_values(2) == ["b", "d"]


def test_titles_needing_quotes_round_trip(spreadsheet: gspread.Spreadsheet) -> None:
    tab = spreadsheet.add_worksheet("Tiltak 2024 – Ola's", rows=10, cols=4)
    response = tab.update([["x"]], "B2")
    assert response["updatedRange"] == "'Tiltak 2024 – Ola''s'!B2"
    slashed = spreadsheet.add_worksheet("2024/25: mål!", rows=2, cols=2)
    assert slashed.update([["y"]], "A1")["updatedRange"] == "'2024/25: mål!'!A1"
    assert slashed.get_all_values() == [["y"]]
    assert tab.get_all_values() == [["", ""], ["", "x"]]
    ranges = spreadsheet.values_batch_get(["Tiltak 2024 – Ola's!A:A", "'Tiltak 2024 – Ola''s'!B:B"])
    assert [r["range"] for r in ranges["valueRanges"]] == [
        "'Tiltak 2024 – Ola''s'!A1:A10",
        "'Tiltak 2024 – Ola''s'!B1:B10",
    ]


def test_batch_get_and_batch_update(sheet: gspread.Worksheet) -> None:
    response = sheet.batch_update(
        [
            {"range": "A1:D1", "values": [["A1", "B1", "", "D1"]]},
            {"range": "A4:D4", "values": [["A4", "B4", "", "D4"]]},
        ]
    )
    assert response["totalUpdatedRows"] == 2
    assert response["totalUpdatedCells"] == 8
    assert response["totalUpdatedSheets"] == 1
    assert [r["updatedRange"] for r in response["responses"]] == ["Sheet1!A1:D1", "Sheet1!A4:D4"]
    got = sheet.batch_get(["A1:B1", "B4:D4", "A2:B3"])
    assert [list(r) for r in got] == [[["A1", "B1"]], [["B4", "", "D4"]], []]
    assert got[2].range == "Sheet1!A2:B3"


def test_batch_update_is_atomic(sheet: gspread.Worksheet) -> None:
    with pytest.raises(gspread.exceptions.APIError) as caught:
        sheet.spreadsheet.values_batch_update(
            {
                "valueInputOption": "RAW",
                "data": [
                    {"range": "Sheet1!A1", "values": [["kept?"]]},
                    {"range": "Nope!A1", "values": [["x"]]},
                ],
            }
        )
    assert caught.value.code == 400
    assert "Unable to parse range: Nope!A1" in caught.value.error["message"]
    assert sheet.get_all_values() == [[]]  # gspread's shape for "no values"


def test_append_and_insert_row(sheet: gspread.Worksheet) -> None:
    first = sheet.append_row(["x 1", "", "x 3"])
    assert "tableRange" not in first
    assert first["updates"]["updatedRange"] == "Sheet1!A1:C1"
    second = sheet.append_row(["x 1", "", "x 3"], table_range="A1")
    assert second["tableRange"] == "Sheet1!A1"
    assert second["updates"]["updatedRange"] == "Sheet1!A2:C2"
    sheet.update_acell("B2", "=1+1")
    sheet.insert_row(["top"], 1)
    assert sheet.acell("B3", value_render_option=ValueRenderOption.formula).value == "=1+1"
    assert sheet.col_values(1) == ["top", "x 1", "x 1"]


def test_append_grows_the_grid(spreadsheet: gspread.Spreadsheet) -> None:
    tab = spreadsheet.add_worksheet("Liten", rows=1, cols=1)
    tab.append_rows([["a", "b"], ["c", "d"]])
    assert tab.get_all_values() == [["a", "b"], ["c", "d"]]
    refreshed = spreadsheet.worksheet("Liten")
    assert (refreshed.row_count, refreshed.col_count) == (2, 2)


def test_clear_and_batch_clear_keep_notes(sheet: gspread.Worksheet) -> None:
    sheet.update([["a", "b"], ["c", "d"]], "A1")
    sheet.update_note("A1", "behold meg")
    assert sheet.batch_clear(["A1:B1"])["clearedRanges"] == ["Sheet1!A1:B1"]
    assert sheet.get_all_values() == [["", ""], ["c", "d"]]
    assert sheet.clear()["clearedRange"] == "Sheet1!A1:Z1000"
    assert sheet.get_all_values() == [[]]  # gspread's shape for "no values"
    assert sheet.get_note("A1") == "behold meg"


def test_bad_ranges_and_payloads_are_400(sheet: gspread.Worksheet) -> None:
    with pytest.raises(gspread.exceptions.APIError) as caught:
        sheet.update("X", "A1")
    assert caught.value.code == 400
    assert caught.value.error["status"] == "INVALID_ARGUMENT"
    assert caught.value.error["details"][0]["fieldViolations"][0]["field"] == "data.values"
    with pytest.raises(gspread.exceptions.APIError, match="exceeds grid limits"):
        sheet.update([["x"]], "A1001")
    with pytest.raises(gspread.exceptions.APIError, match="tried writing to row"):
        sheet.update([["x"], ["y"]], "A1:B1")
    with pytest.raises(gspread.exceptions.APIError, match="Unable to parse range"):
        sheet.spreadsheet.values_get("'Finnes ikke'!A1")


def test_major_dimension_columns_write(sheet: gspread.Worksheet) -> None:
    sheet.update([["a", "b", "c"]], "A1", major_dimension="COLUMNS")
    assert sheet.get_all_values() == [["a"], ["b"], ["c"]]


def test_emulator_cells_are_what_gspread_reads(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    sheet.update([["1", "", "x"], ["", "2"]], "A1")
    assert emu.cells(sheet.spreadsheet_id, "Sheet1") == sheet.get_all_values()

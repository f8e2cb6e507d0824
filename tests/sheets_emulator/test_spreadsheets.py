"""spreadsheets.get and spreadsheets:batchUpdate through gspread."""

from __future__ import annotations

import gspread
import pytest
from gspread.utils import ValidationConditionType

from tests.sheets_emulator import SheetsEmulator


def test_create_and_open_by_key_give_the_recorded_metadata(
    client: gspread.Client, spreadsheet: gspread.Spreadsheet
) -> None:
    metadata = client.open_by_key(spreadsheet.id).fetch_sheet_metadata()
    assert set(metadata) == {"spreadsheetId", "properties", "sheets", "spreadsheetUrl"}
    assert metadata["properties"]["title"] == "Handlingsplan"
    assert metadata["properties"]["locale"] == "en_US"
    assert metadata["properties"]["timeZone"] == "Etc/GMT"
    assert metadata["properties"]["defaultFormat"]["textFormat"]["fontSize"] == 10
    assert metadata["properties"]["spreadsheetTheme"]["primaryFontFamily"] == "Arial"
    assert metadata["sheets"] == [
        {
            "properties": {
                "sheetId": 0,
                "title": "Sheet1",
                "index": 0,
                "sheetType": "GRID",
                "gridProperties": {"rowCount": 1000, "columnCount": 26},
            }
        }
    ]


def test_unknown_spreadsheet_is_not_found(client: gspread.Client) -> None:
    with pytest.raises(gspread.SpreadsheetNotFound):
        client.open_by_key("finnes-ikke")
    with pytest.raises(gspread.exceptions.APIError) as caught:
        client.http_client.values_get("finnes-ikke", "A1")
    assert caught.value.response.status_code == 404
    assert caught.value.error == {
        "code": 404,
        "message": "Requested entity was not found.",
        "status": "NOT_FOUND",
    }


def test_add_rename_reorder_and_delete_worksheets(spreadsheet: gspread.Spreadsheet) -> None:
    tab = spreadsheet.add_worksheet("Tiltak", rows=5, cols=3)
    assert tab.id != 0
    assert (tab.index, tab.row_count, tab.col_count) == (1, 5, 3)
    tab.update_title("Tiltak 2025")
    tab.resize(rows=7, cols=4)
    tab.freeze(rows=1)
    tab.update_tab_color("#FF0080")
    spreadsheet.reorder_worksheets([tab, spreadsheet.sheet1])
    listed = spreadsheet.worksheets()
    assert [w.title for w in listed] == ["Tiltak 2025", "Sheet1"]
    assert (listed[0].row_count, listed[0].col_count, listed[0].frozen_row_count) == (7, 4, 1)
    properties = spreadsheet.fetch_sheet_metadata()["sheets"][0]["properties"]
    assert properties["tabColorStyle"] == {"rgbColor": {"red": 1, "blue": 0.5019608}}
    assert properties["gridProperties"] == {"rowCount": 7, "columnCount": 4, "frozenRowCount": 1}
    with pytest.raises(gspread.exceptions.APIError, match="already exists"):
        spreadsheet.add_worksheet("Sheet1", rows=1, cols=1)
    spreadsheet.del_worksheet(tab)
    assert [w.title for w in spreadsheet.worksheets()] == ["Sheet1"]


def test_hiding_the_only_sheet_is_refused(sheet: gspread.Worksheet) -> None:
    with pytest.raises(gspread.exceptions.APIError) as caught:
        sheet.hide()
    assert caught.value.error == {
        "code": 400,
        "message": "Invalid requests[0].updateSheetProperties: "
        "You can't hide all the sheets in a document.",
        "status": "INVALID_ARGUMENT",
    }


def test_notes_via_update_cells_and_field_masks(sheet: gspread.Worksheet) -> None:
    sheet.spreadsheet.batch_update(
        {
            "requests": [
                {
                    "updateCells": {
                        "range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 3,
                                  "startColumnIndex": 0, "endColumnIndex": 3},
                        "fields": "note",
                        "rows": [
                            {"values": [{}, {"note": "Or don't"}]},
                            {"values": [{"note": "another note"}, {}, {"note": "test"}]},
                        ],
                    }
                }
            ]
        }
    )  # fmt: skip
    raw = sheet.client.fetch_sheet_metadata(
        sheet.spreadsheet_id,
        params={"fields": "sheets.data.rowData.values.note", "ranges": "'Sheet1'!A2:C3"},
    )
    assert raw == {
        "sheets": [
            {
                "data": [
                    {
                        "rowData": [
                            {"values": [{}, {"note": "Or don't"}]},
                            {"values": [{"note": "another note"}, {}, {"note": "test"}]},
                        ]
                    }
                ]
            }
        ]
    }
    assert sheet.get_notes() == [[], ["", "Or don't"], ["another note", "", "test"]]
    sheet.clear_note("B2")
    assert sheet.get_note("B2") == ""
    assert sheet.client.fetch_sheet_metadata(
        sheet.spreadsheet_id,
        params={"fields": "sheets/data/rowData/values/note", "ranges": "'Sheet1'!A1"},
    ) == {"sheets": [{"data": [{}]}]}


def test_update_cells_values_and_start(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    sheet.spreadsheet.batch_update(
        {
            "requests": [
                {
                    "updateCells": {
                        "start": {"sheetId": 0, "rowIndex": 0, "columnIndex": 1},
                        "fields": "userEnteredValue,note",
                        "rows": [
                            {
                                "values": [
                                    {"userEnteredValue": {"stringValue": "=1+1"}, "note": "n"},
                                    {"userEnteredValue": {"numberValue": 3}},
                                    {"userEnteredValue": {"boolValue": True}},
                                    {"userEnteredValue": {"formulaValue": "=2*3"}},
                                ]
                            }
                        ],
                    }
                }
            ]
        }
    )
    assert sheet.get_all_values() == [["", "=1+1", "3", "TRUE", "6"]]
    assert emu.notes(sheet.spreadsheet_id, "Sheet1") == {"B1": "n"}


def test_format_adds_style_twins(sheet: gspread.Worksheet) -> None:
    sheet.format(
        "A2:B2",
        {
            "backgroundColor": {"green": 1, "blue": 1},
            "horizontalAlignment": "CENTER",
            "textFormat": {"foregroundColor": {"red": 1, "green": 1}, "fontSize": 12, "bold": True},
        },
    )
    got = sheet.client.fetch_sheet_metadata(
        sheet.spreadsheet_id,
        params={
            "includeGridData": False,
            "ranges": "Sheet1!A2",
            "fields": "sheets.data.rowData.values.userEnteredFormat",
        },
    )
    assert got == {
        "sheets": [
            {
                "data": [
                    {
                        "rowData": [
                            {
                                "values": [
                                    {
                                        "userEnteredFormat": {
                                            "backgroundColor": {"green": 1, "blue": 1},
                                            "horizontalAlignment": "CENTER",
                                            "textFormat": {
                                                "foregroundColor": {"red": 1, "green": 1},
                                                "fontSize": 12,
                                                "bold": True,
                                                "foregroundColorStyle": {
                                                    "rgbColor": {"red": 1, "green": 1}
                                                },
                                            },
                                            "backgroundColorStyle": {
                                                "rgbColor": {"green": 1, "blue": 1}
                                            },
                                        }
                                    }
                                ]
                            }
                        ]
                    }
                ]
            }
        ]
    }


def test_data_validation_is_stored_per_cell(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    sheet.add_validation(
        "H2:H3", ValidationConditionType.one_of_list, ["grønn", "gul", "rød"],
        strict=True, showCustomUi=True,
    )  # fmt: skip
    model = emu.spreadsheet(sheet.spreadsheet_id).worksheet("Sheet1")
    assert model.cells[(1, 7)]["dataValidation"] == {
        "condition": {
            "type": "ONE_OF_LIST",
            "values": [{"userEnteredValue": v} for v in ("grønn", "gul", "rød")],
        },
        "showCustomUi": True,
        "strict": True,
    }
    grid = sheet.client.fetch_sheet_metadata(
        sheet.spreadsheet_id,
        params={"ranges": "Sheet1!H3", "fields": "sheets(data(rowData(values(dataValidation))))"},
    )
    rule = grid["sheets"][0]["data"][0]["rowData"][0]["values"][0]["dataValidation"]
    assert rule["condition"]["type"] == "ONE_OF_LIST"
    with pytest.raises(gspread.exceptions.APIError, match="ConditionType"):
        sheet.spreadsheet.batch_update(
            {"requests": [{"setDataValidation": {"range": {"sheetId": 0},
                                                 "rule": {"condition": {"type": "NOPE"}}}}]}
        )  # fmt: skip


def test_conditional_format_rules(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    rule = {
        "ranges": [{"sheetId": 0, "startRowIndex": 1, "startColumnIndex": 7, "endColumnIndex": 8}],
        "booleanRule": {
            "condition": {"type": "TEXT_EQ", "values": [{"userEnteredValue": "rød"}]},
            "format": {"backgroundColor": {"red": 1}},
        },
    }
    sheet.spreadsheet.batch_update({"requests": [{"addConditionalFormatRule": {"rule": rule}}]})
    listed = sheet.client.fetch_sheet_metadata(
        sheet.spreadsheet_id, params={"fields": "sheets(properties(title),conditionalFormats)"}
    )["sheets"][0]
    assert listed["properties"] == {"title": "Sheet1"}
    assert listed["conditionalFormats"][0]["ranges"] == [
        {"startRowIndex": 1, "startColumnIndex": 7, "endColumnIndex": 8}
    ]
    reply = sheet.spreadsheet.batch_update(
        {"requests": [{"deleteConditionalFormatRule": {"sheetId": 0, "index": 0}}]}
    )
    assert reply["replies"][0]["deleteConditionalFormatRule"]["rule"]["booleanRule"]["format"] == {
        "backgroundColor": {"red": 1},
        "backgroundColorStyle": {"rgbColor": {"red": 1}},
    }
    assert emu.spreadsheet(sheet.spreadsheet_id).worksheet("Sheet1").conditional_formats == []


def test_protected_ranges(sheet: gspread.Worksheet) -> None:
    reply = sheet.add_protected_range("A1:B2", warning_only=True)
    protected = reply["replies"][0]["addProtectedRange"]["protectedRange"]
    assert protected["range"] == {
        "startRowIndex": 0, "endRowIndex": 2, "startColumnIndex": 0, "endColumnIndex": 2,
    }  # fmt: skip
    assert protected["warningOnly"] is True
    assert protected["requestingUserCanEdit"] is True
    listed = sheet.spreadsheet.list_protected_ranges(sheet.id)
    assert listed[0]["editors"] == {"users": ["planlogg@planlogg-test.iam.gserviceaccount.com"]}
    sheet.delete_protected_range(protected["protectedRangeId"])
    assert sheet.spreadsheet.list_protected_ranges(sheet.id) == []


def test_delete_and_insert_rows_move_everything(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    sheet.update([["h"], ["1"], ["2"], ["3"]], "A1")
    sheet.update_note("A4", "på tre")
    sheet.add_protected_range("A3:B4")
    sheet.delete_rows(2)
    assert sheet.col_values(1) == ["h", "2", "3"]
    assert emu.notes(sheet.spreadsheet_id, "Sheet1") == {"A3": "på tre"}
    model = emu.spreadsheet(sheet.spreadsheet_id).worksheet("Sheet1")
    assert model.protected_ranges[0]["range"]["startRowIndex"] == 1
    assert model.row_count == 999
    sheet.insert_rows([["ny"]], row=2)
    assert sheet.col_values(1) == ["h", "ny", "2", "3"]
    assert model.protected_ranges[0]["range"]["startRowIndex"] == 2


def test_merges_sort_dimensions_and_noop_autoresize(sheet: gspread.Worksheet) -> None:
    sheet.update([["navn", "nr"], ["b", "2"], ["a", "10"], ["c", "1"]], "A1")
    sheet.merge_cells("C1:D2")
    sheet.sort((2, "des"), range="A2:B4")  # RAW text sorts as text
    assert sheet.get_all_values() == [["navn", "nr"], ["b", "2"], ["a", "10"], ["c", "1"]]
    sheet.update([[2], [10], [1]], "B2")
    sheet.sort((2, "asc"), range="A2:B4")
    assert sheet.col_values(2) == ["nr", "1", "2", "10"]
    sheet.columns_auto_resize(0, 2)
    sheet.hide_columns(3, 4)
    metadata = sheet.client.fetch_sheet_metadata(
        sheet.spreadsheet_id, params={"fields": "sheets(merges,data.columnMetadata)"}
    )["sheets"][0]
    assert metadata["merges"] == [
        {"startRowIndex": 0, "endRowIndex": 2, "startColumnIndex": 2, "endColumnIndex": 4}
    ]
    assert metadata["data"][0]["columnMetadata"][3] == {"pixelSize": 100, "hiddenByUser": True}
    sheet.unmerge_cells("C1:D2")
    assert (
        "merges"
        not in sheet.client.fetch_sheet_metadata(
            sheet.spreadsheet_id, params={"fields": "sheets(merges)"}
        )["sheets"][0]
    )


def test_batch_update_is_all_or_nothing(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    with pytest.raises(gspread.exceptions.APIError) as caught:
        sheet.spreadsheet.batch_update(
            {
                "requests": [
                    {"addSheet": {"properties": {"title": "Ny"}}},
                    {"deleteSheet": {"sheetId": 424242}},
                ]
            }
        )
    assert caught.value.error["message"] == (
        "Invalid requests[1].deleteSheet: No grid with id: 424242"
    )
    assert [s.title for s in emu.spreadsheet(sheet.spreadsheet_id).sheets] == ["Sheet1"]


def test_unknown_request_kind_is_400(sheet: gspread.Worksheet) -> None:
    with pytest.raises(gspread.exceptions.APIError) as caught:
        sheet.spreadsheet.batch_update({"requests": [{"frobnicate": {}}]})
    assert caught.value.code == 400
    assert "Unknown name \"frobnicate\" at 'requests[0]'" in caught.value.error["message"]
    with pytest.raises(gspread.exceptions.APIError, match="not supported by the Planlogg"):
        sheet.spreadsheet.batch_update({"requests": [{"cutPaste": {}}]})


def test_a_basic_filter_is_kept_and_hides_no_values(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    """gspread's set_basic_filter sends ``{"filter": {"range": {"sheetId": 0}}}``; the values
    API still answers every row, as Google's does."""
    sheet.update([["Nr", "Status"], ["1.1.1", "gul"], ["1.1.2", "grønn"]], "A1")
    sheet.set_basic_filter()
    emu.user_filter(sheet.spreadsheet_id, "Sheet1", 1, ["gul"])
    meta = sheet.spreadsheet.fetch_sheet_metadata({"fields": "sheets(basicFilter)"})
    assert meta["sheets"][0]["basicFilter"]["range"] == {}
    assert sheet.get_all_values() == [["Nr", "Status"], ["1.1.1", "gul"], ["1.1.2", "grønn"]]
    sheet.clear_basic_filter()
    meta = sheet.spreadsheet.fetch_sheet_metadata({"fields": "sheets(basicFilter)"})
    assert meta["sheets"][0] == {}


def test_dimension_groups_nest_and_are_listed(sheet: gspread.Worksheet) -> None:
    assert sheet.add_dimension_group_rows(1, 5) == {"spreadsheetId": sheet.spreadsheet_id,
                                                    "replies": [{}]}  # fmt: skip
    sheet.add_dimension_group_rows(2, 3)
    groups = sheet.list_dimension_group_rows()
    assert [(g["range"]["startIndex"], g["range"]["endIndex"], g["depth"]) for g in groups] == [
        (1, 5, 1),
        (2, 3, 2),
    ]
    sheet.delete_dimension_group_rows(2, 3)
    assert [g["depth"] for g in sheet.list_dimension_group_rows()] == [1]


def test_copy_paste_tiles_the_source_over_the_destination(sheet: gspread.Worksheet) -> None:
    sheet.update([["a", "b"]], "A1")
    sheet.copy_range("A1:B1", "A3:D3")
    assert sheet.get_all_values()[2] == ["a", "b", "a", "b"]
    sheet.copy_range("A1:A1", "F1", paste_type=gspread.utils.PasteType.values)
    assert sheet.acell("F1").value == "a"


def test_spreadsheet_properties_and_named_ranges(
    client: gspread.Client, spreadsheet: gspread.Spreadsheet
) -> None:
    spreadsheet.update_locale("nb_NO")
    spreadsheet.update_timezone("Europe/Oslo")
    spreadsheet.update_title("Handlingsplan 2025")
    reopened = client.open_by_key(spreadsheet.id)
    assert (reopened.locale, reopened.timezone, reopened.title) == (
        "nb_NO", "Europe/Oslo", "Handlingsplan 2025",
    )  # fmt: skip
    sheet = reopened.sheet1
    sheet.define_named_range("A1:B2", "Topp")
    sheet.update([["x"]], "A1")
    assert reopened.values_get("Topp")["range"] == "Sheet1!A1:B2"
    named = reopened.list_named_ranges()
    assert [(n["name"], n["range"]) for n in named] == [
        ("Topp", {"startRowIndex": 0, "endRowIndex": 2, "startColumnIndex": 0, "endColumnIndex": 2})
    ]
    assert isinstance(named[0]["namedRangeId"], str) and named[0]["namedRangeId"]


def test_dimension_requests_and_repeat_cell(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    second = sheet.spreadsheet.add_worksheet("Skjult", rows=2, cols=2)
    sheet.update([["a", "b", "c"]], "A1")
    cols = {"sheetId": 0, "dimension": "COLUMNS"}
    sheet.spreadsheet.batch_update(
        {
            "requests": [
                {"appendDimension": {"sheetId": 0, "dimension": "ROWS", "length": 5}},
                {"insertDimension": {"range": {**cols, "startIndex": 0, "endIndex": 1}}},
                {"deleteDimension": {"range": {**cols, "startIndex": 2, "endIndex": 3}}},
                {
                    "repeatCell": {
                        "range": {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1},
                        "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
                        "fields": "userEnteredFormat.textFormat.bold",
                    }
                },
                {
                    "updateDimensionProperties": {
                        "range": {**cols, "startIndex": 0, "endIndex": 1},
                        "properties": {"pixelSize": 250},
                        "fields": "pixelSize",
                    }
                },
                {
                    "updateSheetProperties": {
                        "properties": {"sheetId": second.id, "hidden": True},
                        "fields": "hidden",
                    }
                },
            ]
        }
    )
    assert sheet.get_all_values() == [["", "a", "c"]]
    model = emu.spreadsheet(sheet.spreadsheet_id)
    assert (model.sheets[0].row_count, model.sheets[0].column_count) == (1005, 26)
    assert model.sheets[0].cells[(0, 25)]["userEnteredFormat"] == {"textFormat": {"bold": True}}
    assert model.sheets[0].column_metadata == {0: {"pixelSize": 250}}
    assert sheet.spreadsheet.worksheet("Skjult").isSheetHidden is True

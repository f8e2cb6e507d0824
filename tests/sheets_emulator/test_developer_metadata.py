"""createDeveloperMetadata on a sheet, and the sheet listing it in spreadsheets.get."""

from __future__ import annotations

import gspread
import pytest

FIELDS = {"fields": "sheets(properties.sheetId,developerMetadata)"}


def _create(sheet_id: int, key: str = "planlogg", visibility: str = "DOCUMENT") -> dict:
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataKey": key,
                "metadataValue": "1",
                "location": {"sheetId": sheet_id},
                "visibility": visibility,
            }
        }
    }


def test_metadata_on_a_sheet_is_listed_with_the_sheet(spreadsheet: gspread.Spreadsheet) -> None:
    tab = spreadsheet.add_worksheet("Plan", rows=5, cols=3)
    answer = spreadsheet.batch_update({"requests": [_create(tab.id)]})
    [reply] = answer["replies"]
    made = reply["createDeveloperMetadata"]["developerMetadata"]
    assert isinstance(made["metadataId"], int)
    expected = {
        "metadataId": made["metadataId"],
        "metadataKey": "planlogg",
        "metadataValue": "1",
        "location": {"locationType": "SHEET", "sheetId": tab.id},
        "visibility": "DOCUMENT",
    }
    assert made == expected
    listed = spreadsheet.fetch_sheet_metadata(params=FIELDS)["sheets"]
    assert listed == [
        {"properties": {"sheetId": 0}},
        {"properties": {"sheetId": tab.id}, "developerMetadata": [expected]},
    ]


def test_metadata_goes_with_its_sheet_and_not_with_a_copy(
    spreadsheet: gspread.Spreadsheet,
) -> None:
    tab = spreadsheet.add_worksheet("Plan", rows=5, cols=3)
    spreadsheet.batch_update({"requests": [_create(tab.id)]})
    copy = tab.duplicate(new_sheet_name="Kopi")
    spreadsheet.del_worksheet(tab)
    listed = spreadsheet.fetch_sheet_metadata(params=FIELDS)["sheets"]
    assert listed == [{"properties": {"sheetId": 0}}, {"properties": {"sheetId": copy.id}}]


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (_create(0, key=""), "metadataKey"),
        (_create(0, visibility=""), "visibility"),
        (_create(7), "No grid with id: 7"),
    ],
)
def test_invalid_metadata_is_refused_and_nothing_is_kept(
    spreadsheet: gspread.Spreadsheet, request_: dict, message: str
) -> None:
    with pytest.raises(gspread.exceptions.APIError, match=message) as caught:
        spreadsheet.batch_update({"requests": [request_]})
    assert caught.value.code == 400
    listed = spreadsheet.fetch_sheet_metadata(params=FIELDS)["sheets"]
    assert listed == [{"properties": {"sheetId": 0}}]

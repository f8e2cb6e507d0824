"""Drive v3 files and revisions through gspread (and its raw http_client for revisions)."""

from __future__ import annotations

import gspread
import pytest

from tests.sheets_emulator import SheetsEmulator

DRIVE_FILES = "https://www.googleapis.com/drive/v3/files"
REVISION_FIELDS = "kind,nextPageToken,revisions(id,modifiedTime,lastModifyingUser)"


def test_files_get_and_modified_time_moves_on_api_writes(
    client: gspread.Client, spreadsheet: gspread.Spreadsheet
) -> None:
    metadata = client.http_client.get_file_drive_metadata(spreadsheet.id)
    assert set(metadata) == {"id", "name", "createdTime", "modifiedTime"}
    assert metadata["createdTime"] == metadata["modifiedTime"]
    assert metadata["modifiedTime"].endswith("Z") and len(metadata["modifiedTime"]) == 24
    spreadsheet.sheet1.update([["x"]], "A1")
    later = spreadsheet.get_lastUpdateTime()
    assert later > metadata["modifiedTime"]
    full = client.http_client.request(
        "get", f"{DRIVE_FILES}/{spreadsheet.id}", params={"fields": "version,lastModifyingUser"}
    ).json()
    assert full["version"] == "2"
    assert full["lastModifyingUser"]["displayName"] == "Planlogg"
    assert full["lastModifyingUser"]["me"] is True


def test_list_open_by_title_copy_and_delete(client: gspread.Client) -> None:
    first = client.create("Plan A")
    client.create("Plan B")
    assert [f["name"] for f in client.list_spreadsheet_files()] == ["Plan A", "Plan B"]
    assert [f["name"] for f in client.list_spreadsheet_files(title="Plan B")] == ["Plan B"]
    assert client.open("Plan A").id == first.id
    with pytest.raises(gspread.SpreadsheetNotFound):
        client.open("Plan C")
    first.sheet1.update([["kopiert"]], "A1")
    copied = client.copy(first.id)
    assert copied.title == "Copy of Plan A"
    assert copied.sheet1.acell("A1").value == "kopiert"
    client.del_spreadsheet(first.id)
    with pytest.raises(gspread.SpreadsheetNotFound):
        client.open_by_key(first.id)


def test_drive_errors_use_drive_envelope(client: gspread.Client) -> None:
    with pytest.raises(gspread.exceptions.APIError) as caught:
        client.http_client.get_file_drive_metadata("mangler")
    assert caught.value.code == 404
    assert caught.value.error["errors"][0]["reason"] == "notFound"
    with pytest.raises(gspread.exceptions.APIError) as bad_query:
        client.http_client.request("get", DRIVE_FILES, params={"q": "starred = true"})
    assert bad_query.value.error["errors"][0]["location"] == "q"


def test_revisions_list_pages_and_masks(
    emu: SheetsEmulator, client: gspread.Client, spreadsheet: gspread.Spreadsheet
) -> None:
    for value in ("a", "b", "c"):
        spreadsheet.sheet1.update([[value]], "A1")
    emu.user_edit(
        spreadsheet.id, "Sheet1", {"B3": "ny tekst"}, user=("Kari Nordmann", "kari@example.no")
    )
    url = f"{DRIVE_FILES}/{spreadsheet.id}/revisions"
    default = client.http_client.request("get", url).json()
    assert default["kind"] == "drive#revisionList"
    assert set(default["revisions"][0]) == {"kind", "id", "mimeType", "modifiedTime"}
    page1 = client.http_client.request(
        "get", url, params={"pageSize": 3, "fields": REVISION_FIELDS}
    ).json()
    assert [r["id"] for r in page1["revisions"]] == ["1", "2", "3"]
    page2 = client.http_client.request(
        "get", url, params={"pageSize": 3, "pageToken": page1["nextPageToken"],
                            "fields": REVISION_FIELDS},
    ).json()  # fmt: skip
    assert "nextPageToken" not in page2
    assert [r["id"] for r in page2["revisions"]] == ["4", "5"]
    last = page2["revisions"][-1]
    assert last["lastModifyingUser"]["displayName"] == "Kari Nordmann"
    assert last["lastModifyingUser"]["emailAddress"] == "kari@example.no"
    assert page1["revisions"][1]["lastModifyingUser"]["emailAddress"] == (
        "planlogg@planlogg-test.iam.gserviceaccount.com"
    )
    assert last["modifiedTime"] == spreadsheet.get_lastUpdateTime()

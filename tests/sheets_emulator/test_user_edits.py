"""A human in the Sheets UI: edits are not API calls but are visible through Drive."""

from __future__ import annotations

import gspread
import pytest
from gspread.utils import ValidationConditionType

from tests.sheets_emulator import SheetsEmulator

KARI = ("Kari Nordmann", "kari@example.no")
DRIVE_FILES = "https://www.googleapis.com/drive/v3/files"


def test_user_edit_bumps_drive_and_adds_revision(
    emu: SheetsEmulator, client: gspread.Client, sheet: gspread.Worksheet
) -> None:
    key = sheet.spreadsheet_id
    before = sheet.spreadsheet.get_lastUpdateTime()
    emu.reset_requests()
    emu.user_edit(key, "Sheet1", {"B3": "ny tekst", "H5": "gul", "A1": "=SUM(1,2)"}, user=KARI)
    assert emu.request_count() == 0
    after = client.http_client.request(
        "get", f"{DRIVE_FILES}/{key}", params={"fields": "modifiedTime,version,lastModifyingUser"}
    ).json()
    assert after["modifiedTime"] > before
    assert after["version"] == "2"
    assert after["lastModifyingUser"]["displayName"] == "Kari Nordmann"
    assert after["lastModifyingUser"]["me"] is False
    revisions = emu.spreadsheet(key).revisions
    assert (revisions[-1].user.email, len(revisions)) == ("kari@example.no", 2)
    assert sheet.acell("B3").value == "ny tekst"
    assert sheet.acell("A1", value_render_option="FORMULA").value == "=SUM(1,2)"
    assert emu.cells(key, "Sheet1")[4][7] == "gul"


def test_user_row_operations(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    key = sheet.spreadsheet_id
    sheet.update([["Tiltak"], ["c"], ["a"], ["b"], ["slett"]], "A1")
    emu.user_delete_rows(key, "Sheet1", 5, 5, user=KARI)
    emu.user_sort(key, "Sheet1", "A", user=KARI)
    assert sheet.col_values(1) == ["Tiltak", "a", "b", "c"]
    emu.user_move_row(key, "Sheet1", 4, 2, user=KARI)
    assert sheet.col_values(1) == ["Tiltak", "c", "a", "b"]
    emu.user_move_row(key, "Sheet1", 2, 4, user=KARI)
    assert sheet.col_values(1) == ["Tiltak", "a", "b", "c"]
    emu.user_insert_rows(key, "Sheet1", 2, count=2, user=KARI)
    assert sheet.col_values(1) == ["Tiltak", "", "", "a", "b", "c"]
    emu.user_set_note(key, "Sheet1", "A4", "sjekk", user=KARI)
    assert emu.notes(key, "Sheet1") == {"A4": "sjekk"}
    emu.user_rename_sheet(key, "Sheet1", "Tiltak", user=KARI)
    assert [w.title for w in sheet.spreadsheet.worksheets()] == ["Tiltak"]
    assert emu.spreadsheet(key).version == 9  # created, one API write, seven UI edits


def test_ui_refuses_what_google_refuses(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    key = sheet.spreadsheet_id
    sheet.add_protected_range("A1:C1")
    sheet.add_validation("H2", ValidationConditionType.one_of_list, ["grønn", "gul"], strict=True)
    with pytest.raises(PermissionError, match=r"kari@example\.no may not edit protected range"):
        emu.user_edit(key, "Sheet1", {"B1": "overskrift"}, user=KARI)
    with pytest.raises(PermissionError, match=r"kari@example\.no may not edit protected range"):
        emu.user_delete_rows(key, "Sheet1", 1, 1, user=KARI)
    with pytest.raises(ValueError, match="strict validation"):
        emu.user_edit(key, "Sheet1", {"H2": "lilla"}, user=KARI)
    emu.user_edit(key, "Sheet1", {"H2": "gul"}, user=KARI)
    assert emu.cells(key, "Sheet1")[1][7] == "gul"

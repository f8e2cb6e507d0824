"""Injected faults as gspread's plain and back-off HTTP clients experience them."""

from __future__ import annotations

import gspread
import gspread.http_client
import pytest
import requests

from tests.sheets_emulator import SheetsEmulator


@pytest.mark.parametrize(
    ("status", "name"), [(429, "RESOURCE_EXHAUSTED"), (500, "INTERNAL"), (503, "UNAVAILABLE")]
)
def test_status_fault_gives_google_envelope(
    emu: SheetsEmulator, sheet: gspread.Worksheet, status: int, name: str
) -> None:
    emu.faults.add(status=status, times=1, match="values:batchGet", retry_after=7)
    with pytest.raises(gspread.exceptions.APIError) as caught:
        sheet.batch_get(["A1"])
    assert caught.value.code == status == caught.value.response.status_code
    assert caught.value.error["status"] == name
    assert caught.value.response.headers["Retry-After"] == "7"
    assert emu.faults.injected == 1
    assert sheet.batch_get(["A1"]) == [[]]
    assert [r.status for r in emu.requests if "batchGet" in r.path] == [status, 200]


def test_back_off_client_retries_through_faults(emu: SheetsEmulator, slept: list[float]) -> None:
    client = emu.gspread_client(http_client=gspread.http_client.BackOffHTTPClient)
    spreadsheet = client.create("Plan")
    emu.faults.add(status=429, times=3, match="PUT ")
    spreadsheet.sheet1.update([["etter tre forsøk"]], "A1")
    assert slept == [2, 4, 8]
    assert emu.faults.injected == 3
    assert spreadsheet.sheet1.acell("A1").value == "etter tre forsøk"
    puts = [r.status for r in emu.requests if r.method == "PUT"]
    assert puts == [429, 429, 429, 200]


def test_timeout_fault_outlasts_the_client(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    client = sheet.client
    client.set_timeout(0.2)
    emu.faults.add(kind="timeout", times=1, seconds=5)
    with pytest.raises(requests.exceptions.ReadTimeout):
        sheet.update([["kanskje"]], "A1")
    client.set_timeout(None)
    assert emu.cells(sheet.spreadsheet_id, "Sheet1") == [["kanskje"]]  # Google kept working
    assert emu.requests[-1].status == 0


def test_truncated_body_cannot_be_parsed(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    emu.faults.add(kind="truncate", times=1, match="values/")
    url = f"https://sheets.googleapis.com/v4/spreadsheets/{sheet.spreadsheet_id}/values/A1"
    response = sheet.client.request("get", url)
    assert response.status_code == 200
    assert response.text.startswith("{")
    with pytest.raises(requests.exceptions.JSONDecodeError):
        response.json()


def test_truncate_with_close_breaks_the_read(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    emu.faults.add(kind="truncate", times=1, close=True)
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        sheet.get_all_values()
    assert sheet.get_all_values() == [[]]


@pytest.mark.parametrize("applied", [False, True])
def test_reset_closes_without_response(
    emu: SheetsEmulator, sheet: gspread.Worksheet, applied: bool
) -> None:
    emu.faults.add(kind="reset", times=1, match="PUT ", applied=applied)
    with pytest.raises(requests.exceptions.ConnectionError):
        sheet.update([["tapt svar"]], "A1")
    expected = [["tapt svar"]] if applied else []
    assert emu.cells(sheet.spreadsheet_id, "Sheet1") == expected
    assert emu.faults.injected == 1


def test_faults_clear_and_validation(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    emu.faults.add(status=500, times=5)
    emu.faults.clear()
    assert sheet.get_all_values() == [[]]
    assert emu.faults.injected == 0
    with pytest.raises(ValueError, match="fault kind must be one of"):
        emu.faults.add(kind="explode")
    with pytest.raises(ValueError, match="a status fault needs an HTTP error status"):
        emu.faults.add(status=200)


def test_an_applied_status_fault_does_the_work_and_still_answers_an_error(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    emu.faults.add(status=504, times=1, match="PUT ", applied=True)
    with pytest.raises(gspread.exceptions.APIError) as caught:
        sheet.update([["gjort likevel"]], "A1")
    assert caught.value.error["status"] == "DEADLINE_EXCEEDED"
    assert emu.cells(sheet.spreadsheet_id, "Sheet1") == [["gjort likevel"]]


def test_a_spreadsheet_shared_view_only_is_read_but_not_written(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    sheet.update([["før"]], "A1")
    emu.share_view_only(sheet.spreadsheet_id)
    with pytest.raises(gspread.exceptions.APIError) as caught:
        sheet.update([["etter"]], "A1")
    assert (caught.value.code, caught.value.error["status"]) == (403, "PERMISSION_DENIED")
    assert sheet.acell("A1").value == "før"

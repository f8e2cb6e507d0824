"""Per-user per-minute quotas: 429 RESOURCE_EXHAUSTED, batches counted once, refill."""

from __future__ import annotations

import gspread
import gspread.http_client
import pytest

from tests.sheets_emulator import SheetsEmulator


class FakeClock:
    """Monotonic seconds that only move when told to."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_reads_over_quota_get_429(emu: SheetsEmulator, sheet: gspread.Worksheet) -> None:
    clock = FakeClock()
    emu.enable_quota(reads_per_minute=3, writes_per_minute=100, clock=clock)
    for _ in range(3):
        sheet.batch_get(["A1:B2", "C1:D2", "E1"])  # one request each, however many ranges
    with pytest.raises(gspread.exceptions.APIError) as caught:
        sheet.acell("A1")
    error = caught.value.error
    assert caught.value.code == 429 == caught.value.response.status_code
    assert error["status"] == "RESOURCE_EXHAUSTED"
    assert "Read requests per minute per user" in error["message"]
    assert error["details"][0]["metadata"]["quota_limit_value"] == "3"
    sheet.update([["skriving teller ikke som lesing"]], "A1")
    clock.now += 60
    assert sheet.acell("A1").value == "skriving teller ikke som lesing"


def test_writes_quota_and_drive_is_exempt(emu: SheetsEmulator, client: gspread.Client) -> None:
    spreadsheet = client.create("Plan")
    emu.enable_quota(reads_per_minute=100, writes_per_minute=1, clock=FakeClock())
    spreadsheet.sheet1.batch_update([{"range": f"A{i}", "values": [["x"]]} for i in range(1, 9)])
    with pytest.raises(gspread.exceptions.APIError, match="Write requests"):
        spreadsheet.sheet1.update([["y"]], "B1")
    assert spreadsheet.get_lastUpdateTime()  # Drive calls are not under the Sheets quota
    emu.disable_quota()
    spreadsheet.sheet1.update([["y"]], "B1")
    assert spreadsheet.sheet1.acell("B1").value == "y"


def test_back_off_client_waits_for_the_quota_to_refill(
    emu: SheetsEmulator, slept: list[float]
) -> None:
    clock = FakeClock()
    client = emu.gspread_client(http_client=gspread.http_client.BackOffHTTPClient)
    spreadsheet = client.create("Plan")
    emu.enable_quota(reads_per_minute=2, writes_per_minute=60, clock=clock)

    def sleep_and_advance(seconds: float) -> None:
        slept.append(seconds)
        clock.now += seconds

    gspread.http_client.time.sleep = sleep_and_advance  # the slept fixture's namespace
    sheet = spreadsheet.sheet1
    for _ in range(3):
        sheet.acell("A1")
    assert slept == [2, 4, 8, 16, 32]  # 62 s of back-off until the minute has passed
    assert [r.status for r in emu.requests if r.kind == "read"][-7:] == [429] * 5 + [200, 200]

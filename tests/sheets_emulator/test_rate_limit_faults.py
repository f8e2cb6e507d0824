"""Drive's 403 rate limits, injected: a forbidden status that is not about access."""

from __future__ import annotations

import gspread
import pytest

from tests.sheets_emulator import SheetsEmulator


def test_a_rate_limit_fault_answers_drives_403_envelope(
    emu: SheetsEmulator, sheet: gspread.Worksheet
) -> None:
    emu.faults.add(status=403, reason="userRateLimitExceeded", match="values:batchGet")
    with pytest.raises(gspread.exceptions.APIError) as caught:
        sheet.batch_get(["A1"])
    assert caught.value.code == 403
    assert caught.value.error["errors"] == [
        {
            "domain": "usageLimits",
            "reason": "userRateLimitExceeded",
            "message": "User Rate Limit Exceeded",
        }
    ]
    assert sheet.batch_get(["A1"]) == [[]]


def test_a_reason_needs_status_403_and_a_known_rate_limit(emu: SheetsEmulator) -> None:
    with pytest.raises(ValueError, match="status 403"):
        emu.faults.add(status=429, reason="rateLimitExceeded")
    with pytest.raises(ValueError, match="status 403"):
        emu.faults.add(status=403, reason="dailyLimitExceeded")

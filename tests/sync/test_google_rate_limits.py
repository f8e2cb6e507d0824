"""Drive's and Sheets' 403 rate limits mend by themselves: retried like a 429, bounded."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from projections import ReadModels
from sync.backend import BackendError
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend
from sync.layout import Layout
from sync.loop import lay_out
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN

WAITS: list[float] = []


class RecordedWaitsClient(BoundedRetryClient):
    """Same policy, but waits are recorded instead of slept."""

    sleep = staticmethod(WAITS.append)


@pytest.fixture
def google(plan_app: Planlogg, emulator: SheetsEmulator) -> tuple[GoogleSheetBackend, str]:
    spreadsheet_id = emulator.create_spreadsheet("Handlingsplan")
    client = emulator.gspread_client(http_client=RecordedWaitsClient)
    backend = GoogleSheetBackend(client, spreadsheet_id, PLAN)
    lay_out(plan_app, backend, PLAN)
    SheetSync(plan_app, ReadModels.open(plan_app)).cycle(backend, PLAN)
    emulator.reset_requests()
    WAITS.clear()
    return backend, spreadsheet_id


def _status(row: int) -> str:
    column = Layout.for_years((2024, 2025)).index("Status")
    return f"{chr(ord('A') + column)}{row}"


@pytest.mark.parametrize("reason", ["rateLimitExceeded", "userRateLimitExceeded"])
def test_a_403_rate_limit_is_retried_like_a_429(
    sheet_sync: SheetSync,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    reason: str,
) -> None:
    backend, sid = google
    emulator.user_edit(sid, PLAN, {_status(2): "grønn"})
    emulator.faults.add(status=403, reason=reason, times=2, match="values:batchGet")
    report = sheet_sync.cycle(backend, PLAN)
    assert report.applied == 1
    assert len(WAITS) == 2
    caps = [
        min(RecordedWaitsClient.max_delay, RecordedWaitsClient.base_delay * 2**n) for n in (0, 1)
    ]
    assert all(0 <= wait <= cap for wait, cap in zip(WAITS, caps, strict=True))


def test_a_lasting_rate_limit_is_given_up_and_not_called_missing_access(
    sheet_sync: SheetSync, emulator: SheetsEmulator, google: tuple[GoogleSheetBackend, str]
) -> None:
    backend, _ = google
    emulator.faults.add(
        status=403, reason="userRateLimitExceeded", times=50, match="values:batchGet"
    )
    with pytest.raises(BackendError) as refused:
        sheet_sync.cycle(backend, PLAN)
    assert emulator.request_count() == RecordedWaitsClient.max_attempts
    assert "User Rate Limit Exceeded" in refused.value.message
    assert "tjenestekontoen" not in refused.value.message


def test_missing_access_is_not_retried(
    sheet_sync: SheetSync, emulator: SheetsEmulator, google: tuple[GoogleSheetBackend, str]
) -> None:
    backend, _ = google
    emulator.faults.add(status=403, times=50, match="values:batchGet")
    with pytest.raises(BackendError, match="tjenestekontoen"):
        sheet_sync.cycle(backend, PLAN)
    assert (emulator.request_count(), WAITS) == (1, [])

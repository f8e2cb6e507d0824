"""Fixtures: a fresh emulator per test, a gspread client wired to it, and sleeps recorded
instead of slept so gspread's back-off does not slow the suite down."""

from __future__ import annotations

import types
from collections.abc import Iterator

import gspread
import gspread.http_client
import pytest

from tests.sheets_emulator import SheetsEmulator


@pytest.fixture
def emu() -> Iterator[SheetsEmulator]:
    with SheetsEmulator() as emulator:
        yield emulator


@pytest.fixture
def client(emu: SheetsEmulator) -> gspread.Client:
    return emu.gspread_client()


@pytest.fixture
def spreadsheet(client: gspread.Client) -> gspread.Spreadsheet:
    return client.create("Handlingsplan")


@pytest.fixture
def sheet(spreadsheet: gspread.Spreadsheet) -> gspread.Worksheet:
    return spreadsheet.sheet1


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits gspread's BackOffHTTPClient asked for (nothing actually sleeps)."""
    waits: list[float] = []
    monkeypatch.setattr(gspread.http_client, "time", types.SimpleNamespace(sleep=waits.append))
    return waits

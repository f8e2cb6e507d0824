"""`sync init --create` when Google will not make the spreadsheet: Planlogg's own Norwegian
refusal, saying what to do instead, never gspread's English traceback.

A service account often may not own files in Drive (it has no storage of its own), so the
way round is the one the README gives: create the spreadsheet in Google Drive and pass its ID.
"""

from __future__ import annotations

import pytest

from domain.errors import ValidationError
from sync.google import BoundedRetryClient, create_spreadsheet
from tests.sheets_emulator import SheetsEmulator


class _NoWaits(BoundedRetryClient):
    sleep = staticmethod(lambda seconds: None)


def test_a_spreadsheet_google_refuses_to_create_is_told_with_the_way_round(
    emulator: SheetsEmulator,
) -> None:
    emulator.faults.add(status=403, match="POST /drive/v3/files")
    client = emulator.gspread_client(http_client=_NoWaits)

    with pytest.raises(ValidationError) as refused:
        create_spreadsheet(client, "Handlingsplan 2026")

    assert str(refused.value) == (
        "Google opprettet ikke regnearket «Handlingsplan 2026» (feil 403: The caller does not "
        "have permission). Opprett det selv i Google Disk, del det med tjenestekontoen som "
        "redigerer, og gi ID-en med --spreadsheet. Ingen regneark er opprettet."
    )
    assert client.list_spreadsheet_files() == []


def test_google_out_of_reach_while_creating_is_told_in_norwegian(
    emulator: SheetsEmulator,
) -> None:
    emulator.faults.add(kind="reset", times=10, match="POST /drive/v3/files")
    client = emulator.gspread_client(http_client=_NoWaits)

    with pytest.raises(ValidationError) as refused:
        create_spreadsheet(client, "Handlingsplan 2026")

    assert str(refused.value) == (
        "Fikk ikke kontakt med Google (ConnectionError). Ingen regneark er opprettet."
    )

"""What real Google servers and people do mid-cycle, against the local Sheets emulator."""

from __future__ import annotations

import pytest
from gspread.utils import rowcol_to_a1

from domain.application import Planlogg
from sync.backend import BackendError, SheetSnapshot
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend
from sync.layout import Layout
from sync.loop import lay_out
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB

WAITS: list[float] = []


class QuickRetryClient(BoundedRetryClient):
    """The production policy, with waits recorded instead of slept."""

    sleep = staticmethod(WAITS.append)


@pytest.fixture
def google(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> tuple[GoogleSheetBackend, str]:
    """A spreadsheet laid out and synced once for the plan; requests and waits reset."""
    spreadsheet_id = emulator.create_spreadsheet("Handlingsplan")
    backend = GoogleSheetBackend(
        emulator.gspread_client(http_client=QuickRetryClient), spreadsheet_id, PLAN
    )
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    emulator.reset_requests()
    WAITS.clear()
    return backend, spreadsheet_id


def _index(name: str) -> int:
    return Layout.for_years((2024, 2025)).index(name)


def _label(row: int, name: str) -> str:
    return rowcol_to_a1(row, _index(name) + 1)


def _ids(emulator: SheetsEmulator, sid: str, tab: str = PLAN) -> list[str]:
    return [row[0] for row in emulator.cells(sid, tab)[1:]]


def test_a_row_deletion_answered_with_a_deadline_error_is_not_sent_again(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
) -> None:
    """Google's 504 DEADLINE_EXCEEDED may come after the rows were deleted: sending the
    deletion again would delete the next measure's row too."""
    backend, sid = google
    plan_app.remove_measure(PLAN, "T002", WEB)
    emulator.faults.add(status=504, applied=True, times=1, match=f"{sid}:batchUpdate")
    with pytest.raises(BackendError, match="504"):
        sheet_sync.cycle(backend, PLAN)
    assert _ids(emulator, sid) == ["T001", "T003", "T004", "T005", "T006"]
    assert sheet_sync.cycle(backend, PLAN).written == 0
    assert _ids(emulator, sid) == ["T001", "T003", "T004", "T005", "T006"]


@pytest.mark.parametrize("tab", ["Oversikt", "Vedtak"])
def test_a_deleted_overview_or_decisions_tab_is_added_again_and_the_plan_still_syncs(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    tab: str,
) -> None:
    """Planlogg keeps those tabs: one deleted (or renamed) while the sync runs is laid
    out again, and the plan's own cells are written in the same cycle."""
    backend, sid = google
    emulator.user_delete_sheet(sid, tab)
    plan_app.reword_measure(PLAN, "T001", "Skrive likevel", WEB)
    sheet_sync.cycle(backend, PLAN)
    row = emulator.cells(sid, PLAN)[1]
    assert (row[_index("Tiltak")], row[_index("Endra av")]) == ("Skrive likevel", "Webbrukar")
    assert emulator.cells(sid, tab)[0][0] == {"Oversikt": "Plan", "Vedtak": "Vedtak"}[tab]
    assert sheet_sync.cycle(backend, PLAN).written == 0


def test_a_tab_renamed_between_reading_and_writing_gets_the_writes_under_its_new_title(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Someone renames the plan tab while a cycle runs and starts a tab of their own under
    the old title: Planlogg writes into its tab (found again by the named range), never
    into theirs."""
    backend, sid = google
    read = backend.read

    def read_then_rename() -> SheetSnapshot:
        snapshot = read()
        emulator.user_rename_sheet(sid, PLAN, "Handlingsplan 2025")
        emulator.user_add_sheet(sid, PLAN, {"A1": "Mine notater"})
        return snapshot

    monkeypatch.setattr(backend, "read", read_then_rename)
    plan_app.reword_measure(PLAN, "T001", "Skrive i riktig fane", WEB)
    sheet_sync.cycle(backend, PLAN)
    assert emulator.cells(sid, "Handlingsplan 2025")[1][_index("Tiltak")] == (
        "Skrive i riktig fane"
    )
    assert emulator.cells(sid, PLAN) == [["Mine notater"]]


def test_a_spreadsheet_shared_view_only_says_to_share_it_for_editing(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
) -> None:
    """Google's 403 is permanent until someone shares the spreadsheet again: the message
    says so, in Norwegian, instead of quoting Google in English and promising a retry."""
    backend, sid = google
    emulator.share_view_only(sid)
    plan_app.reword_measure(PLAN, "T001", "Kan ikke skrives", WEB)
    with pytest.raises(BackendError) as refused:
        sheet_sync.cycle(backend, PLAN)
    assert refused.value.message == (
        f"Google lar ikke Planlogg endre regnearket {sid}: tjenestekontoen har bare "
        "lesetilgang eller ingen tilgang. Del regnearket med tjenestekontoen som redigerer "
        "(i Google Disk: Del, velg Redigerer). Ingenting halvgjort er lagret."
    )
    assert WAITS == []


def test_a_spreadsheet_that_is_gone_is_named_with_what_to_check(
    sheet_sync: SheetSync, plan_app: Planlogg, emulator: SheetsEmulator
) -> None:
    client = emulator.gspread_client(http_client=QuickRetryClient)
    backend = GoogleSheetBackend(client, "finnes-ikke", PLAN)
    with pytest.raises(BackendError) as refused:
        sheet_sync.cycle(backend, PLAN)
    assert refused.value.message == (
        "Fant ikke Google-regnearket finnes-ikke. Sjekk ID-en (--spreadsheet eller "
        "PLANLOGG_SPREADSHEET_ID), og at regnearket ikke er slettet."
    )

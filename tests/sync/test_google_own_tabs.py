"""Planlogg's Oversikt and Vedtak tabs in a Google spreadsheet are known by a mark (a named
range over the whole tab) that follows a rename, never by their title alone: a tab of that
title people made after Planlogg's was renamed or deleted is theirs, and is never written.
The plan's own tab is followed the same way when people rename it and give a new tab its
title."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend
from sync.layout import DECISIONS_TAB, OVERVIEW_TAB, Layout, SyncRefused, plan_mark
from sync.loop import lay_out
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB

OWN = {"A1": "Tiltak", "B1": "Status", "A2": "Vårt eige", "B2": "grønt"}
"""A tab of people's own, as they typed it."""
OWN_CELLS = [["Tiltak", "Status"], ["Vårt eige", "grønt"]]
REFUSED = (
    "Regnearket har allerede en fane «{tab}» som ikke er Planloggs. Gi den et annet navn, "
    "så legger Planlogg ut sin egen. Ingenting er skrevet."
)


def _column(name: str) -> int:
    return Layout.for_years((2024, 2025)).index(name)


def _backend(emu: SheetsEmulator, sid: str) -> GoogleSheetBackend:
    return GoogleSheetBackend(emu.gspread_client(http_client=BoundedRetryClient), sid, PLAN)


@pytest.fixture
def synced(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> tuple[GoogleSheetBackend, str]:
    """A spreadsheet laid out and synced once; the backend keeps its listing of the tabs."""
    sid = emulator.create_spreadsheet("Handlingsplan")
    backend = _backend(emulator, sid)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return backend, sid


def _titles(emu: SheetsEmulator, sid: str) -> list[str]:
    return [s.title for s in emu.spreadsheet(sid).sheets]


@pytest.mark.parametrize("tab", [OVERVIEW_TAB, DECISIONS_TAB])
def test_a_tab_of_our_title_made_after_ours_was_renamed_is_left_alone(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    emulator: SheetsEmulator,
    synced: tuple[GoogleSheetBackend, str],
    tab: str,
) -> None:
    backend, sid = synced
    ours = emulator.cells(sid, tab)
    emulator.user_rename_sheet(sid, tab, f"{tab} i fjor")
    emulator.user_add_sheet(sid, tab, OWN)
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    sheet_sync.cycle(backend, PLAN)
    assert emulator.cells(sid, tab) == OWN_CELLS
    assert emulator.cells(sid, PLAN)[1][_column("Tiltak")] == "Ny tekst"
    kept = emulator.cells(sid, f"{tab} i fjor")
    assert kept[0] == ours[0]
    if tab == OVERVIEW_TAB:  # the checksum names the plan's newest event
        assert kept != ours
    assert _titles(emulator, sid).count(tab) == 1


@pytest.mark.parametrize("tab", [OVERVIEW_TAB, DECISIONS_TAB])
def test_a_tab_of_our_title_made_after_ours_was_deleted_stops_the_cycle(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    emulator: SheetsEmulator,
    synced: tuple[GoogleSheetBackend, str],
    tab: str,
) -> None:
    backend, sid = synced
    emulator.user_delete_sheet(sid, tab)
    emulator.user_add_sheet(sid, tab, OWN)
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    plan = emulator.cells(sid, PLAN)
    with pytest.raises(SyncRefused, match=f"^{REFUSED.format(tab=tab)}$"):
        sheet_sync.cycle(backend, PLAN)
    assert emulator.cells(sid, tab) == OWN_CELLS
    assert emulator.cells(sid, PLAN) == plan
    emulator.user_rename_sheet(sid, tab, f"{tab} (vårt)")
    sheet_sync.cycle(backend, PLAN)
    assert emulator.cells(sid, f"{tab} (vårt)") == OWN_CELLS
    assert emulator.cells(sid, PLAN)[1][_column("Tiltak")] == "Ny tekst"
    assert emulator.cells(sid, tab)[0][0] == {OVERVIEW_TAB: "Plan", DECISIONS_TAB: "Vedtak"}[tab]


def test_tabs_an_earlier_planlogg_wrote_are_adopted_and_marked_at_the_next_start(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    synced: tuple[GoogleSheetBackend, str],
) -> None:
    _, sid = synced
    spreadsheet = emulator.spreadsheet(sid)
    plans = [n for n in spreadsheet.named_ranges if n["name"] == plan_mark(PLAN)]
    spreadsheet.named_ranges = plans  # all an earlier Planlogg named
    fresh = _backend(emulator, sid)
    lay_out(plan_app, fresh, PLAN)
    sheet_sync.cycle(fresh, PLAN)
    named = [n["range"].get("sheetId", 0) for n in spreadsheet.named_ranges]
    by_title = {s.title: s.sheet_id for s in spreadsheet.sheets}
    assert named.count(by_title[OVERVIEW_TAB]) == named.count(by_title[DECISIONS_TAB]) == 1
    emulator.user_rename_sheet(sid, DECISIONS_TAB, "Vedtak i fjor")
    emulator.user_add_sheet(sid, DECISIONS_TAB, OWN)
    sheet_sync.cycle(fresh, PLAN)
    assert emulator.cells(sid, DECISIONS_TAB) == OWN_CELLS


def test_an_unchanged_sheet_costs_one_request_a_cycle(
    sheet_sync: SheetSync, emulator: SheetsEmulator, synced: tuple[GoogleSheetBackend, str]
) -> None:
    backend, _sid = synced
    emulator.reset_requests()
    report = sheet_sync.cycle(backend, PLAN)
    assert report.requests == emulator.request_count() == 1
    fresh = _backend(emulator, _sid)
    emulator.reset_requests()
    assert sheet_sync.cycle(fresh, PLAN).requests == emulator.request_count() == 2


def test_the_plan_tab_is_followed_when_a_new_tab_takes_its_title(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    emulator: SheetsEmulator,
    synced: tuple[GoogleSheetBackend, str],
) -> None:
    """Renamed, and a tab of people's own given its title, between two cycles: the cycle
    reads and writes the renamed tab, and never the new one."""
    backend, sid = synced
    emulator.user_rename_sheet(sid, PLAN, "Handlingsplan i fjor")
    emulator.user_add_sheet(sid, PLAN, OWN)
    status = _column("Status")
    emulator.user_edit(sid, "Handlingsplan i fjor", {f"{chr(65 + status)}2": "gul"})
    plan_app.reword_measure(PLAN, "T002", "Ny tekst", WEB)
    report = sheet_sync.cycle(backend, PLAN)
    assert report.applied == 1
    assert plan_app.get_plan(PLAN).measure("T001").status is not None
    assert emulator.cells(sid, PLAN) == OWN_CELLS
    moved = emulator.cells(sid, "Handlingsplan i fjor")
    assert moved[2][_column("Tiltak")] == "Ny tekst"
    plan_app.reword_measure(PLAN, "T003", "Endå ein", WEB)
    sheet_sync.cycle(backend, PLAN)
    assert emulator.cells(sid, PLAN) == OWN_CELLS
    assert emulator.cells(sid, "Handlingsplan i fjor")[3][_column("Tiltak")] == "Endå ein"


def test_a_plan_tab_found_by_its_title_is_marked_and_then_followed(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    emulator: SheetsEmulator,
    synced: tuple[GoogleSheetBackend, str],
) -> None:
    """Its named range deleted by someone, the plan's tab is found by its title, and the
    cycle names it again: a new, empty tab given its title after a rename is not taken for
    the plan's (the plan written into it, the edits in the renamed tab never read)."""
    _, sid = synced
    spreadsheet = emulator.spreadsheet(sid)
    spreadsheet.named_ranges = [n for n in spreadsheet.named_ranges if n["name"] != plan_mark(PLAN)]
    fresh = _backend(emulator, sid)
    sheet_sync.cycle(fresh, PLAN)
    emulator.user_rename_sheet(sid, PLAN, "Handlingsplan i fjor")
    emulator.user_add_sheet(sid, PLAN)
    plan_app.reword_measure(PLAN, "T002", "Ny tekst", WEB)
    sheet_sync.cycle(fresh, PLAN)
    assert emulator.cells(sid, PLAN) == []
    assert emulator.cells(sid, "Handlingsplan i fjor")[2][_column("Tiltak")] == "Ny tekst"


def test_a_google_tab_by_the_older_mark_or_the_title_is_not_taken_when_another_plan_s(
    emulator: SheetsEmulator,
) -> None:
    sid = emulator.create_spreadsheet("Handlingsplanar")
    emulator.user_add_sheet(sid, "X", {"A1": "ID"})
    spreadsheet = emulator.spreadsheet(sid)
    tab = spreadsheet.sheet_by_title("X")
    assert tab is not None
    on_tab = {"sheetId": tab.sheet_id}
    spreadsheet.named_ranges = [
        {"namedRangeId": "old", "name": "Planlogg_X", "range": on_tab},
        {"namedRangeId": "other", "name": plan_mark("other"), "range": on_tab},
    ]
    assert GoogleSheetBackend(emulator.gspread_client(), sid, "X")._plan() is None
    spreadsheet.named_ranges = spreadsheet.named_ranges[1:]
    assert GoogleSheetBackend(emulator.gspread_client(), sid, "X")._plan() is None
    spreadsheet.named_ranges = []
    found = GoogleSheetBackend(emulator.gspread_client(), sid, "X")._plan()
    assert found is not None and found["title"] == "X"

"""A `planlogg sync restore` on the command line while `planlogg serve` keeps syncing the
same Google spreadsheet: the restore moves the plan to a new tab, and the running loop,
whose backend listed the tabs before, must follow it there and leave the old tab alone."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import Layout
from sync.loop import SyncLoop
from sync.restore import restore
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB

NEW_TAB = "Ny fane"


def _column(name: str) -> int:
    return Layout.for_years((2024, 2025)).index(name)


def _ids(emu: SheetsEmulator, sid: str, tab: str) -> list[str]:
    return [row[0] for row in emu.cells(sid, tab)[1:] if row]


@pytest.fixture
def serving(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> tuple[SyncLoop, str]:
    """The serve loop, laid out and synced once, then a restore from the command line."""
    sid = emulator.create_spreadsheet("Handlingsplan")
    served = GoogleSheetBackend(emulator.gspread_client(), sid, PLAN)
    loop = SyncLoop(sheet_sync, lambda key: served, PLAN)
    loop.run_once()
    command_line = GoogleSheetBackend(emulator.gspread_client(), sid, PLAN)
    restore(sheet_sync, command_line, PLAN, tab=NEW_TAB)
    return loop, sid


def test_the_serve_loop_removes_a_row_on_the_new_tab_and_leaves_the_old_one(
    plan_app: Planlogg, emulator: SheetsEmulator, serving: tuple[SyncLoop, str]
) -> None:
    loop, sid = serving
    old = emulator.cells(sid, PLAN)
    plan_app.remove_measure(PLAN, "T002", WEB)
    loop.run_once()
    assert emulator.cells(sid, PLAN) == old
    assert _ids(emulator, sid, NEW_TAB) == ["T001", "T003", "T004", "T005", "T006"]


def test_the_serve_loop_puts_a_conflicts_note_on_the_new_tab(
    plan_app: Planlogg, emulator: SheetsEmulator, serving: tuple[SyncLoop, str]
) -> None:
    loop, sid = serving
    tiltak = _column("Tiltak")
    emulator.user_edit(sid, NEW_TAB, {f"{chr(ord('A') + tiltak)}3": "Skrive i arket"})
    plan_app.reword_measure(PLAN, "T002", "Skrive i Planlogg", WEB)
    loop.run_once()
    assert emulator.notes(sid, PLAN) == {}
    new = emulator.cells(sid, NEW_TAB)
    assert new[2][0] == "T002"
    assert new[2][tiltak] == "Skrive i Planlogg"
    assert "Skrive i arket" in emulator.notes(sid, NEW_TAB)[f"{chr(ord('A') + tiltak)}3"]


def _listings(emu: SheetsEmulator, sid: str) -> int:
    """How often the tabs were listed (spreadsheets.get)."""
    return sum(1 for r in emu.requests if r.method == "GET" and r.path.endswith(f"/{sid}"))


def test_following_the_tab_lists_the_tabs_only_when_its_title_changed(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Handlingsplan")
    served = GoogleSheetBackend(emulator.gspread_client(), sid, PLAN)
    loop = SyncLoop(sheet_sync, lambda key: served, PLAN)
    loop.run_once()
    plan_app.reword_measure(PLAN, "T001", "Endra før omdøping", WEB)
    emulator.reset_requests()
    loop.run_once()
    assert _listings(emulator, sid) == 0
    emulator.user_rename_sheet(sid, PLAN, "Omdøpt")
    plan_app.remove_measure(PLAN, "T002", WEB)
    emulator.reset_requests()
    loop.run_once()
    assert _listings(emulator, sid) == 1
    assert _ids(emulator, sid, "Omdøpt") == ["T001", "T003", "T004", "T005", "T006"]
    plan_app.reword_measure(PLAN, "T003", "Endra etter omdøping", WEB)
    emulator.reset_requests()
    loop.run_once()
    assert _listings(emulator, sid) == 0
    assert emulator.cells(sid, "Omdøpt")[2][_column("Tiltak")] == "Endra etter omdøping"


def test_the_pages_restore_after_one_on_the_command_line_makes_a_third_tab(
    plan_app: Planlogg, emulator: SheetsEmulator, serving: tuple[SyncLoop, str]
) -> None:
    loop, sid = serving
    loop.run_once()
    report = loop.restore(tab="Tredje fane")
    assert report.tab == "Tredje fane"
    titles = [s.title for s in emulator.spreadsheet(sid).sheets]
    assert titles == ["Sheet1", PLAN, "Oversikt", "Vedtak", NEW_TAB, "Tredje fane"]
    assert _ids(emulator, sid, "Tredje fane") == ["T001", "T002", "T003", "T004", "T005", "T006"]
    assert _ids(emulator, sid, NEW_TAB) == ["T001", "T002", "T003", "T004", "T005", "T006"]

"""A Google plan tab whose header row was cleared while its rows stayed: laying it out
again (every start of `planlogg serve`, or `planlogg sync init` as the refusal suggests)
must not write the standard header over columns people arranged otherwise, or every
cell would be read under another column's name and applied as an edit."""

from __future__ import annotations

import pytest
from gspread.utils import rowcol_to_a1

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import Layout, SyncRefused
from sync.loop import SyncLoop
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN

TILTAK = Layout.for_years((2024, 2025)).index("Tiltak")


def _start(sheet_sync: SheetSync, emu: SheetsEmulator, sid: str) -> SyncLoop:
    backend = GoogleSheetBackend(emu.gspread_client(), sid, PLAN)
    return SyncLoop(sheet_sync, lambda key: backend, PLAN)


def test_a_cleared_header_over_moved_columns_is_not_written_again(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Handlingsplan")
    _start(sheet_sync, emulator, sid).run_once()
    emulator.user_move_column(sid, PLAN, TILTAK, 1)
    header = emulator.cells(sid, PLAN)[0]
    emulator.user_edit(sid, PLAN, {rowcol_to_a1(1, c + 1): "" for c in range(len(header))})
    cleared = emulator.cells(sid, PLAN)
    assert not any(cleared[0])
    with pytest.raises(SyncRefused, match="ingen overskriftsrad"):
        _start(sheet_sync, emulator, sid).run_once()
    assert emulator.cells(sid, PLAN) == cleared
    plan = plan_app.get_plan(PLAN)
    assert [plan.measure(f"T00{n}").text for n in range(1, 7)] == [
        f"Tiltak nummer {n}" for n in range(1, 7)
    ]

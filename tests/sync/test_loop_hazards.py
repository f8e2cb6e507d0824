"""The sync loop and its lock, when two processes keep one sheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.application import Planlogg
from sync.backend import SheetBusy
from sync.cycle import SheetSync
from sync.lock import sync_lock
from sync.loop import SyncLoop, lay_out, workbook_backend
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN


def test_laying_out_waits_while_another_sync_of_the_workbook_runs(
    plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    """A loop lays its sheet out when it starts and after an unexpected fault; for a
    workbook that means loading and saving the whole file. Done while another process's
    cycle writes the same file, the older copy it saves would undo that cycle's writes,
    and the next cycle would take the undone cells for a person's edits."""
    path = tmp_path / "plan.xlsx"
    other = WorkbookBackend(path, PLAN)
    lay_out(plan_app, other, PLAN)
    sheet_sync.cycle(other, PLAN)
    before = path.read_bytes()
    loop = SyncLoop(sheet_sync, workbook_backend(path), PLAN)
    with sync_lock(plan_app, other.target), pytest.raises(SheetBusy):
        loop.run_once()
    assert path.read_bytes() == before
    assert loop.run_once().rows_read == 6

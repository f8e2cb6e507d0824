"""What a sync or a restore refused by the sync lock, or a restore whose first read failed,
says comes next: the lock says the cause alone, a cycle adds that a later round takes the
changes in, and a restore that stopped before it kept anything says so and to run it again
(no later round tries a restore)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.errors import ConcurrentEditError
from sync.backend import BackendError, SheetBusy, SheetSnapshot
from sync.cycle import SheetSync
from sync.lock import sync_lock
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from sync.restore import RestoreStopped, restore
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN, make_plan
from web.cli import cli
from web.cli.sync_commands import register

LATER = "Endringene blir tatt inn ved en senere synkronisering."


def test_the_lock_says_the_cause_and_a_cycle_what_comes_next(memory_app: Planlogg) -> None:
    with (
        sync_lock(memory_app, "memory:låst"),
        pytest.raises(SheetBusy) as raised,
        sync_lock(memory_app, "memory:låst", "Låst plan.xlsx"),
    ):
        pass
    assert raised.value.cause == "En annen synkronisering av «Låst plan.xlsx» kjører allerede."
    assert raised.value.then == LATER


def test_the_command_line_tells_a_busy_sync_and_a_busy_restore_their_own_next_step(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    app = Planlogg.from_url(url)
    try:
        make_plan(app)
        register(cli)
        workbook = tmp_path / "plan.xlsx"
        common = ["--database-url", url, "sync"]
        target = ["--workbook", str(workbook), "--plan", PLAN]
        assert CliRunner().invoke(cli, [*common, "init", *target]).exit_code == 0
        locked = WorkbookBackend(workbook, PLAN).target
        busy = "En annen synkronisering av «plan.xlsx» kjører allerede."
        with sync_lock(app, locked):
            synced = CliRunner().invoke(cli, [*common, "--once", *target])
            restored = CliRunner().invoke(cli, [*common, "restore", *target, "--tab", "Ny"])
    finally:
        app.close()
    assert synced.exit_code == 6, synced.output
    assert " ".join(synced.output.split()) == f"Feil: {busy} {LATER}"
    assert restored.exit_code == 6, restored.output
    assert " ".join(restored.output.split()) == (
        f"Feil: Planen ble ikke lagt ut på nytt, og ingenting er tatt vare på: {busy} "
        "Kjør «planlogg sync restore» på nytt."
    )


class MovesToItsOwnTarget(InMemorySheetBackend):
    """A sheet whose new tab is a target of its own (as Excel Online's is)."""

    def relocate(self, title: str) -> str:
        made = super().relocate(title)
        self.target = f"memory:{title}"
        return made


def test_a_restore_stopped_by_the_new_tabs_lock_says_to_run_it_again_only(
    plan_app: Planlogg, sheet_sync: SheetSync
) -> None:
    sheet = MovesToItsOwnTarget("testplan")
    lay_out(plan_app, sheet, PLAN)
    sheet_sync.cycle(sheet, PLAN)
    with sync_lock(plan_app, "memory:Ny fane"), pytest.raises(RestoreStopped) as raised:
        restore(sheet_sync, sheet, PLAN, tab="Ny fane")
    assert raised.value.busy
    assert raised.value.message == (
        "Planlogg stoppet før planen var lagt ut på nytt: En annen synkronisering av "
        "«testplan» kjører allerede. 0 endringer fra den skadde fanen som ikke var "
        "synkronisert, er tatt vare på som konflikter. Kjør «planlogg sync restore» på nytt; "
        "det som alt er tatt vare på, blir ikke tatt vare på to ganger."
    )


class FirstReadFails(InMemorySheetBackend):
    def read(self) -> SheetSnapshot:
        raise BackendError.next_round("Tenesta svarte ikkje.")


def test_a_restore_whose_first_read_failed_says_nothing_was_kept_and_to_run_it_again(
    plan_app: Planlogg, sheet_sync: SheetSync
) -> None:
    sheet = FirstReadFails("testplan")
    with pytest.raises(RestoreStopped) as raised:
        restore(sheet_sync, sheet, PLAN, tab="Ny fane")
    stopped = raised.value
    assert not stopped.busy and not isinstance(stopped, ConcurrentEditError)
    assert stopped.message == (
        "Planen ble ikke lagt ut på nytt, og ingenting er tatt vare på: Tenesta svarte ikkje. "
        "Kjør «planlogg sync restore» på nytt."
    )
    assert stopped.said(button=True) == (
        "Planen ble ikke lagt ut på nytt, og ingenting er tatt vare på: Tenesta svarte ikkje. "
        "Trykk «Legg planen ut på nytt i regnearket» igjen."
    )
    assert sheet.title == "testplan" and "Ny fane" not in sheet.tabs

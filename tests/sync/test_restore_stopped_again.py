"""What a stopped `planlogg sync restore` says and leaves, when what stopped it was a sheet
busy elsewhere, an incomplete answer from Google, or a failure after the new tab was made:
a busy sheet keeps the command line's exit code for a concurrent edit (6) and its cause is
told without what a later round does; a restore run again after the new tab was made lays
the plan out on that tab instead of making another."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from sync.backend import BackendError, SheetBusy, SheetFormat, SheetWrites, WriteResult
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from sync.restore import RestoreStopped, restore
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, make_plan
from web.cli import cli
from web.cli.sync_commands import register

AGAIN = (
    "Kjør «planlogg sync restore» på nytt; det som alt er tatt vare på, blir ikke tatt vare "
    "på to ganger."
)


def test_a_restore_stopped_by_an_open_workbook_exits_as_a_concurrent_edit(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    app = Planlogg.from_url(url)
    make_plan(app)
    app.close()
    register(cli)
    damaged, fresh = tmp_path / "plan.xlsx", tmp_path / "ny.xlsx"
    common = ["--database-url", url, "sync"]
    target = ["--workbook", str(damaged), "--plan", PLAN]
    assert CliRunner().invoke(cli, [*common, "init", *target]).exit_code == 0
    (tmp_path / "~$ny.xlsx").write_text("")
    result = CliRunner().invoke(cli, [*common, "restore", *target, "--to", str(fresh)])
    assert result.exit_code == 6, result.output
    said = " ".join(result.output.split())
    assert said.startswith(
        "Feil: Planlogg stoppet før planen var lagt ut på nytt: «ny.xlsx» er åpen i "
        "Excel eller LibreOffice; Planlogg skriver ikke i arbeidsboken før den er lukket. "
    )
    assert said.endswith(AGAIN)
    assert "tatt inn" not in said


class Busy(InMemorySheetBackend):
    """A sheet held by another sync when the plan is laid out on the new tab."""

    def lay_out(self, sheet_format: SheetFormat) -> None:
        if self.title == "Ny fane":
            raise SheetBusy(
                "«testplan» er låst.", "Endringene blir tatt inn ved en senere synkronisering."
            )
        super().lay_out(sheet_format)


def test_a_stopped_restore_knows_it_was_busy_and_tells_the_cause_alone(
    plan_app: Planlogg, sheet_sync: SheetSync
) -> None:
    sheet = Busy("testplan")
    lay_out(plan_app, sheet, PLAN)
    sheet_sync.cycle(sheet, PLAN)
    with pytest.raises(RestoreStopped) as raised:
        restore(sheet_sync, sheet, PLAN, tab="Ny fane")
    assert raised.value.busy
    assert raised.value.cause == "«testplan» er låst."
    assert "senere synkronisering" not in raised.value.message


def test_an_incomplete_answer_from_google_is_a_cause_apart_from_the_next_round(
    plan_app: Planlogg, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Handlingsplan")
    backend = GoogleSheetBackend(emulator.gspread_client(), sid, PLAN)
    lay_out(plan_app, backend, PLAN)

    def incomplete(*args: Any, **kwargs: Any) -> dict[str, Any]:
        return {"valueRanges": []}

    backend.http.values_batch_get = incomplete  # type: ignore[method-assign]
    with pytest.raises(BackendError) as raised:
        backend.read()
    assert raised.value.cause == "Google svarte med et ufullstendig svar."
    assert raised.value.then == "Ingenting halvgjort er lagret; neste synkronisering prøver igjen."


class FailsOnce(InMemorySheetBackend):
    """A sheet whose new tab is made, but whose first lay-out there fails."""

    failed = False

    def lay_out(self, sheet_format: SheetFormat) -> None:
        if self.title == "Ny fane" and not self.failed:
            self.failed = True
            raise BackendError("Tenesta svarte ikkje.")
        super().lay_out(sheet_format)


def test_a_restore_run_again_lays_the_plan_out_on_the_tab_it_made(
    plan_app: Planlogg, sheet_sync: SheetSync
) -> None:
    sheet = FailsOnce("testplan")
    lay_out(plan_app, sheet, PLAN)
    sheet_sync.cycle(sheet, PLAN)
    sheet.user_edit({(sheet.row_of("T002"), "Tiltak"): "Uferdig endring"})
    del sheet.grid[3:7]
    with pytest.raises(RestoreStopped):
        restore(sheet_sync, sheet, PLAN, tab="Ny fane")
    assert (sheet.title, sheet.grid) == ("Ny fane", [])
    tabs = set(sheet.tabs)
    report = restore(sheet_sync, sheet, PLAN, tab="Ny fane (2)")
    assert sheet.title == "Ny fane"
    assert set(sheet.tabs) == tabs and "Ny fane (2)" not in sheet.tabs
    assert [sheet.value(sheet.row_of(f"T00{n}"), "Tiltak") for n in (1, 2)] == [
        "Tiltak nummer 1",
        "Tiltak nummer 2",
    ]
    assert report.tab == "Ny fane" and report.summary().startswith(
        "Planen er lagt ut på nytt i fanen «Ny fane» i «testplan»"
    )
    conflicts = [c.lost for m in plan_app.get_plan(PLAN).measures.values() for c in m.conflicts]
    assert conflicts == ["Uferdig endring"]


class WritesFailOnce(InMemorySheetBackend):
    """A sheet whose new tab is made and laid out, but whose first cycle there fails."""

    failed = False

    def write(self, writes: SheetWrites) -> WriteResult:
        if self.title == "Ny fane" and not self.failed:
            self.failed = True
            raise BackendError("Tenesta svarte ikkje.")
        return super().write(writes)


def test_a_restore_run_again_after_its_first_cycle_failed_uses_the_tab_it_made(
    plan_app: Planlogg, sheet_sync: SheetSync
) -> None:
    sheet = WritesFailOnce("testplan")
    lay_out(plan_app, sheet, PLAN)
    sheet_sync.cycle(sheet, PLAN)
    del sheet.grid[3:7]
    with pytest.raises(RestoreStopped):
        restore(sheet_sync, sheet, PLAN, tab="Ny fane")
    assert (sheet.title, len(sheet.grid)) == ("Ny fane", 1)
    tabs = set(sheet.tabs)
    restore(sheet_sync, sheet, PLAN, tab="Ny fane (2)")
    assert (sheet.title, set(sheet.tabs)) == ("Ny fane", tabs)
    assert len(sheet.grid) == 7

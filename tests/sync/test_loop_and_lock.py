"""The loop keeps going through faults; one sync per sheet at a time; the CLI contract."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from sync.backend import SheetBusy
from sync.cycle import CycleReport, SheetSync
from sync.layout import SyncRefused
from sync.lock import sync_lock
from sync.loop import SyncLoop
from sync.memory_backend import InMemorySheetBackend
from tests.conftest import schema_url
from tests.sync.conftest import PLAN, make_plan
from web.cli import cli
from web.cli.sync_commands import register


class FlakyBackend(InMemorySheetBackend):
    """Fails its first reads the way a network does, then works."""

    failures = 2

    def read(self):  # type: ignore[no-untyped-def]
        if self.failures:
            self.failures -= 1
            raise ConnectionError("nettet er nede")
        return super().read()


def test_the_loop_keeps_going_through_faults(plan_app: Planlogg, sheet_sync: SheetSync) -> None:
    from sync.loop import lay_out

    backend = FlakyBackend("flaky")
    lay_out(plan_app, backend, PLAN)
    stop = threading.Event()
    reports: list[CycleReport] = []
    errors: list[Exception] = []

    def on_report(report: CycleReport) -> None:
        reports.append(report)
        stop.set()

    loop = SyncLoop(
        sheet_sync,
        lambda key: backend,
        PLAN,
        interval=0.0,
        on_report=on_report,
        on_error=errors.append,
    )
    loop.run_forever(stop)
    assert [type(e) for e in errors] == [ConnectionError, ConnectionError]
    assert loop.last_error is None and loop.last_report is reports[0]
    assert loop.last_cycle_at is not None
    assert backend.column("ID")[0] == "T001"


def test_run_once_records_the_error_and_raises_it(
    plan_app: Planlogg, sheet_sync: SheetSync
) -> None:
    loop = SyncLoop(sheet_sync, lambda key: InMemorySheetBackend("tom"), PLAN, lay_out_first=False)
    with pytest.raises(SyncRefused, match=r"^Planfanen har ingen overskriftsrad"):
        loop.run_once()
    assert "overskriftsrad" in loop.status()["last_error"]


def test_a_second_sync_of_the_same_sheet_is_refused_while_one_runs(memory_app: Planlogg) -> None:
    with (
        sync_lock(memory_app, "memory:låst"),
        pytest.raises(SheetBusy),
        sync_lock(memory_app, "memory:låst"),
    ):
        pass
    with sync_lock(memory_app, "memory:låst"):
        pass


def test_postgres_uses_an_advisory_lock(postgres_url: str) -> None:
    app = Planlogg.from_url(postgres_url)
    try:
        with (
            sync_lock(app, "google:x#plan"),
            pytest.raises(SheetBusy),
            sync_lock(app, "google:x#plan"),
        ):
            pass
        with sync_lock(app, "google:x#plan"):
            pass
    finally:
        app.close()


def test_two_stores_on_one_postgresql_sync_the_same_sheet_without_waiting(
    postgres_url: str,
) -> None:
    with schema_url() as other_url:
        apps = Planlogg.from_url(postgres_url), Planlogg.from_url(other_url)
        try:
            with (
                sync_lock(apps[0], "google:x#plan"),
                sync_lock(apps[1], "google:x#plan"),
                pytest.raises(SheetBusy),
                sync_lock(apps[1], "google:x#plan"),
            ):
                pass
        finally:
            for app in apps:
                app.close()


def test_two_sqlite_files_sync_the_same_sheet_without_waiting_but_one_file_waits(
    tmp_path: Path,
) -> None:
    apps = [Planlogg.from_url(f"sqlite:///{tmp_path / name}") for name in ("a.db", "b.db")]
    try:
        with sync_lock(apps[0], "memory:delt"), sync_lock(apps[1], "memory:delt"):
            (tmp_path / "sub").mkdir()
            same_file = Planlogg.from_url(f"sqlite:///{tmp_path / 'sub' / '..' / 'a.db'}")
            try:
                with pytest.raises(SheetBusy), sync_lock(same_file, "memory:delt"):
                    pass
            finally:
                same_file.close()
    finally:
        for app in apps:
            app.close()


def test_the_cli_runs_one_cycle_against_a_workbook_it_creates(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    app = Planlogg.from_url(url)
    make_plan(app)
    app.close()
    register(cli)
    workbook = tmp_path / "plan.xlsx"
    args = ["--database-url", url, "sync", "--workbook", str(workbook), "--plan", PLAN, "--once"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "0 rader lest" in first.output and workbook.exists()
    second = CliRunner().invoke(cli, args)
    assert "6 rader lest, 0 endringer tatt inn, 0 celler skrevet" in second.output


def test_the_cli_explains_a_refused_sync_with_an_exit_code(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    app = Planlogg.from_url(url)
    make_plan(app)
    app.close()
    register(cli)
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = PLAN
    book.active.append(["Noko", "anna"])
    book.save(tmp_path / "plan.xlsx")
    result = CliRunner().invoke(
        cli,
        [
            "--database-url",
            url,
            "sync",
            "--workbook",
            str(tmp_path / "plan.xlsx"),
            "--plan",
            PLAN,
            "--once",
        ],
    )
    assert result.exit_code == 4
    assert "Overskriftene i planfanen er endret" in result.output


def test_sync_init_lays_out_a_new_workbook(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    app = Planlogg.from_url(url)
    make_plan(app)
    app.close()
    register(cli)
    workbook = tmp_path / "ny.xlsx"
    result = CliRunner().invoke(
        cli, ["--database-url", url, "sync", "init", "--workbook", str(workbook), "--plan", PLAN]
    )
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    assert load_workbook(workbook).sheetnames == [PLAN, "Oversikt", "Vedtak"]


def test_google_without_credentials_is_explained(tmp_path: Path) -> None:
    register(cli)
    result = CliRunner().invoke(
        cli,
        ["--database-url", "memory:", "sync", "--spreadsheet", "abc", "--once"],
        env={"PLANLOGG_GOOGLE_CREDENTIALS": ""},
    )
    assert result.exit_code == 3
    assert "PLANLOGG_GOOGLE_CREDENTIALS" in result.output


def test_sync_restore_lays_the_plan_out_in_a_new_workbook(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    app = Planlogg.from_url(url)
    make_plan(app)
    app.close()
    register(cli)
    damaged, fresh = tmp_path / "plan.xlsx", tmp_path / "ny.xlsx"
    common = ["--database-url", url, "sync"]
    target = ["--workbook", str(damaged), "--plan", PLAN]
    assert CliRunner().invoke(cli, [*common, "init", *target]).exit_code == 0
    from openpyxl import load_workbook

    book = load_workbook(damaged)
    book[PLAN].delete_rows(3, 10)
    book.save(damaged)
    assert CliRunner().invoke(cli, [*common, *target, "--once"]).exit_code == 4
    result = CliRunner().invoke(cli, [*common, "restore", *target, "--to", str(fresh)])
    assert result.exit_code == 0, result.output
    assert "Planen er lagt ut på nytt i «ny.xlsx»" in result.output
    restored = load_workbook(fresh)[PLAN]
    assert [restored.cell(row=r, column=1).value for r in range(2, 8)] == [
        f"T00{n}" for n in range(1, 7)
    ]
    assert len(list(load_workbook(damaged)[PLAN].iter_rows())) == 2

"""The command line that changes plans: exit codes scripts rely on and Norwegian messages."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.demo import DEMO_FILE
from web.cli import EXIT_INVALID, EXIT_NOT_FOUND, EXIT_REFUSED, cli


@pytest.fixture
def run(sqlite_url: str):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    return invoke


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.tsv"
    path.write_bytes(files("domain.data").joinpath(DEMO_FILE).read_bytes())
    return path


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for args in (["--help"], ["measure", "--help"], ["measure", "reword", "--help"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "Usage" in result.output


def test_importing_the_st_olavs_table_creates_the_whole_plan(
    run, demo_file: Path, sqlite_url: str
) -> None:
    result = run("import", str(demo_file), "--key", "st-olavs", "--owner", "st-olavs")
    assert result.exit_code == 0, result.output
    assert "7 område, 26 mål, 52 tiltak" in result.output
    plan = Planlogg.from_url(sqlite_url).get_plan("st-olavs")
    assert plan.find_measure("2.1.2A").references == ("1.6.1",)


def test_a_change_is_recorded_with_the_command_lines_provenance(
    run, demo_file: Path, sqlite_url: str
) -> None:
    run("import", str(demo_file), "--key", "p", "--owner", "hf")
    result = run("--reason", "Skrivefeil", "measure", "reword", "p", "1.3.1", "Ny tekst")
    assert result.exit_code == 0, result.output
    app = Planlogg.from_url(sqlite_url)
    last = list(app.events.get(app.get_plan("p").id))[-1]
    assert (last.by.actor, last.by.source, last.by.reason) == ("Kari", "cli", "Skrivefeil")


def test_bad_input_exits_with_a_norwegian_message(run, demo_file: Path) -> None:
    run("import", str(demo_file), "--key", "p", "--owner", "hf")
    result = run("status", "p", "1.3.1", "blå")
    assert result.exit_code == EXIT_INVALID
    assert 'Ukjend status "blå"' in result.output


def test_a_refused_rule_and_a_missing_plan_have_their_own_exit_codes(run) -> None:
    assert run("measure", "reword", "finst-ikkje", "1.1.1", "x").exit_code == EXIT_NOT_FOUND
    run("plan", "create", "p", "--title", "Plan", "--owner", "hf", "--years", "2025-2026")
    assert run("publish", "p").exit_code == EXIT_REFUSED


def test_the_approval_flow_runs_from_the_command_line(run) -> None:
    for args in (
        ("plan", "create", "p", "--title", "Plan", "--owner", "hf", "--years", "2025"),
        ("plan", "area", "p", "1", "Område"),
        ("plan", "goal", "p", "1.1", "Mål"),
        ("measure", "add", "p", "1.1.1", "Tiltak", "-r", "ASU", "-y", "2025=x høst"),
        ("hearing", "p", "--deadline", "01.03.2025"),
        ("submit", "p", "--body", "ASU"),
    ):
        assert run(*args).exit_code == 0
    result = run("approve", "p", "1", "--body", "ASU", "--case", "sak 3/25", "--date", "13.03.2025")
    assert result.exit_code == 0, result.output
    assert "vedteken" in result.output

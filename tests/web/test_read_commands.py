"""The read commands: the JSON contracts scripts rely on, tables for people, exit codes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from projections import ReadModels
from tests.projections import plans
from tests.projections.plans import KEY
from tests.projections.tamper import EventTable
from web.cli import EXIT_INVALID, EXIT_NOT_FOUND, cli, read_commands
from web.cli.read_commands import EXIT_TAMPERED

if "history" not in cli.commands:
    read_commands.register(cli)


@pytest.fixture
def run(sqlite_url: str):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    return invoke


@pytest.fixture
def revised(sqlite_url: str) -> datetime:
    """The history plan; returns a moment before its revision."""
    app = Planlogg.from_url(sqlite_url)
    plans.draft(app)
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    before = datetime.now(UTC)
    plans.revise(app)
    plans.adopt(app, ("ASU",), date(2025, 6, 12), 9)
    app.close()
    return before


def test_history_json_filters_by_measure_and_date(run, revised: datetime) -> None:
    result = run("history", KEY, "--json", "--measure", "1.2.1", "--since", "2000-01-01")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["measure_number"] for r in rows} == {"1.2.1"}
    responsible = [r for r in rows if r["field"] == "responsible"][-1]
    assert (responsible["after"], responsible["decision"]) == (
        "Fagråd for legesamarbeid",
        "ASU sak 07/25",
    )
    later = run("history", KEY, "--json", "--since", "2200-12-31")
    assert json.loads(later.output) == []


def test_history_csv_and_table(run, revised: datetime) -> None:
    csv_out = run("history", KEY, "--csv", "--source", "sheet")
    assert csv_out.exit_code == 0
    assert csv_out.output.splitlines()[0].startswith("Posisjon,Hendelses-ID")
    assert "Ola i arket" in csv_out.output
    table = run("history", KEY, "--limit", "5", "--page", "2")
    assert table.exit_code == 0 and "side 2" in table.output


def test_history_and_diff_name_fields_and_stages_in_norwegian(
    run, revised: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    table = run("history", KEY, "--field", "ansvarlig", "--limit", "200")  # the word before
    assert table.exit_code == 0, table.output
    assert " ansvar " in table.output and "responsible" not in table.output
    stages = run("history", KEY, "--field", "stadium", "--limit", "200")
    assert "vedtatt" in stages.output and "adopted" not in stages.output
    diff = run("diff", KEY, "1", "2")
    assert diff.exit_code == 0, diff.output
    assert " ansvar: «" in diff.output and "responsible" not in diff.output


def test_show_as_of_prints_the_plan_as_it_stood(run, revised: datetime) -> None:
    result = run("show", KEY, "--json", "--as-of", revised.isoformat())
    assert result.exit_code == 0, result.output
    then = json.loads(result.output)
    assert then["kind"] == "as_of" and then["stage"] == "adopted"
    numbers = [m["number"] for a in then["areas"] for g in a["goals"] for m in g["measures"]]
    assert "2.1.2" in numbers and "1.1.2" not in numbers
    current = json.loads(run("show", KEY, "--json").output)
    assert current["kind"] == "current" and current["version"] == 2
    adopted = json.loads(run("show", KEY, "--json", "--version", "1").output)
    assert [a["body"] for a in adopted["approvals"]] == ["ASU", "PSU"]
    assert "Handlingsplan 2025" in run("show", KEY).output


def test_show_refuses_bad_input_in_norwegian(run, revised: datetime) -> None:
    bad = run("show", KEY, "--as-of", "i går kveld")
    assert bad.exit_code == EXIT_INVALID and '--as-of: forstår ikke "i går kveld".' in bad.output
    unknown = run("show", "finst-ikkje")
    assert (unknown.exit_code, unknown.output) == (
        EXIT_NOT_FOUND, 'Feil: Fant ingen plan med nøkkelen "finst-ikkje".\n',
    )  # fmt: skip
    missing = run("show", KEY, "--version", "7")
    assert (missing.exit_code, missing.output) == (
        EXIT_NOT_FOUND, f"Feil: Planen {KEY} har ingen vedtatt versjon 7.\n",
    )  # fmt: skip


def test_diff_dashboard_and_plans(run, revised: datetime) -> None:
    diff = json.loads(run("diff", KEY, "1", "2", "--json").output)
    assert [m["number"] for m in diff["added"]] == ["1.1.2"]
    assert "1.2.1" in run("diff", KEY, "1", "2").output
    board = run("dashboard", KEY, "--today", "2025-09-01")
    assert board.exit_code == 0 and "Per innsatsområde" in board.output
    assert json.loads(run("plans", "--json").output)[0]["key"] == KEY


def test_rebuild_and_catch_up(run, revised: datetime) -> None:
    rebuilt = run("projections", "rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "Bygde lesemodellene på nytt fra" in rebuilt.output
    assert "0 nye hendelser er tatt inn." in run("projections", "catch-up").output


def test_rebuild_with_workers_builds_what_one_process_builds(
    run, revised: datetime, sqlite_url: str
) -> None:
    models = ReadModels.open(Planlogg.from_url(sqlite_url))
    models.catch_up()
    before = models.dump_tables()
    assert before["plans"] and before["audit"]
    rebuilt = run("projections", "rebuild", "--workers", "2")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert models.dump_tables() == before
    refused = run("projections", "rebuild", "--workers", "-1")
    assert refused.exit_code == 2
    assert "Ugyldig verdi for '--workers': -1 er utenfor området 0<=x<=64." in refused.output


def test_audit_verify_exit_codes(run, revised: datetime, sqlite_url: str) -> None:
    assert run("audit", "verify").exit_code == 0
    head = json.loads(run("audit", "head", "--json").output)
    assert (
        run(
            "audit", "verify", "--head", head["hash"], "--position", str(head["position"])
        ).exit_code
        == 0
    )
    wrong = run("audit", "verify", "--head", "0" * 64)
    assert wrong.exit_code == EXIT_TAMPERED and "publiserte" in wrong.output
    EventTable(sqlite_url).remove(5)
    broken = run("audit", "verify")
    assert broken.exit_code == EXIT_TAMPERED
    assert "posisjon 5" in broken.output

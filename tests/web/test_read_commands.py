"""The read commands: the JSON contracts scripts rely on, tables for people, exit codes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from language import Målform
from projections import ChainBrokenError, ReadModels
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


@pytest.fixture
def demo(sqlite_url: str) -> Planlogg:
    """The demo plan, three of its measures lacking one, two or all SMART criteria."""
    app = Planlogg.from_url(sqlite_url)
    load_demo(app)
    setup = Provenance("Sekretariatet", Source.CLI)
    app.assign_responsible(DEMO_PLAN, "0.1.1", [], setup)
    app.set_smart_criteria(DEMO_PLAN, "0.1.2", setup, indicator="Årshjul vedtatt")
    app.set_smart_criteria(DEMO_PLAN, "0.1.3", setup, deadline=date(2025, 12, 31))
    return app


NOT_SMART = {
    "nb": (
        "Tiltak som ikke er SMART: 52\n"
        "  0.1.1: mangler ansvar, indikator eller målverdi, frist\n"
        "  0.1.2: mangler frist\n"
        "  0.1.3: mangler indikator eller målverdi\n"
    ),
    "nn": (
        "Tiltak som ikkje er SMART: 52\n"
        "  0.1.1: manglar ansvar, indikator eller målverdi, frist\n"
        "  0.1.2: manglar frist\n"
        "  0.1.3: manglar indikator eller målverdi\n"
    ),
}


@pytest.mark.parametrize("målform", NOT_SMART)
def test_the_dashboard_names_what_a_measure_lacks_as_the_dashboard_page_does(
    run, demo: Planlogg, målform: Målform
) -> None:
    """It said "mangler målbart, tidsbestemt", the gaps' codes: now the measure's fields it
    lacks, in the words of the dashboard page (`web.smart_criteria`)."""
    demo.choose_community_language(DEMO_COMMUNITY, målform, Provenance("Sekretariatet", Source.CLI))
    demo.close()
    board = run("dashboard", DEMO_PLAN, "--today", "2024-09-05")
    assert board.exit_code == 0, board.output
    assert NOT_SMART[målform] in board.output
    assert "målbart" not in board.output and "tidsbestemt" not in board.output


def test_history_names_the_bodies_its_values_hold_by_key_and_json_keeps_the_keys(
    run, demo: Planlogg, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A round opened "fagrad-for-pasientsamarbeid, …": the table names the bodies as the
    history page and the CSV do (`ReadModels.audit_names`); the JSON keeps what is stored."""
    demo.close()
    monkeypatch.setenv("COLUMNS", "400")
    table = run("history", DEMO_PLAN, "--field", "rapporteringsrunde")
    assert table.exit_code == 0, table.output
    assert (
        "R1 åpen, frist 11.09.2024: Fagråd for pasientsamarbeid, Fagråd for digital "
        "samhandling, Sekretariat" in table.output
    )
    assert "fagrad-for-" not in table.output
    stored = json.loads(run("history", DEMO_PLAN, "--field", "rapporteringsrunde", "--json").output)
    assert stored[0]["after"] == (
        "R1 open, frist 2024-09-11: fagrad-for-pasientsamarbeid, fagrad-for-digital-samhandling, "
        "sekretariat"
    )


def test_history_of_the_registers_names_the_community_and_the_body_merged_into(
    run, demo: Planlogg, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The registers' own rows (plan "", every plan's history when none is named) stored
    "st-olavs: Fagråd for digital samhandling: fagrad-for-pasientsamarbeid": the table names
    the community and the body merged into, as the history page and the CSV do."""
    demo.merge_bodies(
        DEMO_COMMUNITY, ["Fagråd for digital samhandling"], "Fagråd for pasientsamarbeid",
        Provenance("Sekretariatet", Source.CLI),
    )  # fmt: skip
    demo.close()
    monkeypatch.setenv("COLUMNS", "400")
    table = run("history", "", "--field", "organet er slått sammen med")
    assert table.exit_code == 0, table.output
    assert "Endringslogg for alle planer og registrene (side 1, 1 rad i alt)" in table.output
    assert (
        "Helsefellesskapet St. Olavs hospital og kommunene: Fagråd for digital samhandling: "
        "Fagråd for pasientsamarbeid" in table.output
    )
    assert "st-olavs: " not in table.output and "fagrad-for-" not in table.output


def test_a_read_command_on_a_broken_chain_exits_with_the_tamper_code(
    run, revised: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read command whose read models find the chain broken as they catch up stops with
    exit code 7 (the code of `audit verify`), not the 1 of any other failure."""

    def broken(self: ReadModels) -> None:
        raise ChainBrokenError(5, "hendelsen mangler (slettet)")

    monkeypatch.setattr(ReadModels, "read_your_writes", broken)
    result = run("plans")
    assert result.exit_code == EXIT_TAMPERED == 7
    assert result.output == (
        "Feil: endringsloggen er endret på posisjon 5: hendelsen mangler (slettet). "
        "Kjør «planlogg audit verify».\n"
    )

"""`planlogg hearing send|respond|answer|show` and `planlogg measure evaluate` on the demo."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from web.cli import EXIT_INVALID, EXIT_NOT_FOUND, EXIT_REFUSED, cli


@pytest.fixture
def run(sqlite_url: str):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    assert invoke("demo").exit_code == 0
    return invoke


def test_a_hearing_is_sent_answered_and_shown_with_what_changed_after_it(
    run, sqlite_url: str
) -> None:
    run("decision", "add", "st-olavs", "ASU sak 2/25", "--body", "ASU", "--date", "01.02.2025",
        "--text", "ASU sender planen på høyring.", "--plan", DEMO_PLAN)  # fmt: skip
    sent = run("--decision", "ASU sak 2/25", "hearing", "send", DEMO_PLAN,
               "--deadline", "01.03.2025", "--date", "03.02.2025",
               "--to", "Trondheim kommune", "--to", "PKO")  # fmt: skip
    assert sent.exit_code == 0, sent.output
    assert "er sendt på høring til Trondheim kommune, PKO." in sent.output
    responded = run("hearing", "respond", DEMO_PLAN, "--from", "Trondheim kommune",
                    "--text", "Nemn fastlegane.", "--date", "20.02.2025",
                    "--attachment", "trondheim.pdf")  # fmt: skip
    assert responded.exit_code == 0, responded.output
    assert "Registrerte uttalelse F1 fra Trondheim kommune." in responded.output
    assert run("hearing", "respond", DEMO_PLAN, "--from", "PKO", "--text", "Ok.").exit_code == 0
    assert run("measure", "reword", DEMO_PLAN, "0.1.2", "Årshjul med fastlegane").exit_code == 0
    answered = run("hearing", "answer", DEMO_PLAN, "f1", "--text", "Teke til følgje i 0.1.2.",
                   "--date", "05.03.2025")  # fmt: skip
    assert answered.exit_code == 0, answered.output
    shown = run("hearing", "show", DEMO_PLAN)
    assert shown.exit_code == 0, shown.output
    for line in (
        "Spurt: Trondheim kommune, PKO",
        "Uttalelser: 2, uten svar: 1",
        "F1 Trondheim kommune, 20.02.2025: Nemn fastlegane.",
        "  Vedlegg: trondheim.pdf",
        "  Svar (05.03.2025, Kari): Teke til følgje i 0.1.2.",
        "  Ikke svart på ennå.",
        "Endringer fra høringsutkastet til dagens utkast",
    ):
        assert line in shown.output
    data = json.loads(run("hearing", "show", DEMO_PLAN, "--json").output)
    assert data["hearing"]["decision"] == "ASU sak 02/25"
    assert [(c["number"], c["field"], c["after"]) for c in data["changed"]] == [
        ("0.1.2", "text", "Årshjul med fastlegane")
    ]
    assert data["against"] == "current"


def test_hearing_refusals_have_their_exit_codes(run) -> None:
    early = run("hearing", "respond", DEMO_PLAN, "--from", "PKO", "--text", "Ok.")
    assert early.exit_code == EXIT_REFUSED
    assert "ikke vært på høring" in early.output
    missing = run("hearing", "show", DEMO_PLAN, "--version", "2")
    assert missing.exit_code == EXIT_NOT_FOUND
    assert "Versjon 2 av st-olavs-2022-2024 har ikke vært på høring." in missing.output
    run("hearing", "send", DEMO_PLAN, "--deadline", "01.03.2025", "--date", "03.02.2025")
    unknown = run("hearing", "answer", DEMO_PLAN, "F7", "--text", "Svar")
    assert unknown.exit_code == EXIT_NOT_FOUND
    assert "Fant ikke uttalelsen F7" in unknown.output
    empty = run("hearing", "respond", DEMO_PLAN, "--from", "PKO", "--text", " ")
    assert empty.exit_code == EXIT_INVALID
    assert "Uttalelsen må fylles ut." in empty.output


def test_the_demos_first_hearing_is_shown_against_the_version_adopted_after_it(run) -> None:
    shown = run("hearing", "show", DEMO_PLAN, "--version", "1")
    assert shown.exit_code == 0, shown.output
    assert "Spurt: ingen navngitte" in shown.output
    assert "Endringer fra høringsutkastet til vedtatt versjon 1" in shown.output


def test_a_measure_is_evaluated_from_the_command_line(run, sqlite_url: str) -> None:
    run("decision", "add", "st-olavs", "SSU sak 20/24", "--body", "SSU", "--date", "30.09.2024",
        "--text", "SSU ber fagråda evaluere tiltaka.", "--plan", DEMO_PLAN)  # fmt: skip
    result = run("--decision", "SSU sak 20/24", "measure", "evaluate", DEMO_PLAN, "2.1.2A",
                 "--year", "2024", "--result", "delvis", "--led-to", "Rutine i tre kommunar",
                 "--recommend", "endre", "--body", "Fagråd for legesamarbeid",
                 "--date", "01.10.2024")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Evalueringen av 2.1.2A for 2024 er lagret." in result.output
    plan = Planlogg.from_url(sqlite_url).get_plan(DEMO_PLAN)
    evaluation = plan.find_measure("2.1.2A").evaluations[2024]
    assert (evaluation.result.label, evaluation.recommendation.label, evaluation.body) == (
        "delvis oppnådd",
        "endre",
        "Fagråd for legesamarbeid",
    )
    again = run("measure", "evaluate", DEMO_PLAN, "2.1.2A", "--year", "2024", "--result",
                "oppnådd", "--led-to", "x", "--recommend", "avslutte", "--body", "SSU")  # fmt: skip
    assert again.exit_code == EXIT_REFUSED
    assert "allerede evaluert for 2024. Bruk --replace" in again.output
    bad = run("measure", "evaluate", DEMO_PLAN, "2.1.2A", "--year", "2023", "--result",
              "oppnådd", "--led-to", "x", "--recommend", "vent", "--body", "SSU")  # fmt: skip
    assert bad.exit_code == EXIT_INVALID
    assert 'Ukjent anbefaling "vent"' in bad.output

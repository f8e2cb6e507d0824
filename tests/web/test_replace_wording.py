"""A second evaluation of a year, or a second answer to a response, is refused in the words of
the way it was asked: the command line names `--replace`, the API its `"replace"` field, and
neither names the other's (the domain's own refusal names neither)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.norwegian_time import oslo_today
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, event_count
from web.cli import cli
from web.cli.context import EXIT_REFUSED

Auth = Callable[[str], dict[str, str]]
SECRETARIAT = Provenance("Sekretariatet", Source.CLI)
EVALUATED_CLI = (
    "Tiltak 2.1.2A er allerede evaluert for 2024. Bruk --replace for å erstatte evalueringen."
)
ANSWERED_CLI = (
    "Uttalelsen F1 fra Trondheim kommune er allerede besvart. Bruk --replace for å erstatte svaret."
)


def evaluated(app: Planlogg) -> str:
    """2024 of 2.1.2A evaluated; returns the decision a change may cite."""
    case = app.record_decision(DEMO_COMMUNITY, "sak 20/24", "SSU", date(2024, 9, 30),
                               "SSU vedtok saka.", SECRETARIAT, plan=KEY)  # fmt: skip
    app.evaluate_measure(KEY, "2.1.2A", 2024, "delvis", "Tre kommunar", "endre", "SSU",
                         Provenance("Sekretariatet", Source.CLI, decision=case),
                         evaluated_on=date(2024, 10, 1))  # fmt: skip
    return case


def answered(app: Planlogg) -> None:
    """F1 from Trondheim kommune, received and answered today, on a hearing still open."""
    app.send_on_hearing(KEY, oslo_today() + timedelta(days=30), SECRETARIAT,
                        asked=["Trondheim kommune"])  # fmt: skip
    app.receive_hearing_response(KEY, "Trondheim kommune", "Nemn fastlegane.", SECRETARIAT)
    app.answer_hearing_response(KEY, "F1", "Teke til følgje.", SECRETARIAT)


def test_the_api_names_its_replace_field_for_a_year_evaluated(
    client: FlaskClient, auth: Auth, web: Flask, demo_app: Planlogg
) -> None:
    web.extensions["planlogg"].today = lambda: date(2024, 11, 1)  # the day evaluated, not before
    case = evaluated(demo_app)
    before = event_count(demo_app)
    refused = client.post(f"/api/plans/{KEY}/measures/2.1.2A/evaluations",
                          json={"year": 2024, "result": "oppnådd", "led_to": "Alle kommunane",
                                "recommendation": "videreføre", "body": "SSU",
                                "evaluated_on": "2024-11-01", "decision": case},
                          headers=auth("editor"))  # fmt: skip
    assert refused.status_code == 409, refused.json
    assert refused.json["error"]["message"] == (
        "Tiltak 2.1.2A er allerede evaluert for 2024. Send «replace»: true for å erstatte "
        "evalueringen."
    )
    assert event_count(demo_app) == before


def test_the_api_names_its_replace_field_for_a_response_answered(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    answered(demo_app)
    before = event_count(demo_app)
    refused = client.post(f"/api/plans/{KEY}/hearing/responses/F1/answer",
                          json={"text": "Nytt svar"}, headers=auth("editor"))  # fmt: skip
    assert refused.status_code == 409, refused.json
    assert refused.json["error"]["message"] == (
        "Uttalelsen F1 fra Trondheim kommune er allerede besvart. Send «replace»: true for å "
        "erstatte svaret."
    )
    assert event_count(demo_app) == before


@pytest.fixture
def run(sqlite_url: str) -> Callable[..., object]:
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    assert invoke("demo").exit_code == 0
    return invoke


def test_the_command_line_names_replace_for_a_year_evaluated(run, sqlite_url: str) -> None:
    with Planlogg.from_url(sqlite_url) as app:
        evaluated(app)
    again = run("measure", "evaluate", DEMO_PLAN, "2.1.2A", "--year", "2024", "--result",
                "oppnådd", "--led-to", "x", "--recommend", "avslutte", "--body", "SSU")  # fmt: skip
    assert again.exit_code == EXIT_REFUSED
    assert f"Feil: {EVALUATED_CLI}\n" in again.output


def test_the_command_line_names_replace_for_a_response_answered(run, sqlite_url: str) -> None:
    with Planlogg.from_url(sqlite_url) as app:
        answered(app)
    again = run("hearing", "answer", DEMO_PLAN, "F1", "--text", "Nytt svar")
    assert again.exit_code == EXIT_REFUSED
    assert f"Feil: {ANSWERED_CLI}\n" in again.output

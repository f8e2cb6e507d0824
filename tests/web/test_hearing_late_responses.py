"""A response that came in after the hearing's deadline is kept (bodies do answer late) and
is said to be late wherever responses are shown: the auditors' hearing page, the JSON API
(`late`), and `planlogg hearing show` (text and JSON). The deadline's own day is in time."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up, send_demo_on_hearing
from tests.web.test_audit_pages import log_in
from web.cli import cli

SECRETARIAT = Provenance("Siri Sekretær", Source.CLI, reason="høyring", decision="ASU sak 2/25")


def one_in_time_one_late(app: Planlogg) -> None:
    send_demo_on_hearing(app, SECRETARIAT)
    app.receive_hearing_response(KEY, "Trondheim kommune", "Nemn fastlegane.", SECRETARIAT,
                                 received_on=date(2025, 3, 1))  # fmt: skip
    app.receive_hearing_response(KEY, "PKO", "Seint, men viktig.", SECRETARIAT,
                                 received_on=date(2025, 3, 4))  # fmt: skip


def test_the_hearing_page_says_which_responses_came_in_after_the_deadline(
    client: FlaskClient, tokens, web: Flask, demo_app: Planlogg
) -> None:
    one_in_time_one_late(demo_app)
    caught_up(web)
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/horinger/2").get_data(as_text=True)
    assert 'F1: Trondheim kommune <span class="meta">(01.03.2025)</span>' in page
    assert (
        'F2: PKO <span class="meta">(04.03.2025, <strong class="late">etter fristen</strong>)'
        "</span>"
    ) in page
    assert page.count("etter fristen") == 1


def test_the_api_says_of_each_response_whether_it_came_in_late(
    client: FlaskClient,
    auth: Callable[[str], dict[str, str]],
    web: Flask,
    demo_app: Planlogg,
) -> None:
    one_in_time_one_late(demo_app)
    caught_up(web)
    listed = client.get(f"/api/plans/{KEY}/hearings", headers=auth("auditor"))
    assert listed.status_code == 200, listed.json
    assert [(r["id"], r["late"]) for r in listed.json[-1]["responses"]] == [
        ("F1", False),
        ("F2", True),
    ]
    assert [r["late"] for h in listed.json[:-1] for r in h["responses"]] == []
    beside = client.get(f"/api/plans/{KEY}/hearings/2", headers=auth("auditor"))
    assert beside.status_code == 200, beside.json
    assert [(r["id"], r["late"]) for r in beside.json["hearing"]["responses"]] == [
        ("F1", False),
        ("F2", True),
    ]


def test_the_api_documents_the_late_field(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").json
    late = spec["components"]["schemas"]["HearingResponseDoc"]["properties"]["late"]
    assert late["type"] == "boolean"


@pytest.fixture
def run(sqlite_url: str):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    assert invoke("demo").exit_code == 0
    return invoke


def test_hearing_show_says_which_responses_came_in_after_the_deadline(run) -> None:
    run("decision", "add", "st-olavs", "ASU sak 2/25", "--body", "ASU", "--date", "01.02.2025",
        "--text", "ASU sender planen på høyring.", "--plan", DEMO_PLAN)  # fmt: skip
    sent = run("--decision", "ASU sak 2/25", "hearing", "send", DEMO_PLAN,
               "--deadline", "01.03.2025", "--date", "03.02.2025",
               "--to", "Trondheim kommune", "--to", "PKO")  # fmt: skip
    assert sent.exit_code == 0, sent.output
    for who, day in (("Trondheim kommune", "01.03.2025"), ("PKO", "04.03.2025")):
        responded = run("hearing", "respond", DEMO_PLAN, "--from", who, "--text", "Ok.",
                        "--date", day)  # fmt: skip
        assert responded.exit_code == 0, responded.output
    shown = run("hearing", "show", DEMO_PLAN)
    assert shown.exit_code == 0, shown.output
    assert "F1 Trondheim kommune, 01.03.2025: Ok." in shown.output
    assert "F2 PKO, 04.03.2025 (etter fristen): Ok." in shown.output
    data = json.loads(run("hearing", "show", DEMO_PLAN, "--json").output)
    assert [(r["id"], r["late"]) for r in data["hearing"]["responses"]] == [
        ("F1", False),
        ("F2", True),
    ]

"""Replacing a year's evaluation in the API: the client names the evaluation it read
(`replaces`, its tag, "" for none), and one someone else gave since is never silently
overwritten, as in the web form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.plan import evaluation_tag
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up, event_count

Auth = Callable[[str], dict[str, str]]
PATH = f"/api/plans/{KEY}/measures/2.1.2A/evaluations"


def evaluated_by_the_secretariat(app: Planlogg) -> str:
    """2024 evaluated from the command line; returns the decision an API change may cite."""
    case = app.record_decision(DEMO_COMMUNITY, "sak 20/24", "SSU", date(2024, 9, 30),
                               "SSU vedtok saka.", Provenance("Sekretariatet", Source.CLI),
                               plan=KEY)  # fmt: skip
    app.evaluate_measure(KEY, "2.1.2A", 2024, "delvis", "Tre kommunar", "endre", "SSU",
                         Provenance("Sekretariatet", Source.CLI, decision=case),
                         evaluated_on=date(2024, 10, 1))  # fmt: skip
    return case


def stored(app: Planlogg) -> str:
    evaluation = app.get_plan(KEY).find_measure("2.1.2A").evaluations[2024]
    return evaluation.led_to


def evaluation(case: str, replaces: str) -> dict[str, object]:
    return {"year": 2024, "result": "oppnådd", "led_to": "Alle kommunane",
            "recommendation": "videreføre", "body": "SSU", "evaluated_on": "2024-11-01",
            "decision": case, "replace": True, "replaces": replaces}  # fmt: skip


def test_a_replace_by_a_client_that_read_no_evaluation_is_refused(
    client: FlaskClient, auth: Auth, web: Flask, demo_app: Planlogg
) -> None:
    web.extensions["planlogg"].today = lambda: date(2024, 11, 1)  # the day evaluated, not before
    case = evaluated_by_the_secretariat(demo_app)
    before = event_count(demo_app)
    refused = client.post(PATH, json=evaluation(case, ""), headers=auth("editor"))
    assert refused.status_code == 409, refused.json
    assert refused.json["error"]["message"] == (
        "Tiltak 2.1.2A ble evaluert for 2024 av Sekretariatet etter at du hentet "
        "evalueringene: delvis oppnådd, «Tre kommunar», endre (SSU, 01.10.2024). "
        "Ingenting er lagret. Se over evalueringen, og erstatt den på nytt om du fortsatt vil."
    )
    assert event_count(demo_app) == before
    assert stored(demo_app) == "Tre kommunar"


def test_a_replace_naming_the_tag_read_replaces_the_evaluation(
    client: FlaskClient, auth: Auth, web: Flask, demo_app: Planlogg
) -> None:
    web.extensions["planlogg"].today = lambda: date(2024, 11, 1)  # the day evaluated, not before
    case = evaluated_by_the_secretariat(demo_app)
    caught_up(web)
    read = client.get(f"/api/plans/{KEY}/draft/measures/2.1.2A", headers=auth("editor")).json
    tag = read["evaluations"]["2024"]["tag"]
    assert tag == evaluation_tag(demo_app.get_plan(KEY).find_measure("2.1.2A").evaluations[2024])
    replaced = client.post(PATH, json=evaluation(case, tag), headers=auth("editor"))
    assert replaced.status_code == 200, replaced.json
    assert stored(demo_app) == "Alle kommunane"
    again = client.post(PATH, json=evaluation(case, tag), headers=auth("editor"))
    assert again.status_code == 409, again.json
    assert stored(demo_app) == "Alle kommunane"


def test_the_document_names_what_a_replacing_evaluation_replaces(web: Flask) -> None:
    spec = web.test_client().get("/api/openapi.json").json
    schema = spec["components"]["schemas"]["EvaluateCommand"]
    assert schema["properties"]["replaces"]["description"] == (
        'Kjennetegnet (tag) for evalueringen du vil erstatte, slik du leste den ("" om du ikke '
        "så noen); endringen avvises med 409 om evalueringen som er lagret nå, er en annen."
    )

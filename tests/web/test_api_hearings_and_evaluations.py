"""The API of hearings and evaluations: commands stamped with the token, reads for auditors."""

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

SECRETARIAT = Provenance("Sekretariatet", Source.CLI)


def registered(app: Planlogg, body: str, case: str, meeting: date) -> str:
    """A change may cite only a registered decision (issue 12): register the one cited."""
    return app.record_decision(
        DEMO_COMMUNITY, case, body, meeting, f"{body} vedtok saka.", SECRETARIAT, plan=KEY
    )


Auth = Callable[[str], dict[str, str]]


def test_a_hearing_with_a_response_and_an_answer_is_read_beside_the_changes(
    client: FlaskClient, auth: Auth, web: Flask, demo_app: Planlogg
) -> None:
    registered(demo_app, "ASU", "sak 2/25", date(2025, 2, 1))
    sent = client.post(f"/api/plans/{KEY}/hearing",
                       json={"deadline": "2025-03-01", "sent_on": "2025-02-03",
                             "asked": ["Trondheim kommune", "PKO"], "decision": "ASU sak 2/25"},
                       headers=auth("approver"))  # fmt: skip
    assert sent.status_code == 200, sent.json
    received = client.post(f"/api/plans/{KEY}/hearing/responses",
                           json={"respondent": "Trondheim kommune", "text": "Nemn fastlegane.",
                                 "received_on": "2025-02-20",
                                 "attachments": ["https://example.org/trondheim.pdf"]},
                           headers=auth("editor"))  # fmt: skip
    assert received.status_code == 201, received.json
    assert received.json["response_id"] == "F1"
    client.post(f"/api/plans/{KEY}/measures/0.1.2/text", json={"text": "Årshjul med fastlegane"},
                headers=auth("editor"))  # fmt: skip
    answered = client.post(f"/api/plans/{KEY}/hearing/responses/f1/answer",
                           json={"text": "Teke til følgje.", "answered_on": "2025-03-05"},
                           headers=auth("editor"))  # fmt: skip
    assert answered.status_code == 200, answered.json
    again = client.post(f"/api/plans/{KEY}/hearing/responses/F1/answer",
                        json={"text": "Nytt svar"}, headers=auth("editor"))  # fmt: skip
    assert again.status_code == 409
    caught_up(web)
    listed = client.get(f"/api/plans/{KEY}/hearings", headers=auth("auditor"))
    assert listed.status_code == 200
    assert [(h["version"], h["asked"]) for h in listed.json] == [
        (1, []),
        (2, ["Trondheim kommune", "PKO"]),
    ]
    diff = client.get(f"/api/plans/{KEY}/hearings/2", headers=auth("auditor")).json
    assert diff["against"] == "current"
    assert [(c["number"], c["after"]) for c in diff["changed"]] == [
        ("0.1.2", "Årshjul med fastlegane")
    ]
    (response,) = diff["hearing"]["responses"]
    assert response == {
        "id": "F1",
        "respondent": "Trondheim kommune",
        "received_on": "2025-02-20",
        "text": "Nemn fastlegane.",
        "attachments": ["https://example.org/trondheim.pdf"],
        "recorded_by": "Erik Redaktør",
        "answer": {"text": "Teke til følgje.", "answered_on": "2025-03-05",
                   "answered_by": "Erik Redaktør"},
        "withdrawal": None,
        "late": False,
    }  # fmt: skip
    assert diff["hearing"]["decision"] == "ASU sak 02/25"


def test_hearings_are_for_auditors_and_unknown_ones_are_404(
    client: FlaskClient, auth: Auth
) -> None:
    assert client.get(f"/api/plans/{KEY}/hearings", headers=auth("editor")).status_code == 403
    missing = client.get(f"/api/plans/{KEY}/hearings/7", headers=auth("auditor"))
    assert missing.status_code == 404
    assert missing.json["error"]["message"] == f"Versjon 7 av {KEY} har ikke vært på høring."
    unknown = client.get("/api/plans/ukjend/hearings", headers=auth("auditor"))
    assert unknown.status_code == 404
    assert unknown.json["error"]["message"] == 'Fant ingen plan med nøkkelen "ukjend".'


def test_a_response_without_a_hearing_is_refused_and_nothing_is_stored(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    before = event_count(demo_app)
    refused = client.post(
        f"/api/plans/{KEY}/hearing/responses",
        json={"respondent": "PKO", "text": "Ok."},
        headers=auth("editor"),
    )
    assert refused.status_code == 409
    assert refused.json["error"]["message"] == (
        "Planen har ikke vært på høring i denne revisjonen. Send den på høring først."
    )
    bad = client.post(f"/api/plans/{KEY}/hearing/responses",
                      json={"respondent": "PKO", "text": ""}, headers=auth("editor"))  # fmt: skip
    assert bad.status_code == 422
    assert bad.json["error"]["fields"] == {"text": ["Må være mellom 1 og 10000 tegn."]}
    assert event_count(demo_app) == before


def test_a_measure_is_evaluated_and_the_evaluation_is_in_the_api_document(
    client: FlaskClient, auth: Auth, web: Flask, demo_app: Planlogg
) -> None:
    web.extensions["planlogg"].today = lambda: date(2024, 11, 1)  # the day evaluated, not before
    registered(demo_app, "SSU", "sak 20/24", date(2024, 9, 30))
    response = client.post(f"/api/plans/{KEY}/measures/2.1.2A/evaluations",
                           json={"year": 2024, "result": "delvis", "led_to": "Tre kommunar",
                                 "recommendation": "endre", "body": "SSU",
                                 "evaluated_on": "2024-10-01", "decision": "SSU sak 20/24"},
                           headers=auth("editor"))  # fmt: skip
    assert response.status_code == 200, response.json
    caught_up(web)
    measure = client.get(f"/api/plans/{KEY}/draft/measures/2.1.2A", headers=auth("editor")).json
    assert measure["evaluations"] == {
        "2024": {"year": 2024, "result": "partly", "led_to": "Tre kommunar",
                 "recommendation": "change", "body": "SSU", "evaluated_on": "2024-10-01",
                 "evaluator": "Erik Redaktør",
                 "tag": evaluation_tag(demo_app.get_plan(KEY).find_measure("2.1.2A")
                                       .evaluations[2024])},
    }  # fmt: skip
    before = event_count(demo_app)
    bad = client.post(f"/api/plans/{KEY}/measures/2.1.2A/evaluations",
                      json={"year": 2024, "result": "kanskje", "led_to": "x",
                            "recommendation": "endre", "body": "SSU"},
                      headers=auth("editor"))  # fmt: skip
    assert bad.status_code == 422
    assert "Ukjent resultat" in bad.json["error"]["message"]
    assert event_count(demo_app) == before

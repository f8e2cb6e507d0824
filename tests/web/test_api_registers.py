"""The registers in the API: bodies (read-only), decisions, history by decision, refusals."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from tests.web.conftest import KEY, event_count

Auth = Callable[[str], dict[str, str]]


def test_the_body_register_is_read_with_ids_aliases_and_addresses(
    client: FlaskClient, auth: Auth
) -> None:
    assert client.get(f"/api/communities/{DEMO_COMMUNITY}/bodies").status_code == 401
    response = client.get(f"/api/communities/{DEMO_COMMUNITY}/bodies", headers=auth("editor"))
    assert response.status_code == 200, response.json
    bodies = {b["id"]: b for b in response.json}
    assert len(bodies) == 11
    assert bodies["fagrad-for-pasientsamarbeid"]["aliases"] == [
        "Fagråd for pasient-samarbeid",
        "Fagråd pasient-samarbeid",
        "Fagråd pasientsamarbeid",
    ]
    assert bodies["sekretariat"]["reporters"] == ["sekretariat@example.org"]
    missing = client.get("/api/communities/finst-ikkje/bodies", headers=auth("editor"))
    assert missing.status_code == 404


def test_decisions_are_listed_with_the_changes_they_authorised(
    client: FlaskClient, auth: Auth
) -> None:
    response = client.get(f"/api/decisions?plan={KEY}", headers=auth("auditor"))
    assert response.status_code == 200, response.json
    assert [
        (d["case"], d["body"], d["meeting_date"], len(d["changes"])) for d in response.json
    ] == [
        ("ASU sak 12/22", "ASU", "2022-03-10", 1),
        ("PSU sak 05/22", "PSU", "2022-03-24", 3),
        ("ASU sak 40/24", "ASU", "2024-06-13", 4),
    ]
    assert client.get("/api/decisions", headers=auth("editor")).status_code == 403
    history = client.get(
        f"/api/plans/{KEY}/history?decision=ASU sak 40/24", headers=auth("auditor")
    )
    assert history.status_code == 200, history.json
    assert [r["field"] for r in history.json["rows"]] == [
        "decision",
        "reporting_round",
        "version",
        "stage",
        "text",
    ]


def test_a_command_citing_an_unregistered_decision_is_refused_and_nothing_stored(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    before = event_count(demo_app)
    response = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/text",
        json={"text": "Ny tekst", "decision": "SSU sak 11/24"},
        headers=auth("editor"),
    )
    assert response.status_code == 409
    assert "Vedtaket «SSU sak 11/24» er ikke registrert" in response.json["error"]["message"]
    assert "be sekretariatet registrere vedtaket først" in response.json["error"]["message"]
    assert "planlogg decision add" not in response.json["error"]["message"]
    assert event_count(demo_app) == before

"""Withdrawing an approval over the API: the approver's, with why; refused, storing nothing,
without a reason (422), for an approval registered anew since (409) or after adoption (409)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, event_count
from web.tokens import Role, create_token

Auth = Callable[[str], dict[str, str]]
URL = f"/api/plans/{KEY}/approvals/withdrawal"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI)


def approved_by_asu(app: Planlogg) -> None:
    """The demo's version 2 submitted for ASU and PSU; ASU approved it (sak 11/25)."""
    app.submit(KEY, ["ASU", "PSU"], SECRETARIAT)
    app.approve(KEY, 2, "ASU", "sak 11/25", date(2025, 3, 6), SECRETARIAT)


def test_an_approver_withdraws_an_approval_naming_the_case_read(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    approved_by_asu(demo_app)
    read = {"case": "sak 11/25", "meeting_date": "2025-03-06"}
    body = {"version": 2, "body": "asu", "reason": "Feil møte.", "replaces": read}
    response = client.post(URL, json=body, headers=auth("approver"))
    assert response.status_code == 200, response.json
    assert response.json == {
        "done": "Godkjenningen fra ASU av versjon 2 (ASU sak 11/25) er trukket tilbake.",
        "key": KEY,
        "version": 2,
        "body": "ASU",
        "case": "ASU sak 11/25",
    }
    submission = demo_app.get_plan(KEY).header.submission
    assert submission is not None and dict(submission.approvals) == {}
    event = list(demo_app.events.get(demo_app.get_plan(KEY).id))[-1]
    assert (type(event).__name__, event.reason, event.by.actor) == (
        "ApprovalWithdrawn",
        "Feil møte.",
        "Anne Godkjenner",
    )


def test_a_withdrawal_without_a_reason_is_422_at_the_field(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    approved_by_asu(demo_app)
    before = event_count(demo_app)
    response = client.post(URL, json={"version": 2, "body": "ASU"}, headers=auth("approver"))
    assert response.status_code == 422
    assert response.json["error"]["fields"] == {"reason": ["Feltet må fylles ut."]}
    assert event_count(demo_app) == before
    half = {"version": 2, "body": "ASU", "reason": "Feil.", "replaces": {"case": "sak 11/25"}}
    refused = client.post(URL, json=half, headers=auth("approver"))
    assert refused.status_code == 422
    assert refused.json["error"]["fields"] == {
        "replaces": {"meeting_date": ["Feltet må fylles ut."]}
    }
    assert event_count(demo_app) == before


def test_an_approval_registered_anew_since_it_was_read_is_409_though_its_case_is_the_same(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    approved_by_asu(demo_app)
    demo_app.withdraw_approval(KEY, 2, "ASU", "Feil møtedato.", SECRETARIAT)
    demo_app.approve(KEY, 2, "ASU", "sak 11/25", date(2025, 3, 7), SECRETARIAT)
    before = event_count(demo_app)
    read = {"case": "ASU sak 11/25", "meeting_date": "2025-03-06"}
    body = {"version": 2, "body": "ASU", "reason": "Feil møte.", "replaces": read}
    response = client.post(URL, json=body, headers=auth("approver"))
    assert response.status_code == 409
    assert response.json["error"]["message"] == (
        "Godkjenningen fra ASU er registrert på nytt siden du så den (nå ASU sak 11/25, "
        "møte 07.03.2025). Se over godkjenningene før du trekker den tilbake."
    )
    assert event_count(demo_app) == before


def test_an_approval_of_an_adopted_version_is_409_and_an_editor_403(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    body = {"version": 1, "body": "ASU", "reason": "Feil møte."}
    editor = client.post(URL, json=body, headers=auth("editor"))
    assert editor.status_code == 403
    response = client.post(URL, json=body, headers=auth("approver"))
    assert response.status_code == 409
    assert response.json["error"]["message"] == (
        "Versjon 1 er vedtatt, og godkjenningene av den kan ikke trekkes tilbake."
    )


def test_a_token_of_another_community_withdraws_nothing_here(
    client: FlaskClient, web: Flask, demo_app: Planlogg
) -> None:
    approved_by_asu(demo_app)
    demo_app.register_community("vestre-viken", "Helsefellesskapet Vestre Viken", SECRETARIAT)
    store = web.extensions["planlogg"].tokens
    token = create_token(store, "Vera", Role.APPROVER, communities=["vestre-viken"])[0]
    body = {"version": 2, "body": "ASU", "reason": "Feil møte."}
    response = client.post(URL, json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403
    submission = demo_app.get_plan(KEY).header.submission
    assert submission is not None and list(submission.approvals) == ["ASU"]

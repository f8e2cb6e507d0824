"""Who may call what: 401 without a token, 403 with the wrong role, 2xx with the right one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import load_demo
from tests.projections.tamper import EventTable
from tests.web.conftest import KEY, caught_up
from web import create_app
from web.tokens import InMemoryTokenStore, Role, create_token

Auth = Callable[[str], dict[str, str]]

READS = [
    (f"/api/plans/{KEY}/draft", {"editor", "approver", "auditor"}),
    (f"/api/plans/{KEY}/draft/measures/0.1.2", {"editor", "approver", "auditor"}),
    (f"/api/plans/{KEY}/dashboard", {"editor", "approver", "auditor"}),
    (f"/api/plans/{KEY}/history", {"auditor"}),
    (f"/api/plans/{KEY}/history/export", {"auditor"}),
    ("/api/history", {"auditor"}),
    (f"/api/plans/{KEY}/measures/0.1.2/timeline", {"auditor"}),
    (f"/api/plans/{KEY}/as-of?at=2100-01-01T12:00:00", {"auditor"}),
    (f"/api/plans/{KEY}/diff?a=1&b=1", {"auditor"}),
    ("/api/chain/verify", {"auditor"}),
]
WRITES = [
    (f"/api/plans/{KEY}/measures/1.3.1/status", {"colour": "gul"}, "editor", 200),
    (f"/api/plans/{KEY}/measures/1.3.1/text", {"text": "Ny tekst"}, "editor", 200),
    (f"/api/plans/{KEY}/rounds/close", {}, "editor", 200),
    (f"/api/plans/{KEY}/submissions", {"bodies": ["ASU"]}, "approver", 201),
]
ROLES = ("editor", "approver", "auditor")


@pytest.mark.parametrize(("path", "allowed"), READS)
def test_protected_reads_need_the_right_role(
    client: FlaskClient, auth: Auth, path: str, allowed: set[str]
) -> None:
    anonymous = client.get(path)
    assert anonymous.status_code == 401
    assert anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    for role in ROLES:
        expected = 200 if role in allowed else 403
        assert client.get(path, headers=auth(role)).status_code == expected, role


@pytest.mark.parametrize(("path", "body", "allowed", "created"), WRITES)
def test_writes_need_a_token_with_the_right_role(
    client: FlaskClient, auth: Auth, path: str, body: dict, allowed: str, created: int
) -> None:
    assert client.post(path, json=body).status_code == 401
    for role in ROLES:
        if role != allowed:
            assert client.post(path, json=body, headers=auth(role)).status_code == 403, role
    assert client.post(path, json=body, headers=auth(allowed)).status_code == created


def test_an_unknown_or_malformed_token_is_401(client: FlaskClient) -> None:
    path = f"/api/plans/{KEY}/history"
    for header in ("Bearer plg_feil", "Basic dXNlcjpwdw==", "Bearer "):
        assert client.get(path, headers={"Authorization": header}).status_code == 401


def test_a_revoked_token_stops_working_at_once(client: FlaskClient, auth: Auth, web: Flask) -> None:
    path = f"/api/plans/{KEY}/history"
    assert client.get(path, headers=auth("auditor")).status_code == 200
    web.extensions["planlogg"].tokens.revoke("Rita")
    assert client.get(path, headers=auth("auditor")).status_code == 401


def test_a_session_cookie_cannot_make_an_api_write(client: FlaskClient, tokens) -> None:
    login = client.get("/logg-inn")
    csrf = login.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/logg-inn", data={"token": tokens["editor"], "csrf_token": csrf})
    response = client.post(f"/api/plans/{KEY}/measures/1.3.1/status", json={"colour": "gul"})
    assert response.status_code == 401


def test_the_chain_check_looks_at_the_database_every_time(sqlite_url: str) -> None:
    """Read answers are cached until a new event arrives; a tamper check must never be."""
    app = Planlogg.from_url(sqlite_url)
    load_demo(app)
    tokens = InMemoryTokenStore()
    web = create_app(
        {"DATABASE_URL": sqlite_url, "SECRET_KEY": "t", "TESTING": True}, app=app, tokens=tokens
    )
    caught_up(web)
    secret, _ = create_token(tokens, "Rita", Role.AUDITOR)
    client = web.test_client()
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/chain/verify", headers=headers).json["ok"] is True
    EventTable(sqlite_url).remove(5)
    report = client.get("/api/chain/verify", headers=headers).json
    assert report["ok"] is False
    assert report["first_bad_position"] == 5

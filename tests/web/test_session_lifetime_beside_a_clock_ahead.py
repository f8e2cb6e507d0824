"""A session ends a fixed time after sign-in, however busy it is, also when it signed in
after a sign-out recorded by a worker whose clock is ahead: it is ordered after that
sign-out, but its lifetime counts from its own sign-in (it lasted the lifetime plus the
other clock's lead)."""

from __future__ import annotations

import re
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from tests.web.clock import Clock
from tests.web.conftest import caught_up
from tests.web.signed_in import NOW
from web import create_app
from web.tokens import InMemoryTokenStore, create_token

HOUR = 3600.0


def worker(demo_app: Planlogg, tokens: InMemoryTokenStore, clock: Clock) -> Flask:
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "t", "TESTING": True, "CLOCK": clock,
         "PERMANENT_SESSION_LIFETIME": timedelta(hours=1)},
        app=demo_app,
        tokens=tokens,
    )  # fmt: skip
    caught_up(web)
    return web


def csrf(client: FlaskClient, path: str = "/") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found[1]


def log_in(client: FlaskClient, token: str) -> None:
    answer = client.post(
        "/logg-inn", data={"token": token, "csrf_token": csrf(client, "/logg-inn")}
    )
    assert answer.status_code == 302


def test_a_session_ends_an_hour_after_sign_in_though_another_clock_signed_out_ahead(
    demo_app: Planlogg,
) -> None:
    tokens = InMemoryTokenStore()
    token, _record = create_token(tokens, "Rita", Role.AUDITOR)
    ahead = worker(demo_app, tokens, Clock(NOW + 5 * HOUR))
    clock = Clock(NOW)
    right = worker(demo_app, tokens, clock)
    first = ahead.test_client()
    log_in(first, token)
    assert first.post("/logg-ut", data={"csrf_token": csrf(first)}).status_code == 302

    client = right.test_client()
    log_in(client, token)
    assert client.get("/revisjon/").status_code == 200
    clock.advance(HOUR + 1)
    over = client.get("/revisjon/")
    assert (over.status_code, over.headers.get("Location")) == (302, "/logg-inn?next=/revisjon/")

"""An address that is no URL («http://[», an unclosed IPv6 host) in `next` on the login
page, or as the Referer of a refused form, made `urlsplit` raise: the visitor got «Intern
feil» (500) instead of the login page or the refused form's page."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import NOW, person_with, signed_in
from web import create_app
from web.tokens import InMemoryTokenStore, create_token


def served(demo_app: Planlogg) -> Flask:
    """As `serve` runs it: an error is answered with a page, not raised in the test."""
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "t", "TESTING": True,
         "PROPAGATE_EXCEPTIONS": False, "CLOCK": lambda: NOW},
        app=demo_app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    caught_up(web)
    return web


def csrf(client: FlaskClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found[1]


def test_the_login_page_with_a_broken_next_address_is_shown(demo_app: Planlogg) -> None:
    answer = served(demo_app).test_client().get("/logg-inn?next=http://%5B")
    assert answer.status_code == 200
    assert '<input type="hidden" name="next" value="">' in answer.text


def test_a_token_login_with_a_broken_next_address_signs_in(demo_app: Planlogg) -> None:
    web = served(demo_app)
    token, _record = create_token(web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR)
    client = web.test_client()
    answer = client.post(
        "/logg-inn",
        data={"token": token, "next": "http://[", "csrf_token": csrf(client, "/logg-inn")},
    )
    assert (answer.status_code, answer.headers.get("Location")) == (302, "/revisjon/")


def test_a_refused_form_with_a_broken_referer_gets_the_refusal_page(
    demo_app: Planlogg,
) -> None:
    client = signed_in(served(demo_app), person_with(demo_app, Role.EDITOR))
    answer = client.post(
        f"/planer/{KEY}/godkjenning",
        data={"csrf_token": "feil"},
        headers={"Referer": "http://[/planer"},
    )
    assert answer.status_code == 400
    assert "Skjemaet ble ikke lagret" in answer.text

"""People signed in to the pages without the identity provider: the session a sign-in leaves.

The sign-in itself is tested against a real provider in test_oidc_browser.py; the
role checks only need the session it ends with, so these helpers write that
session directly; `web_on` makes the web app whose clock is at NOW, where such a session
is current.
"""

from __future__ import annotations

import re
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from web import create_app
from web.auth import PERSON_KEY, SIGNED_IN_AT
from web.tokens import InMemoryTokenStore

NOW = 1_900_000_000.0
ISSUER = "https://idp.example"
SETUP = Provenance("Drift", Source.CLI)


def web_on(app: Planlogg, today: str | None = None) -> Flask:
    """The web app on `app` with its clock at NOW, on `today` (ISO) when given, else the real
    day; its read models caught up, as `serve`'s follower would have them."""
    config: dict[str, object] = {
        "DATABASE_URL": "memory:", "SECRET_KEY": "t", "TESTING": True, "CLOCK": lambda: NOW,
    }  # fmt: skip
    if today is not None:
        config["TODAY"] = today
    web = create_app(config, app=app, tokens=InMemoryTokenStore())
    web.extensions["planlogg"].read_models.read_your_writes()
    return web


def person_with(app: Planlogg, role: Role | None) -> UUID:
    subject = role.value if role else "ingen"
    person = app.add_person(ISSUER, subject, f"{subject}@helse.no", subject.title(), SETUP)
    if role is not None:
        app.grant_roles(person, [role], SETUP)
    return person


def reporter(app: Planlogg, bodies: list[str]) -> UUID:
    """A person who reports for `bodies` (registered names): the status form's own user."""
    person = person_with(app, Role.REPORTER)
    app.assign_reporting_bodies(person, bodies, SETUP)
    return person


def signed_in_with_token(web: Flask, token: str) -> FlaskClient:
    """A page session begun with an API token on the login page's token form, as an
    administrator or a machine's owner signs in without the provider."""
    client = web.test_client()
    page = client.get("/logg-inn").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None
    answer = client.post("/logg-inn", data={"token": token, "csrf_token": found[1]})
    assert (answer.status_code, answer.headers["Location"]) == (302, "/revisjon/")
    return client


def signed_in(web: Flask, person: UUID) -> FlaskClient:
    client = web.test_client()
    with client.session_transaction() as session:
        session[PERSON_KEY] = str(person)
        session[SIGNED_IN_AT] = NOW
    return client

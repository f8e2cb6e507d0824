"""People signed in to the pages without the identity provider: the session a sign-in leaves.

The sign-in itself is tested against a real provider in test_oidc_browser.py; the
role checks only need the session it ends with, so these helpers write that
session directly; `people_web` (tests/web/conftest.py) fixes the app's clock at NOW.
"""

from __future__ import annotations

import re
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from web.auth import PERSON_KEY, SIGNED_IN_AT

NOW = 1_900_000_000.0
ISSUER = "https://idp.example"
SETUP = Provenance("Drift", Source.CLI)


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

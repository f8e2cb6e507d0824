"""Plain helpers for the user journeys (features/): the web app on a store, the
organisation's staff at its identity provider, and signing in through it. The journeys'
fixtures are in features/conftest.py; their step modules import these from here."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit
from uuid import UUID

import requests
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance
from tests.web.oidc_provider import RecordingProvider, users
from tests.web.signed_in import SETUP
from web import create_app
from web.tokens import InMemoryTokenStore

STAFF = users(
    ("kari", "Kari Nordmann", "kari@helse.no"),
    ("rita", "Rita Revisor", "rita@helse.no"),
    ("ola", "Ola Nordmann", "ola@helse.no"),
    ("ada", "Ada Admin", "ada@helse.no"),
    ("eli", "Eli Editor", "eli@helse.no"),
)
"""The organisation's staff as its identity provider knows them (subject → claims)."""


def web_app(application: Planlogg, url: str, **settings: object) -> Flask:
    """The web app on `application` (its database at `url`), with more `settings`: a CLOCK, the
    identity provider's."""
    return create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "bdd", "TESTING": True, **settings},
        app=application,
        tokens=InMemoryTokenStore(),
    )


def caught_up(web: Flask) -> Flask:
    """`web`, its read models caught up as `serve`'s follower does."""
    web.extensions["planlogg"].read_models.read_your_writes()
    return web


def staff_member(
    application: Planlogg,
    issuer: str,
    subject: str,
    email: str,
    name: str,
    role: Role,
    setup: Provenance = SETUP,
) -> UUID:
    """A person Planlogg knows by `issuer`'s `subject`, given `role`."""
    person = application.add_person(issuer, subject, email, name, setup)
    application.grant_roles(person, [role], setup)
    return person


def known(
    application: Planlogg,
    provider: RecordingProvider,
    subject: str,
    role: Role,
    setup: Provenance = SETUP,
) -> UUID:
    """One of the `STAFF` at the `provider`, known to Planlogg with `role`."""
    claims = STAFF[subject]
    return staff_member(
        application,
        provider.issuer,
        subject,
        str(claims["email"]),
        str(claims["name"]),
        role,
        setup,
    )


def at_provider(client: FlaskClient, subject: str, start: str = "/logg-inn/oidc") -> TestResponse:
    """Open `start` (Planlogg's "Logg inn med …"), choose `subject` at the identity provider,
    and come back."""
    to_provider = client.get(start)
    assert to_provider.status_code == 302
    chosen = requests.post(
        to_provider.headers["Location"], data={"sub": subject}, allow_redirects=False, timeout=10
    )
    back = urlsplit(chosen.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


_TAG = re.compile(r"<[^>]+>")


def page_text(html: str) -> str:
    """What a person reads of some HTML: its text, entities read, spacing made single."""
    return " ".join(unescape(_TAG.sub("", html)).split())


def approvals_table(page: str) -> list[list[str]]:
    """The approval page's table of approvals as read: its header, then each body's row."""
    table = re.search(
        r'<table class="approvals-table">.*?<thead>(.*?)</thead>.*?<tbody>(.*?)</tbody>',
        page,
        re.S,
    )
    if table is None:
        raise AssertionError("the page has no table of approvals")
    header = [page_text(cell) for cell in re.findall(r"<th[^>]*>(.*?)</th>", table[1], re.S)]
    rows = [
        [page_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table[2], re.S)
    ]
    return [header, *rows]

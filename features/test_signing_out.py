"""Signing out ends every session of the person (web, against a real OIDC provider, on
SQLite and PostgreSQL).

The provider runs on loopback; each browser is a test client with its own cookies.
The test plays the browsers: it follows Planlogg's redirects to the provider, picks
the user there (or confirms the end of the session), and brings the answer back.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape
from typing import Any
from urllib.parse import urljoin, urlsplit
from uuid import UUID

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.journeys import at_provider, known, web_app
from tests.web.oidc_provider import RecordingProvider
from tests.web.signed_in import NOW

scenarios("signing_out.feature")

pytestmark = [
    pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning"),
    pytest.mark.usefixtures("database_url"),
]


@given(
    "Planlogg on a database signs in through the organisation's identity provider",
    target_fixture="web",
)
def web_with_provider(store: Planlogg, database_url: str, provider: RecordingProvider) -> Flask:
    return web_app(store, database_url, CLOCK=lambda: NOW, **provider.config())


@given("Kari Nordmann and Rita Revisor are auditors in Planlogg", target_fixture="people")
def auditors(store: Planlogg, provider: RecordingProvider) -> dict[str, UUID]:
    return {subject: known(store, provider, subject, Role.AUDITOR) for subject in ("kari", "rita")}


@given("Kari has signed in on her laptop and on her phone", target_fixture="browsers")
def kari_in_two_browsers(web: Flask) -> dict[str, FlaskClient]:
    browsers = {"laptop": web.test_client(), "phone": web.test_client()}
    for browser in browsers.values():
        at_provider(browser, "kari")
    return browsers


@given("Rita has signed in on her own computer")
def rita_signed_in(web: Flask, browsers: dict[str, FlaskClient]) -> None:
    browsers["Rita"] = web.test_client()
    at_provider(browsers["Rita"], "rita")


def csrf(client: FlaskClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/revisjon/").text)
    if found is None:
        raise LookupError("Sida har ikkje noko skjema å logge ut med")
    return found[1]


@when("Kari signs out on her laptop", target_fixture="signed_out")
def sign_out(browsers: dict[str, FlaskClient]) -> dict[str, str]:
    """Press "Logg ut", then "End session" on the provider's page, and come back."""
    laptop = browsers["laptop"]
    to_provider = laptop.post("/logg-ut", data={"csrf_token": csrf(laptop)}).headers["Location"]
    form = requests.get(to_provider, timeout=10).text
    ending = re.search(r'<form method="post" action="([^"]+)"', form)
    back_to = re.search(r'name="redirect_uri" value="([^"]+)"', form)
    if ending is None or back_to is None:
        raise LookupError("Innloggingstenesta viste ikkje skjemaet for å avslutte økta")
    confirmed = requests.post(
        urljoin(to_provider, ending[1]),
        data={"redirect_uri": unescape(back_to[1])},
        allow_redirects=False,
        timeout=10,
    )
    back = urlsplit(confirmed.headers["Location"])
    return {
        "to provider": to_provider,
        "back": back.path,
        "page": laptop.get(f"{back.path}?{back.query}").text,
    }


@then(parsers.parse('the identity provider ends its session and sends the laptop to "{path}"'))
def provider_ended(provider: RecordingProvider, signed_out: dict[str, str], path: str) -> None:
    assert signed_out["to provider"].startswith(f"{provider.issuer}/oauth2/end_session?")
    [ending] = provider.received("GET", "/oauth2/end_session")
    assert urlsplit(ending.query["post_logout_redirect_uri"]).path == path
    assert signed_out["back"] == path


@then(parsers.parse('the laptop shows "{text}"'))
def laptop_shows(signed_out: dict[str, str], text: str) -> None:
    assert f'<p role="status">{text}</p>' in signed_out["page"]


@then(parsers.parse('Kari\'s phone is sent to "{target}" when it opens "{page}"'))
def phone_signed_out(browsers: dict[str, FlaskClient], target: str, page: str) -> None:
    answer = browsers["phone"].get(page)
    assert (answer.status_code, answer.headers.get("Location")) == (302, target)


@then(parsers.parse('Rita still sees "{page}"'))
def rita_still_in(browsers: dict[str, FlaskClient], page: str) -> None:
    answer = browsers["Rita"].get(page)
    assert answer.status_code == 200
    assert "Logg ut Rita Revisor (rita@helse.no) (revisor)</button>" in answer.text


@then(parsers.parse('Kari\'s history says she signed out, "{actor}" from the web'))
def recorded(store: Planlogg, people: dict[str, UUID], actor: str) -> None:
    events: list[Any] = list(store.events.get(people["kari"]))
    assert [type(event).__name__ for event in events] == ["PersonAdded", "RoleGranted", "SignedOut"]
    last = events[-1]
    assert (last.by, last.at) == (
        Provenance(actor, Source.WEB),
        datetime.fromtimestamp(NOW, UTC),
    )


@when("Kari signs in again on her phone", target_fixture="landed")
def sign_in_again(browsers: dict[str, FlaskClient]) -> TestResponse:
    return at_provider(browsers["phone"], "kari")


@then(parsers.parse('the phone lands on "{page}", offering "{button}"'))
def lands(browsers: dict[str, FlaskClient], landed: TestResponse, page: str, button: str) -> None:
    assert (landed.status_code, landed.headers.get("Location")) == (302, page)
    answer = browsers["phone"].get(page)
    assert answer.status_code == 200
    assert f"{button}</button>" in answer.text


@then(parsers.parse('the laptop is still signed out at "{page}"'))
def laptop_still_out(browsers: dict[str, FlaskClient], page: str) -> None:
    answer = browsers["laptop"].get(page)
    assert (answer.status_code, answer.headers.get("Location")) == (302, f"/logg-inn?next={page}")

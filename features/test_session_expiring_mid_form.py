"""A session that runs out while a form is open (web, against a real OIDC provider, on
SQLite and PostgreSQL).

The provider runs on loopback; the browser is a test client with its own cookies, and the
test plays it: it follows Planlogg's redirects to the provider, picks the user there, and
brings the answer back. The session's length is set as the server is (the environment's
PLANLOGG_SESSION_HOURS), and the server's clock is moved by hand instead of waiting.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.people import Role
from projections import AuditQuery
from tests.web.clock import Clock
from tests.web.forms import filled
from tests.web.journeys import at_provider, caught_up, known, web_app
from tests.web.oidc_provider import RecordingProvider
from tests.web.signed_in import NOW

scenarios("session_expiring_mid_form.feature")

pytestmark = [
    pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning"),
    pytest.mark.usefixtures("database_url"),
]
TAG = re.compile(r"<[^>]+>")


@pytest.fixture
def clock() -> Clock:
    """The server's clock, standing still until a step moves it."""
    return Clock(NOW)


@pytest.fixture
def browser() -> dict[str, object]:
    """What Eli's browser shows: its "page" (the last answer) and the "form" she has open,
    and the "events" stored before she last sent a form."""
    return {}


@given(
    parsers.parse(
        "Planlogg on the demo plan, where a sign-in lasts {hours:d} hours, signs in through "
        "the organisation's identity provider"
    ),
    target_fixture="web",
)
def web_with_provider(
    store: Planlogg,
    database_url: str,
    provider: RecordingProvider,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    hours: int,
) -> Flask:
    """The demo on SQLite and on PostgreSQL (`database_url` is parametrised)."""
    monkeypatch.setenv("PLANLOGG_SESSION_HOURS", str(hours))
    load_demo(store)
    return caught_up(web_app(store, database_url, CLOCK=clock, **provider.config()))


@given("Eli Editor is an editor in Planlogg", target_fixture="client")
def editor(web: Flask, store: Planlogg, provider: RecordingProvider) -> FlaskClient:
    known(store, provider, "eli", Role.EDITOR)
    return web.test_client()


def form_url(store: Planlogg, number: str) -> str:
    return f"/planer/{DEMO_PLAN}/tiltak/{store.get_plan(DEMO_PLAN).find_measure(number).id}/endre"


def opened_form(client: FlaskClient, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200
    assert '<textarea id="felt-tiltak" name="Tiltak"' in page.text
    return page.text


@given(parsers.parse("Eli has signed in and opened measure {number} in the form"))
def signed_in_and_opened(
    store: Planlogg, client: FlaskClient, browser: dict[str, object], number: str
) -> None:
    landed = at_provider(client, "eli")
    assert (landed.status_code, landed.headers["Location"]) == (
        302,
        f"/planer/{DEMO_PLAN}/dashbord",
    )
    browser["form"] = opened_form(client, form_url(store, number))


@when(parsers.parse("{hours:d} hours and {seconds:d} second go by"))
def time_passes(clock: Clock, hours: int, seconds: int) -> None:
    clock.advance(hours * 3600 + seconds)


@when(parsers.parse('Eli saves the text "{text}" with the reason "{reason}"'))
def save(
    store: Planlogg, client: FlaskClient, browser: dict[str, object], text: str, reason: str
) -> None:
    url = form_url(store, "0.1.2")
    form = browser["form"]
    assert isinstance(form, str)
    browser["events"] = events(store)
    browser["page"] = client.post(url, data=filled(form, {"Tiltak": text, "reason": reason}, url))


def events(store: Planlogg) -> int:
    return store.recorder.max_notification_id() or 0


def page_of(browser: dict[str, object]) -> TestResponse:
    page = browser["page"]
    assert isinstance(page, TestResponse)
    return page


def plain(html: str) -> str:
    return " ".join(unescape(TAG.sub("", html)).split())


@then(parsers.parse('the form is not saved, and the page says "{reason}"'))
def not_saved(browser: dict[str, object], reason: str) -> None:
    page = page_of(browser)
    assert page.status_code == 400
    assert "<h1>Skjemaet ble ikke lagret</h1>" in page.text
    assert re.findall(r'<p role="alert">(.*?)</p>', page.text) == [reason]


@then("the page gives back what Eli typed:")
def given_back(browser: dict[str, object], datatable: list[list[str]]) -> None:
    listed = re.search(r'<dl class="given-back">(.*?)</dl>', page_of(browser).text, re.S)
    assert listed is not None
    pairs = re.findall(r'<dt>(.*?)</dt>\s*<dd class="typed-value">(.*?)</dd>', listed[1], re.S)
    assert [[plain(label), plain(value)] for label, value in pairs] == datatable


@then(parsers.parse('nothing was recorded, and measure {number} still reads "{text}"'))
def nothing_recorded(
    web: Flask, store: Planlogg, browser: dict[str, object], number: str, text: str
) -> None:
    assert events(store) == browser["events"]
    assert store.get_plan(DEMO_PLAN).find_measure(number).text == text
    assert web_changes(web, number) == []


def web_changes(web: Flask, number: str) -> list[list[str]]:
    read_models = web.extensions["planlogg"].read_models
    read_models.read_your_writes()
    query = AuditQuery(plan=DEMO_PLAN, measure=number, source="web", limit=None)
    return [
        [row.actor, row.field, row.before, row.after, row.reason]
        for row in read_models.history(query).rows
    ]


def link(page: str, words: str) -> str:
    found: list[str] = re.findall(
        rf'<a class="button-link" href="([^"]+)">{re.escape(words)}</a>', page
    )
    assert len(found) == 1, f"«{words}» står {len(found)} gonger på sida"
    return unescape(found[0])


@when('Eli follows "Logg inn på nytt"')
def follows_sign_in_again(store: Planlogg, client: FlaskClient, browser: dict[str, object]) -> None:
    target = link(page_of(browser).text, "Logg inn på nytt")
    assert target == f"/logg-inn?next={form_url(store, '0.1.2')}"
    browser["page"] = client.get(target)


@then(parsers.parse('the login page says "{notice}"'))
def login_page_says(browser: dict[str, object], notice: str) -> None:
    page = page_of(browser)
    assert page.status_code == 200
    assert re.findall(r'<p class="notice" role="status">(.*?)</p>', page.text) == [notice]


@when(parsers.parse('Eli follows "{words}" and signs in at the identity provider'))
def signs_in_again(client: FlaskClient, browser: dict[str, object], words: str) -> None:
    browser["page"] = at_provider(client, "eli", link(page_of(browser).text, words))


@then(parsers.parse('she is back at the form of measure {number}, which shows "{text}"'))
def back_at_the_form(
    store: Planlogg, client: FlaskClient, browser: dict[str, object], number: str, text: str
) -> None:
    landed = page_of(browser)
    url = form_url(store, number)
    assert (landed.status_code, landed.headers["Location"]) == (302, url)
    form = opened_form(client, url)
    shown = re.search(r'<textarea id="felt-tiltak" name="Tiltak"[^>]*>([^<]*)</textarea>', form)
    assert shown is not None and unescape(shown[1]) == text
    browser["form"] = form


@then(parsers.parse('the form is saved as one change, and measure {number} reads "{text}"'))
def saved(store: Planlogg, browser: dict[str, object], number: str, text: str) -> None:
    page = page_of(browser)
    assert (page.status_code, page.headers["Location"]) == (
        303,
        f"/planer/{DEMO_PLAN}/arbeidsversjon?lagret={number}#tiltak-{number}",
    )
    before = browser["events"]
    assert isinstance(before, int) and events(store) == before + 1
    assert store.get_plan(DEMO_PLAN).find_measure(number).text == text


@then(parsers.parse("the change log of measure {number} holds this one change from the web:"))
def one_change(web: Flask, number: str, datatable: list[list[str]]) -> None:
    assert [["actor", "field", "before", "after", "reason"], *web_changes(web, number)] == (
        datatable
    )

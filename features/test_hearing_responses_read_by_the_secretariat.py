"""The secretariat reads the hearing responses (web, the test client as the browser, on SQLite
and PostgreSQL).

The hearing is the one the web tests add responses to (`send_demo_on_hearing`); the
responses are recorded as the secretariat records them on the command line. Eli follows
links as a browser does: the one whose words she reads.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import send_demo_on_hearing
from tests.web.journeys import caught_up, page_text, staff_member, web_app
from tests.web.signed_in import ISSUER, NOW, signed_in

scenarios("hearing_responses_read_by_the_secretariat.feature")

pytestmark = pytest.mark.usefixtures("database_url")

WORKING = f"/planer/{DEMO_PLAN}/arbeidsversjon"
HEARING = f"/revisjon/{DEMO_PLAN}/horinger"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Høring")
RESPONSE = re.compile(
    r'<article class="response[^"]*" id="uttalelse-[^"]+">\s*'
    r'<h3>([^:<]+): (.*?) <span class="meta">\((.*?)\)</span></h3>\s*'
    r'<p>(.*?)</p>\s*<p class="meta">Registrert av (.*?)\.</p>\s*(.*?)\s*</article>',
    re.S,
)


def day(written: str) -> date:
    return datetime.strptime(written, "%d.%m.%Y").date()


@pytest.fixture
def eli() -> dict[str, TestResponse]:
    """The page in front of Eli ("page")."""
    return {}


@given(
    parsers.parse(
        'the demo plan\'s version {version:d} is on hearing to "{first}" and "{second}", '
        "sent {sent} with the deadline {deadline}"
    )
)
def on_hearing(
    store: Planlogg, version: int, first: str, second: str, sent: str, deadline: str
) -> None:
    load_demo(store)
    send_demo_on_hearing(store, SECRETARIAT)
    hearing = store.hearing(DEMO_PLAN)
    found = (hearing.version, hearing.asked, hearing.sent_on, hearing.deadline)
    assert found == (version, (first, second), day(sent), day(deadline))


@given(parsers.parse('"{respondent}" responded "{words}" on {received}'))
def responded(store: Planlogg, respondent: str, words: str, received: str) -> None:
    store.receive_hearing_response(
        DEMO_PLAN, respondent, words, SECRETARIAT, received_on=day(received)
    )


@given(parsers.parse('the secretariat answered "{response}" with "{words}" on {answered}'))
def answered(store: Planlogg, response: str, words: str, answered: str) -> None:
    store.answer_hearing_response(
        DEMO_PLAN, response, words, SECRETARIAT, answered_on=day(answered)
    )


@given(
    "Eli in the secretariat is an editor, and Ola a reporter, signed in to the web",
    target_fixture="browsers",
)
def people_signed_in(store: Planlogg, database_url: str) -> dict[str, FlaskClient]:
    eli = staff_member(store, ISSUER, "eli", "eli@helse.no", "Eli Editor", Role.EDITOR)
    ola = staff_member(store, ISSUER, "ola", "ola@helse.no", "Ola Nordmann", Role.REPORTER)
    web: Flask = caught_up(web_app(store, database_url, CLOCK=lambda: NOW))
    return {"Eli": signed_in(web, eli), "Ola": signed_in(web, ola)}


def follow(browser: FlaskClient, page: TestResponse, words: str) -> TestResponse:
    """The page behind the one link on `page` reading `words`."""
    assert page.status_code == 200
    (link,) = re.findall(rf'<a href="([^"]+)">{re.escape(words)}</a>', page.text)
    return browser.get(unescape(link))


@when(parsers.parse('Eli opens the working version and follows "{words}"'))
def from_working(
    browsers: dict[str, FlaskClient], eli: dict[str, TestResponse], words: str
) -> None:
    eli["page"] = follow(browsers["Eli"], browsers["Eli"].get(WORKING), words)


@when(parsers.parse('Eli follows "{words}"'))
def follows(browsers: dict[str, FlaskClient], eli: dict[str, TestResponse], words: str) -> None:
    eli["page"] = follow(browsers["Eli"], eli["page"], words)


@then(parsers.parse('Eli reads "{lead}"'))
def reads(eli: dict[str, TestResponse], lead: str) -> None:
    page = eli["page"]
    assert (page.status_code, page.request.path) == (200, f"{HEARING}/2")
    found = re.findall(r'<p class="lead">(.*?)</p>', page.text, re.S)
    assert [page_text(paragraph) for paragraph in found] == [lead]


@then("Eli reads these responses:")
def responses(eli: dict[str, TestResponse], datatable: list[list[str]]) -> None:
    rows = [[page_text(part) for part in found] for found in RESPONSE.findall(eli["page"].text)]
    assert [datatable[0], *rows] == datatable
    assert eli["page"].text.count('<article class="response') == len(rows)


@then(parsers.parse('Eli is on the working version: "{lead}"'))
def on_working(eli: dict[str, TestResponse], lead: str) -> None:
    page = eli["page"]
    assert (page.status_code, page.request.path) == (200, WORKING)
    found = re.findall(r'<p class="lead">(.*?)</p>', page.text, re.S)
    assert [page_text(paragraph) for paragraph in found] == [lead]


@when(parsers.parse("Ola opens the hearing's page of version {version:d}"), target_fixture="answer")
def ola_opens(browsers: dict[str, FlaskClient], version: int) -> TestResponse:
    return browsers["Ola"].get(f"{HEARING}/{version}")


@then(parsers.parse('Ola is refused with "{message}"'))
def refused(answer: TestResponse, message: str) -> None:
    assert answer.status_code == 403
    said = re.findall(r'<p role="alert">(.*?)</p>', answer.text, re.S)
    assert [page_text(found) for found in said] == [message]
    assert "Nemn fastlegane." not in answer.text


@then("Ola's working version offers no link to a hearing")
def no_link(browsers: dict[str, FlaskClient]) -> None:
    page = browsers["Ola"].get(WORKING)
    assert page.status_code == 200
    assert re.findall(r'<a href="[^"]*/horinger/[^"]*">', page.text) == []
    assert "Høring av versjon" not in page.text

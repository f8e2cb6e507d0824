"""Roles limited to one health community (the command line as the secretariat types it, the
test client as each person's browser; on SQLite and PostgreSQL).

People are signed in by the session a sign-in leaves; the secretariat's `planlogg`
commands and the web app share one database, as `serve` and the command line do.
"""

from __future__ import annotations

import dataclasses
import re
from html import unescape
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, demo_table, load_demo
from domain.provenance import Provenance, Source
from tests.web.forms import filled
from tests.web.journeys import caught_up, web_app
from tests.web.signed_in import ISSUER, NOW, signed_in

scenarios("community_roles.feature")

pytestmark = pytest.mark.usefixtures("database_url")

PEOPLE = ("Vera", "Rita", "Ada", "Siv")
IMPORTED = Provenance("Sekretariatet", Source.CLI, reason="Ny plan for Vestre Viken")
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
HEADER = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S)
TAG = re.compile(r"<[^>]+>")


@given(
    parsers.parse('the demo plan of "{own}" and a draft plan "{plan}" of "{other}" on a database'),
    target_fixture="web",
)
def two_communities(store: Planlogg, database_url: str, own: str, plan: str, other: str) -> Flask:
    load_demo(store)
    if store.get_plan(DEMO_PLAN).header.owner != own:
        raise ValueError(f"Demoplanen høyrer ikkje til {own}")
    store.register_community(other, "Helsefellesskapet Vestre Viken", IMPORTED)
    table = dataclasses.replace(
        demo_table(), title="Handlingsplan for Helsefellesskapet Vestre Viken"
    )
    store.import_plan(plan, table, other, IMPORTED)
    return caught_up(web_app(store, database_url, CLOCK=lambda: NOW))


@given("Vera, Rita, Ada and Siv have each signed in to Planlogg once", target_fixture="people")
def signed_in_once(store: Planlogg) -> dict[str, UUID]:
    """As the first sign-in records them: known, without any role."""
    people = {}
    for name in PEOPLE:
        subject = name.lower()
        found = store.record_sign_in(
            ISSUER, subject, f"{subject}@helse.no", name, Provenance(name, Source.WEB)
        )
        people[name] = found.id
    return people


def browser(web: Flask, people: dict[str, UUID], name: str) -> FlaskClient:
    """The person's browser, signed in; the read models caught up with the command line."""
    return signed_in(caught_up(web), people[name])


def form_url(store: Planlogg, plan: str, number: str) -> str:
    return f"/planer/{plan}/tiltak/{store.get_plan(plan).find_measure(number).id}/endre"


@when(
    parsers.parse('Vera saves the text "{text}" for measure {number} of "{plan}" in the browser'),
    target_fixture="answer",
)
def save_in_browser(
    web: Flask, store: Planlogg, people: dict[str, UUID], text: str, number: str, plan: str
) -> TestResponse:
    client = browser(web, people, "Vera")
    url = form_url(store, plan, number)
    form = client.get(url)
    assert form.status_code == 200
    answer = client.post(url, data=filled(form.text, {"Tiltak": text, "reason": "AU"}, url))
    assert answer.status_code == 303
    return client.get(answer.headers["Location"])


@then(parsers.parse('the working version of "{plan}" shows measure {number} as "{text}"'))
def working_version_shows(answer: TestResponse, plan: str, number: str, text: str) -> None:
    assert answer.request.path == f"/planer/{plan}/arbeidsversjon"
    row = re.search(rf'<tr id="tiltak-{re.escape(number)}">.*?</tr>', answer.text, re.S)
    assert row is not None and f"<p>{text}</p>" in row[0]


@when(parsers.parse('Vera opens the form of measure {number} of "{plan}"'), target_fixture="answer")
def open_other_form(
    web: Flask, store: Planlogg, people: dict[str, UUID], number: str, plan: str
) -> TestResponse:
    return browser(web, people, "Vera").get(form_url(store, plan, number))


@when(
    parsers.parse('Vera sends the text "{text}" to the form of measure {number} of "{plan}"'),
    target_fixture="answer",
)
def send_to_other_form(
    web: Flask, store: Planlogg, people: dict[str, UUID], text: str, number: str, plan: str
) -> TestResponse:
    """Her own plan's form, with its token, sent to the other plan's measure."""
    client = browser(web, people, "Vera")
    own = form_url(store, DEMO_PLAN, number)
    fields = filled(client.get(own).text, {"Tiltak": text, "reason": "AU"}, own)
    return client.post(form_url(store, plan, number), data=fields)


@then(parsers.re(r"(?P<name>Vera|Rita) is refused \(403\): \"(?P<message>.+)\""))
def refused(answer: TestResponse, message: str) -> None:
    assert answer.status_code == 403
    assert "<h1>Ingen tilgang</h1>" in answer.text
    assert f'<p role="alert">{message}</p>' in answer.text


@then(parsers.parse('measure {number} of "{plan}" still reads "{text}"'))
def still_reads(store: Planlogg, number: str, plan: str, text: str) -> None:
    assert store.get_plan(plan).find_measure(number).text == text


@when(parsers.parse('Rita opens "{path}"'), target_fixture="answer")
def rita_opens(web: Flask, people: dict[str, UUID], path: str) -> TestResponse:
    return browser(web, people, "Rita").get(path)


def history_rows(page: str) -> list[list[str]]:
    """The history table's column headers and rows, from the person's column on (the
    position and the time left out): what each cell reads."""
    table = re.search(
        r'<table class="history[^"]*"[^>]*>.*?<thead[^>]*>(.*?)</thead>'
        r".*?<tbody[^>]*>(.*?)</tbody>",
        page,
        re.S,
    )
    if table is None:
        raise LookupError("Sida har ingen endringstabell")
    columns = [text(cell) for cell in HEADER.findall(table[1])]
    if columns[:2] != ["#", "Tid (norsk tid)"]:
        raise LookupError(f"Endringstabellen har uventa kolonnar: {columns}")
    rows = [[text(cell) for cell in CELL.findall(row)] for row in ROW.findall(table[2])]
    return [columns[2:], *(row[2:] for row in rows)]


def text(cell: str) -> str:
    return unescape(TAG.sub("", cell)).strip()


@then(parsers.parse('Rita is taken to "{address}", the one plan she reaches'))
def taken_to(answer: TestResponse, address: str) -> None:
    assert (answer.status_code, answer.headers["Location"]) == (302, address)


@then("Rita reads these changes:")
def reads_changes(answer: TestResponse, datatable: list[list[str]]) -> None:
    assert answer.status_code == 200
    assert history_rows(answer.text) == datatable


@then(parsers.parse('Rita reads the adopted plan "{title}": "{lead}"'))
def reads_adopted_plan(answer: TestResponse, title: str, lead: str) -> None:
    assert answer.status_code == 200
    assert f"<h1>{title}</h1>" in answer.text
    shown = re.search(r'<p class="lead">(.*?)</p>', answer.text, re.S)
    assert shown is not None and " ".join(shown[1].split()) == lead

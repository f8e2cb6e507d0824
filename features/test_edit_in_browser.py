"""Editors change measures in the browser's form (web, the test client as the browser).

The form is saved as a browser without JavaScript sends it: every field as shown,
with the editor's change; people are signed in by the session a sign-in leaves.
"""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.demo import DEMO_PLAN
from projections import AuditQuery
from tests.web.forms import filled

scenarios("edit_in_browser.feature")


def form_url(web: Flask, number: str) -> str:
    plan = web.extensions["planlogg"].app.get_plan(DEMO_PLAN)
    return f"/planer/{DEMO_PLAN}/tiltak/{plan.find_measure(number).id}/endre"


@given("Eli and Emil both opened measure 0.1.2 in the form", target_fixture="forms")
def both_opened(web: Flask, editors: dict[str, FlaskClient]) -> dict[str, str]:
    return {name: client.get(form_url(web, "0.1.2")).text for name, client in editors.items()}


def save(web: Flask, client: FlaskClient, form: str, text: str) -> TestResponse:
    url = form_url(web, "0.1.2")
    return client.post(url, data=filled(form, {"Tiltak": text, "reason": "Etter møtet"}, url))


@when(
    parsers.parse('Eli opens measure 0.1.2 and saves the text "{text}"'),
    target_fixture="saved",
)
def open_and_save(web: Flask, editors: dict[str, FlaskClient], text: str) -> TestResponse:
    form = editors["Eli"].get(form_url(web, "0.1.2")).text
    return save(web, editors["Eli"], form, text)


@when(parsers.re(r'(?P<name>Eli|Emil) saves the text "(?P<text>.+)"'), target_fixture="saved")
def save_opened_form(
    web: Flask, editors: dict[str, FlaskClient], forms: dict[str, str], name: str, text: str
) -> TestResponse:
    return save(web, editors[name], forms[name], text)


@then(parsers.parse('the working version shows measure 0.1.2 as "{text}"'))
def working_version_shows(editors: dict[str, FlaskClient], saved: TestResponse, text: str) -> None:
    assert saved.status_code == 303
    page = editors["Eli"].get(saved.headers["Location"]).text
    row = re.search(r'<tr id="tiltak-0\.1\.2">.*?</tr>', page, re.S)
    assert row is not None and f"<p>{text}</p>" in row[0]


@then("the audit history says Eli changed the text of 0.1.2 from the web")
def audited(web: Flask) -> None:
    rows = (
        web.extensions["planlogg"]
        .read_models.history(AuditQuery(plan=DEMO_PLAN, measure="0.1.2", source="web"))
        .rows
    )
    assert [(r.actor, r.field, r.reason) for r in rows] == [
        ("Eli (eli@helse.no)", "text", "Etter møtet")
    ]


@then("Emil's form is refused because the measure changed since he opened it")
def refused(saved: TestResponse) -> None:
    assert saved.status_code == 409
    assert "Tiltaket er endret etter at du åpnet skjemaet" in saved.text
    assert "hadde endringsnummer 2 da du åpnet skjemaet, og har nå endringsnummer 3." in saved.text


@then(parsers.parse('Emil sees the stored text "{stored}" with his own text beside it'))
def both_texts(saved: TestResponse, stored: str) -> None:
    page = saved.text
    entry = re.search(r'<textarea id="felt-tiltak" name="Tiltak"[^>]*>([^<]*)</textarea>', page)
    typed = re.search(r'id="felt-tiltak-typed">.*?<textarea[^>]*>([^<]*)</textarea>', page, re.S)
    assert entry is not None and entry[1] == stored
    assert typed is not None and typed[1] == "Årshjul med rapportering hver måned."


@then(parsers.parse('measure 0.1.2 still reads "{text}"'))
def still_reads(web: Flask, text: str) -> None:
    assert web.extensions["planlogg"].app.get_plan(DEMO_PLAN).find_measure("0.1.2").text == text

"""Two reporters fill in one body's status form at the same time (web, the test client as
each reporter's browser).

The form is saved as a browser without JavaScript sends it: every field as shown,
the hidden copy of each row as it showed it among them, with the reporter's changes
on top; people are signed in by the session a sign-in leaves.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.demo import DEMO_PLAN
from domain.people import Role
from tests.web.forms import filled, form_fields
from tests.web.journeys import staff_member
from tests.web.signed_in import ISSUER, NOW, SETUP, signed_in

scenarios("two_reporters.feature")

REPORTERS = {"Randi": "randi@helse.no", "Rolf": "rolf@helse.no"}
BODY_ID = "fagrad-for-digital-samhandling"
PAGE = f"/planer/{DEMO_PLAN}/rapportere"
ACTION = f"{PAGE}?organ={BODY_ID}"
"""Where the body's form is sent: the body as the round names it."""
LIGHTS = {"grønn": "green", "gul": "yellow", "rød": "red"}
"""The light a reporter picks, by the word beside it, and the value the form sends."""


def measure_id(web: Flask, number: str) -> str:
    return str(web.extensions["planlogg"].app.get_plan(DEMO_PLAN).find_measure(number).id)


@given(
    parsers.parse('Randi and Rolf report for "{body}", signed in to the web'),
    target_fixture="reporters",
)
def reporters(web: Flask, body: str) -> dict[str, FlaskClient]:
    app = web.extensions["planlogg"].app
    web.config["CLOCK"] = lambda: NOW
    clients = {}
    for name, email in REPORTERS.items():
        person = staff_member(app, ISSUER, name.lower(), email, name, Role.REPORTER)
        app.assign_reporting_bodies(person, [body], SETUP)
        clients[name] = signed_in(web, person)
    return clients


@given(
    parsers.parse('Randi and Rolf both opened the status form of "{body}"'),
    target_fixture="forms",
)
def both_opened(reporters: dict[str, FlaskClient], body: str) -> dict[str, str]:
    return {
        name: client.get(PAGE, query_string={"organ": body}).text
        for name, client in reporters.items()
    }


def changes(web: Flask, rows: list[list[str]]) -> dict[str, str | list[str]]:
    """The form entries a reporter changes: a table of measure, status word and comment."""
    header, *body = rows
    if header != ["measure", "status", "comment"]:
        raise ValueError(f"Ukjende kolonnar: {header}")
    changed: dict[str, str | list[str]] = {}
    for number, word, comment in body:
        key = measure_id(web, number)
        changed[f"status-{key}"] = LIGHTS[word]
        changed[f"kommentar-{key}"] = comment
    return changed


@when(
    parsers.re(r"(?P<name>Randi|Rolf) changes these rows of (?:her|his) form and saves:"),
    target_fixture="saved",
)
def change_and_save(
    web: Flask,
    reporters: dict[str, FlaskClient],
    forms: dict[str, str],
    name: str,
    datatable: list[list[str]],
) -> TestResponse:
    data = filled(forms[name], changes(web, datatable), ACTION)
    return reporters[name].post(ACTION, data=data)


@when("Rolf saves the form he was given back", target_fixture="saved")
def save_again(reporters: dict[str, FlaskClient], saved: TestResponse) -> TestResponse:
    return reporters["Rolf"].post(ACTION, data=filled(saved.text, {}, ACTION))


@then(parsers.parse('Rolf\'s form says "{notice}"'))
def form_says(reporters: dict[str, FlaskClient], saved: TestResponse, notice: str) -> None:
    assert saved.status_code == 303
    page = reporters["Rolf"].get(saved.headers["Location"]).text
    assert f'<p class="notice" role="status">{notice}</p>' in page


@then(parsers.parse('Rolf\'s save is refused (409): "{message}"'))
def refused(saved: TestResponse, message: str) -> None:
    assert saved.status_code == 409
    assert "<h2>Statusrapporten ble ikke lagret</h2>" in saved.text
    assert f"<p>{message}</p>" in saved.text


@then(
    parsers.parse('Rolf\'s form names measure {number}, in its summary and at the row: "{problem}"')
)
def names_the_report(web: Flask, saved: TestResponse, number: str, problem: str) -> None:
    key = measure_id(web, number)
    shown = escape(problem)
    assert f'<li><a href="#kommentar-{key}">{shown}</a></li>' in saved.text
    assert f'<p class="error" id="kommentar-{key}-error">{shown}</p>' in saved.text
    assert saved.text.count('class="error"') == 1  # no other row is marked


@then(parsers.parse('Rolf\'s form still shows measure {number} as "{word}" with "{comment}"'))
def still_shows(web: Flask, saved: TestResponse, number: str, word: str, comment: str) -> None:
    key = measure_id(web, number)
    fields = dict(form_fields(saved.text, ACTION))
    assert (fields[f"status-{key}"], fields[f"kommentar-{key}"]) == (LIGHTS[word], comment)


@then(
    parsers.parse(
        'measure {number} is "{word}" with "{comment}" in round {round_id}, reported by "{who}"'
    )
)
def reported(web: Flask, number: str, word: str, comment: str, round_id: str, who: str) -> None:
    status = web.extensions["planlogg"].app.get_plan(DEMO_PLAN).find_measure(number).status
    assert status is not None
    assert (status.colour.label, status.comment, status.round_id, status.reporter) == (
        word, comment, round_id, who,
    )  # fmt: skip


@then(parsers.parse("measure {number} has no status reported"))
def not_reported(web: Flask, number: str) -> None:
    assert web.extensions["planlogg"].app.get_plan(DEMO_PLAN).find_measure(number).status is None

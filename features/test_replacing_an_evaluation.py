"""Two evaluators replace one year's evaluation of a measure (web, the test client as each
editor's browser; on SQLite and PostgreSQL).

The form is filled as a person does, by the labels beside its fields, and sent as a
browser without JavaScript sends it: every field as shown, the hidden copy of each
year's evaluation among them. People are signed in by the session a sign-in leaves.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.people import Role
from tests.web.forms import filled, form_fields
from tests.web.journeys import caught_up, staff_member, web_app
from tests.web.signed_in import ISSUER, NOW, signed_in

scenarios("replacing_an_evaluation.feature")

pytestmark = pytest.mark.usefixtures("database_url")

EDITORS = {"Eli": ("eli@helse.no", "Eli"), "Kari": ("kari@helse.no", "Kari Nordmann")}
CHOICES = ("Resultat", "Anbefaling")
"""The form's questions answered by picking one labelled choice."""
TAG = re.compile(r"<[^>]+>")


@given(
    "the demo plan on a database, with Eli and Kari as editors signed in to the web",
    target_fixture="editors",
)
def editors(store: Planlogg, database_url: str) -> dict[str, FlaskClient]:
    load_demo(store)
    web = caught_up(web_app(store, database_url, CLOCK=lambda: NOW))
    clients = {}
    for name, (email, full_name) in EDITORS.items():
        person = staff_member(store, ISSUER, name.lower(), email, full_name, Role.EDITOR)
        clients[name] = signed_in(web, person)
    return clients


def form_url(store: Planlogg, number: str) -> str:
    return f"/planer/{DEMO_PLAN}/tiltak/{store.get_plan(DEMO_PLAN).find_measure(number).id}/evaluer"


@given(
    parsers.parse("Eli and Kari both opened the evaluation form of measure {number}"),
    target_fixture="forms",
)
def both_opened(store: Planlogg, editors: dict[str, FlaskClient], number: str) -> dict[str, str]:
    """Each form as shown, after the command line's evaluation: served, as `serve`'s are, by
    read models caught up with it."""
    editors["Eli"].application.extensions["planlogg"].read_models.read_your_writes()
    return {name: client.get(form_url(store, number)).text for name, client in editors.items()}


def named_field(page: str, label: str) -> str:
    """The name of the field a label stands beside."""
    found = re.search(rf'<label for="([^"]+)">{re.escape(label)}</label>', page)
    if found is None:
        raise LookupError(f"Skjemaet har ikkje feltet «{label}»")
    named = re.search(rf'id="{found[1]}" name="([^"]+)"', page)
    if named is None:
        raise LookupError(f"Feltet «{label}» har ikkje namn")
    return named[1]


def choice(page: str, question: str, label: str) -> tuple[str, str]:
    """The name and value of the choice labelled `label` under `question`."""
    group = re.search(rf"<legend>{re.escape(question)}</legend>(.*?)</fieldset>", page, re.S)
    if group is None:
        raise LookupError(f"Skjemaet spør ikkje om «{question}»")
    picked = re.search(
        rf'name="([^"]+)" value="([^"]+)"[^>]*><label for="[^"]+">{re.escape(label)}</label>',
        group[1],
    )
    if picked is None:
        raise LookupError(f"«{question}» har ikkje valet «{label}»")
    return picked[1], picked[2]


def answers(page: str, rows: list[list[str]]) -> dict[str, str | list[str]]:
    """What the evaluator fills in, by the labels of the form's fields and choices."""
    header, typed = rows
    changed: dict[str, str | list[str]] = {}
    for label, value in zip(header, typed, strict=True):
        if label in CHOICES:
            name, value = choice(page, label, value)
            changed[name] = value
        else:
            changed[named_field(page, label)] = value
    return changed


@when(
    parsers.re(r"(?P<name>Eli|Kari) replaces the evaluation for (?P<year>\d{4}) with:"),
    target_fixture="saved",
)
def replace(
    store: Planlogg,
    editors: dict[str, FlaskClient],
    forms: dict[str, str],
    name: str,
    year: str,
    datatable: list[list[str]],
) -> TestResponse:
    page, url = forms[name], form_url(store, "1.3.1")
    picked = {
        **answers(page, datatable),
        named_field(page, "År"): year,
        named_field(page, "Erstatt en evaluering av samme år"): "1",
    }
    return editors[name].post(url, data=filled(page, picked, url))


@when("Kari saves the form she was given back", target_fixture="saved")
def save_again(
    store: Planlogg, editors: dict[str, FlaskClient], saved: TestResponse
) -> TestResponse:
    url = form_url(store, "1.3.1")
    return editors["Kari"].post(url, data=filled(saved.text, {}, url))


@then(parsers.re(r"(?P<name>Eli|Kari)'s form says \"(?P<notice>.+)\""), target_fixture="shown")
def form_says(editors: dict[str, FlaskClient], saved: TestResponse, name: str, notice: str) -> str:
    assert saved.status_code == 303
    page = editors[name].get(saved.headers["Location"]).text
    assert re.findall(r'<p class="notice" role="status">(.*?)</p>', page) == [notice]
    return page


@then(parsers.parse("the evaluations of measure {number} read:"))
def evaluations_read(shown: str, number: str, datatable: list[list[str]]) -> None:
    table = re.search(
        rf"<caption>Evalueringer av tiltak {re.escape(number)}, per år</caption>(.*?)</table>",
        shown,
        re.S,
    )
    assert table is not None
    rows = re.findall(r"<tr>(.*?)</tr>", table[1], re.S)
    cells = [[unescape(TAG.sub("", c)) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)]
             for r in rows]  # fmt: skip
    assert cells == datatable


@then(parsers.parse('Kari\'s save is refused (409): "{message}"'))
def refused(saved: TestResponse, message: str) -> None:
    assert saved.status_code == 409
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', saved.text, re.S)
    assert summary is not None
    assert " ".join(summary[1].split()) == (
        f"<h2>Evalueringen ble ikke lagret</h2> <p>{message}</p>"
    )


@then(
    parsers.parse(
        'Kari\'s form still holds "{result}", "{led_to}", "{advice}", "{body}" and "{day}", '
        "replacing {year}"
    )
)
def still_holds(
    store: Planlogg,
    saved: TestResponse,
    result: str,
    led_to: str,
    advice: str,
    body: str,
    day: str,
    year: str,
) -> None:
    page = saved.text
    kept = dict(form_fields(page, form_url(store, "1.3.1")))
    assert {name: kept.get(name) for name in ("year", "result", "led_to", "recommendation",
                                              "body", "evaluated_on", "replace")} == {
        "year": year,
        "result": choice(page, "Resultat", result)[1],
        "led_to": led_to,
        "recommendation": choice(page, "Anbefaling", advice)[1],
        "body": body,
        "evaluated_on": day,
        "replace": "1",
    }  # fmt: skip


@then(parsers.parse('the evaluation of measure {number} for {year:d} was given by "{who}"'))
def given_by(store: Planlogg, number: str, year: int, who: str) -> None:
    evaluation = store.get_plan(DEMO_PLAN).find_measure(number).evaluations[year]
    assert evaluation.evaluator == who

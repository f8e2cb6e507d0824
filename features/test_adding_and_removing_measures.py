"""Editors add, remove and restore measures in the browser (web, the test client as the browser).

Each form is sent as a browser without JavaScript sends it: every field as shown, with the
editor's changes; people are signed in by the session a sign-in leaves.
"""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.demo import DEMO_PLAN
from domain.people import Role
from projections import AuditQuery
from tests.web.forms import filled, form_fields
from tests.web.journeys import staff_member
from tests.web.signed_in import ISSUER, NOW, signed_in

scenarios("adding_and_removing_measures.feature")

EDITORS = {"Eli": "eli@helse.no", "Emil": "emil@helse.no"}
NEW = f"/planer/{DEMO_PLAN}/tiltak/nytt"
WORKING = f"/planer/{DEMO_PLAN}/arbeidsversjon"
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>', re.S)


def measure_id(web: Flask, number: str) -> str:
    return str(web.extensions["planlogg"].app.get_plan(DEMO_PLAN).find_measure(number).id)


def removal_url(web: Flask, number: str) -> str:
    return f"/planer/{DEMO_PLAN}/tiltak/{measure_id(web, number)}/fjern"


def row(page: str, number: str) -> str:
    found = re.search(rf'<tr id="tiltak-{re.escape(number)}">.*?</tr>', page, re.S)
    return found[0] if found else ""


@given("Eli and Emil are editors signed in to the web", target_fixture="editors")
def editors(web: Flask) -> dict[str, FlaskClient]:
    app = web.extensions["planlogg"].app
    web.config["CLOCK"] = lambda: NOW
    return {
        name: signed_in(web, staff_member(app, ISSUER, name.lower(), email, name, Role.EDITOR))
        for name, email in EDITORS.items()
    }


@when("Eli opens a new measure under goal 2.1", target_fixture="forms")
def eli_opens(editors: dict[str, FlaskClient]) -> dict[str, str]:
    return {"Eli": editors["Eli"].get(f"{NEW}?goal=2.1").text}


@given("Eli and Emil both opened a new measure under goal 2.1", target_fixture="forms")
def both_open(editors: dict[str, FlaskClient]) -> dict[str, str]:
    return {name: client.get(f"{NEW}?goal=2.1").text for name, client in editors.items()}


@then(parsers.parse("the form offers the number {number}"))
def offers(forms: dict[str, str], number: str) -> None:
    assert dict(form_fields(forms["Eli"], NEW))["number"] == number


@when(
    parsers.re(
        r'(?P<name>Eli|Emil) adds it with the text "(?P<text>.+)" and the body "(?P<body>.+)"'
    ),
    target_fixture="added",
)
def adds(
    editors: dict[str, FlaskClient], forms: dict[str, str], name: str, text: str, body: str
) -> TestResponse:
    data = filled(forms[name], {"text": text, "responsible": body, "reason": "Etter ASU"}, NEW)
    return editors[name].post(NEW, data=data)


@then(parsers.parse('the working version shows measure {number} as "{text}"'))
def shows_added(
    editors: dict[str, FlaskClient], added: TestResponse, number: str, text: str
) -> None:
    assert added.status_code == 303
    page = editors["Eli"].get(added.headers["Location"]).text
    assert NOTICE.findall(page) == [f"La til tiltak {number} (T053)."]
    assert f"<p>{text}</p>" in row(page, number)


@then(parsers.parse("the audit history says Eli added measure {number} from the web"))
def audited(web: Flask, number: str) -> None:
    rows = (
        web.extensions["planlogg"]
        .read_models.history(AuditQuery(plan=DEMO_PLAN, measure=number, source="web"))
        .rows
    )
    assert [(r.actor, r.field, r.after, r.reason) for r in rows] == [
        ("Eli (eli@helse.no)", "number", number, "Etter ASU"),
        ("Eli (eli@helse.no)", "text", "Felles rutine for utskrivning.", "Etter ASU"),
        ("Eli (eli@helse.no)", "responsible", "asu", "Etter ASU"),
    ]


@then(parsers.parse('Emil\'s form is refused at the number: "{message}"'))
def refused_at_number(added: TestResponse, message: str) -> None:
    assert added.status_code == 422
    assert f'<p class="error" id="number-error">{message}</p>' in added.text


@then(parsers.parse('Emil\'s form still holds the text "{text}" and the body "{body}"'))
def still_holds(added: TestResponse, text: str, body: str) -> None:
    fields = dict(form_fields(added.text, NEW))
    assert (fields["text"], fields["responsible"]) == (text, body)


@then(parsers.parse('measure {number} reads "{text}"'))
def reads(web: Flask, number: str, text: str) -> None:
    assert web.extensions["planlogg"].app.get_plan(DEMO_PLAN).find_measure(number).text == text


@when(
    parsers.parse('Eli removes measure {number} because "{reason}"'),
    target_fixture="working",
)
def removes(web: Flask, editors: dict[str, FlaskClient], number: str, reason: str) -> str:
    url = removal_url(web, number)
    client = editors["Eli"]
    removed = client.post(url, data=filled(client.get(url).text, {"reason": reason}, url))
    assert removed.status_code == 303
    return client.get(removed.headers["Location"]).text


@then(parsers.parse('the working version says "{notice}"'))
def says(working: str, notice: str) -> None:
    assert NOTICE.findall(working) == [notice]


@then(parsers.parse("it lists measure {number} among the removed measures, not in the plan"))
def listed_as_removed(working: str, number: str) -> None:
    section = re.search(r'<section class="removed".*?</section>', working, re.S)
    assert section is not None and f"<strong>{number}</strong> (T028)" in section[0]
    assert row(working, number) == ""


@when(
    parsers.parse('Eli restores measure {number} from the working version because "{reason}"'),
    target_fixture="working",
)
def restores(editors: dict[str, FlaskClient], working: str, number: str, reason: str) -> str:
    url = f"/planer/{DEMO_PLAN}/tiltak/T028/gjenopprett"
    assert f'href="{url}"' in working
    client = editors["Eli"]
    restored = client.post(url, data=filled(client.get(url).text, {"reason": reason}, url))
    assert restored.status_code == 303
    return client.get(restored.headers["Location"]).text


@then(parsers.parse("it shows measure {number} in the plan again"))
def shown_again(working: str, number: str) -> None:
    assert "Nedsette en arbeidsgruppe i Helsefellesskapet" in row(working, number)
    assert '<section class="removed"' not in working


@then(parsers.parse("the log says why Eli removed measure {number} and why she restored it"))
def removal_and_restore_logged(web: Flask, number: str) -> None:
    rows = (
        web.extensions["planlogg"]
        .read_models.history(AuditQuery(plan=DEMO_PLAN, measure=number, source="web"))
        .rows
    )
    assert [(r.actor, r.field, r.before, r.after, r.reason) for r in rows] == [
        ("Eli (eli@helse.no)", "removed", "nei", "ja", "Slått sammen med 2.1.2A"),
        ("Eli (eli@helse.no)", "removed", "ja", "nei", "Fjernet ved en feil"),
    ]


@given(parsers.parse("Eli opened the removal of measure {number}"), target_fixture="opened")
def eli_opened(web: Flask, editors: dict[str, FlaskClient], number: str) -> str:
    return editors["Eli"].get(removal_url(web, number)).text


@given(parsers.parse('Emil has changed the text of measure {number} to "{text}"'))
def emil_changed(web: Flask, editors: dict[str, FlaskClient], number: str, text: str) -> None:
    url = f"/planer/{DEMO_PLAN}/tiltak/{measure_id(web, number)}/endre"
    form = editors["Emil"].get(url).text
    assert editors["Emil"].post(url, data=filled(form, {"Tiltak": text}, url)).status_code == 303


@when("Eli confirms the removal", target_fixture="confirmed")
def confirms(web: Flask, editors: dict[str, FlaskClient], opened: str) -> TestResponse:
    url = removal_url(web, "2.1.1")
    return editors["Eli"].post(url, data=filled(opened, {"reason": "Utgår"}, url))


@then("Eli's removal is refused because the measure changed since she opened it")
def refused_as_stale(confirmed: TestResponse) -> None:
    assert confirmed.status_code == 409
    assert "<h2>Tiltaket er endret etter at du åpnet skjemaet</h2>" in confirmed.text
    assert "av Emil (emil@helse.no), kilde: nett." in confirmed.text


@then(parsers.parse('Eli sees the text "{text}" to confirm the removal anew'))
def sees_now(web: Flask, confirmed: TestResponse, text: str) -> None:
    assert f"<p>{text}</p>" in confirmed.text
    fields = dict(form_fields(confirmed.text, removal_url(web, "2.1.1")))
    assert (fields["revision"], fields["reason"]) == ("2", "Utgår")


@then(parsers.parse("measure {number} is not removed"))
def not_removed(web: Flask, number: str) -> None:
    plan = web.extensions["planlogg"].app.get_plan(DEMO_PLAN)
    assert not plan.measure(measure_id(web, number)).removed

"""Steps for features/plan_title_and_period.feature (web, the test client as the browser).

The Background's steps are shared (features/conftest.py): the demo plan, and Eli and Emil
signed in as editors.
"""

from __future__ import annotations

from html import unescape

from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.demo import DEMO_PLAN
from domain.norwegian_time import oslo_today
from projections import AuditQuery
from tests.web.forms import filled, form_fields
from tests.web.journeys import caught_up

scenarios("plan_title_and_period.feature")

WORKING = f"/planer/{DEMO_PLAN}/arbeidsversjon"
ACTION = f"/planer/{DEMO_PLAN}/tittel-og-periode"
TITLE_BEFORE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"


def _save(client: FlaskClient, page: str, typed: dict[str, str]) -> TestResponse:
    return client.post(ACTION, data=filled(page, typed, ACTION))


@when(
    parsers.parse('Eli saves the title "{title}" and the period "{period}" because "{reason}"'),
    target_fixture="saved",
)
def save_both(
    editors: dict[str, FlaskClient], title: str, period: str, reason: str
) -> TestResponse:
    page = editors["Eli"].get(WORKING).text
    return _save(editors["Eli"], page, {"title": title, "period": period, "reason": reason})


@given("Eli and Emil both opened the working version", target_fixture="forms")
def both_opened(editors: dict[str, FlaskClient]) -> dict[str, str]:
    return {name: client.get(WORKING).text for name, client in editors.items()}


@when(
    parsers.re(r'(?P<name>Eli|Emil) saves the title "(?P<title>.+)" in the form (she|he) opened'),
    target_fixture="saved",
)
def save_opened(
    editors: dict[str, FlaskClient], forms: dict[str, str], name: str, title: str
) -> TestResponse:
    return _save(editors[name], forms[name], {"title": title})


@then(parsers.parse('the working version is titled "{title}", "{period}"'))
def titled(web: Flask, editors: dict[str, FlaskClient], title: str, period: str) -> None:
    caught_up(web)
    page = editors["Eli"].get(WORKING).text
    assert f"<h1>{title}</h1>" in page
    assert f"{period}. Eier: " in page


@then(
    parsers.parse(
        "the audit history says Eli changed the title and the period from the web "
        'because "{reason}"'
    )
)
def audited(web: Flask, reason: str) -> None:
    caught_up(web)
    rows = (
        web.extensions["planlogg"]
        .read_models.history(AuditQuery(plan=DEMO_PLAN, source="web", actor="Eli (eli@helse.no)"))
        .rows
    )
    assert sorted((r.field, r.before, r.after, r.reason) for r in rows) == [
        ("period", "2022–2025", "2022–2026", reason),
        ("title", TITLE_BEFORE, "Handlingsplan for helsefellesskapet 2022–2026", reason),
    ]


@then(parsers.parse('Emil\'s form is refused: the title was changed by Eli today to "{title}"'))
def refused(saved: TestResponse, title: str) -> None:
    assert saved.status_code == 409
    today = oslo_today().strftime("%d.%m.%Y")
    assert (
        f"Tittelen ble endret av Eli (eli@helse.no) {today} etter at du hentet den: den er nå "
        f"«{title}», ikke «{TITLE_BEFORE}». Ingenting er lagret."
    ) in unescape(saved.text)


@then(parsers.parse('Emil\'s form still holds "{title}"'))
def still_holds(saved: TestResponse, title: str) -> None:
    assert dict(form_fields(saved.text, ACTION))["title"] == title

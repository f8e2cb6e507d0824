"""An approval citing the decision that adopted an earlier version is refused at the case
number (web, the test client as the browser, on SQLite and PostgreSQL).

Anne's browser holds the page in front of her and sends its form as a browser without
JavaScript does: every field as shown, with her changes on top. After the refusal the page
in front of her is the form shown again, and her correction is sent from it.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.forms import field_errors, filled, form_fields
from tests.web.journeys import approvals_table, caught_up, page_text, staff_member, web_app
from tests.web.signed_in import ISSUER, NOW, signed_in

scenarios("approval_citing_another_versions_decision.feature")

pytestmark = pytest.mark.usefixtures("database_url")

URL = f"/planer/{DEMO_PLAN}/godkjenning"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Til godkjenning")


@pytest.fixture
def anne() -> dict[str, object]:
    """Anne's page ("page"), her last answer ("answer") and the events stored before it."""
    return {}


@given(
    parsers.parse(
        'the demo plan\'s version {version:d} is submitted for approval by "{first}" and "{second}"'
    ),
    target_fixture="web",
)
def submitted(store: Planlogg, database_url: str, version: int, first: str, second: str) -> Flask:
    load_demo(store)
    assert store.submit(DEMO_PLAN, [first, second], SECRETARIAT) == version
    return caught_up(web_app(store, database_url, CLOCK=lambda: NOW))


@given("Anne in the secretariat is an approver, signed in to the web", target_fixture="browser")
def anne_signed_in(web: Flask, store: Planlogg) -> FlaskClient:
    return signed_in(
        web, staff_member(store, ISSUER, "anne", "anne@helse.no", "Anne Lie", Role.APPROVER)
    )


@given(parsers.parse('the register holds "{case}" of {day}: "{wording}"'))
def registered(store: Planlogg, case: str, day: str, wording: str) -> None:
    decision = store.get_decision(DEMO_COMMUNITY, case)
    found = (decision.case, decision.meeting_date.strftime("%d.%m.%Y"), decision.text)
    assert found == (case, day, wording)


@when(
    parsers.parse(
        'Anne records the approval by "{body}" under "{case}" of "{day}" with the reason "{reason}"'
    )
)
def record(
    store: Planlogg,
    browser: FlaskClient,
    anne: dict[str, object],
    body: str,
    case: str,
    day: str,
    reason: str,
) -> None:
    anne["page"] = browser.get(URL).text
    send(store, browser, anne, {"body": body, "case": case, "meeting_date": day, "reason": reason})


@when(parsers.parse('Anne changes the meeting date to "{day}" and sends the form again'))
def change_day(store: Planlogg, browser: FlaskClient, anne: dict[str, object], day: str) -> None:
    send(store, browser, anne, {"meeting_date": day})


@when(parsers.parse('Anne corrects the case to "{case}" and sends the form again'))
def correct(store: Planlogg, browser: FlaskClient, anne: dict[str, object], case: str) -> None:
    send(store, browser, anne, {"case": case})


def send(
    store: Planlogg, browser: FlaskClient, anne: dict[str, object], changes: dict[str, str]
) -> None:
    """Send the form on Anne's page; a refusal's page is the one she then has."""
    data = filled(str(anne["page"]), dict(changes), URL)
    assert data.get("csrf_token"), "Annes side har ikkje godkjenningsskjemaet"
    anne["events"] = store.recorder.max_notification_id()
    answer = browser.post(URL, data=data)
    anne["answer"] = answer
    anne["page"] = answer.text


def answer_of(anne: dict[str, object]) -> TestResponse:
    answer = anne["answer"]
    assert isinstance(answer, TestResponse)
    return answer


@then(
    parsers.parse(
        'Anne\'s approval is refused at "{label}" with "{message}", and nothing is recorded'
    )
)
def refused_at_the_case(store: Planlogg, anne: dict[str, object], label: str, message: str) -> None:
    answer = answer_of(anne)
    assert answer.status_code == 422
    assert store.recorder.max_notification_id() == anne["events"]
    assert field_errors(answer.text) == {"case": message}
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', answer.text, re.S)
    assert summary is not None
    assert [page_text(heading) for heading in re.findall(r"<h2>(.*?)</h2>", summary[1])] == [
        "Godkjenningen ble ikke registrert"
    ]
    assert re.findall(r"<li>(.*?)</li>", summary[1], re.S) == [
        f'<a href="#case">{label}: {message}</a>'
    ]
    submission = store.get_plan(DEMO_PLAN).header.submission
    assert submission is not None and dict(submission.approvals) == {}


@then(
    parsers.parse(
        'Anne\'s form is shown again as she typed it: "{body}", "{case}", "{day}", "{reason}"'
    )
)
def shown_as_typed(anne: dict[str, object], body: str, case: str, day: str, reason: str) -> None:
    fields = dict(form_fields(str(anne["page"]), URL))
    typed = (fields["body"], fields["case"], fields["meeting_date"], fields["reason"])
    assert typed == (body, case, day, reason)
    assert fields["version"] == "2"


@then(parsers.parse('Anne is told "{notice}"'))
def told(browser: FlaskClient, anne: dict[str, object], notice: str) -> None:
    answer = answer_of(anne)
    assert answer.status_code == 303
    page = browser.get(answer.headers["Location"])
    assert page.status_code == 200
    anne["page"] = page.text
    shown = re.findall(r'<p class="notice" role="status">(.*?)</p>', page.text, re.S)
    assert [page_text(found) for found in shown] == [notice]


@then("the approval page lists these approvals of version 2:")
def approvals_listed(anne: dict[str, object], datatable: list[list[str]]) -> None:
    assert approvals_table(str(anne["page"])) == datatable

"""An approval registered by mistake is withdrawn before the version is adopted (web, the test
client as the browser, on SQLite and PostgreSQL).

Anne's browser holds the page in front of her, and sends a form as a browser without
JavaScript does: every field as shown, with her changes on top. The withdrawal form she
sends is the one under the approval she withdraws.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.forms import filled
from tests.web.journeys import approvals_table, caught_up, page_text, staff_member, web_app
from tests.web.signed_in import ISSUER, NOW, signed_in

scenarios("approval_withdrawn.feature")

pytestmark = pytest.mark.usefixtures("database_url")

URL = f"/planer/{DEMO_PLAN}/godkjenning"
WITHDRAW = f"{URL}/trekk-tilbake"
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


@given(
    "Anne in the secretariat is an approver, and Rita an auditor, signed in to the web",
    target_fixture="browsers",
)
def people_signed_in(web: Flask, store: Planlogg) -> dict[str, FlaskClient]:
    return {
        "Anne": signed_in(
            web, staff_member(store, ISSUER, "anne", "anne@helse.no", "Anne Lie", Role.APPROVER)
        ),
        "Rita": signed_in(
            web,
            staff_member(store, ISSUER, "rita", "rita@helse.no", "Rita Revisor", Role.AUDITOR),
        ),
    }


@given(parsers.parse('Anne has recorded the approval by "{body}" under "{case}" of "{day}"'))
@when(parsers.parse('Anne records the approval by "{body}" under "{case}" of "{day}"'))
def record(
    browsers: dict[str, FlaskClient], anne: dict[str, object], body: str, case: str, day: str
) -> None:
    browser = browsers["Anne"]
    page = browser.get(URL).text
    changes = {"body": body, "case": case, "meeting_date": day, "reason": "Protokoll"}
    answer = browser.post(URL, data=filled(page, changes, URL))
    assert answer.status_code == 303
    anne["page"] = browser.get(answer.headers["Location"]).text


@when(parsers.re(r'Anne withdraws (?P<body>\w+)\'s approval with the reason "(?P<reason>[^"]*)"'))
def withdraw(
    store: Planlogg,
    browsers: dict[str, FlaskClient],
    anne: dict[str, object],
    body: str,
    reason: str,
) -> None:
    page = str(anne["page"])
    start = page.index(f"Trekk tilbake godkjenningen fra {body} ")
    anne["events"] = store.recorder.max_notification_id()
    anne["answer"] = browsers["Anne"].post(
        WITHDRAW, data=filled(page[start:], {"reason": reason}, WITHDRAW)
    )


def answer_of(anne: dict[str, object]) -> TestResponse:
    answer = anne["answer"]
    assert isinstance(answer, TestResponse)
    return answer


@then(parsers.parse('Anne is told "{notice}"'))
def told(browsers: dict[str, FlaskClient], anne: dict[str, object], notice: str) -> None:
    answer = answer_of(anne)
    assert answer.status_code == 303
    page = browsers["Anne"].get(answer.headers["Location"]).text
    anne["page"] = page
    shown = re.findall(r'<p class="notice" role="status">(.*?)</p>', page, re.S)
    assert [page_text(found) for found in shown] == [notice]


@then(
    parsers.parse(
        'Anne\'s withdrawal is refused with "{message}" beside the reason, and nothing is withdrawn'
    )
)
def refused_beside_the_reason(store: Planlogg, anne: dict[str, object], message: str) -> None:
    answer = answer_of(anne)
    assert answer.status_code == 422
    assert store.recorder.max_notification_id() == anne["events"]
    summary = re.search(r'<div class="error-summary"[^>]*>.*?<ul>(.*?)</ul>', answer.text, re.S)
    assert summary is not None
    assert [page_text(item) for item in re.findall(r"<li>(.*?)</li>", summary[1], re.S)] == [
        f"Hvorfor trekkes godkjenningen tilbake?: {message}"
    ]
    assert f'<p class="error" id="withdraw-reason-error">{message}</p>' in answer.text
    submission = store.get_plan(DEMO_PLAN).header.submission
    assert submission is not None and list(submission.approvals) == ["ASU"]


@then("the approval page lists these approvals of version 2:")
def approvals_listed(anne: dict[str, object], datatable: list[list[str]]) -> None:
    assert approvals_table(str(anne["page"])) == datatable


@then("the approval page offers no approval to withdraw")
def none_to_withdraw(anne: dict[str, object]) -> None:
    page = str(anne["page"])
    assert "Alle organer har godkjent: planen er nå vedtatt." in page
    assert "Trekk tilbake" not in page
    assert WITHDRAW not in page


@then("Rita reads these changes from the web in the plan's change log:")
def change_log(web: Flask, browsers: dict[str, FlaskClient], datatable: list[list[str]]) -> None:
    """The auditor's history of the plan, of changes from the web; each row's cells by the
    column they stand in (`data-label`)."""
    web.extensions["planlogg"].read_models.read_your_writes()
    page = browsers["Rita"].get(f"/revisjon/?plan={DEMO_PLAN}&source=web")
    assert page.status_code == 200
    body = re.search(
        r'<table class="history[^"]*"[^>]*>.*?<tbody[^>]*>(.*?)</tbody>', page.text, re.S
    )
    assert body is not None
    columns = datatable[0]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body[1], re.S):
        cells = dict(re.findall(r'<td[^>]*data-label="([^"]+)"[^>]*>(.*?)</td>', row, re.S))
        rows.append([page_text(cells[column]) for column in columns])
    assert [columns, *rows] == datatable

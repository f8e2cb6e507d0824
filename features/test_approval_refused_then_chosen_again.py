"""A refused approval leaves the body to be chosen again (web, the test client as the browser,
on SQLite and PostgreSQL).

Each person's browser holds the page in front of them: the form they opened, or the form
shown again after a refusal. Sending it is what a browser without JavaScript sends: every
field as shown, with the person's changes on top (a list left alone sends its selected
option, else its first). People are signed in by the session a sign-in leaves.
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
from tests.web.forms import filled, form_fields
from tests.web.journeys import approvals_table, caught_up, page_text, staff_member, web_app
from tests.web.signed_in import ISSUER, NOW, signed_in

scenarios("approval_refused_then_chosen_again.feature")

pytestmark = pytest.mark.usefixtures("database_url")

URL = f"/planer/{DEMO_PLAN}/godkjenning"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Til godkjenning")
PEOPLE = {
    "Anne": ("anne", "anne@helse.no", "Anne Lie", Role.APPROVER),
    "Per": ("per", "per@helse.no", "Per Dahl", Role.APPROVER),
    "Rita": ("rita", "rita@helse.no", "Rita Revisor", Role.AUDITOR),
}


@pytest.fixture
def pages() -> dict[str, str]:
    """The page each person has in front of them, by name."""
    return {}


@pytest.fixture
def sent() -> dict[str, object]:
    """The last form sent: its "answer", and the "events" stored before it was sent."""
    return {}


def events(store: Planlogg) -> int:
    return store.recorder.max_notification_id() or 0


@given(
    parsers.parse(
        'the demo plan\'s version {version:d} is submitted for approval by "{first}" and "{second}"'
    ),
    target_fixture="web",
)
def submitted(store: Planlogg, database_url: str, version: int, first: str, second: str) -> Flask:
    """The demo on SQLite and on PostgreSQL (`database_url` is parametrised), submitted."""
    load_demo(store)
    assert store.submit(DEMO_PLAN, [first, second], SECRETARIAT) == version
    return caught_up(web_app(store, database_url, CLOCK=lambda: NOW))


@given(
    "Anne and Per in the secretariat are approvers, and Rita an auditor, signed in to the web",
    target_fixture="browsers",
)
def people_signed_in(web: Flask, store: Planlogg) -> dict[str, FlaskClient]:
    return {
        name: signed_in(web, staff_member(store, ISSUER, subject, email, full_name, role))
        for name, (subject, email, full_name, role) in PEOPLE.items()
    }


@given(parsers.parse("Anne and Per both opened the approval form of version {version:d}"))
def both_opened(browsers: dict[str, FlaskClient], pages: dict[str, str], version: int) -> None:
    for name in ("Anne", "Per"):
        page = browsers[name].get(URL)
        assert page.status_code == 200
        assert ("version", str(version)) in form_fields(page.text, URL)
        pages[name] = page.text


@when(
    parsers.re(
        r'(?P<name>Anne|Per) records the approval by "(?P<body>[^"]+)" under "(?P<case>[^"]+)" '
        r'of "(?P<day>[^"]+)" with the reason "(?P<reason>[^"]+)"'
    )
)
def record(
    store: Planlogg,
    browsers: dict[str, FlaskClient],
    pages: dict[str, str],
    sent: dict[str, object],
    name: str,
    body: str,
    case: str,
    day: str,
    reason: str,
) -> None:
    changes: dict[str, str | list[str]] = {
        "body": body,
        "case": case,
        "meeting_date": day,
        "reason": reason,
    }
    send(store, browsers[name], pages, sent, name, changes)


@when("Per sends the form shown again as it stands")
def send_as_shown(
    store: Planlogg,
    browsers: dict[str, FlaskClient],
    pages: dict[str, str],
    sent: dict[str, object],
) -> None:
    send(store, browsers["Per"], pages, sent, "Per", {})


def send(
    store: Planlogg,
    browser: FlaskClient,
    pages: dict[str, str],
    sent: dict[str, object],
    name: str,
    changes: dict[str, str | list[str]],
) -> None:
    """Send the form on the person's page; a refusal's page is the one they then have."""
    data = filled(pages[name], changes, URL)
    assert data.get("csrf_token"), f"{name}s side har ikkje godkjenningsskjemaet"
    sent["events"] = events(store)
    answer = browser.post(URL, data=data)
    sent["answer"] = answer
    pages[name] = answer.text


def answer_of(sent: dict[str, object]) -> TestResponse:
    answer = sent["answer"]
    assert isinstance(answer, TestResponse)
    return answer


@then(parsers.re(r'(?P<name>Anne|Per) is told "(?P<notice>[^"]+)"'))
def told(
    browsers: dict[str, FlaskClient],
    pages: dict[str, str],
    sent: dict[str, object],
    name: str,
    notice: str,
) -> None:
    answer = answer_of(sent)
    assert answer.status_code == 303
    page = browsers[name].get(answer.headers["Location"])
    assert page.status_code == 200
    pages[name] = page.text
    shown = re.findall(r'<p class="notice" role="status">(.*?)</p>', page.text, re.S)
    assert [page_text(notice_html) for notice_html in shown] == [notice]


@then(parsers.parse('Per\'s approval is refused with "{message}" and nothing is recorded'))
def refused(store: Planlogg, sent: dict[str, object], message: str) -> None:
    answer = answer_of(sent)
    assert answer.status_code == 409
    assert events(store) == sent["events"]
    box = re.search(r'<div class="stale" role="alert"[^>]*>(.*?)</div>', answer.text, re.S)
    assert box is not None
    assert re.findall(r"<h2>(.*?)</h2>", box[1]) == ["Godkjenningen ble ikke registrert"]
    assert re.findall(r"<p>(.*?)</p>", box[1]) == [
        message,
        "Under står innsendingen slik den er nå.",
    ]


@then(parsers.parse('Per is told what he typed: "{line}"'))
def typed_line(sent: dict[str, object], line: str) -> None:
    shown = re.findall(r'<p class="typed-text">(.*?)</p>', answer_of(sent).text, re.S)
    assert [page_text(typed) for typed in shown] == [line]


@then(
    parsers.parse('Per\'s form is shown again on "{first}", with "{body}" the only body to choose')
)
def shown_again(pages: dict[str, str], first: str, body: str) -> None:
    select = re.search(r'<select id="body" name="body"[^>]*>(.*?)</select>', pages["Per"], re.S)
    assert select is not None
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select[1])
    assert options == [("", " selected", first), (body, "", body)]
    assert ("body", "") in form_fields(pages["Per"], URL)


@then(
    parsers.parse(
        'Per\'s approval is refused with "{message}" beside the body, and nothing is recorded'
    )
)
def refused_beside_the_body(
    store: Planlogg, pages: dict[str, str], sent: dict[str, object], message: str
) -> None:
    answer = answer_of(sent)
    assert answer.status_code == 422
    assert events(store) == sent["events"]
    summary = re.search(r'<div class="error-summary"[^>]*>.*?<ul>(.*?)</ul>', answer.text, re.S)
    assert summary is not None
    assert re.findall(r"<li>(.*?)</li>", summary[1], re.S) == [f'<a href="#body">{message}</a>']
    label, said = message.split(": ", 1)
    assert label == "Organ"
    assert f'<p class="error" id="body-error">{said}</p>' in pages["Per"]


@then("the approval page lists these approvals of version 2:")
def approvals_listed(pages: dict[str, str], datatable: list[list[str]]) -> None:
    assert approvals_table(pages["Per"]) == datatable


@then("Rita reads these approvals from the web in the plan's change log:")
def change_log(web: Flask, browsers: dict[str, FlaskClient], datatable: list[list[str]]) -> None:
    """The auditor's history of the plan, filtered to approvals from the web; each row's
    cells by the column they stand in (`data-label`)."""
    web.extensions["planlogg"].read_models.read_your_writes()
    page = browsers["Rita"].get(f"/revisjon/?plan={DEMO_PLAN}&field=approval&source=web")
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

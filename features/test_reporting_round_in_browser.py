"""Steps for features/reporting_round_in_browser.feature: the secretariat opens and closes a
reporting round on the dashboard (the test client as a browser without JavaScript, forms
sent as shown), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html import unescape

import pytest
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenario, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.people import Role
from domain.provenance import Provenance, Source
from projections import AuditQuery
from tests.web.forms import filled
from tests.web.signed_in import NOW, person_with, signed_in
from web import create_app
from web.tokens import InMemoryTokenStore

DASHBOARD = f"/planer/{DEMO_PLAN}/dashbord"
OPEN = f"{DASHBOARD}/runde/ny"
CLOSE = f"{DASHBOARD}/runde/lukk"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 40/24")


@scenario(
    "reporting_round_in_browser.feature",
    "The secretariat opens a round in the browser, is refused a second, and closes it once asked",
)
def test_the_secretariat_runs_a_round_in_the_browser(database_url: str) -> None:
    """Runs on SQLite and PostgreSQL (`database_url` is parametrised)."""


@pytest.fixture
def demo(database_url: str) -> Iterator[Planlogg]:
    app = Planlogg.from_url(database_url)
    load_demo(app)
    yield app
    app.close()


@given(
    parsers.parse(
        'the St. Olavs demo on a database, its round R1 closed and "{decision}" registered'
    ),
    target_fixture="app",
)
def demo_with_decision(demo: Planlogg, decision: str) -> Planlogg:
    body, case = decision.split(" ", 1)
    demo.record_decision(
        DEMO_COMMUNITY, case, body, date(2025, 2, 13), "ASU ber fagråda rapportere status.",
        SECRETARIAT, plan=DEMO_PLAN,
    )  # fmt: skip
    demo.close_reporting_round(DEMO_PLAN, SECRETARIAT, "R1")
    return demo


@given(parsers.parse("Eli is an editor signed in to the web on {day}"), target_fixture="eli")
def eli_signed_in(app: Planlogg, database_url: str, day: str) -> FlaskClient:
    web = create_app(
        {"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True,
         "CLOCK": lambda: NOW, "TODAY": _iso(day)},
        app=app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    web.extensions["planlogg"].read_models.read_your_writes()
    return signed_in(web, person_with(app, Role.EDITOR))


def _iso(day: str) -> str:
    d, m, y = day.split(".")
    return f"{y}-{m}-{d}"


def _open(eli: FlaskClient, decision: str, deadline: str, bodies: list[str] | None) -> TestResponse:
    """The dashboard's «Åpne rapporteringsrunde», its form filled in as shown, then sent."""
    dashboard = eli.get(DASHBOARD).text
    link = re.search(
        r'<a class="button-link" href="([^"]+)">Åpne rapporteringsrunde</a>', dashboard
    )
    form = eli.get(link[1] if link else OPEN).text
    changes: dict[str, str | list[str]] = {"decision": decision, "deadline": deadline}
    if bodies is not None:
        ids = dict(
            re.findall(r'value="([^"]+)"[^>]*><label for="body-[^"]+">([^<(]+?)(?: \(|<)', form)
        )
        named = {name.strip(): value for value, name in ids.items()}
        changes["bodies"] = [named[b] for b in bodies]
    return eli.post(OPEN, data=filled(form, changes, OPEN))


@when(
    parsers.parse(
        'Eli opens a round on the dashboard citing "{decision}" with deadline {deadline} for:'
    ),
    target_fixture="answer",
)
def opens_a_round(
    eli: FlaskClient, decision: str, deadline: str, datatable: list[list[str]]
) -> TestResponse:
    answer = _open(eli, decision, deadline, [row[0] for row in datatable[1:]])
    assert answer.status_code == 303, answer.text
    return answer


@when(
    parsers.parse(
        'Eli opens another round on the dashboard citing "{decision}" with deadline {deadline}'
    ),
    target_fixture="answer",
)
def opens_another(eli: FlaskClient, decision: str, deadline: str) -> TestResponse:
    form = eli.get(OPEN).text
    assert 'class="notice" role="status">Rapporteringsrunde R2' in form  # no form to fill in
    token = re.search(r'name="csrf_token" value="([^"]+)"', eli.get(DASHBOARD).text)
    assert token
    return eli.post(OPEN, data={
        "csrf_token": token[1], "decision": decision, "deadline": deadline,
        "bodies": "sekretariat", "schedule": "14,3,-1",
    })  # fmt: skip


@then(parsers.parse('the dashboard says "{words}"'))
def dashboard_says(eli: FlaskClient, answer: TestResponse, words: str) -> None:
    page = eli.get(answer.headers["Location"]).text
    found = re.search(r'<div class="notice" role="status">\s*<p>(.*?)</p>', page, re.S)
    assert found and unescape(found[1]) == words


@then(
    parsers.parse(
        'the open round is "{round_id}" with deadline {deadline}, citing "{decision}", '
        "opened from the web"
    )
)
def open_round_is(
    app: Planlogg, eli: FlaskClient, round_id: str, deadline: str, decision: str
) -> None:
    plan = app.get_plan(DEMO_PLAN)
    state = plan.rounds[round_id]
    assert (plan.open_round_id(), state.deadline.strftime("%d.%m.%Y"), state.decision) == (
        round_id, deadline, decision,
    )  # fmt: skip
    models = eli.application.extensions["planlogg"].read_models
    rows = models.history(AuditQuery(plan=DEMO_PLAN, decision=decision, source="web")).rows
    assert [r.event_type for r in rows] == ["ReportingRoundOpened"]


@then(parsers.parse('the form is refused with "{words}"'))
def form_refused(answer: TestResponse, words: str) -> None:
    assert answer.status_code == 409
    assert f"<p>{words}</p>" in unescape(answer.text)


@pytest.fixture
def shown() -> list[str]:
    """The dashboards Eli was shown, in order."""
    return []


@when("Eli follows «Lukk runden» on the dashboard", target_fixture="asked")
def follows_close(eli: FlaskClient) -> str:
    dashboard = eli.get(DASHBOARD).text
    link = re.search(r'<a class="button-link secondary" href="([^"]+)">Lukk runden<', dashboard)
    assert link
    return eli.get(link[1]).text


@then(parsers.parse('the page asks "{question}" saying "{words}"'))
def page_asks(asked: str, question: str, words: str) -> None:
    assert f"<h1>{question}</h1>" in asked
    assert f'<p class="lead">{words}</p>' in asked


@when("Eli follows «Avbryt»")
def follows_cancel(eli: FlaskClient, asked: str) -> None:
    link = re.search(r'<a class="button-link secondary" href="([^"]+)">Avbryt</a>', asked)
    assert link
    assert eli.get(link[1]).status_code == 200


@when("Eli presses «Lukk runden» on that page", target_fixture="answer")
def presses_close(eli: FlaskClient, asked: str, shown: list[str]) -> TestResponse:
    shown.append(asked)
    return eli.post(CLOSE, data=filled(asked, {}, CLOSE))


@when("Eli presses «Lukk runden» again on the page shown before", target_fixture="answer")
def presses_close_again(eli: FlaskClient, shown: list[str]) -> TestResponse:
    return eli.post(CLOSE, data=filled(shown[-1], {}, CLOSE))


@then("no reporting round is open")
def none_open(app: Planlogg) -> None:
    assert app.get_plan(DEMO_PLAN).open_round_id() is None
    assert app.get_plan(DEMO_PLAN).rounds["R2"].closed


@then(parsers.parse("round {round_id} was closed once"))
def closed_once(app: Planlogg, eli: FlaskClient, round_id: str) -> None:
    models = eli.application.extensions["planlogg"].read_models
    rows = models.history(AuditQuery(plan=DEMO_PLAN, source="web")).rows
    assert [r.event_type for r in rows].count("ReportingRoundClosed") == 1
    assert app.get_plan(DEMO_PLAN).rounds[round_id].closed

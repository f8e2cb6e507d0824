"""Steps for features/audit_history.feature."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pytest_bdd import given, parsers, scenario, then, when

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import AuditQuery, AuditRow, ReadModels
from tests.projections import plans


@scenario(
    "audit_history.feature",
    "An auditor finds who changed a measure's responsible body and under which decision",
)
def test_an_auditor_finds_who_changed_the_responsible_body(app: Planlogg) -> None:
    """Runs on SQLite and PostgreSQL (the `app` fixture is parametrised)."""


@scenario("audit_history.feature", "The plan as it stood before a revision")
def test_the_plan_as_it_stood_before_a_revision(app: Planlogg) -> None:
    """Runs on SQLite and PostgreSQL."""


@pytest.fixture
def models(app: Planlogg) -> ReadModels:
    return ReadModels.open(app)


@given(
    parsers.parse(
        'an adopted plan "{key}" where measure "{number}" is the responsibility of "{body}"'
    ),
    target_fixture="key",
)
def adopted_plan(app: Planlogg, key: str, number: str, body: str) -> str:
    assert key == plans.KEY
    plans.draft(app)
    assert app.get_plan(key).find_measure(number).responsible == (body,)
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    return key


@when(
    parsers.parse(
        '"{actor}" on the web makes "{body}" responsible for measure "{number}" under "{case}"'
    )
)
def reassign(app: Planlogg, key: str, actor: str, body: str, number: str, case: str) -> None:
    app.start_revision(key, plans.SECRETARIAT)
    app.assign_responsible(
        key, number, [body], Provenance(actor, Source.WEB, reason="Nytt fagråd", decision=case)
    )


@when(
    parsers.parse('the auditor asks for the history of measure "{number}"'),
    target_fixture="timeline",
)
def ask_history(models: ReadModels, key: str, number: str) -> list[AuditRow]:
    models.read_your_writes()
    return list(models.history(AuditQuery(plan=key, measure=number, limit=None)).rows)


@then(
    parsers.parse('the last change of "{field}" was made by "{actor}" from "{source}"'),
    target_fixture="change",
)
def last_change(timeline: list[AuditRow], field: str, actor: str, source: str) -> AuditRow:
    change = [row for row in timeline if row.field == field][-1]
    assert (change.actor, change.source) == (actor, source)
    return change


@then(parsers.parse('it changed "{before}" to "{after}"'))
def changed(change: AuditRow, before: str, after: str) -> None:
    assert (change.before, change.after) == (before, after)


@then(parsers.parse('it follows from decision "{case}"'))
def follows_from(change: AuditRow, case: str) -> None:
    assert change.decision == case


@when(
    parsers.parse('the secretariat starts a revision and removes measure "{number}"'),
    target_fixture="before_revision",
)
def revise(app: Planlogg, key: str, number: str) -> datetime:
    moment = datetime.now(UTC)
    app.start_revision(key, plans.SECRETARIAT)
    app.remove_measure(key, number, plans.SECRETARIAT)
    return moment


@then(parsers.parse('the plan as it stood before the revision still has measure "{number}"'))
def still_there(models: ReadModels, key: str, before_revision: datetime, number: str) -> None:
    then_plan = models.plan_as_of(key, before_revision)
    assert then_plan is not None and then_plan.measure(number) is not None


@then(parsers.parse('the current plan has no measure "{number}"'))
def gone_now(models: ReadModels, key: str, number: str) -> None:
    models.read_your_writes()
    current = models.current_plan(key)
    assert current is not None and current.measure(number) is None

"""Steps for features/register_of_bodies.feature (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from pytest_bdd import given, parsers, scenario, then, when

from domain.application import Planlogg
from domain.errors import ValidationError
from domain.provenance import Provenance, Source
from projections import AuditQuery, Dashboard, ReadModels


@scenario(
    "register_of_bodies.feature", "Merging spelling variants makes the dashboard count one body"
)
def test_merging_spelling_variants_makes_the_dashboard_count_one_body(app: Planlogg) -> None:
    """Runs on SQLite and PostgreSQL (the `app` fixture is parametrised)."""


@scenario(
    "register_of_bodies.feature",
    "A decision is registered once, whichever name of its body it is given with",
)
def test_a_decision_is_registered_once_whichever_name_of_its_body(app: Planlogg) -> None:
    """Runs on SQLite and PostgreSQL (the `app` fixture is parametrised)."""


KEY = "hf-2025"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Organregister")
TODAY = date(2025, 9, 2)


@pytest.fixture
def models(app: Planlogg) -> ReadModels:
    return ReadModels.open(app)


def _board(models: ReadModels) -> Dashboard:
    models.catch_up()
    return models.dashboard(KEY, today=TODAY)


@given(parsers.parse('a plan whose measures name "{body}" as "{a}", "{b}" and "{c}"'))
def plan_with_spellings(app: Planlogg, a: str, b: str, c: str) -> None:
    app.register_community("hf", "Helsefellesskapet", SECRETARIAT)
    app.create_plan(KEY, "Handlingsplan", "hf", 2025, 2026, SECRETARIAT)
    app.add_area(KEY, "1", "Samhandling", SECRETARIAT)
    app.add_goal(KEY, "1.1", "Brukarmedverknad", SECRETARIAT)
    for number, spelling in (("1.1.1", a), ("1.1.2", b), ("1.1.3", c)):
        app.add_measure(KEY, number, f"Tiltak {number}", SECRETARIAT, responsible=[spelling])


@given(parsers.parse('the community has registered "{body}"'))
def registered(app: Planlogg, body: str) -> None:
    app.add_body("hf", body, "fagleg", SECRETARIAT)


@given(parsers.parse('a reporting round asks "{body}" to report'))
def round_opened(app: Planlogg, body: str) -> None:
    app.record_decision(
        "hf", "sak 11/25", "SSU", date(2025, 6, 12), "Status innan 11.09.", SECRETARIAT
    )
    decided = Provenance("Sekretariatet", Source.CLI, decision="SSU sak 11/25")
    app.open_reporting_round(KEY, date(2025, 9, 11), [body], decided)


@when(parsers.parse('the reporter reports green on the measure that names it "{spelling}"'))
def report(app: Planlogg, spelling: str) -> None:
    for number in ("1.1.1", "1.1.3"):
        app.report_status(KEY, number, "grønn", "I rute.", SECRETARIAT, reported_on=TODAY)


@when(parsers.parse('the secretariat merges "{variant}" into "{body}"'))
def merge(app: Planlogg, variant: str, body: str) -> None:
    assert app.merge_bodies("hf", [variant], body, SECRETARIAT).variants == (variant,)


@then(parsers.parse('the dashboard shows "{body}" with {n:d} measures and "{other}" with {m:d}'))
def two_rows(models: ReadModels, body: str, n: int, other: str, m: int) -> None:
    counts = [(c.name, c.green + c.not_reported) for c in _board(models).by_body]
    assert counts == [(body, n), (other, m)]


@then(parsers.parse('the dashboard shows "{body}" with {n:d} measures and no other body'))
def one_row(models: ReadModels, body: str, n: int) -> None:
    counts = [(c.name, c.green + c.not_reported) for c in _board(models).by_body]
    assert counts == [(body, n)]


@then(parsers.parse('the round counts "{body}" as having reported'))
def reported(models: ReadModels, body: str) -> None:
    found = _board(models).open_round
    assert found is not None
    assert (found.bodies, found.missing_bodies) == ((body,), ())


@then(parsers.parse('the round counts "{body}" as not having reported'))
def not_reported(models: ReadModels, body: str) -> None:
    found = _board(models).open_round
    assert found is not None
    assert (found.missing_bodies, found.missing_body_ids) == (
        (body,),
        ("fagrad-for-pasientsamarbeid",),
    )


@then(parsers.parse('the audit trail records the merge as "{event}"'))
def merge_audited(models: ReadModels, event: str) -> None:
    models.catch_up()
    rows = models.history(AuditQuery(field="body_aliases")).rows
    assert [(r.actor, r.event_type, r.after) for r in rows] == [
        ("Sekretariatet", event, "hf: Fagråd for pasientsamarbeid: Fagråd pasient-samarbeid")
    ]


@given(parsers.parse('the community has registered "{body}" with the short name "{short}"'))
def registered_with_short_name(app: Planlogg, body: str, short: str) -> None:
    app.register_community("hf", "Helsefellesskapet", SECRETARIAT)
    app.add_body("hf", body, "strategisk", SECRETARIAT, short_name=short)


@when(
    parsers.parse('the secretariat registers "{case}" of "{body}"'), target_fixture="registered_as"
)
def decision_registered(app: Planlogg, case: str, body: str) -> str:
    return app.record_decision("hf", case, body, date(2022, 3, 10), "Godkjent.", SECRETARIAT)


@then(parsers.parse('the decision stands in the register as "{case}"'))
def stands_as(app: Planlogg, registered_as: str, case: str) -> None:
    assert registered_as == case
    assert app.get_decision("hf", case).case == case


@then(parsers.parse('registering "{case}" again is refused with "{refusal}"'))
def refused_again(app: Planlogg, case: str, refusal: str) -> None:
    with pytest.raises(ValidationError) as refused:
        app.record_decision("hf", case, "", date(2022, 3, 10), "Godkjent.", SECRETARIAT)
    assert refused.value.message == refusal

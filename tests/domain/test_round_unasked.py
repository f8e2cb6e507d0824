"""Measures a round asks no body about because a body they name is not in the register: the
round's bodies are compared by id, and a name no body has stays as typed, so no round body's
«mangler» list holds them and nobody is reminded about them (`domain.reminders.unasked`)."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from domain.reminders import as_registered, unasked, unreported_numbers

SECRETARIAT = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 4/24")
ROUND_BODIES = ("fagrad-for-pasientsamarbeid", "fagrad-for-digital-samhandling", "sekretariat")


def _demo() -> Planlogg:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    return app


def _unasked(app: Planlogg) -> tuple[str, ...]:
    plan = app.get_plan(DEMO_PLAN)
    register = app.body_register(plan.header.owner)
    _round_id, state = plan.open_round()
    return unasked(state.bodies, as_registered(plan.reporting_measures(), register), register)


def test_measures_naming_only_unregistered_or_unasked_bodies_are_in_no_bodys_list() -> None:
    app = _demo()
    plan = app.get_plan(DEMO_PLAN)
    register = app.body_register(plan.header.owner)
    round_id, state = plan.open_round()
    measures = as_registered(plan.reporting_measures(), register)
    missing = {n for b in state.bodies for n in unreported_numbers(b, round_id, measures)}

    found = _unasked(app)

    assert state.bodies == ROUND_BODIES
    assert found == ("1.4.1", "1.5.1", "2.1.1", "4.1.1", "5.2.2")
    assert missing.isdisjoint(found)


def test_a_spelling_merged_into_a_body_of_the_round_is_asked_at_once() -> None:
    app = _demo()
    app.merge_bodies(
        DEMO_COMMUNITY,
        ["Fagråd pasient-samarbeid med støtte fra øvrige fagråd"],
        "Fagråd for pasientsamarbeid",
        SECRETARIAT,
    )

    assert _unasked(app) == ("2.1.1", "4.1.1", "5.2.2")


def test_a_round_naming_a_registered_body_of_a_measure_asks_about_it() -> None:
    """4.1.1 names ASU (registered) and «Fagråd» (not): a round asking ASU asks about it."""
    app = _demo()
    app.close_reporting_round(DEMO_PLAN, SECRETARIAT)
    app.open_reporting_round(DEMO_PLAN, date(2024, 11, 1), [*ROUND_BODIES, "ASU"], SECRETARIAT)

    assert _unasked(app) == ("1.4.1", "1.5.1", "2.1.1", "5.2.2")

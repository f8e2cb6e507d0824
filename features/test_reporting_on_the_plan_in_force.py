"""Bodies report on the plan in force while the next version is drafted (the command line,
on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios, then

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo

scenarios("reporting_on_the_plan_in_force.feature")

pytestmark = pytest.mark.usefixtures("database_url")


@given("the demo plan on a database, version 1 in force and version 2 drafted")
def demo_under_revision(store: Planlogg) -> None:
    load_demo(store)
    header = store.get_plan(DEMO_PLAN).header
    if (header.adopted_version, header.working_version) != (1, 2):
        raise ValueError(f"Demoplanen er ikkje under revisjon: {header}")


@then(
    parsers.parse('measure {number} of version 1 is "{word}" with "{comment}" in round {round_id}')
)
def reported(store: Planlogg, number: str, word: str, comment: str, round_id: str) -> None:
    plan = store.get_plan(DEMO_PLAN)
    [measure] = [m for m in plan.reporting_measures() if m.number == number]
    assert plan.measure(measure.id).removed  # removed from the draft, in force all the same
    assert measure.status is not None
    assert (measure.status.colour.label, measure.status.comment, measure.status.round_id) == (
        word,
        comment,
        round_id,
    )


@then(parsers.parse("measure {number} of the draft has no status reported"))
def not_reported(store: Planlogg, number: str) -> None:
    assert store.get_plan(DEMO_PLAN).find_measure(number).status is None

"""Which measures of the working version no version in force has (`drafted_only`): the
working plan page offers them no evaluation, since the plan refuses one until a version
that has them is adopted (`Plan.reporting_measure`)."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from projections import ReadModels
from tests.projections.plans import KEY, SECRETARIAT, adopt, draft, revise


def drafted_only(models: ReadModels) -> set[str]:
    plan = models.current_plan(KEY)
    assert plan is not None
    return models.drafted_only(plan)


def test_before_the_first_adoption_every_measure_is_reported_on(
    app: Planlogg, models: ReadModels
) -> None:
    draft(app)
    models.catch_up()
    assert len(app.get_plan(KEY).active_measures()) == 4
    assert drafted_only(models) == set()


def test_a_measure_the_draft_added_is_drafted_only_and_one_it_removed_is_not_listed(
    app: Planlogg, models: ReadModels
) -> None:
    """`revise` adds 1.1.2 and removes 2.1.2 (still in force, so still reported on)."""
    draft(app)
    adopt(app, ("ASU",), date(2025, 3, 13), 11)
    revise(app)
    models.catch_up()
    plan = app.get_plan(KEY)
    assert drafted_only(models) == {plan.find_measure("1.1.2").id}
    reported_on = {m.id for m in plan.reporting_measures()}
    assert drafted_only(models) == {m.id for m in plan.active_measures()} - reported_on


def test_a_draft_that_replaces_every_measure_in_force_has_only_drafted_measures(
    app: Planlogg, models: ReadModels
) -> None:
    """Every measure version 1 has is removed, and one is added: the new one is still not in
    force, though no measure of the working version is."""
    draft(app)
    adopt(app, ("ASU",), date(2025, 3, 13), 11)
    app.start_revision(KEY, SECRETARIAT)
    for measure in app.get_plan(KEY).active_measures():
        app.remove_measure(KEY, measure.id, SECRETARIAT)
    added = app.add_measure(KEY, "1.1.9", "Alt nytt", SECRETARIAT)
    models.catch_up()
    assert drafted_only(models) == {added}


def test_once_the_draft_is_adopted_none_is_drafted_only(app: Planlogg, models: ReadModels) -> None:
    draft(app)
    adopt(app, ("ASU",), date(2025, 3, 13), 11)
    revise(app)
    adopt(app, ("ASU",), date(2025, 10, 2), 21)
    models.catch_up()
    assert drafted_only(models) == set()

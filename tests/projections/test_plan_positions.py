"""What a plan's answers are cached on, read in one statement."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from projections import ReadModels
from projections.read_models import PlanPositions
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT


def test_an_unknown_plan_is_not_there(app: Planlogg, models: ReadModels) -> None:
    plans.draft(app)
    models.catch_up()
    assert models.plan_positions("ingen-slik") == PlanPositions(exists=False, own=0, communities=0)


def test_a_plan_moves_with_its_own_changes_and_communities_but_not_other_plans(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    models.catch_up()
    drafted, community = models.position(), 11  # the plan's community, after its 10 events
    assert models.plan_positions(KEY) == PlanPositions(True, drafted, community)
    app.report_status(KEY, "1.1.1", "gul", "Seint", SECRETARIAT)
    models.catch_up()
    reported = models.position()
    assert models.plan_positions(KEY) == PlanPositions(True, reported, community)
    app.create_plan("annan-plan", "Ein annan plan", "hf", 2025, 2026, SECRETARIAT)
    models.catch_up()
    assert models.position() > reported
    assert models.plan_positions(KEY) == PlanPositions(True, reported, community)
    app.register_community("nord", "Helsefellesskap Nord", SECRETARIAT)
    models.catch_up()
    registered = models.position()
    assert models.plan_positions(KEY) == PlanPositions(True, registered, registered)

"""Which measures of a plan changed since a position, and those measures as the working version
shows them: what a plan's page needs to show only its changed rows anew."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from projections import ReadModels
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT


def test_changes_to_measures_only_are_named_and_anything_else_is_none(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    models.catch_up()
    adopted = models.position()
    assert models.measures_changed_since(KEY, adopted) == frozenset()
    app.report_status(KEY, "1.1.1", "gul", "Seint", SECRETARIAT)
    app.report_status(KEY, "2.1.1", "raud", "Stoppa", SECRETARIAT)
    models.catch_up()
    ids = {m.number: m.id for m in app.get_plan(KEY).active_measures()}
    assert models.measures_changed_since(KEY, adopted) == {ids["1.1.1"], ids["2.1.1"]}
    reported = models.position()
    app.start_revision(KEY, SECRETARIAT)
    models.catch_up()
    assert models.measures_changed_since(KEY, reported) is None
    revising = models.position()
    app.register_community("nord", "Helsefellesskap Nord", SECRETARIAT)
    models.catch_up()
    assert models.measures_changed_since(KEY, revising) is None


def test_current_measures_are_the_working_versions_own(app: Planlogg, models: ReadModels) -> None:
    plans.draft(app)
    app.report_status(KEY, "1.1.1", "gul", "Seint", SECRETARIAT)
    app.remove_measure(KEY, "2.1.2", SECRETARIAT)
    models.catch_up()
    ids = {m.number: m.id for m in app.get_plan(KEY).measures.values()}
    found = models.current_measures(KEY, [ids["1.1.1"], ids["2.1.2"], "ingen-slik"])
    assert list(found) == [ids["1.1.1"]]
    status = found[ids["1.1.1"]].status
    assert status is not None and status.colour.value == "yellow"
    assert models.current_measures(KEY, []) == {}

"""Which measures of a plan changed since a position, and those measures' latest state: what a
plan's page needs to show only its changed rows anew."""

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
    assert models.measures_changed_since(KEY, adopted) == {}
    app.report_status(KEY, "1.1.1", "gul", "Seint", SECRETARIAT)
    app.report_status(KEY, "2.1.1", "raud", "Stoppa", SECRETARIAT)
    models.catch_up()
    ids = {m.number: m.id for m in app.get_plan(KEY).active_measures()}
    changed = models.measures_changed_since(KEY, adopted)
    assert changed is not None and changed.keys() == {ids["1.1.1"], ids["2.1.1"]}
    working = models.current_plan(KEY)
    assert working is not None
    assert changed[ids["1.1.1"]] == working.measure(ids["1.1.1"]) != working.measure(ids["1.2.1"])
    reported = models.position()
    app.start_revision(KEY, SECRETARIAT)
    models.catch_up()
    assert models.measures_changed_since(KEY, reported) is None
    revising = models.position()
    app.register_community("nord", "Helsefellesskap Nord", SECRETARIAT)
    models.catch_up()
    assert models.measures_changed_since(KEY, revising) is None


def test_changed_measures_are_read_with_their_latest_state_a_removed_one_too(
    app: Planlogg, models: ReadModels
) -> None:
    """A measure the draft removes is in force until a version without it is adopted, and
    reported on: the page of the version in force shows its progress as it goes on."""
    plans.draft(app)
    models.catch_up()
    drafted = models.position()
    app.report_status(KEY, "1.1.1", "gul", "Seint", SECRETARIAT)
    app.remove_measure(KEY, "2.1.2", SECRETARIAT)
    models.catch_up()
    ids = {m.number: m.id for m in app.get_plan(KEY).measures.values()}
    changed = models.measures_changed_since(KEY, drafted)
    assert changed is not None and changed.keys() == {ids["1.1.1"], ids["2.1.2"]}
    removed = changed[ids["2.1.2"]]
    assert removed is not None and removed.number == "2.1.2"
    reported = changed[ids["1.1.1"]]
    assert reported is not None and reported.status is not None
    assert reported.status.colour.value == "yellow"
    assert models.measures_changed_since(KEY, models.position()) == {}

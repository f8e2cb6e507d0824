"""Snapshots taken before a plan kept the measures of its version in force (class version 4).

Such a snapshot says what is in force where its own state can: nothing before the first
adoption, everything active while the plan stands adopted. One taken while a revision was
under way holds only the draft, so the plan is read from its events instead, and a new
snapshot is taken once the plan has moved on from the old one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from eventsourcing.domain import Snapshot

from domain.application import Planlogg
from domain.plan import Plan, plan_id
from domain.plan_upcast import plan_state_v4_to_v5
from domain.vocabulary import Stage
from tests.projections.plans import KEY, SECRETARIAT, adopt, draft, revise

DAY = date(2025, 9, 1)


def _as_version_4(app: Planlogg) -> None:
    """The plan's state stored again as a version-4 snapshot at the plan's version, of the
    library's class as those were: no `in_force`, so a load would start from it."""
    if app.snapshots is None:
        raise AssertionError("the application keeps no snapshots")
    taken = Plan.Snapshot.take(app.get_plan(KEY))
    state = {name: value for name, value in taken.state.items() if name != "in_force"}
    app.snapshots.put(
        [
            Snapshot(
                originator_id=taken.originator_id,
                originator_version=taken.originator_version,
                timestamp=taken.timestamp,
                topic=taken.topic,
                state={**state, "class_version": 4},
            )
        ]
    )


def _reads(app: Planlogg, monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The versions the event store is asked for events after, as `app` loads plans."""
    asked: list[int | None] = []
    get = app.repository.event_store.get

    def recording(originator_id: Any, **kwargs: Any) -> Any:
        asked.append(kwargs.get("gt"))
        return get(originator_id, **kwargs)

    monkeypatch.setattr(app.repository.event_store, "get", recording)
    return asked


def _state(stage: Stage, adopted: int | None, removed: bool) -> dict[str, Any]:
    app = Planlogg.from_url("memory:")
    draft(app)
    plan = app.get_plan(KEY)
    measures = dict(plan.measures)
    first = next(iter(measures))
    measures[first] = replace(measures[first], removed=removed)
    header = replace(plan.header, stage=stage, adopted_version=adopted)
    return {"header": header, "measures": measures}


def test_a_version_4_state_says_what_is_in_force_where_it_can() -> None:
    before = _state(Stage.SUBMITTED, None, removed=False)
    plan_state_v4_to_v5(before)
    assert before["in_force"] == {}

    adopted = _state(Stage.PUBLISHED, 1, removed=True)
    plan_state_v4_to_v5(adopted)
    active = [mid for mid, m in adopted["measures"].items() if not m.removed]
    assert list(adopted["in_force"]) == active and len(active) == 3
    assert all(adopted["in_force"][mid] is adopted["measures"][mid] for mid in active)

    revising = _state(Stage.DRAFT, 1, removed=False)
    plan_state_v4_to_v5(revising)
    assert revising["in_force"] is None


def test_a_version_4_snapshot_of_an_adopted_plan_gives_way_to_the_events(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It says what is in force, but not which cases adopted the plan's versions (kept since
    class version 6): the plan is read from its events, which say both."""
    app = Planlogg.from_url(database_url)
    try:
        draft(app)
        adopt(app, ("ASU",), date(2025, 3, 13), 11)
        version = app.get_plan(KEY).version
        _as_version_4(app)
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        asked = _reads(fresh, monkeypatch)
        plan = fresh.get_plan(KEY)
        assert asked == [version, 0]  # after the snapshot, then every event from the first
        assert sorted(plan.in_force or {}) == sorted(m.id for m in plan.active_measures())
        assert len(plan.in_force or {}) == 4
        assert plan.header.adopting_cases == ("ASU sak 11/25",)
    finally:
        fresh.close()


def test_a_version_4_snapshot_taken_during_a_revision_gives_way_to_the_events(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2.1.2 was removed by the draft before the snapshot: read from the events, it is still
    in force and reported on; once the plan has moved on, a fresh load takes a snapshot
    that says so, and the next one starts from it."""
    app = Planlogg.from_url(database_url)
    try:
        draft(app)
        adopt(app, ("ASU",), date(2025, 3, 13), 11)
        removed = app.get_plan(KEY).find_measure("2.1.2").id
        revise(app)
        _as_version_4(app)
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        asked = _reads(fresh, monkeypatch)
        plan = fresh.get_plan(KEY)
        assert asked == [plan.version, 0]  # after the snapshot, then every event from the first
        assert removed in (plan.in_force or {}) and plan.measure(removed).removed
        fresh.report_status(KEY, removed, "gul", "Forseinka", SECRETARIAT, reported_on=DAY)
        moved_on = fresh.get_plan(KEY).version
    finally:
        fresh.close()
    again = Planlogg.from_url(database_url)
    try:
        again.get_plan(KEY)
        assert again.snapshots is not None
        newest = next(iter(again.snapshots.get(plan_id(KEY), desc=True, limit=1)))
        assert (newest.originator_version, newest.state["class_version"]) == (moved_on, 6)
    finally:
        again.close()
    last = Planlogg.from_url(database_url)
    try:
        asked = _reads(last, monkeypatch)
        plan = last.get_plan(KEY)
        assert asked == [moved_on]
        assert removed in (plan.in_force or {})
        status = plan.measure(removed).status
        assert status is not None and status.comment == "Forseinka"
    finally:
        last.close()


def test_two_processes_replaying_at_once_both_load_the_plan(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both read the version-4 snapshot as the newest and snapshot the replayed plan at one
    version: the second snapshot is the same state, and is let go without an error."""
    app = Planlogg.from_url(database_url)
    try:
        draft(app)
        adopt(app, ("ASU",), date(2025, 3, 13), 11)
        revise(app)
        _as_version_4(app)
        app.report_status(KEY, "1.1.1", "gul", "", SECRETARIAT, reported_on=DAY)
        moved_on = app.get_plan(KEY).version
    finally:
        app.close()
    first, second = Planlogg.from_url(database_url), Planlogg.from_url(database_url)
    try:
        if second.snapshots is None:
            raise AssertionError("the application keeps no snapshots")
        newest = second.snapshots.recorder.select_events
        calls: list[int] = []

        def first_snapshots_meanwhile(*args: Any, **kwargs: Any) -> Any:
            """The second read is the replay's look for a newer snapshot (the first, the
            load's): the first process snapshots the plan just after it."""
            found = newest(*args, **kwargs)
            calls.append(found[0].originator_version)
            if len(calls) == 2:
                first.get_plan(KEY)
            return found

        monkeypatch.setattr(second.snapshots.recorder, "select_events", first_snapshots_meanwhile)
        plan = second.get_plan(KEY)
        assert plan.version == moved_on and plan.in_force is not None
        assert calls == [moved_on - 1, moved_on - 1]
        monkeypatch.undo()
        stored = list(second.snapshots.get(plan_id(KEY)))
        assert [(s.originator_version, s.state["class_version"]) for s in stored][-1] == (
            moved_on,
            6,
        )
    finally:
        first.close()
        second.close()


def test_an_adoption_after_a_version_4_snapshot_taken_during_a_revision_is_replayed(
    database_url: str,
) -> None:
    """The snapshot cannot say what was in force, so it cannot say what version 2 left out:
    the plan is read from its events, and 2.1.2 is still evaluated for 2026."""
    app = Planlogg.from_url(database_url)
    try:
        draft(app)
        adopt(app, ("ASU",), date(2025, 3, 13), 11)
        left_out = app.get_plan(KEY).find_measure("2.1.2").id
        revise(app)
        _as_version_4(app)
        adopt(app, ("ASU",), date(2026, 6, 10), 21)
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        assert fresh.get_plan(KEY).left_force == {left_out: 2026}
        fresh.evaluate_measure(
            KEY, "2.1.2", 2026, "delvis", "Ein pilot", "avslutte", "ASU", SECRETARIAT,
            evaluated_on=date(2026, 6, 20),
        )  # fmt: skip
        assert fresh.get_plan(KEY).measure(left_out).evaluations[2026].led_to == "Ein pilot"
    finally:
        fresh.close()


def test_a_snapshot_stores_a_measure_in_force_only_where_the_draft_changed_it(
    database_url: str,
) -> None:
    """Version 1 in force; the draft changes 1.2.1's bodies, rewords 2.1.1, removes 2.1.2 and
    adds 1.1.2: only those three in force are stored, 1.1.1 (unchanged) is not, and a load
    from the snapshot reports on the same measures, each the draft's own object where it
    stands as adopted."""
    app = Planlogg.from_url(database_url)
    try:
        draft(app)
        adopt(app, ("ASU",), date(2025, 3, 13), 11)
        revise(app)
        app.report_status(KEY, "1.1.1", "gul", "Forseinka", SECRETARIAT, reported_on=DAY)
        plan = app.get_plan(KEY)
        taken = Plan.Snapshot.take(plan)
        numbers = {mid: m.number for mid, m in plan.measures.items()}
        assert {numbers[mid]: s is not None for mid, s in taken.state["in_force"].items()} == {
            "1.1.1": False,
            "1.2.1": True,
            "2.1.1": True,
            "2.1.2": True,
        }
        if app.snapshots is None:
            raise AssertionError("the application keeps no snapshots")
        app.snapshots.put([taken])
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        loaded = fresh.get_plan(KEY)
        assert loaded.reporting_measures() == plan.reporting_measures()
        one = loaded.find_measure("1.1.1").id
        assert loaded.in_force is not None and loaded.in_force[one] is loaded.measures[one]
    finally:
        fresh.close()

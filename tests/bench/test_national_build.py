"""The national benchmark's generator: the same seed builds the same store, every time.

On the smallest size (2 communities × 20 measures × 2 years), on SQLite and PostgreSQL,
checked against an in-memory build: the event count, the final plans' hash, and that
each kind of change the benchmark claims to make is in the log. No timing here.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from bench.national_build import TINY, build_nation, plan_hash
from domain.application import Planlogg

TINY_EVENTS = 1063
"""What TINY builds with the default seed: a change here means the generator changed
(bump GENERATOR_VERSION so kept dumps are not reused)."""


def event_kinds(app: Planlogg) -> Counter[str]:
    notifications = app.recorder.select_notifications(start=1, limit=10_000)
    return Counter(n.topic.rsplit(".", 1)[-1] for n in notifications)


def test_the_same_seed_builds_the_same_store(app: Planlogg, memory_app: Planlogg) -> None:
    built = build_nation(app, TINY)
    again = build_nation(memory_app, TINY)
    assert built.plan_keys == again.plan_keys == ("plan-01", "plan-02")
    assert built.events == again.events == TINY_EVENTS
    assert plan_hash(app, built.plan_keys) == plan_hash(memory_app, again.plan_keys)
    assert event_kinds(app) == event_kinds(memory_app)


def test_another_seed_builds_other_plans(memory_app: Planlogg) -> None:
    other = Planlogg.from_url("memory:")
    try:
        first = build_nation(memory_app, TINY, seed=1)
        second = build_nation(other, TINY, seed=2)
        assert plan_hash(memory_app, first.plan_keys) != plan_hash(other, second.plan_keys)
    finally:
        other.close()


def test_every_kind_of_change_is_in_the_history(memory_app: Planlogg) -> None:
    build_nation(memory_app, TINY)
    kinds = event_kinds(memory_app)
    expected = {
        "MeasureAdded": 42, "MeasureReworded": 2, "MeasureRemoved": 2, "ResponsibleAssigned": 119,
        "TimeframeSet": 132, "SmartCriteriaSet": 135, "MeasureTagged": 124,
        "EvaluationPlanSet": 157, "EditConflictRecorded": 48, "EditConflictResolved": 46,
        "ReportingRoundOpened": 8, "StatusReported": 160, "ReportingRoundClosed": 8,
        "VersionSubmitted": 4, "VersionApproved": 8, "VersionAdopted": 4, "VersionPublished": 4,
        "RevisionStarted": 2,
    }  # fmt: skip
    assert {kind: kinds[kind] for kind in expected} == expected
    plan = memory_app.get_plan("plan-01")
    assert (plan.header.adopted_version, plan.header.published_version) == (2, 2)
    assert len(plan.rounds) == 4
    assert all(round_state.closed for round_state in plan.rounds.values())


def test_the_communities_work_side_by_side(memory_app: Planlogg) -> None:
    """Each community starts its plan, then they take each step of their years in turn:
    two starts, and 15 steps in the first year (12 sheet syncs, an adoption, two rounds)
    and 16 in the second (a revision too), the plans' events alternating step by step."""
    build_nation(memory_app, TINY)
    notifications = memory_app.recorder.select_notifications(start=1, limit=10_000)
    plans = [n.originator_id for n in notifications if ":Plan." in n.topic]
    runs = 1 + sum(1 for one, next_one in pairwise(plans) if one != next_one)
    assert runs == 2 + 2 * (15 + 16)

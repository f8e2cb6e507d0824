"""Benchmark 1: commands per second through Planlogg against the bare library.

Planlogg side: `report_status` on a 50-measure plan, one event per command
(load the plan from snapshot + events, check the rules, save one event).
Baseline: the raw `eventsourcing` library doing the same round trip with a
minimal aggregate (`repository.get`, one event with the same fields, `save`),
the same snapshotting interval and the same kind of database. The ratio is
what Planlogg's own work (the plan's size, rule checks, provenance) costs.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from bench.harness import Figure, Target, interleave, rate_per_second
from bench.workloads import BENCH_BY, REPORTED_ON, build_plan, database_url, report_statuses
from domain.application import Planlogg
from domain.persistence import persistence_env

TARGET = Target(">=", 0.7)
PLAN_MEASURES = 50


class MinimalPlan(Aggregate):
    """The smallest aggregate that records the same status events."""

    @event("Started")
    def __init__(self) -> None:
        self.reports = 0

    @event("StatusReported")
    def report_status(
        self,
        measure_id: str,
        colour: str,
        comment: str,
        reported_on: str,
        body: str,
        round_id: str,
        by: dict[str, str],
    ) -> None:
        self.reports += 1


class MinimalApp(Application[UUID]):
    """The bare library: no transcodings, no rules, the same snapshot interval."""

    snapshotting_intervals = {MinimalPlan: 100}  # noqa: RUF012 (the library's class attribute)


def minimal_commands(app: MinimalApp, aggregate_id: UUID, count: int) -> None:
    by = {"actor": BENCH_BY.actor, "source": "cli", "reason": BENCH_BY.reason, "decision": ""}
    for i in range(count):
        aggregate: Any = app.repository.get(aggregate_id)
        aggregate.report_status(
            measure_id=f"T{i % PLAN_MEASURES + 1:03d}",
            colour=("green", "yellow", "red")[i % 3],
            comment=f"Statusrapport nummer {i}: arbeidet går etter planen.",
            reported_on=REPORTED_ON.isoformat(),
            body="",
            round_id="",
            by=by,
        )
        app.save(aggregate)


def compare(kind: str, commands: int, rounds: int) -> Figure:
    with database_url(kind) as planlogg_url, database_url(kind) as minimal_url:
        planlogg = Planlogg.from_url(planlogg_url)
        minimal = MinimalApp(env=persistence_env(minimal_url))
        try:
            measure_ids = build_plan(planlogg, "bench-event-store", PLAN_MEASURES)
            aggregate = MinimalPlan()
            minimal.save(aggregate)
            done = {"planlogg": 0}

            def planlogg_batch() -> None:
                report_statuses(
                    planlogg, "bench-event-store", measure_ids, commands, done["planlogg"]
                )
                done["planlogg"] += commands

            # One warm-up batch each: connections, table creation, first snapshot.
            planlogg_batch()
            minimal_commands(minimal, aggregate.id, commands)
            ours, raw = interleave(
                rate_per_second(commands, planlogg_batch),
                rate_per_second(
                    commands, lambda: minimal_commands(minimal, aggregate.id, commands)
                ),
                rounds,
                "Planlogg",
                "eventsourcing",
            )
        finally:
            planlogg.close()
            minimal.close()
    return Figure(
        bench="event-store",
        key=f"store_{kind}",
        name=f"commands/s, {kind}",
        value=ours.median,
        unit="cmd/s",
        baseline=raw.median,
        baseline_label="raw library",
        ratio=ours.median / raw.median,
        target=TARGET,
        note=f"{rounds} interleaved rounds of {commands}",
    )


def run(quick: bool) -> list[Figure]:
    commands, rounds = (40, 3) if quick else (300, 7)
    return [compare(kind, commands, rounds) for kind in ("sqlite", "postgres")]

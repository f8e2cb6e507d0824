"""Benchmark 2: loading a long-lived plan (10,000 events) against a fresh 50-event plan.

The long plan is built through the application, one status report per
command, with the application's own snapshotting ({Plan: 100}), so loading
it reads the latest snapshot and the events after it. Two positions are
measured: right on a snapshot (10,000 events) and the worst case just before
the next one (99 events to replay on top of the snapshot).
"""

from __future__ import annotations

from bench.harness import Figure, Target, interleave, wall_seconds
from bench.workloads import build_plan, database_url, event_count, report_statuses
from domain.application import Planlogg
from domain.plan import plan_id

TARGET = Target("<=", 3.0)
LONG = "bench-long-plan"
FRESH = "bench-fresh-plan"
FRESH_MEASURES = 24  # plan created + 5 areas + 20 goals + 24 measures = 50 events


def load_seconds(app: Planlogg, key: str, loads: int) -> float:
    """Median-friendly measurement: mean seconds per load over `loads` loads."""
    return wall_seconds(lambda: [app.get_plan(key) for _ in range(loads)]) / loads


def snapshot_bytes(app: Planlogg, key: str) -> int:
    snapshots = list(app.snapshots.get(plan_id(key), desc=True, limit=1)) if app.snapshots else []
    if not snapshots or app.snapshots is None:
        return 0
    stored = app.snapshots.mapper.to_stored_event(snapshots[0])
    return len(stored.state)


def compare_at(app: Planlogg, rounds: int, loads: int) -> tuple[float, float, int]:
    long_load, fresh_load = interleave(
        lambda: load_seconds(app, LONG, loads),
        lambda: load_seconds(app, FRESH, loads),
        rounds,
        "long",
        "fresh",
    )
    return long_load.median, fresh_load.median, event_count(app, LONG)


def run(quick: bool) -> list[Figure]:
    events, rounds, loads = (1_000, 5, 20) if quick else (10_000, 9, 50)
    with database_url("sqlite") as url:
        app = Planlogg.from_url(url)
        try:
            build_plan(app, FRESH, FRESH_MEASURES, commands=True)
            if event_count(app, FRESH) != 50:
                raise RuntimeError(f"fresh plan has {event_count(app, FRESH)} events, not 50")
            long_ids = build_plan(app, LONG, 50)
            report_statuses(app, LONG, long_ids, events - event_count(app, LONG))
            on_snapshot = compare_at(app, rounds, loads)
            size = snapshot_bytes(app, LONG)
            report_statuses(app, LONG, long_ids, 99, start=events)
            worst = compare_at(app, rounds, loads)
        finally:
            app.close()
    return [
        _figure("load_10k", *on_snapshot, note=f"snapshot {size / 1024:.0f} KiB"),
        _figure("load_10k_worst", *worst, note="99 events after the last snapshot"),
    ]


def _figure(key: str, long_seconds: float, fresh_seconds: float, events: int, note: str) -> Figure:
    return Figure(
        bench="plan-load",
        key=key,
        name=f"load plan of {events:,} events",
        value=long_seconds * 1000,
        unit="ms",
        baseline=fresh_seconds * 1000,
        baseline_label="fresh 50-event plan",
        ratio=long_seconds / fresh_seconds,
        target=TARGET,
        note=note,
    )

"""Benchmark 3: rebuilding the read models, and catching up after one command.

Rebuild: `ReadModels.rebuild()` over a log of status reports and plan edits,
in events per second, against just reading the same notification log in
the same batch size (`recorder.select_notifications`), interleaved. The
ratio says how much the projection work costs on top of the read it cannot
avoid (target ≥ 0.3).

Catch-up: after one command, how long `catch_up()` takes to bring every
read model up to date (median and p99 over many commands).
"""

from __future__ import annotations

import time

from bench.harness import Figure, Target, interleave, median, percentile, wall_seconds
from bench.workloads import build_plan, database_url, report_statuses
from domain.application import Planlogg
from projections import ReadModels

TARGET = Target(">=", 0.3)
KEY = "bench-projections"
READ_BATCH = 250


def read_log(app: Planlogg) -> int:
    """Read the whole notification log, batch by batch, doing nothing with it."""
    position, read = 0, 0
    while notifications := app.recorder.select_notifications(
        start=position, limit=READ_BATCH, inclusive_of_start=False
    ):
        read += len(notifications)
        position = notifications[-1].id
    return read


def read_and_decode(app: Planlogg) -> int:
    """Read the log and turn every record into a domain event: the least any projection does."""
    position, decoded = 0, 0
    while notifications := app.recorder.select_notifications(
        start=position, limit=READ_BATCH, inclusive_of_start=False
    ):
        decoded += sum(1 for n in notifications if app.mapper.to_domain_event(n) is not None)
        position = notifications[-1].id
    return decoded


def rebuild_figures(app: Planlogg, models: ReadModels, rounds: int) -> list[Figure]:
    events = read_log(app)
    rebuilt, read = interleave(
        lambda: events / wall_seconds(models.rebuild),
        lambda: events / wall_seconds(lambda: read_log(app)),
        rounds,
        "rebuild",
        "read log",
    )
    decoded = [events / wall_seconds(lambda: read_and_decode(app)) for _ in range(rounds)]
    return [
        _rebuild_figure(events, rounds, rebuilt.median, read.median),
        Figure(
            bench="projections",
            key="",
            name="  context: read + decode only",
            value=median(decoded),
            unit="ev/s",
            baseline=read.median,
            baseline_label="read log only",
            ratio=median(decoded) / read.median,
            note="the floor of any Python projection",
        ),
    ]


def _rebuild_figure(events: int, rounds: int, rebuilt: float, read: float) -> Figure:
    return Figure(
        bench="projections",
        key="rebuild",
        name=f"full rebuild, {events:,} events",
        value=rebuilt,
        unit="ev/s",
        baseline=read,
        baseline_label="read log only",
        ratio=rebuilt / read,
        target=TARGET,
        note=f"{rounds} interleaved rounds, SQLite",
    )


def catch_up_figures(
    app: Planlogg, models: ReadModels, measure_ids: list[str], commands: int, start: int
) -> list[Figure]:
    latencies = []
    for i in range(commands):
        report_statuses(app, KEY, measure_ids, 1, start=start + i)
        began = time.perf_counter()
        applied = models.catch_up()
        latencies.append(time.perf_counter() - began)
        if applied != 1:
            raise RuntimeError(f"one command, but catch_up applied {applied} events")
    return [
        Figure(
            bench="projections",
            key=f"catchup_{name}",
            name=f"catch-up after one command, {name}",
            value=value * 1000,
            unit="ms",
            note=f"{commands} commands, one event each",
        )
        for name, value in (("p50", median(latencies)), ("p99", percentile(latencies, 0.99)))
    ]


def run(quick: bool) -> list[Figure]:
    events, rounds, commands = (500, 3, 30) if quick else (5_000, 5, 300)
    with database_url("sqlite") as url:
        app = Planlogg.from_url(url)
        try:
            measure_ids = build_plan(app, KEY, 50)
            report_statuses(app, KEY, measure_ids, events)
            models = ReadModels.open(app)
            models.catch_up()
            figures = rebuild_figures(app, models, rounds)
            figures += catch_up_figures(app, models, measure_ids, commands, start=events)
        finally:
            app.close()
    return figures

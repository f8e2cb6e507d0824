"""Benchmark 3: rebuilding the read models, and catching up after one command.

Rebuild: `ReadModels.rebuild()` over a log of status reports and plan edits,
in events per second, on SQLite and on PostgreSQL, against reading the same
notification log (`recorder.select_notifications`) and against reading and
decoding it into domain events, alternating. Decoding is the floor of any
projection written in Python, so the target is on that ratio (≥ 0.3); the
ratio to the bare read is printed beside it.

Catch-up: after one command, how long `catch_up()` takes to bring every
read model up to date (median and p99 over many commands).
"""

from __future__ import annotations

import time

from bench.harness import Figure, Target, median, percentile, wall_seconds
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


def rebuild_figures(app: Planlogg, models: ReadModels, rounds: int, kind: str) -> list[Figure]:
    """The rebuild beside reading, and reading + decoding, the same log, round by round."""
    events = read_log(app)
    rebuilt: list[float] = []
    read: list[float] = []
    decoded: list[float] = []
    for round_number in range(rounds):
        sides = [
            (rebuilt, models.rebuild),
            (read, lambda: read_log(app)),
            (decoded, lambda: read_and_decode(app)),
        ]
        for samples, action in sides if round_number % 2 == 0 else reversed(sides):
            samples.append(events / wall_seconds(action))
    rate = median(rebuilt)
    suffix = "" if kind == "sqlite" else f"_{kind}"
    note = f"{rounds} alternating rounds, {kind}"
    return [
        Figure(
            bench="projections",
            key=f"rebuild_decode{suffix}",
            name=f"full rebuild, {events:,} events, {kind}",
            value=rate,
            unit="ev/s",
            baseline=median(decoded),
            baseline_label="read + decode",
            ratio=rate / median(decoded),
            target=TARGET,
            note=note,
        ),
        Figure(
            bench="projections",
            key=f"rebuild{suffix}",
            name="  the same rebuild against reading the log only",
            value=rate,
            unit="ev/s",
            baseline=median(read),
            baseline_label="read log only",
            ratio=rate / median(read),
            note=f"read + decode alone: {median(decoded) / median(read):.2f} of reading",
        ),
    ]


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
    figures = []
    for kind in ("sqlite", "postgres"):
        with database_url(kind) as url:
            app = Planlogg.from_url(url)
            try:
                measure_ids = build_plan(app, KEY, 50)
                report_statuses(app, KEY, measure_ids, events)
                models = ReadModels.open(app)
                models.catch_up()
                figures += rebuild_figures(app, models, rounds, kind)
                if kind == "sqlite":
                    figures += catch_up_figures(app, models, measure_ids, commands, start=events)
            finally:
                app.close()
    return figures

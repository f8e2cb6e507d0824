"""What the benchmarks run against: throwaway databases and synthetic plans.

Each benchmark gets fresh storage (a SQLite file in a temporary directory or
its own PostgreSQL schema, dropped afterwards) so runs never see each other's
events. Plans are built through the application's own commands, the way
users build them, never by writing events directly.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import psycopg

from domain.application import Planlogg
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.vocabulary import Colour

POSTGRES_ADMIN_URL = os.environ.get(
    "PLANLOGG_BENCH_POSTGRES",
    os.environ.get("PLANLOGG_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"),
)

BENCH_BY = Provenance("Benk Benchmark", Source.CLI, reason="benchmark")
COLOURS = (Colour.GREEN, Colour.YELLOW, Colour.RED)
REPORTED_ON = date(2024, 9, 2)


@contextmanager
def sqlite_url() -> Iterator[str]:
    """A URL of a SQLite file in a temporary directory, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="planlogg-bench-") as directory:
        yield f"sqlite:///{Path(directory) / 'planlogg.sqlite'}"


@contextmanager
def postgres_url() -> Iterator[str]:
    """A URL of a fresh PostgreSQL schema, dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield f"{POSTGRES_ADMIN_URL}?schema={schema}"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def database_url(kind: str) -> Iterator[str]:
    """`kind` is "sqlite" or "postgres"."""
    factory = {"sqlite": sqlite_url, "postgres": postgres_url}[kind]
    with factory() as url:
        yield url


def measure_numbers(count: int, areas: int = 5, goals_per_area: int = 4) -> list[str]:
    """Measure numbers spread over areas and goals like a real plan: 1.1.1, 1.1.2 …"""
    goals = [
        f"{area}.{goal}" for area in range(1, areas + 1) for goal in range(1, goals_per_area + 1)
    ]
    return [f"{goals[i % len(goals)]}.{i // len(goals) + 1}" for i in range(count)]


def build_plan(
    app: Planlogg,
    key: str,
    measures: int,
    areas: int = 5,
    goals_per_area: int = 4,
    commands: bool = False,
) -> list[str]:
    """Create a plan with areas, goals and `measures` measures; returns the measure IDs.

    With `commands` every area, goal and measure is its own command (one
    event, one transaction each), as when typed in one by one; otherwise the
    whole tree is saved in one transaction, as an import does.
    """
    app.create_plan(key, f"Benchmark plan {key}", "bench", 2024, 2027, BENCH_BY)
    area_numbers = [str(area) for area in range(1, areas + 1)]
    goal_numbers = [
        f"{area}.{goal}" for area in area_numbers for goal in range(1, goals_per_area + 1)
    ]
    texts = {
        number: f"Tiltak {number}: samarbeid om pasientforløp"
        for number in measure_numbers(measures, areas, goals_per_area)
    }
    if commands:
        for area in area_numbers:
            app.add_area(key, area, f"Område {area}", BENCH_BY)
        for goal in goal_numbers:
            app.add_goal(key, goal, f"Mål {goal}", BENCH_BY)
        return [
            app.add_measure(key, number, text, BENCH_BY, responsible=["PSU"], marks={2024: "x"})
            for number, text in texts.items()
        ]

    def add_tree(plan: Plan) -> list[str]:
        for area in area_numbers:
            plan.add_area(area, f"Område {area}", BENCH_BY)
        for goal in goal_numbers:
            plan.add_goal(goal, f"Mål {goal}", BENCH_BY)
        return [
            plan.add_measure(number, text, BENCH_BY, responsible=["PSU"], marks={2024: "x"})
            for number, text in texts.items()
        ]

    return app.change_plan(key, add_tree)


def report_statuses(
    app: Planlogg, key: str, measure_ids: list[str], count: int, start: int = 0
) -> None:
    """`count` status reports, one command (one event) each, cycling through the measures."""
    for i in range(start, start + count):
        app.report_status(
            key,
            measure_ids[i % len(measure_ids)],
            COLOURS[i % len(COLOURS)],
            f"Statusrapport nummer {i}: arbeidet går etter planen.",
            BENCH_BY,
            reported_on=REPORTED_ON,
        )


def event_count(app: Planlogg, key: str) -> int:
    return app.get_plan(key).version

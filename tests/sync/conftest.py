"""A small plan and an in-memory sheet laid out for it."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.cycle import SheetSync
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend

PLAN = "testplan"
WEB = Provenance("Webbrukar", Source.WEB)


def make_plan(app: Planlogg, measures: int = 6) -> None:
    by = Provenance("Sekretariatet", Source.CLI)
    app.create_plan(PLAN, "Testplan", "helsefellesskap", 2024, 2025, by)
    app.add_area(PLAN, "1", "Samhandling", by)
    app.add_goal(PLAN, "1.1", "Betre samhandling", by)
    app.add_goal(PLAN, "1.2", "Felles kompetanse", by)
    for n in range(1, measures + 1):
        goal = "1.1" if n <= measures // 2 else "1.2"
        app.add_measure(
            PLAN, f"{goal}.{n}", f"Tiltak nummer {n}", by, responsible=["PSU"], marks={2024: "x"}
        )


@pytest.fixture
def plan_app(memory_app: Planlogg) -> Planlogg:
    make_plan(memory_app)
    return memory_app


@pytest.fixture
def sheet(plan_app: Planlogg, sheet_sync: SheetSync) -> InMemorySheetBackend:
    backend = InMemorySheetBackend("testplan")
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return backend

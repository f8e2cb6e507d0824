"""Plans kept side by side in one spreadsheet: each made with one measure, then laid out and
synced in turn, as the tests of plans sharing a workbook or spreadsheet set them up."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.backend import SheetBackend
from sync.cycle import SheetSync
from sync.loop import lay_out

BY = Provenance("Sekretariatet", Source.CLI)


def make_plans(app: Planlogg, *keys: str, short: Callable[[str], str] = str) -> Planlogg:
    """A plan per key, titled «Plan <short>», with one measure «Tiltak i <short>» (`short`
    of its key: by default the key itself), so each tab shows which plan it holds."""
    for key in keys:
        app.create_plan(key, f"Plan {short(key)}", "helsefellesskap", 2024, 2025, BY)
        app.add_area(key, "1", "Samhandling", BY)
        app.add_goal(key, "1.1", "Betre samhandling", BY)
        app.add_measure(key, "1.1.1", f"Tiltak i {short(key)}", BY, responsible=["PSU"])
    return app


def lay_out_and_sync(
    app: Planlogg, sheet_sync: SheetSync, backends: Mapping[str, SheetBackend]
) -> None:
    """Each plan laid out and synced in turn (the first alone in the sheet until then)."""
    for key, backend in backends.items():
        lay_out(app, backend, key)
        sheet_sync.cycle(backend, key)


def each_finds_nothing_to_do(sheet_sync: SheetSync, backends: Mapping[str, SheetBackend]) -> None:
    """A cycle for each plan, each of which takes in, finds in conflict and writes nothing:
    no plan has taken another's tab for its own."""
    for key, backend in backends.items():
        report = sheet_sync.cycle(backend, key)
        done = (report.applied, report.conflicts, report.written)
        assert done == (0, 0, 0), f"{key}: {done}"


def synced_twice(
    app: Planlogg, sheet_sync: SheetSync, backends: Mapping[str, SheetBackend]
) -> None:
    """Each plan laid out and synced in turn, then a cycle each that finds nothing to do."""
    lay_out_and_sync(app, sheet_sync, backends)
    each_finds_nothing_to_do(sheet_sync, backends)

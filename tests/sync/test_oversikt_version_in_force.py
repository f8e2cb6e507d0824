"""Oversikt names the version in force on the day of the sync, as the public plan does.

A version adopted at a meeting still to come is in force from that day, not before (the
read models' `version_in_force`); Oversikt used to call it in force at once, because the
tab was rendered only when the plan changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from language import speaking
from sync.cycle import SheetSync
from sync.layout import OVERVIEW_TAB
from sync.loop import lay_out
from sync.tabs import version_rows
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN

SECRETARIAT = Provenance("Sekretariatet", Source.CLI)
MEETING = date(2025, 1, 16)


@pytest.fixture
def synced(plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path) -> WorkbookBackend:
    backend = WorkbookBackend(tmp_path / "handlingsplan.xlsx", PLAN)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN, today=lambda: date(2025, 1, 10))
    return backend


def _version_lines(path: Path) -> list[list[object]]:
    """Oversikt's rows from «Versjon i kraft» up to «Periode»."""
    rows = [list(r)[:2] for r in load_workbook(path)[OVERVIEW_TAB].iter_rows(values_only=True)]
    first = next(i for i, r in enumerate(rows) if r[0] == "Versjon i kraft")
    last = next(i for i, r in enumerate(rows) if r[0] == "Periode")
    return rows[first:last]


def _adopt(app: Planlogg, meeting: date, case: str) -> int:
    version = app.submit(PLAN, ["PSU"], SECRETARIAT)
    app.approve(PLAN, version, "PSU", case, meeting, SECRETARIAT)
    return version


def test_a_version_adopted_at_a_meeting_to_come_is_next_until_that_day(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend
) -> None:
    _adopt(plan_app, MEETING, "sak 3/25")
    sheet_sync.cycle(synced, PLAN, today=lambda: date(2025, 1, 15))
    assert _version_lines(synced.path) == [
        ["Versjon i kraft", "Ingen versjon gjelder ennå"],
        ["Neste versjon", "versjon 1, gjelder fra 16.01.2025"],
    ]
    sheet_sync.cycle(synced, PLAN, today=lambda: MEETING)
    assert _version_lines(synced.path) == [["Versjon i kraft", "versjon 1, vedtatt 16.01.2025"]]


def test_the_version_in_force_stays_while_its_successor_waits_for_its_meeting(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend
) -> None:
    _adopt(plan_app, date(2024, 6, 13), "sak 3/24")
    plan_app.start_revision(PLAN, SECRETARIAT)
    _adopt(plan_app, MEETING, "sak 3/25")
    sheet_sync.cycle(synced, PLAN, today=lambda: date(2025, 1, 15))
    assert _version_lines(synced.path) == [
        ["Versjon i kraft", "versjon 1, vedtatt 13.06.2024"],
        ["Neste versjon", "versjon 2, gjelder fra 16.01.2025"],
    ]
    sheet_sync.cycle(synced, PLAN, today=lambda: date(2025, 1, 17))
    assert _version_lines(synced.path) == [["Versjon i kraft", "versjon 2, vedtatt 16.01.2025"]]


def test_an_unchanged_plan_on_the_same_day_writes_nothing_to_oversikt(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend
) -> None:
    _adopt(plan_app, MEETING, "sak 3/25")
    day = date(2025, 1, 15)
    sheet_sync.cycle(synced, PLAN, today=lambda: day)
    assert sheet_sync.cycle(synced, PLAN, today=lambda: day).written == 0


def test_the_next_versions_words_in_nynorsk() -> None:
    with speaking("nn"):
        rows = version_rows(2, {1: date(2024, 6, 13), 2: MEETING}, date(2025, 1, 15))
    assert rows == [
        ["Versjon i kraft", "versjon 1, vedteken 13.06.2024"],
        ["Neste versjon", "versjon 2, gjeld frå 16.01.2025"],
    ]


def _sum_row(path: Path) -> list[object]:
    """Oversikt's «Sum»: measures, green, yellow, red, not reported."""
    rows = [list(r) for r in load_workbook(path)[OVERVIEW_TAB].iter_rows(values_only=True)]
    return next(r for r in rows if r[0] == "Sum")[1:6]


def test_oversikt_counts_the_measures_in_force_while_the_next_version_is_drafted(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend
) -> None:
    """Version 1's six measures, one reported green and then removed by the draft, which
    adds one: the status picture is of the six in force, as bodies report on them."""
    _adopt(plan_app, date(2024, 6, 13), "sak 3/24")
    plan_app.start_revision(PLAN, SECRETARIAT)
    reported = plan_app.get_plan(PLAN).find_measure("1.1.1").id
    plan_app.report_status(PLAN, reported, "grønn", "", SECRETARIAT, reported_on=date(2025, 1, 9))
    plan_app.remove_measure(PLAN, reported, SECRETARIAT)
    plan_app.add_measure(PLAN, "1.2.9", "Nytt i utkastet", SECRETARIAT)
    sheet_sync.cycle(synced, PLAN, today=lambda: date(2025, 1, 15))
    assert _sum_row(synced.path) == [6, 1, 0, 0, 5]

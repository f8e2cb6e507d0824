"""Two plans in one spreadsheet each keep an Oversikt and a Vedtak of their own.

The tabs were one per spreadsheet, so each plan's cycle overwrote the other's: people saw
whichever plan synced last (and its audit chain link), and every cycle rewrote the tab. The
plan that had the spreadsheet first keeps «Oversikt» and «Vedtak»; a plan laid out beside it
gets «Oversikt <plan>» and «Vedtak <plan>». Two plans that already share the tabs settle:
the first to write them keeps them (its mark is put on them), the other gets its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from domain.application import Planlogg
from sync.backend import SheetBackend
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend
from sync.layout import own_tab_mark
from sync.workbook import WorkbookBackend
from tests.graph_emulator import GraphEmulator
from tests.sheets_emulator import SheetsEmulator
from tests.sync.excel import excel_backend
from tests.sync.two_plans import lay_out_and_sync, make_plans

FIRST = "samhandling-2024"
SECOND = "samhandling-2028"
KEYS = (FIRST, SECOND)
TITLES = {FIRST: "Plan 2024", SECOND: "Plan 2028"}
SECOND_TABS = {"Oversikt": f"Oversikt {SECOND}", "Vedtak": f"Vedtak {SECOND}"}


@pytest.fixture
def two_plans(memory_app: Planlogg) -> Planlogg:
    """The plans titled as in `TITLES`."""
    return make_plans(memory_app, *KEYS, short=lambda key: key[-4:])


def _settle(sheet_sync: SheetSync, backends: dict[str, SheetBackend]) -> None:
    for _ in range(2):
        for key, backend in backends.items():
            sheet_sync.cycle(backend, key)


def _shown(cells: list[list[str]]) -> str:
    """The plan an Oversikt names (its first row: «Plan», the title)."""
    return cells[0][1]


# --- the local workbook ------------------------------------------------------------------


def _workbook_overviews(path: Path) -> dict[str, str]:
    book = load_workbook(path)
    return {ws.title: ws["B1"].value for ws in book.worksheets if ws.title.startswith("Oversikt")}


def _each_cycle_leaves_the_file(
    path: Path, sheet_sync: SheetSync, backends: dict[str, SheetBackend]
) -> None:
    """Nothing changed: each plan's next cycle does not write the workbook."""
    for key, backend in backends.items():
        before = path.stat().st_mtime_ns
        sheet_sync.cycle(backend, key)
        assert path.stat().st_mtime_ns == before, key


def test_a_workbook_keeps_an_overview_for_each_plan(
    two_plans: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    path = tmp_path / "handlingsplan.xlsx"
    backends: dict[str, SheetBackend] = {key: WorkbookBackend(path, key) for key in KEYS}
    lay_out_and_sync(two_plans, sheet_sync, backends)
    assert _workbook_overviews(path) == {
        "Oversikt": TITLES[FIRST],
        SECOND_TABS["Oversikt"]: TITLES[SECOND],
    }
    book = load_workbook(path)
    assert {"Vedtak", SECOND_TABS["Vedtak"]} <= set(book.sheetnames)
    second = book[SECOND_TABS["Oversikt"]]
    assert second.sheet_properties.codeName == own_tab_mark(SECOND, "Oversikt")
    assert book["Oversikt"].sheet_properties.codeName == "PlanloggTab_Oversikt"
    _each_cycle_leaves_the_file(path, sheet_sync, backends)


def test_a_workbook_where_two_plans_shared_the_tabs_settles(
    two_plans: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    """As an earlier Planlogg left it: both plans' cycles wrote «Oversikt» and «Vedtak»."""
    path = tmp_path / "handlingsplan.xlsx"
    backends: dict[str, SheetBackend] = {key: WorkbookBackend(path, key) for key in KEYS}
    lay_out_and_sync(two_plans, sheet_sync, backends)
    book = load_workbook(path)
    for title in SECOND_TABS.values():
        del book[title]
    for name in [n for n in book.defined_names if n.startswith(("PlanloggOversikt", "PlanloggV"))]:
        del book.defined_names[name]
    book.save(path)
    backends = {key: WorkbookBackend(path, key) for key in reversed(KEYS)}
    _settle(sheet_sync, backends)
    shown = _workbook_overviews(path)
    assert sorted(shown.values()) == sorted(TITLES.values())
    _each_cycle_leaves_the_file(path, sheet_sync, backends)


# --- Google --------------------------------------------------------------------------------


def test_a_google_spreadsheet_keeps_an_overview_for_each_plan(
    two_plans: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Handlingsplanar")
    client = emulator.gspread_client(http_client=BoundedRetryClient)
    backends: dict[str, SheetBackend] = {key: GoogleSheetBackend(client, sid, key) for key in KEYS}
    lay_out_and_sync(two_plans, sheet_sync, backends)
    assert _shown(emulator.cells(sid, "Oversikt")) == TITLES[FIRST]
    assert _shown(emulator.cells(sid, SECOND_TABS["Oversikt"])) == TITLES[SECOND]
    assert emulator.cells(sid, SECOND_TABS["Vedtak"])[0][0] == "Vedtak"
    for key, backend in backends.items():
        sheet_sync.cycle(backend, key)  # a first cycle may list the tabs again
    for key, backend in backends.items():
        emulator.reset_requests()
        assert sheet_sync.cycle(backend, key).requests == emulator.request_count() == 1


def test_a_google_spreadsheet_where_two_plans_shared_the_tabs_settles(
    two_plans: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Handlingsplanar")
    client = emulator.gspread_client(http_client=BoundedRetryClient)
    backends: dict[str, SheetBackend] = {key: GoogleSheetBackend(client, sid, key) for key in KEYS}
    lay_out_and_sync(two_plans, sheet_sync, backends)
    for title in SECOND_TABS.values():
        emulator.user_delete_sheet(sid, title)
    backends = {key: GoogleSheetBackend(client, sid, key) for key in reversed(KEYS)}
    _settle(sheet_sync, backends)
    titles = [s.title for s in emulator.spreadsheet(sid).sheets if s.title.startswith("Oversikt")]
    shown = [_shown(emulator.cells(sid, title)) for title in titles]
    assert sorted(shown) == sorted(TITLES.values())
    for key, backend in backends.items():
        emulator.reset_requests()
        assert sheet_sync.cycle(backend, key).requests == 1


# --- Excel Online ------------------------------------------------------------------------


def test_an_excel_online_workbook_keeps_an_overview_for_each_plan(
    two_plans: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator
) -> None:
    book = graph.create_workbook()
    backends: dict[str, SheetBackend] = {key: excel_backend(graph, book, key, []) for key in KEYS}
    lay_out_and_sync(two_plans, sheet_sync, backends)
    assert _shown(graph.cells(book, "Oversikt")) == TITLES[FIRST]
    assert _shown(graph.cells(book, SECOND_TABS["Oversikt"])) == TITLES[SECOND]
    assert graph.cells(book, SECOND_TABS["Vedtak"])[0][0] == "Vedtak"
    for key, backend in backends.items():
        graph.reset_requests()
        assert sheet_sync.cycle(backend, key).requests == graph.request_count() == 1


def test_an_excel_online_workbook_where_two_plans_shared_the_tabs_settles(
    two_plans: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator
) -> None:
    book = graph.create_workbook()
    backends: dict[str, SheetBackend] = {key: excel_backend(graph, book, key, []) for key in KEYS}
    lay_out_and_sync(two_plans, sheet_sync, backends)
    for title in SECOND_TABS.values():
        graph.user_delete_sheet(book, title)
    backends = {key: excel_backend(graph, book, key, []) for key in reversed(KEYS)}
    _settle(sheet_sync, backends)
    titles = [s.name for s in book.worksheets if s.name.startswith("Oversikt")]
    assert sorted(_shown(graph.cells(book, t)) for t in titles) == sorted(TITLES.values())
    for key, backend in backends.items():
        graph.reset_requests()
        assert sheet_sync.cycle(backend, key).requests == 1


def test_own_tab_marks_fit_and_are_the_plans_own() -> None:
    long_key = "helsefellesskapet-innlandet-handlingsplan-2024-2027"
    marks = {own_tab_mark(key, tab) for key in (*KEYS, long_key) for tab in ("Oversikt", "Vedtak")}
    assert len(marks) == 6
    assert all(len(mark) <= 31 and not mark.lower().startswith("planlogg_") for mark in marks)


def test_an_excel_online_workbook_shared_by_two_running_plans_settles(
    two_plans: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator
) -> None:
    """Both processes opened the workbook (and listed its names) before either wrote the
    shared tabs: each learns at its next read who put its name on them first, so the other
    moves to a tab of its own instead of both overwriting «Oversikt» every cycle."""
    book = graph.create_workbook()
    backends: dict[str, SheetBackend] = {key: excel_backend(graph, book, key, []) for key in KEYS}
    lay_out_and_sync(two_plans, sheet_sync, backends)
    for title in SECOND_TABS.values():
        graph.user_delete_sheet(book, title)
    backends = {key: excel_backend(graph, book, key, []) for key in reversed(KEYS)}
    for backend in backends.values():
        backend.read()
    for _ in range(3):
        for key, backend in backends.items():
            sheet_sync.cycle(backend, key)
    kept, moved = SECOND, FIRST  # the first to write the shared tabs named them its own
    titles = [s.name for s in book.worksheets if s.name.startswith("Oversikt")]
    assert {t: _shown(graph.cells(book, t)) for t in titles} == {
        "Oversikt": TITLES[kept],
        f"Oversikt {moved}": TITLES[moved],
    }
    vedtak = [s.name for s in book.worksheets if s.name.startswith("Vedtak")]
    assert vedtak == ["Vedtak"]  # no decisions yet: alike for both plans, so neither writes it
    for key, backend in backends.items():
        graph.reset_requests()
        assert sheet_sync.cycle(backend, key).requests == graph.request_count() == 1

"""People's own «Oversikt» tab is theirs even when its first header is «Plan», a common
first header of a table of plans: Planlogg's own Oversikt opens with «Plan» and the plan's
title alone on its first row and «Stadium» and the stage alone on the next, in both
målformer and in every version of Planlogg, and only a tab opening so is taken for it
(`sync.tabs.written_by_planlogg`). Another tab titled «Oversikt» stops the cycle before
anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook

from domain.application import Planlogg
from language import MÅLFORMER, Målform, speaking
from sync.backend import SheetBackend
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import OVERVIEW_TAB, SyncRefused
from sync.loop import lay_out
from sync.tabs import overview, written_by_planlogg
from sync.workbook import WorkbookBackend
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import Workbook
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN
from tests.sync.excel import excel_backend

OWN = {
    "A1": "Plan",
    "B1": "Ansvar",
    "C1": "Frist",
    "A2": "Kompetanseplan for legevakt",
    "B2": "Fagråd for legesamarbeid",
    "C2": "01.06.2025",
    "A3": "Beredskapsplan",
    "B3": "AU og Sekretariat",
    "C3": "01.09.2025",
}
OWN_CELLS = [
    ["Plan", "Ansvar", "Frist"],
    ["Kompetanseplan for legevakt", "Fagråd for legesamarbeid", "01.06.2025"],
    ["Beredskapsplan", "AU og Sekretariat", "01.09.2025"],
]
REFUSED = (
    "Regnearket har allerede en fane «Oversikt» som ikke er Planloggs. Gi den et annet navn, "
    "så legger Planlogg ut sin egen. Ingenting er skrevet."
)


def _refused(sheet_sync: SheetSync, backend: SheetBackend) -> str:
    try:
        sheet_sync.cycle(backend, PLAN)
    except SyncRefused as refused:
        return refused.message
    return ""


def test_an_own_overview_tab_headed_plan_is_not_overwritten_in_excel_online(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook
) -> None:
    graph.user_add_sheet(book, OVERVIEW_TAB, OWN)
    backend = excel_backend(graph, book, PLAN, [])
    lay_out(plan_app, backend, PLAN)
    assert _refused(sheet_sync, backend) == REFUSED
    assert graph.cells(book, OVERVIEW_TAB) == OWN_CELLS


def test_an_own_overview_tab_headed_plan_is_not_overwritten_in_google(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Handlingsplan")
    emulator.user_add_sheet(sid, OVERVIEW_TAB, OWN)
    backend = GoogleSheetBackend(emulator.gspread_client(), sid, PLAN)
    lay_out(plan_app, backend, PLAN)
    assert _refused(sheet_sync, backend) == REFUSED
    assert emulator.cells(sid, OVERVIEW_TAB) == OWN_CELLS


def test_an_own_overview_tab_headed_plan_is_not_overwritten_in_a_workbook(
    plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    path = tmp_path / "plan.xlsx"
    own = OpenpyxlWorkbook()
    own.active.title = OVERVIEW_TAB
    for label, text in OWN.items():
        own.active[label] = text
    own.save(path)
    backend = WorkbookBackend(path, PLAN)
    lay_out(plan_app, backend, PLAN)
    assert _refused(sheet_sync, backend) == REFUSED
    cells = load_workbook(path)[OVERVIEW_TAB].iter_rows(values_only=True)
    assert [list(row) for row in cells] == OWN_CELLS


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_planloggs_own_overview_is_known_in_either_målform(
    plan_app: Planlogg, målform: Målform
) -> None:
    with speaking(målform):
        rows = overview(plan_app.get_plan(PLAN), {})
    assert rows[:2] == [["Plan", "Testplan"], ["Stadium", "utkast"]]
    assert written_by_planlogg(OVERVIEW_TAB, [list(row) for row in rows])
    assert written_by_planlogg(OVERVIEW_TAB, [[*rows[0], "", ""]])  # the first row alone


@pytest.mark.parametrize(
    "rows",
    [
        [["Plan", "Testplan"], ["Stadium", "Utkast"], ["Periode", "2024–2025"]],  # 2024
        [[], ["", ""], [" Plan ", "Testplan", ""], ["Stadium", "vedtatt"]],
        [],
        [[""], ["", ""]],
    ],
)
def test_an_overview_opening_as_planloggs_or_empty_is_taken_for_planloggs(
    rows: list[list[str]],
) -> None:
    assert written_by_planlogg(OVERVIEW_TAB, rows)


@pytest.mark.parametrize(
    "rows",
    [
        OWN_CELLS,
        [["Plan", "Ansvar"], ["Beredskapsplan", "AU og Sekretariat"]],
        [["Plan"], ["Stadium", "utkast"]],
        [["Plan", "Testplan"], ["Stadium"]],
        [["Plan", "Testplan"], ["Stadium", "utkast", "Merknad"]],
        [["Plan", "", "Testplan"], ["Stadium", "utkast"]],
        [["Plan", "Ansvar", "Frist"]],
    ],
)
def test_an_overview_opening_otherwise_is_peoples_own(rows: list[list[str]]) -> None:
    assert not written_by_planlogg(OVERVIEW_TAB, rows)

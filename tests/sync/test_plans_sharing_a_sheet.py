"""Two plans in one spreadsheet whose keys begin alike each keep a tab of their own.

A tab is marked with a name of at most 31 characters (Excel's limit for code names), and
the marks used to be the key cut to fit: `helsefellesskapet-innlandet-2024-2027` and
`…-2028-2031` had one mark, so the second plan's sync took the first plan's tab for its
own and wrote its measures over the first plan's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.defined_name import DefinedName

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import mark_name, plan_mark
from sync.loop import lay_out
from sync.workbook import WorkbookBackend
from tests.graph_emulator import GraphEmulator
from tests.sheets_emulator import SheetsEmulator
from tests.sync.excel import excel_backend
from tests.sync.two_plans import BY, make_plans, synced_twice

FIRST = "helsefellesskapet-innlandet-handlingsplan-2024-2027"
SECOND = "helsefellesskapet-innlandet-handlingsplan-2028-2031"


def _tail(key: str) -> str:
    """The end of a key, which tells these plans apart: `2024-2027`, `2028-2031`."""
    return key[-9:]


@pytest.fixture
def two_plans(memory_app: Planlogg) -> Planlogg:
    return make_plans(memory_app, FIRST, SECOND, short=_tail)


def _texts(app: Planlogg, keys: tuple[str, ...] = (FIRST, SECOND)) -> dict[str, str]:
    return {key: app.get_plan(key).measure("T001").text for key in keys}


def test_a_workbook_keeps_a_tab_for_each_plan(
    two_plans: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    path = tmp_path / "handlingsplan.xlsx"
    synced_twice(
        two_plans, sheet_sync, {key: WorkbookBackend(path, key) for key in (FIRST, SECOND)}
    )
    assert _texts(two_plans) == {FIRST: "Tiltak i 2024-2027", SECOND: "Tiltak i 2028-2031"}
    book = load_workbook(path)
    plans = [ws for ws in book.worksheets if not ws.title.startswith(("Oversikt", "Vedtak"))]
    shown = sorted(ws["E2"].value for ws in plans)
    assert shown == ["Tiltak i 2024-2027", "Tiltak i 2028-2031"]
    assert all(len(title) <= 31 for title in book.sheetnames)


def test_a_google_spreadsheet_keeps_a_tab_for_each_plan(
    two_plans: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Handlingsplanar")
    client = emulator.gspread_client()
    synced_twice(
        two_plans,
        sheet_sync,
        {key: GoogleSheetBackend(client, sid, key) for key in (FIRST, SECOND)},
    )
    assert _texts(two_plans) == {FIRST: "Tiltak i 2024-2027", SECOND: "Tiltak i 2028-2031"}
    assert emulator.cells(sid, FIRST)[1][4] == "Tiltak i 2024-2027"
    assert emulator.cells(sid, SECOND)[1][4] == "Tiltak i 2028-2031"


def test_an_excel_online_workbook_keeps_a_tab_for_each_plan(
    two_plans: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator
) -> None:
    book = graph.create_workbook()
    synced_twice(
        two_plans,
        sheet_sync,
        {key: excel_backend(graph, book, key, []) for key in (FIRST, SECOND)},
    )
    assert _texts(two_plans) == {FIRST: "Tiltak i 2024-2027", SECOND: "Tiltak i 2028-2031"}
    shown = sorted(
        graph.cells(book, sheet.name)[1][4]
        for sheet in book.worksheets
        if sheet.name != "Ark1" and not sheet.name.startswith(("Oversikt", "Vedtak"))
    )
    assert shown == ["Tiltak i 2024-2027", "Tiltak i 2028-2031"]


def test_a_workbook_marked_the_old_way_is_still_found_after_a_rename(
    two_plans: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    """A tab laid out by an older Planlogg carries the cut mark; it is still the plan's tab
    (renamed too), and gets the new mark when it is next saved."""
    path = tmp_path / "handlingsplan.xlsx"
    backend = WorkbookBackend(path, FIRST)
    lay_out(two_plans, backend, FIRST)
    sheet_sync.cycle(backend, FIRST)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    for name in list(book.defined_names):
        del book.defined_names[name]
    book.defined_names[mark_name(FIRST)] = DefinedName(
        mark_name(FIRST), attr_text="'Handlingsplan'!$A$1"
    )
    sheet.sheet_properties.codeName = mark_name(FIRST)
    sheet.title = "Handlingsplan"
    book.save(path)
    two_plans.reword_measure(FIRST, "T001", "Funne att", BY)
    report = sheet_sync.cycle(WorkbookBackend(path, FIRST), FIRST)
    assert (report.rows_read, report.conflicts) == (1, 0)
    saved = load_workbook(path)
    assert saved["Handlingsplan"]["E2"].value == "Funne att"
    marks = [name for name in saved.defined_names if name.startswith("Planlogg_")]
    assert marks == [plan_mark(FIRST)]
    assert saved["Handlingsplan"].sheet_properties.codeName == plan_mark(FIRST)


def test_an_excel_online_plan_is_not_taken_for_a_restored_generation_of_another(
    memory_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator
) -> None:
    """`sync restore` names a new tab `Planlogg_<plan>_2`, `_3` …; the plan `hf-2024-2027`'s
    own name `Planlogg_hf_2024_2027` is not the 2027th generation of the plan `hf-2024`."""
    keys = ("hf-2024-2027", "hf-2024")
    make_plans(memory_app, *keys, short=_tail)
    book = graph.create_workbook()
    synced_twice(memory_app, sheet_sync, {key: excel_backend(graph, book, key, []) for key in keys})
    assert _texts(memory_app, keys) == {keys[0]: "Tiltak i 2024-2027", keys[1]: "Tiltak i hf-2024"}
    assert graph.cells(book, "hf-2024-2027")[1][4] == "Tiltak i 2024-2027"
    assert graph.cells(book, "hf-2024")[1][4] == "Tiltak i hf-2024"

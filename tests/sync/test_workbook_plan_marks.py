"""Two plans in one local workbook whose keys squeeze alike each keep their own tab.

A plan's tab carries a defined name and a code name (`sync.workbook_marks`). They used to
be the key squeezed into a–z, 0–9 and _, so plans `helse-nord` and `helse_nord` had one
mark, and the second plan's sync took the first plan's tab. The mark is one per key now
(`sync.layout.plan_mark`); a tab marked the old way is still found, and marked anew."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.layout import older_plan_marks, plan_mark
from sync.workbook import WorkbookBackend
from sync.workbook_marks import mark_sheet, plan_sheet, unmark_sheet
from tests.sync.two_plans import each_finds_nothing_to_do, lay_out_and_sync, make_plans

TEXT = "E2"
"""The first measure's text."""


def _workbooks(path: Path, keys: tuple[str, ...]) -> dict[str, WorkbookBackend]:
    """Each plan's workbook opened anew, as a process started now opens it."""
    return {key: WorkbookBackend(path, key) for key in keys}


def _synced_twice(app: Planlogg, sheet_sync: SheetSync, path: Path, keys: tuple[str, ...]) -> None:
    """Each plan laid out and synced in turn, then a cycle each that finds nothing to do."""
    lay_out_and_sync(app, sheet_sync, _workbooks(path, keys))
    each_finds_nothing_to_do(sheet_sync, _workbooks(path, keys))


def _marks(path: Path) -> dict[str, str]:
    """Each plan mark (defined name) and the title of the tab it refers to."""
    book = load_workbook(path)
    return {
        name: next(title for title, _cells in defined.destinations)
        for name, defined in book.defined_names.items()
        if name.startswith("Planlogg_")
    }


@pytest.mark.parametrize("keys", [("helse-nord", "helse_nord"), ("HF", "hf"), ("x", "x-2")])
def test_plans_whose_keys_squeeze_alike_keep_their_own_tabs(
    memory_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path, keys: tuple[str, str]
) -> None:
    make_plans(memory_app, *keys)
    path = tmp_path / "handlingsplan.xlsx"
    _synced_twice(memory_app, sheet_sync, path, keys)
    _synced_twice(memory_app, sheet_sync, path, keys)
    book = load_workbook(path)
    plans = [ws for ws in book.worksheets if not ws.title.startswith(("Oversikt", "Vedtak"))]
    assert sorted(ws[TEXT].value for ws in plans) == sorted(f"Tiltak i {key}" for key in keys)
    assert {ws.sheet_properties.codeName for ws in plans} == {plan_mark(key) for key in keys}
    assert set(_marks(path)) == {plan_mark(key) for key in keys}


def test_a_tab_marked_the_old_way_is_found_and_marked_anew(
    memory_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    """A workbook an earlier Planlogg laid out: the tab is found by its old marks (renamed,
    too), gets the plan's new ones, and a plan whose key squeezes alike gets a tab of its own."""
    make_plans(memory_app, "helse-nord")
    path = tmp_path / "handlingsplan.xlsx"
    _synced_twice(memory_app, sheet_sync, path, ("helse-nord",))
    old = older_plan_marks("helse-nord")[0]
    book = load_workbook(path)
    del book.defined_names[plan_mark("helse-nord")]
    sheet = book["helse-nord"]
    sheet.title = "Handlingsplan"
    book.defined_names[old] = DefinedName(old, attr_text="'Handlingsplan'!$A$1")
    sheet.sheet_properties.codeName = old
    sheet[TEXT] = "Endra i arket"
    book.save(path)
    report = sheet_sync.cycle(WorkbookBackend(path, "helse-nord"), "helse-nord")
    assert (report.rows_read, report.applied, report.conflicts) == (1, 1, 0)
    assert memory_app.get_plan("helse-nord").measure("T001").text == "Endra i arket"
    assert _marks(path) == {plan_mark("helse-nord"): "Handlingsplan"}
    assert load_workbook(path)["Handlingsplan"].sheet_properties.codeName == plan_mark("helse-nord")
    make_plans(memory_app, "helse_nord")
    _synced_twice(memory_app, sheet_sync, path, ("helse-nord", "helse_nord"))
    book = load_workbook(path)
    assert book["Handlingsplan"][TEXT].value == "Endra i arket"
    assert book["helse_nord"][TEXT].value == "Tiltak i helse_nord"


def test_a_tab_with_the_older_mark_and_another_plan_s_mark_is_not_taken() -> None:
    book = Workbook()
    tab = book.active
    assert tab is not None
    tab.title = "Tiltak"
    for name in ("Planlogg_X", plan_mark("other")):
        book.defined_names[name] = DefinedName(name, attr_text="'Tiltak'!$A$1")
    assert "Planlogg_X" in older_plan_marks("X")
    assert plan_sheet(book, "X", "") is None
    del book.defined_names[plan_mark("other")]
    assert plan_sheet(book, "X", "") is tab


def _two_tabs_the_older_mark_on_the_second() -> Workbook:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Tiltak"
    book.create_sheet("Annan")
    book.defined_names["Planlogg_X"] = DefinedName("Planlogg_X", attr_text="'Annan'!$A$1")
    return book


def test_marking_a_tab_leaves_the_older_mark_on_another_tab() -> None:
    book = _two_tabs_the_older_mark_on_the_second()
    mark_sheet(book, "X", book["Tiltak"])
    assert book.defined_names["Planlogg_X"].attr_text == "'Annan'!$A$1"
    assert plan_sheet(book, "X", "") is book["Tiltak"]


def test_unmarking_leaves_the_older_mark_on_another_tab() -> None:
    book = _two_tabs_the_older_mark_on_the_second()
    mark_sheet(book, "X", book["Tiltak"])
    unmark_sheet(book, "X")
    assert plan_mark("X") not in book.defined_names
    assert book.defined_names["Planlogg_X"].attr_text == "'Annan'!$A$1"

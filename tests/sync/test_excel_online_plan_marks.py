"""Two plans in one Excel Online workbook whose keys squeeze alike each keep their own tab.

A plan's tab is found by the workbook name ``<mark>`` and, after each `sync restore`,
``<mark>_2``, ``_3`` … The mark used to be the key squeezed into a–z, 0–9 and _: plans
`helse-nord` and `helse_nord` had one name, and plan `x`'s second name ``Planlogg_x_2`` was
plan `x-2`'s first, so one plan's sync took the other's tab. The mark is one per key now
(`sync.layout.plan_mark`); a tab named the old way is still found, and named anew."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.layout import older_plan_marks, plan_mark
from sync.loop import lay_out
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import Workbook
from tests.sync.excel import excel_backend
from tests.sync.two_plans import make_plans, synced_twice

PAIRS = [("helse-nord", "helse_nord"), ("x", "x-2"), ("x-2", "x"), ("x", "X"), ("HF", "hf")]
TEXT = 4
"""The column of the measure's text."""


def _backends(
    graph: GraphEmulator, book: Workbook, keys: tuple[str, ...]
) -> dict[str, ExcelOnlineBackend]:
    return {key: excel_backend(graph, book, key, []) for key in keys}


def _texts(app: Planlogg, keys: tuple[str, ...]) -> dict[str, str]:
    return {key: app.get_plan(key).measure("T001").text for key in keys}


def _shown(graph: GraphEmulator, book: Workbook, keys: tuple[str, ...]) -> dict[str, str]:
    """The measure's text in each plan's tab, as a process started now finds it."""
    found = {key: excel_backend(graph, book, key, []).target.rpartition("#")[2] for key in keys}
    return {key: graph.cells(book, sheet)[1][TEXT] for key, sheet in found.items()}


def _name_the_old_way(graph: GraphEmulator, book: Workbook, key: str) -> None:
    """The plan's names as an earlier Planlogg wrote them: its key squeezed alone."""
    old = older_plan_marks(key)[0]
    with graph.store.lock:
        for name in list(book.names):
            if name.lower().startswith(plan_mark(key).lower()):
                item = book.names.pop(name)
                item.name = old + name[len(plan_mark(key)) :]
                book.names[item.name] = item


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_plans_whose_keys_squeeze_alike_keep_their_own_tabs(
    memory_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, first: str, second: str
) -> None:
    keys = (first, second)
    make_plans(memory_app, *keys)
    book = graph.create_workbook()
    synced_twice(memory_app, sheet_sync, _backends(graph, book, keys))
    synced_twice(memory_app, sheet_sync, _backends(graph, book, keys))
    assert _texts(memory_app, keys) == {key: f"Tiltak i {key}" for key in keys}
    assert _shown(graph, book, keys) == {key: f"Tiltak i {key}" for key in keys}
    assert len(book.worksheets) == 7  # Ark1, each plan's tab, Oversikt and Vedtak each


def test_plans_whose_keys_squeeze_alike_keep_their_own_tabs_through_a_restore(
    memory_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator
) -> None:
    """Plan `x` restored gets ``<mark>_2``, which no longer names plan `x-2`'s tab."""
    keys = ("x", "x-2")
    make_plans(memory_app, *keys)
    book = graph.create_workbook()
    backends = _backends(graph, book, keys)
    synced_twice(memory_app, sheet_sync, backends)
    backends["x"].relocate("x på nytt")
    lay_out(memory_app, backends["x"], "x")
    sheet_sync.cycle(backends["x"], "x")
    synced_twice(memory_app, sheet_sync, _backends(graph, book, keys))
    assert graph.cells(book, "x på nytt")[1][TEXT] == "Tiltak i x"
    assert graph.cells(book, "x-2")[1][TEXT] == "Tiltak i x-2"


def test_a_tab_named_the_old_way_is_found_and_named_anew(
    memory_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator
) -> None:
    """A workbook an earlier Planlogg laid out: the tab is found by its old name (renamed,
    too), gets the plan's new name, and a plan whose key squeezes alike gets a tab of its own."""
    make_plans(memory_app, "helse-nord")
    book = graph.create_workbook()
    synced_twice(memory_app, sheet_sync, _backends(graph, book, ("helse-nord",)))
    _name_the_old_way(graph, book, "helse-nord")
    graph.user_rename_sheet(book, "helse-nord", "Handlingsplan")
    graph.user_edit(book, "Handlingsplan", {"E2": "Endra i arket"})
    backend = excel_backend(graph, book, "helse-nord", [])
    report = sheet_sync.cycle(backend, "helse-nord")
    assert (report.rows_read, report.applied, report.conflicts) == (1, 1, 0)
    assert memory_app.get_plan("helse-nord").measure("T001").text == "Endra i arket"
    lay_out(memory_app, backend, "helse-nord")
    handlingsplan = graph.sheet(book, "Handlingsplan").id
    assert book.names[plan_mark("helse-nord")].sheet_id == handlingsplan
    make_plans(memory_app, "helse_nord")
    keys = ("helse-nord", "helse_nord")
    synced_twice(memory_app, sheet_sync, _backends(graph, book, keys))
    assert graph.cells(book, "Handlingsplan")[1][TEXT] == "Endra i arket"
    assert graph.cells(book, "helse_nord")[1][TEXT] == "Tiltak i helse_nord"


def test_a_plan_does_not_take_a_tab_named_the_old_way_for_its_restored_one(
    memory_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator
) -> None:
    """An earlier Planlogg named plan `x-2`'s tab ``Planlogg_x_2``, as plan `x`'s restored tab
    is named: once `x-2` has named its tab anew, `x` no longer takes it for its own."""
    keys = ("x", "x-2")
    make_plans(memory_app, *keys)
    book = graph.create_workbook()
    synced_twice(memory_app, sheet_sync, _backends(graph, book, keys))
    _name_the_old_way(graph, book, "x-2")
    assert "Planlogg_x_2" in book.names
    synced_twice(memory_app, sheet_sync, _backends(graph, book, ("x-2", "x")))
    assert _shown(graph, book, keys) == {key: f"Tiltak i {key}" for key in keys}
    assert book.names[plan_mark("x-2")].sheet_id == graph.sheet(book, "x-2").id
    later = excel_backend(graph, book, "x", [])
    assert later.target.endswith("#" + graph.sheet(book, "x").id)
    sheet_sync.cycle(later, "x")
    graph.reset_requests()
    assert sheet_sync.cycle(later, "x").written == 0
    assert graph.request_count() == 1  # ``Planlogg_x_2`` is not taken for a newer name of x's


def test_a_restore_on_a_tab_named_the_old_way_is_found_by_the_next_process(
    memory_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator
) -> None:
    """`sync restore` relocates before it lays out: the new tab gets the plan's new name, so
    a process started after it finds the new tab, not the one named the old way."""
    make_plans(memory_app, "helse-nord")
    book = graph.create_workbook()
    synced_twice(memory_app, sheet_sync, _backends(graph, book, ("helse-nord",)))
    _name_the_old_way(graph, book, "helse-nord")
    backend = excel_backend(graph, book, "helse-nord", [])
    backend.read()
    backend.relocate("Ny")
    ny = graph.sheet(book, "Ny").id
    assert backend.target.endswith("#" + ny)
    assert excel_backend(graph, book, "helse-nord", []).target.endswith("#" + ny)


def test_a_tab_named_the_old_way_keeps_the_header_formatting_people_gave_it(
    memory_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator
) -> None:
    """A plan alone in a workbook an earlier Planlogg laid out, its key with a hyphen: the
    first start finds the tab by its old name and names it anew, but leaves the header as
    people formatted it (a fill of their own, no bold); only a tab Planlogg lays out fresh
    gets the header's bold and grey."""
    key = "st-olavs-2022-2024"
    make_plans(memory_app, key)
    book = graph.create_workbook()
    synced_twice(memory_app, sheet_sync, _backends(graph, book, (key,)))
    _name_the_old_way(graph, book, key)
    assert older_plan_marks(key)[0] in book.names
    theirs = {"fill": {"color": "#FFFF00"}}
    sheet = graph.sheet(book, key)
    with graph.store.lock:
        header = [cell for (row, _column), cell in sheet.cells.items() if row == 0]
        greyed = [cell for cell in header if "fill" in cell.format]
        for cell in header:
            cell.format = dict(theirs)
    assert len(greyed) == 6  # Planlogg greyed the columns it writes: ID and the stamps
    graph.reset_requests()
    backend = excel_backend(graph, book, key, [])
    lay_out(memory_app, backend, key)
    assert graph.request_count() == 5  # open 2, the tab's read, the session, one batch
    assert [cell.format for cell in header] == [theirs] * len(header)
    assert book.names[plan_mark(key)].sheet_id == sheet.id
    graph.reset_requests()
    lay_out(memory_app, backend, key)
    report = sheet_sync.cycle(backend, key)
    assert (report.written, report.requests, graph.request_count()) == (0, 1, 1)

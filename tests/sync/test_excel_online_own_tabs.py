"""Planlogg's Oversikt and Vedtak tabs in an Excel Online workbook are known by a workbook
name each (`TAB_MARKS`, a newer one ``…_2`` when a deleted tab is added again), which follows
its tab through renames, never by their title alone: a tab of that title people made after
Planlogg's was renamed or deleted is theirs, and is never written."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.layout import DECISIONS_TAB, OVERVIEW_TAB, TAB_MARKS, Layout, SyncRefused
from sync.loop import lay_out
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import GENERAL, Workbook
from tests.sync.conftest import PLAN, WEB
from tests.sync.excel import excel_backend

OWN = {"A1": "Tiltak", "B1": "Status", "A2": "Vårt eige", "B2": "grønt"}
"""A tab of people's own, as they typed it."""
OWN_CELLS = [["Tiltak", "Status"], ["Vårt eige", "grønt"]]
REFUSED = (
    "Regnearket har allerede en fane «{tab}» som ikke er Planloggs. Gi den et annet navn, "
    "så legger Planlogg ut sin egen. Ingenting er skrevet."
)


def _column(name: str) -> int:
    return Layout.for_years((2024, 2025)).index(name)


def _titles(book: Workbook) -> list[str]:
    return [s.name for s in book.worksheets]


def _named(graph: GraphEmulator, book: Workbook) -> dict[str, str]:
    """Each Planlogg tab name and the title of the tab it points at ("" when deleted)."""
    with graph.store.lock:
        by_id = {s.id: s.name for s in book.worksheets}
        return {
            n.name: by_id.get(n.sheet_id, "")
            for n in book.names.values()
            if n.name.startswith("PlanloggTab_")
        }


@pytest.mark.parametrize("tab", [OVERVIEW_TAB, DECISIONS_TAB])
def test_a_tab_of_our_title_made_after_ours_was_renamed_is_left_alone(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
    tab: str,
) -> None:
    ours = graph.cells(book, tab)
    graph.user_rename_sheet(book, tab, f"{tab} i fjor")
    graph.user_add_sheet(book, tab, OWN)
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    sheet_sync.cycle(excel, PLAN)
    assert graph.cells(book, tab) == OWN_CELLS
    assert graph.cells(book, PLAN)[1][_column("Tiltak")] == "Ny tekst"
    kept = graph.cells(book, f"{tab} i fjor")
    assert kept[0] == ours[0]
    if tab == OVERVIEW_TAB:  # the checksum names the plan's newest event
        assert kept != ours
    assert _titles(book).count(tab) == 1


@pytest.mark.parametrize("tab", [OVERVIEW_TAB, DECISIONS_TAB])
def test_a_tab_of_our_title_made_after_ours_was_deleted_stops_the_cycle(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
    tab: str,
) -> None:
    graph.user_delete_sheet(book, tab)
    graph.user_add_sheet(book, tab, OWN)
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    plan = graph.cells(book, PLAN)
    with pytest.raises(SyncRefused, match=f"^{REFUSED.format(tab=tab)}$"):
        sheet_sync.cycle(excel, PLAN)
    assert graph.cells(book, tab) == OWN_CELLS
    assert graph.cells(book, PLAN) == plan
    graph.user_rename_sheet(book, tab, f"{tab} (vårt)")
    sheet_sync.cycle(excel, PLAN)
    assert graph.cells(book, f"{tab} (vårt)") == OWN_CELLS
    assert graph.cells(book, PLAN)[1][_column("Tiltak")] == "Ny tekst"
    assert graph.cells(book, tab)[0][0] == {OVERVIEW_TAB: "Plan", DECISIONS_TAB: "Vedtak"}[tab]
    assert _named(graph, book)[f"{TAB_MARKS[tab]}_2"] == tab


def test_a_deleted_tab_is_added_again_under_a_newer_name_a_new_process_follows(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    """Graph v1.0 cannot point a name at another tab: the name of the deleted tab reads
    ``#REF!``, and the tab added again gets the next one."""
    graph.user_delete_sheet(book, DECISIONS_TAB)
    sheet_sync.cycle(excel, PLAN)
    assert graph.cells(book, DECISIONS_TAB)[0][0] == "Vedtak"
    assert _named(graph, book) == {
        TAB_MARKS[OVERVIEW_TAB]: OVERVIEW_TAB,
        TAB_MARKS[DECISIONS_TAB]: "",
        f"{TAB_MARKS[DECISIONS_TAB]}_2": DECISIONS_TAB,
    }
    graph.reset_requests()
    assert sheet_sync.cycle(excel, PLAN).requests == graph.request_count() == 1
    fresh = excel_backend(graph, book, PLAN, [])
    graph.user_rename_sheet(book, DECISIONS_TAB, "Vedtak i fjor")
    graph.user_add_sheet(book, DECISIONS_TAB, OWN)
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    sheet_sync.cycle(fresh, PLAN)
    assert graph.cells(book, DECISIONS_TAB) == OWN_CELLS
    assert graph.cells(book, "Vedtak i fjor")[0][0] == "Vedtak"


def test_tabs_an_earlier_planlogg_wrote_are_adopted_and_named_at_the_next_start(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    with graph.store.lock:
        for name in TAB_MARKS.values():
            book.names.pop(name, None)  # as an earlier Planlogg left the workbook
    fresh = excel_backend(graph, book, PLAN, [])
    lay_out(plan_app, fresh, PLAN)
    assert _named(graph, book) == {
        TAB_MARKS[OVERVIEW_TAB]: OVERVIEW_TAB,
        TAB_MARKS[DECISIONS_TAB]: DECISIONS_TAB,
    }
    graph.reset_requests()
    lay_out(plan_app, excel_backend(graph, book, PLAN, []), PLAN)
    assert graph.request_count() == 2  # opening only: nothing is named twice
    graph.user_rename_sheet(book, DECISIONS_TAB, "Vedtak i fjor")
    graph.user_add_sheet(book, DECISIONS_TAB, OWN)
    sheet_sync.cycle(fresh, PLAN)
    assert graph.cells(book, DECISIONS_TAB) == OWN_CELLS


def test_a_tab_an_earlier_planlogg_wrote_is_named_when_a_cycle_writes_it(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    """Not laid out again first (the names gone while serving): the write names it."""
    with graph.store.lock:
        for name in TAB_MARKS.values():
            book.names.pop(name, None)
    fresh = excel_backend(graph, book, PLAN, [])
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)  # Oversikt changes with it
    sheet_sync.cycle(fresh, PLAN)
    assert _named(graph, book) == {TAB_MARKS[OVERVIEW_TAB]: OVERVIEW_TAB}
    graph.user_rename_sheet(book, OVERVIEW_TAB, "Oversikt i fjor")
    graph.user_add_sheet(book, OVERVIEW_TAB, OWN)
    plan_app.reword_measure(PLAN, "T001", "Endå ein", WEB)
    sheet_sync.cycle(fresh, PLAN)
    assert graph.cells(book, OVERVIEW_TAB) == OWN_CELLS
    assert graph.cells(book, "Oversikt i fjor")[0][0] == "Plan"


def test_a_tab_of_our_title_people_made_before_the_first_sync_is_not_named(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook
) -> None:
    graph.user_add_sheet(book, DECISIONS_TAB, OWN)
    backend = excel_backend(graph, book, PLAN, [])
    lay_out(plan_app, backend, PLAN)
    with pytest.raises(SyncRefused, match=f"^{REFUSED.format(tab=DECISIONS_TAB)}$"):
        sheet_sync.cycle(backend, PLAN)
    assert graph.cells(book, DECISIONS_TAB) == OWN_CELLS
    assert _named(graph, book) == {TAB_MARKS[OVERVIEW_TAB]: OVERVIEW_TAB}


def test_an_unchanged_workbook_costs_one_request_a_cycle_also_after_a_rename(
    sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook, excel: ExcelOnlineBackend
) -> None:
    assert sheet_sync.cycle(excel, PLAN).requests == graph.request_count() == 1
    graph.user_rename_sheet(book, OVERVIEW_TAB, "Oversikt i fjor")
    graph.reset_requests()
    assert sheet_sync.cycle(excel, PLAN).requests == graph.request_count() == 1
    assert OVERVIEW_TAB not in _titles(book)
    fresh = excel_backend(graph, book, PLAN, [])
    graph.reset_requests()
    sheet_sync.cycle(fresh, PLAN)
    assert graph.request_count() == 2 + 1  # opening (the link's item, one batch), the read


def test_numbers_on_oversikt_are_written_as_numbers_and_text_as_text(
    graph: GraphEmulator, book: Workbook, excel: ExcelOnlineBackend
) -> None:
    """Oversikt's counts stay numbers people can sum (format General), its labels text. (Row
    7 says no reporting round is open: the counts' table starts on row 9.)"""
    cells = graph.cells(book, "Oversikt")
    assert cells[6][:2] == ["Rapporteringsrunde", "Ingen runde er åpen"]
    formats = [graph.number_format(book, "Oversikt", label) for label in ("A10", "B10", "F11")]
    assert (cells[9][:2], cells[10][5], formats) == (
        ["1 Samhandling", "6"],
        "6",
        ["@", GENERAL, GENERAL],
    )


def test_a_table_of_peoples_own_starting_in_column_b_is_not_taken_for_oversikt(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook
) -> None:
    """People's «Oversikt» whose table begins in B1 («Plan», «Stadium» in column B): Graph's
    used range starts at B1, and read from A1 the rows begin with an empty cell, unlike
    Planlogg's. Refused, not named, nothing written."""
    own = {"B1": "Plan", "C1": "Vår plan", "B2": "Stadium", "C2": "i arbeid"}
    graph.user_add_sheet(book, OVERVIEW_TAB, own)
    backend = excel_backend(graph, book, PLAN, [])
    lay_out(plan_app, backend, PLAN)
    with pytest.raises(SyncRefused, match=f"fane «{OVERVIEW_TAB}» som ikke er Planloggs"):
        sheet_sync.cycle(backend, PLAN)
    expected = [["", "Plan", "Vår plan"], ["", "Stadium", "i arbeid"]]
    assert graph.cells(book, OVERVIEW_TAB) == expected
    assert TAB_MARKS[OVERVIEW_TAB] not in book.names

"""The tab a `planlogg sync restore` lays the plan out on in Excel Online, and how its report
names it. Graph adds no number to a worksheet title that is taken (in any case): it refuses
the new worksheet (``ItemAlreadyExists``), so Planlogg adds the number, from the titles it
listed, and lists them again when a tab of that title was added since (by people, while the
serve loop's backend kept its listing). A restore run again after it stopped with the new
tab made names that tab by the title it has when read, also when people renamed it."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.layout import plan_mark
from sync.restore import RestoreStopped, restore
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import NamedItem, Workbook
from tests.sync.conftest import PLAN
from tests.sync.excel import excel_backend

NEW_TAB = "Ny fane"
ALL = ["T001", "T002", "T003", "T004", "T005", "T006"]
LABEL = "testplan (Excel Online)"


def _ids(graph: GraphEmulator, book: Workbook, tab: str) -> list[str]:
    return [row[0] for row in graph.cells(book, tab)[1:] if row]


def _tabs(book: Workbook) -> list[str]:
    return [sheet.name for sheet in book.worksheets]


def test_the_report_names_the_numbered_tab_when_the_title_was_taken(
    sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook, excel: ExcelOnlineBackend
) -> None:
    """A backend opened after the tab was added (as the command line's)."""
    graph.user_add_sheet(book, NEW_TAB, {"A1": "Våre notat"})
    report = restore(sheet_sync, excel_backend(graph, book, PLAN, []), PLAN, tab=NEW_TAB)
    assert report.tab == "Ny fane (2)"
    assert report.summary().startswith(
        f"Planen er lagt ut på nytt i fanen «Ny fane (2)» i «{LABEL}» "
    )
    assert _ids(graph, book, "Ny fane (2)") == ALL
    assert graph.cells(book, NEW_TAB) == [["Våre notat"]]


def test_a_title_taken_after_the_backend_listed_the_tabs_gives_the_next_free_one(
    sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook, excel: ExcelOnlineBackend
) -> None:
    """The serve loop's backend listed the tabs at its start; people added one of that title
    (in another case) since. Graph refuses the new worksheet, nothing is added, and the tabs
    are listed again for a free title."""
    graph.user_add_sheet(book, "ny fane")
    report = restore(sheet_sync, excel, PLAN, tab=NEW_TAB)
    assert report.tab == "Ny fane (2)"
    assert _tabs(book)[-2:] == ["ny fane", "Ny fane (2)"]
    assert _ids(graph, book, "Ny fane (2)") == ALL
    assert graph.cells(book, "ny fane") == []
    assert graph.open_sessions() == []


@pytest.mark.parametrize("renamed", ["", "Gjenoppretta"])
def test_a_restore_run_again_names_the_tab_it_laid_the_plan_out_on(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
    renamed: str,
) -> None:
    """The new tab is added and named, then its lay-out is refused (the first write of a
    restore is the lay-out's): the restore stops with the tab empty."""
    graph.faults.add(status=403, match="PATCH ")
    with pytest.raises(RestoreStopped):
        restore(sheet_sync, excel, PLAN, tab=NEW_TAB)
    assert graph.cells(book, NEW_TAB) == []
    title = NEW_TAB
    if renamed:
        graph.user_rename_sheet(book, NEW_TAB, renamed)
        title = renamed
    tabs = _tabs(book)
    report = restore(sheet_sync, excel_backend(graph, book, PLAN, []), PLAN, tab="Enda ei fane")
    assert report.tab == title
    assert report.summary().startswith(f"Planen er lagt ut på nytt i fanen «{title}» i «{LABEL}» ")
    assert _tabs(book) == tabs
    assert _ids(graph, book, title) == ALL


def test_the_serving_backend_names_the_tab_renamed_since_it_last_read(
    sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook, excel: ExcelOnlineBackend
) -> None:
    """The backend that made the tab, still running, reads the title the tab has now."""
    graph.faults.add(status=403, match="PATCH ")
    with pytest.raises(RestoreStopped):
        restore(sheet_sync, excel, PLAN, tab=NEW_TAB)
    graph.user_rename_sheet(book, NEW_TAB, "Gjenoppretta")
    report = restore(sheet_sync, excel, PLAN, tab="Enda ei fane")
    assert report.tab == "Gjenoppretta"
    assert _ids(graph, book, "Gjenoppretta") == ALL


def test_a_newer_name_whose_tab_was_deleted_is_not_followed(
    sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook, excel: ExcelOnlineBackend
) -> None:
    """``Planlogg_<plan>_2`` is left over from a restore whose tab people deleted (it reads
    ``#REF!``): the plan stays on its tab and an unchanged cycle costs one request, every
    cycle."""
    mark = plan_mark(PLAN) + "_2"
    with graph.store.lock:
        gone = book.add_sheet("Slettes")
        book.names[mark] = NamedItem(mark, gone.id, "$A$1")
        book.worksheets.remove(gone)
    target = excel.target
    assert [sheet_sync.cycle(excel, PLAN).requests for _ in range(2)] == [1, 1]
    assert excel.target == target


def test_a_restore_to_a_title_with_an_apostrophe_names_that_tab(
    graph: GraphEmulator, book: Workbook, excel: ExcelOnlineBackend, waits: list[float]
) -> None:
    """The name's reference quotes the title with its «'» doubled, as Excel reads a sheet
    reference (``='Plan ''ny'''!$A$1``; the emulator is lenient there, so the request body
    is pinned too), and the newer name finds the new tab, also for a later process."""
    call = excel._name_call("Planlogg_x", "Plan 'ny'")
    assert call.body["reference"] == "='Plan ''ny'''!$A$1"
    assert excel.relocate("Plan 'ny'") == "Plan 'ny'"
    new_tab = graph.sheet(book, "Plan 'ny'").id
    assert book.names[plan_mark(PLAN) + "_2"].sheet_id == new_tab
    assert excel_backend(graph, book, PLAN, waits).target.rpartition("#")[2] == new_tab

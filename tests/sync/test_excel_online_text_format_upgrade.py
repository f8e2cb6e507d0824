"""An Excel Online plan tab laid out by an earlier Planlogg, before the plan's columns got
the text number format: the next start gives them that format once, below the table and
where the plan's columns stand now, and records that it did in a workbook name, which the
start lists anyway; later starts cost nothing more."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.layout import Layout
from sync.loop import SyncLoop, lay_out
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.model import GENERAL, Workbook
from tests.sync.conftest import PLAN
from tests.sync.excel import excel_backend

WIDTH = len(Layout.for_years((2024, 2025)).header)
ROWS = 7
"""The header and the six measures of `make_plan`."""
DATE = "dd.mm.yyyy"


def _column(name: str) -> int:
    return Layout.for_years((2024, 2025)).index(name)


def _format(graph: GraphEmulator, book: Workbook, row: int, column: int) -> str:
    """The number format of a cell (0-based row and column)."""
    with graph.store.lock:
        return graph.sheet(book, PLAN).peek(row, column).number_format


def _as_an_earlier_planlogg_left_it(graph: GraphEmulator, book: Workbook) -> None:
    """No text format in any cell, and no record of one in the workbook's names."""
    with graph.store.lock:
        sheet = graph.sheet(book, PLAN)
        for cell in sheet.cells.values():
            cell.number_format = GENERAL
        sheet.prune()
        for name in [n for n in book.names if "." in n]:
            del book.names[name]


def _a_date_typed_in(graph: GraphEmulator, book: Workbook, row: int, column: int) -> None:
    """A date someone typed: Excel keeps a serial number with a date format."""
    with graph.store.lock:
        cell = graph.sheet(book, PLAN).cell(row, column)
        cell.value, cell.number_format = 46000.0, DATE


def _start(sheet_sync: SheetSync, backend: ExcelOnlineBackend) -> SyncLoop:
    """A fresh start of `planlogg serve` on `backend`, laid out before its first cycle."""
    return SyncLoop(sheet_sync, lambda key: backend, PLAN)


@pytest.fixture
def earlier(graph: GraphEmulator, book: Workbook, excel: ExcelOnlineBackend) -> Workbook:
    """A workbook an earlier Planlogg laid out and synced (`excel`), with a date typed by
    someone into a plan column of a measure's row."""
    _as_an_earlier_planlogg_left_it(graph, book)
    _a_date_typed_in(graph, book, 3, _column("Frist"))
    graph.reset_requests()
    return book


def test_the_next_start_formats_the_plans_columns_below_the_table_as_text(
    sheet_sync: SheetSync, graph: GraphEmulator, earlier: Workbook
) -> None:
    _start(sheet_sync, excel_backend(graph, earlier, PLAN, [])).run_once()
    below = [_format(graph, earlier, ROWS, c) for c in range(WIDTH + 1)]
    assert below == ["@"] * WIDTH + [GENERAL]
    last = [_format(graph, earlier, 1999, c) for c in range(WIDTH)]
    assert last == ["@"] * WIDTH
    assert _format(graph, earlier, 3, _column("Frist")) == DATE
    assert _format(graph, earlier, ROWS - 1, _column("Indikator")) == GENERAL


def test_the_format_follows_the_plans_columns_where_people_moved_them(
    sheet_sync: SheetSync, graph: GraphEmulator, earlier: Workbook
) -> None:
    """A column people inserted among the plan's is theirs, and keeps its format."""
    graph.user_insert_columns(earlier, PLAN, before=_column("Status"))
    graph.user_edit(earlier, PLAN, {"I1": "Vår kolonne"})
    _start(sheet_sync, excel_backend(graph, earlier, PLAN, [])).run_once()
    below = [_format(graph, earlier, ROWS, c) for c in range(WIDTH + 2)]
    ours = _column("Status")
    assert below == ["@"] * ours + [GENERAL] + ["@"] * (WIDTH - ours) + [GENERAL]


def test_a_number_typed_below_the_table_after_the_upgrade_stays_text(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, earlier: Workbook
) -> None:
    _start(sheet_sync, excel_backend(graph, earlier, PLAN, [])).run_once()
    nr, tiltak = chr(ord("A") + _column("Nr")), chr(ord("A") + _column("Tiltak"))
    graph.user_edit(earlier, PLAN, {f"{nr}{ROWS + 1}": "1.2.7", f"{tiltak}{ROWS + 1}": "0042"})
    _start(sheet_sync, excel_backend(graph, earlier, PLAN, [])).run_once()
    measure = plan_app.get_plan(PLAN).measure("T007")
    assert (measure.number, measure.text) == ("1.2.7", "0042")


def test_later_starts_cost_no_request_more_than_before(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, earlier: Workbook
) -> None:
    """Opening costs 2 requests (the sharing link's item, then one batch); the record of the
    format is among the names that batch lists, so laying out again sends nothing."""
    _start(sheet_sync, excel_backend(graph, earlier, PLAN, [])).run_once()
    graph.reset_requests()
    lay_out(plan_app, excel_backend(graph, earlier, PLAN, []), PLAN)
    assert graph.request_count() == 2
    assert graph.batched("POST", "/names/add") == []


def test_a_new_tab_records_its_text_format_so_no_start_gives_it_again(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook
) -> None:
    lay_out(plan_app, excel_backend(graph, book, PLAN, []), PLAN)
    graph.reset_requests()
    lay_out(plan_app, excel_backend(graph, book, PLAN, []), PLAN)
    assert graph.request_count() == 2
    assert _format(graph, book, 1, _column("Tiltak")) == "@"


def test_an_adopted_tab_keeps_the_formats_of_its_rows(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, earlier: Workbook
) -> None:
    """A tab with the plan's header but no Planlogg name (it was deleted) is laid out
    again: the rows holding values keep their format, a user's column too."""
    with graph.store.lock:
        earlier.names.clear()
    lay_out(plan_app, excel_backend(graph, earlier, PLAN, []), PLAN)
    assert _format(graph, earlier, 3, _column("Frist")) == DATE
    assert [_format(graph, earlier, ROWS, c) for c in (0, WIDTH - 1, WIDTH)] == [
        "@",
        "@",
        GENERAL,
    ]


def test_the_upgrade_costs_three_requests_once(
    plan_app: Planlogg, graph: GraphEmulator, earlier: Workbook
) -> None:
    """Reading the tab, opening a session and one batch (the formats and the name that
    records them, the session closed), after the 2 requests of opening."""
    lay_out(plan_app, excel_backend(graph, earlier, PLAN, []), PLAN)
    assert graph.request_count() == 2 + 3
    assert len(graph.batched("POST", "/names/add")) == 1
    plan_names = sorted(n for n in earlier.names if n.startswith("Planlogg_"))
    assert plan_names == [f"Planlogg_{PLAN}", f"Planlogg_{PLAN}.tekstformat"]


def test_a_refused_upgrade_is_logged_the_sync_goes_on_and_the_next_start_tries_again(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    earlier: Workbook,
    caplog: pytest.LogCaptureFixture,
) -> None:
    graph.faults.add(status=400, times=1, match="/names/add")
    status = chr(ord("A") + _column("Status"))
    graph.user_edit(earlier, PLAN, {f"{status}2": "gul"})
    assert _start(sheet_sync, excel_backend(graph, earlier, PLAN, [])).run_once().applied == 1
    [warning] = [r for r in caplog.records if r.levelname == "WARNING"]
    assert f"{PLAN} (Excel Online)" in warning.getMessage()
    assert f"Planlogg_{PLAN}.tekstformat" not in earlier.names
    _start(sheet_sync, excel_backend(graph, earlier, PLAN, [])).run_once()
    assert f"Planlogg_{PLAN}.tekstformat" in earlier.names
    assert _format(graph, earlier, ROWS, _column("Tiltak")) == "@"


def test_a_table_down_to_row_1999_gets_the_text_format_in_row_2000(
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
    waits: list[float],
) -> None:
    """An earlier Planlogg's tab (no text format, no record of one) whose last value stands
    in row 1999: the upgrade formats the one row left below it, row 2000."""
    _as_an_earlier_planlogg_left_it(graph, book)
    graph.user_edit(book, PLAN, {"A1999": "T999"})
    lay_out(plan_app, excel_backend(graph, book, PLAN, waits), PLAN)
    formats = [graph.number_format(book, PLAN, label) for label in ("A1999", "A2000", "B2000")]
    assert formats == [GENERAL, "@", "@"]

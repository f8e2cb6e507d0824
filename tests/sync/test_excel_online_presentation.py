"""A tab Planlogg lays out fresh in Excel Online gets what Google and the local workbook give
one: columns as wide as what they hold (`sync.layout.column_width`; Oversikt's and Vedtak's
`TAB_WIDTHS`), long text wrapped (Tiltak holds up to 685 characters) and every cell at the top
of its row, through Graph v1.0's range format on whole columns. A tab people already use keeps
the widths they gave it.

Widths are in points: a character of Calibri 11 is 7 px, Excel adds 5 px of padding, and a
pixel is 0.75 pt, so 60 characters (Tiltak) are 425 px, 318.75 pt."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.layout import GOAL, MESSAGE, STATUS, TEXT, Layout
from sync.loop import lay_out
from tests.graph_emulator import GraphEmulator
from tests.graph_emulator.a1 import column_letters
from tests.graph_emulator.model import Workbook
from tests.sync.conftest import PLAN
from tests.sync.excel import excel_backend
from tests.sync.two_plans import lay_out_and_sync, make_plans

LAYOUT = Layout.for_years((2024, 2025))
DEFAULT = {
    "columnWidth": 48.0,
    "wrapText": False,
    "verticalAlignment": "Bottom",
    "horizontalAlignment": "General",
}
"""A column Excel has not been told anything about: 8.43 characters, 64 px, 48 pt."""


def _letter(column: str) -> str:
    return column_letters(LAYOUT.index(column))


def _look(graph: GraphEmulator, book: Workbook, tab: str, column: str) -> tuple[Any, ...]:
    found = graph.column_format(book, tab, column)
    return found["columnWidth"], found["wrapText"], found["verticalAlignment"]


def _formats(graph: GraphEmulator) -> list[str]:
    """The range formats (``…/format``, not its font or fill) sent in batches."""
    return [path for _method, path, _status in graph.batched("PATCH") if path.endswith("/format")]


def _batches(graph: GraphEmulator) -> int:
    return sum(1 for r in graph.requests if r.path == "/$batch")


def test_a_new_plan_tab_gets_widths_wrap_and_top_alignment(
    plan_app: Planlogg, graph: GraphEmulator, book: Workbook
) -> None:
    lay_out(plan_app, excel_backend(graph, book, PLAN, []), PLAN)
    assert _look(graph, book, PLAN, _letter(TEXT)) == (318.75, True, "Top")  # 60 characters
    assert _look(graph, book, PLAN, _letter(GOAL)) == (213.75, True, "Top")  # 40
    assert _look(graph, book, PLAN, _letter(MESSAGE)) == (213.75, True, "Top")  # 40
    assert _look(graph, book, PLAN, _letter("2024")) == (45.75, False, "Top")  # 8
    assert _look(graph, book, PLAN, _letter("2025")) == (45.75, False, "Top")
    assert _look(graph, book, PLAN, _letter(STATUS)) == (56.25, False, "Top")  # 10
    assert _look(graph, book, PLAN, "A") == (66.75, False, "Top")  # ID, 12
    beyond = column_letters(len(LAYOUT.header))
    assert graph.column_format(book, PLAN, beyond) == DEFAULT  # people's own columns


def test_new_oversikt_and_vedtak_get_their_widths(
    plan_app: Planlogg, graph: GraphEmulator, book: Workbook
) -> None:
    """`TAB_WIDTHS` (36, 14, 10, 10, 10, 16 and 18, 12, 32, 16 characters), Oversikt's area
    names wrapped (`TAB_WRAPPED`), all at the top."""
    lay_out(plan_app, excel_backend(graph, book, PLAN, []), PLAN)
    assert [_look(graph, book, "Oversikt", c) for c in "ABCDEF"] == [
        (192.75, True, "Top"),
        (77.25, False, "Top"),
        (56.25, False, "Top"),
        (56.25, False, "Top"),
        (56.25, False, "Top"),
        (87.75, False, "Top"),
    ]
    assert [_look(graph, book, "Vedtak", c) for c in "ABCD"] == [
        (98.25, False, "Top"),
        (66.75, False, "Top"),
        (171.75, False, "Top"),
        (87.75, False, "Top"),
    ]
    assert graph.column_format(book, "Vedtak", "E") == DEFAULT


def test_an_oversikt_added_again_by_a_write_gets_its_widths(
    sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook, excel: ExcelOnlineBackend
) -> None:
    """People deleted Oversikt: the cycle adds it again, sized in the batch that writes it."""
    graph.user_delete_sheet(book, "Oversikt")
    sheet_sync.cycle(excel, PLAN)
    assert graph.cells(book, "Oversikt")
    assert _look(graph, book, "Oversikt", "A") == (192.75, True, "Top")
    assert len(_formats(graph)) == 4


def test_laying_out_a_new_workbook_takes_one_batch_more_once(
    plan_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook
) -> None:
    """Before: open 2, the session, the tab added, one batch of 16 calls (5 requests). Now
    the 16 runs of the plan's columns (two years) and Oversikt's and Vedtak's 4 each ride
    along: 40 calls, two batches (6 requests). Later starts and cycles cost what they did."""
    backend = excel_backend(graph, book, PLAN, [])
    lay_out(plan_app, backend, PLAN)
    assert len(_formats(graph)) == 16 + 4 + 4
    assert (graph.request_count(), _batches(graph), len(graph.batched())) == (6, 3, 3 + 40)
    sheet_sync.cycle(backend, PLAN)
    graph.reset_requests()
    lay_out(plan_app, excel_backend(graph, book, PLAN, []), PLAN)
    assert (graph.request_count(), _formats(graph)) == (2, [])


def test_a_tab_people_already_had_keeps_its_widths(
    plan_app: Planlogg, graph: GraphEmulator, book: Workbook
) -> None:
    """A tab of the plan's title holding its header and a row (an earlier Planlogg's, before
    the names): its header gets bold and grey, its columns nothing; the Oversikt and Vedtak
    added beside it are new, and get theirs. Their 8 formats take the lay-out's batch of 15
    calls past 20: 6 requests where it was 5, once."""
    cells = {f"{column_letters(i)}1": text for i, text in enumerate(LAYOUT.headings)}
    graph.user_add_sheet(book, PLAN, {**cells, "A2": "T001", _letter(TEXT) + "2": "Eit tiltak"})
    graph.user_format_columns(book, PLAN, f"{_letter(TEXT)}:{_letter(TEXT)}", {"columnWidth": 150})
    lay_out(plan_app, excel_backend(graph, book, PLAN, []), PLAN)
    assert _look(graph, book, PLAN, _letter(TEXT)) == (150, False, "Bottom")
    assert graph.column_format(book, PLAN, _letter(STATUS)) == DEFAULT
    assert all(PLAN not in path for path in _formats(graph))
    assert len(_formats(graph)) == 4 + 4
    assert graph.request_count() == 6  # open 2, the tab's read, the session, two batches


@pytest.mark.parametrize(("key", "requests_"), [("b", 6), ("hf(2)", 7)])
def test_a_plans_own_oversikt_and_vedtak_get_their_widths(
    memory_app: Planlogg, sheet_sync: SheetSync, graph: GraphEmulator, key: str, requests_: int
) -> None:
    """A plan laid out beside another gets «Oversikt <plan>» and «Vedtak <plan>», sized in
    the batches that add them, by title; a title with «(» cannot stand in a Graph path, so
    that tab is sized by its worksheet ID once it is known: one batch more, once."""
    make_plans(memory_app, "a", key)
    book = graph.create_workbook()
    lay_out_and_sync(memory_app, sheet_sync, {"a": excel_backend(graph, book, "a", [])})
    graph.reset_requests()
    lay_out(memory_app, excel_backend(graph, book, key, []), key)
    assert _look(graph, book, f"Oversikt {key}", "A") == (192.75, True, "Top")
    assert _look(graph, book, f"Vedtak {key}", "C") == (171.75, False, "Top")
    assert _look(graph, book, key, _letter(TEXT)) == (318.75, True, "Top")
    assert graph.request_count() == requests_


# --- the emulator ----------------------------------------------------------------------


def _sheet_url(graph: GraphEmulator, book: Workbook) -> str:
    return f"{graph.base_url}/drives/{book.drive_id}/items/{book.item_id}/workbook/worksheets/Ark1"


def _http(graph: GraphEmulator) -> requests.Session:
    session = graph.session()
    session.headers["Authorization"] = f"Bearer {graph.token()}"
    return session


def test_the_emulator_formats_whole_columns_without_touching_a_row(graph: GraphEmulator) -> None:
    book = graph.create_workbook()
    body = {"columnWidth": 318.75, "wrapText": True, "verticalAlignment": "Top"}
    answer = _http(graph).patch(f"{_sheet_url(graph, book)}/range(address='E:F')/format", json=body)
    assert answer.status_code == 200
    assert answer.json()["columnWidth"] == 318.75
    assert graph.column_format(book, "Ark1", "F") == {**DEFAULT, **body}
    assert graph.column_format(book, "Ark1", "G") == DEFAULT
    assert graph.sheet(book, "Ark1").cells == {}


def test_the_emulator_formats_a_bounded_range_cell_by_cell(graph: GraphEmulator) -> None:
    book = graph.create_workbook()
    http = _http(graph)
    url = f"{_sheet_url(graph, book)}/range(address='B2:C3')/format"
    assert http.patch(url, json={"wrapText": True, "columnWidth": 30}).status_code == 200
    sheet = graph.sheet(book, "Ark1")
    assert sheet.peek(2, 2).format["format"] == {"wrapText": True}
    assert "format" not in sheet.peek(0, 1).format
    assert graph.column_format(book, "Ark1", "B")["columnWidth"] == 30
    assert graph.column_format(book, "Ark1", "B")["wrapText"] is False  # only B2:B3 wrap


@pytest.mark.parametrize(
    "body",
    [
        {"fontSize": 11},
        {"font": {"bold": True}},
        {"verticalAlignment": "Middle"},
        {"wrapText": "yes"},
        {"columnWidth": -1},
        {"columnWidth": True},
    ],
)
def test_the_emulator_refuses_what_a_range_format_does_not_have(
    graph: GraphEmulator, body: dict[str, Any]
) -> None:
    book = graph.create_workbook()
    url = f"{_sheet_url(graph, book)}/range(address='E:E')/format"
    answer = _http(graph).patch(url, json=body)
    assert (answer.status_code, answer.json()["error"]["code"]) == (400, "invalidArgument")
    assert graph.column_format(book, "Ark1", "E") == DEFAULT

"""A formula rewritten as Excel rewrites it when rows of its sheet are deleted; the
workbook's defined names, and the plan tab's print area and print titles, likewise."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.formula_rows import rows_deleted, shift_formulas
from sync.loop import lay_out
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN, WEB


@pytest.mark.parametrize(
    ("formula", "deleted", "rewritten"),
    [
        ("=LEFT(E3,20)", [2], "=LEFT(E2,20)"),
        ("=E1", [2], "=E1"),
        ("=E2", [2], "=#REF!"),
        ("=$E$5&E$5&$E5", [2, 3], "=$E$3&E$3&$E3"),
        ("=SUM(B2:B10)", [2], "=SUM(B2:B9)"),
        ("=SUM(B2:B10)", [5, 6], "=SUM(B2:B8)"),
        ("=SUM(B3:B4)", [3, 4], "=SUM(#REF!)"),
        ("=SUM(3:5)", [1], "=SUM(2:4)"),
        ("=SUM(E:E)", [1], "=SUM(E:E)"),
        ("=Planlogg_plan+A5", [1], "=Planlogg_plan+A4"),
    ],
)
def test_references_on_the_tab_follow_their_cells(
    formula: str, deleted: list[int], rewritten: str
) -> None:
    assert rows_deleted(formula, deleted, "plan", on_tab=True) == rewritten


@pytest.mark.parametrize(
    ("formula", "on_tab", "rewritten"),
    [
        ("=Annan!A5", True, "=Annan!A5"),
        ("=A5", False, "=A5"),
        ("='min plan'!A5+plan!A5", False, "='min plan'!A5+plan!A4"),
        ("='Kari''s plan'!A5", False, "='Kari''s plan'!A5"),
    ],
)
def test_only_references_to_the_tab_move(formula: str, on_tab: bool, rewritten: str) -> None:
    assert rows_deleted(formula, [1], "plan", on_tab=on_tab) == rewritten


def test_a_sheet_name_with_a_quote_is_read_as_written() -> None:
    assert rows_deleted("='Kari''s plan'!A5", [1], "Kari's plan", on_tab=False) == (
        "='Kari''s plan'!A4"
    )


TAB = "Min plan"


def _book() -> Workbook:
    book = Workbook()
    book.active.title = TAB
    book.create_sheet("Utval")
    return book


@pytest.mark.parametrize(
    ("value", "rewritten"),
    [
        ("'Min plan'!$B$5:$B$40", "'Min plan'!$B$3:$B$38"),
        ("'Min plan'!$B$2:$B$4", "'Min plan'!$B$2:$B$2"),
        ("'Min plan'!$E$3:$E$4", "#REF!"),
        ("'Min plan'!$A$6,'Min plan'!$C$3", "'Min plan'!$A$4,#REF!"),
        ("SUM('Min plan'!$C$2:$C$10)/2", "SUM('Min plan'!$C$2:$C$8)/2"),
        ("'Min plan'!$B:$B", "'Min plan'!$B:$B"),
        ("Utval!$A$5", "Utval!$A$5"),
        ("0.25", "0.25"),
    ],
)
def test_a_workbook_name_follows_the_rows_it_refers_to(value: str, rewritten: str) -> None:
    book = _book()
    book.defined_names["Tiltaksliste"] = DefinedName("Tiltaksliste", attr_text=value)
    shift_formulas(book, book[TAB], [3, 4])
    assert book.defined_names["Tiltaksliste"].value == rewritten


def test_a_name_scoped_to_a_tab_follows_the_rows_too() -> None:
    book = _book()
    for sheet in (book[TAB], book["Utval"]):
        sheet.defined_names["Lokal"] = DefinedName("Lokal", attr_text="'Min plan'!$A$6:$A$9")
    shift_formulas(book, book[TAB], [3, 4])
    assert [sheet.defined_names["Lokal"].value for sheet in book.worksheets] == [
        "'Min plan'!$A$4:$A$7"
    ] * 2


def test_the_print_area_and_print_titles_follow_the_rows() -> None:
    """openpyxl keeps _xlnm.Print_Area and _xlnm.Print_Titles as the tab's settings."""
    book = _book()
    tab = book[TAB]
    tab.print_area = ["A1:F40", "H3:H4", "J2:J5"]
    tab.print_title_rows = "2:3"
    shift_formulas(book, tab, [3, 4])
    assert tab.print_area == "'Min plan'!$A$1:$F$38,'Min plan'!$J$2:$J$3"
    assert tab.print_title_rows == "$2:$2"


def test_a_print_area_and_print_titles_wholly_deleted_are_gone() -> None:
    book = _book()
    tab = book[TAB]
    tab.print_area = "A3:F4"
    tab.print_title_rows = "3:4"
    shift_formulas(book, tab, [3, 4])
    assert (tab.print_area, tab.print_title_rows) == ("", None)


def test_a_row_the_sync_deletes_shrinks_the_names_and_print_area_in_the_saved_workbook(
    plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    """Before, the name still said $E$2:$E$7 with five measures left in E2:E6."""
    workbook = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, workbook, PLAN)
    sheet_sync.cycle(workbook, PLAN)
    book = load_workbook(workbook.path)
    book.defined_names["Tiltak"] = DefinedName("Tiltak", attr_text=f"{PLAN}!$E$2:$E$7")
    book[PLAN].print_area = "A1:F7"
    book[PLAN].print_title_rows = "1:1"
    book.save(workbook.path)
    plan_app.remove_measure(PLAN, "T001", WEB)
    sheet_sync.cycle(workbook, PLAN)
    book = load_workbook(workbook.path)
    assert book[PLAN]["E2"].value == "Tiltak nummer 2"
    assert book.defined_names["Tiltak"].value == f"{PLAN}!$E$2:$E$6"
    assert book[PLAN].print_area == f"'{PLAN}'!$A$1:$F$6"
    assert book[PLAN].print_title_rows == "$1:$1"

"""A link people put in a cell of the plan tab (a case document in a column of their own)
stays on its measure's row when the sync deletes a row above it, and a deleted row's link
goes with the row: openpyxl moves a cell with its link but not the link's `ref`, which is
what the saved file places the link by (`sync.row_ranges._shift_hyperlinks`)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.layout import Layout
from sync.loop import lay_out
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN, WEB

OWN = get_column_letter(len(Layout.for_years((2024, 2025)).header) + 1)
LINK = "https://helsefellesskap.example/saker/2025-11.pdf"
OTHER = "https://helsefellesskap.example/saker/2025-12.pdf"


def _links(path: Path) -> dict[str, str]:
    tab = load_workbook(path)[PLAN]
    return {
        cell.coordinate: cell.hyperlink.target
        for row in tab.iter_rows()
        for cell in row
        if cell.hyperlink is not None
    }


def test_a_link_in_an_own_column_stays_on_its_measures_row_when_a_row_above_is_deleted(
    plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    workbook = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, workbook, PLAN)
    sheet_sync.cycle(workbook, PLAN)
    book = load_workbook(workbook.path)
    tab = book[PLAN]
    assert [tab[f"A{row}"].value for row in (2, 3, 4, 5, 6, 7)] == [
        "T001", "T002", "T003", "T004", "T005", "T006",
    ]  # fmt: skip
    tab[f"{OWN}1"] = "Saksdokument"
    tab[f"{OWN}5"] = "SSU sak 11/25"
    tab[f"{OWN}5"].hyperlink = LINK
    tab["E7"].hyperlink = OTHER  # on Planlogg's Tiltak of T006
    book.save(workbook.path)
    sheet_sync.cycle(workbook, PLAN)
    assert _links(workbook.path) == {f"{OWN}5": LINK, "E7": OTHER}
    plan_app.remove_measure(PLAN, "T002", WEB)
    sheet_sync.cycle(workbook, PLAN)
    tab = load_workbook(workbook.path)[PLAN]
    assert [tab[f"A{row}"].value for row in (2, 3, 4, 5, 6)] == [
        "T001", "T003", "T004", "T005", "T006",
    ]  # fmt: skip
    assert tab[f"{OWN}4"].value == "SSU sak 11/25"
    assert _links(workbook.path) == {f"{OWN}4": LINK, "E6": OTHER}


def test_a_link_on_a_deleted_row_goes_with_it(
    plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> None:
    workbook = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, workbook, PLAN)
    sheet_sync.cycle(workbook, PLAN)
    book = load_workbook(workbook.path)
    book[PLAN]["E3"].hyperlink = LINK  # on Planlogg's Tiltak of T002
    book.save(workbook.path)
    sheet_sync.cycle(workbook, PLAN)
    assert _links(workbook.path) == {"E3": LINK}
    plan_app.remove_measure(PLAN, "T002", WEB)
    sheet_sync.cycle(workbook, PLAN)
    tab = load_workbook(workbook.path)[PLAN]
    assert tab["A3"].value == "T003"
    assert _links(workbook.path) == {}

"""Row heights the local workbook writes stay within what Excel takes, and never cut off
the text of a person's own wrapping cell."""

from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from sync.cycle import SheetSync
from sync.layout import Layout
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN

BY = Provenance("Sekretariatet", Source.CLI)
THIRTY_LINES = "\n".join(f"Punkt {n:02}" for n in range(1, 31))
THREE_LINES = "Kartlegge behovet\nLage en plan\nFølge opp"
TWENTY_WORDS = " ".join(["samhandling"] * 20)


def _cycle(app: Planlogg, workbook: WorkbookBackend) -> None:
    SheetSync(app, ReadModels.open(app)).cycle(workbook, PLAN)


def _height(workbook: WorkbookBackend, row: int) -> float | None:
    return load_workbook(workbook.path)[PLAN].row_dimensions[row].height


def test_a_row_is_never_taller_than_excel_allows(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """Excel's tallest row is 409 points; a file with a taller one is repaired on opening.
    A Tiltak of 30 short lines (270 characters, well within its 685) made `ht="450"`. The
    tallest whole number of lines below the limit (27 × 15 = 405) keeps the height one
    Planlogg worked out (a capped 409 would be taken for one set by hand next cycle)."""
    plan_app.reword_measure(PLAN, "T001", THIRTY_LINES, BY)
    _cycle(plan_app, workbook)
    assert _height(workbook, 2) == 405.0


def test_a_persons_own_wrapping_cell_is_not_cut_off_by_the_height_planlogg_writes(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """A person's own column (Notat) whose cell they set to wrap (Excel's Wrap Text on the
    cells, not the whole column) holds ten lines. Before the row heights, row 2 had no
    height and Excel fitted it to those ten lines; now the plan's Tiltak of three lines
    gives it 45 points, saved as worked out, and Excel and LibreOffice show three of the
    person's ten lines. The cell's own wrap counts as a wrapping column's does."""
    column = len(Layout.for_years((2024, 2025)).headings) + 1
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    sheet.cell(row=1, column=column).value = "Notat"
    sheet.column_dimensions[get_column_letter(column)].width = 30
    note = sheet.cell(row=2, column=column)
    note.value = TWENTY_WORDS
    note.alignment = Alignment(wrap_text=True, vertical="top")
    book.save(workbook.path)
    plan_app.reword_measure(PLAN, "T001", THREE_LINES, BY)
    _cycle(plan_app, workbook)
    assert _height(workbook, 2) == 150.0

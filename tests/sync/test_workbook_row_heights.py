"""The local workbook gives each plan row the height of its wrapped text, as Excel does,
so LibreOffice no longer draws a measure's lines over the rows below it; a height set by
hand stays."""

from __future__ import annotations

import re
import zipfile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from sync.cycle import SheetSync
from sync.layout import Layout
from sync.row_heights import text_lines
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN
from tests.sync.test_workbook import _excel_formula

BY = Provenance("Sekretariatet", Source.CLI)
THREE_LINES = "Kartlegge behovet\nLage en plan\nFølge opp"
TWENTY_WORDS = " ".join(["samhandling"] * 20)


def _cycle(app: Planlogg, workbook: WorkbookBackend) -> None:
    SheetSync(app, ReadModels.open(app)).cycle(workbook, PLAN)


def _heights(workbook: WorkbookBackend) -> list[float | None]:
    sheet = load_workbook(workbook.path)[PLAN]
    return [sheet.row_dimensions[row].height for row in range(2, 8)]


def test_a_text_of_three_lines_gets_a_row_three_lines_tall(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    plan_app.reword_measure(PLAN, "T001", THREE_LINES, BY)
    _cycle(plan_app, workbook)
    assert _heights(workbook) == [45.0, None, None, None, None, None]


def test_a_long_paragraph_gets_the_lines_it_wraps_into_in_its_column(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    plan_app.reword_measure(PLAN, "T002", TWENTY_WORDS, BY)
    _cycle(plan_app, workbook)
    assert _heights(workbook) == [None, 60.0, None, None, None, None]


def test_the_height_is_saved_as_excel_saves_a_height_it_worked_out(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    plan_app.reword_measure(PLAN, "T001", THREE_LINES, BY)
    _cycle(plan_app, workbook)
    with zipfile.ZipFile(workbook.path) as archive:
        part = archive.read("xl/worksheets/sheet1.xml").decode()
    assert re.findall(r'<row r="2"[^>]*>', part) == ['<row r="2" ht="45">']


def test_a_row_back_to_one_line_loses_its_height(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    plan_app.reword_measure(PLAN, "T001", THREE_LINES, BY)
    _cycle(plan_app, workbook)
    plan_app.reword_measure(PLAN, "T001", "Kort tekst", BY)
    _cycle(plan_app, workbook)
    assert _heights(workbook) == [None] * 6


def test_a_height_set_by_hand_stays_when_planlogg_writes_the_row(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    book = load_workbook(workbook.path)
    book[PLAN].row_dimensions[3].height = 50.25
    book.save(workbook.path)
    plan_app.reword_measure(PLAN, "T002", THREE_LINES, BY)
    plan_app.reword_measure(PLAN, "T001", THREE_LINES, BY)
    _cycle(plan_app, workbook)
    assert _heights(workbook) == [45.0, 50.25, None, None, None, None]


def test_lines_count_the_line_breaks_and_break_between_words() -> None:
    assert (text_lines("En\n\nTo", 60), text_lines(TWENTY_WORDS, 60), text_lines("x" * 65, 60),
            text_lines("x" * 66, 60)) == (3, 4, 1, 2)  # fmt: skip


def test_a_word_longer_than_the_line_starts_a_line_of_its_own_and_is_broken() -> None:
    """As Excel draws it: «kort» alone, then 65 and 5 characters of the long word, the next
    word after them."""
    assert text_lines("kort " + "x" * 70 + " slutt", 60) == 3


def test_a_formula_in_a_wrapping_column_counts_as_one_line_not_as_its_text(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """A formula typed in the wrapping Statuskommentar column, saved with its result as
    Excel saves it: the result is one short word, the formula's text a long one."""
    headings = Layout.for_years((2024, 2025)).headings
    book = load_workbook(workbook.path)
    book[PLAN].cell(row=4, column=headings.index("Status") + 1).value = "grønn"
    book.save(workbook.path)
    comment = f"{get_column_letter(headings.index('Statuskommentar') + 1)}4"
    _excel_formula(workbook.path, comment, '=IF(TRUE,"ok","' + "x" * 200 + '")', "ok")
    plan_app.reword_measure(PLAN, "T001", THREE_LINES, BY)
    _cycle(plan_app, workbook)
    sheet = load_workbook(workbook.path)[PLAN]
    by = sheet.cell(row=4, column=headings.index("Endret av") + 1)
    assert (by.value, text_lines(by.value, 16)) == ("Regnearket «plan.xlsx»", 2)
    # two lines for the wrapped «Endret av», not the formula's (217 characters, 7 lines)
    assert _heights(workbook) == [45.0, None, 30.0, None, None, None]

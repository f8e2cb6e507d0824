"""The plan tab's cells sit at the top of their rows, as its wrapped text does.

A reviewer opening a synced workbook in LibreOffice found ID, Nr, the year columns,
Status, «Sist endret» and «Endret av» at the bottom of rows made tall by the wrapped
Tiltak and Mål: each «x», status word and ID sat just above the next measure's text.
«Endret av» (16 wide, unwrapped) ran into Melding and was cut off when Melding had text.

Planlogg aligns what it lays out as it gives rows their height: a cell or column with no
alignment of its own is Planlogg's to align; one a person aligned, and a person's own
columns, are left as they are."""

from __future__ import annotations

from typing import Any

from openpyxl import load_workbook
from openpyxl.styles import Alignment

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from sync.cycle import SheetSync
from sync.loop import lay_out
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN

BY = Provenance("Sekretariatet", Source.CLI)
SHEET_EDITOR = Provenance("Reknearket «wb-nn.xlsx»", Source.SHEET)
NARROW = ("ID", "Nr", "2024", "2025", "Status", "Sist endret")
WRAPPING = ("Innsatsområde", "Mål", "Tiltak", "Ansvar", "Statuskommentar", "Endret av", "Melding")


def _cycle(app: Planlogg, workbook: WorkbookBackend) -> None:
    SheetSync(app, ReadModels.open(app)).cycle(workbook, PLAN)


def _sheet(workbook: WorkbookBackend) -> Any:
    return load_workbook(workbook.path)[PLAN]


def _letter(sheet: Any, header: str) -> str:
    return str(next(c.column_letter for c in sheet[1] if c.value == header))


def _look(alignment: Alignment) -> tuple[str | None, bool]:
    return alignment.vertical, bool(alignment.wrap_text)


def test_every_filled_cell_of_the_plans_columns_is_top_aligned(
    workbook: WorkbookBackend,
) -> None:
    sheet = _sheet(workbook)
    header = [c.value for c in sheet[1]]
    looks = {
        (header[c.column - 1], _look(c.alignment))
        for row in sheet.iter_rows(min_row=2)
        for c in row
        if c.value is not None
    }
    assert looks == {
        ("ID", ("top", False)),
        ("Nr", ("top", False)),
        ("Innsatsområde", ("top", True)),
        ("Mål", ("top", True)),
        ("Tiltak", ("top", True)),
        ("Ansvar", ("top", True)),
        ("2024", ("top", False)),
        ("Sist endret", ("top", False)),
        ("Endret av", ("top", True)),
    }


def test_the_plans_columns_top_align_what_people_type_later(workbook: WorkbookBackend) -> None:
    sheet = _sheet(workbook)
    styles = {h: _look(sheet.column_dimensions[_letter(sheet, h)].alignment) for h in NARROW}
    wrapped = {h: _look(sheet.column_dimensions[_letter(sheet, h)].alignment) for h in WRAPPING}
    assert styles == dict.fromkeys(NARROW, ("top", False))
    assert wrapped == dict.fromkeys(WRAPPING, ("top", True))


def test_a_long_editor_name_wraps_in_endret_av_and_its_row_is_two_lines_tall(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    plan_app.reword_measure(PLAN, "T001", "Kort tekst", SHEET_EDITOR)
    _cycle(plan_app, workbook)
    sheet = _sheet(workbook)
    cell = sheet[f"{_letter(sheet, 'Endret av')}2"]
    assert (cell.value, _look(cell.alignment)) == ("Reknearket «wb-nn.xlsx»", ("top", True))
    assert [sheet.row_dimensions[row].height for row in (2, 3)] == [30.0, None]


def test_a_persons_own_column_is_left_unaligned(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    own = sheet.max_column + 1
    sheet.cell(row=1, column=own).value = "Notat"
    sheet.cell(row=2, column=own).value = "Ring Kari"
    book.save(workbook.path)
    lay_out(plan_app, workbook, PLAN)
    plan_app.reword_measure(PLAN, "T001", "Kort tekst", BY)
    _cycle(plan_app, workbook)
    sheet = _sheet(workbook)
    letter = _letter(sheet, "Notat")
    assert _look(sheet[f"{letter}2"].alignment) == (None, False)
    assert sheet.column_dimensions[letter].alignment == Alignment()


def test_an_alignment_a_person_set_stays_when_planlogg_writes_the_cell(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    status, text = _letter(sheet, "Status"), _letter(sheet, "Tiltak")
    sheet[f"{status}2"].alignment = Alignment(horizontal="center", vertical="center")
    sheet[f"{text}3"].alignment = Alignment(vertical="center")
    book.save(workbook.path)
    plan_app.report_status(PLAN, "1.1.1", "grønn", "I rute.", BY)
    plan_app.reword_measure(PLAN, "T002", "Ny tekst", BY)
    lay_out(plan_app, workbook, PLAN)
    _cycle(plan_app, workbook)
    sheet = _sheet(workbook)
    assert (sheet[f"{status}2"].value, sheet[f"{text}3"].value) == ("grønn", "Ny tekst")
    assert sheet[f"{status}2"].alignment == Alignment(horizontal="center", vertical="center")
    assert sheet[f"{text}3"].alignment == Alignment(vertical="center")


def test_a_tab_an_earlier_planlogg_laid_out_is_top_aligned_at_its_next_lay_out(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """As the earlier Planlogg left it: the narrow columns and «Endret av» without any
    alignment, their cells too; Tiltak wrapped and top-aligned."""
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    for header in (*NARROW, "Endret av"):
        letter = _letter(sheet, header)
        sheet.column_dimensions[letter].alignment = Alignment()
        for row in range(2, sheet.max_row + 1):
            sheet[f"{letter}{row}"].alignment = Alignment()
    book.save(workbook.path)
    lay_out(plan_app, workbook, PLAN)
    sheet = _sheet(workbook)
    cells = [_look(sheet[f"{_letter(sheet, h)}2"].alignment) for h in ("ID", "2024", "Endret av")]
    assert cells == [("top", False), ("top", False), ("top", True)]
    assert _look(sheet.column_dimensions[_letter(sheet, "Status")].alignment) == ("top", False)

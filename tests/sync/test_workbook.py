"""The local .xlsx backend: lock files, atomic writes, text stays text, attribution."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from domain.application import Planlogg
from projections import ReadModels
from sync.backend import SheetBusy
from sync.cycle import SheetSync
from sync.layout import Layout
from sync.loop import lay_out
from sync.workbook import WorkbookBackend, cell_text
from tests.sync.conftest import PLAN, WEB


@pytest.fixture
def workbook(plan_app: Planlogg, tmp_path: Path) -> WorkbookBackend:
    backend = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, backend, PLAN)
    SheetSync(plan_app, ReadModels.open(plan_app)).cycle(backend, PLAN)
    return backend


def _edit(path: Path, cells: dict[str, str], who: str = "Siri Sekretær") -> None:
    book = load_workbook(path)
    for label, value in cells.items():
        book[PLAN][label] = value
    book.properties.lastModifiedBy = who
    book.save(path)


def test_laying_out_creates_the_workbook_with_tabs_dropdown_and_colours(
    workbook: WorkbookBackend,
) -> None:
    book = load_workbook(workbook.path)
    assert book.sheetnames == [PLAN, "Oversikt", "Vedtak"]
    sheet = book[PLAN]
    assert [c.value for c in sheet[1]][:3] == ["ID", "Nr", "Område"]
    [validation] = sheet.data_validations.dataValidation
    assert validation.formula1 == '"grønn,gul,rød"'
    assert len(sheet.conditional_formatting) == 1
    assert sheet["A2"].value == "T001"


def test_a_saved_edit_is_attributed_to_the_last_modified_by(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    _edit(workbook.path, {"I3": "Raud"})
    assert sheet_sync.cycle(workbook, PLAN).applied == 1
    reported = plan_app.get_plan(PLAN).measure("T002").status
    assert reported is not None and reported.reporter == "Siri Sekretær"
    assert load_workbook(workbook.path)[PLAN]["I3"].value == "rød"


def test_text_that_looks_like_a_formula_is_written_as_text(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    plan_app.reword_measure(PLAN, "T001", '=IMPORTXML("http://x", "//a")', WEB)
    sheet_sync.cycle(workbook, PLAN)
    cell = load_workbook(workbook.path)[PLAN]["E2"]
    assert (cell.value, cell.data_type) == ('=IMPORTXML("http://x", "//a")', "s")


def test_nothing_is_written_while_the_workbook_is_open_elsewhere(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    lock = workbook.path.parent / f".~lock.{workbook.path.name}#"
    lock.write_text("LibreOffice")
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    before = workbook.path.read_bytes()
    with pytest.raises(SheetBusy, match="ope i Excel eller LibreOffice"):
        sheet_sync.cycle(workbook, PLAN)
    assert workbook.path.read_bytes() == before
    lock.unlink()
    sheet_sync.cycle(workbook, PLAN)
    assert load_workbook(workbook.path)[PLAN]["E2"].value == "Ny tekst"


def test_an_excel_lock_file_also_blocks_writing(workbook: WorkbookBackend) -> None:
    (workbook.path.parent / f"~${workbook.path.name}").write_text("")
    with pytest.raises(SheetBusy):
        workbook.check_not_open()


def test_writes_replace_the_file_whole_and_leave_no_temporary_files(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    inode = workbook.path.stat().st_ino
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    sheet_sync.cycle(workbook, PLAN)
    assert workbook.path.stat().st_ino != inode
    assert [p.name for p in workbook.path.parent.iterdir()] == ["plan.xlsx"]


def test_invalid_input_gets_a_comment_on_the_cell(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    _edit(workbook.path, {"G4": "kanskje"})
    sheet_sync.cycle(workbook, PLAN)
    sheet = load_workbook(workbook.path)[PLAN]
    assert sheet["G4"].value == "kanskje"
    assert "Forstår ikkje" in sheet["G4"].comment.text
    melding = get_column_letter(Layout.for_years((2024, 2025)).index("Melding") + 1)
    assert "Forstår ikkje" in sheet[f"{melding}4"].value


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (3.0, "3"), (1.5, "1.5"), (datetime(2025, 3, 1), "01.03.2025"), ("x", "x")],
)
def test_cells_read_as_people_see_them(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_laying_out_again_keeps_data_and_adds_no_duplicate_rules(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    lay_out(plan_app, workbook, PLAN)
    sheet = load_workbook(workbook.path)[PLAN]
    assert len(sheet.conditional_formatting) == 1
    assert len(sheet.data_validations.dataValidation) == 1
    assert sheet_sync.cycle(workbook, PLAN).written == 0

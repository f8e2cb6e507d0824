"""A formula no spreadsheet program has computed is not a cell a person emptied.

The workbook is read as the values the spreadsheet program last computed. A formula
written by a script or a tool that does not calculate (openpyxl, as here) is saved with
no value beside it and read as empty: a formula in Statuskommentar cleared the comment in
the name of the sheet. Such a cell in a Planlogg column now stops the read, naming the
cell; a formula with a computed value is read as before."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from domain.application import Planlogg
from domain.measure import Colour
from sync.cycle import SheetSync
from sync.layout import Layout
from sync.loop import lay_out
from sync.workbook import WorkbookBackend
from sync.xlsx_limits import SpreadsheetRefused
from tests.conftest import EventClock
from tests.sync.conftest import PLAN, WEB


@pytest.fixture
def workbook(plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path) -> WorkbookBackend:
    """The plan's workbook, T002 (row 3) reported yellow with a comment."""
    plan_app.report_status(PLAN, "T002", Colour.YELLOW, "Godt i gang", WEB)
    backend = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return backend


def _letter(heading: str) -> str:
    return get_column_letter(Layout.for_years((2024, 2025)).headings.index(heading) + 1)


def _put(path: Path, cells: dict[str, str]) -> None:
    """Cells put in by openpyxl, a tool that does not calculate: a formula gets no value."""
    book = load_workbook(path)
    for label, value in cells.items():
        book[PLAN][label] = value
    book.save(path)


def _computed(path: Path, label: str, result: str) -> None:
    """Give the formula at `label` the text result a spreadsheet program stores when it
    computes it (as opening and saving the workbook in Excel or LibreOffice does)."""
    with zipfile.ZipFile(path) as archive:
        parts = {entry.filename: archive.read(entry) for entry in archive.infolist()}
    part = f"xl/worksheets/sheet{load_workbook(path).sheetnames.index(PLAN) + 1}.xml"
    cell = re.compile(rb'(<c r="%s")([^>]*>)(<f>[^<]*</f>)<v\s*(?:/>|></v>)' % label.encode())
    parts[part], found = cell.subn(rb'\1 t="str"\2\3<v>%s</v>' % result.encode(), parts[part])
    assert found == 1, "the formula was not found in the saved tab"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _comment(app: Planlogg, measure_id: str = "T002") -> str | None:
    status = app.get_plan(PLAN).measure(measure_id).status
    return status.comment if status is not None else None


def test_a_formula_never_computed_is_not_taken_for_an_emptied_cell(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """Before: the cycle applied 1 edit and the comment «Godt i gang» became ""."""
    label = f"{_letter('Statuskommentar')}3"
    _put(workbook.path, {label: "=A1"})
    version = plan_app.get_plan(PLAN).version
    with pytest.raises(SpreadsheetRefused) as refused:
        sheet_sync.cycle(workbook, PLAN)
    assert f"{label} (Statuskommentar)" in refused.value.message
    assert "Excel eller LibreOffice" in refused.value.message
    assert (_comment(plan_app), plan_app.get_plan(PLAN).version) == ("Godt i gang", version)
    assert load_workbook(workbook.path)[PLAN][label].value == "=A1"


def test_every_such_cell_of_a_planlogg_column_is_named(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    status, indicator = f"{_letter('Status')}3", f"{_letter('Indikator')}5"
    _put(workbook.path, {status: "=A1", indicator: '="Andel "&"x"'})
    with pytest.raises(SpreadsheetRefused) as refused:
        sheet_sync.cycle(workbook, PLAN)
    assert f"{status} (Status), {indicator} (Indikator)" in refused.value.message
    assert plan_app.get_plan(PLAN).measure("T002").status is not None


def test_once_computed_the_formulas_value_is_read(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    label = f"{_letter('Statuskommentar')}3"
    _put(workbook.path, {label: '="Ferdig "&"i mai"'})
    with pytest.raises(SpreadsheetRefused):
        sheet_sync.cycle(workbook, PLAN)
    _computed(workbook.path, label, "Ferdig i mai")
    assert sheet_sync.cycle(workbook, PLAN).applied == 1
    assert _comment(plan_app) == "Ferdig i mai"


def test_a_formula_computed_to_empty_text_stays_computed_when_planlogg_saves(
    event_clock: EventClock, sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """A formula whose result is "" is computed (text with no characters), not uncomputed:
    Planlogg's save must keep it so, or the next read would refuse it."""
    label = f"{_letter('Indikator')}3"
    _put(workbook.path, {label: '=IF(A1="x","y","")'})
    _computed(workbook.path, label, "")
    assert sheet_sync.cycle(workbook, PLAN).applied == 0
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    assert sheet_sync.cycle(workbook, PLAN).written == 2
    report = sheet_sync.cycle(workbook, PLAN)
    assert (report.applied, report.rejected) == (0, 0)
    assert load_workbook(workbook.path)[PLAN][label].value == '=IF(A1="x","y","")'


def test_a_formula_never_computed_in_a_column_of_peoples_own_is_left_alone(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    own = get_column_letter(len(Layout.for_years((2024, 2025)).headings) + 1)
    _put(workbook.path, {f"{own}1": "Notat", f"{own}3": "=A1"})
    report = sheet_sync.cycle(workbook, PLAN)
    assert (report.applied, report.rejected) == (0, 0)
    assert _comment(plan_app) == "Godt i gang"

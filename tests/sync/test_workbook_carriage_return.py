"""A line break Excel saved as CR LF is read as a line break, not as «_x000D_»."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook

from domain.application import Planlogg
from projections import ReadModels
from sync.cycle import SheetSync
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN

MARK = "MERKE-FOR-KOMMENTAR"


def _save_as_excel_does(path: Path, measure_id: str, column: str, xml_text: str) -> None:
    """Put `xml_text` into a cell as Excel stores it: OOXML writes a carriage return, which
    XML itself cannot carry, as «_x000D_» (ISO/IEC 29500-1 §22.9.2.19); Excel shows it as
    part of an ordinary line break."""
    book = load_workbook(path)
    tab = book[PLAN]
    header = [cell.value for cell in tab[1]]
    for row in range(2, tab.max_row + 1):
        if tab.cell(row, header.index("ID") + 1).value == measure_id:
            tab.cell(row, header.index(column) + 1).value = MARK
    book.properties.lastModifiedBy = "Siri Sekretær"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {entry.filename: archive.read(entry) for entry in archive.infolist()}
    found = 0
    for name, data in parts.items():
        if MARK.encode() in data:
            parts[name] = data.replace(MARK.encode(), xml_text.encode())
            found += 1
    assert found == 1, "the typed text was not found in the saved workbook"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_comment_with_windows_line_breaks_is_stored_without_excels_escapes(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """A comment pasted from Outlook or Word (CR LF line ends) shows in Excel as two lines;
    Planlogg stored «Første linje_x000D_\\nAndre linje» and showed that on every page."""
    _save_as_excel_does(
        workbook.path, "T001", "Statuskommentar", "Første linje_x000D_\nAndre linje"
    )
    _save_as_excel_does(workbook.path, "T001", "Status", "grønn")
    SheetSync(plan_app, ReadModels.open(plan_app)).cycle(workbook, PLAN)
    status = plan_app.get_plan(PLAN).measure("T001").status
    assert status is not None
    assert status.comment == "Første linje\nAndre linje"

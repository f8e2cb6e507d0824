"""A workbook LibreOffice saved is top-aligned at its next lay-out like any other.

LibreOffice (7.4) writes every cell format with its alignment spelled out, the default
too: `<xf … applyAlignment="false"><alignment horizontal="general" vertical="bottom"
textRotation="0" wrapText="false" indent="0" shrinkToFit="false"/>`, for the cells and for
the `<col style>` of each column. openpyxl drops `applyAlignment` and reads that as
`Alignment(horizontal="general", vertical="bottom", wrap_text=False, …)`: it is no
alignment a person chose (`sync.workbook._unaligned`). (Checked with a real
`soffice --convert-to xlsx` round trip: A2 and column A read back exactly so.)"""

from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.styles import Alignment

from domain.application import Planlogg
from sync.loop import lay_out
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN

LIBREOFFICE_DEFAULT = Alignment(
    horizontal="general",
    vertical="bottom",
    text_rotation=0,
    wrap_text=False,
    shrink_to_fit=False,
    indent=0,
)
"""How openpyxl reads the default alignment LibreOffice writes into every cell format."""
NARROW = ("ID", "Nr", "2024", "Status")


def test_an_earlier_tab_saved_by_libreoffice_is_top_aligned_at_its_next_lay_out(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    letters = {c.value: c.column_letter for c in sheet[1]}
    for header in NARROW:
        sheet.column_dimensions[letters[header]].alignment = LIBREOFFICE_DEFAULT
        for row in range(2, sheet.max_row + 1):
            sheet[f"{letters[header]}{row}"].alignment = LIBREOFFICE_DEFAULT
    book.save(workbook.path)
    lay_out(plan_app, workbook, PLAN)
    sheet = load_workbook(workbook.path)[PLAN]
    cells = {h: sheet[f"{letters[h]}2"].alignment.vertical for h in NARROW}
    columns = {h: sheet.column_dimensions[letters[h]].alignment.vertical for h in NARROW}
    assert cells == dict.fromkeys(NARROW, "top")
    assert columns == dict.fromkeys(NARROW, "top")

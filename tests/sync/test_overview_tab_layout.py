"""How the local workbook's Oversikt and Vedtak look: whole area names, the whole checksum,
bold header rows.

A reviewer found Oversikt's column A (36 wide) cutting off «1 Helhetlige pasientforløp og
andre aktuelle s…», the checksum in column C (10 wide) showing «22d6af5e5c1» under D's
text, though it is what an auditor copies, and neither tab's header row bold, as the plan
tab's is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.styles import Font

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.cycle import SheetSync
from sync.layout import DECISIONS_TAB, OVERVIEW_TAB
from sync.row_heights import text_lines
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN
from tests.sync.test_sheet_presentation import synced  # noqa: F401

SECRETARIAT = Provenance("Sekretariatet", Source.CLI)
LONG_AREA = "Helhetlige pasientforløp og andre aktuelle samhandlingstiltak for prioriterte grupper"


def _tab(path: Path, title: str) -> Any:
    return load_workbook(path)[title]


def _row(tab: Any, first: str) -> int:
    return int(next(row[0].row for row in tab.iter_rows() if row[0].value == first))


def test_oversikts_column_a_wraps_and_its_row_is_as_tall_as_the_area_name(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    synced: WorkbookBackend,  # noqa: F811
) -> None:
    plan_app.add_area(PLAN, "2", LONG_AREA, SECRETARIAT)
    sheet_sync.cycle(synced, PLAN)
    tab = _tab(synced.path, OVERVIEW_TAB)
    row = _row(tab, f"2 {LONG_AREA}")
    assert text_lines(f"2 {LONG_AREA}", 36) == 3
    assert tab.row_dimensions[row].height == 45.0
    assert tab.row_dimensions[_row(tab, "1 Samhandling")].height is None
    column_a = {(c.alignment.vertical, c.alignment.wrap_text) for c in tab["A"] if c.value}
    assert column_a == {("top", True)}
    counts = [(c.alignment.vertical, bool(c.alignment.wrap_text)) for c in tab[row][1:6]]
    assert counts == [("top", False)] * 5


def test_oversikts_checksum_stands_alone_to_show_whole_over_the_empty_cells_beside_it(
    synced: WorkbookBackend,  # noqa: F811
) -> None:
    """Unwrapped text runs on over empty cells to its right: the checksum's row holds nothing
    after it, and the columns keep the widths the counts below need."""
    tab = _tab(synced.path, OVERVIEW_TAB)
    row = _row(tab, "Kontrollsum (endringsloggen)")
    checksum = tab.cell(row=row, column=2)
    assert len(checksum.value) == 64
    assert checksum.alignment.wrap_text is not True
    assert [tab.cell(row=row, column=c).value for c in range(3, 8)] == [None] * 5
    assert tab.cell(row=row + 1, column=2).value.startswith("hendelse ")
    widths = [tab.column_dimensions[x].width for x in "ABCDEF"]
    assert widths == [36, 14, 10, 10, 10, 16]


def _bold_rows(tab: Any) -> list[int]:
    rows = {c.row for row in tab.iter_rows() for c in row if c.font.bold}
    return sorted(rows)


def test_oversikts_table_header_is_bold_and_nothing_else(
    synced: WorkbookBackend,  # noqa: F811
) -> None:
    tab = _tab(synced.path, OVERVIEW_TAB)
    header = _row(tab, "Innsatsområde")
    assert [c.font.bold for c in tab[header]] == [True] * 6
    assert _bold_rows(tab) == [header]


def test_vedtaks_header_row_is_bold_and_its_decisions_are_not(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    synced: WorkbookBackend,  # noqa: F811
) -> None:
    by = Provenance("Kari", Source.WEB, decision="PSU sak 3/25")
    plan_app.report_status(PLAN, "1.1.1", "grønn", "I rute.", by, body="PSU")
    sheet_sync.cycle(synced, PLAN)
    tab = _tab(synced.path, DECISIONS_TAB)
    assert [c.value for c in tab[1]] == ["Vedtak", "Dato", "Hva", "Gjelder versjon"]
    assert [c.font.bold for c in tab[1]] == [True] * 4
    assert _bold_rows(tab) == [1]
    assert tab.max_row == 2


def test_a_cell_no_longer_in_the_header_row_is_no_longer_bold(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    synced: WorkbookBackend,  # noqa: F811
) -> None:
    """Oversikt's header row moves down when a version row is added above it: a cell it
    left is written as any other (here one made bold before the tab is written again)."""
    book = load_workbook(synced.path)
    book[OVERVIEW_TAB]["A1"].font = Font(bold=True)
    book.save(synced.path)
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", SECRETARIAT)
    sheet_sync.cycle(synced, PLAN)
    tab = _tab(synced.path, OVERVIEW_TAB)
    assert _bold_rows(tab) == [_row(tab, "Innsatsområde")]

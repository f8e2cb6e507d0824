"""Words a person made bold or coloured inside a cell (rich text, as Excel and LibreOffice store
it) in a local workbook.

README: «Tabs of your own are left alone» and columns of your own are «never written, never
cleared, kept through every cycle»: a cycle that saves the workbook keeps such a cell's runs
and their fonts. In a Planlogg column the sync reads the cell as its plain text.

Each case is tried as openpyxl (and so Planlogg) saves text, in the cell (`inlineStr`), and as
Excel saves it, in the shared string table (`_as_excel_saves`)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.loop import lay_out
from sync.workbook import WorkbookBackend, cell_text, open_workbook
from tests.sync.conftest import PLAN, WEB

STORED = ["in the cell", "shared strings"]
BOLD = InlineFont(b=True)
RED = InlineFont(color="FFFF0000")


def _rich() -> CellRichText:
    return CellRichText(["Frist ", TextBlock(BOLD, "før SSU"), " i mars"])


def _runs(value: object) -> list[object]:
    """A rich text's runs: plain text as it is, a formatted run as (bold, colour, text)."""
    assert isinstance(value, CellRichText), value
    return [
        (b.font.b, b.font.color.rgb if b.font.color else None, b.text)
        if isinstance(b, TextBlock)
        else b
        for b in value
    ]


def _as_excel_saves(path: Path) -> None:
    """Move every text of every tab into the shared string table, runs and all, as Excel
    saves a workbook (openpyxl writes each text in its cell)."""
    with zipfile.ZipFile(path) as archive:
        parts = {entry.filename: archive.read(entry) for entry in archive.infolist()}
    assert "xl/sharedStrings.xml" not in parts
    strings: list[bytes] = []

    def shared(found: re.Match[bytes]) -> bytes:
        strings.append(found[2])
        return b'%s t="s"><v>%d</v></c>' % (found[1], len(strings) - 1)

    inline = re.compile(rb'(<c r="[A-Z]+[0-9]+"[^>]*?) t="inlineStr"><is>(.*?)</is></c>')
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        parts[name] = inline.sub(shared, parts[name])
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" '
        b'uniqueCount="%d">%s</sst>'
        % (main, len(strings), len(strings), b"".join(b"<si>%s</si>" % s for s in strings))
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>",
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _store(path: Path, stored: str) -> None:
    if stored == "shared strings":
        _as_excel_saves(path)


def _column(path: Path, header: str) -> int:
    """The plan tab's column (1-based) headed `header`."""
    book = load_workbook(path)
    return [cell.value for cell in book[PLAN][1]].index(header) + 1


def _plan_cells(path: Path) -> dict[tuple[int, int], str]:
    """The plan tab's cells as text, by (row, column)."""
    tab = load_workbook(path)[PLAN]
    return {
        (cell.row, cell.column): str(cell.value or "")
        for row in tab.iter_rows()
        for cell in row
        if cell.value is not None
    }


def _rewritten(before: dict[tuple[int, int], str], path: Path) -> int:
    """How many plan-tab cells read otherwise now than `before`: the cells a cycle wrote.
    «Sist endra» changes only when the reword falls in another minute than the adding, so
    the count is read off the workbook rather than fixed."""
    after = _plan_cells(path)
    return sum(
        1 for place in before.keys() | after.keys() if before.get(place, "") != after.get(place, "")
    )


@pytest.fixture
def synced(plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path) -> WorkbookBackend:
    backend = WorkbookBackend(tmp_path / "handlingsplan.xlsx", PLAN)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return backend


def _own_tab(book: Workbook) -> Cell:
    """A1 of a tab of the person's own («Tabs of your own are left alone»)."""
    return book.create_sheet("Notat")["A1"]


def _own_column(book: Workbook) -> Cell:
    """Row 2 (T001's, which the cycle writes) of a column of the person's own after the plan
    tab's last («never written, never cleared»)."""
    tab = book[PLAN]
    own = tab.max_column + 1
    tab.cell(row=1, column=own, value="Vårt notat")
    return tab.cell(row=2, column=own)


@pytest.mark.parametrize("stored", STORED)
@pytest.mark.parametrize(
    "own",
    [pytest.param(_own_tab, id="own-tab"), pytest.param(_own_column, id="own-column")],
)
def test_bold_and_red_words_in_an_own_cell_survive_a_cycle_that_writes_the_row(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    synced: WorkbookBackend,
    stored: str,
    own: Callable[[Workbook], Cell],
) -> None:
    path = synced.path
    book = load_workbook(path, rich_text=True)
    bold = own(book)
    bold.value = _rich()
    red = bold.offset(row=1)
    red.value = CellRichText([TextBlock(RED, "Raudt"), " og vanleg"])
    tab, bold_at, red_at = bold.parent.title, bold.coordinate, red.coordinate
    book.save(path)
    _store(path, stored)
    row_of_t001 = load_workbook(path)[PLAN].cell(row=2, column=_column(path, "ID")).value
    assert row_of_t001 == "T001"
    assert _runs(load_workbook(path, rich_text=True)[tab][bold_at].value) == [
        "Frist ",
        (True, None, "før SSU"),
        " i mars",
    ]

    before = _plan_cells(path)
    plan_app.reword_measure(PLAN, "T001", "Tiltak nummer 1, nytt ord", WEB)
    assert sheet_sync.cycle(synced, PLAN).written == _rewritten(before, path)

    book = load_workbook(path, rich_text=True)
    tiltak = book[PLAN].cell(row=2, column=_column(path, "Tiltak")).value
    assert tiltak == "Tiltak nummer 1, nytt ord"
    assert _runs(book[tab][bold_at].value) == ["Frist ", (True, None, "før SSU"), " i mars"]
    assert _runs(book[tab][red_at].value) == [(False, "FFFF0000", "Raudt"), " og vanleg"]


@pytest.mark.parametrize("stored", STORED)
def test_bold_words_in_a_planlogg_column_read_as_their_plain_text(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend, stored: str
) -> None:
    path = synced.path
    book = load_workbook(path, rich_text=True)
    tab = book[PLAN]
    tab.cell(row=2, column=_column(path, "Status"), value="gul")
    tab.cell(
        row=2,
        column=_column(path, "Statuskommentar"),
        value=CellRichText(["Venter på ", TextBlock(BOLD, "svar"), " frå kommunen"]),
    )
    book.properties.lastModifiedBy = "Siri Sekretær"
    book.save(path)
    _store(path, stored)

    sheet_sync.cycle(synced, PLAN)
    status = plan_app.get_plan(PLAN).measure("T001").status
    assert status is not None
    assert (status.colour.value, status.comment) == ("yellow", "Venter på svar frå kommunen")
    shown = synced.read()
    assert shown.rows[0][shown.header.index("Statuskommentar")] == "Venter på svar frå kommunen"
    assert sheet_sync.cycle(synced, PLAN).written == 0


@pytest.mark.parametrize("stored", STORED)
def test_an_escape_typed_among_bold_words_is_kept_as_typed(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend, stored: str
) -> None:
    """«_x000D_» typed in Excel is stored «_x005F_x000D_», in a run as anywhere: it reads as
    typed, and a cycle that saves the workbook stores it as it was (openpyxl's own rich text
    reading drops «x005F_», and saved so Excel would show a line break)."""
    path = synced.path
    book = load_workbook(path, rich_text=True)
    book.create_sheet("Notat")["A1"] = CellRichText(
        ["Skriv ", TextBlock(BOLD, "_x005F_x000D_"), " for linjeskift"]
    )
    book.save(path)
    _store(path, stored)

    plan_app.reword_measure(PLAN, "T001", "Tiltak nummer 1, nytt ord", WEB)
    before = _plan_cells(path)
    assert sheet_sync.cycle(synced, PLAN).written == _rewritten(before, path)
    tiltak = load_workbook(path)[PLAN].cell(row=2, column=_column(path, "Tiltak")).value
    assert tiltak == "Tiltak nummer 1, nytt ord"

    assert cell_text(open_workbook(path)["Notat"]["A1"].value) == "Skriv _x000D_ for linjeskift"
    streamed = load_workbook(path, read_only=True)
    part = streamed["Notat"]._worksheet_path.lstrip("/")
    streamed.close()
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(part).decode()
    assert re.findall(r"<t[^>]*>([^<]*)</t>", xml) == [
        "Skriv ",
        "_x005F_x000D_",
        " for linjeskift",
    ]


def test_formatted_texts_in_cells_without_a_reference_keep_their_places(tmp_path: Path) -> None:
    """A workbook may leave out a row's and a cell's reference (`r`): a row then follows the
    one before it and a cell the one before it in its row, as openpyxl places them."""
    path = tmp_path / "utan-referansar.xlsx"
    made = Workbook()
    tab = made.active
    tab.title = "Notat"
    tab["A1"] = "vanleg"
    tab["B1"] = _rich()
    tab["A2"] = CellRichText([TextBlock(RED, "Raudt")])
    tab["A5"] = "x"
    tab["B5"] = CellRichText(["Sjå ", TextBlock(BOLD, "her")])
    made.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {entry.filename: archive.read(entry) for entry in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    sheet = re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", sheet)
    sheet = re.sub(rb'<row r="[12]"', b"<row", sheet)
    assert sheet.count(b'<row r="5"') == 1 and b'<c r="' not in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)

    read = open_workbook(path)["Notat"]
    assert read["A1"].value == "vanleg"
    assert _runs(read["B1"].value) == ["Frist ", (True, None, "før SSU"), " i mars"]
    assert _runs(read["A2"].value) == [(False, "FFFF0000", "Raudt")]
    assert read["A5"].value == "x"
    assert _runs(read["B5"].value) == ["Sjå ", (True, None, "her")]
    assert [cell_text(v) for row in read.iter_rows(values_only=True) for v in row] == [
        "vanleg",
        "Frist før SSU i mars",
        "Raudt",
        "",
        "",
        "",
        "",
        "",
        "x",
        "Sjå her",
    ]

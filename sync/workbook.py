"""The embedded default: the plan kept in a local .xlsx workbook (openpyxl).

It never writes while Excel or LibreOffice has the workbook open (their lock
files `~$name.xlsx` / `.~lock.name.xlsx#` sit beside it): reading is fine,
writing waits for the next cycle. Writes go to a temporary file in the same
folder that then replaces the workbook (`os.replace`), so a crash never
leaves half a workbook. The editor is the workbook's `lastModifiedBy`.

openpyxl keeps values, styles, comments, data validation and conditional
formatting, hidden rows and columns, column widths, frozen panes and filters
(a filtered-out row is a hidden row in the file, read like any other); it drops
charts and images it did not create. Cells are written as text (a typed
`=IMPORTXML(...)` stays text) in the text number format `@`, which `lay_out` also gives
the plan's columns as their column style, so what people type later ("0042", "1.10",
"1.2.3") stays text too; cells are read as the values the spreadsheet program
last computed. openpyxl saves a formula without that value, so Planlogg puts every
tab's values back into the saved file (`_put_back`): otherwise its next read would
take every formula for a cell a person had emptied. A formula no program computed (put
in by a script or a tool that does not calculate) has no value to read: one in a Planlogg
column refuses the read, naming the cell, until the workbook is saved in Excel or
LibreOffice or a value is typed in (`_refuse_uncomputed`). A merged range reads as
its value in every cell it covers, and is unmerged (each cell given that value)
before Planlogg writes into it or deletes one of its rows.

The plan's columns sit at the top of their rows (`TOP`), as tall as their wrapped text
(`fit_rows`): a cell or column with no alignment of its own is Planlogg's to align, one a
person aligned keeps it, and a person's own columns are not touched. Oversikt and Vedtak,
Planlogg's alone, are written with their header rows bold and every cell at the top.

A cell reads as Norwegian Excel shows it (`cell_text`): a number 12.5 as «12,5», and text
with OOXML's «_xHHHH_» escapes read, Excel's «_x000D_» for the carriage return of a CR LF
among them. Workbooks are opened with their text as stored (`open_workbook`), so a
«_x000D_» a person typed (stored «_x005F_x000D_») reads and is saved back as typed, and
what Planlogg writes is escaped alike (`_as_xstring`). The full load that is saved keeps the
words a person made bold or coloured inside a cell (rich text), on their own tabs and in
their own columns alike; such a cell reads as its plain text.

The workbook is known by an identity property and the plan's tab by marks that
survive renames (`sync.workbook_marks`), so `target` holds neither the path nor
the tab's title; the other tabs are people's own, and only Oversikt and Vedtak
are ever written besides the plan's tab, known by marks of their own: a tab of their
title without the mark is written only when an earlier Planlogg wrote it (its first row
tells), and is then marked; otherwise the cycle is refused and nothing is written.

Every open is preceded by `check_xlsx` (once per version of the file), so a
hostile or broken workbook is refused with a message before openpyxl builds
anything; reads stream in read-only mode, and the one full load (to write)
is bounded by the same caps.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from copy import copy
from datetime import date, datetime
from io import BytesIO
from itertools import chain
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import Text
from openpyxl.comments import Comment
from openpyxl.formatting.formatting import ConditionalFormatting, ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.workbook import Workbook as WorkbookType
from openpyxl.worksheet._reader import INLINE_STRING
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import ColumnDimension
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from domain.measure_sheet import clean_text
from language import N_, _, in_every_målform, ngettext
from sync.backend import (
    Editors,
    NoteWrite,
    SheetBusy,
    SheetFormat,
    SheetSnapshot,
    SheetWrites,
    WriteResult,
    kept_note,
    still_valid,
)
from sync.formula_rows import shift_formulas
from sync.layout import (
    DECISIONS_TAB,
    OVERVIEW_TAB,
    Layout,
    column_width,
    own_tab_title,
)
from sync.row_heights import fit_rows
from sync.row_ranges import shift_ranges
from sync.tabs import (
    TAB_WIDTHS,
    TAB_WRAPPED,
    as_written,
    is_heading_row,
    refuse_foreign_tabs,
    written_by_planlogg,
)
from sync.workbook_marks import (
    OwnTab,
    ensure_identity,
    find_own_tab,
    mark_own_tab,
    mark_sheet,
    plan_sheet,
    unmark_sheet,
    workbook_identity,
)
from sync.xlsx_limits import (
    Computed,
    SheetCells,
    SpreadsheetRefused,
    XlsxSize,
    check_xlsx,
    read_cells,
)

FORMATTED_ROWS = 2000
TEXT_FORMAT = "@"
"""Excel's and LibreOffice's text format: what people type stays as typed ("0042",
"1.10", "1.2.3"), never a number or a date."""
WRITTEN_BY_PLANLOGG = N_("Skrives av Planlogg. Endringer her blir ikke tatt inn.")
"""The note on a read-only column's header (known in either målform, a person's note kept)."""
NOTE_AUTHOR = "Planlogg"
"""The author of Planlogg's notes, and of a workbook it creates (where openpyxl writes its
own name)."""
WRAPPED = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
"""How Planlogg aligns the plan's columns: at the top of the row, as tall as its tallest
wrapped text (`fit_rows`), wrapped in the columns of long text (`column_width`). A short
cell («x», a status, an ID) at the foot of a tall row sat just above the next measure."""
DEFAULT_WIDTH = 9.140625
"""Excel's default column width (8.43 characters of Calibri 11) as it writes it in a `<col>`."""
Cell = tuple[int, int]
"""A cell's 1-based (row, column)."""
_GREY = PatternFill("solid", fgColor="DDDDDD")
_FILLS = {
    "grønn": ("C6EFCE", ("grønn", "gronn", "grøn", "green")),
    "gul": ("FFEB9C", ("gul", "gult", "yellow")),
    "rød": ("FFC7CE", ("rød", "rod", "raud", "red")),
}


def sheet_title(plan_key: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in plan_key)
    return cleaned[:31]


def free_title(wanted: str, taken: Iterable[str]) -> str:
    """`wanted`, or with a number added when a tab has that title already (Excel compares
    titles in any case), within Excel's 31 characters."""
    used = {title.lower() for title in taken}
    free, number = wanted, 2
    while free.lower() in used:
        suffix = f" ({number})"
        free = wanted[: 31 - len(suffix)] + suffix
        number += 1
    return free


def cell_text(value: Any) -> str:
    """A cell as people see it in Norwegian Excel: a whole number without a trailing .0,
    another with a decimal comma (12.5 → «12,5») to Excel's 15 significant digits, dates
    the Norwegian way, and text with OOXML's escapes read (`_from_xstring`).

    Text is read as stored only in a workbook opened by `open_workbook`: openpyxl's own
    `load_workbook` drops «x005F_» from the shared strings, so a «_x000D_» a person typed
    would read as a carriage return."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SANN" if value else "USANN"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.15g}".replace(".", ",").replace("e", "E")
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (str, CellRichText)):
        return _from_xstring(str(value))
    return str(value)


_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")
_TYPED_ESCAPE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")


def _from_xstring(stored: str) -> str:
    """Text as stored in an .xlsx (OOXML's ST_Xstring, ISO/IEC 29500-1 §22.9.2.19) as
    Excel shows it: each «_xHHHH_» is the character U+HHHH, so Excel's «_x000D_» is the
    carriage return of a CR LF, and «_x005F_» the underscore of a «_xHHHH_» a person
    typed («_x005F_x000D_» reads «_x000D_»). Read from left to right, as Excel does."""
    if "_x" not in stored:
        return stored
    return _ESCAPE.sub(lambda found: chr(int(found[1], 16)), stored)


def _as_xstring(text: str) -> str:
    """`text` as Excel stores it, so it reads back (`_from_xstring`) as written: the underscore
    of anything that reads as an escape is written «_x005F_» (a carriage return, which
    openpyxl writes as a character reference, needs none)."""
    if "_x" not in text:
        return text
    return _TYPED_ESCAPE.sub("_x005F_", text)


def _stored_text(node: Any) -> str | CellRichText:
    """A text of the workbook (a shared string's `<si>`, a cell's `<is>`) as stored, escapes
    and all: plain, or, when a person formatted some of its words (bold, a colour), its runs
    with their fonts, which openpyxl saves back as they were."""
    text = Text.from_tree(node)
    if all(run.rPr is None for run in text.r):
        return str(text.content)
    runs = [TextBlock(r.rPr, r.t or "") if r.rPr is not None else r.t or "" for r in text.r]
    return CellRichText([text.t, *runs] if text.t else runs)


_FORMATTED_RUN = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?rPr\b")
"""A run's font in a tab's stored bytes: only a text in a cell (`inlineStr`) has one there."""
_ROW, _CELL, _RUN_FONT = (f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("row", "c", "rPr"))


def _formatted_cells(source: Any) -> Iterator[tuple[Cell, CellRichText]]:
    """Each text in a cell (`inlineStr`) of a tab's stored XML with a run in a font of its
    own (`_stored_text`), and its cell, placed as openpyxl places cells: by its reference,
    else counted along its row. Only a cell holding a run's font is read."""
    row = column = 0
    formatted = False
    waiting: list[tuple[int | None, int, CellRichText]] = []
    for _event, node in iterparse(source):
        if node.tag == _RUN_FONT:
            formatted = True
        elif node.tag == _CELL:
            reference = node.get("r")
            number, column = coordinate_to_tuple(reference) if reference else (None, column + 1)
            text = node.find(INLINE_STRING) if formatted else None
            value = _stored_text(text) if text is not None else None
            if isinstance(value, CellRichText):
                waiting.append((number, column, value))
            formatted = False
        elif node.tag == _ROW:
            row = int(node.get("r") or row + 1)
            for found, place, value in waiting:
                yield (found or row, place), value
            waiting.clear()
            column = 0
            node.clear()


class _StoredStrings(ExcelReader):  # type: ignore[misc]
    """openpyxl's reader, keeping the workbook's text as stored, escapes and all (openpyxl
    3.1 drops every «x005F_» from the shared string table); `cell_text` reads them.

    A full load also keeps the runs of a text a person formatted in part (rich text), which
    openpyxl would otherwise save as plain text; openpyxl's own `rich_text` reading drops
    «x005F_» too. A streamed read (read_only) reads text only."""

    def read_strings(self) -> None:
        found = self.package.find(SHARED_STRINGS)
        if found is None:
            return
        tag = f"{{{SHEET_MAIN_NS}}}si"
        strings: list[str | CellRichText] = []
        with self.archive.open(found.PartName[1:]) as source:
            for _event, node in iterparse(source):
                if node.tag == tag:
                    if self.read_only:
                        strings.append(Text.from_tree(node).content)
                    else:
                        strings.append(_stored_text(node))
                    node.clear()
        self.shared_strings = strings

    def read_worksheets(self) -> None:
        """openpyxl's full load, then the runs of each formatted text in a cell put back
        (`_formatted_runs`): a tab whose stored bytes hold no run's font is not parsed again,
        and in one that does only the cells holding one are read."""
        super().read_worksheets()
        if self.read_only:
            return
        for sheet, rel in self.parser.find_sheets():
            if (
                rel.target in self.valid_files
                and "chartsheet" not in rel.Type
                and sheet.name in self.wb.sheetnames
            ):
                self._formatted_runs(self.wb[sheet.name], rel.target)

    def _formatted_runs(self, tab: Any, part: str) -> None:
        data = self.archive.read(part)
        if not _FORMATTED_RUN.search(data):
            return
        for place, value in _formatted_cells(BytesIO(data)):
            loaded = tab._cells.get(place)
            if loaded is not None and loaded.data_type == "s":
                loaded._value = value


def open_workbook(path: Path, *, read_only: bool = False, data_only: bool = False) -> WorkbookType:
    """`openpyxl.load_workbook` with every text as the file stores it (`_StoredStrings`): a
    person's «_x005F_x000D_» is saved back as it was, and `cell_text` reads it as typed; a
    full load keeps the words a person made bold or coloured inside a cell."""
    reader = _StoredStrings(path, read_only=read_only, data_only=data_only)
    reader.read()
    return reader.wb


class WorkbookBackend:
    requests = 0

    def __init__(self, path: Path | str, title: str) -> None:
        self.path = Path(path).resolve()
        self.plan_key = title
        self.title = sheet_title(title)
        self.label = self.path.name
        self._checked: tuple[tuple[int, int], XlsxSize] | None = None

    @property
    def target(self) -> str:
        """The workbook's identity property; before it has one, what older versions used."""
        identity = workbook_identity(self.path)
        return f"workbook:{identity}" if identity else self._legacy_target

    @property
    def legacy_targets(self) -> tuple[str, ...]:
        return (self._legacy_target,) if workbook_identity(self.path) else ()

    @property
    def _legacy_target(self) -> str:
        return f"workbook:{self.path}#{self.title}"

    # --- the port ----------------------------------------------------------------------

    def read(self) -> SheetSnapshot:
        if not self.path.exists():
            return SheetSnapshot(header=[], rows=[])
        found = self._plan_tab()
        if found is None:
            return SheetSnapshot(header=[], rows=[])
        plan_title, cells = found
        grid = _grid(cells)
        _refuse_uncomputed(self.label, grid[0] if grid else [], cells.computed)
        book = open_workbook(self.path, read_only=True, data_only=True)
        tabs: dict[str, list[list[str]]] = {}
        try:
            for title in (OVERVIEW_TAB, DECISIONS_TAB):
                rows = self._own_rows(book, title)
                if rows is not None:
                    tabs[title] = rows
        finally:
            book.close()
        width = len(grid[0]) if grid else 0
        return SheetSnapshot(
            header=grid[0] if grid else [],
            rows=[row + [""] * (width - len(row)) for row in grid[1:]],
            tabs=tabs,
            title=plan_title,
        )

    def editors(self, since: str) -> Editors:
        self.check_file()
        book = open_workbook(self.path, read_only=True)
        name = (book.properties.lastModifiedBy or "").strip()
        book.close()
        return Editors(names=(name,) if name else (), marker=str(self.path.stat().st_mtime_ns))

    def write(self, writes: SheetWrites) -> WriteResult:
        self.check_not_open()
        shown = self._plan_cells()
        book = open_workbook(self.path)
        sheet = plan_sheet(book, self.plan_key, self.title)
        if shown is None or sheet is None:
            return WriteResult(skipped=len(writes.cells))
        shown_grid = _grid(shown)

        valid = still_valid(writes, shown_grid)
        result = WriteResult(skipped=len(writes.cells) - len(valid.cells))
        computed = dict(shown.computed)
        touched = chain(
            ((w.row, w.column + 1) for w in valid.cells),
            ((n.row, n.column + 1) for n in valid.notes),
        )
        _split_merged(sheet, touched, set(valid.delete_rows), computed)
        aligner = _Aligner(sheet)
        for write in valid.cells:
            cell = sheet.cell(row=write.row, column=write.column + 1)
            _set_text(cell, write.text)
            aligner.align(cell, write.column + 1)
            result.written.add((write.row, write.column))
        for note in valid.notes:
            _put_note(sheet.cell(row=note.row, column=note.column + 1), note)
        for row in sorted(valid.delete_rows, reverse=True):
            sheet.delete_rows(row)
            result.deleted.add(row)
        _shift_merged(sheet, valid.delete_rows)
        shift_formulas(book, sheet, valid.delete_rows)
        shift_ranges(book, sheet, valid.delete_rows)
        for title, rows in writes.tabs.items():
            tab = _tab_to_write(book, title, self.plan_key)
            cells = (
                (r, c) for r, values in enumerate(rows, start=1) for c in range(1, len(values) + 1)
            )
            _split_merged(tab, cells, set(), {})
            for r, values in enumerate(rows, start=1):
                for c, text in enumerate(values, start=1):
                    _set_value(tab.cell(row=r, column=c), as_written(text))
            _restyle_tab(tab, title)
        fit_rows(sheet)
        mark_sheet(book, self.plan_key, sheet)
        ensure_identity(book)
        self._save(book, (sheet, _after_deletions(computed, valid.delete_rows)))
        return result

    def lay_out(self, sheet_format: SheetFormat) -> None:
        """Create the workbook if missing; add the plan tab, header, dropdowns and colours,
        and give the plan's columns the text format and their alignment (people's own
        columns keep theirs; `_plan_column_styles`, `_align_plan_cells`).

        A tab people already use keeps its frozen panes, widths and colours: only the
        header of a new tab is written (and its top row frozen)."""
        self.check_not_open()
        shown = self._plan_cells() if self.path.exists() else None
        book = open_workbook(self.path) if self.path.exists() else _new_book()
        found = plan_sheet(book, self.plan_key, self.title)
        sheet = found or book.create_sheet(free_title(self.title, book.sheetnames))
        if sheet.max_row == 1 and not any(c.value for c in sheet[1]):
            for index, name in enumerate(sheet_format.header, start=1):
                cell = sheet.cell(row=1, column=index)
                _set_text(cell, name)
                cell.font = Font(bold=True)
            _size_columns(sheet, sheet_format.header)
            sheet.freeze_panes = "A2"
        header = [cell_text(c.value) for c in sheet[1]]
        columns = sheet_format.plan_columns(header)
        _plan_column_styles(sheet, columns, header)
        _align_plan_cells(sheet, columns)
        sheet_format = sheet_format.placed(header)
        written_by = frozenset(in_every_målform(WRITTEN_BY_PLANLOGG).values())
        for index in sheet_format.read_only_columns:
            header = sheet.cell(row=1, column=index + 1)
            header.fill = _GREY
            _put_note(header, NoteWrite(1, index, _(WRITTEN_BY_PLANLOGG), earlier=written_by))
        _dropdowns(sheet, sheet_format)
        _status_colours(sheet, sheet_format)
        for title in sheet_format.tabs:
            place = find_own_tab(book, title, self.plan_key, new=found is None)
            tab = place.sheet
            if tab is None and not place.shared:
                tab = _new_tab(book, _own_title(book, self.plan_key, title), title)
            elif tab is None and title not in book.sheetnames:
                tab = _new_tab(book, title, title)
            elif tab is None and written_by_planlogg(title, _first_rows(book[title])):
                tab = book[title]
            if tab is not None:
                mark_own_tab(book, title, tab, self.plan_key, place)
                _restyle_tab(tab, title)
        fit_rows(sheet)
        mark_sheet(book, self.plan_key, sheet)
        ensure_identity(book)
        self._save(book, (sheet, shown.computed if shown else {}))

    def relocate(self, title: str) -> str:
        """A new, empty plan tab (named `title`, or with a number added when a tab has that
        title in any case); the old one keeps everything, but no longer carries the plan's
        marks. Returns the new tab's title."""
        self.check_not_open()
        shown = self._plan_cells()
        book = open_workbook(self.path)
        old = plan_sheet(book, self.plan_key, self.title)
        unmark_sheet(book, self.plan_key)
        made = book.create_sheet(free_title(sheet_title(title), book.sheetnames))
        mark_sheet(book, self.plan_key, made)
        ensure_identity(book)
        self._save(book, (old, shown.computed) if old is not None and shown is not None else None)
        return str(made.title)

    # --- helpers -----------------------------------------------------------------------

    def check_file(self) -> XlsxSize:
        """`check_xlsx` the workbook unless this very version of it was checked already."""
        stat = self.path.stat() if self.path.exists() else None
        version = (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)
        if self._checked is None or self._checked[0] != version:
            self._checked = (version, check_xlsx(self.path))
        return self._checked[1]

    def _stored_results(self, book: WorkbookType, tab: Any) -> dict[str, dict[Cell, Computed]]:
        """The formula results the file holds on each of `book`'s tabs but `tab`, by title
        (a tab's part is named when the book is saved); a tab whose part holds no formula
        is not read."""
        parts = _formula_parts(self.path) if self.path.exists() else frozenset()
        if not parts:
            return {}
        found: dict[str, dict[Cell, Computed]] = {}
        stored = open_workbook(self.path, read_only=True, data_only=True)
        try:
            for sheet in book.worksheets:
                if sheet is tab or sheet.title not in stored.sheetnames:
                    continue
                streamed = stored[sheet.title]
                if streamed._worksheet_path.lstrip("/") not in parts:
                    continue
                computed = read_cells(streamed).computed
                if computed:
                    found[sheet.title] = computed
        finally:
            stored.close()
        return found

    def _own_rows(self, book: Any, title: str) -> list[list[str]] | None:
        """The plan's tab `title` (Oversikt or Vedtak) as shown in the streamed `book`, found
        by its mark whatever its title now (`find_own_tab`); else, when the plan's is the
        workbook's one tab of that title, the tab of that title, which an earlier Planlogg
        wrote (its first row tells: it is marked when written) or which is people's own
        (refused, `refuse_foreign_tabs`). None when neither is there, and when the plan's is
        a tab of its own not yet added.

        A streamed book shows the defined name only: a tab marked by its code name alone
        (someone deleted the name) is looked for in a full load before a refusal."""
        place = find_own_tab(book, title, self.plan_key)
        if place.sheet is not None:
            return _grid(read_cells(place.sheet))
        if not place.shared or title not in book.sheetnames:
            return None
        rows = _grid(read_cells(book[title]))
        if not written_by_planlogg(title, rows):
            marked = find_own_tab(open_workbook(self.path), title, self.plan_key).sheet
            if marked is None:
                refuse_foreign_tabs({title: rows})
            else:
                return _grid(read_cells(book[marked.title]))
        return rows

    def _plan_cells(self) -> SheetCells | None:
        """The plan tab as shown, streamed; None when the workbook has no plan tab."""
        found = self._plan_tab()
        return found[1] if found is not None else None

    def _plan_tab(self) -> tuple[str, SheetCells] | None:
        """The plan tab's title as it is now (people may have renamed it) and its cells as
        shown, streamed; None when the workbook has no plan tab.

        A streamed book has no code names, so a tab known only by its code name (renamed by
        openpyxl) is looked for in a full load, which `check_file` has bounded, and then read
        streamed like any other.
        """
        self.check_file()
        book = open_workbook(self.path, read_only=True, data_only=True)
        try:
            sheet = plan_sheet(book, self.plan_key, self.title)
            if sheet is None:
                title = self._title_by_code_name()
                sheet = book[title] if title is not None else None
            return (str(sheet.title), read_cells(sheet)) if sheet is not None else None
        finally:
            book.close()

    def _title_by_code_name(self) -> str | None:
        full = open_workbook(self.path)
        sheet = plan_sheet(full, self.plan_key, self.title)
        return sheet.title if sheet is not None else None

    def lock_files(self) -> list[Path]:
        folder, name = self.path.parent, self.path.name
        return [p for p in (folder / f"~${name}", folder / f".~lock.{name}#") if p.exists()]

    def check_not_open(self) -> None:
        if self.lock_files():
            raise SheetBusy(
                _(
                    "«%(sheet)s» er åpen i Excel eller LibreOffice; Planlogg skriver ikke i "
                    "arbeidsboken før den er lukket.",
                    sheet=self.label,
                ),
                _("Endringene dine blir tatt inn når du har lagret og lukket."),
            )

    def _save(
        self, book: WorkbookType, kept: tuple[Any, dict[Cell, Computed]] | None = None
    ) -> None:
        """Save to a temporary file that then replaces the workbook; `kept` is a tab and its
        formulas' results (by cell, as they will stand in the saved tab) to put back. Every
        other tab's results are put back as the file held them: openpyxl drops them on each
        tab it saves, and another plan's tab in the same workbook would read as emptied.
        The workbook's folder is made first, as the store makes its own: the default
        planlogg-data/ (or a folder given with --workbook) need not be there yet, and making
        the temporary file in it failed with a traceback."""
        stored = self._stored_results(book, kept[0] if kept is not None else None)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=".planlogg-", suffix=".xlsx", dir=self.path.parent
        )
        os.close(handle)
        if book.properties.creator in (None, "", "openpyxl"):
            book.properties.creator = NOTE_AUTHOR  # openpyxl's own name is nobody's
        try:
            book.save(temporary)
            results = {book[title].path.lstrip("/"): found for title, found in stored.items()}
            if kept is not None:
                results[kept[0].path.lstrip("/")] = kept[1]
            _put_back(temporary, results)
            os.replace(temporary, self.path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)


def _tab_to_write(book: Any, title: str, plan_key: str) -> Any:
    """The plan's tab `title` (Oversikt or Vedtak) in the fully loaded `book`, marked: by its
    mark (`find_own_tab`); else, when the plan's is the workbook's one tab of that title, the
    tab of that title if an earlier Planlogg wrote it, else a new one; else a new tab of the
    plan's own («Oversikt <plan>»). A tab of that title people made since the read is
    refused before anything is saved."""
    place: OwnTab = find_own_tab(book, title, plan_key)
    tab = place.sheet
    if tab is None and place.shared and title in book.sheetnames:
        tab = book[title]
        refuse_foreign_tabs({title: _first_rows(tab)})
    if tab is None:
        tab = _new_tab(book, title if place.shared else _own_title(book, plan_key, title), title)
    mark_own_tab(book, title, tab, plan_key, place)
    return tab


def _own_title(book: Any, plan_key: str, title: str) -> str:
    """A free title for the plan's own tab `title`: «Oversikt <plan>», numbered when taken."""
    return free_title(own_tab_title(plan_key, title), book.sheetnames)


def _first_rows(sheet: Any) -> list[list[str]]:
    """A fully loaded tab's first row holding anything ([] when none), as shown."""
    for row in sheet.iter_rows(values_only=True):
        texts = [cell_text(value) for value in row]
        if any(text.strip() for text in texts):
            return [texts]
    return []


def _new_tab(book: Any, name: str, title: str) -> Any:
    """A new Oversikt or Vedtak (`title`) named `name`, its columns wide enough for their
    labels (`TAB_WIDTHS`); a tab that exists keeps the widths people gave it."""
    tab = book.create_sheet(name)
    for index, width in enumerate(TAB_WIDTHS[title], start=1):
        tab.column_dimensions[get_column_letter(index)].width = width
    return tab


def _size_columns(sheet: Any, header: Iterable[str]) -> None:
    """Give a new plan tab's columns their width, and a column style aligning them at the
    top, wrapping in a column of long text (`sync.layout.column_width`); set only when the
    tab is laid out, so a width or wrap people choose later stays theirs."""
    for index, name in enumerate(header, start=1):
        width = column_width(name)
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = width.characters
        dimension.alignment = WRAPPED if width.wrap else TOP


def _unaligned(found: Alignment) -> bool:
    """Whether an alignment shows as none at all: Excel's default (at the foot of the row,
    not wrapped), left out as Excel writes it or written out in full as LibreOffice writes
    it for every cell it saves (general, bottom, not wrapped). A person who chose exactly
    that cannot be told from it."""
    return (
        found.horizontal in (None, "general")
        and found.vertical in (None, "bottom")
        and not (found.wrap_text or found.shrink_to_fit or found.justifyLastLine)
        and not (found.indent or found.relativeIndent or found.textRotation)
        and not found.readingOrder
    )


def _column_alignments(sheet: Any) -> dict[int, Alignment]:
    """The columns (1-based) whose column style sets an alignment, and that alignment: a
    cell Planlogg writes there without an alignment of its own gets it, as Excel gives it
    a cell typed into the column. A column people unwrap gives theirs."""
    found: dict[int, Alignment] = {}
    for dimension in sheet.column_dimensions.values():
        if not _unaligned(dimension.alignment):
            dimension.reindex()
            found.update(
                dict.fromkeys(range(dimension.min, dimension.max + 1), dimension.alignment)
            )
    return found


class _Aligner:
    """Gives a cell of the plan's columns that has no alignment of its own (`_unaligned`)
    its column's (`_column_alignments`), else `TOP`; a cell a person aligned keeps theirs,
    as `fit_rows` keeps a height set by hand.

    By the style's index, read and set on the cell's own style array: asked and set as
    openpyxl's alignment objects, cell by cell, a 10,000-row tab took 12 s to align."""

    def __init__(self, sheet: Any) -> None:
        self._alignments = sheet.parent._alignments
        self._columns = _column_alignments(sheet)
        self._unset = frozenset(i for i, a in enumerate(self._alignments) if _unaligned(a))
        self._given: dict[int, int] = {}

    def align(self, cell: Any, column: int) -> None:
        """Align `cell`, in `column` (1-based), unless a person aligned it."""
        style = cell._style
        if style is not None and style.alignmentId not in self._unset:
            return
        if style is None:
            style = cell._style = StyleArray()
        index = self._given.get(column)
        if index is None:
            wanted = self._columns.get(column, TOP)
            index = self._given[column] = self._alignments.add(copy(wanted))
        style.alignmentId = index


def _align_plan_cells(sheet: Any, columns: Iterable[int]) -> None:
    """Align each cell the file holds below the header in the plan's `columns` (0-based) as
    `_Aligner` does: a tab laid out before Planlogg aligned its columns is aligned as a new
    one, and a person's own columns are not looked at. The tab's cells are read where it
    holds them (asking for each would add an empty cell to every row without one)."""
    wanted = {column + 1 for column in columns}
    aligner = _Aligner(sheet)
    for (row, column), cell in list(sheet._cells.items()):
        if row >= 2 and column in wanted:
            aligner.align(cell, column)


def _restyle_tab(tab: Any, title: str) -> None:
    """Oversikt or Vedtak (`title`) given Planlogg's look (`_tab_look`), its rows their
    heights: after each write, and at lay-out, since a tab an earlier Planlogg wrote is
    written again only when its text changes and would keep a plain header until then. Its
    header rows are known by their first cell (`is_heading_row`)."""
    wrapped = TAB_WRAPPED.get(title, frozenset())
    for row in tab.iter_rows():
        heading = is_heading_row(title, cell_text(row[0].value))
        for cell in row:
            _tab_look(cell, heading=heading, wraps=cell.column - 1 in wrapped)
    fit_rows(tab, first_row=1)


def _tab_look(cell: Any, heading: bool, wraps: bool) -> None:
    """A cell of Oversikt or Vedtak as Planlogg writes it: bold in a header row
    and not elsewhere, so a row the header moved from is plain again; at the top of its
    row, wrapped in the tab's columns of long text (`TAB_WRAPPED`). The tabs are Planlogg's,
    written whole, so a look typed there goes as what is typed there does."""
    if bool(cell.font.bold) != heading:
        font = copy(cell.font)
        font.bold = heading
        cell.font = font
    look = WRAPPED if wraps else TOP
    if cell.alignment != look:
        cell.alignment = copy(look)


def _new_book() -> Workbook:
    book = Workbook()
    book.remove(book.active)
    return book


def _grid(cells: SheetCells) -> list[list[str]]:
    rows = [[cell_text(v) for v in row] for row in cells.rows]
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def _set_value(cell: Any, value: str | int) -> None:
    """A tab's cell: a number as a number in the general format, text as `_set_text`."""
    if isinstance(value, str):
        _set_text(cell, value)
    else:
        cell.value = value
        cell.number_format = "General"


def _set_text(cell: Any, text: str) -> None:
    """Store as a string even when it looks like a formula or a number, in the text
    format, so what people type over it later stays text too; `_as_xstring`, so it reads back
    as written."""
    cell.value = _as_xstring(text) if text else None
    cell.number_format = TEXT_FORMAT
    if text:
        cell.data_type = "s"


def _plan_column_styles(sheet: Any, columns: Iterable[int], header: list[str]) -> None:
    """Give the plan's `columns` (0-based) the text format as their column style, which
    Excel and LibreOffice give each cell typed into the column later. A cell already in
    the file keeps its own format (a date people typed would read as its serial number
    in the text format). A column style costs nothing to read, where formatting 2,000
    empty rows cell by cell (as Excel Online's backend does) made each cycle read them.

    A column whose style has no alignment (laid out before Planlogg aligned its columns)
    is given the one a new tab's gets (`_size_columns`): at the top, wrapped in a column
    of long text by its header (`header`, the tab's first row). One that has an alignment,
    Planlogg's or a person's, keeps it."""
    dimensions = sheet.column_dimensions
    for column in columns:
        index = column + 1
        dimension = _own_dimension(sheet, index)
        if dimension is None:
            dimension = ColumnDimension(sheet, index=get_column_letter(index), width=_width(sheet))
            dimensions[dimension.index] = dimension
        dimension.number_format = TEXT_FORMAT
        if _unaligned(dimension.alignment):
            wraps = column < len(header) and column_width(header[column]).wrap
            dimension.alignment = WRAPPED if wraps else TOP


def _own_dimension(sheet: Any, index: int) -> ColumnDimension | None:
    """The `<col>` of column `index` alone, split off a range of columns sharing one
    (LibreOffice saves neighbours alike so): only the plan's column changes format."""
    dimensions = sheet.column_dimensions
    for key, shared in list(dimensions.items()):
        shared.reindex()
        if not shared.min <= index <= shared.max:
            continue
        if shared.min == shared.max:
            return shared
        del dimensions[key]
        pieces = ((shared.min, index - 1), (index, index), (index + 1, shared.max))
        for low, high in pieces:
            if low <= high:
                dimensions[get_column_letter(low)] = _piece(sheet, shared, low, high)
        return dimensions[get_column_letter(index)]
    return None


def _piece(sheet: Any, shared: ColumnDimension, low: int, high: int) -> ColumnDimension:
    piece = ColumnDimension(
        sheet,
        index=get_column_letter(low),
        width=shared.width,
        bestFit=shared.bestFit,
        hidden=shared.hidden,
        outlineLevel=shared.outlineLevel,
        collapsed=shared.collapsed,
        min=low,
        max=high,
    )
    piece._style = copy(shared._style)
    return piece


def _width(sheet: Any) -> float:
    """The width a column without a `<col>` has: a `<col>` without one would hide it."""
    declared = sheet.sheet_format.defaultColWidth
    return float(declared) if declared else DEFAULT_WIDTH


def _put_note(cell: Any, note: NoteWrite) -> None:
    """Planlogg's message `note` as the cell's comment, a person's own comment kept below it
    (`kept_note`, which says why the text, not the author, tells whose part is whose).

    A comment holding a person's text keeps its author, so the person's note taken back is
    theirs as before; one of Planlogg's message alone is by Planlogg. An unchanged comment
    is left as it is."""
    shown = cell.comment
    before = shown.text if shown is not None else ""
    text = kept_note(before, note)
    if text == before:
        return
    persons = shown is not None and text != note.text
    cell.comment = Comment(text, shown.author if persons else NOTE_AUTHOR) if text else None


def _split_merged(
    sheet: Any, cells: Iterable[Cell], rows: Collection[int], computed: dict[Cell, Computed]
) -> None:
    """Unmerge each merged range Planlogg is about to write into or delete a row of, giving
    every cell of it the range's value (and the range's formula result in `computed`).

    The sheet's layout is one value per row, which is what every row of a merged range
    shows and reads as (`read_cells`); openpyxl can neither write into a merged cell nor
    move a range with the rows it deletes. Ranges Planlogg does not touch stay merged.
    """
    ranges = list(sheet.merged_cells.ranges)
    if not ranges:
        return
    columns: dict[int, list[int]] = defaultdict(list)
    for row, column in cells:
        columns[row].append(column)
    for merged in ranges:
        if _touched(merged, columns, rows):
            _split(sheet, merged, computed)


def _touched(merged: CellRange, columns: dict[int, list[int]], rows: Collection[int]) -> bool:
    return any(
        row in rows or any(merged.min_col <= c <= merged.max_col for c in columns.get(row, ()))
        for row in range(merged.min_row, merged.max_row + 1)
    )


def _split(sheet: Any, merged: CellRange, computed: dict[Cell, Computed]) -> None:
    """Unmerge `merged`, giving its value to each of its cells on a row that holds
    something else (as `read_cells` reads it), so a range reaching past the plan's rows
    leaves the rows below it empty."""
    top = sheet.cell(row=merged.min_row, column=merged.min_col)
    value, kind, number_format = top.value, top.data_type, top.number_format
    result = computed.get((merged.min_row, merged.min_col))
    filled = {merged.min_row} | {
        row for row in range(merged.min_row + 1, merged.max_row + 1) if _holds_more(sheet, row)
    }
    sheet.unmerge_cells(merged.coord)
    for row, column in merged.cells:
        if row not in filled:
            continue
        cell = sheet.cell(row=row, column=column)
        cell.value = value
        cell.data_type, cell.number_format = kind, number_format
        if result is not None:
            computed[row, column] = result


def _holds_more(sheet: Any, row: int) -> bool:
    """Whether a row holds a value outside merged ranges (the cells a range covers below
    its first are empty in the file)."""
    values = next(sheet.iter_rows(min_row=row, max_row=row, values_only=True), ())
    return any(value not in (None, "") for value in values)


def _shift_merged(sheet: Any, deleted: Iterable[int]) -> None:
    """Move each merged range below deleted rows up with its cells: openpyxl's
    `delete_rows` moves the cells but leaves the range where it was, over other rows."""
    order = sorted(deleted)
    for merged in list(sheet.merged_cells.ranges) if order else ():
        up = bisect_left(order, merged.min_row)
        if up:
            sheet.merged_cells.remove(merged)
            merged.shift(row_shift=-up)
            sheet.merged_cells.add(merged)


def _after_deletions(
    computed: dict[Cell, Computed], deleted: Iterable[int]
) -> dict[Cell, Computed]:
    """`computed` where its cells stand once the `deleted` rows are gone."""
    order = sorted(deleted)
    gone = set(order)
    return {
        (row - bisect_left(order, row), column): result
        for (row, column), result in computed.items()
        if row not in gone
    }


NAMED_CELLS = 5
"""How many cells a refusal of formulas never computed names; it counts them all."""


def _has_result(result: Computed) -> bool:
    """Whether a spreadsheet program computed the formula: it stored a result, or text
    without characters (`t="str"` and an empty value; a number, a truth value and an error
    always have characters). openpyxl, and any tool that does not calculate, stores none."""
    return bool(result.text) or result.kind == "str"


def _refuse_uncomputed(label: str, header: list[str], computed: dict[Cell, Computed]) -> None:
    """Refuse the read (SpreadsheetRefused, naming the cells) when a Planlogg column of a
    row below the header holds a formula no program computed.

    Such a cell has no value to read, and read as empty it would be taken for a person
    emptying the cell, and the field cleared in the sheet's name. Nothing is read from the
    sheet until the workbook is saved by a program that computes, or a value typed in: no
    field changes meanwhile. A column of people's own is never read, so a formula there is
    left alone; a year's column is known by a header of four digits, whatever the plan's
    years (a column of people's own headed so is counted as Planlogg's, the safe side)."""
    uncomputed = sorted(cell for cell, result in computed.items() if not _has_result(result))
    if not uncomputed:
        return
    recognised = Layout.for_years(()).recognised
    named = []
    for row, column in uncomputed:
        heading = clean_text(header[column - 1]) if row > 1 and column <= len(header) else ""
        if heading in recognised or re.fullmatch(r"[0-9]{4}", heading):
            named.append(f"{get_column_letter(column)}{row} ({heading})")
    if not named:
        return
    cells = ", ".join(named[:NAMED_CELLS]) + (", …" if len(named) > NAMED_CELLS else "")
    raise SpreadsheetRefused(
        ngettext(
            "«%(sheet)s»: cellen %(cells)s på planfanen har en formel som ingen har regnet "
            "ut (den er lagt inn av et program som ikke regner ut formler), så Planlogg ser "
            "ikke hva den viser. Ingenting tas inn fra regnearket før det er rettet, så "
            "ingen felt blir tømt. Åpne arbeidsboken i Excel eller LibreOffice og lagre den, "
            "eller skriv verdien i cellen i stedet for formelen.",
            "«%(sheet)s»: %(num)s celler på planfanen (%(cells)s) har formler som ingen har "
            "regnet ut (de er lagt inn av et program som ikke regner ut formler), så Planlogg "
            "ser ikke hva de viser. Ingenting tas inn fra regnearket før det er rettet, så "
            "ingen felt blir tømt. Åpne arbeidsboken i Excel eller LibreOffice og lagre den, "
            "eller skriv verdiene i cellene i stedet for formlene.",
            len(named),
            sheet=label,
            cells=cells,
        )
    )


_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]{1,3}[0-9]{1,7})"([^>]*)>(<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)<v(?:\s*/>|></v>)</c>'
)
"""A formula cell as openpyxl saves it: the formula, and an empty value."""
_RESULT_TYPES = {"n": b"", "str": b' t="str"', "b": b' t="b"', "e": b' t="e"'}
"""The `t` attribute of a formula's result: a number has none; text, truth value, error."""


_FORMULA_TAG = re.compile(rb"<f[\s>/]")
"""A cell's formula element (not a validation's or a rule's `<formula1>`)."""


def _formula_parts(path: Path) -> frozenset[str]:
    """The worksheet parts of the .xlsx at `path` that hold a formula, found in the stored
    bytes: a workbook without one (nearly every plan) costs no parse, and each part is
    read once."""
    with zipfile.ZipFile(path) as archive:
        return frozenset(
            entry.filename
            for entry in archive.infolist()
            if entry.filename.startswith("xl/worksheets/")
            and entry.filename.endswith(".xml")
            and _FORMULA_TAG.search(archive.read(entry))
        )


def _put_back(path: str, results: dict[str, dict[Cell, Computed]]) -> None:
    """Put the formulas' results back into the saved tabs of the .xlsx at `path`, by part.

    Only cells openpyxl saved as a formula without a value are given one, so a formula
    Planlogg overwrote with text is left as written; a result of text without characters
    is put back too, or the formula would read as never computed (`_refuse_uncomputed`).
    Nothing is rewritten when no tab had formula results (as in nearly every plan).
    """
    by_part = {
        part: {
            f"{get_column_letter(column)}{row}".encode(): result
            for (row, column), result in computed.items()
            if _has_result(result)
        }
        for part, computed in results.items()
    }
    by_part = {part: labels for part, labels in by_part.items() if labels}
    if not by_part:
        return
    with zipfile.ZipFile(path) as archive:
        parts = [(entry, archive.read(entry)) for entry in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for entry, data in parts:
            labels = by_part.get(entry.filename)
            archive.writestr(entry, _with_results(data, labels) if labels else data)


def _with_results(data: bytes, by_label: dict[bytes, Computed]) -> bytes:
    def with_result(found: re.Match[bytes]) -> bytes:
        result = by_label.get(found[1])
        if result is None or result.kind not in _RESULT_TYPES:
            return found[0]
        label, attributes, formula = found.groups()
        typed = attributes + _RESULT_TYPES[result.kind]
        return b'<c r="%s"%s>%s<v>%s</v></c>' % (
            label,
            typed,
            formula,
            escape(result.text).encode(),
        )

    return _FORMULA_CELL.sub(with_result, data)


def _dropdowns(sheet: Any, sheet_format: SheetFormat) -> None:
    """A list validation per single-valued column; other text is allowed (the sync explains
    it on the row), so people are helped, never blocked. One laid out earlier is replaced,
    also when deleted rows have shrunk it since (`_laid_out_rows`)."""
    for column, choices in sheet_format.dropdowns:
        letter = get_column_letter(column + 1)
        cells = f"{letter}2:{letter}{FORMATTED_ROWS}"
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            errorStyle="information",
            showErrorMessage=False,
        )
        validation.add(cells)
        sheet.data_validations.dataValidation = [
            v
            for v in sheet.data_validations.dataValidation
            if str(v.sqref) != cells and not _laid_out_dropdown(v, column + 1)
        ]
        sheet.add_data_validation(validation)


def _status_colours(sheet: Any, sheet_format: SheetFormat) -> None:
    """The colours by status over the status column's rows, once: colours laid out earlier
    are kept as people may have changed them, given their full height again when deleted
    rows have shrunk them since (`_laid_out_rows`)."""
    if sheet_format.status_column < 0:
        return
    column = sheet_format.status_column + 1
    letter = get_column_letter(column)
    cells = f"{letter}2:{letter}{FORMATTED_ROWS}"
    formatting = sheet.conditional_formatting
    if any(str(rules.sqref) == cells for rules in formatting):
        return
    shrunk = [
        rules
        for rules in formatting
        if _laid_out_rows(rules.sqref, column)
        and any(_colours_status(rule, letter) for rule in rules.rules)
    ]
    if shrunk:
        sheet.conditional_formatting = _regrown(formatting, shrunk[0], cells)
        return
    for colour, words in _FILLS.values():
        test = ",".join(f'LOWER(TRIM({letter}2))="{w}"' for w in words)
        formatting.add(
            cells, FormulaRule(formula=[f"OR({test})"], fill=PatternFill("solid", bgColor=colour))
        )


def _laid_out_rows(sqref: Any, column: int) -> bool:
    """Whether `sqref` is the rows `lay_out` formats in `column` (1-based), from row 2 to
    `FORMATTED_ROWS`, or what is left of them after the sync deleted rows: a deletion
    shrinks them as Excel does (`sync.row_ranges`), and they start on row 2 still."""
    ranges = list(MultiCellRange(str(sqref)).ranges)
    if len(ranges) != 1:
        return False
    cells = ranges[0]
    return bool(
        cells.min_col == cells.max_col == column
        and cells.min_row == 2
        and cells.max_row <= FORMATTED_ROWS
    )


def _laid_out_dropdown(validation: Any, column: int) -> bool:
    """A list of choices written out (Planlogg's dropdown) over what is left of the rows
    `lay_out` gave it in `column`."""
    return (
        validation.type == "list"
        and str(validation.formula1 or "").startswith('"')
        and _laid_out_rows(validation.sqref, column)
    )


def _colours_status(rule: Any, letter: str) -> bool:
    """Whether `rule` is one of Planlogg's colours by status in column `letter`."""
    return any(f"LOWER(TRIM({letter}2))" in formula for formula in rule.formula or ())


def _regrown(formatting: Any, shrunk: Any, cells: str) -> ConditionalFormattingList:
    """`formatting` with the rules of `shrunk` over `cells` again, in their place and
    keeping their priorities."""
    grown = ConditionalFormattingList()
    for rules in formatting:
        key = ConditionalFormatting(cells) if rules is shrunk else rules
        for rule in rules.rules:
            grown.add(key, rule)
    grown.max_priority = max(grown.max_priority, formatting.max_priority)
    return grown

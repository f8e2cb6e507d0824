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
`=IMPORTXML(...)` stays text), and read as the values the spreadsheet program
last computed.

The workbook is known by an identity property and the plan's tab by marks that
survive renames (`sync.workbook_marks`), so `target` holds neither the path nor
the tab's title; the other tabs are people's own, and only Oversikt and Vedtak
are ever written besides the plan's tab.

Every open is preceded by `check_xlsx` (once per version of the file), so a
hostile or broken workbook is refused with a message before openpyxl builds
anything; reads stream in read-only mode, and the one full load (to write)
is bounded by the same caps.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook as WorkbookType
from openpyxl.worksheet.datavalidation import DataValidation

from language import _
from sync.backend import (
    Editors,
    SheetBusy,
    SheetFormat,
    SheetSnapshot,
    SheetWrites,
    WriteResult,
    still_valid,
)
from sync.layout import DECISIONS_TAB, OVERVIEW_TAB
from sync.workbook_marks import (
    ensure_identity,
    mark_sheet,
    plan_sheet,
    unmark_sheet,
    workbook_identity,
)
from sync.xlsx_limits import XlsxSize, check_xlsx, read_rows

FORMATTED_ROWS = 2000
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


def cell_text(value: Any) -> str:
    """A cell as people see it: numbers without a trailing .0, dates the Norwegian way."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SANN" if value else "USANN"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


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
        grid = self._plan_grid()
        if grid is None:
            return SheetSnapshot(header=[], rows=[])
        book = load_workbook(self.path, read_only=True, data_only=True)
        try:
            tabs = {
                t: _grid(book[t]) for t in (OVERVIEW_TAB, DECISIONS_TAB) if t in book.sheetnames
            }
        finally:
            book.close()
        width = len(grid[0]) if grid else 0
        return SheetSnapshot(
            header=grid[0] if grid else [],
            rows=[row + [""] * (width - len(row)) for row in grid[1:]],
            tabs=tabs,
        )

    def editors(self, since: str) -> Editors:
        self.check_file()
        book = load_workbook(self.path, read_only=True)
        name = (book.properties.lastModifiedBy or "").strip()
        book.close()
        return Editors(names=(name,) if name else (), marker=str(self.path.stat().st_mtime_ns))

    def write(self, writes: SheetWrites) -> WriteResult:
        self.check_not_open()
        shown_grid = self._plan_grid()
        book = load_workbook(self.path)
        sheet = plan_sheet(book, self.plan_key, self.title)
        if shown_grid is None or sheet is None:
            return WriteResult(skipped=len(writes.cells))

        def cell_at(row: int, column: int) -> str:
            if row - 1 < len(shown_grid) and column < len(shown_grid[row - 1]):
                return shown_grid[row - 1][column]
            return ""

        valid = still_valid(writes, cell_at)
        result = WriteResult(skipped=len(writes.cells) - len(valid.cells))
        for write in valid.cells:
            _set_text(sheet.cell(row=write.row, column=write.column + 1), write.text)
            result.written.add((write.row, write.column))
        for note in valid.notes:
            cell = sheet.cell(row=note.row, column=note.column + 1)
            cell.comment = Comment(note.text, "Planlogg") if note.text else None
        for row in sorted(valid.delete_rows, reverse=True):
            sheet.delete_rows(row)
            result.deleted.add(row)
        for title, rows in writes.tabs.items():
            tab = book[title] if title in book.sheetnames else book.create_sheet(title)
            for r, values in enumerate(rows, start=1):
                for c, text in enumerate(values, start=1):
                    _set_text(tab.cell(row=r, column=c), text)
        mark_sheet(book, self.plan_key, sheet)
        ensure_identity(book)
        self._save(book)
        return result

    def lay_out(self, sheet_format: SheetFormat) -> None:
        """Create the workbook if missing; add the plan tab, header, dropdowns and colours.

        A tab people already use keeps its frozen panes, widths and colours: only the
        header of a new tab is written (and its top row frozen)."""
        self.check_not_open()
        if self.path.exists():
            self.check_file()
        book = load_workbook(self.path) if self.path.exists() else _new_book()
        sheet = plan_sheet(book, self.plan_key, self.title) or book.create_sheet(self.title)
        if sheet.max_row == 1 and not any(c.value for c in sheet[1]):
            for index, name in enumerate(sheet_format.header, start=1):
                cell = sheet.cell(row=1, column=index, value=name)
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        sheet_format = sheet_format.placed([cell_text(c.value) for c in sheet[1]])
        for index in sheet_format.read_only_columns:
            header = sheet.cell(row=1, column=index + 1)
            header.fill = _GREY
            header.comment = Comment(
                _("Skrives av Planlogg. Endringer her blir ikke tatt inn."), "Planlogg"
            )
        _dropdowns(sheet, sheet_format)
        _status_colours(sheet, sheet_format)
        for title in sheet_format.tabs:
            if title not in book.sheetnames:
                book.create_sheet(title)
        mark_sheet(book, self.plan_key, sheet)
        ensure_identity(book)
        self._save(book)

    def relocate(self, title: str) -> None:
        """A new, empty plan tab (named `title`, or with a number added when taken); the
        old one keeps everything, but no longer carries the plan's marks."""
        self.check_not_open()
        book = load_workbook(self.path)
        unmark_sheet(book, self.plan_key)
        wanted = sheet_title(title)
        free, number = wanted, 2
        while free in book.sheetnames:
            free = f"{wanted[:27]} ({number})"
            number += 1
        mark_sheet(book, self.plan_key, book.create_sheet(free))
        ensure_identity(book)
        self._save(book)

    # --- helpers -----------------------------------------------------------------------

    def check_file(self) -> XlsxSize:
        """`check_xlsx` the workbook unless this very version of it was checked already."""
        stat = self.path.stat() if self.path.exists() else None
        version = (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)
        if self._checked is None or self._checked[0] != version:
            self._checked = (version, check_xlsx(self.path))
        return self._checked[1]

    def _plan_grid(self) -> list[list[str]] | None:
        """The plan tab's values as shown, streamed; None when the workbook has no plan tab.

        A streamed book has no code names, so a tab known only by its code name (renamed by
        openpyxl) is looked for in a full load, which `check_file` has bounded.
        """
        self.check_file()
        book = load_workbook(self.path, read_only=True, data_only=True)
        try:
            sheet = plan_sheet(book, self.plan_key, self.title)
            if sheet is not None:
                return _grid(sheet)
        finally:
            book.close()
        full = load_workbook(self.path, data_only=True)
        sheet = plan_sheet(full, self.plan_key, self.title)
        return _grid(sheet) if sheet is not None else None

    def lock_files(self) -> list[Path]:
        folder, name = self.path.parent, self.path.name
        return [p for p in (folder / f"~${name}", folder / f".~lock.{name}#") if p.exists()]

    def check_not_open(self) -> None:
        if self.lock_files():
            raise SheetBusy(
                _(
                    "«%(sheet)s» er åpen i Excel eller LibreOffice. Planlogg skriver ikke i "
                    "arbeidsboken før den er lukket; endringene dine blir tatt inn når du har "
                    "lagret og lukket.",
                    sheet=self.label,
                )
            )

    def _save(self, book: WorkbookType) -> None:
        handle, temporary = tempfile.mkstemp(
            prefix=".planlogg-", suffix=".xlsx", dir=self.path.parent
        )
        os.close(handle)
        try:
            book.save(temporary)
            os.replace(temporary, self.path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)


def _new_book() -> Workbook:
    book = Workbook()
    book.remove(book.active)
    return book


def _grid(sheet: Any) -> list[list[str]]:
    rows = [[cell_text(v) for v in row] for row in read_rows(sheet)]
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def _set_text(cell: Any, text: str) -> None:
    """Store as a string even when it looks like a formula or a number."""
    cell.value = text if text else None
    if text:
        cell.data_type = "s"


def _dropdowns(sheet: Any, sheet_format: SheetFormat) -> None:
    """A list validation per single-valued column; other text is allowed (the sync explains
    it on the row), so people are helped, never blocked."""
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
            v for v in sheet.data_validations.dataValidation if str(v.sqref) != cells
        ]
        sheet.add_data_validation(validation)


def _status_colours(sheet: Any, sheet_format: SheetFormat) -> None:
    if sheet_format.status_column < 0:
        return
    letter = get_column_letter(sheet_format.status_column + 1)
    cells = f"{letter}2:{letter}{FORMATTED_ROWS}"
    if any(str(rules.sqref) == cells for rules in sheet.conditional_formatting):
        return
    for colour, words in _FILLS.values():
        test = ",".join(f'LOWER(TRIM({letter}2))="{w}"' for w in words)
        sheet.conditional_formatting.add(
            cells, FormulaRule(formula=[f"OR({test})"], fill=PatternFill("solid", bgColor=colour))
        )

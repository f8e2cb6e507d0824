"""Read a plan file, whatever the secretariat saved it as, as rows of strings.

Plans are pasted from web pages into text files, exported from Excel as CSV
(semicolon-separated in Norwegian locales, comma elsewhere), kept as .xlsx,
or written in Word. All of them become rows of strings for
`domain.prose_plan.read_plan`, which decides whether the rows are a table
(`domain.plan_table`) or prose (`domain.prose_plan`).

- .txt: tab-separated text as copied from a web page. Lines are split on tabs
  only; quotes are ordinary characters, because web copies are not quoted.
  A .txt in UTF-16 or Windows-1252 may be Excel's ("Unicode-tekst", "Tekst
  (tabulatordelt)"), which quotes a cell holding a line break: it is read as
  a .tsv, unless its quotes break the rules Excel follows.
- .tsv: tab-separated export from a spreadsheet; quoted cells (with line
  breaks or tabs inside) are read as spreadsheets write them, strictly: a
  quote that never closes is refused, naming its line.
- .csv: delimiter ";" or "," chosen by which one gives a consistent table.
- .xlsx/.xlsm: the first sheet; every cell as text, dates as dd.mm.yyyy. The
  file is checked first (`sync.xlsx_limits`: size, rows, columns, cells) and
  read in openpyxl's streaming read-only mode.
- .docx: one row per paragraph, Word's list numbers put back, one row per
  table row (see `sync.document_files`).

Text files are read as UTF-8 (a BOM is tolerated), or UTF-16 when they start
with its BOM (Excel's "Unicode text"); a file that is not UTF-8 falls back to
Windows-1252, which is what Norwegian Excel writes for plain "CSV". A file of
more lines than the row cap of a workbook (`sync.xlsx_limits`) is refused
before it is understood: no plan has 50,000 lines, and reading one would take
many minutes and print a problem for every line.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from domain.errors import ValidationError
from domain.text import describe, unstorable
from language import _
from sync.document_files import read_document_rows
from sync.xlsx_limits import LIMITS, SpreadsheetRefused, check_xlsx, read_rows

_SPREADSHEET = {".xlsx", ".xlsm"}
_TEXT = {".txt", ".tsv", ".csv"}
_DOCUMENT = {".docx"}
_CSV_DELIMITERS = (";", ",")


class TableFileError(ValidationError):
    """A file we cannot read as a plan table (unknown type, unreadable, broken)."""


def read_table_file(path: Path) -> list[list[str]]:
    """The rows of a plan file as lists of strings; see the module docstring for the formats.

    A cell holding a character no store can hold is refused here, naming its line,
    before the importers' tidying could turn it into a space or a line break.
    """
    rows = _read_rows(path)
    if len(rows) > LIMITS.max_rows:
        raise TableFileError(
            _(
                '"%(name)s" har %(lines)s linjer; Planlogg leser planfiler på opptil %(most)s '
                "linjer (en handlingsplan har noen hundre). Er det riktig fil? Del den opp, "
                "eller fjern det som ikke hører til planen.",
                name=path.name,
                lines=_count(len(rows)),
                most=_count(LIMITS.max_rows),
            )
        )
    for number, row in enumerate(rows, start=1):
        for column, cell in enumerate(row, start=1):
            bad = unstorable(cell)
            if bad is not None:
                raise TableFileError(
                    _(
                        'Linje %(line)s, kolonne %(column)s i "%(name)s" inneholder et tegn som '
                        "ikke kan lagres: %(sign)s. Fjern det og prøv igjen.",
                        line=number,
                        column=column,
                        name=path.name,
                        sign=describe(bad),
                    )
                )
    return rows


def _count(number: int) -> str:
    """A count the Norwegian way: 50 000."""
    return f"{number:,}".replace(",", " ")


def _read_rows(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix not in _SPREADSHEET | _TEXT | _DOCUMENT:
        raise TableFileError(
            _(
                'Kan ikke lese "%(name)s": ukjent filtype "%(suffix)s". Bruk .xlsx, .csv, .tsv, '
                ".txt (tabulatorseparert eller løpende tekst) eller .docx.",
                name=path.name,
                suffix=path.suffix or _("(ingen)"),
            )
        )
    if not path.is_file():
        raise TableFileError(_('Fant ikke filen "%(path)s".', path=path))
    if suffix in _SPREADSHEET:
        return _read_xlsx(path)
    if suffix in _DOCUMENT:
        return read_document_rows(path)
    text, from_excel = _decode(path)
    if suffix == ".txt":
        return _read_text(text, path.name, from_excel)
    if suffix == ".tsv":
        return _read_delimited(text, "\t", path.name)
    return _read_delimited(text, _sniff_delimiter(text), path.name)


def _read_text(text: str, name: str, from_excel: bool) -> list[list[str]]:
    """A .txt as Excel saved it (quoted cells) when it may be Excel's, as a web copy otherwise.

    Excel quotes exactly as a .tsv does, so a file whose quotes do not follow those rules
    is a web copy after all, whose quotes are text.
    """
    if from_excel:
        try:
            return _read_delimited(text, "\t", name)
        except TableFileError:
            pass
    return [line.split("\t") for line in text.splitlines()]


def _decode(path: Path) -> tuple[str, bool]:
    """The file's text, and whether Excel wrote it (UTF-16 or Windows-1252, not UTF-8).

    A file larger than an unpacked workbook may be is refused unread.
    """
    try:
        size = path.stat().st_size
        if size > LIMITS.max_uncompressed:
            raise TableFileError(
                _(
                    '"%(name)s" er %(size)s MB; Planlogg leser tabellfiler på opptil %(most)s '
                    "MB. Er det riktig fil? Del den opp, eller fjern det som ikke hører til "
                    "planen.",
                    name=path.name,
                    size=size // (1024 * 1024),
                    most=LIMITS.max_uncompressed // (1024 * 1024),
                )
            )
        data = path.read_bytes()
    except OSError as error:
        raise TableFileError(
            _('Kan ikke lese "%(name)s": %(reason)s.', name=path.name, reason=error.strerror)
        ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), True
        except UnicodeDecodeError:
            raise TableFileError(
                _('"%(name)s" er ikke gyldig UTF-16-tekst.', name=path.name)
            ) from None
    if b"\x00" in data:
        raise TableFileError(_('"%(name)s" ser ikke ut som en tekstfil.', name=path.name))
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), True


def _read_delimited(text: str, delimiter: str, name: str) -> list[list[str]]:
    """Rows as a spreadsheet writes them: a cell with a delimiter, quote or line break is
    quoted, its quotes doubled. Read strictly: a quote that never closes would otherwise
    swallow the rest of the file into one cell, and the import would lose those rows unseen.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error:
        raise TableFileError(
            _(
                'Linje %(line)s i "%(name)s": en celle begynner med anførselstegn (") som ikke '
                'slutter der cellen slutter. Skriv " inne i en celle som "", eller fjern '
                "anførselstegnet.",
                line=_next_line(rows),
                name=name,
            )
        ) from None
    return rows


def _next_line(rows: list[list[str]]) -> int:
    """The line of the file the row after `rows` starts on (a cell may hold line breaks)."""
    return 1 + len(rows) + sum(cell.count("\n") for row in rows for cell in row)


def _sniff_delimiter(text: str) -> str:
    """Choose the delimiter under which the most rows share the same number of columns.

    csv.Sniffer is easily misled by commas inside measure texts; a table's
    rows, though, mostly have the same width under the right delimiter.
    """
    sample = "\n".join(text.splitlines()[:50])
    best, best_score = _CSV_DELIMITERS[0], -1
    for delimiter in _CSV_DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r]
        except csv.Error:
            continue
        wide = [width for width in widths if width > 1]
        score = Counter(wide).most_common(1)[0][1] if wide else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_xlsx(path: Path) -> list[list[str]]:
    try:
        check_xlsx(path)
    except SpreadsheetRefused as refused:
        raise TableFileError(refused.message) from None
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise TableFileError(
            _(
                'Kan ikke åpne "%(name)s" som Excel-fil (.xlsx). Er filen skadd eller i et '
                "annet format?",
                name=path.name,
            )
        ) from None
    try:
        if not workbook.worksheets:
            raise TableFileError(_('"%(name)s" har ingen ark.', name=path.name))
        sheet = workbook.worksheets[0]
        return [[_cell_text(value) for value in row] for row in read_rows(sheet)]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A cell as the user sees it: no "2022.0", no "None", dates the Norwegian way."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "SANN" if value else "USANN"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

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
- .csv: the delimiter Excel's first line "sep=;" names (the line is no row),
  else ";" or "," chosen by which one gives a consistent table.
- .xlsx/.xlsm: the first sheet; every cell as text, dates as dd.mm.yyyy. The
  file is checked first (`sync.xlsx_limits`: size, rows, columns, cells) and
  read in openpyxl's streaming read-only mode. A date in a number column
  (named "Nr", "Pkt.", "Nummer", "#" or nothing in the column header) is a
  number Norwegian Excel took for a date while it was typed ("1.1" became 1
  January): it is read back as typed, or refused naming the cell when the
  date and its format cannot tell which number it was (see `_typed_number`).
- .docx: one row per paragraph, Word's list numbers put back, one row per
  table row (see `sync.document_files`).

Text files are read as UTF-8 (a BOM is tolerated), or UTF-16 when they start
with its BOM (Excel's "Unicode text"); a file that is not UTF-8 is Windows-1252,
which is what Norwegian Excel writes for plain "CSV", or Mac Roman, which Excel
on older Macs wrote: whichever reads more of æøåÆØÅ (see `_decode_8_bit`). A file of
more lines than the row cap of a workbook (`sync.xlsx_limits`) is refused
before it is understood: no plan has 50,000 lines, and reading one would take
many minutes and print a problem for every line.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
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
_SEP_HINT_RE = re.compile(r'"?sep=(?P<delimiter>[^\r\n])"?(?:\r\n|\r|\n|$)', re.IGNORECASE)
"""Excel's first line naming a CSV file's delimiter ("sep=;"); Excel hides it as well."""


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
    if hint := _SEP_HINT_RE.match(text):
        return _read_delimited(text[hint.end() :], hint["delimiter"], path.name, first_line=2)
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
        return _decode_8_bit(data), True


_NORWEGIAN_LETTERS = "æøåÆØÅ"


def _decode_8_bit(data: bytes) -> str:
    """Text that is not UTF-8: Windows-1252 (Excel on Windows) or Mac Roman (Excel on older
    Macs), whichever reads more Norwegian letters; Windows-1252 when they read as many.

    The two put æøå on different bytes, and each reads the other's as other signs (Mac's
    "å" is "Œ" in Windows-1252, whose "å" is "Â" on a Mac), so a plan's many æøå tell them
    apart. Five bytes mean nothing in Windows-1252 (Mac's "Å" is one): a file holding
    them is not Windows-1252.
    """
    best, most = None, -1
    for encoding in ("cp1252", "mac_roman"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        letters = sum(text.count(letter) for letter in _NORWEGIAN_LETTERS)
        if letters > most:
            best, most = text, letters
    return best if best is not None else data.decode("cp1252", errors="replace")


def _read_delimited(
    text: str, delimiter: str, name: str, *, first_line: int = 1
) -> list[list[str]]:
    """Rows as a spreadsheet writes them: a cell with a delimiter, quote or line break is
    quoted, its quotes doubled. Read strictly: a quote that never closes would otherwise
    swallow the rest of the file into one cell, and the import would lose those rows unseen.
    `first_line` is the line of the file the text starts on, for the message.
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
                line=_next_line(rows) + first_line - 1,
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
            raise TableFileError(_('"%(name)s" har ingen faner.', name=path.name))
        values = read_rows(workbook.worksheets[0])
        rows = [[_cell_text(value) for value in row] for row in values]
        _read_back_numbers(path, workbook, values, rows)
        return rows
    finally:
        workbook.close()


# --- numbers Excel took for dates ------------------------------------------------------


def _read_back_numbers(
    path: Path, workbook: Any, values: Sequence[Sequence[object]], rows: list[list[str]]
) -> None:
    """Put the numbers Excel took for dates in the first sheet's number columns back into
    `rows` as they were typed; refuse the file at the first that cannot be told."""
    numbers = _dates_in_number_columns(values)
    if not numbers:
        return
    sheet = workbook.worksheets[0]
    formats = _number_formats(sheet, values, numbers)
    years = _years_saved(workbook.properties)
    for row, column in numbers:
        typed = _typed_number(values[row][column], formats[row, column], years)
        if typed is None:
            raise _date_in_number_column(path, sheet.title, row, column, rows)
        rows[row][column] = typed


_NUMBER_HEADERS = {"", "nr", "pkt", "nummer", "#"}
_PLAN_NUMBER_RE = re.compile(r"^\d{1,2}\.\d")


def _dates_in_number_columns(values: Sequence[Sequence[object]]) -> list[tuple[int, int]]:
    """The cells (row, column, from 0) holding a date in a number column: one whose name in
    the column header above is empty, "Nr", "Pkt.", "Nummer" or "#", as plan tables name
    the columns of goal and measure numbers."""
    if not any(isinstance(value, date) for row in values for value in row):
        return []
    found: list[tuple[int, int]] = []
    columns: list[int] = []
    for number, row in enumerate(values):
        names = _column_header(row)
        if names is not None:
            last_named = max((i for i, name in enumerate(names) if name), default=-1)
            columns = [i for i in range(last_named) if names[i] in _NUMBER_HEADERS]
        else:
            found += [(number, i) for i in columns if isinstance(row[i], date)]
    return found


def _column_header(row: Sequence[object]) -> list[str] | None:
    """The row's names when it is a plan table's column header (Ansvar, or Mål and Tiltak)."""
    if any(isinstance(value, date) for value in row):
        return None
    names = [" ".join(_cell_text(value).lower().split()).strip(" .:*") for value in row]
    if any(_PLAN_NUMBER_RE.match(name) for name in names):
        return None
    responsible = any(name.startswith("ansvar") for name in names)
    if responsible or ("mål" in names and any("tiltak" in name for name in names)):
        return names
    return None


def _number_formats(
    sheet: Any, values: Sequence[Sequence[object]], cells: list[tuple[int, int]]
) -> dict[tuple[int, int], str | None]:
    """The number format of each of these date cells, read in a second streamed pass
    (`read_rows` gives values only). A cell of a merged range shows its first cell."""
    stored: dict[tuple[int, int], str] = {}
    sheet.reset_dimensions()  # every stored cell, whatever the sheet's <dimension> says
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, date):
                stored[cell.row - 1, cell.column - 1] = cell.number_format
    return {cell: _merged_format(cell, values, stored) for cell in cells}


def _merged_format(
    cell: tuple[int, int],
    values: Sequence[Sequence[object]],
    stored: dict[tuple[int, int], str],
) -> str | None:
    """The format of the cell, or of the first cell of the merged range it is part of:
    up and then left while the value is the same, to a cell the file holds."""
    row, column = cell
    value = values[row][column]
    while (row, column) not in stored and row > 0 and values[row - 1][column] == value:
        row -= 1
    while (row, column) not in stored and column > 0 and values[row][column - 1] == value:
        column -= 1
    return stored.get((row, column))


def _years_saved(properties: Any) -> set[int]:
    """The years the workbook was created and last saved in, as far as it says."""
    moments = (properties.created, properties.modified)
    return {moment.year for moment in moments if isinstance(moment, datetime)}


_LITERAL_RE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_DAY_RE = re.compile(r"(?<!d)d{1,2}(?!d)")  # "ddd" and "dddd" are the weekday's name


def _typed_number(value: object, code: str | None, years_saved: set[int]) -> str | None:
    """The number typed into a cell Norwegian Excel took for a date, or None when unsure.

    Excel reads what is typed as day.month ("1.1", "1.12", "2.3": shown "01.jan"),
    day.month.year ("1.1.1": 01.01.2001, two digits 30–99 are 1930–1999) or month.year
    ("1.13": jan.13), and the format it gives the cell says which parts were typed:
    the day and the month, those and the year, or the month and the year. A date in a
    format with a time is a moment someone entered, not a number: it is shown as it is.

    Unsure: a format that shows neither pair, a time of day, a year two digits cannot
    give, and a day.month.year in a year the file was created or saved in: some programs
    give a typed "1.1" a format with the year, so 01.01.2023 in a file of 2023 may be
    "1.1" as well as "1.1.23".
    """
    if code is None or not isinstance(value, date):
        return None
    parts = _LITERAL_RE.sub("", code).lower()
    if "h" in parts or "s" in parts:
        return _cell_text(value)
    if isinstance(value, datetime) and value.time() != time(0):
        return None
    shown = (bool(_DAY_RE.search(parts)), "m" in parts, "y" in parts)
    two_digits = 1930 <= value.year <= 2029
    if shown == (True, True, False):
        return f"{value.day}.{value.month}"
    if shown == (True, True, True) and two_digits and value.year not in years_saved:
        return f"{value.day}.{value.month}.{value.year % 100}"
    if shown == (False, True, True) and two_digits and value.day == 1 and value.year % 100 > 12:
        return f"{value.month}.{value.year % 100}"
    return None


def _date_in_number_column(
    path: Path, sheet: str, row: int, column: int, rows: list[list[str]]
) -> TableFileError:
    cell = f"{get_column_letter(column + 1)}{row + 1}"
    return TableFileError(
        _(
            'Celle %(cell)s i fanen "%(sheet)s" i "%(name)s" er datoen %(date)s, men står i '
            "en nummerkolonne: Excel gjør nummer som 1.1 om til datoer, og her kan ikke "
            "Planlogg vite hvilket nummer som ble skrevet. Formater kolonnen som tekst, skriv "
            "nummeret inn på nytt og prøv igjen.",
            cell=cell,
            sheet=sheet,
            name=path.name,
            date=rows[row][column],
        )
    )


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

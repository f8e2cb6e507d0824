"""Check an .xlsx file before openpyxl touches it: a hostile workbook is refused in seconds.

An .xlsx file is a zip of XML parts, and openpyxl believes what they say. A
17 KB workbook with one value in XFD1048576 made it build a grid of 16,384
columns by a million rows (MemoryError at ~3 GB after half a minute); a zip
bomb (1 GB of sheet XML in 3 MB) ran for six minutes. `check_xlsx` reads the
zip's directory and then streams every part once, scanning the XML's start
tags without building anything, and refuses the file when any of these is exceeded:

- entries in the zip (`max_entries`), the declared and the actual uncompressed
  size of all parts together (`max_uncompressed`), and the compression ratio
  of any part larger than 10 MB (`max_ratio`);
- per worksheet: the rows and columns its `<dimension>` claims and the rows
  and columns its cells really reach (`max_rows`, `max_columns`);
- cells in all worksheets together and strings in the shared-string table
  (`max_cells`).

Document type declarations are refused too: an .xlsx has none, and they are
how XML entity bombs work. The caps are generous for real plans (the
benchmark's sheets have 10,000 rows of about 20 columns) and are stated in
the README. The answer, `XlsxSize`, gives each worksheet's real extent so a
read-only reader need not trust the `<dimension>` either; `read_cells` is that
reader, giving a checked worksheet's cells as people see them.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, builtin_format_code
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange

from domain.errors import ValidationError
from language import N_, _

CHUNK = 1 << 20
RATIO_CHECKED_FROM = 10 << 20
"""Text compresses well by nature (a sheet of repeated long cells reaches 200:1); only
parts above 10 MB are held to `max_ratio`, which deflate itself cannot exceed by much."""


@dataclass(frozen=True)
class XlsxLimits:
    max_rows: int = 50_000
    max_columns: int = 100
    max_cells: int = 1_000_000
    max_uncompressed: int = 100 * 1024 * 1024
    max_entries: int = 1_000
    max_ratio: int = 500


LIMITS = XlsxLimits()


class SpreadsheetRefused(ValidationError):
    """A spreadsheet file Planlogg will not open: not an .xlsx, broken, or beyond the caps."""


@dataclass
class SheetExtent:
    """How far one worksheet's cells really reach (1-based), and how many there are."""

    rows: int = 0
    columns: int = 0
    cells: int = 0


@dataclass
class XlsxSize:
    """What the check found: each worksheet part's extent and the bytes unpacked."""

    sheets: dict[str, SheetExtent] = field(default_factory=dict)
    cells: int = 0
    strings: int = 0
    uncompressed: int = 0


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def read_rows(sheet: Any) -> list[list[Any]]:
    """A streamed worksheet's values row by row, as `read_cells` gives them."""
    return read_cells(sheet).rows


@dataclass(frozen=True)
class Computed:
    """What a formula cell stores beside its formula: the result's type (`t`, "n" for a
    number) and text as written by the program that last computed it ("" when none did)."""

    kind: str
    text: str


@dataclass
class SheetCells:
    """A worksheet as people see it, and the stored results of its formulas.

    `rows` are the values row by row, padded to the widest row: every cell of a merged
    range holds the range's value (the file keeps it in the top-left cell only, and a
    person sees it across the range), and a number shown as a percentage is its text
    («80 %»), since the fraction behind it (0.8) is not what anyone typed. `computed`
    holds, by 1-based (row, column), each formula cell's stored result, so a writer
    whose library drops results on saving can put them back.
    """

    rows: list[list[Any]]
    computed: dict[tuple[int, int], Computed]


def read_cells(sheet: Any) -> SheetCells:
    """Read a streamed (read-only) worksheet in one pass, never trusting its `<dimension>`.

    In read-only mode openpyxl pads every row to the width the dimension claims and
    drops cells beyond it; after `check_xlsx` the real extent is known to be within the
    caps, so the rows are taken as stored, then padded to the widest one. openpyxl's own
    streaming parser reads the cells (`_CellParser` adds what `iter_rows` cannot give:
    formulas' stored results, number formats, merged ranges), so the cost stays that of
    one streamed read.
    """
    parser = _CellParser(sheet)
    rows: list[list[Any]] = []
    with sheet._get_source() as source:
        parser.source = source
        for number, cells in parser.parse():
            rows.extend([] for _ in range(number - 1 - len(rows)))
            rows.append(_placed(cells))
    width = max(map(len, rows), default=0)
    padded = [row + [None] * (width - len(row)) for row in rows]
    if parser.merged_cells is not None:
        blank = {number for number, row in enumerate(padded, start=1) if not any(row)}
        for merged in parser.merged_cells.mergeCell:
            _spread(padded, CellRange(merged.ref), blank)
    return SheetCells(padded, parser.computed)


def _placed(cells: list[dict[str, Any]]) -> list[Any]:
    """One parsed row as a list of values by column (the parser gives them in order)."""
    if not cells:
        return []
    row: list[Any] = [None] * cells[-1]["column"]
    for cell in cells:
        row[cell["column"] - 1] = cell["value"]
    return row


def _spread(rows: list[list[Any]], merged: CellRange, blank: set[int]) -> None:
    """Give every cell of a merged range within the grid read the range's value, on the
    rows that hold something else: a range reaching past the last row with anything in
    it leaves the rows below blank (a row holding only the range's value would read as
    a measure with no number)."""
    if merged.min_row > len(rows) or not rows or merged.min_col > len(rows[0]):
        return
    value = rows[merged.min_row - 1][merged.min_col - 1]
    columns = range(merged.min_col - 1, min(merged.max_col, len(rows[0])))
    for number in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
        if number == merged.min_row or number not in blank:
            for column in columns:
                rows[number - 1][column] = value


class _CellParser(WorkSheetParser):  # type: ignore[misc]
    """openpyxl's streaming worksheet parser, reading cached values (`data_only`) as
    `iter_rows` does, and besides keeping each formula's stored result and writing a
    number in a percentage format as its percentage. It reads the private parts of a
    read-only sheet (its source, shared strings and the book's styles) that
    `ReadOnlyWorksheet` itself hands its parser."""

    def __init__(self, sheet: Any) -> None:
        book = sheet.parent
        super().__init__(
            None,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        self.percent_styles = percent_styles(book)
        self.computed: dict[tuple[int, int], Computed] = {}

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell: dict[str, Any] = WorkSheetParser.parse_cell(self, element)
        if element.find(FORMULA_TAG) is not None:
            self.computed[cell["row"], cell["column"]] = Computed(
                element.get("t", "n"), element.findtext(VALUE_TAG) or ""
            )
        if cell["style_id"] in self.percent_styles:
            _as_percentage(cell)
        return cell


def _as_percentage(cell: dict[str, Any]) -> None:
    """A number in a percentage format, as its text; text and empty cells stay as they are."""
    if cell["data_type"] == "n" and cell["value"] is not None:
        cell["value"] = percent_text(cell["value"])


def percent_styles(book: Any) -> frozenset[int]:
    """The cell styles (by index, as cells name them) whose number format shows a percentage."""
    formats = book._number_formats
    codes = (
        formats[style.numFmtId - BUILTIN_FORMATS_MAX_SIZE]
        if BUILTIN_FORMATS_MAX_SIZE <= style.numFmtId < BUILTIN_FORMATS_MAX_SIZE + len(formats)
        else builtin_format_code(style.numFmtId)
        for style in book._cell_styles
    )
    return frozenset(index for index, code in enumerate(codes) if is_percent_format(code))


_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
"""Parts of a number format that are shown as written: quoted text, escapes, [colours]."""


def is_percent_format(code: str | None) -> bool:
    """Whether a number format shows its number as a percentage (a % outside literal text)."""
    return code is not None and "%" in _LITERAL.sub("", code)


def percent_text(fraction: float) -> str:
    """A fraction as the percentage a person typed and sees, written as the plans write
    them: 0.8 → «80 %», 0.125 → «12,5 %» (decimal comma, a space before the sign)."""
    number = f"{round(fraction * 100, 10) + 0.0:.10f}".rstrip("0").rstrip(".")
    return number.replace(".", ",") + " %"


DECLARES = N_("sier at den går")
HOLDS = N_("har celler")
"""What a sheet says of its extent, in a refusal: its declared size, or its cells."""


def _n(number: int) -> str:
    """A count the Norwegian way: 50 000."""
    return f"{number:,}".replace(",", " ")


def check_xlsx(path: Path, limits: XlsxLimits = LIMITS) -> XlsxSize:
    """Refuse `path` (SpreadsheetRefused, in the målform spoken) unless it is an .xlsx within
    `limits`."""
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise SpreadsheetRefused(_("Fant ikke arbeidsboken «%(path)s».", path=path)) from None
    except IsADirectoryError:
        raise SpreadsheetRefused(
            _("«%(path)s» er en mappe, ikke en arbeidsbok (.xlsx).", path=path)
        ) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SpreadsheetRefused(
            _(
                "«%(name)s» er ikke en Excel-arbeidsbok (.xlsx): filen er ikke en gyldig "
                "zip-pakke. Velg en .xlsx-fil, eller åpne filen i Excel eller LibreOffice og "
                "lagre den som «Excel-arbeidsbok (.xlsx)».",
                name=name,
            )
        ) from None
    with archive:
        entries = archive.infolist()
        _check_directory(name, entries, limits)
        size = XlsxSize()
        for entry in entries:
            _scan_entry(name, archive, entry, size, limits)
    if not any(e.filename == "[Content_Types].xml" for e in entries):
        raise SpreadsheetRefused(
            _(
                "«%(name)s» er en zip-pakke, men ikke en Excel-arbeidsbok (.xlsx). Velg en "
                ".xlsx-fil.",
                name=name,
            )
        )
    return size


def _check_directory(name: str, entries: list[zipfile.ZipInfo], limits: XlsxLimits) -> None:
    """What the zip's own directory declares: counts, sizes and ratios."""
    if len(entries) > limits.max_entries:
        raise SpreadsheetRefused(
            _(
                "«%(name)s» har %(parts)s deler; en arbeidsbok har sjelden over hundre, og "
                "Planlogg åpner ikke filer med over %(most)s. Lagre arbeidsboken på nytt fra "
                "Excel, eller kopier planen over i en ny arbeidsbok.",
                name=name,
                parts=len(entries),
                most=limits.max_entries,
            )
        )
    declared = sum(entry.file_size for entry in entries)
    if declared > limits.max_uncompressed:
        raise _too_big(name, declared, limits)
    for entry in entries:
        if entry.file_size > RATIO_CHECKED_FROM and (
            entry.compress_size == 0 or entry.file_size / entry.compress_size > limits.max_ratio
        ):
            raise SpreadsheetRefused(
                _(
                    "«%(name)s» inneholder en del («%(part)s») som pakker seg ut til "
                    "%(size)s fra %(packed)s byte. Slik ser en «zip-bombe» ut, ikke en "
                    "handlingsplan; Planlogg åpner ikke filen. Lagre en ny kopi fra Excel "
                    "eller LibreOffice om filen er din egen.",
                    name=name,
                    part=entry.filename,
                    size=_mb(entry.file_size),
                    packed=entry.compress_size,
                )
            )


def _too_big(name: str, size: int, limits: XlsxLimits) -> SpreadsheetRefused:
    return SpreadsheetRefused(
        _(
            "«%(name)s» pakker seg ut til over %(size)s; Planlogg åpner arbeidsbøker på "
            "opptil %(most)s utpakket (en handlingsplan er noen få MB). Filen kan være skadd "
            "eller laget for å fylle minnet. Slett tomme rader, kolonner og faner du ikke "
            "trenger, eller kopier planen over i en ny arbeidsbok.",
            name=name,
            size=_mb(size),
            most=_mb(limits.max_uncompressed),
        )
    )


def _scan_entry(
    name: str,
    archive: zipfile.ZipFile,
    entry: zipfile.ZipInfo,
    size: XlsxSize,
    limits: XlsxLimits,
) -> None:
    """Unpack one part as a stream, counting bytes; XML parts go through expat as they come."""
    xml = entry.filename.lower().endswith((".xml", ".rels", ".vml"))
    scanner = _PartScanner(name, entry.filename, size, limits) if xml else None
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(CHUNK):
                size.uncompressed += len(chunk)
                if size.uncompressed > limits.max_uncompressed:
                    raise _too_big(name, size.uncompressed, limits)
                if scanner is not None:
                    scanner.feed(chunk)
        if scanner is not None:
            scanner.finish()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError):
        raise SpreadsheetRefused(
            _(
                "«%(name)s» er skadd: delen «%(part)s» kan ikke pakkes ut. Åpne filen i "
                "Excel eller LibreOffice og lagre den på nytt, eller bruk en eldre kopi.",
                name=name,
                part=entry.filename,
            )
        ) from None


_ROOT = re.compile(rb"<(?![?!])(?:([\w.-]+):)?([\w.-]+)")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


@dataclass(frozen=True)
class _Tags:
    """The start tags a scan looks for, written with the part's own namespace prefix.

    Matching the prefix the root element uses (usually none) instead of any
    prefix keeps each expression a literal search, several times faster.
    """

    cell: re.Pattern[bytes]
    cell_at: re.Pattern[bytes]
    row: re.Pattern[bytes]
    row_at: re.Pattern[bytes]
    dimension: re.Pattern[bytes]
    string: re.Pattern[bytes]

    @classmethod
    def with_prefix(cls, prefix: bytes | None) -> _Tags:
        p = re.escape(prefix + b":") if prefix else b""
        quote = rb"""["']"""
        return cls(
            cell=re.compile(rb"<" + p + rb"c[\s/>]"),
            cell_at=re.compile(rb"\sr\s*=\s*" + quote + rb"([A-Za-z]{1,8})([0-9]{1,12})" + quote),
            row=re.compile(rb"<" + p + rb"row[\s/>]"),
            row_at=re.compile(
                rb"<" + p + rb"row\s[^>]*?\br\s*=\s*" + quote + rb"([0-9]{1,12})" + quote
            ),
            dimension=re.compile(
                rb"<"
                + p
                + rb"dimension\s[^>]*?\bref\s*=\s*"
                + quote
                + rb"(?:[^\"':]*:)?([A-Za-z]*)([0-9]*)"
                + quote
            ),
            string=re.compile(rb"<" + p + rb"si[\s/>]"),
        )


MAX_TAG = 1 << 16
"""A start tag longer than this (no closing ">" within 64 KB) is not from a spreadsheet program."""


class _PartScanner:
    """Counts rows, columns and cells of a worksheet part (and strings of the string table).

    Regular expressions over the raw bytes find the start tags that matter
    (`<row>`, `<c>`, `<dimension>`, `<si>`) and their positions, a chunk at a
    time (a tag cut by a chunk boundary is carried over); that is several times
    faster than a parser calling back for every element. Cells without a
    position (`r="B7"`) are refused: every spreadsheet program writes it, and
    without it the columns a row reaches cannot be told without parsing.
    """

    def __init__(self, name: str, part: str, size: XlsxSize, limits: XlsxLimits) -> None:
        self.name, self.part, self.size, self.limits = name, part, size, limits
        self.root: bytes | None = None
        self.tags = _Tags.with_prefix(None)
        self.extent = SheetExtent()
        self.row_tags = 0
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        data = self.tail + chunk
        cut = data.rfind(b"<")
        if cut != -1 and data.find(b">", cut) == -1:
            data, self.tail = data[:cut], data[cut:]
            if len(self.tail) > MAX_TAG:
                raise self._broken()
        else:
            self.tail = b""
        self._scan(data)

    def finish(self) -> None:
        self._scan(self.tail)
        self.tail = b""

    def _scan(self, data: bytes) -> None:
        if _DOCTYPE.search(data):
            raise SpreadsheetRefused(
                _(
                    "«%(name)s» har en dokumenttype-deklarasjon i «%(part)s»; det har ingen "
                    "arbeidsbok fra Excel eller LibreOffice, og Planlogg åpner ikke filen. "
                    "Lagre den på nytt fra Excel eller LibreOffice.",
                    name=self.name,
                    part=self.part,
                )
            )
        if self.root is None:
            found = _ROOT.search(data)
            if found is None:
                return
            prefix, self.root = found.groups()
            self.tags = _Tags.with_prefix(prefix)
            if self.root == b"worksheet":
                self.size.sheets[self.part] = self.extent
        if self.root == b"worksheet":
            self._scan_sheet(data)
        elif self.root == b"sst":
            self.size.strings += len(self.tags.string.findall(data))
            self._check_cells(self.size.strings)

    def _scan_sheet(self, data: bytes) -> None:
        tags = self.tags
        for column, row in tags.dimension.findall(data):
            self._check(int(row or 0), _column(column), DECLARES)
        cells = len(tags.cell.findall(data))
        positions = tags.cell_at.findall(data)
        if cells != len(positions):
            raise SpreadsheetRefused(
                _(
                    "«%(name)s» har celler uten posisjon i «%(part)s»; det skriver verken "
                    "Excel eller LibreOffice. Åpne filen i Excel eller LibreOffice og lagre den "
                    "på nytt.",
                    name=self.name,
                    part=self.part,
                )
            )
        self.extent.cells += cells
        self.size.cells += cells
        self._check_cells(self.size.cells)
        self.row_tags += len(tags.row.findall(data))
        numbered = [int(row) for row in tags.row_at.findall(data)]
        rows = max(
            self.row_tags,
            max(numbered, default=0),
            max(map(int, map(itemgetter(1), positions)), default=0),
        )
        letters = {*map(itemgetter(0), positions)}
        columns = max(map(_column, letters), default=0)
        self.extent.rows = max(self.extent.rows, rows)
        self.extent.columns = max(self.extent.columns, columns)
        self._check(self.extent.rows, self.extent.columns, HOLDS)

    def _broken(self) -> SpreadsheetRefused:
        return SpreadsheetRefused(
            _(
                "«%(name)s» er skadd: delen «%(part)s» er ikke gyldig XML. Åpne filen i Excel "
                "eller LibreOffice og lagre den på nytt, eller bruk en eldre kopi.",
                name=self.name,
                part=self.part,
            )
        )

    def _check_cells(self, count: int) -> None:
        if count > self.limits.max_cells:
            raise SpreadsheetRefused(
                _(
                    "«%(name)s» har over %(most)s celler; Planlogg leser ikke så store "
                    "arbeidsbøker. Slett faner, rader og kolonner du ikke trenger, eller del "
                    "planen på flere arbeidsbøker.",
                    name=self.name,
                    most=_n(self.limits.max_cells),
                )
            )

    def _check(self, row: int, column: int, claim: str) -> None:
        limits = self.limits
        if row > limits.max_rows:
            raise SpreadsheetRefused(
                _(
                    "En fane i «%(name)s» %(claim)s helt ned til rad %(row)s; Planlogg leser "
                    "høyst %(most)s rader. Slett radene under tabellen (merk dem, høyreklikk, "
                    "«Slett rader»), lagre og prøv igjen.",
                    name=self.name,
                    claim=_(claim),
                    row=_n(row),
                    most=_n(limits.max_rows),
                )
            )
        if column > limits.max_columns:
            raise SpreadsheetRefused(
                _(
                    "En fane i «%(name)s» %(claim)s helt ut til kolonne %(column)s; Planlogg "
                    "leser høyst %(most)s kolonner (til %(last)s). Slett kolonnene til høyre "
                    "for tabellen (merk dem, høyreklikk, «Slett kolonner»), lagre og prøv igjen.",
                    name=self.name,
                    claim=_(claim),
                    column=_letters(column),
                    most=limits.max_columns,
                    last=_letters(limits.max_columns),
                )
            )


def _letters(column: int) -> str:
    """A column number as its letters (1 → A, 16384 → XFD); beyond Excel's range, the number."""
    return get_column_letter(column) if column <= 18_278 else str(column)


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper()[:8]:
        number = number * 26 + letter - ord("A") + 1
    return number

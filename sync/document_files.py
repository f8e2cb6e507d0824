"""Read a Word document (.docx) as lines of text, with Word's list numbers put back.

Most plans written as prose live in Word. A plan's structure is often in
Word's automatic numbering ("1.", "1.1", bullets), which is not text in the
file; `sync.word_numbering` rebuilds it, and each numbered paragraph becomes
"1.1 Samarbeid om …" or "• Planlegge …", as a reader sees it. The result is
rows of strings, like a text file's lines, for `domain.prose_plan.read_plan`:

- every paragraph of the body (also inside content controls) is one row with
  one cell; tabs and line breaks inside it become spaces;
- every table row is one row with its cells, so a plan kept as a Word table
  reads as a table: a cell merged down is given on every row it covers (as a
  spreadsheet's merged cells are read: the body or year mark counts for each
  measure beside it), a cell merged across is given once, empty in the
  columns it spans (a year mark such as "x" marks each year it spans); list
  numbers in cells are put back as in paragraphs;
- the "line" of a row, in the messages, is its position in the body:
  paragraphs and table rows counted from 1, empty paragraphs too.

Headers, footers, footnotes, comments and text boxes are not read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.text.run import CT_R
from lxml.etree import LxmlError, XPath, _Element

from domain.errors import ValidationError
from domain.timeframe import TimeframeError, parse_year_mark
from language import _
from sync.word_numbering import ListCounter, Numbering, W
from sync.xlsx_limits import LIMITS

_MB = 1024 * 1024


class DocumentFileError(ValidationError):
    """A .docx file we cannot open."""


@dataclass(frozen=True)
class DocumentLine:
    """A paragraph or a table row of the document.

    `number` is the list label Word shows ("1.1", "a)", "•", "◦"), "" outside
    lists; `level` the list level (0 = outermost), None outside lists.
    `cells` holds a table row's cells (its `text` is then "").
    """

    line: int
    text: str
    number: str = ""
    level: int | None = None
    cells: tuple[str, ...] = ()

    def as_row(self) -> list[str]:
        if self.cells:
            return list(self.cells)
        return [f"{self.number} {self.text}".strip()]


def read_document_rows(path: Path) -> list[list[str]]:
    """The document as rows of strings, one per paragraph or table row."""
    return [line.as_row() for line in read_document(path)]


def read_document(path: Path) -> tuple[DocumentLine, ...]:
    """The document's paragraphs and table rows in order, with list numbers rebuilt."""
    _check_unpacked_size(path)
    document, body = _open(path)
    labels = _Labels(Numbering(_numbering(document), document.styles.element))
    lines: list[DocumentLine] = []
    for element in _content(body, "p", "tbl"):
        if element.tag == f"{W}tbl":
            above: dict[int, str] = {}
            for row in _content(element, "tr"):
                cells = _row_cells(row, labels, above)
                lines.append(DocumentLine(len(lines) + 1, "", cells=cells))
            continue
        number, level = labels.of(element)
        lines.append(DocumentLine(len(lines) + 1, _flat(_text(element)), number, level))
    return tuple(lines)


def _open(path: Path) -> tuple[DocxDocument, _Element]:
    """The document and its body, or the Norwegian refusal of a damaged file.

    python-docx reads a package whose parts are well-formed XML of the wrong shape
    without checking it, and fails on it with whatever Python raises there: an
    AttributeError for a `[Content_Types].xml` or `.rels` part without its elements, a
    TypeError further on for a `document.xml` without `w:body`. Each is a damaged file to
    the person importing it, so each gets the same refusal as a file that is no zip.
    """
    try:
        document = docx.Document(str(path))
        body: _Element | None = document.element.body
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        LxmlError,
        AttributeError,
        TypeError,
    ):
        raise _not_a_document(path) from None
    if body is None:
        raise _not_a_document(path)
    return document, body


def _not_a_document(path: Path) -> DocumentFileError:
    return DocumentFileError(
        _(
            'Kan ikke åpne "%(name)s" som Word-fil (.docx). Er filen skadd eller i et '
            "annet format? Eldre .doc-filer må lagres som .docx først.",
            name=path.name,
        )
    )


def _check_unpacked_size(path: Path) -> None:
    """Refuse a file that unpacks beyond the cap, before python-docx unpacks it into memory.

    python-docx reads every part it reaches whole, so a zip bomb (a few hundred KB that
    unpack to gigabytes of XML) would fill the memory and run for many minutes. The zip's
    directory says how large each part is, and `zipfile` never gives more of a part than
    that (a forged size ends in a checksum error, refused as a broken file).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_a_document(path) from None
    if size > LIMITS.max_uncompressed:
        raise DocumentFileError(
            _(
                '"%(name)s" pakker seg ut til %(size)s MB; Planlogg åpner Word-filer på opptil '
                "%(most)s MB utpakket (en handlingsplan er noen få MB). Filen kan være skadd "
                "eller laget for å fylle minnet. Lagre planen som en ny Word-fil uten bilder og "
                "vedlegg, eller kopier den over i et nytt dokument.",
                name=path.name,
                size=round(size / _MB),
                most=LIMITS.max_uncompressed // _MB,
            )
        )


class _Labels:
    """The list label of each paragraph, counted in document order (table cells included)."""

    def __init__(self, numbering: Numbering) -> None:
        self._numbering = numbering
        self._counter = ListCounter(numbering)

    def of(self, paragraph: _Element) -> tuple[str, int | None]:
        """The paragraph's label ("1.1", "•", "" outside lists) and list level (None outside)."""
        reference = self._numbering.reference(paragraph)
        if reference is None:
            return "", None
        return self._counter.label(reference), reference.ilvl


def _numbering(document: DocxDocument) -> _Element | None:
    """The numbering definitions, when the document has any (python-docx would add a part)."""
    try:
        part = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)
    except KeyError:
        return None
    element: _Element | None = getattr(part, "element", None)
    return element


_SHOWN_RUNS = XPath(
    ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent"
    " or ancestor::mc:Fallback)]",
    namespaces={"w": W[1:-1], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"},
)
"""The runs of a paragraph as Word shows it with every change accepted: its own runs and
those inside hyperlinks, tracked insertions, moves, content controls, smart tags and
fields, but not deleted or moved-away text, the paragraphs of a text box in a run, nor
the copy for older programs (`mc:Fallback`) of what Word shows once."""


def _text(paragraph: _Element) -> str:
    """A paragraph's text as Word shows it (python-docx reads only its direct runs and
    hyperlinks, so a tracked insertion or a content control would vanish unseen)."""
    runs: list[CT_R] = _SHOWN_RUNS(paragraph)
    return "".join(run.text for run in runs)


def _content(parent: _Element, *names: str) -> Iterator[_Element]:
    """The children named (body: paragraphs and tables; table: rows; row: cells) in document
    order, looking inside the content controls (`w:sdt`) and custom XML that may wrap them."""
    tags = {f"{W}{name}" for name in names}
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _content(content, *names)
        elif child.tag == f"{W}customXml":
            yield from _content(child, *names)


_CELL_PARAGRAPHS = XPath(".//w:p[not(ancestor::w:txbxContent)]", namespaces={"w": W[1:-1]})


def _row_cells(row: _Element, labels: _Labels, above: dict[int, str]) -> tuple[str, ...]:
    """A table row's cells, as a person reads them: a cell merged down over several rows
    is given on each of them (`above` holds the cell text last begun in each column of the
    table's grid), a cell merged across is given once and empty in the columns it spans,
    except a year mark, which marks every year it spans.

    Each paragraph of a cell is read with its list label, as a line is ("1.1.1", "• …"):
    the numbers of a plan kept in a Word table are often Word's automatic numbering.

    A row that leaves out the grid's first columns (`w:gridBefore`, as Word writes a row
    whose goal cells are missing, e.g. in a table pasted from a PDF or a web page) starts
    with that many empty cells, so its cells stand under their own headings.
    """
    cells: list[str] = [""] * _grid_before(row)
    for cell in _content(row, "tc"):
        column = len(cells)
        merge = cell.find(f"{W}tcPr/{W}vMerge")
        if merge is not None and merge.get(f"{W}val") != "restart":
            cells.append(above.get(column, ""))
        else:
            lines = [f"{labels.of(p)[0]} {_text(p)}".strip() for p in _CELL_PARAGRAPHS(cell)]
            above[column] = "\n".join(lines).strip()
            cells.append(above[column])
        spanned = cells[-1] if _is_year_mark(cells[-1]) else ""
        cells.extend([spanned] * (_grid_count(cell, "tcPr/w:gridSpan", 1) - 1))
        if len(cells) > MOST_COLUMNS:
            return tuple(cells[:MOST_COLUMNS])
    return tuple(cells)


MOST_COLUMNS = 63
"""The most columns a Word table has: no row is read wider, so a forged `w:gridSpan` or
`w:gridBefore` of a billion cannot fill the memory."""


def _grid_before(row: _Element) -> int:
    """How many of the grid's columns the row leaves out before its first cell."""
    return _grid_count(row, "trPr/w:gridBefore", 0)


def _grid_count(element: _Element, path: str, default: int) -> int:
    """A count of grid columns at `path` under `element` (`default` when there is none or
    it is no number: «²» is a digit to `str.isdigit` but none to `int`), at most
    `MOST_COLUMNS`."""
    found = element.find(f"{W}{path.replace('w:', W)}")
    value = found.get(f"{W}val", "") if found is not None else ""
    return min(int(value), MOST_COLUMNS) if value.isascii() and value.isdigit() else default


def _is_year_mark(text: str) -> bool:
    """A mark such as "x" or "X høst": merged across year columns, it marks each of them
    (a bar over the years), where any other text merged across is said once."""
    try:
        parse_year_mark(text)
    except TimeframeError:
        return False
    return True


def _flat(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())

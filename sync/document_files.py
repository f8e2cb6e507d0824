"""Read a Word document (.docx) as lines of text, with Word's list numbers put back.

Most plans written as prose live in Word. A plan's structure is often in
Word's automatic numbering ("1.", "1.1", bullets), which is not text in the
file; `sync.word_numbering` rebuilds it, and each numbered paragraph becomes
"1.1 Samarbeid om …" or "• Planlegge …", as a reader sees it. The result is
rows of strings, like a text file's lines, for `domain.prose_plan.read_plan`:

- every paragraph of the body (also inside content controls) is one row with
  one cell; tabs and line breaks inside it become spaces;
- every table row is one row with its cells, a merged cell given once and
  empty where it continues, so a plan kept as a Word table reads as a table;
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
from docx.oxml.text.paragraph import CT_P
from lxml.etree import LxmlError, _Element

from domain.errors import ValidationError
from language import _
from sync.word_numbering import ListCounter, Numbering, W


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
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError):
        raise DocumentFileError(
            _(
                'Kan ikke åpne "%(name)s" som Word-fil (.docx). Er filen skadd eller i et '
                "annet format? Eldre .doc-filer må lagres som .docx først.",
                name=path.name,
            )
        ) from None
    numbering = Numbering(_numbering(document), document.styles.element)
    counter = ListCounter(numbering)
    lines: list[DocumentLine] = []
    for element in _blocks(document.element.body):
        if element.tag == f"{W}tbl":
            for row in element.findall(f"{W}tr"):
                lines.append(DocumentLine(len(lines) + 1, "", cells=_row_cells(row)))
            continue
        text = _flat(_text(element))
        reference = numbering.reference(element)
        if reference is None:
            lines.append(DocumentLine(len(lines) + 1, text))
            continue
        number = counter.label(reference)
        lines.append(DocumentLine(len(lines) + 1, text, number, reference.ilvl))
    return tuple(lines)


def _numbering(document: DocxDocument) -> _Element | None:
    """The numbering definitions, when the document has any (python-docx would add a part)."""
    try:
        part = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)
    except KeyError:
        return None
    element: _Element | None = getattr(part, "element", None)
    return element


def _text(paragraph: _Element) -> str:
    """A paragraph's text, hyperlinks included (python-docx's own reading of runs)."""
    return paragraph.text if isinstance(paragraph, CT_P) else ""


def _blocks(body: _Element) -> Iterator[_Element]:
    """Paragraphs and tables in document order, looking inside content controls (`w:sdt`)."""
    for child in body:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _row_cells(row: _Element) -> tuple[str, ...]:
    """A table row's cells; a merged cell's text once, empty where the merge continues."""
    cells: list[str] = []
    for cell in row.findall(f"{W}tc"):
        merge = cell.find(f"{W}tcPr/{W}vMerge")
        continued = merge is not None and merge.get(f"{W}val") != "restart"
        paragraphs = [_text(p) for p in cell.iter(f"{W}p")]
        cells.append("" if continued else "\n".join(paragraphs).strip())
        span = cell.find(f"{W}tcPr/{W}gridSpan")
        width = span.get(f"{W}val", "1") if span is not None else "1"
        cells.extend([""] * (int(width) - 1 if width.isdigit() else 0))
    return tuple(cells)


def _flat(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())

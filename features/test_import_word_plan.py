"""Steps for features/import_word_plan.feature: the command line on SQLite and PostgreSQL.

The Word files are built as Word saves them (python-docx, with Word's own markup for
merged cells and tracked changes), in the secretariat's folder.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import Result
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from pytest_bdd import given, parsers, scenarios, then

from domain.application import Planlogg
from tests.fixtures.word_documents import WordDocument

scenarios("import_word_plan.feature")

pytestmark = pytest.mark.usefixtures("database_url")
"""Each scenario runs on SQLite and on PostgreSQL (`database_url` is parametrised)."""

PLAN_FILE = "handlingsplan.docx"
PARAGRAPH = b"<w:p><w:r><w:t>" + b"a" * 991 + b"</w:t></w:r></w:p>"
"""One paragraph of a zip bomb's text (1 KiB)."""


@given(
    parsers.parse(
        'the Word file "{name}" in the secretariat\'s folder, with the title "{title}", '
        'the area "{area}" and this table:'
    )
)
def word_plan(
    secretariat_folder: Path, name: str, title: str, area: str, datatable: list[list[str]]
) -> None:
    word = WordDocument()
    word.paragraph(title)
    word.paragraph(area)
    word.table(datatable)
    word.save(secretariat_folder / name)


def in_word(folder: Path, change: Any) -> None:
    """Open the plan's Word file, change its table, and save it."""
    document = docx.Document(str(folder / PLAN_FILE))
    change(document.tables[0])
    document.save(str(folder / PLAN_FILE))


def row_holding(table: Any, text: str) -> int:
    """The row with a cell reading `text` (a goal's or a measure's number)."""
    return next(i for i, row in enumerate(table.rows) if text in (c.text for c in row.cells))


def merge_down(table: Any, row: int, column: int, rows: int) -> None:
    table.cell(row, column).merge(table.cell(row + rows - 1, column))


@given(
    parsers.parse(
        "in Word, the number and text of goal {goal} are merged down over its {rows:d} rows"
    )
)
def goal_merged(secretariat_folder: Path, goal: str, rows: int) -> None:
    def merging(table: Any) -> None:
        first = row_holding(table, goal)
        for column in (0, 1):
            merge_down(table, first, column, rows)

    in_word(secretariat_folder, merging)


@given(
    parsers.parse(
        'in Word, the "{first}" and "{second}" cells of measure {number} are merged down over '
        "{rows:d} rows"
    )
)
def cells_merged(secretariat_folder: Path, first: str, second: str, number: str, rows: int) -> None:
    def merging(table: Any) -> None:
        header = [cell.text for cell in table.rows[0].cells]
        for column in (header.index(first), header.index(second)):
            merge_down(table, row_holding(table, number), column, rows)

    in_word(secretariat_folder, merging)


@given(
    parsers.parse(
        '{who}, with track changes on, has replaced "{deleted}" by "{inserted}" at the end of '
        'the "{column}" of measure {number}'
    )
)
def tracked_change(
    secretariat_folder: Path, who: str, deleted: str, inserted: str, column: str, number: str
) -> None:
    """Word's markup for a replacement with track changes on: the deleted run, then the
    inserted one, each with its author."""
    marks = f'w:author="{who}" w:date="2024-01-10T09:00:00Z"'
    runs = (
        f'<w:del w:id="1" {marks}><w:r><w:delText xml:space="preserve">{deleted}</w:delText>'
        f'</w:r></w:del><w:ins w:id="2" {marks}><w:r><w:t xml:space="preserve">{inserted}'
        "</w:t></w:r></w:ins>"
    )

    def changing(table: Any) -> None:
        header = [cell.text for cell in table.rows[0].cells]
        cell = table.cell(row_holding(table, number), header.index(column))
        for element in list(parse_xml(f"<w:root {nsdecls('w')}>{runs}</w:root>")):
            cell.paragraphs[0]._p.append(element)

    in_word(secretariat_folder, changing)


@given(
    parsers.parse(
        'a small Word file "{name}" in the secretariat\'s folder, that unpacks to {megabytes:d} '
        "MB in all"
    )
)
def zip_bomb(secretariat_folder: Path, name: str, megabytes: int) -> None:
    """A real Word document whose text part is paragraphs enough to make it unpack to
    `megabytes` MiB with its other parts (styles, theme and the rest)."""
    base = WordDocument().save(secretariat_folder / "tom.docx")
    with (
        zipfile.ZipFile(base) as empty,
        zipfile.ZipFile(secretariat_folder / name, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        rest = sum(entry.file_size for entry in empty.infolist())
        paragraphs = (megabytes * 2**20 - rest) // len(PARAGRAPH)
        for entry in empty.infolist():
            data = empty.read(entry.filename)
            if entry.filename != "word/document.xml":
                bomb.writestr(entry, data)
                continue
            head, tail = data.split(b"<w:body>")
            with bomb.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(head + b"<w:body>")
                for _ in range(paragraphs // 1024):
                    part.write(PARAGRAPH * 1024)
                part.write(PARAGRAPH * (paragraphs % 1024))
                part.write(tail)
    base.unlink()


@then(parsers.parse('the printout ends with the line "{line}"'))
def printout_ends(printout: Result, line: str) -> None:
    assert (printout.exit_code, printout.stderr) == (0, ""), printout.output
    assert printout.stdout.splitlines()[-1] == line


@then(parsers.parse('the plan "{key}" holds these measures:'))
def holds(database_url: str, key: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    if header[:4] != ["Nr", "Mål", "Tiltak", "Ansvar"]:
        raise ValueError(f"Ukjende kolonnar: {header}")
    years = [int(year) for year in header[4:]]
    with Planlogg.from_url(database_url) as app:
        measures = app.get_plan(key).active_measures()
        stored = [
            [m.number, m.goal, m.text, "; ".join(m.responsible)]
            + [m.marks.get(year, "") for year in years]
            for m in measures
        ]
    assert stored == rows


@then(parsers.parse('there is no plan "{key}"'))
def no_plan(database_url: str, key: str) -> None:
    with Planlogg.from_url(database_url) as app:
        assert not app.plan_exists(key)

"""Word plans read as a reader sees them: Word's own heading list numbers the areas
without a full stop, a paragraph under a goal heading is a paragraph of its own, and a
table row that leaves out the grid's first columns keeps its cells under their headings."""

from __future__ import annotations

from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from domain.plan_table import parse_plan_table
from domain.prose_plan import read_plan
from sync.document_files import read_document_rows
from sync.table_files import read_table_file
from tests.fixtures.word_documents import BULLETS, Lvl, WordDocument

# Word's own heading list ("1 Overskrift 1", "1.1 Overskrift 2", "1.1.1 Overskrift 3"):
# the level texts have no full stop after the last number.
HEADING_LIST = (Lvl("decimal", "%1"), Lvl("decimal", "%1.%2"), Lvl("decimal", "%1.%2.%3"))


def test_a_plan_numbered_with_words_heading_list_has_its_areas(tmp_path: Path) -> None:
    word = WordDocument()
    word.define_list(50, *HEADING_LIST)
    word.define_list(51, *BULLETS)
    word.add_instance(50, 50)
    word.add_instance(51, 51)
    word.paragraph("Handlingsplan for 2023", style="Title")
    word.item("Oppfølging av samarbeidsavtalar", 50, 0, style="Heading 1")
    word.item("Samarbeid om handtering av pandemiar", 50, 1, style="Heading 2")
    word.item("Planlegge ei undervegsevaluering", 51, 0)
    word.paragraph("Tidsramme: Vår 2023")
    path = word.save(tmp_path / "plan.docx")
    assert read_document_rows(path)[1:3] == [
        ["1 Oppfølging av samarbeidsavtalar"],
        ["1.1 Samarbeid om handtering av pandemiar"],
    ]
    outline = read_plan(read_table_file(path))
    assert outline.problems == ()
    assert [(a.number, a.title) for a in outline.areas] == [
        ("1", "Oppfølging av samarbeidsavtalar")
    ]
    assert [(m.number, m.text) for m in outline.measures] == [
        ("1.1.1", "Planlegge ei undervegsevaluering")
    ]


def test_a_word_paragraph_in_lower_case_under_a_goal_heading_is_its_own_measure(
    tmp_path: Path,
) -> None:
    # A Word paragraph is a paragraph: there is no PDF line break to join again.
    word = WordDocument()
    word.define_list(52, Lvl("decimal", "%1."), Lvl("decimal", "%1.%2"))
    word.add_instance(52, 52)
    word.paragraph("Handlingsplan for 2023", style="Title")
    word.item("Oppfølging av andre samhandlingsinitiativ", 52, 0, style="Heading 1")
    word.item("Felles utviklingsplan", 52, 1, style="Heading 2")
    word.paragraph("sluttføre planarbeidet")
    word.paragraph("Tidsramme: 2023")
    outline = read_plan(read_table_file(word.save(tmp_path / "plan.docx")))
    assert outline.goal("1.1").text == "Felles utviklingsplan"
    assert [(m.number, m.text) for m in outline.measures] == [("1.1.1", "sluttføre planarbeidet")]


def test_a_table_row_that_starts_after_skipped_grid_columns_keeps_its_columns(
    tmp_path: Path,
) -> None:
    # `w:gridBefore`: the row's first cell stands in the third column of the table's grid
    # (as Word writes a row whose goal cells are left out, e.g. a table from a PDF or a web
    # page); its cells belong under Nr, Tiltak, Ansvar, 2024, 2025, not under Nr, Mål, ….
    word = WordDocument()
    word.paragraph("Handlingsplan 2024-2025")
    word.paragraph("1. Samhandling")
    word.table(
        [
            ["Nr", "Mål", "Nr", "Tiltak", "Ansvar", "2024", "2025"],
            ["1.1", "Betre samhandling", "1.1.1", "Felles rutine", "ASU", "x", ""],
            ["", "", "1.1.2", "Felles opplæring", "FSU", "", "X høst"],
        ]
    )
    row = word.document.tables[0].rows[2]._tr
    for cell in row.findall(qn("w:tc"))[:2]:
        row.remove(cell)
    row.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="2"/>'))
    rows = read_document_rows(word.save(tmp_path / "table.docx"))
    assert rows[4] == ["", "", "1.1.2", "Felles opplæring", "FSU", "", "X høst"]
    table = parse_plan_table(rows)
    assert table.problems == ()
    assert [(m.number, m.responsible, m.marks) for m in table.measures] == [
        ("1.1.1", ("ASU",), {2024: "x"}),
        ("1.1.2", ("FSU",), {2025: "X høst"}),
    ]


def test_a_forged_column_count_reads_no_row_wider_than_a_word_table(tmp_path: Path) -> None:
    # A gridSpan or gridBefore of a billion (a few bytes in a forged file) would have
    # made a list of a billion cells; no Word table has more than 63 columns.
    word = WordDocument()
    word.table([["Nr", "Tiltak"], ["1.1.1", "Felles rutine"]])
    first, second = word.document.tables[0].rows
    first.cells[1]._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="1000000000"/>')
    )
    second._tr.get_or_add_trPr().append(
        parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1000000000"/>')
    )
    rows = read_document_rows(word.save(tmp_path / "forged.docx"))
    assert [len(row) for row in rows] == [63, 63]
    assert rows[0][:3] == ["Nr", "Tiltak", ""]
    assert rows[1][:2] == ["", ""]


def test_a_forged_column_count_that_is_no_number_counts_as_none(tmp_path: Path) -> None:
    word = WordDocument()
    word.table([["Nr", "Tiltak"], ["1.1.1", "Felles rutine"]])
    first, second = word.document.tables[0].rows
    first.cells[1]._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="²"/>')
    )
    second._tr.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="²"/>'))
    rows = read_document_rows(word.save(tmp_path / "forged.docx"))
    assert rows == [["Nr", "Tiltak"], ["1.1.1", "Felles rutine"]]

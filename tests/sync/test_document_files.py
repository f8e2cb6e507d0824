"""Reading Word documents: paragraphs and tables, with Word's automatic list numbers rebuilt.

The documents are built in each test (tests/fixtures/word_documents.py) with
numbering definitions written as Word writes them; no number is in the text.
"""

from __future__ import annotations

import time
import zipfile
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

from domain.plan_table import is_plan_table, parse_plan_table
from domain.prose_plan import read_plan
from sync.document_files import DocumentFileError, read_document, read_document_rows
from sync.table_files import read_table_file
from sync.word_numbering import format_number
from tests.fixtures.word_documents import (
    BULLETS,
    OUTLINE,
    Lvl,
    WordDocument,
    fonna_like_document,
)


def labels(path: Path) -> list[tuple[str, str]]:
    return [(line.number, line.text) for line in read_document(path)]


def test_a_multilevel_list_is_numbered_as_word_shows_it(tmp_path: Path) -> None:
    word = WordDocument()
    word.define_list(20, *OUTLINE[:2], Lvl("lowerLetter", "%3)"))
    word.add_instance(20, 20)
    for ilvl, text in [(0, "A"), (1, "B"), (1, "C"), (2, "D"), (2, "E"), (1, "F"), (2, "G")]:
        word.item(text, 20, ilvl)
    word.item("H", 20, 0)
    word.item("I", 20, 1)
    word.paragraph("utan nummer")
    word.item("J", 20, 1)
    assert labels(word.save(tmp_path / "a.docx")) == [
        ("1.", "A"),
        ("1.1", "B"),
        ("1.2", "C"),
        ("a)", "D"),
        ("b)", "E"),
        ("1.3", "F"),
        ("a)", "G"),  # a level restarts when a higher level is used
        ("2.", "H"),
        ("2.1", "I"),
        ("", "utan nummer"),
        ("2.2", "J"),  # a paragraph outside the list does not end it
    ]


def test_bullets_become_a_dot_and_nested_bullets_a_ring(tmp_path: Path) -> None:
    word = WordDocument()
    word.define_list(21, *BULLETS)
    word.define_list(22, Lvl("decimal", "%1."), Lvl("bullet", "\uf0b7"))
    word.add_instance(21, 21)
    word.add_instance(22, 22)
    for ilvl, text in [(0, "a"), (1, "b"), (2, "c"), (0, "d")]:
        word.item(text, 21, ilvl)
    word.item("e", 22, 0)
    word.item("f", 22, 1)  # the first bullet level under a number is a top bullet
    lines = read_document(word.save(tmp_path / "b.docx"))
    assert [(line.number, line.level) for line in lines] == [
        ("•", 0),
        ("◦", 1),
        ("◦", 2),
        ("•", 0),
        ("1.", 0),
        ("•", 1),
    ]


def test_instances_of_one_list_share_its_count_and_a_start_override_restarts_it(
    tmp_path: Path,
) -> None:
    word = WordDocument()
    word.define_list(23, Lvl("upperRoman", "%1.", start=3), Lvl("lowerRoman", "(%2)", restart=0))
    word.add_instance(23, 23)
    word.add_instance(24, 23)
    word.add_instance(25, 23, start_overrides={0: 1})
    sequence = [(23, 0), (23, 1), (23, 0), (23, 1), (24, 0), (25, 0), (25, 0), (23, 0)]
    for index, (num_id, ilvl) in enumerate(sequence):
        word.item(f"p{index}", num_id, ilvl)
    assert [n for n, _ in labels(word.save(tmp_path / "c.docx"))] == [
        "III.",  # the level's start value
        "(i)",
        "IV.",
        "(ii)",  # lvlRestart 0: never restarts
        "V.",  # another instance of the same list continues its count
        "I.",  # "restart at 1": the override, on the instance's first use of the level
        "II.",
        "III.",  # the first instance continues from there
    ]


def test_lvl_restart_names_the_level_whose_use_restarts_it(tmp_path: Path) -> None:
    word = WordDocument()
    word.define_list(26, *OUTLINE[:2], Lvl("decimal", "%3.", restart=1))
    word.add_instance(26, 26)
    for index, ilvl in enumerate([0, 1, 2, 2, 1, 2, 0, 2]):
        word.item(f"p{index}", 26, ilvl)
    assert [n for n, _ in labels(word.save(tmp_path / "d.docx"))] == [
        "1.",
        "1.1",
        "1.",
        "2.",
        "1.2",
        "3.",  # a use of level 1 does not restart it (lvlRestart 1 = after level 0 only)
        "2.",
        "1.",
    ]


def test_legal_numbering_shows_higher_levels_in_decimal(tmp_path: Path) -> None:
    word = WordDocument()
    word.define_list(27, Lvl("upperRoman", "%1."), Lvl("decimal", "%1.%2", legal=True))
    word.add_instance(27, 27)
    for index, ilvl in enumerate([0, 1, 0, 1, 1]):
        word.item(f"p{index}", 27, ilvl)
    assert [n for n, _ in labels(word.save(tmp_path / "e.docx"))] == [
        "I.",
        "1.1",
        "II.",
        "2.1",
        "2.2",
    ]


def test_an_overridden_level_replaces_the_lists_own(tmp_path: Path) -> None:
    word = WordDocument()
    word.define_list(30, Lvl("decimalZero", "%1."))
    word.add_instance(30, 30)
    word.add_instance(
        31, 30, start_overrides={0: 1}, level_overrides={0: Lvl("upperLetter", "%1)")}
    )
    for num_id in (30, 30, 31, 31):
        word.item("x", num_id)
    assert [n for n, _ in labels(word.save(tmp_path / "f.docx"))] == ["01.", "02.", "A)", "B)"]


def test_numbering_from_a_paragraph_style_and_a_paragraph_that_removes_it(
    tmp_path: Path,
) -> None:
    word = WordDocument()
    word.paragraph("første", style="List Number")
    word.paragraph("andre", style="List Number")
    word.item("utan nummer", 0, style="List Number")  # numId 0: numbering switched off
    word.paragraph("tredje", style="List Number")
    word.paragraph("punkt", style="List Bullet")
    assert labels(word.save(tmp_path / "g.docx")) == [
        ("1.", "første"),
        ("2.", "andre"),
        ("", "utan nummer"),
        ("3.", "tredje"),
        ("•", "punkt"),
    ]


@pytest.mark.parametrize(
    ("count", "fmt", "shown"),
    [
        (4, "decimal", "4"),
        (4, "decimalZero", "04"),
        (28, "lowerLetter", "bb"),
        (3, "upperLetter", "C"),
        (14, "lowerRoman", "xiv"),
        (1994, "upperRoman", "MCMXCIV"),
        (7, "ordinal", "7"),  # formats we do not know are shown as decimal
    ],
)
def test_number_formats(count: int, fmt: str, shown: str) -> None:
    assert format_number(count, fmt) == shown


def test_a_plan_in_word_reads_with_its_automatic_numbers(tmp_path: Path) -> None:
    path = fonna_like_document(tmp_path / "plan.docx")
    assert read_document_rows(path)[2:6] == [
        ["1. Oppfølging av samarbeidsavtalar"],
        ["1.1 Samarbeid om handtering av pandemiar"],
        ["Tiltak"],
        ["• Planlegge ei undervegsevaluering av pandemiavtalen."],
    ]
    outline = read_plan(read_table_file(path))
    assert outline.problems == ()
    assert outline.unplaced == ()
    assert outline.title == "Handlingsplan for 2023"
    assert [area.number for area in outline.areas] == ["1", "2"]
    assert [goal.number for goal in outline.goals] == ["1.1", "1.2", "2.1"]
    assert [m.number for m in outline.measures] == ["1.1.1", "1.1.2", "1.2.1", "2.1.1"]
    first = outline.measure("1.1.1")
    assert first.text == (
        "Planlegge ei undervegsevaluering av pandemiavtalen.\n\n"
        "- Har avtalen gitt nødvendig helsehjelp?"
    )
    assert dict(first.marks) == {2023: "x vår"}
    assert [(n.line, n.text) for n in outline.goal("2.1").notes] == [
        (16, "Arbeidet vert samordna med regionale prosjekt.")
    ]


def test_a_lettered_list_numbered_by_word_stays_in_its_measure(tmp_path: Path) -> None:
    word = WordDocument()
    word.define_list(42, *OUTLINE[:2], Lvl("lowerLetter", "%3)"))
    word.define_list(43, *BULLETS)
    word.add_instance(42, 42)
    word.add_instance(43, 43)
    word.paragraph("Handlingsplan 2024")
    word.item("Samhandling", 42, 0)
    word.item("Felles rutinar", 42, 1)
    word.item("Revidere avtalen om", 43, 0)
    word.item("utskriving", 42, 2)
    word.item("oppfølging", 42, 2)
    word.item("Opplæring", 43, 0)
    path = word.save(tmp_path / "plan.docx")
    assert read_document_rows(path)[4:6] == [["a) utskriving"], ["b) oppfølging"]]
    outline = read_plan(read_table_file(path))
    assert (outline.problems, outline.unplaced, outline.notes) == ((), (), ())
    assert [(m.number, m.text) for m in outline.measures] == [
        ("1.1.1", "Revidere avtalen om\n\na) utskriving\n\nb) oppfølging"),
        ("1.1.2", "Opplæring"),
    ]


def test_a_plan_kept_as_a_word_table_reads_as_a_table(tmp_path: Path) -> None:
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
    rows = read_document_rows(word.save(tmp_path / "table.docx"))
    assert is_plan_table(rows)
    table = parse_plan_table(rows)
    assert table.problems == ()
    assert [(m.number, m.responsible, m.marks) for m in table.measures] == [
        ("1.1.1", ("ASU",), {2024: "x"}),
        ("1.1.2", ("FSU",), {2025: "X høst"}),
    ]


def test_a_cell_merged_across_is_given_once_and_one_merged_down_on_every_row(
    tmp_path: Path,
) -> None:
    word = WordDocument()
    word.table([["Mål", "Tiltak", "Ansvar"], ["1.1 Mål", "a", "ASU"], ["", "b", "FSU"]])
    table = word.document.tables[0]
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(0, 1).merge(table.cell(0, 2))
    rows = read_document_rows(word.save(tmp_path / "merged.docx"))
    assert rows == [["Mål", "Tiltak\nAnsvar", ""], ["1.1 Mål", "a", "ASU"], ["1.1 Mål", "b", "FSU"]]


def test_responsible_and_year_cells_merged_down_count_for_every_measure_they_cover(
    tmp_path: Path,
) -> None:
    word = WordDocument()
    word.paragraph("Handlingsplan 2024-2025")
    word.paragraph("1. Område")
    word.table(
        [
            ["", "Mål", "", "Tiltak", "Ansvar", "2024", "2025"],
            ["1.1", "Mål A", "1.1.1", "Tiltak A", "Sekretariat", "x", ""],
            ["", "", "1.1.2", "Tiltak B", "", "", "X høst"],
            ["1.2", "Mål B", "1.2.1", "Tiltak C", "", "", ""],
        ]
    )
    table = word.document.tables[0]
    table.cell(1, 0).merge(table.cell(2, 0))  # the goal, as Word tables hold it
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(1, 4).merge(table.cell(3, 4))  # one body for the measures of two goals
    table.cell(1, 5).merge(table.cell(3, 5))  # started in 2024, all three
    parsed = parse_plan_table(read_document_rows(word.save(tmp_path / "merged.docx")))
    assert parsed.problems == ()
    assert [goal.number for goal in parsed.goals] == ["1.1", "1.2"]
    assert [(m.number, m.responsible, m.marks) for m in parsed.measures] == [
        ("1.1.1", ("Sekretariat",), {2024: "x"}),
        ("1.1.2", ("Sekretariat",), {2024: "x", 2025: "X høst"}),
        ("1.2.1", ("Sekretariat",), {2024: "x"}),
    ]


def test_a_file_that_is_not_a_word_document_is_refused_in_norwegian(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_text("ikkje ei Word-fil")
    with pytest.raises(DocumentFileError, match=r'Kan ikke åpne "plan\.docx" som Word-fil'):
        read_document(path)


# --- text Word shows that is not a plain run of the paragraph ---------------------------

TRACKED = (
    '<w:ins w:id="1" w:author="Kari" w:date="2024-01-10T09:00:00Z">'
    '<w:r><w:t xml:space="preserve"> om pandemiar</w:t></w:r></w:ins>'
    '<w:del w:id="2" w:author="Kari" w:date="2024-01-10T09:00:00Z">'
    "<w:r><w:delText> om influensa</w:delText></w:r></w:del>"
    '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve"> i kommunane</w:t></w:r>'
    "</w:sdtContent></w:sdt>"
    '<w:smartTag w:uri="urn:x" w:element="place"><w:r>'
    '<w:t xml:space="preserve"> og på sjukehuset</w:t></w:r></w:smartTag>'
    '<w:fldSimple w:instr=" DATE "><w:r><w:t xml:space="preserve"> (2024)</w:t></w:r>'
    "</w:fldSimple>"
    '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
    "<w:p><w:r><w:t>Tekstboks</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
    "</w:r>"
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice Requires="w14"><w:r><w:t xml:space="preserve"> ✓</w:t></w:r></mc:Choice>'
    '<mc:Fallback><w:r><w:t xml:space="preserve"> ✓</w:t></w:r></mc:Fallback>'
    "</mc:AlternateContent>"
)


def _with_tracked_changes(paragraph: Paragraph) -> None:
    """Word's markup around runs: an insertion and a deletion (tracked changes), an inline
    content control, a smart tag, a simple field, a text box (not read) and a symbol Word
    writes twice, for itself and for older programs (read once)."""
    for element in list(parse_xml(f"<w:root {nsdecls('w')}>{TRACKED}</w:root>")):
        paragraph._p.append(element)


def test_inserted_text_content_controls_smart_tags_and_fields_are_read_deleted_text_is_not(
    tmp_path: Path,
) -> None:
    word = WordDocument()
    _with_tracked_changes(word.document.add_paragraph("1.1 Samarbeid"))
    word.table([["Tiltak", ""]])
    _with_tracked_changes(word.document.tables[0].cell(0, 1).paragraphs[0])
    rows = read_document_rows(word.save(tmp_path / "endringar.docx"))
    shown = " om pandemiar i kommunane og på sjukehuset (2024) ✓"
    assert rows == [["1.1 Samarbeid" + shown], ["Tiltak", shown.strip()]]


def _number(paragraph: Paragraph, num_id: int, ilvl: int) -> None:
    """Put a paragraph in a Word list, as Word does: a reference, no number in the text."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def test_automatic_numbers_and_bullets_in_table_cells_are_read_and_counted(
    tmp_path: Path,
) -> None:
    word = WordDocument()
    word.define_list(50, *OUTLINE)
    word.define_list(51, *BULLETS)
    word.add_instance(50, 50)
    word.add_instance(51, 51)
    word.paragraph("Handlingsplan 2024-2025")
    word.item("Samhandling", 50, 0)
    word.table(
        [
            ["Nr", "Mål", "Nr", "Tiltak", "Ansvar", "2024", "2025"],
            ["", "Betre samhandling", "", "Felles rutine", "ASU", "x", ""],
            ["", "", "", "Felles opplæring", "FSU", "", "X høst"],
        ]
    )
    cells = word.document.tables[0]
    for row, column, ilvl in [(1, 0, 1), (1, 2, 2), (2, 2, 2)]:
        _number(cells.cell(row, column).paragraphs[0], 50, ilvl)
    _number(cells.cell(1, 3).add_paragraph("for utskriving"), 51, 0)
    word.item("Kompetanse", 50, 0)  # the count goes on after the table
    rows = read_document_rows(word.save(tmp_path / "tabell.docx"))
    assert rows[3:5] == [
        ["1.1", "Betre samhandling", "1.1.1", "Felles rutine\n• for utskriving", "ASU", "x", ""],
        ["", "", "1.1.2", "Felles opplæring", "FSU", "", "X høst"],
    ]
    assert rows[5] == ["2. Kompetanse"]
    table = parse_plan_table(rows)
    assert table.problems == ()
    assert [(m.number, m.text, m.responsible, m.marks) for m in table.measures] == [
        ("1.1.1", "Felles rutine\n\n- for utskriving", ("ASU",), {2024: "x"}),
        ("1.1.2", "Felles opplæring", ("FSU",), {2025: "X høst"}),
    ]
    assert [(area.number, area.title) for area in table.areas] == [
        ("1", "Samhandling"),
        ("2", "Kompetanse"),
    ]


def test_rows_and_cells_inside_content_controls_keep_their_columns(tmp_path: Path) -> None:
    word = WordDocument()
    word.table([["1.1", "Mål", "1.1.1", "Tiltak", "ASU"], ["", "", "1.1.2", "Rutine", "FSU"]])
    table = word.document.tables[0]._tbl
    first, second = table.tr_lst
    goal_cell = first.tc_lst[1]
    wrapper = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
    goal_cell.addprevious(wrapper)
    wrapper[1].append(goal_cell)  # a cell in a content control, as templates have them
    rows = parse_xml(f"<w:customXml {nsdecls('w')} w:element='rad'/>")
    second.addprevious(rows)
    rows.append(second)  # a row in custom XML
    assert read_document_rows(word.save(tmp_path / "kontrollar.docx")) == [
        ["1.1", "Mål", "1.1.1", "Tiltak", "ASU"],
        ["", "", "1.1.2", "Rutine", "FSU"],
    ]


def _with_huge_body(path: Path, megabytes: int) -> Path:
    """A small .docx whose document part unpacks to `megabytes` MB of paragraphs: a zip bomb."""
    WordDocument().save(path.with_suffix(".base.docx"))
    paragraphs = b"<w:p><w:r><w:t>" + b"a" * 1000 + b"</w:t></w:r></w:p>"
    with (
        zipfile.ZipFile(path.with_suffix(".base.docx")) as base,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for entry in base.infolist():
            data = base.read(entry.filename)
            if entry.filename != "word/document.xml":
                bomb.writestr(entry, data)
                continue
            head, tail = data.split(b"<w:body>")
            with bomb.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(head + b"<w:body>")
                for _ in range(megabytes):
                    part.write(paragraphs * 1024)
                part.write(tail)
    return path


def test_a_word_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = _with_huge_body(tmp_path / "bombe.docx", 110)
    assert path.stat().st_size < 2 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(DocumentFileError) as refused:
        read_document(path)
    assert time.monotonic() - started < 2
    with zipfile.ZipFile(path) as archive:
        unpacked = round(sum(entry.file_size for entry in archive.infolist()) / 2**20)
    assert unpacked >= 110
    assert refused.value.message == (
        f'"bombe.docx" pakker seg ut til {unpacked} MB; Planlogg åpner Word-filer på opptil 100 MB '
        "utpakket (en handlingsplan er noen få MB). Filen kan være skadd eller laget for å "
        "fylle minnet. Lagre planen som en ny Word-fil uten bilder og vedlegg, eller kopier "
        "den over i et nytt dokument."
    )


def automatic_table_plan(path: Path) -> Path:
    """A plan kept as a Word table whose goals and measures are numbered by Word in their
    own cells, as secretariats lay them out ("1.1 Betre samhandling", "1.1.1 Felles …")."""
    word = WordDocument()
    word.define_list(60, *OUTLINE)
    word.add_instance(60, 60)
    word.paragraph("Handlingsplan 2024-2025")
    word.item("Samhandling", 60, 0)
    word.table(
        [
            ["Mål", "Tiltak", "Ansvar", "2024", "2025"],
            ["Betre samhandling", "Felles rutine for utskriving", "ASU", "x", ""],
            ["", "Felles opplæring", "Fagråd for legesamarbeid", "", "X høst"],
            ["Kompetanse", "I fellesskap planlegge fagdag", "FSU", "x oppstart høst", "x"],
        ]
    )
    cells = word.document.tables[0]
    for row, column, ilvl in [(1, 0, 1), (1, 1, 2), (2, 1, 2), (3, 0, 1), (3, 1, 2)]:
        _number(cells.cell(row, column).paragraphs[0], 60, ilvl)
    return word.save(path)


def test_a_word_table_numbered_by_word_in_its_text_cells_reads_as_a_plan(tmp_path: Path) -> None:
    outline = read_plan(read_table_file(automatic_table_plan(tmp_path / "plan.docx")))
    assert outline.problems == ()
    assert [(goal.number, goal.text) for goal in outline.goals] == [
        ("1.1", "Betre samhandling"),
        ("1.2", "Kompetanse"),
    ]
    assert [(m.number, m.text, m.responsible, dict(m.marks)) for m in outline.measures] == [
        ("1.1.1", "Felles rutine for utskriving", ("ASU",), {2024: "x"}),
        ("1.1.2", "Felles opplæring", ("Fagråd for legesamarbeid",), {2025: "X høst"}),
        ("1.2.1", "I fellesskap planlegge fagdag", ("FSU",), {2024: "x oppstart høst", 2025: "x"}),
    ]


def test_a_year_mark_merged_across_year_columns_counts_for_each_year(tmp_path: Path) -> None:
    word = WordDocument()
    word.paragraph("1. Område")
    word.table(
        [
            ["", "Mål", "", "Tiltak", "Ansvar", "2024", "2025", "2026"],
            ["1.1", "Mål A", "1.1.1", "Tiltak A", "ASU", "x", "", "X høst"],
            ["", "", "1.1.2", "Tiltak B utan ansvar", "", "", "x", ""],
        ]
    )
    table = word.document.tables[0]
    table.cell(1, 5).merge(table.cell(1, 6))  # "x" over 2024 and 2025, as a bar
    table.cell(2, 3).merge(table.cell(2, 4))  # a text over the responsible cell is no mark
    rows = read_document_rows(word.save(tmp_path / "tidslinje.docx"))
    assert rows[2:] == [
        ["1.1", "Mål A", "1.1.1", "Tiltak A", "ASU", "x", "x", "X høst"],
        ["", "", "1.1.2", "Tiltak B utan ansvar", "", "", "x", ""],
    ]
    parsed = parse_plan_table(rows)
    assert parsed.problems == ()
    assert parsed.measure("1.1.1").marks == {2024: "x", 2025: "x", 2026: "X høst"}


def st_olavs_as_a_word_table(path: Path) -> Path:
    """The St. Olavs plan (the seed document) kept as one Word table, as its web page
    shows it: area headings as rows merged across the table, each goal's number and text
    merged down over its measures, a responsible body merged down over the measures that
    share it."""
    text = files("domain.data").joinpath("st_olavs_2022_2024.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip()]
    word = WordDocument()
    word.paragraph(rows[0][0])
    body = rows[1:]
    table = word.document.add_table(rows=len(body), cols=9)
    cells = table._cells  # each table.cell() call would compute them all again
    grid = [cells[index * 9 : index * 9 + 9] for index in range(len(body))]
    for index, row in enumerate(body):
        for column, value in enumerate(row[:9]):
            grid[index][column].text = value
    for index, row in enumerate(body):
        below = index + 1
        while below < len(body) and _continues_goal(body[below]):
            below += 1
        if len(row) > 2 and row[0] and row[2] and below - 1 > index:
            for column in (0, 1):
                grid[index][column].merge(grid[below - 1][column])
        if len(row) > 4 and row[4] and below - 1 > index and not body[index + 1][4]:
            grid[index][4].merge(grid[index + 1][4])
        if len(row) == 1:
            grid[index][0].merge(grid[index][8])
    return word.save(path)


def _continues_goal(row: list[str]) -> bool:
    """A measure row under the goal above: no goal number, no note in the goal column."""
    return len(row) > 2 and not row[0] and not row[1] and bool(row[2])


def test_the_st_olavs_plan_kept_as_a_word_table_reads_as_its_source(tmp_path: Path) -> None:
    outline = read_plan(read_table_file(st_olavs_as_a_word_table(tmp_path / "st-olavs.docx")))
    table = outline.to_table()
    assert table.problems == ()
    assert (len(table.areas), len(table.goals), len(table.measures)) == (7, 26, 52)
    assert table.title == (
        "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"
    )
    goal = next(goal for goal in table.goals if goal.number == "0.6")
    assert goal.text.endswith(
        "Jf. vedtak i ASU 20.01.22. 0.6.1 og 0.6.2 operasjonaliseres av samme arbeidsgruppe. "
        "Felles hendelsesanalyse er inkludert (ASU sak 27/22)"
    )
    first = table.measure("0.6.1")
    assert first.text.startswith("Nedsette en arbeidsgruppe for å utrede mulige løsninger")
    assert (first.responsible, first.marks) == (
        ("Fagråd pasient-samarbeid", "Fagråd lege-samarbeid"),
        {2022: "x oppstart høst", 2023: "x"},
    )
    assert table.measure("0.1.3").responsible == ("AU og Sekretariat",)
    assert (table.measure("2.1.2A").references, table.measure("2.1.2A").marks) == (
        ("1.6.1",),
        {2023: "x"},
    )
    repeated = table.measure("2.1.3B")
    assert (repeated.goal, repeated.references, repeated.see_also) == (
        "2.1",
        ("1.4.1",),
        ("2.1.3A", "1.2.1", "2.1.1"),
    )
    assert table.measure("3.3.1").marks == {2022: "-", 2023: "-", 2024: "-", 2025: "-"}
    assert table.measure("4.2.2").responsible == (
        "Fagråd for digital samhandling",
        "Fagråd for pasientsamarbeid",
        "Fagråd for legesamarbeid",
    )
    text = files("domain.data").joinpath("st_olavs_2022_2024.tsv").read_text(encoding="utf-8")
    demo = parse_plan_table([line.split("\t") for line in text.splitlines()])
    assert [replace(m, line=0) for m in table.measures] == [
        replace(m, line=0) for m in demo.measures
    ]

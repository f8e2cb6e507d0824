"""Reading Word documents: paragraphs and tables, with Word's automatic list numbers rebuilt.

The documents are built in each test (tests/fixtures/word_documents.py) with
numbering definitions written as Word writes them; no number is in the text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_merged_table_cells_are_given_once(tmp_path: Path) -> None:
    word = WordDocument()
    word.table([["Mål", "Tiltak", "Ansvar"], ["1.1 Mål", "a", "ASU"], ["", "b", "FSU"]])
    table = word.document.tables[0]
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(0, 1).merge(table.cell(0, 2))
    rows = read_document_rows(word.save(tmp_path / "merged.docx"))
    assert rows == [["Mål", "Tiltak\nAnsvar", ""], ["1.1 Mål", "a", "ASU"], ["", "b", "FSU"]]


def test_a_file_that_is_not_a_word_document_is_refused_in_norwegian(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_text("ikkje ei Word-fil")
    with pytest.raises(DocumentFileError, match=r'Kan ikke åpne "plan\.docx" som Word-fil'):
        read_document(path)

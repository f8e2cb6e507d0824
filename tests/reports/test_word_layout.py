"""The Word file laid out as the PDF (web/templates/reports/report.css): each table's columns as
wide as the PDF's (a measure's number narrow, its text wide), in a fixed layout Word and
LibreOffice both keep; its text 9 pt; no row split over a page break beside an empty number
cell; the summary's counts right-aligned; a measure text's list a real Word list; and its
emphasis ("*Veileder her.*") italic, as the PDF shows it.

Before, every table had equal columns ("sekretariatsfunksjo|n" broken in the Tiltak column
while Nr. was as wide) and the annual report ran to 18-19 pages in Word against 13 in the PDF."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.table import Table

from domain.demo import DEMO_PLAN
from projections import ReadModels
from projections.report_model import EvaluationsSection, Report, StatusSection
from web.reports import render
from web.reports.word import column_widths

MADE_ON = date(2025, 1, 15)
TEXT_WIDTH = 9865
"""174 mm, A4's 210 less the PDF's 18 mm margins either side, in twips (1/1440 inch)."""


@pytest.fixture(scope="module")
def annual(models: ReadModels) -> Report:
    return models.annual_report(DEMO_PLAN, 2024, MADE_ON)


@pytest.fixture(scope="module")
def annual_doc(annual: Report) -> WordDocument:
    return _word(annual)


@pytest.fixture(scope="module")
def adopted_doc(models: ReadModels) -> WordDocument:
    return _word(models.adopted_plan_report(DEMO_PLAN, None, MADE_ON))


def _word(report: Report) -> WordDocument:
    return Document(io.BytesIO(render(report, "docx")))


def _headed(doc: WordDocument, *headers: str) -> list[Table]:
    return [t for t in doc.tables if tuple(c.text for c in t.rows[0].cells) == headers]


def _grid(table: Table) -> list[int]:
    """The table's column widths in twips, after checking every cell says the same."""
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    for row in table.rows:
        assert [cell.width.twips for cell in row.cells] == grid
    layout = table._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout is not None and layout.get(qn("w:type")) == "fixed"
    width = table._tbl.tblPr.find(qn("w:tblW"))
    assert (width.get(qn("w:type")), int(width.get(qn("w:w")))) == ("dxa", sum(grid))
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    assert {etree_name(side): int(side.get(qn("w:w"))) for side in margins} == {
        "left": 85,
        "right": 85,
    }  # 1.5 mm, the PDF's padding
    return grid


STATUS = ("Nr.", "Tiltak", "Ansvar", "Status", "Kommentar")


def test_each_table_has_the_pdfs_column_widths(annual_doc: WordDocument) -> None:
    """Each column as the PDF's: its width in report.css and the 1.5 mm padding either side
    (Nr. 12 + 3 mm, Ansvar 27 + 3, Status 23 + 3, Kommentar 36 + 3), Tiltak the rest."""
    measures = _headed(annual_doc, *STATUS)
    assert len(measures) == 7
    for table in measures:
        assert _grid(table) == [850, 3628, 1701, 1474, 2211]
    (summary,) = _headed(annual_doc, "Innsatsområde", "Grønn", "Gul", "Rød", "Ikke rapportert")
    assert _grid(summary) == [5102, 1191, 1191, 1191, 1191]
    decisions = _headed(annual_doc, "Organ", "Saksnummer", "Møtedato", "Vedtak")
    assert len(decisions) == 2
    for table in decisions:
        assert _grid(table) == [2438, 1871, 1417, 4139]
    reports = _headed(annual_doc, "Tiltak", "Status", "Kommentar", "Rapportert av", "Dato")
    assert len(reports) == 6
    for table in reports:
        assert _grid(table) == [1417, 1474, 2665, 2891, 1417]
    (parts,) = _headed(annual_doc, "Del av planen", "Innhold")
    assert _grid(parts) == [2721, 7143]
    (evaluation,) = _headed(
        annual_doc, "Evaluert av", "Resultat", "Hva tiltaket førte til", "Anbefaling", "Dato"
    )
    assert _grid(evaluation) == [1701, 1644, 3458, 1644, 1417]
    for table in annual_doc.tables:
        assert sum(_grid(table)) in (TEXT_WIDTH - 1, TEXT_WIDTH, TEXT_WIDTH + 1)


def test_the_plans_year_columns_are_the_pdfs_16_mm_with_1_mm_padding(
    adopted_doc: WordDocument,
) -> None:
    goals = _headed(adopted_doc, "Nr.", "Tiltak", "Ansvar", "2022", "2023", "2024", "2025")
    assert len(goals) == 26
    for table in goals:
        assert _grid(table) == [850, 3685, 1701, 907, 907, 907, 907]
        for row in table.rows:
            year = row.cells[3]._tc.tcPr.find(qn("w:tcMar"))
            sides = {etree_name(side): int(side.get(qn("w:w"))) for side in year}
            assert sides == {"left": 57, "right": 57}  # 1 mm
            assert row.cells[3].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def etree_name(element: object) -> str:
    return str(element.tag).rsplit("}", 1)[1]  # type: ignore[attr-defined]


def test_a_plan_of_many_years_keeps_its_tables_on_the_page() -> None:
    """Ten year columns of 16 mm and Nr. and Ansvar leave no room for the measure's text:
    every fixed column gives way so Tiltak keeps 30 mm, and the table stays 174 mm wide."""
    widths = column_widths([Mm(15), None, Mm(30), *[Mm(16)] * 10])
    assert sum(widths) == Mm(174)
    assert Mm(30) <= widths[1] < Mm(30) + Twips(1)
    assert abs(widths[0] * 2 - widths[2]) <= 1
    assert widths[3:] == [widths[3]] * 10


def test_no_row_is_split_over_a_page_break(annual_doc: WordDocument) -> None:
    rows = [row for table in annual_doc.tables for row in table.rows]
    assert len(rows) == 89
    for row in rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_a_row_longer_than_a_page_may_run_on_as_in_the_pdf(annual: Report) -> None:
    """The PDF lets a row of more than 1,200 characters break (`tr.breakable`): kept whole,
    a row taller than a page is cut off at the page's foot in Word."""
    (status,) = [s for s in annual.sections if isinstance(s, StatusSection)]
    area = status.areas[0]
    long = replace(area.measures[0], comment="Lang kommentar. " * 80)
    section = replace(status, areas=(replace(area, measures=(long, *area.measures[1:])),))
    doc = _word(replace(annual, sections=(section,)))
    (table,) = [t for t in _headed(doc, *STATUS) if t.rows[1].cells[0].text == "0.1.1"]
    kept = [row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in table.rows]
    assert kept == [True, False] + [True] * (len(table.rows) - 2)


def test_the_summarys_counts_are_right_aligned(annual_doc: WordDocument) -> None:
    (summary,) = _headed(annual_doc, "Innsatsområde", "Grønn", "Gul", "Rød", "Ikke rapportert")
    for row in summary.rows:
        alignments = [cell.paragraphs[0].alignment for cell in row.cells]
        assert alignments == [None] + [WD_ALIGN_PARAGRAPH.RIGHT] * 4


def test_table_text_is_9_pt_as_in_the_pdf(annual_doc: WordDocument) -> None:
    sizes = {
        run.font.size
        for table in annual_doc.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
    }
    assert sizes == {Pt(9)}


def _runs(paragraph: object) -> list[tuple[str, bool | None]]:
    return [(run.text, run.italic) for run in paragraph.runs]  # type: ignore[attr-defined]


def test_emphasis_in_a_measure_is_italic_as_in_the_pdf(annual_doc: WordDocument) -> None:
    (row,) = [
        row for table in _headed(annual_doc, *STATUS) for row in table.rows
        if row.cells[0].text == "0.5.1"
    ]  # fmt: skip
    assert _runs(row.cells[1].paragraphs[0]) == [
        (
            "Veileder om fastlegers deltakelse i helsefellesskap gjennomgås og drøftes med "
            "fastlegene i aktuelle samarbeidsfora og fagråd for legesamarbeid. Det foreslås "
            "tiltak for å sikre fastlegenes medvirkning. Forslagene fremlegges for ASU. ",
            None,
        ),
        ("Veileder her.", True),
    ]


def test_emphasis_in_a_goals_heading_is_italic(adopted_doc: WordDocument) -> None:
    (heading,) = [p for p in adopted_doc.paragraphs if p.text.startswith("Mål 0.3:")]
    assert heading.style.name == "Heading 3"
    assert _runs(heading) == [
        ("Mål 0.3: ", None),
        ("Økt bruk av samhandlingssiden på ", None),
        ("stolav.no", True),
        (" som felles informasjonsplattform", None),
    ]


def test_a_goals_list_is_a_word_list(adopted_doc: WordDocument) -> None:
    paragraphs = adopted_doc.paragraphs
    start = [p.text for p in paragraphs].index("Mål 2.1: Utskrivningsklare pasienter (UKP)")
    said = [(p.style.name, p.text) for p in paragraphs[start + 1 : start + 8]]
    assert said == [
        ("Normal", "Viktige strategiske føringer for tiltak for håndtering av UKP på kort og "
                   "lang sikt:"),
        ("List Bullet", "Bedre utnyttelse av mulighetene i hjemmebaserte tjenester."),
        ("List Bullet", "Beslutningsmandat (myndighet) defineres av Samarbeidsavtalen."),
        ("List Bullet", "Utnyttelse av mulighetene som ligger i Helseplattformen (HP)."),
        ("List Bullet", "Felles samhandlingskultur."),
        ("Normal", "Nærmere beskrivelse av de strategiske føringer er gitt i UKP-rapporten."),
        ("Normal", "Lenke: rapport UKP (legges her)."),
    ]  # fmt: skip
    assert _runs(paragraphs[start + 6]) == [
        ("Nærmere beskrivelse av de strategiske føringer er gitt i UKP-rapporten.", True)
    ]


def test_an_evaluated_measures_list_is_a_word_list_with_its_emphasis(annual: Report) -> None:
    (evaluations,) = [s for s in annual.sections if isinstance(s, EvaluationsSection)]
    measure = replace(
        evaluations.measures[0], text="Oppdrag:\n\n- ein *viktig* punkt\n- **to**\n\nSlutt."
    )
    doc = _word(replace(annual, sections=(replace(evaluations, measures=(measure,)),)))
    start = [p.text for p in doc.paragraphs].index("Tiltak 0.1.1")
    said = doc.paragraphs[start + 1 : start + 5]
    assert [(p.style.name, p.text) for p in said] == [
        ("Normal", "Oppdrag:"),
        ("List Bullet", "ein viktig punkt"),
        ("List Bullet", "to"),
        ("Normal", "Slutt."),
    ]
    assert _runs(said[1]) == [("ein ", None), ("viktig", True), (" punkt", None)]
    assert [(run.text, run.bold) for run in said[2].runs] == [("to", True)]

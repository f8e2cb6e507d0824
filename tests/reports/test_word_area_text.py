"""An area's text after its heading words in the Word file, as the PDF shows it.

The PDF's plan section (web/templates/reports/_plan.html) renders an area's text after its
heading (`after_heading_html`: paragraphs and lists, with their emphasis) before its goals; the
Word file left it out, so the description of an innsatsområde was in one file and not the other.
The status section's template shows only the heading words under an area's heading, and so does
the Word file. No area in the demo has text after its heading, so the test gives one some."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.text.paragraph import Paragraph

from domain.demo import DEMO_PLAN
from projections import ReadModels
from projections.report_model import PlanSection, Report, StatusSection
from web.reports import render
from web.reports.html import report_html

MADE_ON = date(2025, 1, 15)
FSI, PDI = "\u2068", "\u2069"
AREA_TEXT = (
    "Kompetanse\n\nVi skal *styrke* kompetansen.\n- Felles opplæring\n- \u05e9\u05dc\u05d5\u05dd"
)
"""Area 5's heading words, then a paragraph with emphasis and a list, its last item Hebrew."""
PDF_TEXT = (
    '<h3 class="area">5. Kompetanse</h3>\n'
    "  <p>Vi skal <em>styrke</em> kompetansen.</p>\n"
    "<ul>\n<li>Felles opplæring</li>\n<li>\u05e9\u05dc\u05d5\u05dd</li>\n</ul>\n"
    "  <h4>Mål 5.1:"
)


def _with_area_text(report: Report) -> Report:
    """The report with area 5's text in the plan and status sections replaced by `AREA_TEXT`."""
    sections = []
    for section in report.sections:
        if isinstance(section, PlanSection | StatusSection):
            areas = tuple(
                replace(a, title=AREA_TEXT) if a.number == "5" else a for a in section.areas
            )
            section = replace(section, areas=areas)  # type: ignore[assignment]
        sections.append(section)
    return replace(report, sections=tuple(sections))


@pytest.fixture(scope="module")
def adopted(models: ReadModels) -> Report:
    return _with_area_text(models.adopted_plan_report(DEMO_PLAN, None, MADE_ON))


@pytest.fixture(scope="module")
def annual(models: ReadModels) -> Report:
    return _with_area_text(models.annual_report(DEMO_PLAN, 2024, MADE_ON))


def _word(report: Report) -> WordDocument:
    return Document(io.BytesIO(render(report, "docx")))


def _after(doc: WordDocument, heading: str) -> list[Paragraph]:
    """The paragraphs after the level 2 heading `heading`, up to the next heading."""
    paragraphs = doc.paragraphs
    start = next(
        n for n, p in enumerate(paragraphs) if p.style.name == "Heading 2" and p.text == heading
    )
    following = []
    for paragraph in paragraphs[start + 1 :]:
        if paragraph.style.name.startswith("Heading"):
            break
        following.append(paragraph)
    return following


def test_the_pdf_shows_the_area_text_after_its_heading(adopted: Report) -> None:
    assert PDF_TEXT in report_html(adopted)


def test_the_plan_section_has_the_area_text_after_its_heading(adopted: Report) -> None:
    following = _after(_word(adopted), "5. Kompetanse")
    assert [(p.style.name, p.text) for p in following] == [
        ("Normal", "Vi skal styrke kompetansen."),
        ("List Bullet", "Felles opplæring"),
        ("List Bullet", f"{FSI}\u05e9\u05dc\u05d5\u05dd{PDI}"),
    ]
    assert [(r.text, r.italic) for r in following[0].runs] == [
        ("Vi skal ", None),
        ("styrke", True),
        (" kompetansen.", None),
    ]


def test_the_status_section_shows_the_heading_words_only_as_the_pdf(annual: Report) -> None:
    html = report_html(annual)
    assert "<h3>5. Kompetanse</h3>\n  <table" in html
    assert "kompetansen.</p>" not in html
    doc = _word(annual)
    assert [p.text for p in _after(doc, "5. Kompetanse")] == []
    assert not [p.text for p in doc.paragraphs if "Vi skal" in p.text]

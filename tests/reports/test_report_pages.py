"""The committee documents' pages: A4 with the same margins in Word as in the PDF, a title
page without the plan's key, and the adopted plan's year columns holding their words whole."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from domain.demo import DEMO_PLAN
from projections import ReadModels
from projections.report_model import PlanSection, Report
from web.reports import render

MADE_ON = date(2025, 1, 15)
PLAN_TITLE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"
STYLESHEET = Path(__file__).resolve().parents[2] / "web" / "templates" / "reports" / "report.css"


@pytest.fixture(scope="module")
def reports(models: ReadModels) -> tuple[Report, Report]:
    return (
        models.annual_report(DEMO_PLAN, 2024, MADE_ON),
        models.adopted_plan_report(DEMO_PLAN, None, MADE_ON),
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_pages_are_a4_with_the_margins_word_is_given() -> None:
    assert "size: A4;\n  margin: 22mm 18mm 20mm 18mm;" in STYLESHEET.read_text(encoding="utf-8")


def test_word_pages_are_a4_with_the_pdfs_margins(reports: tuple[Report, Report]) -> None:
    """python-docx's template was US Letter with 31.75 mm margins."""
    for report in reports:
        page = Document(io.BytesIO(render(report, "docx"))).sections[0]
        assert [
            round(length.mm, 1)
            for length in (
                page.page_width,
                page.page_height,
                page.top_margin,
                page.right_margin,
                page.bottom_margin,
                page.left_margin,
            )
        ] == [210.0, 297.0, 22.0, 18.0, 20.0, 18.0]


def test_the_title_page_names_the_plan_but_not_its_key(reports: tuple[Report, Report]) -> None:
    """The key (st-olavs-2022-2024) is Planlogg's own name for the plan, not the board's."""
    for report in reports:
        pdf_title = _flat(PdfReader(io.BytesIO(render(report, "pdf"))).pages[0].extract_text())
        doc = Document(io.BytesIO(render(report, "docx")))
        title_end = next(
            i for i, p in enumerate(doc.paragraphs) if p.text == "Utarbeidet av Planlogg"
        )
        word_title = " ".join(p.text for p in doc.paragraphs[: title_end + 1])
        for title in (pdf_title, word_title):
            assert (
                "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene" in title
            )
            assert "2022–2025" in title
            assert "Plannøkkel" not in title
            assert DEMO_PLAN not in title


def test_the_year_columns_of_the_adopted_plan_hold_their_words_whole(
    reports: tuple[Report, Report],
) -> None:
    """«x oppstart høst» was laid out «x oppstar|t høst» in an 11 mm column broken anywhere."""
    adopted = reports[1]
    (plan,) = [s for s in adopted.sections if isinstance(s, PlanSection)]
    marks = {
        _flat(mark)
        for area in plan.areas
        for goal in area.goals
        for measure in goal.measures
        for mark in measure.marks
        if " " in mark.strip()
    }
    assert {"x oppstart høst", "X lgangsatt", "X oppstart høst"} <= marks
    pages = PdfReader(io.BytesIO(render(adopted, "pdf"))).pages
    text = _flat(" ".join(page.extract_text() for page in pages))
    assert sorted(mark for mark in marks if mark not in text) == []

"""The PDF keeps the lines of people's text, as the Word document does.

HTML runs lines together: a decision "ASU vedtek:\\nA. Planen.\\nB. Runden." printed as one
line in the PDF, while Word gives each line a paragraph. The report templates now pass the
decisions, the adopted decision's text, status comments, evaluation plans and evaluations
through `lines` (`web.reports.html.kept_lines`): escaped, each line ended by `<br>`.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from markupsafe import Markup
from pypdf import PdfReader

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from web.reports import render
from web.reports.html import kept_lines
from web.templating import isolated

BY = Provenance("Sekretariatet", Source.CLI)
KEY = "linjer"
MADE_ON = date(2025, 6, 1)
DECISION = "ASU vedtek:\nA. Planen.\nB. Runden."
COMMENT = "Punkt ein.\nPunkt to."


@pytest.fixture(scope="module")
def pdf_lines() -> list[str]:
    """The lines of the annual report's PDF on a plan adopted under a decision of three lines,
    with a status comment, an evaluation plan and an evaluation of two lines each."""
    app = Planlogg.from_url("memory:")
    app.register_community("hf", "Helsefellesskapet", BY)
    app.create_plan(KEY, "Handlingsplan", "hf", 2025, 2026, BY)
    app.add_area(KEY, "1", "Område", BY)
    app.add_goal(KEY, "1.1", "Mål", BY)
    app.add_measure(KEY, "1.1.1", "Tiltak", BY, responsible=["ASU"], marks={2025: "x"})
    app.report_status(KEY, "1.1.1", "gul", COMMENT, BY, reported_on=date(2025, 3, 1))
    app.set_evaluation_plan(KEY, "1.1.1", {"methods": "Intervju\nSpørjeskjema"}, BY)
    version = app.submit(KEY, ["ASU"], BY)
    case = app.record_decision("hf", "sak 1/25", "ASU", date(2025, 1, 15), DECISION, BY, plan=KEY)
    app.approve(KEY, version, "ASU", case, date(2025, 1, 15), BY)
    app.evaluate_measure(
        KEY, "1.1.1", 2025, "oppnådd", "Førte til ein.\nFørte til to.", "avslutte", "ASU", BY,
        evaluated_on=date(2025, 5, 3),
    )  # fmt: skip
    models = ReadModels.open(app)
    models.read_your_writes()
    report = models.annual_report(KEY, 2025, MADE_ON)
    doc = Document(io.BytesIO(render(report, "docx")))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert cells.count(DECISION) == 2, "the premise: Word keeps each line of the decision"
    app.close()
    return [
        " ".join(line.split())
        for page in PdfReader(io.BytesIO(render(report, "pdf"))).pages
        for line in page.extract_text().splitlines()
    ]


def _around(lines: list[str], last: str) -> list[tuple[str, str]]:
    """Each line ending in `last`'s words, with the line before it."""
    return [(lines[n - 1], line) for n, line in enumerate(lines) if line.startswith(last)]


def test_the_decision_keeps_its_lines_where_it_adopted_the_plan_and_among_the_years(
    pdf_lines: list[str],
) -> None:
    assert _around(pdf_lines, "B. Runden.") == [("A. Planen.", "B. Runden.")] * 2


def test_a_status_comment_keeps_its_lines_in_the_status_and_the_bodies_reports(
    pdf_lines: list[str],
) -> None:
    assert _around(pdf_lines, "Punkt to.") == [
        ("1.1.1 Tiltak ASU gul Punkt ein.", "Punkt to. (01.03.2025)"),
        ("1.1.1 gul Punkt ein.", "Punkt to."),
    ]


def test_an_evaluation_plan_and_an_evaluation_keep_their_lines(pdf_lines: list[str]) -> None:
    assert _around(pdf_lines, "Spørjeskjema") == [("Metoder Intervju", "Spørjeskjema")]
    assert _around(pdf_lines, "Førte til to.") == [("ASU oppnådd Førte til ein.", "Førte til to.")]


def test_the_lines_are_escaped_and_text_made_safe_is_kept() -> None:
    assert kept_lines("<b>ein</b>\r\nto & tre") == Markup(
        "&lt;b&gt;ein&lt;/b&gt;<br>\nto &amp; tre"
    )
    assert kept_lines(isolated("\u202eASU\nPSU")) == Markup("<bdi>\u202eASU<br>\nPSU</bdi>")
    assert kept_lines("") == Markup("")

"""A Word row is kept whole over a page break wherever the PDF keeps it whole: both ask
`breakable` of the row's long text alone (a decision's text, a measure's text and comment),
not of its body, case and date too."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from docx import Document
from docx.oxml.ns import qn

from domain.demo import DEMO_PLAN
from projections import ReadModels
from projections.report_model import DecisionLine, DecisionsSection
from web.reports import render
from web.reports.html import report_html

TEXT = ("Vedtak om felles rutine. " * 48)[:1180]


def test_a_decision_the_pdf_keeps_whole_is_kept_whole_in_word(models: ReadModels) -> None:
    annual = models.annual_report(DEMO_PLAN, 2024, date(2025, 1, 15))
    line = DecisionLine("SSU", "SSU sak 11/24", date(2024, 6, 12), TEXT)
    section = DecisionsSection(heading="Vedtak i 2024", decisions=(line,))
    report = replace(annual, sections=(section,))
    assert len(TEXT) == 1180
    assert 'class="breakable"' not in report_html(report)  # the PDF keeps the row whole
    doc = Document(io.BytesIO(render(report, "docx")))
    (table,) = doc.tables
    kept = [row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in table.rows]
    assert kept == [True, True]

"""People's text written right to left, or holding a direction control, among Planlogg's words
in the Word file: each text is isolated (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, the
`<bdi>` the PDF has), with every embedding or override it opens closed at its end and every
closer it has no opener for left out, so it turns nothing around but itself. Word obeyed a
RIGHT-TO-LEFT OVERRIDE in a body's name to the end of the paragraph: "USA ,USP" for "ASU, PSU".
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from docx.document import Document as WordDocument

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from projections import ReadModels
from projections.report_model import (
    BodyReports,
    BodyReportsSection,
    MissingSection,
    PlanSection,
    Report,
    ReportLine,
    RoundOutcome,
    Section,
    StatusSection,
)
from web.reports import render

MADE_ON = date(2025, 1, 15)
RLO, PDF = "\u202e", "\u202c"
"""RIGHT-TO-LEFT OVERRIDE and POP DIRECTIONAL FORMATTING, which ends it."""
FSI, PDI = "\u2068", "\u2069"
"""FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: the text between keeps its direction."""


@pytest.fixture(scope="module")
def demo() -> ReadModels:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    models = ReadModels.open(app)
    models.read_your_writes()
    return models


def _word(report: Report) -> WordDocument:
    return Document(io.BytesIO(render(report, "docx")))


def _cells(doc: WordDocument) -> list[str]:
    return [cell.text for table in doc.tables for row in table.rows for cell in row.cells]


def _overridden(section: Section) -> Section:
    if isinstance(section, MissingSection):
        outcome = RoundOutcome(
            date(2024, 9, 11), f"{RLO}ASU sak 40/24", (f"{RLO}ASU", "PSU"), (), False
        )
        return replace(section, rounds=(outcome,))
    if isinstance(section, StatusSection):
        area = section.areas[0]
        first = replace(area.measures[0], comment=f"{RLO}Ferdig", responsible=(f"{RLO}ASU", "PSU"))
        return replace(section, areas=(replace(area, measures=(first,)),))
    if isinstance(section, BodyReportsSection):
        lines = (
            ReportLine("0.1.1", "green", "Ferdig", f"{RLO}Kari", date(2024, 9, 2), "web"),
            ReportLine("0.1.2", "red", f"Kari{PDI}{PDF}{RLO}Ola", "שרה", date(2024, 9, 3), "web"),
        )
        return replace(section, bodies=(BodyReports(f"ASU{RLO}", lines),))
    return section


def test_an_override_in_the_annual_report_turns_none_of_planloggs_words_around(
    demo: ReadModels,
) -> None:
    report = demo.annual_report(DEMO_PLAN, 2024, MADE_ON)
    doc = _word(replace(report, sections=tuple(_overridden(s) for s in report.sections)))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = _cells(doc)
    assert (
        f"Rapporteringsrunde med frist 11.09.2024 ({FSI}{RLO}ASU sak 40/24{PDF}{PDI})" in paragraphs
    )
    assert (
        f"Organer som skulle rapportere: {FSI}{RLO}ASU{PDF}{PDI}, PSU. Runden er åpen."
        in paragraphs
    )
    assert f"{FSI}{RLO}ASU{PDF}{PDI}, PSU" in cells
    assert f"{FSI}{RLO}Ferdig{PDF}{PDI} (02.09.2024)" in cells
    assert f"{FSI}ASU{RLO}{PDF}{PDI}" in paragraphs
    assert f"{FSI}{RLO}Kari{PDF}{PDI} (nett)" in cells
    # A closer with no opener in the text is left out (it would end the isolate early), and
    # a name in right-to-left letters is isolated too, as the PDF's <bdi> isolates it.
    assert f"{FSI}Kari{RLO}Ola{PDF}{PDI}" in cells
    assert f"{FSI}שרה{PDI} (nett)" in cells


def test_text_without_direction_is_written_as_it_is(demo: ReadModels) -> None:
    doc = _word(demo.annual_report(DEMO_PLAN, 2024, MADE_ON))
    texts = [p.text for p in doc.paragraphs] + _cells(doc)
    assert not [t for t in texts if FSI in t or PDI in t or PDF in t]


def test_each_line_of_a_measure_is_isolated_in_its_own_paragraph(demo: ReadModels) -> None:
    report = demo.adopted_plan_report(DEMO_PLAN, None, MADE_ON)
    (plan,) = [s for s in report.sections if isinstance(s, PlanSection)]
    area = plan.areas[0]
    goal = area.goals[0]
    measure = replace(
        goal.measures[0], text=f"{RLO}Første linje\n- **{RLO}punkt**", responsible=("PSU",)
    )
    plan = replace(plan, areas=(replace(area, goals=(replace(goal, measures=(measure,)),)),))
    doc = _word(replace(report, sections=(plan,)))
    row = doc.tables[0].rows[1]
    assert [p.text for p in row.cells[1].paragraphs][:2] == [
        f"{FSI}{RLO}Første linje{PDF}{PDI}",
        f"• {FSI}{RLO}punkt{PDF}{PDI}",
    ]
    assert row.cells[2].text == "PSU"

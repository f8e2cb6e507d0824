"""People's text written right to left, or with a direction override, among Planlogg's words in
the PDF: it keeps its direction to itself (`<bdi>`), as on the web pages, so the words after it
read the right way round (pypdf reads the text as laid out on the page)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from projections import ReadModels
from projections.report_model import (
    BodyReports,
    BodyReportsSection,
    MissingSection,
    PlanArea,
    PlanGoal,
    PlanSection,
    Report,
    ReportLine,
    RoundOutcome,
    Section,
    StatusSection,
)
from web.reports import render

MADE_ON = date(2025, 1, 15)
OVERRIDE = "\u202e"
"""RIGHT-TO-LEFT OVERRIDE: turns every letter after it around, to the end of its paragraph."""


@pytest.fixture(scope="module")
def demo() -> ReadModels:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    models = ReadModels.open(app)
    models.read_your_writes()
    return models


def _text(report: Report) -> str:
    pages = PdfReader(io.BytesIO(render(report, "pdf"))).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def _overridden(section: Section) -> Section:
    """The section with an override at the start of the people's text Planlogg writes beside
    its own words: a body among the bodies of a round, a comment before its date, a reporter
    before the channel, a body before the next responsible body."""
    if isinstance(section, MissingSection):
        outcome = RoundOutcome(
            date(2024, 9, 11), f"{OVERRIDE}ASU sak 40/24", (f"{OVERRIDE}ASU", "PSU"), (), False
        )
        return replace(section, rounds=(outcome,))
    if isinstance(section, StatusSection):
        area = section.areas[0]
        first = replace(
            area.measures[0], comment=f"{OVERRIDE}Ferdig", responsible=(f"{OVERRIDE}ASU", "PSU")
        )
        return replace(section, areas=(replace(area, measures=(first,)),))
    if isinstance(section, BodyReportsSection):
        line = ReportLine("0.1.1", "green", "Ferdig", f"{OVERRIDE}Kari", date(2024, 9, 2), "web")
        return replace(section, bodies=(BodyReports("ASU", (line,)),))
    if isinstance(section, PlanSection):
        area = section.areas[0]
        goal = area.goals[0]
        first = replace(goal.measures[0], responsible=(f"{OVERRIDE}ASU", "PSU"))
        return replace(
            section,
            areas=(
                PlanArea(area.number, area.title, (PlanGoal(goal.number, goal.text, (first,)),)),
            ),
        )
    return section


def test_an_override_in_the_annual_report_turns_none_of_planloggs_words_around(
    demo: ReadModels,
) -> None:
    """The PDF said "Organer som skulle rapportere: .nepå re nednuR .USP ,USA"."""
    report = demo.annual_report(DEMO_PLAN, 2024, MADE_ON)
    text = _text(replace(report, sections=tuple(_overridden(s) for s in report.sections)))
    assert "Organer som skulle rapportere: USA, PSU. Runden er åpen." in text
    assert "Rapporteringsrunde med frist 11.09.2024 (42/04 kas USA)" in text
    assert "fagråd. USA, PSU grønn gidreF (02.09.2024)" in text
    assert "0.1.1 grønn Ferdig iraK (nett) 02.09.2024" in text


def test_an_override_in_the_adopted_plan_turns_none_of_its_words_around(demo: ReadModels) -> None:
    report = demo.adopted_plan_report(DEMO_PLAN, None, MADE_ON)
    text = _text(replace(report, sections=tuple(_overridden(s) for s in report.sections)))
    assert "USA, PSU x" in text

"""The annual report made after the year's version was replaced says so, as the adopted plan does.

The demo's version 1 was in force all through 2024; version 2 was adopted on 13.03.2025. The
report on 2024 made in June 2025 (annual reports are made in the spring after their year)
said "Versjon 1 er vedtatt og gjelder fra 24.03.2022." in the present tense, in the PDF and in
Word, while version 2 was in force; the adopted-plan document of version 1 made the same day
said "… gjaldt fra 24.03.2022 til 13.03.2025, da en nyere versjon tok over.". Made before
13.03.2025, the report on 2024 says version 1 is in force: it still was.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from projections import ReadModels
from projections.report_model import AdoptedSection, Report
from web.reports import render

BY = Provenance("Sekretariatet", Source.CLI)
MADE_ON = date(2025, 6, 2)
REPLACED = (
    "Versjon 1 ble vedtatt og gjaldt fra 24.03.2022 til 13.03.2025, da en nyere versjon tok over."
)
IN_FORCE_NOW = "Versjon 1 er vedtatt og gjelder fra 24.03.2022."


@pytest.fixture(scope="module")
def replaced() -> ReadModels:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    version = app.submit(DEMO_PLAN, ["ASU"], BY)
    app.approve(DEMO_PLAN, version, "ASU", "sak 12/25", date(2025, 3, 13), BY)
    models = ReadModels.open(app)
    models.read_your_writes()
    return models


@pytest.fixture(scope="module")
def report_on_2024(replaced: ReadModels) -> Report:
    return replaced.annual_report(DEMO_PLAN, 2024, MADE_ON)


def _adopted(report: Report) -> AdoptedSection:
    adopted = report.sections[0]
    assert isinstance(adopted, AdoptedSection)
    return adopted


def test_the_annual_report_says_when_its_version_was_replaced(report_on_2024: Report) -> None:
    adopted = _adopted(report_on_2024)
    assert (adopted.version, adopted.in_force_from, adopted.replaced_on) == (
        1,
        date(2022, 3, 24),
        date(2025, 3, 13),
    )


def test_the_annual_report_says_of_its_version_what_the_adopted_plan_says(
    replaced: ReadModels, report_on_2024: Report
) -> None:
    adopted_plan = replaced.adopted_plan_report(DEMO_PLAN, 1, MADE_ON)
    assert adopted_plan.sections[0] == _adopted(report_on_2024)


def test_made_before_the_next_version_came_in_force_the_report_says_its_version_is(
    replaced: ReadModels,
) -> None:
    adopted = _adopted(replaced.annual_report(DEMO_PLAN, 2024, date(2025, 3, 12)))
    assert (adopted.version, adopted.replaced_on) == (1, None)


def test_the_annual_report_pdf_never_says_a_replaced_version_is_in_force(
    report_on_2024: Report,
) -> None:
    pages = PdfReader(io.BytesIO(render(report_on_2024, "pdf"))).pages
    text = " ".join(pages[1].extract_text().split())
    assert (REPLACED in text, IN_FORCE_NOW in text) == (True, False)


def test_the_annual_report_in_word_never_says_a_replaced_version_is_in_force(
    report_on_2024: Report,
) -> None:
    doc = Document(io.BytesIO(render(report_on_2024, "docx")))
    said = [p.text for p in doc.paragraphs if p.text.startswith("Versjon 1 ")]
    assert said == [REPLACED]

"""A measure whose text, comment or evaluation plan is longer than a page, in the PDF: the row
(or the block) runs on over the pages it needs, each page with its table's header row, right
after the heading it belongs under, never leaving a page empty before it."""

from __future__ import annotations

import io
import re
import time
from datetime import date

import pytest
from pypdf import PdfReader

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from web.reports import render

KEY = "lange-tekster"
BY = Provenance("Sekretariatet", Source.CLI)
MADE_ON = date(2025, 6, 1)
TEXT = " ".join(f"ord{n:04d}" for n in range(1100))
"""8,799 characters: a measure's text may hold 10,000."""
PART = " ".join(f"del{n:03d}" for n in range(280))
"""1,959 characters: each part of an evaluation plan may hold 2,000."""
DECISION = " ".join(f"vedtak{n:04d}" for n in range(900))
"""10,799 characters: a decision's text has no limit."""
COMMENT = " ".join(f"svar{n:03d}" for n in range(250))
"""1,999 characters: a status comment may hold 2,000."""
STATUS_HEADER = "Nr. Tiltak Ansvar Status Kommentar"
PLAN_HEADER = "Nr. Tiltak Ansvar 2025 2026"
PARTS_HEADER = "Del av planen Innhold"
DECISION_HEADER = "Organ Saksnummer Møtedato Vedtak"


@pytest.fixture(scope="module")
def long_texts() -> ReadModels:
    app = Planlogg.from_url("memory:")
    app.register_community("hf", "Helsefellesskapet", BY)
    app.create_plan(KEY, "Handlingsplan", "hf", 2025, 2026, BY)
    app.add_area(KEY, "1", "Område", BY)
    app.add_goal(KEY, "1.1", "Mål", BY)
    app.add_measure(KEY, "1.1.1", TEXT, BY, responsible=["ASU"], marks={2025: "x"})
    app.add_measure(KEY, "1.1.2", "Kort tiltak", BY, responsible=["ASU"], marks={2025: "x"})
    app.report_status(KEY, "1.1.1", "gul", COMMENT, BY, reported_on=date(2025, 3, 1))
    parts = ("objective", "methods", "data_sources", "reporting", "communication")
    app.set_evaluation_plan(KEY, "1.1.2", dict.fromkeys(parts, PART), BY)
    version = app.submit(KEY, ["ASU"], BY)
    case = app.record_decision("hf", "sak 1/25", "ASU", date(2025, 1, 15), DECISION, BY, plan=KEY)
    app.approve(KEY, version, "ASU", case, date(2025, 1, 15), BY)
    models = ReadModels.open(app)
    models.read_your_writes()
    return models


def _pages(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def _with(pages: list[str], words: str) -> list[int]:
    return [n for n, page in enumerate(pages) if words in page]


def _measure_pages(pages: list[str]) -> list[int]:
    """The pages that hold some of the long measure's words ("ord0000" … "ord1099")."""
    return [n for n, page in enumerate(pages) if re.search(r"\bord\d{4}\b", page)]


def test_a_status_row_longer_than_a_page_has_the_header_row_on_each_of_its_pages(
    long_texts: ReadModels,
) -> None:
    """The row was kept whole, so it was moved past its heading (which stood alone on an
    otherwise empty page), and its pages had no header row when it was broken after all."""
    pages = _pages(render(long_texts.annual_report(KEY, 2025, MADE_ON), "pdf"))
    rows = _measure_pages(pages)
    assert len(rows) == 6
    assert set(rows) <= set(_with(pages, STATUS_HEADER))
    assert _with(pages, "1. Område Nr. Tiltak") == rows[:1]
    assert _with(pages, "ord1099") == rows[-1:]


def test_a_plan_row_longer_than_a_page_runs_on_from_its_goal(long_texts: ReadModels) -> None:
    pages = _pages(render(long_texts.adopted_plan_report(KEY, None, MADE_ON), "pdf"))
    rows = _measure_pages(pages)
    assert len(rows) == 4
    assert set(rows) <= set(_with(pages, PLAN_HEADER))
    assert _with(pages, f"Mål 1.1: Mål {PLAN_HEADER} 1.1.1 ord0000") == rows[:1]


def test_an_evaluation_plan_longer_than_a_page_follows_its_heading(long_texts: ReadModels) -> None:
    pages = _pages(render(long_texts.annual_report(KEY, 2025, MADE_ON), "pdf"))
    parts = [n for n, page in enumerate(pages) if re.search(r"\bdel\d{3}\b", page)]
    heading = _with(pages, "Tiltak 1.1.2 Kort tiltak")
    assert len(parts) == 3
    assert heading == parts[:1]
    assert _with(pages, f"Kort tiltak {PARTS_HEADER}") == heading
    assert set(parts) <= set(_with(pages, PARTS_HEADER))


def test_a_decision_longer_than_a_page_has_the_header_row_on_each_of_its_pages(
    long_texts: ReadModels,
) -> None:
    """Laid out in an automatic table, such a decision took WeasyPrint minutes (17 seconds at a
    fifth of its length): a web request waited as long, or timed out."""
    started = time.monotonic()
    data = render(long_texts.annual_report(KEY, 2025, MADE_ON), "pdf")
    assert time.monotonic() - started < 30
    pages = _pages(data)
    adopted = [n for n, page in enumerate(pages) if "vedtak0000" in page]
    decision = [n for n, page in enumerate(pages) if re.search(r"\bvedtak\d{4}\b", page)]
    assert len(adopted) == 2
    assert len(decision) == 10
    assert set(decision) <= set(_with(pages, DECISION_HEADER))
    assert _with(pages, "Vedtatt versjon og vedtak Versjon 1 er vedtatt") == adopted[:1]

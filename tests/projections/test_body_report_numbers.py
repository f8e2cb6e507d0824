"""Body reports name each measure by its number in the version the annual report reads, as the
status section beside them does, and say the number it was reported under when a revision has
renumbered it since: the reports showed only the old number, which in the adopted plan may be
another measure's (or none). A measure not in that version (added in the draft since, or
removed) keeps the number it was reported under, said to be outside the plan in force: bare,
it may be another measure's number there and read as a report on that one."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from docx import Document

from domain.application import Planlogg
from projections.annual_report import ReportInputs, build_annual_report
from projections.documents import ChainHead, PlanDocument
from projections.report_model import BodyReportsSection, Report
from projections.status_history import ReportedStatus
from tests.projections.demo_plan import demo_plan_document
from web.reports import render
from web.reports.html import report_html

MADE_ON = date(2025, 1, 15)


def _reported(measure_id: str, number: str, day: int) -> ReportedStatus:
    return ReportedStatus(
        measure_id=measure_id, number=number, responsible=("ASU",), colour="green",
        comment="Ferdig", reporter="Kari", reported_on=date(2024, 9, day), body="",
        round_id="", source="web", recorded_at=datetime(2024, 9, day, tzinfo=UTC),
    )  # fmt: skip


def _report(
    plan: PlanDocument, history: list[ReportedStatus], in_force: PlanDocument | None = None
) -> Report:
    empty: dict[str, Any] = {"rounds": (), "decisions": (), "approvals": ()}
    return build_annual_report(
        ReportInputs(
            year=2024,
            made_on=MADE_ON,
            plan=plan,
            in_force=in_force or plan,
            in_force_from=date(2022, 3, 24),
            community="Helsefellesskapet",
            head=ChainHead(0, "0" * 64, None),
            history=history,
            **empty,
        )
    )


def test_a_renumbered_measure_is_reported_under_its_number_now(memory_app: Planlogg) -> None:
    plan = demo_plan_document(memory_app)
    first, second = plan.measures()[:2]
    report = _report(
        plan,
        [
            _reported(first.id, "9.9.9", 2),
            _reported(second.id, second.number, 3),
            _reported("fjernet", "0.0.1", 4),
        ],
    )
    (section,) = [s for s in report.sections if isinstance(s, BodyReportsSection)]
    (asu,) = section.bodies
    assert [(r.number, r.reported_number, r.number_words) for r in asu.reports] == [
        ("0.0.1", "0.0.1", "0.0.1 (ikke i planen som gjelder)"),
        (first.number, "9.9.9", f"{first.number} (rapportert som 9.9.9)"),
        (second.number, second.number, second.number),
    ]
    doc = Document(io.BytesIO(render(report, "docx")))
    numbers = [
        row.cells[0].text
        for table in doc.tables
        if table.rows[0].cells[0].text == "Tiltak"
        for row in table.rows[1:]
    ]
    assert numbers == [
        "0.0.1 (ikke i planen som gjelder)",
        f"{first.number} (rapportert som 9.9.9)",
        second.number,
    ]
    assert f'<td class="nr">{first.number} (rapportert som 9.9.9)</td>' in report_html(report)


def _word_numbers(report: Report) -> list[str]:
    doc = Document(io.BytesIO(render(report, "docx")))
    return [
        row.cells[0].text
        for table in doc.tables
        if table.rows[0].cells[0].text == "Tiltak"
        for row in table.rows[1:]
    ]


def test_a_measure_not_in_force_is_not_taken_for_the_one_with_its_number(
    memory_app: Planlogg,
) -> None:
    """The draft has removed the first measure and given its number to a new one: the new
    one's report says it is outside the plan in force, the first one's stays bare."""
    in_force = demo_plan_document(memory_app)
    first = in_force.measures()[0]
    area = in_force.areas[0]
    goal = area.goals[0]
    new = replace(goal.measures[0], id="nytt")
    draft = replace(
        in_force,
        areas=(
            replace(
                area, goals=(replace(goal, measures=(new, *goal.measures[1:])), *area.goals[1:])
            ),
            *in_force.areas[1:],
        ),
    )
    report = _report(
        draft,
        [_reported(first.id, first.number, 2), _reported("nytt", first.number, 3)],
        in_force=in_force,
    )
    (section,) = [s for s in report.sections if isinstance(s, BodyReportsSection)]
    (asu,) = section.bodies
    outside = f"{first.number} (ikke i planen som gjelder)"
    assert [r.number_words for r in asu.reports] == [first.number, outside]
    assert _word_numbers(report) == [first.number, outside]
    html = report_html(report)
    assert f'<td class="nr">{first.number}</td>' in html
    assert f'<td class="nr">{outside}</td>' in html

"""the annual report compares an approval's case with the registered decisions in
another letter case: an approval stored before cases were normalised ("asu sak 7/24" by ASU,
which the approval command accepted) is the decision registered "ASU sak 07/24"."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.application import Planlogg
from projections.annual_report import ReportInputs, build_annual_report
from projections.documents import ChainHead, PlanDocument
from projections.report_model import DecisionsSection, Report
from tests.projections.demo_plan import demo_plan_document

MADE_ON = date(2025, 1, 15)


def _inputs(plan: PlanDocument, **given: Any) -> ReportInputs:
    empty: dict[str, Any] = {"history": (), "rounds": (), "decisions": (), "approvals": ()}
    return ReportInputs(
        year=2024, made_on=MADE_ON, plan=plan, in_force=plan, in_force_from=date(2022, 3, 24),
        community="Helsefellesskapet", head=ChainHead(0, "0" * 64, None), **(empty | given),
    )  # fmt: skip


def _decisions(report: Report) -> list[tuple[str, str]]:
    (section,) = [s for s in report.sections if isinstance(s, DecisionsSection)]
    return [(d.body, d.case) for d in section.decisions]


def test_an_old_lowercase_approval_case_is_the_registered_decision(
    memory_app: Planlogg,
) -> None:
    decision = {
        "body": "ASU", "case_ref": "ASU sak 07/24", "meeting_date": "2024-12-12",
        "text": "ASU vedtek versjon 2.",
    }  # fmt: skip
    approval = {
        "body": "ASU",
        "case_ref": "asu sak 7/24",
        "meeting_date": "2024-12-12",
        "version": 2,
    }
    report = build_annual_report(
        _inputs(demo_plan_document(memory_app), decisions=[decision], approvals=[approval])
    )
    assert _decisions(report) == [("ASU", "ASU sak 07/24")]

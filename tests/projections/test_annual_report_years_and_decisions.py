"""The annual report's year and its list of decisions, built from the St. Olavs demo: a report
exists for a year of the plan's period that has begun, and a decision an approval cites is
listed once, however the approval wrote its case number."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.errors import ValidationError
from domain.provenance import Provenance, Source
from projections import ReadModels
from projections.annual_report import ReportInputs, build_annual_report
from projections.documents import ChainHead, PlanDocument
from projections.report_model import (
    BodyReportsSection,
    DecisionsSection,
    EvaluationPlanSection,
    EvaluationsSection,
    Report,
)
from projections.status_history import ReportedStatus

BY = Provenance("Sekretariatet", Source.CLI)
MADE_ON = date(2025, 1, 15)


def _demo(app: Planlogg) -> ReadModels:
    load_demo(app)
    models = ReadModels.open(app)
    models.read_your_writes()
    return models


def _decisions(report: Report) -> list[tuple[str, str, date | None, str]]:
    (section,) = [s for s in report.sections if isinstance(s, DecisionsSection)]
    return [(d.body, d.case, d.meeting_date, d.text) for d in section.decisions]


def test_a_year_after_the_one_the_report_is_made_in_has_no_report(memory_app: Planlogg) -> None:
    """It said "Årsrapport 2025" over the status of the day it was made, as if 2030 were over."""
    models = _demo(memory_app)
    with pytest.raises(
        ValidationError, match=r"^Årsrapporten for 2025 kan ikke lages før året er begynt\.$"
    ):
        models.annual_report(DEMO_PLAN, 2025, date(2024, 12, 31))
    assert models.annual_report(DEMO_PLAN, 2025, MADE_ON).title.document == "Årsrapport 2025"


def test_a_year_outside_the_plans_period_has_no_report(memory_app: Planlogg) -> None:
    """A report for 2021 of the plan for 2022–2025 listed its measures as "ikke rapportert"."""
    models = _demo(memory_app)
    for year in (2021, 2026):
        with pytest.raises(
            ValidationError,
            match=rf"^Det finnes ingen årsrapport for {year}: planperioden er 2022–2025\.$",
        ):
            models.annual_report(DEMO_PLAN, year, date(2027, 1, 15))
    assert models.annual_report(DEMO_PLAN, 2022, MADE_ON).title.document == "Årsrapport 2022"


def _inputs(plan: PlanDocument, **given: Any) -> ReportInputs:
    """The report on 2024 of `plan` (in force since 24.03.2022), with nothing else but `given`."""
    empty: dict[str, Any] = {"history": (), "rounds": (), "decisions": (), "approvals": ()}
    return ReportInputs(
        year=2024, made_on=MADE_ON, plan=plan, in_force=plan, in_force_from=date(2022, 3, 24),
        community="Helsefellesskapet", head=ChainHead(0, "0" * 64, None), **(empty | given),
    )  # fmt: skip


def test_an_approval_citing_a_registered_decision_in_other_words_is_one_decision(
    memory_app: Planlogg,
) -> None:
    """ASU approved version 2 under "sak 7/24" (as approvals were kept before they were kept
    as cited), registered as "ASU sak 07/24": the year's decisions listed it twice, once with
    its text and once as a bare approval."""
    plan = _demo(memory_app).current_plan(DEMO_PLAN)
    if plan is None:
        raise AssertionError("the demo plan is there")
    decision = {
        "body": "ASU", "case_ref": "ASU sak 07/24", "meeting_date": "2024-12-12",
        "text": "ASU vedtek versjon 2.",
    }  # fmt: skip
    approval = {"body": "ASU", "case_ref": "sak 7/24", "meeting_date": "2024-12-12", "version": 2}
    report = build_annual_report(_inputs(plan, decisions=[decision], approvals=[approval]))
    assert _decisions(report) == [
        ("ASU", "ASU sak 07/24", date(2024, 12, 12), "ASU vedtek versjon 2.")
    ]


def test_a_measure_changed_in_the_draft_is_evaluated_under_its_adopted_number_and_text(
    memory_app: Planlogg,
) -> None:
    """The draft renumbers 0.1.3 to 0.1.9 and rewords 0.1.2 (the demo's revision): the year's
    evaluations and evaluation plans named them by the draft's number and text, which the
    version in force, and the report's status section, do not have."""
    load_demo(memory_app)
    memory_app.move_measure(DEMO_PLAN, "0.1.3", "0.1.9", BY)
    for number in ("0.1.2", "0.1.9"):
        memory_app.set_evaluation_plan(DEMO_PLAN, number, {"objective": "Målt"}, BY)
        memory_app.evaluate_measure(
            DEMO_PLAN, number, 2024, "oppnådd", "Gjort.", "avslutte", "ASU", BY,
            evaluated_on=date(2024, 12, 3),
        )  # fmt: skip
    models = ReadModels.open(memory_app)
    models.read_your_writes()
    report = models.annual_report(DEMO_PLAN, 2024, MADE_ON)
    adopted = [
        ("0.1.2", "Utarbeide årshjul."),
        ("0.1.3", "Vurdere kapasitet i sekretariatsfunksjonene."),
    ]
    (evaluations,) = [s for s in report.sections if isinstance(s, EvaluationsSection)]
    assert [(m.number, m.text) for m in evaluations.measures] == adopted
    (plans,) = [s for s in report.sections if isinstance(s, EvaluationPlanSection)]
    assert [(m.number, m.text) for m in plans.measures] == adopted


def test_a_measure_removed_from_the_draft_keeps_its_evaluation_in_the_version_in_force(
    memory_app: Planlogg,
) -> None:
    """0.1.1 is in force, evaluated for 2024 and given an evaluation plan, then removed from
    the draft: the report took it as adopted, before either was registered, and left both out.

    `measures_now` holds what the current plan's document does not: the measures removed since.
    """
    load_demo(memory_app)
    memory_app.set_evaluation_plan(DEMO_PLAN, "0.1.1", {"objective": "Målt"}, BY)
    memory_app.evaluate_measure(
        DEMO_PLAN, "0.1.1", 2024, "oppnådd", "Gjort.", "avslutte", "ASU", BY,
        evaluated_on=date(2024, 12, 3),
    )  # fmt: skip
    models = ReadModels.open(memory_app)
    models.read_your_writes()
    before = models.current_plan(DEMO_PLAN)
    memory_app.remove_measure(DEMO_PLAN, "0.1.1", BY)
    models.read_your_writes()
    in_force = models.adopted_version(DEMO_PLAN, 1)
    now = models.current_plan(DEMO_PLAN)
    if before is None or in_force is None or now is None:
        raise AssertionError("the demo plan and its version 1 are there")
    removed = {m.id: m for m in before.measures() if m.number == "0.1.1"}
    report = build_annual_report(replace(_inputs(now, measures_now=removed), in_force=in_force))
    (evaluations,) = [s for s in report.sections if isinstance(s, EvaluationsSection)]
    assert [(m.number, m.led_to) for m in evaluations.measures] == [("0.1.1", "Gjort.")]
    (plans,) = [s for s in report.sections if isinstance(s, EvaluationPlanSection)]
    assert [(m.number, m.parts) for m in plans.measures] == [("0.1.1", (("Målsetting", "Målt"),))]


def test_the_title_page_names_the_version_in_force_never_the_drafts_title(
    memory_app: Planlogg,
) -> None:
    """The revision retitles the plan and extends its period: the report on 2024, about
    version 1, had the draft's title and period on its title page and in the PDF's header."""
    load_demo(memory_app)
    memory_app.retitle_plan(DEMO_PLAN, "Handlingsplan 2025–2027 (utkast)", BY)
    memory_app.change_period(DEMO_PLAN, 2022, 2027, BY)
    models = ReadModels.open(memory_app)
    models.read_your_writes()
    title = models.annual_report(DEMO_PLAN, 2024, MADE_ON).title
    assert (title.plan_title, title.period) == (
        "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene",
        "2022–2025",
    )


def _reported_by(body: str) -> ReportedStatus:
    return ReportedStatus(
        measure_id="T1", number="0.1.1", responsible=(), colour="green", comment="",
        reporter="Kari", reported_on=date(2024, 9, 2), body=body, round_id="R1", source="web",
        recorded_at=datetime(2024, 9, 2, 12, 0, tzinfo=UTC),
    )  # fmt: skip


def test_the_bodies_that_reported_are_in_norwegian_alphabetical_order(
    memory_app: Planlogg,
) -> None:
    """Sorted by code point, Å came before Æ and Ø, and "fagråd" after every capital letter."""
    plan = _demo(memory_app).current_plan(DEMO_PLAN)
    if plan is None:
        raise AssertionError("the demo plan is there")
    names = ["Åfjord kommune", "Ørland kommune", "fagråd for IT", "Ærøy", "Zeta", "Orkland"]
    report = build_annual_report(_inputs(plan, history=[_reported_by(n) for n in names]))
    (section,) = [s for s in report.sections if isinstance(s, BodyReportsSection)]
    assert [b.body for b in section.bodies] == [
        "fagråd for IT", "Orkland", "Zeta", "Ærøy", "Ørland kommune", "Åfjord kommune",
    ]  # fmt: skip


def test_the_read_models_report_keeps_the_evaluation_of_a_measure_removed_from_the_draft(
    memory_app: Planlogg,
) -> None:
    """The same through `ReadModels.annual_report`, which gives the report the measures
    removed since (the current plan's document has none of them)."""
    load_demo(memory_app)
    memory_app.evaluate_measure(
        DEMO_PLAN, "0.1.1", 2024, "oppnådd", "Gjort.", "avslutte", "ASU", BY,
        evaluated_on=date(2024, 12, 3),
    )  # fmt: skip
    memory_app.remove_measure(DEMO_PLAN, "0.1.1", BY)
    models = ReadModels.open(memory_app)
    models.read_your_writes()
    report = models.annual_report(DEMO_PLAN, 2024, date(2025, 1, 15))
    (evaluations,) = [s for s in report.sections if isinstance(s, EvaluationsSection)]
    assert [(m.number, m.led_to) for m in evaluations.measures] == [("0.1.1", "Gjort.")]

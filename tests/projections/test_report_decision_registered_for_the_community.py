"""The committee documents give the text of a decision registered for the community only.

An approval may cite a decision the secretariat registered without `--plan` (for the
community). `planlogg decision list PLAN` shows it as the plan's decision, as `decisions(plan)`
selects: made for the plan or cited by its changes. The annual report and the adopted plan
read only the decisions made for the plan, and said of the adopting decision "Vedtaksteksten
er ikke registrert.". Run on SQLite and PostgreSQL (`app`): the selection is SQL.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import pytest

from domain.application import Planlogg
from domain.provenance import Provenance
from projections import ReadModels
from projections.report_model import AdoptedSection, DecisionsSection, Report

KEY = "vedtaksplan"
MADE_ON = date(2025, 6, 1)
TEXT = "ASU vedtek handlingsplanen 2025–2026."
S = TypeVar("S")


@pytest.fixture
def adopted_under_a_community_decision(app: Planlogg, by: Provenance) -> ReadModels:
    """A plan adopted by ASU under "sak 1/25", registered for the community, not the plan."""
    app.register_community("hf", "Helsefellesskapet", by)
    app.create_plan(KEY, "Handlingsplan", "hf", 2025, 2026, by)
    app.add_area(KEY, "1", "Område", by)
    app.add_goal(KEY, "1.1", "Mål", by)
    app.add_measure(KEY, "1.1.1", "Tiltak", by, responsible=["ASU"], marks={2025: "x"})
    version = app.submit(KEY, ["ASU"], by)
    case = app.record_decision("hf", "sak 1/25", "ASU", date(2025, 1, 15), TEXT, by)
    app.approve(KEY, version, "ASU", case, date(2025, 1, 15), by)
    models = ReadModels.open(app)
    models.read_your_writes()
    return models


def _section(report: Report, kind: type[S]) -> S:
    (found,) = [s for s in report.sections if isinstance(s, kind)]
    return found


def test_the_plans_decisions_hold_the_community_decision_its_approval_cites(
    adopted_under_a_community_decision: ReadModels,
) -> None:
    """What `planlogg decision list PLAN` shows: the premise the documents now agree with."""
    found = adopted_under_a_community_decision.decisions(KEY)
    assert [(d.case, d.plan, d.text) for d in found] == [("ASU sak 01/25", "", TEXT)]


def test_the_annual_report_gives_the_registered_text_of_the_adopting_decision(
    adopted_under_a_community_decision: ReadModels,
) -> None:
    report = adopted_under_a_community_decision.annual_report(KEY, 2025, MADE_ON)
    adopted = _section(report, AdoptedSection)
    assert [(a.case, a.decision_text) for a in adopted.approvals] == [("ASU sak 01/25", TEXT)]
    decisions = _section(report, DecisionsSection)
    assert [(d.case, d.text) for d in decisions.decisions] == [("ASU sak 01/25", TEXT)]


def test_the_adopted_plan_gives_the_registered_text_of_the_adopting_decision(
    adopted_under_a_community_decision: ReadModels,
) -> None:
    report = adopted_under_a_community_decision.adopted_plan_report(KEY, None, MADE_ON)
    adopted = _section(report, AdoptedSection)
    assert [(a.case, a.decision_text) for a in adopted.approvals] == [("ASU sak 01/25", TEXT)]


def test_a_community_decision_no_change_of_the_plan_cites_is_not_the_plans(
    app: Planlogg, by: Provenance
) -> None:
    """The other side of the selection: a decision of the community that the plan's changes
    do not cite stays out of the plan's year of decisions."""
    app.register_community("hf", "Helsefellesskapet", by)
    app.create_plan(KEY, "Handlingsplan", "hf", 2025, 2026, by)
    app.record_decision("hf", "sak 2/25", "ASU", date(2025, 2, 1), "Anna sak.", by)
    models = ReadModels.open(app)
    models.read_your_writes()
    report = models.annual_report(KEY, 2025, MADE_ON)
    assert _section(report, DecisionsSection).decisions == ()

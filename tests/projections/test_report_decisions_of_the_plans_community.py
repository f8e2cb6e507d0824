"""A plan's committee documents take only its own community's decisions.

`ReadModels._plan_decision_rows` (the annual report's, the adopted plan's and
`decisions(plan)`'s) selected the decisions whose case reference a change of the plan cites
by the case reference alone. Two health communities both have an «ASU» and number their
cases per year, so «ASU sak 01/25» is registered in each; the other community's decision,
text and all, then stood in this plan's committee documents.
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
OURS = "ASU vedtek handlingsplanen 2025–2026."
THEIRS = "ASU i det andre helsefellesskapet vedtek budsjettet."
S = TypeVar("S")


@pytest.fixture
def two_communities_with_one_case(app: Planlogg, by: Provenance) -> ReadModels:
    app.register_community("hf", "Helsefellesskapet", by)
    app.register_community("naboen", "Nabo-helsefellesskapet", by)
    app.create_plan(KEY, "Handlingsplan", "hf", 2025, 2026, by)
    app.add_area(KEY, "1", "Område", by)
    app.add_goal(KEY, "1.1", "Mål", by)
    app.add_measure(KEY, "1.1.1", "Tiltak", by, responsible=["ASU"], marks={2025: "x"})
    version = app.submit(KEY, ["ASU"], by)
    app.record_decision("naboen", "sak 1/25", "ASU", date(2025, 1, 10), THEIRS, by)
    case = app.record_decision("hf", "sak 1/25", "ASU", date(2025, 1, 15), OURS, by)
    app.approve(KEY, version, "ASU", case, date(2025, 1, 15), by)
    models = ReadModels.open(app)
    models.read_your_writes()
    return models


def _section(report: Report, kind: type[S]) -> S:
    (found,) = [s for s in report.sections if isinstance(s, kind)]
    return found


def test_the_annual_report_lists_only_the_plans_communitys_decision(
    two_communities_with_one_case: ReadModels,
) -> None:
    report = two_communities_with_one_case.annual_report(KEY, 2025, MADE_ON)
    decisions = _section(report, DecisionsSection)
    assert [(d.case, d.text) for d in decisions.decisions] == [("ASU sak 01/25", OURS)]


def test_the_adopted_plan_gives_its_own_communitys_decision_text(
    two_communities_with_one_case: ReadModels,
) -> None:
    report = two_communities_with_one_case.adopted_plan_report(KEY, None, MADE_ON)
    adopted = _section(report, AdoptedSection)
    assert [(a.case, a.decision_text) for a in adopted.approvals] == [("ASU sak 01/25", OURS)]

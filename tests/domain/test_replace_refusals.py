"""A second evaluation of a year, and a second answer to a response, are refused with typed
errors carrying the facts, so each way of asking (command line, API, web form) names its own
way to replace; the domain's own words name none of them."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import AlreadyAnsweredError, AlreadyEvaluatedError, RuleError
from domain.norwegian_time import oslo_today
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.vocabulary import EvaluationResult, Recommendation

BY = Provenance("Kari", Source.CLI)


def _plan() -> Plan:
    plan = Plan.start("hf-2025", "Handlingsplan", "hf", 2024, 2026, BY)
    plan.add_area("1", "Samhandling", BY)
    plan.add_goal("1.1", "Gode overganger", BY)
    plan.add_measure("1.1.1", "Kartlegge rutinene", BY, responsible=["ASU"])
    return plan


def _evaluate(plan: Plan, replace: bool = False) -> None:
    plan.evaluate_measure(plan.find_measure("1.1.1").id, 2024, EvaluationResult.PARTLY,
                          "Rutinen er i bruk.", Recommendation.CHANGE, "ASU", date(2025, 2, 1),
                          BY, replace=replace)  # fmt: skip


def test_a_year_evaluated_twice_is_refused_with_the_measure_and_the_year() -> None:
    plan = _plan()
    _evaluate(plan)
    with pytest.raises(AlreadyEvaluatedError) as refused:
        _evaluate(plan)
    assert isinstance(refused.value, RuleError)
    assert (refused.value.number, refused.value.year) == ("1.1.1", 2024)
    assert refused.value.message == (
        "Tiltak 1.1.1 er allerede evaluert for 2024. Velg å erstatte evalueringen om den nye "
        "skal gjelde."
    )
    _evaluate(plan, replace=True)


def test_a_response_answered_twice_is_refused_with_the_response_and_its_sender() -> None:
    plan = _plan()
    plan.send_on_hearing(date(2025, 3, 1), BY, ["Molde kommune"], sent_on=date(2025, 2, 3))
    plan.receive_hearing_response("Molde kommune", oslo_today(), "For vagt.", BY)
    plan.answer_hearing_response("F1", "Teke til følgje.", oslo_today(), BY)
    with pytest.raises(AlreadyAnsweredError) as refused:
        plan.answer_hearing_response("F1", "Nytt svar", oslo_today(), BY)
    assert isinstance(refused.value, RuleError)
    assert (refused.value.response, refused.value.respondent) == ("F1", "Molde kommune")
    assert refused.value.message == (
        "Uttalelsen F1 fra Molde kommune er allerede besvart. Velg å erstatte svaret om det "
        "nye skal gjelde."
    )

"""Evaluating a measure per year (the Møre og Romsdal model), as a declared measure field."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import ConcurrentEditError, RuleError, ValidationError
from domain.measure import YearEvaluation
from domain.measure_fields import CONTENT, FIELDS, PUBLIC, audit_rows
from domain.plan import Plan, evaluation_tag
from domain.provenance import Provenance, Source
from domain.vocabulary import (
    EvaluationResult,
    Recommendation,
    parse_evaluation_result,
    parse_recommendation,
)
from language import speaking

BY = Provenance("Kari Nordmann", Source.CLI, reason="evaluering", decision="SSU sak 20/24")
PER = Provenance("Per Hansen", Source.WEB, reason="evaluering")


def adopted_plan() -> tuple[Plan, str]:
    plan = Plan.start("mr-2024", "Handlingsplan", "mr", 2023, 2025, BY)
    plan.add_area("1", "Samhandling", BY)
    plan.add_goal("1.1", "Betre overgangar", BY)
    measure_id = plan.add_measure("1.1.1", "Felles rutine", BY, responsible=["SSU"])
    plan.submit(["SSU"], BY)
    plan.approve(1, "SSU", "SSU sak 11/23", date(2023, 2, 1), BY)
    return plan, measure_id


def evaluate(plan: Plan, measure_id: str, year: int = 2024, **changes: object) -> None:
    values: dict[str, object] = {
        "result": EvaluationResult.PARTLY,
        "led_to": "Rutinen er i bruk i 12 av 26 kommunar.",
        "recommendation": Recommendation.CHANGE,
        "body": "Fagråd for samhandling",
        "evaluated_on": date(2024, 10, 1),
        **changes,
    }
    plan.evaluate_measure(measure_id, year, by=BY, **values)  # type: ignore[arg-type]


def test_an_evaluation_is_recorded_per_year_in_any_stage_without_moving_the_revision() -> None:
    plan, measure_id = adopted_plan()
    revision = plan.measure(measure_id).revision
    evaluate(plan, measure_id, 2023, result=EvaluationResult.NOT_ACHIEVED,
             recommendation=Recommendation.CONTINUE, evaluated_on=date(2024, 1, 10))  # fmt: skip
    evaluate(plan, measure_id, 2024)
    measure = plan.measure(measure_id)
    assert measure.revision == revision
    assert list(measure.evaluations) == [2023, 2024]
    assert measure.evaluations[2024] == YearEvaluation(
        year=2024,
        result=EvaluationResult.PARTLY,
        led_to="Rutinen er i bruk i 12 av 26 kommunar.",
        recommendation=Recommendation.CHANGE,
        body="Fagråd for samhandling",
        evaluated_on=date(2024, 10, 1),
        evaluator="Kari Nordmann",
    )
    event = plan.collect_events()[-1]
    assert type(event).__name__ == "MeasureEvaluated"
    assert event.by.decision == "SSU sak 20/24"


def test_a_year_is_evaluated_again_only_when_replacing() -> None:
    plan, measure_id = adopted_plan()
    evaluate(plan, measure_id)
    with pytest.raises(RuleError, match="allerede evaluert for 2024"):
        evaluate(plan, measure_id, result=EvaluationResult.ACHIEVED)
    plan.evaluate_measure(
        measure_id, 2024, EvaluationResult.ACHIEVED, "Alle kommunar.", Recommendation.END,
        "SSU", date(2024, 11, 1), BY, replace=True,
    )  # fmt: skip
    assert plan.measure(measure_id).evaluations[2024].result == EvaluationResult.ACHIEVED


@pytest.mark.parametrize(
    ("year", "changes", "message"),
    [
        (2026, {}, "utenfor planperioden"),
        (2025, {}, "før året har begynt"),
        (2024, {"led_to": " "}, "Hva tiltaket førte til"),
        (2024, {"body": ""}, "Organet"),
    ],
)
def test_bad_evaluations_are_refused(year: int, changes: dict[str, object], message: str) -> None:
    plan, measure_id = adopted_plan()
    with pytest.raises(ValidationError, match=message):
        evaluate(plan, measure_id, year, **changes)


def test_words_are_read_as_people_write_them() -> None:
    assert parse_evaluation_result("Delvis") == EvaluationResult.PARTLY
    assert parse_evaluation_result("ikke oppnådd") == EvaluationResult.NOT_ACHIEVED
    assert parse_evaluation_result("OPPNÅDD") == EvaluationResult.ACHIEVED
    assert parse_recommendation("vidareføre") == Recommendation.CONTINUE
    assert parse_recommendation("videreføre") == Recommendation.CONTINUE
    assert parse_recommendation("Avslutte") == Recommendation.END
    with pytest.raises(ValidationError, match="Ukjent resultat"):
        parse_evaluation_result("kanskje")
    with pytest.raises(ValidationError, match="Ukjent anbefaling"):
        parse_recommendation("vent")
    assert EvaluationResult.NOT_ACHIEVED.label == "ikke oppnådd"
    with speaking("nn"):
        assert EvaluationResult.NOT_ACHIEVED.label == "ikkje oppnådd"
    assert Recommendation.CONTINUE.label == "videreføre"
    with speaking("nn"):
        assert Recommendation.CONTINUE.label == "vidareføre"


def test_the_declaration_makes_evaluations_public_progress_with_audit_words() -> None:
    assert "evaluations" in PUBLIC and "evaluation" in PUBLIC
    assert "evaluations" not in CONTENT
    assert [f.name for f in FIELDS].count("evaluations") == 1
    plan, measure_id = adopted_plan()
    before = plan.measure(measure_id)
    evaluate(plan, measure_id)
    rows = [
        r for r in audit_rows(before, plan.measure(measure_id)) if r[0].startswith("evaluations")
    ]
    assert rows == [
        (
            "evaluations_2024",
            "",
            "delvis oppnådd; førte til: Rutinen er i bruk i 12 av 26 kommunar.; "
            "tilråding: endre (Fagråd for samhandling, 2024-10-01)",
        )
    ]


def replace_as(plan: Plan, measure_id: str, by: Provenance, seen: str, led_to: str) -> None:
    """Replace the 2024 evaluation as someone who saw the evaluation `seen` tags."""
    plan.evaluate_measure(
        measure_id, 2024, EvaluationResult.ACHIEVED, led_to, Recommendation.CONTINUE, "SSU",
        date(2024, 11, 1), by, replace=True, seen=seen,
    )  # fmt: skip


def test_replacing_an_evaluation_changed_since_it_was_seen_is_refused_naming_it() -> None:
    plan, measure_id = adopted_plan()
    evaluate(plan, measure_id)
    seen = evaluation_tag(plan.measure(measure_id).evaluations[2024])
    replace_as(plan, measure_id, PER, seen, "Alle kommunar har rutinen.")
    plan.collect_events()
    with pytest.raises(ConcurrentEditError) as refused:
        replace_as(plan, measure_id, BY, seen, "Kari sitt syn.")
    assert refused.value.message == (
        "Tiltak 1.1.1 ble evaluert for 2024 av Per Hansen etter at du hentet evalueringene: "
        "oppnådd, «Alle kommunar har rutinen.», videreføre (SSU, 01.11.2024). "
        "Ingenting er lagret. Se over evalueringen, og erstatt den på nytt om du fortsatt vil."
    )
    assert plan.collect_events() == []
    stored = plan.measure(measure_id).evaluations[2024]
    assert (stored.led_to, stored.evaluator) == ("Alle kommunar har rutinen.", "Per Hansen")


def test_an_evaluation_made_since_a_year_was_seen_unevaluated_is_not_replaced() -> None:
    plan, measure_id = adopted_plan()
    evaluate(plan, measure_id)
    plan.collect_events()
    with pytest.raises(ConcurrentEditError, match="av Kari Nordmann etter at du hentet"):
        replace_as(plan, measure_id, PER, evaluation_tag(None), "Per sitt syn.")
    assert plan.collect_events() == []


def test_replacing_the_evaluation_as_it_was_seen_goes_through() -> None:
    plan, measure_id = adopted_plan()
    evaluate(plan, measure_id)
    replace_as(plan, measure_id, PER, evaluation_tag(plan.measure(measure_id).evaluations[2024]),
               "Alle kommunar har rutinen.")  # fmt: skip
    assert plan.measure(measure_id).evaluations[2024].evaluator == "Per Hansen"
    assert evaluation_tag(None) == ""

"""Hearings and evaluations stored and read back on SQLite and PostgreSQL, snapshots included."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.errors import RuleError, ValidationError
from domain.hearing import HearingAnswer
from domain.plan import plan_id
from domain.provenance import Provenance
from domain.vocabulary import EvaluationResult, Recommendation


def plan_with_measure(app: Planlogg, by: Provenance) -> str:
    app.create_plan("mr-2024", "Handlingsplan", "mr", 2023, 2025, by)
    app.add_area("mr-2024", "1", "Samhandling", by)
    app.add_goal("mr-2024", "1.1", "Betre overgangar", by)
    return app.add_measure("mr-2024", "1.1.1", "Felles rutine", by, responsible=["SSU"])


def test_a_hearing_with_responses_and_answers_reads_back_from_a_fresh_process(
    database_url: str, by: Provenance
) -> None:
    app = Planlogg.from_url(database_url)
    try:
        plan_with_measure(app, by)
        app.send_on_hearing(
            "mr-2024",
            date(2024, 3, 1),
            by,
            asked=["Molde kommune", "Brukarrådet"],
            sent_on=date(2024, 1, 15),
        )
        response = app.receive_hearing_response(
            "mr-2024", "Molde kommune", "Vi stør planen.", by,
            received_on=date(2024, 2, 20), attachments=["molde.pdf"],
        )  # fmt: skip
        app.answer_hearing_response("mr-2024", response, "Takk.", by, answered_on=date(2024, 3, 5))
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        hearing = fresh.hearing("mr-2024")
        assert hearing.asked == ("Molde kommune", "Brukarrådet")
        (found,) = hearing.responses
        assert (found.id, found.respondent, found.attachments) == (
            "F1",
            "Molde kommune",
            ("molde.pdf",),
        )
        assert found.answer == HearingAnswer("Takk.", date(2024, 3, 5), "Kari Nordmann")
    finally:
        fresh.close()


def test_evaluations_and_hearings_survive_a_snapshot(database_url: str, by: Provenance) -> None:
    app = Planlogg.from_url(database_url)
    try:
        measure_id = plan_with_measure(app, by)
        app.send_on_hearing(
            "mr-2024", date(2024, 3, 1), by, asked=["Molde kommune"], sent_on=date(2024, 1, 15)
        )
        app.receive_hearing_response(
            "mr-2024", "Molde kommune", "Ok.", by, received_on=date(2024, 2, 1)
        )
        app.evaluate_measure("mr-2024", "1.1.1", 2023, "delvis", "Rutinen er i bruk.", "endre",
                             "SSU", by, evaluated_on=date(2024, 1, 15))  # fmt: skip
        for n in range(110):
            app.report_status("mr-2024", measure_id, "gul", f"Runde {n}", by)
        assert app.snapshots is not None
        snapshots = list(app.snapshots.get(plan_id("mr-2024")))
        assert [s.originator_version for s in snapshots] == [100]
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        plan = fresh.get_plan("mr-2024")
        evaluation = plan.measure(measure_id).evaluations[2023]
        assert (evaluation.result, evaluation.recommendation, evaluation.evaluator) == (
            EvaluationResult.PARTLY,
            Recommendation.CHANGE,
            "Kari Nordmann",
        )
        assert plan.hearing().responses[0].respondent == "Molde kommune"
    finally:
        fresh.close()


def test_refusals_store_nothing(app: Planlogg, by: Provenance) -> None:
    measure_id = plan_with_measure(app, by)
    with pytest.raises(ValidationError, match="Ukjent anbefaling"):
        app.evaluate_measure("mr-2024", "1.1.1", 2023, "delvis", "Tekst", "vent", "SSU", by)
    with pytest.raises(RuleError, match="ikke vært på høring"):
        app.receive_hearing_response("mr-2024", "Molde kommune", "Tekst", by)
    assert app.get_plan("mr-2024").measure(measure_id).evaluations == {}

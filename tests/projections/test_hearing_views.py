"""Hearings and evaluations in the read models on SQLite and PostgreSQL: the auditors' view."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.errors import ValidationError
from domain.provenance import Provenance, Source
from projections import AuditQuery, ReadModels
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT

KOMMUNE = Provenance("Postmottak", Source.CLI, reason="Fråsegn registrert")


def hearing_then_adoption(app: Planlogg) -> None:
    """Version 1 on hearing, two responses (one answered), a change, then adopted."""
    plans.draft(app)
    app.send_on_hearing(KEY, date(2025, 1, 10), SECRETARIAT, asked=["Molde kommune", "PKO"],
                        sent_on=date(2025, 1, 2))  # fmt: skip
    app.receive_hearing_response(
        KEY, "Molde kommune", "Utskriving må nemne fastlegen.", KOMMUNE,
        received_on=date(2025, 1, 8), attachments=["molde-2025.pdf"],
    )  # fmt: skip
    app.receive_hearing_response(KEY, "PKO", "Ingen merknader.", KOMMUNE,
                                 received_on=date(2025, 1, 9))  # fmt: skip
    app.reword_measure(KEY, "1.2.1", "Felles rutine for utskriving, med fastlegen", SECRETARIAT)
    app.answer_hearing_response(KEY, "F1", "Teke til følgje i 1.2.1.", SECRETARIAT,
                                answered_on=date(2025, 1, 12))  # fmt: skip
    plans.adopt(app, ("ASU",), date(2025, 1, 15), 1)


def test_the_hearing_draft_is_compared_with_the_adopted_version_beside_the_responses(
    app: Planlogg, models: ReadModels
) -> None:
    hearing_then_adoption(app)
    models.catch_up()
    diff = models.hearing_diff(KEY, 1)
    assert (diff.a, diff.b, diff.against) == (1, 1, "adopted")
    assert [(c.number, c.field, c.before, c.after) for c in diff.changed] == [
        ("1.2.1", "text", "Felles rutine for utskriving",
         "Felles rutine for utskriving, med fastlegen"),
    ]  # fmt: skip
    assert diff.hearing is not None
    assert diff.hearing.asked == ("Molde kommune", "PKO")
    assert diff.hearing.unanswered == 1
    first, second = diff.hearing.responses
    assert first["respondent"] == "Molde kommune"
    assert first["attachments"] == ["molde-2025.pdf"]
    assert first["answer"] == {
        "text": "Teke til følgje i 1.2.1.",
        "answered_on": "2025-01-12",
        "answered_by": "Sekretariatet",
    }
    assert (second["id"], second["answer"]) == ("F2", None)


def test_before_adoption_the_hearing_draft_is_compared_with_the_working_draft(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    app.send_on_hearing(KEY, date(2025, 1, 10), SECRETARIAT, sent_on=date(2025, 1, 2))
    app.reword_measure(KEY, "1.1.1", "Kartlegge behov hjå alle", SECRETARIAT)
    models.catch_up()
    diff = models.hearing_diff(KEY, 1)
    assert diff.against == "current"
    assert [(c.number, c.after) for c in diff.changed] == [("1.1.1", "Kartlegge behov hjå alle")]
    with pytest.raises(ValidationError, match="Versjon 2 av hf-2025 har ikke vært på høring"):
        models.hearing_diff(KEY, 2)


def test_auditors_read_each_hearing_step_in_the_history(app: Planlogg, models: ReadModels) -> None:
    hearing_then_adoption(app)
    models.catch_up()
    rows = [r for r in models.history(AuditQuery(plan=KEY)).rows if r.field.startswith("hearing")]
    assert [(r.field, r.before, r.after, r.actor) for r in rows] == [
        ("hearing_sent_on", "", "2025-01-02", "Sekretariatet"),
        ("hearing_deadline", "", "2025-01-10", "Sekretariatet"),
        ("hearing_asked", "", "Molde kommune, PKO", "Sekretariatet"),
        ("hearing_response_F1", "",
         "Molde kommune (2025-01-08): Utskriving må nemne fastlegen. [vedlegg: molde-2025.pdf]",
         "Postmottak"),
        ("hearing_response_F2", "", "PKO (2025-01-09): Ingen merknader.", "Postmottak"),
        ("hearing_answer_F1", "", "Teke til følgje i 1.2.1.", "Sekretariatet"),
    ]  # fmt: skip


def test_evaluations_are_projected_and_audited(app: Planlogg, models: ReadModels) -> None:
    plans.draft(app)
    plans.adopt(app, ("ASU",), date(2025, 1, 15), 1)
    app.evaluate_measure(
        KEY, "1.1.1", 2025, "oppnådd", "Alle kommunar kartlagde.", "avslutte", "ASU",
        SECRETARIAT, evaluated_on=date(2025, 11, 1),
    )  # fmt: skip
    models.catch_up()
    document = models.current_plan(KEY)
    assert document is not None
    measure = document.measure("1.1.1")
    assert measure is not None
    assert measure.to_dict()["evaluations"] == {
        "2025": {
            "year": 2025,
            "result": "achieved",
            "led_to": "Alle kommunar kartlagde.",
            "recommendation": "end",
            "body": "ASU",
            "evaluated_on": "2025-11-01",
            "evaluator": "Sekretariatet",
        }
    }
    rows = models.history(AuditQuery(plan=KEY, field="evaluations_2025")).rows
    assert [(r.field, r.measure_number, r.after) for r in rows] == [
        ("evaluations_2025", "1.1.1",
         "oppnådd; førte til: Alle kommunar kartlagde.; tilråding: avslutte (ASU, 2025-11-01)"),
    ]  # fmt: skip

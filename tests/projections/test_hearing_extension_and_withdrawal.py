"""An extended deadline and a withdrawn response in the read models, on SQLite and
PostgreSQL: the hearing as auditors read it, and each step in the audit history."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.norwegian_time import oslo_today
from domain.provenance import Provenance, Source
from language import speaking
from projections import AuditQuery, ReadModels
from projections.audit_labels import field_label, field_named
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT

KOMMUNE = Provenance("Postmottak", Source.CLI, reason="Fråsegn registrert")
PER = Provenance("Per Hansen", Source.WEB, reason="Molde bad om meir tid")


def extended_with_a_withdrawal(app: Planlogg) -> None:
    """On hearing to 10.01.2025, three responses (the second late for that deadline, the
    third registered twice by mistake), the deadline extended to 20.01, the third withdrawn."""
    plans.draft(app)
    app.send_on_hearing(KEY, date(2025, 1, 10), SECRETARIAT, asked=["Molde kommune", "PKO"],
                        sent_on=date(2025, 1, 2))  # fmt: skip
    app.receive_hearing_response(KEY, "Molde kommune", "Nemn fastlegen.", KOMMUNE,
                                 received_on=date(2025, 1, 8))  # fmt: skip
    app.receive_hearing_response(KEY, "PKO", "Ingen merknader.", KOMMUNE,
                                 received_on=date(2025, 1, 14))  # fmt: skip
    app.receive_hearing_response(KEY, "PKO", "Ingen merknader.", KOMMUNE,
                                 received_on=date(2025, 1, 14))  # fmt: skip
    app.extend_hearing_deadline(KEY, date(2025, 1, 20), PER)
    app.withdraw_hearing_response(KEY, "F3", "Registrert to gonger (sjå F2).", PER)


def test_the_hearing_shows_the_deadline_in_force_the_one_sent_and_the_withdrawal(
    app: Planlogg, models: ReadModels
) -> None:
    extended_with_a_withdrawal(app)
    models.catch_up()
    hearing = models.hearing(KEY)
    assert hearing is not None
    shown = hearing.to_dict()
    assert (shown["deadline"], shown["original_deadline"]) == ("2025-01-20", "2025-01-10")
    assert shown["unanswered"] == 2
    assert [(r["id"], r["withdrawal"]) for r in shown["responses"]] == [
        ("F1", None),
        ("F2", None),
        ("F3", {"reason": "Registrert to gonger (sjå F2).",
                "withdrawn_on": oslo_today().isoformat(), "withdrawn_by": "Per Hansen"}),
    ]  # fmt: skip
    diff = models.hearing_diff(KEY, 1)
    assert diff.hearing is not None
    assert diff.hearing.to_dict() == shown


def test_a_hearing_never_extended_shows_the_deadline_sent_as_its_original(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    app.send_on_hearing(KEY, date(2025, 1, 10), SECRETARIAT, sent_on=date(2025, 1, 2))
    models.catch_up()
    hearing = models.hearing(KEY)
    assert hearing is not None
    assert (hearing.deadline, hearing.to_dict()["original_deadline"]) == (
        "2025-01-10",
        "2025-01-10",
    )


def test_auditors_read_the_old_and_new_deadline_and_why_a_response_was_withdrawn(
    app: Planlogg, models: ReadModels
) -> None:
    extended_with_a_withdrawal(app)
    models.catch_up()
    rows = models.history(AuditQuery(plan=KEY)).rows
    found = [
        (r.field, r.before, r.after, r.actor, r.reason, r.event_type)
        for r in rows
        if r.event_type in ("HearingDeadlineExtended", "HearingResponseWithdrawn")
    ]
    assert found == [
        ("hearing_deadline", "2025-01-10", "2025-01-20", "Per Hansen", "Molde bad om meir tid",
         "HearingDeadlineExtended"),
        ("hearing_withdrawn_F3", "", "Registrert to gonger (sjå F2).", "Per Hansen",
         "Molde bad om meir tid", "HearingResponseWithdrawn"),
    ]  # fmt: skip


def test_a_withdrawal_is_named_in_the_history_and_found_by_its_name() -> None:
    with speaking("nb"):
        assert field_label("hearing_withdrawn_F3") == "høringsuttalelse F3 trukket tilbake"
        assert field_named("Høringsuttalelse F3 trukket tilbake") == "hearing_withdrawn_F3"
        assert field_named("høringsuttalelse F3") == "hearing_response_F3"
        assert field_label("hearing_deadline") == "høringsfrist"

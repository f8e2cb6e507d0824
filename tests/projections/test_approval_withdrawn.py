"""A withdrawn approval in the read models, on SQLite and PostgreSQL: gone from the
version's approvals, and kept in the history with why."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from language import speaking
from projections import AuditQuery, ReadModels
from projections.audit_labels import field_label, field_named, value_label
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT

SIRI = Provenance("Siri Sekretær", Source.WEB, reason="Registrert for feil møte")


def withdrawn_then_adopted(app: Planlogg) -> None:
    """Version 1 for ASU and PSU: ASU's approval (sak 12/25, 27.03.2025: a day later than
    those standing, so the withdrawn meeting would show if it still dated the adoption)
    withdrawn, then ASU (sak 14/25, 20.03.2025) and PSU (sak 3/25, 14.03.2025) approve it."""
    plans.draft(app)
    version = app.submit(KEY, ["ASU", "PSU"], SECRETARIAT)
    app.approve(KEY, version, "ASU", "sak 12/25", date(2025, 3, 27), SECRETARIAT)
    app.withdraw_approval(KEY, version, "ASU", "Saka galdt versjon 0.", SIRI)
    app.approve(KEY, version, "ASU", "sak 14/25", date(2025, 3, 20), SECRETARIAT)
    app.approve(KEY, version, "PSU", "sak 3/25", date(2025, 3, 14), SECRETARIAT)


def test_the_version_is_adopted_by_the_approvals_standing(
    app: Planlogg, models: ReadModels
) -> None:
    withdrawn_then_adopted(app)
    models.catch_up()
    (adopted,) = models.adopted_versions(KEY)
    assert [(a.body, a.case, a.meeting_date) for a in adopted.approvals] == [
        ("PSU", "PSU sak 03/25", "2025-03-14"),
        ("ASU", "ASU sak 14/25", "2025-03-20"),
    ]
    assert adopted.in_force_from == "2025-03-20"


def test_a_withdrawal_is_caught_up_alone_and_leaves_the_body_waiting(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    version = app.submit(KEY, ["ASU", "PSU"], SECRETARIAT)
    app.approve(KEY, version, "ASU", "sak 12/25", date(2025, 3, 13), SECRETARIAT)
    models.catch_up()
    app.withdraw_approval(KEY, version, "ASU", "Saka galdt versjon 0.", SIRI)
    models.catch_up()
    assert models.dump_tables()["approvals"] == []


def test_auditors_read_the_approval_withdrawn_and_why(app: Planlogg, models: ReadModels) -> None:
    withdrawn_then_adopted(app)
    models.catch_up()
    rows = models.history(AuditQuery(plan=KEY)).rows
    found = [
        (r.field, r.before, r.after, r.actor, r.reason, r.decision)
        for r in rows
        if r.event_type == "ApprovalWithdrawn"
    ]
    assert found == [
        ("approval_withdrawn", "ASU godkjende versjon 1 (ASU sak 12/25, 2025-03-27)", "",
         "Siri Sekretær", "Saka galdt versjon 0.", "ASU sak 12/25"),
    ]  # fmt: skip
    with speaking("nb"):
        assert value_label("approval_withdrawn", found[0][1]) == (
            "ASU godkjente versjon 1 (ASU sak 12/25, 27.03.2025)"
        )
        assert field_label("approval_withdrawn") == "godkjenning trukket tilbake"
        assert field_named("Godkjenning trukket tilbake") == "approval_withdrawn"
    with speaking("nn"):
        assert field_label("approval_withdrawn") == "godkjenning trekt tilbake"

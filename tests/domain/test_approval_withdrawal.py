"""An approval registered by mistake is withdrawn, saying why, until the version is adopted:
the body waits again and may approve anew; an adopted version is never un-adopted."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.errors import ConcurrentEditError, RuleError, ValidationError
from domain.plan import Plan
from domain.plan_state import Approval
from domain.provenance import Provenance, Source
from domain.vocabulary import Stage

BY = Provenance("Siri Sekretær", Source.WEB, reason="Registrert for feil organ")
KEY = "hf-2025"


def submitted_plan() -> Plan:
    """Version 1 submitted for ASU and PSU; ASU has approved it (sak 12/25, 13.03.2025)."""
    plan = Plan.start(KEY, "Handlingsplan 2025", "hf", 2025, 2026, BY)
    plan.add_area("1", "Pasientforløp", BY)
    plan.add_goal("1.1", "Tidleg innsats", BY)
    plan.add_measure("1.1.1", "Etablere arbeidsgruppe", BY, responsible=["ASU"])
    plan.submit(["ASU", "PSU"], BY)
    plan.approve(1, "ASU", "sak 12/25", date(2025, 3, 13), BY)
    plan.collect_events()
    return plan


def test_a_withdrawn_approval_leaves_its_body_waiting_and_is_recorded_with_why() -> None:
    plan = submitted_plan()
    withdrawn = plan.withdraw_approval(1, "ASU", "Var PSU sitt vedtak.", BY)
    assert withdrawn == Approval("ASU sak 12/25", date(2025, 3, 13))
    submission = plan.header.submission
    assert submission is not None
    assert (dict(submission.approvals), plan.stage) == ({}, Stage.SUBMITTED)
    (event,) = plan.collect_events()
    assert (type(event).__name__, event.version, event.body, event.case, event.meeting_date,
            event.reason) == ("ApprovalWithdrawn", 1, "ASU", "ASU sak 12/25",
                              date(2025, 3, 13), "Var PSU sitt vedtak.")  # fmt: skip


def test_the_body_approves_again_after_its_approval_was_withdrawn_and_the_version_is_adopted() -> (
    None
):
    plan = submitted_plan()
    plan.withdraw_approval(1, "ASU", "Feil saksnummer.", BY)
    assert plan.approve(1, "PSU", "sak 3/25", date(2025, 3, 14), BY) is False
    assert plan.approve(1, "ASU", "sak 13/25", date(2025, 3, 13), BY) is True
    assert (plan.stage, plan.header.adopted_version) == (Stage.ADOPTED, 1)
    submission = plan.header.submission
    assert submission is not None
    assert submission.approvals["ASU"] == Approval("ASU sak 13/25", date(2025, 3, 13))


def test_an_approval_of_an_adopted_version_is_not_withdrawn() -> None:
    plan = submitted_plan()
    plan.approve(1, "PSU", "sak 3/25", date(2025, 3, 14), BY)
    plan.collect_events()
    with pytest.raises(RuleError) as refused:
        plan.withdraw_approval(1, "PSU", "Feil dato.", BY)
    assert refused.value.message == (
        "Versjon 1 er vedtatt, og godkjenningene av den kan ikke trekkes tilbake. "
        "Start en revisjon for å endre planen."
    )
    assert plan.collect_events() == []


def test_no_approval_is_withdrawn_from_a_draft_and_none_of_the_version_adopted_before() -> None:
    plan = submitted_plan()
    plan.approve(1, "PSU", "sak 3/25", date(2025, 3, 14), BY)
    plan.start_revision(BY)
    plan.collect_events()
    with pytest.raises(RuleError) as refused:
        plan.withdraw_approval(1, "ASU", "Feil.", BY)
    assert refused.value.message == (
        "Versjon 1 er vedtatt, og godkjenningene av den kan ikke trekkes tilbake."
    )
    with pytest.raises(RuleError) as refused:
        plan.withdraw_approval(2, "ASU", "Feil.", BY)
    assert refused.value.message == (
        "Planen er ikke sendt til godkjenning (planen er utkast), så ingen godkjenning "
        "kan trekkes tilbake."
    )
    assert plan.collect_events() == []


def test_no_approval_is_withdrawn_from_a_new_plan() -> None:
    plan = Plan.start(KEY, "Handlingsplan 2025", "hf", 2025, 2026, BY)
    with pytest.raises(RuleError) as refused:
        plan.withdraw_approval(1, "ASU", "Feil.", BY)
    assert refused.value.message == (
        "Planen er ikke sendt til godkjenning (planen er utkast), så ingen godkjenning "
        "kan trekkes tilbake."
    )


@pytest.mark.parametrize(
    ("version", "body", "message"),
    [
        (2, "ASU", "Versjon 2 er ikke den som er sendt til godkjenning (det er versjon 1)."),
        (1, "PSU", "PSU har ikke godkjent versjon 1."),
    ],
)
def test_an_approval_not_registered_is_not_withdrawn(version: int, body: str, message: str) -> None:
    plan = submitted_plan()
    with pytest.raises(RuleError) as refused:
        plan.withdraw_approval(version, body, "Feil.", BY)
    assert refused.value.message == message
    assert plan.collect_events() == []


def test_a_withdrawal_says_why() -> None:
    plan = submitted_plan()
    with pytest.raises(ValidationError) as refused:
        plan.withdraw_approval(1, "ASU", "  ", BY)
    assert refused.value.message == "Begrunnelsen må fylles ut."
    assert plan.collect_events() == []


@pytest.mark.parametrize(
    ("again", "seen"),
    [
        (("sak 13/25", date(2025, 3, 13)), Approval("ASU sak 12/25", date(2025, 3, 13))),
        # the same case registered again with the meeting day corrected
        (("sak 12/25", date(2025, 3, 14)), Approval("ASU sak 12/25", date(2025, 3, 13))),
    ],
)
def test_an_approval_registered_anew_since_it_was_seen_is_not_withdrawn_unseen(
    again: tuple[str, date], seen: Approval
) -> None:
    plan = submitted_plan()
    plan.withdraw_approval(1, "ASU", "Feil.", BY)
    plan.approve(1, "ASU", again[0], again[1], BY)
    plan.collect_events()
    standing = f"ASU {again[0]}"
    with pytest.raises(ConcurrentEditError) as refused:
        plan.withdraw_approval(1, "ASU", "Feil.", BY, seen=seen)
    assert refused.value.message == (
        f"Godkjenningen fra ASU er registrert på nytt siden du så den (nå {standing}, møte "
        f"{again[1]:%d.%m.%Y}). Se over godkjenningene før du trekker den tilbake."
    )
    assert plan.collect_events() == []


@pytest.mark.parametrize("spelled", ["ASU sak 12/25", "sak 12/25", "asu-sak 12/2025"])
def test_the_approval_seen_is_the_one_standing_in_any_spelling_of_its_case(spelled: str) -> None:
    plan = submitted_plan()
    plan.withdraw_approval(1, "ASU", "Feil.", BY, seen=Approval(spelled, date(2025, 3, 13)))
    submission = plan.header.submission
    assert submission is not None and dict(submission.approvals) == {}


def test_the_application_finds_the_body_in_any_spelling_and_keeps_the_withdrawal(
    app: Planlogg,
) -> None:
    app.create_plan(KEY, "Handlingsplan 2025", "hf", 2025, 2026, BY)
    app.add_area(KEY, "1", "Pasientforløp", BY)
    app.add_goal(KEY, "1.1", "Tidleg innsats", BY)
    app.add_measure(KEY, "1.1.1", "Etablere arbeidsgruppe", BY, responsible=["ASU"])
    app.submit(KEY, ["ASU", "PSU"], BY)
    app.approve(KEY, 1, "ASU", "sak 12/25", date(2025, 3, 13), BY)
    seen = Approval("ASU sak 12/25", date(2025, 3, 13))
    approving, withdrawn = app.withdraw_approval(KEY, 1, " asu ", "Var PSU sitt vedtak.", BY, seen)
    assert (approving, withdrawn.case) == ("ASU", "ASU sak 12/25")
    submission = app.get_plan(KEY).header.submission
    assert submission is not None
    assert dict(submission.approvals) == {}

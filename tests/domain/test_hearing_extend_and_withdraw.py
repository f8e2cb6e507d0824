"""The secretariat runs a hearing: it extends the deadline for everyone, and withdraws a
response registered by mistake. Both are new events; the record keeps what came before
(the deadline the hearing was sent with, the withdrawn response and why)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.errors import ConcurrentEditError, NotFoundError, RuleError, ValidationError
from domain.hearing import HearingWithdrawal, came_in_late, marked_late
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.state_json import to_json

BY = Provenance("Kari Nordmann", Source.CLI, reason="test", decision="SSU sak 3/24")
PER = Provenance("Per Hansen", Source.WEB, reason="Bad om meir tid")
DEADLINE = date(2024, 3, 1)
SENT = date(2024, 1, 15)
TODAY = date(2024, 3, 20)


def plan_on_hearing() -> Plan:
    plan = Plan.start("mr-2024", "Handlingsplan", "mr", 2024, 2025, BY)
    plan.add_area("1", "Samhandling", BY)
    plan.add_goal("1.1", "Betre overgangar", BY)
    plan.add_measure("1.1.1", "Felles rutine", BY, responsible=["SSU"])
    plan.send_on_hearing(DEADLINE, BY, ["Molde kommune", "Ålesund kommune"], sent_on=SENT)
    return plan


# --- extending the deadline ---------------------------------------------------------------


def test_extending_the_deadline_records_the_new_one_and_keeps_the_one_sent() -> None:
    plan = plan_on_hearing()
    plan.collect_events()
    plan.extend_hearing_deadline(date(2024, 3, 15), PER)
    (extended,) = plan.collect_events()
    assert type(extended).__name__ == "HearingDeadlineExtended"
    assert (extended.version, extended.deadline, extended.by) == (1, date(2024, 3, 15), PER)
    hearing = plan.hearing()
    assert (hearing.deadline, hearing.original_deadline) == (date(2024, 3, 15), DEADLINE)
    plan.extend_hearing_deadline(date(2024, 4, 1), BY)
    hearing = plan.hearing()
    assert (hearing.deadline, hearing.original_deadline) == (date(2024, 4, 1), DEADLINE)


def test_a_response_late_for_the_first_deadline_is_in_time_for_the_extended_one() -> None:
    """Lateness is judged against the deadline in force: the extension is for everyone."""
    plan = plan_on_hearing()
    plan.receive_hearing_response("Molde kommune", date(2024, 3, 10), "Sein.", BY, today=TODAY)
    plan.receive_hearing_response("Ålesund kommune", date(2024, 3, 18), "Seinare.", BY, today=TODAY)
    plan.extend_hearing_deadline(date(2024, 3, 15), PER)
    hearing = plan.hearing()
    assert [came_in_late(r.received_on, hearing.deadline) for r in hearing.responses] == [
        False,
        True,
    ]
    shown = marked_late(to_json(hearing))
    assert [r["late"] for r in shown["responses"]] == [False, True]


@pytest.mark.parametrize("day", [DEADLINE, date(2024, 2, 28)])
def test_a_deadline_not_after_the_one_in_force_is_refused(day: date) -> None:
    plan = plan_on_hearing()
    plan.collect_events()
    with pytest.raises(ValidationError) as refused:
        plan.extend_hearing_deadline(day, PER)
    assert refused.value.message == (
        f"Den nye høringsfristen må være etter fristen som gjelder nå (01.03.2024), "
        f"men er {day.strftime('%d.%m.%Y')}."
    )
    assert plan.collect_events() == []


def test_a_deadline_extended_since_it_was_read_is_not_extended_again_unseen() -> None:
    plan = plan_on_hearing()
    plan.extend_hearing_deadline(date(2024, 3, 15), PER, seen=DEADLINE)
    plan.collect_events()
    with pytest.raises(ConcurrentEditError) as refused:
        plan.extend_hearing_deadline(date(2024, 3, 20), BY, seen=DEADLINE)
    assert refused.value.message == (
        "Høringsfristen er 15.03.2024 nå, ikke 01.03.2024 som da du hentet den. "
        "Ingenting er lagret. Se over fristen, og forleng den på nytt om du fortsatt vil."
    )
    assert plan.collect_events() == []
    plan.extend_hearing_deadline(date(2024, 3, 20), BY, seen=date(2024, 3, 15))
    assert plan.hearing().deadline == date(2024, 3, 20)


def test_the_deadline_is_extended_only_while_the_hearing_is_open() -> None:
    plan = Plan.start("mr-2024", "Handlingsplan", "mr", 2024, 2025, BY)
    with pytest.raises(RuleError, match="ikke vært på høring"):
        plan.extend_hearing_deadline(date(2024, 3, 15), PER)
    plan = plan_on_hearing()
    plan.submit(["SSU"], BY)
    plan.extend_hearing_deadline(date(2024, 3, 15), PER)
    plan.approve(1, "SSU", "SSU sak 11/24", date(2024, 4, 1), BY)
    with pytest.raises(RuleError) as refused:
        plan.extend_hearing_deadline(date(2024, 4, 15), PER)
    assert refused.value.message == (
        "Høringen er over: planen er vedtatt. Fristen kan forlenges til versjonen er vedtatt."
    )
    plan.start_revision(BY)
    with pytest.raises(RuleError, match="ikke vært på høring i denne revisjonen"):
        plan.extend_hearing_deadline(date(2024, 9, 1), PER)
    assert plan.hearing(1).deadline == date(2024, 3, 15)


# --- withdrawing a response registered by mistake -------------------------------------------


def test_a_withdrawn_response_stays_in_the_record_with_why_and_is_no_longer_counted() -> None:
    plan = plan_on_hearing()
    plan.receive_hearing_response("Molde kommune", date(2024, 2, 20), "Vi stør.", BY, today=TODAY)
    plan.receive_hearing_response("Molde kommune", date(2024, 2, 20), "Vi stør.", BY, today=TODAY)
    plan.collect_events()
    plan.withdraw_hearing_response(" f2 ", "Registrert to gonger (sjå F1).", PER, today=TODAY)
    (withdrawn,) = plan.collect_events()
    assert type(withdrawn).__name__ == "HearingResponseWithdrawn"
    assert (withdrawn.version, withdrawn.response_id, withdrawn.reason) == (
        1,
        "F2",
        "Registrert to gonger (sjå F1).",
    )
    assert withdrawn.withdrawn_on == TODAY
    hearing = plan.hearing()
    assert [r.id for r in hearing.responses] == ["F1", "F2"]
    assert hearing.response("F2").withdrawal == HearingWithdrawal(
        "Registrert to gonger (sjå F1).", TODAY, "Per Hansen"
    )
    assert hearing.response("F1").withdrawal is None
    assert [r.id for r in hearing.active_responses] == ["F1"]
    assert [r.id for r in hearing.unanswered] == ["F1"]


def test_the_next_response_after_a_withdrawal_gets_a_new_id() -> None:
    plan = plan_on_hearing()
    plan.receive_hearing_response("Feil kommune", date(2024, 2, 20), "Feil plan.", BY, today=TODAY)
    plan.withdraw_hearing_response("F1", "Gjald ein annan plan.", PER, today=TODAY)
    assert plan.receive_hearing_response("Molde kommune", TODAY, "Ok.", BY, today=TODAY) == "F2"


def test_a_withdrawn_response_is_neither_answered_nor_withdrawn_again() -> None:
    plan = plan_on_hearing()
    plan.receive_hearing_response("Molde kommune", date(2024, 2, 20), "Ok.", BY, today=TODAY)
    plan.withdraw_hearing_response("F1", "Feil organ.", PER, today=TODAY)
    plan.collect_events()
    with pytest.raises(RuleError) as answered:
        plan.answer_hearing_response("F1", "Takk.", TODAY, BY, today=TODAY)
    assert answered.value.message == (
        "Uttalelsen F1 fra Molde kommune er trukket tilbake (20.03.2024 av Per Hansen: "
        "Feil organ.) og kan ikke besvares."
    )
    with pytest.raises(RuleError) as again:
        plan.withdraw_hearing_response("F1", "To gonger.", BY, today=TODAY)
    assert again.value.message == (
        "Uttalelsen F1 fra Molde kommune er allerede trukket tilbake (20.03.2024 av "
        "Per Hansen: Feil organ.)."
    )
    assert plan.collect_events() == []


def test_a_withdrawal_needs_a_reason_and_a_known_response() -> None:
    plan = plan_on_hearing()
    plan.receive_hearing_response("Molde kommune", date(2024, 2, 20), "Ok.", BY, today=TODAY)
    with pytest.raises(ValidationError, match="Begrunnelsen må fylles ut"):
        plan.withdraw_hearing_response("F1", "  ", PER, today=TODAY)
    with pytest.raises(NotFoundError, match="Fant ikke uttalelsen F9 i mr-2024"):
        plan.withdraw_hearing_response("F9", "Feil.", PER, today=TODAY)


def test_an_answered_response_can_be_withdrawn_and_its_answer_stays_in_the_record() -> None:
    plan = plan_on_hearing()
    plan.receive_hearing_response("Molde kommune", date(2024, 2, 20), "Ok.", BY, today=TODAY)
    plan.answer_hearing_response("F1", "Takk.", TODAY, BY, today=TODAY)
    plan.withdraw_hearing_response("F1", "Feil plan.", PER, today=TODAY)
    response = plan.hearing().response("F1")
    assert response.answer is not None and response.withdrawal is not None
    assert plan.hearing().unanswered == ()


def test_responses_are_withdrawn_only_while_their_hearing_is_open() -> None:
    plan = plan_on_hearing()
    plan.receive_hearing_response("Molde kommune", date(2024, 2, 20), "Ok.", BY, today=TODAY)
    plan.submit(["SSU"], BY)
    plan.approve(1, "SSU", "SSU sak 11/24", date(2024, 4, 1), BY)
    with pytest.raises(RuleError) as refused:
        plan.withdraw_hearing_response("F1", "Feil plan.", PER, today=TODAY)
    assert refused.value.message == (
        "Høringen er over: planen er vedtatt. "
        "Uttalelser kan trekkes tilbake til versjonen er vedtatt."
    )
    plan.start_revision(BY)
    plan.send_on_hearing(date(2024, 10, 1), BY, sent_on=date(2024, 9, 2))
    with pytest.raises(RuleError) as old:
        plan.withdraw_hearing_response("F1", "Feil plan.", PER, today=TODAY)
    assert old.value.message == (
        "Uttalelsen F1 hører til høringen av versjon 1, som er over. "
        "Uttalelser kan trekkes tilbake til versjonen er vedtatt."
    )


# --- stored and read back -------------------------------------------------------------------


def test_an_extension_and_a_withdrawal_read_back_from_a_fresh_process(
    database_url: str, by: Provenance
) -> None:
    with Planlogg.from_url(database_url) as app:
        app.create_plan("mr-2024", "Handlingsplan", "mr", 2023, 2025, by)
        app.send_on_hearing("mr-2024", DEADLINE, by, asked=["Molde kommune"], sent_on=SENT)
        app.receive_hearing_response(
            "mr-2024", "Molde kommune", "Ok.", by, received_on=date(2024, 2, 1)
        )
        app.extend_hearing_deadline("mr-2024", date(2024, 3, 15), by, seen=DEADLINE)
        app.withdraw_hearing_response("mr-2024", "F1", "Feil plan.", by)
    with Planlogg.from_url(database_url) as fresh:
        hearing = fresh.hearing("mr-2024")
        assert (hearing.deadline, hearing.original_deadline) == (date(2024, 3, 15), DEADLINE)
        withdrawal = hearing.response("F1").withdrawal
        assert withdrawal is not None
        assert (withdrawal.reason, withdrawal.withdrawn_by) == ("Feil plan.", by.actor)

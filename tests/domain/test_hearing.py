"""A hearing of the draft: who was asked, the responses, the secretariat's answers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import ConcurrentEditError, NotFoundError, RuleError, ValidationError
from domain.hearing import HearingAnswer, HearingState
from domain.plan import Plan
from domain.plan_state import PlanHeader
from domain.plan_upcast import plan_state_v2_to_v3
from domain.provenance import Provenance, Source
from domain.vocabulary import Stage

BY = Provenance("Kari Nordmann", Source.CLI, reason="test", decision="SSU sak 3/24")
SECRETARIAT = Provenance("Siri Sekretær", Source.WEB, reason="svar")


def plan_on_hearing() -> Plan:
    plan = Plan.start("mr-2024", "Handlingsplan", "mr", 2024, 2025, BY)
    plan.add_area("1", "Samhandling", BY)
    plan.add_goal("1.1", "Betre overgangar", BY)
    plan.add_measure("1.1.1", "Felles rutine", BY, responsible=["SSU"])
    plan.send_on_hearing(
        date(2024, 3, 1),
        BY,
        ["Ålesund kommune", "Molde kommune", "Ålesund kommune"],
        sent_on=date(2024, 1, 15),
    )
    return plan


def test_sending_on_hearing_records_who_was_asked_once_each() -> None:
    plan = plan_on_hearing()
    events = plan.collect_events()
    sent = events[-1]
    assert type(sent).__name__ == "SentOnHearing"
    assert type(sent).class_version == 3
    assert sent.asked == ["Ålesund kommune", "Molde kommune"]
    assert plan.hearing() == HearingState(
        version=1,
        deadline=date(2024, 3, 1),
        asked=("Ålesund kommune", "Molde kommune"),
        sent_by="Kari Nordmann",
        decision="SSU sak 3/24",
        sent_on=date(2024, 1, 15),
    )
    assert plan.stage == Stage.HEARING


def test_responses_get_ids_and_keep_attachments_by_reference() -> None:
    plan = plan_on_hearing()
    first = plan.receive_hearing_response(
        "Ålesund kommune", date(2024, 2, 20), "Vi stør tiltaket.", BY, ["fråsegn.pdf"]
    )
    second = plan.receive_hearing_response(
        "Brukarrådet", date(2024, 3, 4), "Ta med brukarane.", BY,
        ["https://example.org/brukarradet.pdf", " "],
    )  # fmt: skip
    assert (first, second) == ("F1", "F2")
    responses = plan.hearing().responses
    assert [(r.id, r.respondent, r.attachments) for r in responses] == [
        ("F1", "Ålesund kommune", ("fråsegn.pdf",)),
        ("F2", "Brukarrådet", ("https://example.org/brukarradet.pdf",)),
    ]
    assert responses[1].received_on == date(2024, 3, 4)
    assert responses[1].recorded_by == "Kari Nordmann"


def test_the_secretariat_answers_each_response_once_unless_replacing() -> None:
    plan = plan_on_hearing()
    plan.receive_hearing_response("Molde kommune", date(2024, 2, 1), "For vagt.", BY)
    plan.answer_hearing_response("f1", "Teke til følgje i 1.1.1.", date(2024, 3, 10), SECRETARIAT)
    assert plan.hearing().response("F1").answer == HearingAnswer(
        "Teke til følgje i 1.1.1.", date(2024, 3, 10), "Siri Sekretær"
    )
    assert plan.hearing().unanswered == ()
    with pytest.raises(RuleError, match="allerede besvart"):
        plan.answer_hearing_response("F1", "Nytt svar", date(2024, 3, 11), SECRETARIAT)
    plan.answer_hearing_response("F1", "Nytt svar", date(2024, 3, 11), SECRETARIAT, replace=True)
    answer = plan.hearing().response("F1").answer
    assert answer is not None and answer.text == "Nytt svar"


def test_an_unknown_response_cannot_be_answered() -> None:
    plan = plan_on_hearing()
    with pytest.raises(NotFoundError, match="F9"):
        plan.answer_hearing_response("F9", "Svar", date(2024, 3, 10), SECRETARIAT)


def test_a_response_needs_a_sender_and_a_text() -> None:
    plan = plan_on_hearing()
    with pytest.raises(ValidationError, match="Avsenderen"):
        plan.receive_hearing_response(" ", date(2024, 2, 1), "Tekst", BY)
    with pytest.raises(ValidationError, match="Uttalelsen"):
        plan.receive_hearing_response("Molde kommune", date(2024, 2, 1), "", BY)


def test_no_response_without_a_hearing_and_none_after_adoption() -> None:
    plan = Plan.start("mr-2024", "Handlingsplan", "mr", 2024, 2025, BY)
    with pytest.raises(RuleError, match="ikke vært på høring"):
        plan.receive_hearing_response("Molde kommune", date(2024, 2, 1), "Tekst", BY)
    plan = plan_on_hearing()
    plan.submit(["SSU"], BY)
    assert plan.receive_hearing_response("Sein kommune", date(2024, 3, 9), "Sein.", BY) == "F1"
    plan.approve(1, "SSU", "SSU sak 11/24", date(2024, 4, 1), BY)
    with pytest.raises(RuleError, match="Høringen er over"):
        plan.receive_hearing_response("Seinare kommune", date(2024, 4, 9), "For sein.", BY)
    plan.answer_hearing_response("F1", "Vurdert.", date(2024, 4, 10), SECRETARIAT)
    plan.start_revision(BY)
    with pytest.raises(RuleError, match="ikke vært på høring i denne revisjonen"):
        plan.receive_hearing_response("Ny kommune", date(2024, 9, 1), "Tekst", BY)
    assert plan.hearing(1).response("F1").answer == HearingAnswer(
        "Vurdert.", date(2024, 4, 10), "Siri Sekretær"
    )
    with pytest.raises(NotFoundError, match="Versjon 2"):
        plan.hearing(2)


def test_a_stored_version_1_event_reads_as_a_hearing_that_named_no_one() -> None:
    state: dict[str, Any] = {"deadline": date(2024, 3, 1)}
    Plan.SentOnHearing.upcast_v1_v2(state)
    assert state == {"deadline": date(2024, 3, 1), "asked": []}


def test_a_version_2_snapshot_gets_the_hearing_it_was_on() -> None:
    header = PlanHeader("p", "P", "o", 2024, 2025, stage=Stage.HEARING,
                        hearing_deadline=date(2024, 3, 1), working_version=2)  # fmt: skip
    state: dict[str, Any] = {"header": header}
    plan_state_v2_to_v3(state)
    assert state["hearings"] == {"2": HearingState(2, date(2024, 3, 1))}
    state = {"header": PlanHeader("p", "P", "o", 2024, 2025)}
    plan_state_v2_to_v3(state)
    assert state["hearings"] == {}


PER = Provenance("Per Hansen", Source.WEB, reason="svar")


def test_replacing_an_answer_changed_since_it_was_seen_is_refused_naming_it() -> None:
    plan = plan_on_hearing()
    plan.receive_hearing_response("Molde kommune", date(2024, 2, 1), "For vagt.", BY)
    plan.answer_hearing_response("F1", "Teke til følgje.", date(2024, 3, 10), SECRETARIAT)
    plan.answer_hearing_response(
        "F1", "Delvis teke til følgje.", date(2024, 3, 11), PER, replace=True,
        seen="Teke til følgje.",
    )  # fmt: skip
    plan.collect_events()
    with pytest.raises(ConcurrentEditError) as refused:
        plan.answer_hearing_response(
            "F1", "Ikkje teke til følgje.", date(2024, 3, 12), SECRETARIAT, replace=True,
            seen="Teke til følgje.\r\n",
        )  # fmt: skip
    assert refused.value.message == (
        "Uttalelsen F1 fra Molde kommune ble besvart av Per Hansen 11.03.2024 etter at du "
        "hentet den: «Delvis teke til følgje.». Ingenting er lagret. Se over svaret, og "
        "erstatt det på nytt om du fortsatt vil."
    )
    assert plan.collect_events() == []
    assert plan.hearing().response("F1").answer == HearingAnswer(
        "Delvis teke til følgje.", date(2024, 3, 11), "Per Hansen"
    )


def test_an_answer_given_since_a_response_was_seen_unanswered_is_not_replaced() -> None:
    plan = plan_on_hearing()
    plan.receive_hearing_response("Molde kommune", date(2024, 2, 1), "For vagt.", BY)
    plan.answer_hearing_response("F1", "Teke til følgje.", date(2024, 3, 10), PER)
    with pytest.raises(ConcurrentEditError, match=r"ble besvart av Per Hansen 10\.03\.2024"):
        plan.answer_hearing_response(
            "F1", "Mitt svar.", date(2024, 3, 11), SECRETARIAT, replace=True, seen=""
        )
    plan.answer_hearing_response(
        "F1", "Mitt svar.", date(2024, 3, 11), SECRETARIAT, replace=True, seen=" Teke til følgje."
    )
    answer = plan.hearing().response("F1").answer
    assert answer is not None and answer.text == "Mitt svar."

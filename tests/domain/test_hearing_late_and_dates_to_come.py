"""Hearing and approval dates as the record must show them: a response after the deadline
is kept and said to be late, no date after today in Norway is kept (a response that has
not come, an answer not given), and an approval's case names its body as the register
writes it ("osu sak 4/25" is "OSU sak 04/25")."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.application import Planlogg
from domain.errors import ValidationError
from domain.hearing import HearingResponse, came_in_late, check_answer_date, marked_late
from domain.norwegian_time import oslo_today
from domain.plan import Plan
from domain.provenance import Provenance, Source

BY = Provenance("Siri Sekretær", Source.CLI, reason="test")
KEY = "hf-2025"
DEADLINE = date(2025, 3, 1)
SENT = date(2025, 2, 3)


def plan_on_hearing() -> Plan:
    plan = Plan.start(KEY, "Handlingsplan 2025", "hf", 2025, 2026, BY)
    plan.add_area("1", "Pasientforløp", BY)
    plan.add_goal("1.1", "Tidleg innsats", BY)
    plan.add_measure("1.1.1", "Etablere arbeidsgruppe", BY, responsible=["ASU"])
    plan.send_on_hearing(DEADLINE, BY, ["Molde kommune", "Ålesund kommune"], sent_on=SENT)
    return plan


# --- late responses ---------------------------------------------------------------------


def test_a_response_after_the_deadline_is_kept_as_late_one_on_the_deadline_in_time() -> None:
    plan = plan_on_hearing()
    plan.receive_hearing_response("Molde kommune", DEADLINE, "Vi støttar planen.", BY)
    plan.receive_hearing_response(
        "Ålesund kommune", DEADLINE + timedelta(days=1), "Seint, men viktig.", BY
    )
    hearing = plan.hearing()
    assert [r.id for r in hearing.responses] == ["F1", "F2"]
    late = [came_in_late(r.received_on, hearing.deadline) for r in hearing.responses]
    assert late == [False, True]


def test_the_json_form_of_a_hearing_says_which_responses_came_in_late() -> None:
    shown = {
        "deadline": "2025-03-01",
        "responses": [
            {"id": "F1", "received_on": "2025-02-28"},
            {"id": "F2", "received_on": "2025-03-02"},
        ],
    }
    marked = marked_late(shown)
    assert [(r["id"], r["late"]) for r in marked["responses"]] == [("F1", False), ("F2", True)]
    assert "late" not in shown["responses"][0], "the hearing given is not changed"


# --- dates that have not come yet -------------------------------------------------------


def test_an_answer_dated_after_today_in_norway_is_refused_and_nothing_recorded() -> None:
    plan = plan_on_hearing()
    plan.receive_hearing_response("Molde kommune", date(2025, 2, 20), "Vi støttar planen.", BY)
    plan.collect_events()
    tomorrow = oslo_today() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        plan.answer_hearing_response("F1", "Takk, teke til følgje.", tomorrow, BY)
    assert refused.value.message == (
        f"Svaret kan ikke være datert {tomorrow:%d.%m.%Y}, som er etter dagens dato "
        f"({oslo_today():%d.%m.%Y})."
    )
    assert plan.collect_events() == []
    plan.answer_hearing_response("F1", "Takk, teke til følgje.", oslo_today(), BY)
    assert plan.hearing().responses[0].answer is not None


def test_today_is_the_day_in_norway_not_on_the_servers_clock(norwegian_clock: type) -> None:
    """At 23:30 UTC on 1 March it is already 2 March in Norway: an answer dated 2 March is
    given today, one dated 3 March is not given yet."""
    response = HearingResponse("F1", "Molde kommune", date(2025, 2, 20), "Ok.")
    check_answer_date(response, date(2025, 3, 2))
    with pytest.raises(ValidationError):
        check_answer_date(response, date(2025, 3, 3))


def test_a_response_said_to_come_in_after_today_is_refused_and_nothing_recorded() -> None:
    plan = plan_on_hearing()
    plan.collect_events()
    tomorrow = oslo_today() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        plan.receive_hearing_response("Molde kommune", tomorrow, "Vi støttar planen.", BY)
    assert refused.value.message == (
        f"En uttalelse kan ikke ha kommet inn {tomorrow:%d.%m.%Y}, som er etter dagens "
        f"dato ({oslo_today():%d.%m.%Y})."
    )
    assert plan.collect_events() == []
    assert plan.hearing().responses == ()


# --- the case of an approval, written as the register writes it --------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("osu sak 4/25", "OSU sak 04/25"),
        ("OSU sak 4/25", "OSU sak 04/25"),
        ("osu-sak 4/2025", "OSU sak 04/25"),
        ("sak 4/25 osu", "OSU sak 04/25"),
        ("sak 4/25", "OSU sak 04/25"),
        ("overordna samarbeidsutval sak 4/25", "OSU sak 04/25"),
        ("samarbeidsutvalet sak 4/25", "OSU sak 04/25"),
    ],
)
def test_the_case_names_its_body_as_the_register_spells_it(
    memory_app: Planlogg, typed: str, kept: str
) -> None:
    """A short name, a name or an alias, typed in any letters (or no body at all), is written
    the one way the register writes the body: its short name, "OSU sak 04/25". Before, only
    the approving body's own name was, and "osu sak 4/25" stayed in lower case beside it."""
    version = submitted_for_osu(memory_app)
    memory_app.approve(KEY, version, "Overordna samarbeidsutval", typed, date(2025, 3, 13), BY)
    submission = memory_app.get_plan(KEY).header.submission
    assert submission is not None
    assert submission.approvals["Overordna samarbeidsutval"].case == kept


def test_a_body_the_register_does_not_have_is_kept_as_typed_in_the_plan() -> None:
    plan = plan_on_hearing()
    version = plan.submit(["ASU"], BY)
    plan.approve(version, "ASU", "fagrådet sak 4/25", date(2025, 3, 13), BY)
    submission = plan.header.submission
    assert submission is not None
    assert submission.approvals["ASU"].case == "fagrådet sak 04/25"


def submitted_for_osu(memory_app: Planlogg) -> int:
    memory_app.register_community("hf", "Helsefellesskapet", BY)
    memory_app.add_body(
        "hf",
        "Overordna samarbeidsutval",
        "strategisk",
        BY,
        short_name="OSU",
        aliases=["Samarbeidsutvalet"],
    )
    memory_app.create_plan(KEY, "Handlingsplan 2025", "hf", 2025, 2026, BY)
    memory_app.add_area(KEY, "1", "Pasientforløp", BY)
    memory_app.add_goal(KEY, "1.1", "Tidleg innsats", BY)
    memory_app.add_measure(KEY, "1.1.1", "Etablere arbeidsgruppe", BY, responsible=["OSU"])
    return memory_app.submit(KEY, ["Overordna samarbeidsutval"], BY)


def test_the_approval_and_the_registered_decision_write_the_case_alike(
    memory_app: Planlogg,
) -> None:
    memory_app.register_community("hf", "Helsefellesskapet", BY)
    memory_app.add_body("hf", "Overordna samarbeidsutval", "strategisk", BY, short_name="OSU")
    registered = memory_app.record_decision(
        "hf", "osu sak 4/25", "Overordna samarbeidsutval", date(2025, 3, 13), "Vedtak.", BY
    )
    memory_app.create_plan(KEY, "Handlingsplan 2025", "hf", 2025, 2026, BY)
    memory_app.add_area(KEY, "1", "Pasientforløp", BY)
    memory_app.add_goal(KEY, "1.1", "Tidleg innsats", BY)
    memory_app.add_measure(KEY, "1.1.1", "Etablere arbeidsgruppe", BY, responsible=["OSU"])
    version = memory_app.submit(KEY, ["Overordna samarbeidsutval"], BY)
    memory_app.approve(
        KEY, version, "Overordna samarbeidsutval", "osu sak 4/25", date(2025, 3, 13), BY
    )
    submission = memory_app.get_plan(KEY).header.submission
    assert submission is not None
    assert submission.approvals["Overordna samarbeidsutval"].case == registered
    assert registered == "OSU sak 04/25"

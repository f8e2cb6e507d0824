"""Which reminder step is due, and the plan's rules for intents, outcomes and resends."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import NotFoundError, RuleError, ValidationError
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.reminders import (
    MAX_SCHEDULE_DAYS,
    Reminder,
    ReminderAnswers,
    ReminderStatus,
    due_step,
    has_reported,
    parse_schedule,
    refused_words,
    some_answers,
    standing,
    step_label,
)
from language import speaking
from tests.domain.test_plan import plan_from_2024

BY = Provenance("Sekretariatet", Source.CLI, decision="SSU sak 11/24")
DEADLINE = date(2024, 9, 11)


@pytest.mark.parametrize(
    ("today", "step"),
    [
        (date(2024, 8, 27), None),
        (date(2024, 8, 28), 14),
        (date(2024, 9, 7), 14),
        (date(2024, 9, 8), 3),
        (date(2024, 9, 11), 3),
        (date(2024, 9, 12), -1),
        (date(2026, 11, 30), -1),
    ],
)
def test_the_latest_step_whose_day_has_come_is_due(today: date, step: int | None) -> None:
    assert due_step((14, 3, -1), DEADLINE, today) == step


def test_a_schedule_is_read_as_distinct_days_latest_first() -> None:
    assert parse_schedule("3, 14,-1;14") == (14, 3, -1)
    assert parse_schedule("") == ()
    assert step_label(14) == "14 dager før fristen"
    assert step_label(-1) == "1 dag etter fristen"
    with pytest.raises(ValidationError, match="«ein» er ikke et antall dager"):
        parse_schedule("14,ein")
    assert parse_schedule(f"{MAX_SCHEDULE_DAYS},-{MAX_SCHEDULE_DAYS}") == (366, -366)
    with pytest.raises(ValidationError, match="høyst ±366"):
        parse_schedule("400")


def _plan() -> Plan:
    plan = Plan.start("p", "Plan", "mr", 2024, 2025, BY)
    plan.open_reporting_round(DEADLINE, ["FSU Psykisk helse", "SSU"], BY, (14, -1))
    return plan


def test_a_second_intent_for_the_same_body_and_step_is_refused() -> None:
    plan = _plain_intent()
    with pytest.raises(RuleError, match=r"har allerede en påminnelse .*kanskje sendt"):
        plan.intend_reminder("R1", "SSU", -1, ("ssu@example.org",), BY)
    assert plan.intend_reminder("R1", "SSU", 14, ("ssu@example.org",), BY) == 1


def _plain_intent() -> Plan:
    plan = _plan()
    assert plan.intend_reminder("R1", "SSU", -1, ("ssu@example.org",), BY) == 1
    return plan


def test_outcomes_and_a_resend_move_the_reminder_on() -> None:
    plan = _plain_intent()
    plan.record_reminder_outcome("R1", "SSU", -1, 1, False, "550 ukjend", BY)
    assert plan.intend_reminder("R1", "SSU", -1, ("ny@example.org",), BY, resend=True) == 2
    with pytest.raises(RuleError, match="sendt på nytt siden"):
        plan.record_reminder_outcome("R1", "SSU", -1, 1, True, "", BY)
    plan.record_reminder_outcome("R1", "SSU", -1, 2, True, "", BY)
    reminder = plan.rounds["R1"].reminder("SSU", -1)
    assert reminder is not None
    assert (reminder.status, reminder.attempt, reminder.recipients) == (
        ReminderStatus.SENT,
        2,
        ("ny@example.org",),
    )


def test_a_reminder_the_server_put_off_is_intended_again_without_a_resend() -> None:
    """A failed reminder waits for a person; one the server put off (4xx) took nothing, so
    the next run intends it again by itself, as the next attempt."""
    plan = _plain_intent()
    with pytest.raises(RuleError, match="sendt på nytt siden"):
        plan.defer_reminder("R1", "SSU", -1, 2, "451 seinare", BY)
    plan.defer_reminder("R1", "SSU", -1, 1, "451 seinare", BY)
    reminder = plan.rounds["R1"].reminder("SSU", -1)
    assert reminder is not None
    assert (reminder.status, reminder.note) == (ReminderStatus.DEFERRED, "451 seinare")
    assert not reminder.status.delivered
    with pytest.raises(RuleError, match="kan ikke bekreftes sendt: e-posttjeneren har svart"):
        plan.confirm_reminder_delivered("SSU", -1, BY)
    assert plan.intend_reminder("R1", "SSU", -1, ("ssu@example.org",), BY) == 2
    plan.record_reminder_outcome("R1", "SSU", -1, 2, False, "550 ukjend", BY)
    with pytest.raises(RuleError, match=r"har allerede en påminnelse .*ikke sendt \(feil\)"):
        plan.intend_reminder("R1", "SSU", -1, ("ssu@example.org",), BY)


def test_only_a_kanskje_sendt_reminder_can_be_confirmed() -> None:
    plan = _plain_intent()
    plan.confirm_reminder_delivered("SSU", -1, BY)
    assert plan.rounds["R1"].reminder("SSU", -1).status is ReminderStatus.CONFIRMED  # type: ignore[union-attr]
    with pytest.raises(RuleError, match=r"er alt sendt\. Bare en påminnelse som er «kanskje"):
        plan.confirm_reminder_delivered("SSU", -1, BY)


def test_reminders_name_a_body_and_step_of_the_open_round() -> None:
    plan = _plan()
    with pytest.raises(NotFoundError, match="skal ikke rapportere"):
        plan.intend_reminder("R1", "PSU", -1, ("psu@example.org",), BY)
    with pytest.raises(NotFoundError, match="har ikke påminnelse 3"):
        plan.intend_reminder("R1", "SSU", 3, ("ssu@example.org",), BY)
    with pytest.raises(RuleError, match="ingen e-postadresse"):
        plan.intend_reminder("R1", "SSU", -1, (), BY)
    plan.close_reporting_round(BY)
    with pytest.raises(RuleError, match="Ingen rapporteringsrunde er åpen"):
        plan.intend_reminder("R1", "SSU", -1, ("ssu@example.org",), BY)


def test_the_schedule_is_recorded_only_when_it_is_not_the_default() -> None:
    plan = Plan.start("p", "Plan", "mr", 2024, 2025, BY)
    plan.open_reporting_round(DEADLINE, ["SSU"], BY)
    names = [type(e).__name__ for e in plan.collect_events()]
    assert names == ["PlanCreated", "ReportingRoundOpened"]
    assert plan.rounds["R1"].schedule == (14, 3, -1)
    plan.set_reminder_schedule((7,), BY)
    assert [type(e).__name__ for e in plan.collect_events()] == ["ReminderScheduleSet"]
    assert plan.rounds["R1"].schedule == (7,)


def test_a_rounds_reminders_survive_a_snapshot() -> None:
    from domain.plan_state import RoundState
    from domain.state_json import from_json, to_json

    plan = _plain_intent()
    plan.record_reminder_outcome("R1", "SSU", -1, 1, True, "Avvist: x", BY)
    state = plan.rounds["R1"]
    assert from_json(RoundState, to_json(state)) == state
    assert from_json(RoundState, {"deadline": "2024-09-11", "bodies": ["SSU"], "decision": ""}) == (
        RoundState(DEADLINE, ("SSU",), "")
    )


SCHEDULE = (14, 3, -1)


def put_off(step: int) -> Reminder:
    return Reminder("sekretariat", step, ReminderStatus.DEFERRED, 1, ("s@example.org",))


def test_a_reminder_put_off_stands_as_not_needed_once_the_body_has_reported() -> None:
    found = standing(put_off(3), reported=True, due=3, schedule=SCHEDULE)

    assert found.status is ReminderStatus.UNNEEDED
    with speaking("nb"):
        assert found.status.label == (
            "ikke sendt (utsatt av e-posttjeneren, organet har rapportert siden)"
        )


def test_a_reminder_put_off_stands_as_superseded_once_a_later_step_is_due() -> None:
    """Only the latest due step is sent, so the one put off is never tried again, whether
    or not the body has an address for the later step's reminder."""
    assert standing(put_off(3), reported=False, due=-1, schedule=SCHEDULE).status is (
        ReminderStatus.SUPERSEDED
    )
    assert standing(put_off(3), reported=False, due=3, schedule=SCHEDULE).status is (
        ReminderStatus.DEFERRED
    )


def test_a_reminder_put_off_stands_as_dropped_once_its_step_is_out_of_the_schedule() -> None:
    """Only the schedule's steps are sent: with step 3 taken out, the one put off there is never
    tried again, and said so, whichever step is due now."""
    for due in (14, None, -1):
        found = standing(put_off(3), reported=False, due=due, schedule=(14, -1))
        assert found.status is ReminderStatus.DROPPED
    with speaking("nn"):
        assert found.status.label == (
            "ikkje sendt (utsett av e-posttenaren, steget er teke ut av planen for påminningar)"
        )


def test_a_reminder_put_off_whose_step_is_ahead_again_waits_for_it() -> None:
    """The round's deadline moved later: step 3's day is ahead again, and the run on that day
    sends it."""
    assert standing(put_off(3), reported=False, due=14, schedule=SCHEDULE).status is (
        ReminderStatus.DEFERRED
    )


@pytest.mark.parametrize("status", [s for s in ReminderStatus if s is not ReminderStatus.DEFERRED])
def test_only_a_reminder_put_off_stands_otherwise_than_its_events_left_it(
    status: ReminderStatus,
) -> None:
    reminder = Reminder("sekretariat", 3, status)
    assert standing(reminder, reported=True, due=-1, schedule=()) == reminder


A, B, C = "a@example.org", "b@example.org", "c@example.org"


def _answered_apart() -> Plan:
    """SSU's step -1 to three addresses: A took it, B was put off, C refused for good."""
    plan = _plan()
    assert plan.intend_reminder("R1", "SSU", -1, (A, B, C), BY) == 1
    answers = ReminderAnswers(taken=(A,), put_off={B: "451 seinare"}, refused={C: "550 ukjend"})
    plan.record_reminder_answers("R1", "SSU", -1, 1, answers, BY)
    return plan


def _ssu(plan: Plan) -> Reminder:
    found = plan.rounds["R1"].reminder("SSU", -1)
    assert found is not None
    return found


def test_a_step_some_addresses_took_is_partly_sent_and_says_what_became_of_the_others() -> None:
    plan = _answered_apart()

    found = _ssu(plan)
    assert (found.status, found.taken, dict(found.put_off), dict(found.refused)) == (
        ReminderStatus.PARTLY_SENT, (A,), {B: "451 seinare"}, {C: "550 ukjend"},
    )  # fmt: skip
    assert not found.status.delivered
    assert found.tried_again
    with speaking("nb"):
        assert found.words == (
            f"delvis sendt: {B} utsatt av e-posttjeneren (prøves igjen), "
            f"{C} avvist av e-posttjeneren: "
            f"postkassen finnes ikke eller tar ikke imot e-post (550 ukjend)"
        )
    names = [type(e).__name__ for e in plan.collect_events()][-2:]
    assert names == ["ReminderIntended", "ReminderRecipientsAnswered"]


def test_the_next_attempt_goes_only_to_the_addresses_put_off_and_is_sent_when_all_took_it() -> None:
    plan = _answered_apart()
    for wrong in ((A, B), (B, C), (B, "ny@example.org")):
        with pytest.raises(RuleError):
            plan.intend_reminder("R1", "SSU", -1, wrong, BY)
    assert plan.intend_reminder("R1", "SSU", -1, (B.upper(),), BY) == 2
    assert _ssu(plan).status is ReminderStatus.INTENDED
    plan.record_reminder_outcome("R1", "SSU", -1, 2, True, "", BY)

    found = _ssu(plan)
    assert (found.status, found.taken, dict(found.put_off)) == (
        ReminderStatus.PARTLY_SENT, (A, B.upper()), {},
    )  # fmt: skip
    assert not found.tried_again
    with pytest.raises(RuleError, match="har allerede en påminnelse"):
        plan.intend_reminder("R1", "SSU", -1, (C,), BY)


def test_a_resend_goes_to_no_address_that_took_the_step() -> None:
    plan = _answered_apart()
    with pytest.raises(RuleError, match=f"{A} har allerede fått påminnelsen til SSU"):
        plan.intend_reminder("R1", "SSU", -1, (A, C), BY, resend=True)
    assert plan.intend_reminder("R1", "SSU", -1, (B, C), BY, resend=True) == 2
    plan.record_reminder_outcome("R1", "SSU", -1, 2, True, "", BY)
    assert _ssu(plan).status is ReminderStatus.SENT
    assert _ssu(plan).taken == (A, B, C)


def test_an_attempt_put_off_again_or_refused_again_leaves_the_step_partly_sent() -> None:
    plan = _answered_apart()
    plan.intend_reminder("R1", "SSU", -1, (B,), BY)
    plan.defer_reminder("R1", "SSU", -1, 2, "452 fullt", BY)
    assert (_ssu(plan).status, dict(_ssu(plan).put_off)) == (
        ReminderStatus.PARTLY_SENT, {B: "452 fullt"},
    )  # fmt: skip
    plan.intend_reminder("R1", "SSU", -1, (B,), BY)
    plan.record_reminder_outcome("R1", "SSU", -1, 3, False, "550 borte", BY)
    found = _ssu(plan)
    assert (found.status, dict(found.put_off), dict(found.refused)) == (
        ReminderStatus.PARTLY_SENT, {}, {B: "550 borte", C: "550 ukjend"},
    )  # fmt: skip
    assert not found.tried_again


def test_a_step_whose_other_addresses_are_unknown_stays_kanskje_sendt_for_them() -> None:
    """The hand-over of B's mail broke: A's answer is recorded, B's is not known; confirming
    it makes the step sent, a resend goes to B only."""
    plan = _plan()
    plan.intend_reminder("R1", "SSU", -1, (A, B), BY)
    plan.record_reminder_answers("R1", "SSU", -1, 1, ReminderAnswers(taken=(A,)), BY)
    assert (_ssu(plan).status, _ssu(plan).taken) == (ReminderStatus.INTENDED, (A,))
    plan.confirm_reminder_delivered("SSU", -1, BY)
    assert (_ssu(plan).status, _ssu(plan).taken) == (ReminderStatus.CONFIRMED, (A, B))


def test_answers_for_addresses_the_attempt_was_not_sent_to_are_refused() -> None:
    plan = _plan()
    plan.intend_reminder("R1", "SSU", -1, (A, B), BY)
    with pytest.raises(ValueError, match="not for the attempt"):
        plan.record_reminder_answers("R1", "SSU", -1, 1, ReminderAnswers(taken=(C,)), BY)
    with pytest.raises(RuleError, match="sendt på nytt siden"):
        plan.record_reminder_answers("R1", "SSU", -1, 2, ReminderAnswers(taken=(A,)), BY)


def test_a_step_recorded_sent_before_per_address_answers_reads_as_before() -> None:
    """A `ReminderSent` whose note names an address refused (as steps were recorded before
    `ReminderRecipientsAnswered`) is sent, and its step is not tried again."""
    plan = _plan()
    plan.intend_reminder("R1", "SSU", -1, (A, B), BY)
    plan.record_reminder_outcome("R1", "SSU", -1, 1, True, f"Avvist: {B} (550 ukjend).", BY)
    found = _ssu(plan)
    assert (found.status, found.note, found.words) == (
        ReminderStatus.SENT, f"Avvist: {B} (550 ukjend).", "sendt",
    )  # fmt: skip
    assert (found.taken, found.put_off, found.refused) == ((), {}, {})
    assert not found.tried_again


@pytest.mark.parametrize("delivered", [True, False])
def test_a_whole_steps_outcome_keeps_no_answers_per_address_as_before_they_were_kept(
    delivered: bool,
) -> None:
    """Stores, snapshots and read models from before `ReminderRecipientsAnswered` hold no
    answers per address: a step whose addresses were all answered alike must evolve to
    that same state, or a rebuild would differ from what was caught up."""
    plan = _plan()
    plan.intend_reminder("R1", "SSU", -1, (A, B), BY)
    plan.record_reminder_outcome("R1", "SSU", -1, 1, delivered, "", BY)
    found = _ssu(plan)
    assert (found.taken, found.put_off, found.refused) == ((), {}, {})


def test_answers_naming_an_address_twice_or_one_that_took_the_step_are_refused() -> None:
    plan = _plan()
    plan.intend_reminder("R1", "SSU", -1, (A, B), BY)
    with pytest.raises(ValueError, match="not for the attempt"):
        plan.record_reminder_answers(
            "R1", "SSU", -1, 1, ReminderAnswers(taken=(A,), put_off={A: "451"}), BY
        )
    plan.record_reminder_answers("R1", "SSU", -1, 1, ReminderAnswers(taken=(A,)), BY)
    plan.intend_reminder("R1", "SSU", -1, (B,), BY, resend=True)
    with pytest.raises(ValueError, match="not for the attempt"):
        plan.record_reminder_answers("R1", "SSU", -1, 2, ReminderAnswers(taken=(A,)), BY)


def test_a_partly_sent_step_survives_a_snapshot_and_an_older_snapshot_reads_without_it() -> None:
    from domain.plan_state import RoundState
    from domain.state_json import from_json, to_json

    state = _answered_apart().rounds["R1"]
    assert from_json(RoundState, to_json(state)) == state
    older = to_json(state)
    for reminder in older["reminders"]:
        for name in ("taken", "put_off", "refused", "gave_up", "unlisted"):
            del reminder[name]
    (found,) = from_json(RoundState, older).reminders
    assert (found.taken, found.put_off, found.gave_up) == ((), {}, None)


def test_addresses_put_off_of_a_partly_sent_step_are_given_up_as_a_step_put_off_is() -> None:
    plan = _answered_apart()
    found = _ssu(plan)
    gone = standing(found, reported=True, due=-1, schedule=(14, -1))
    assert (gone.status, gone.gave_up, gone.tried_again) == (
        ReminderStatus.PARTLY_SENT, ReminderStatus.UNNEEDED, False,
    )  # fmt: skip
    with speaking("nb"):
        assert gone.apart_words().startswith(
            f"{B} ikke sendt (utsatt av e-posttjeneren, organet har rapportert siden), "
        )
    assert standing(found, reported=False, due=-1, schedule=(14, -1)) == found
    plan.intend_reminder("R1", "SSU", 14, (A,), BY)  # an earlier step: nothing changes
    assert _ssu(plan).gave_up is None


def test_a_later_steps_intent_gives_up_the_addresses_put_off_of_a_partly_sent_step() -> None:
    plan = _plan()
    plan.intend_reminder("R1", "SSU", 14, (A, B), BY)
    answers = ReminderAnswers(taken=(A,), put_off={B: "451 seinare"})
    plan.record_reminder_answers("R1", "SSU", 14, 1, answers, BY)
    plan.intend_reminder("R1", "SSU", -1, (A, B), BY)
    early = plan.rounds["R1"].reminder("SSU", 14)
    assert early is not None
    assert (early.status, early.gave_up, early.tried_again) == (
        ReminderStatus.PARTLY_SENT, ReminderStatus.SUPERSEDED, False,
    )  # fmt: skip
    with pytest.raises(RuleError, match="har allerede en påminnelse"):
        plan.intend_reminder("R1", "SSU", 14, (B,), BY)


def test_a_servers_long_answer_is_shown_on_one_line_and_cut() -> None:
    answer = "550-5.1.1 The email account that you tried to reach does not exist.\n" + "x" * 500
    assert refused_words(B, answer) == (
        f"{B} avvist av e-posttjeneren: adressen finnes ikke hos mottakeren "
        "(550-5.1.1 The email account that you tried to reach does "
        "not exist. xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…)"
    )


UNLISTED = "ikke sendt (utsatt av e-posttjeneren, adressen er ikke lenger blant organets kontakter)"


def test_an_address_put_off_and_taken_out_of_the_contacts_is_not_said_to_be_tried_again() -> None:
    """The next run sends an address put off only while it is among the body's contacts
    (`notify.due`); as it stands, B is not, so its step must not say "prøves igjen"."""
    found = _ssu(_answered_apart())

    gone = standing(found, reported=False, due=-1, schedule=(14, -1), contacts=(A, C))

    assert (gone.status, gone.gave_up, gone.tried_again, gone.no_longer_needed) == (
        ReminderStatus.PARTLY_SENT, ReminderStatus.UNLISTED, False, True,
    )  # fmt: skip
    with speaking("nb"):
        assert gone.words == (
            f"delvis sendt: {B} {UNLISTED}, {C} avvist av e-posttjeneren: "
            f"postkassen finnes ikke eller tar ikke imot e-post (550 ukjend)"
        )
    still = standing(found, reported=False, due=-1, schedule=(14, -1), contacts=(A, B.upper()))
    assert still == found
    reported = standing(found, reported=True, due=-1, schedule=(14, -1), contacts=(A,))
    assert reported.gave_up is ReminderStatus.UNNEEDED


def test_of_two_addresses_put_off_only_the_one_still_a_contact_is_said_to_be_tried_again() -> None:
    plan = _plan()
    plan.intend_reminder("R1", "SSU", -1, (A, B, C), BY)
    answers = ReminderAnswers(taken=(A,), put_off={B: "451 seinare", C: "451 seinare"})
    plan.record_reminder_answers("R1", "SSU", -1, 1, answers, BY)

    found = standing(_ssu(plan), reported=False, due=-1, schedule=(14, -1), contacts=(A, C))

    assert (found.status, found.gave_up, found.tried_again) == (
        ReminderStatus.PARTLY_SENT, None, True,
    )  # fmt: skip
    with speaking("nb"):
        assert found.apart_words() == (
            f"{B} {UNLISTED}, {C} utsatt av e-posttjeneren (prøves igjen)"
        )


def test_a_step_put_off_whose_other_address_was_refused_is_given_up_with_its_contact() -> None:
    """Nobody took it: B put off, C refused. The next run would send it to B alone, and B
    is no longer a contact: the step is not tried again."""
    plan = _plan()
    plan.intend_reminder("R1", "SSU", -1, (B, C), BY)
    answers = ReminderAnswers(put_off={B: "451 seinare"}, refused={C: "550 ukjend"})
    plan.record_reminder_answers("R1", "SSU", -1, 1, answers, BY)
    assert _ssu(plan).status is ReminderStatus.DEFERRED

    gone = standing(_ssu(plan), reported=False, due=-1, schedule=(14, -1), contacts=(C,))

    assert (gone.status, gone.tried_again) == (ReminderStatus.UNLISTED, False)
    with speaking("nb"):
        assert gone.words == (
            f"{UNLISTED}: {C} avvist av e-posttjeneren: "
            "postkassen finnes ikke eller tar ikke imot e-post (550 ukjend)"
        )


def test_a_step_put_off_as_a_whole_goes_to_the_contacts_there_are_then() -> None:
    """Put off for every address alike, the next run sends it to the body's addresses as
    they are then (none yet: when one is added): it is still tried again."""
    plan = _plain_intent()
    plan.defer_reminder("R1", "SSU", -1, 1, "451 seinare", BY)
    found = _ssu(plan)
    assert standing(found, reported=False, due=-1, schedule=(14, -1), contacts=()) == found


MANY = tuple(f"leiar{n:03}@kommune{n:03}.example.org" for n in range(200))
"""A body reminded at 200 addresses (every municipality's leader, say)."""


def test_a_resend_to_addresses_that_have_it_names_a_few_of_200_and_counts_the_rest() -> None:
    plan = _plan()
    plan.intend_reminder("R1", "SSU", -1, MANY, BY)
    answers = ReminderAnswers(taken=MANY[:199], put_off={MANY[199]: "451 seinare"})
    plan.record_reminder_answers("R1", "SSU", -1, 1, answers, BY)

    with pytest.raises(RuleError) as refused:
        plan.intend_reminder("R1", "SSU", -1, MANY, BY, resend=True)

    assert refused.value.message == (
        f"{MANY[0]}, {MANY[1]}, {MANY[2]} og 196 til har allerede fått påminnelsen til SSU "
        "(1 dag etter fristen)."
    )


def test_a_run_to_other_addresses_than_the_200_put_off_names_a_few_and_counts_the_rest() -> None:
    plan = _plan()
    plan.intend_reminder("R1", "SSU", -1, MANY, BY)
    answers = ReminderAnswers(taken=MANY[:1], put_off=dict.fromkeys(MANY[1:], "451 seinare"))
    plan.record_reminder_answers("R1", "SSU", -1, 1, answers, BY)

    with pytest.raises(RuleError) as refused:
        plan.intend_reminder("R1", "SSU", -1, (*MANY[1:], "ny@example.org"), BY)

    assert refused.value.message == (
        "Påminnelsen til SSU (1 dag etter fristen) prøves igjen bare til adressene "
        f"e-posttjeneren utsatte: {MANY[1]}, {MANY[2]}, {MANY[3]} og 196 til."
    )


def test_a_refusal_names_up_to_three_addresses_whole() -> None:
    plan = _answered_apart()
    with pytest.raises(RuleError) as refused:
        plan.intend_reminder("R1", "SSU", -1, (B, C), BY)
    assert refused.value.message == (
        "Påminnelsen til SSU (1 dag etter fristen) prøves igjen bare til adressene "
        f"e-posttjeneren utsatte: {B}."
    )


def test_a_resend_is_refused_only_for_a_delivered_step_and_says_which_can_be_resent() -> None:
    """What may be resent: "kanskje sendt", "delvis sendt", failed or put off; not sent."""
    plan = _plan()
    for body in ("SSU", "FSU Psykisk helse"):
        plan.intend_reminder("R1", body, -1, (A, B), BY)
    plan.record_reminder_answers(
        "R1", "SSU", -1, 1, ReminderAnswers(taken=(A,), refused={B: "550"}), BY
    )
    plan.record_reminder_outcome("R1", "FSU Psykisk helse", -1, 1, True, "", BY)
    assert _ssu(plan).status is ReminderStatus.PARTLY_SENT

    assert plan.intend_reminder("R1", "SSU", -1, (B,), BY, resend=True) == 2
    with pytest.raises(RuleError) as refused:
        plan.intend_reminder("R1", "FSU Psykisk helse", -1, (A,), BY, resend=True)
    assert refused.value.message == (
        "Bare en påminnelse som er «kanskje sendt», «delvis sendt», feilet eller utsatt, kan "
        "sendes på nytt (FSU Psykisk helse, 1 dag etter fristen)."
    )


def test_only_a_step_kanskje_sendt_can_be_confirmed_and_a_partly_sent_one_is_told_so() -> None:
    plan = _answered_apart()
    with pytest.raises(RuleError) as refused:
        plan.confirm_reminder_delivered("SSU", -1, BY)
    assert refused.value.message == (
        "Påminnelsen til SSU (1 dag etter fristen) kan ikke bekreftes sendt: e-posttjeneren "
        "har svart for hver adresse. Bare en påminnelse som er «kanskje sendt», kan bekreftes; "
        "en som er «delvis sendt», feilet eller utsatt, kan sendes på nytt."
    )
    with pytest.raises(RuleError) as none:
        plan.confirm_reminder_delivered("FSU Psykisk helse", -1, BY)
    assert none.value.message == (
        "FSU Psykisk helse har ingen påminnelse (1 dag etter fristen) som er «kanskje sendt»."
    )


def test_a_whole_envelope_names_three_addresses_with_their_answers_on_one_line() -> None:
    """Three named whole; a fourth counted; an answer in several lines is one, cut at 100."""
    long = "550-5.1.1 Ukjend mottakar\n550 5.1.1 " + "x" * 120
    three = {"a@example.org": "550 Nei", "b@example.org": long, "c@example.org": "550 Nei"}
    with speaking("nb"):
        assert some_answers(three) == (
            "a@example.org (550 Nei), b@example.org (550-5.1.1 Ukjend mottakar 550 5.1.1 "
            + "x" * 63
            + "…), c@example.org (550 Nei)"
        )
        assert some_answers({**three, "d@example.org": "550 Nei"}) == (
            some_answers(three) + " og 1 til"
        )


def test_a_round_body_responsible_for_no_measure_has_not_reported_before_a_report_names_it() -> (
    None
):
    plan = plan_from_2024()
    plan.add_measure("1.1.1", "Tekst", BY, responsible=["ASU"])
    round_id = plan.open_reporting_round(date(2025, 9, 11), ["ASU", "SSU"], BY)
    measures = plan.active_measures()
    assert has_reported("SSU", round_id, measures) is False
    assert has_reported("ASU", round_id, measures) is False

"""Correcting the day a draft was sent on hearing (`HearingSentDateCorrected`), or giving it
to a hearing recorded before the day was kept (`SentOnHearing` version 2, unknown).

The caller always says the day it read (None: unknown), so a correction made since is never
replaced unseen; a correction says why; the new day is held to the rules a hearing is sent
with (not after today, not after the deadline it was sent with) and no response that counts
came in before it. Any hearing, open or over: the day is a fact of the record.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from domain.application import Planlogg
from domain.errors import ConcurrentEditError, NotFoundError, RuleError, ValidationError
from domain.plan import Plan
from tests.domain.test_hearing_sent_date import BY, KEY, _new_plan, draft, store_as_version_2

TODAY = date(2025, 3, 20)


def sent() -> Plan:
    """A draft sent on hearing 03.02.2025 with the deadline 01.03.2025, nothing since."""
    plan = draft()
    plan.send_on_hearing(date(2025, 3, 1), BY, ["Molde"], sent_on=date(2025, 2, 3), today=TODAY)
    plan.collect_events()
    return plan


def test_the_day_is_corrected_and_the_hearing_before_is_returned() -> None:
    plan = sent()
    before = plan.correct_hearing_sent_date(date(2025, 2, 5), BY, date(2025, 2, 3), today=TODAY)
    assert (before.version, before.sent_on) == (1, date(2025, 2, 3))
    (event,) = plan.collect_events()
    assert type(event).__name__ == "HearingSentDateCorrected"
    assert (event.version, event.sent_on, event.by) == (1, date(2025, 2, 5), BY)
    assert plan.hearing().sent_on == date(2025, 2, 5)
    assert (plan.hearing().deadline, plan.hearing().asked) == (date(2025, 3, 1), ("Molde",))


def test_a_correction_needs_a_reason() -> None:
    plan = sent()
    with pytest.raises(ValidationError) as refused:
        plan.correct_hearing_sent_date(
            date(2025, 2, 5), replace(BY, reason=" "), date(2025, 2, 3), today=TODAY
        )
    assert refused.value.message == "Begrunnelsen må fylles ut."
    assert plan.collect_events() == []


def test_a_day_read_not_the_one_recorded_is_refused_as_an_edit_made_since() -> None:
    plan = sent()
    with pytest.raises(ConcurrentEditError) as refused:
        plan.correct_hearing_sent_date(date(2025, 2, 5), BY, date(2025, 2, 4), today=TODAY)
    assert refused.value.message == (
        "Høringen av versjon 1 er registrert sendt 03.02.2025 nå, ikke 04.02.2025 som da du "
        "hentet den. Ingenting er lagret. Se over datoen, og rett den på nytt om du fortsatt vil."
    )
    assert plan.collect_events() == []
    assert plan.hearing().sent_on == date(2025, 2, 3)


def test_a_day_read_left_unsaid_while_one_is_recorded_is_refused_as_input() -> None:
    """Not an edit made since: a caller that re-reads and retries would never say it."""
    plan = sent()
    with pytest.raises(ValidationError) as refused:
        plan.correct_hearing_sent_date(date(2025, 2, 5), BY, None, today=TODAY)
    assert refused.value.message == (
        "Høringen av versjon 1 er registrert sendt 03.02.2025. Ingenting er lagret. Oppgi "
        "dagen du retter, så ingen annens rettelse blir erstattet uten at du har sett den."
    )
    assert plan.collect_events() == []


def test_the_day_may_be_after_the_day_the_hearing_was_recorded() -> None:
    """Recorded on 03.02 before the draft was mailed on 05.02: the record is mended to the
    day it went out, as long as that day is not after today."""
    plan = draft()
    plan.send_on_hearing(date(2025, 3, 1), BY, sent_on=date(2025, 2, 3), today=date(2025, 2, 3))
    plan.correct_hearing_sent_date(date(2025, 2, 5), BY, date(2025, 2, 3), today=TODAY)
    assert plan.hearing().sent_on == date(2025, 2, 5)


def test_the_day_recorded_already_is_refused_as_no_change() -> None:
    plan = sent()
    with pytest.raises(RuleError) as refused:
        plan.correct_hearing_sent_date(date(2025, 2, 3), BY, date(2025, 2, 3), today=TODAY)
    assert refused.value.message == (
        "Høringen av versjon 1 er allerede registrert sendt 03.02.2025. Ingenting er endret."
    )
    assert plan.collect_events() == []


def test_a_day_after_today_is_refused_today_is_not() -> None:
    plan = draft()
    plan.send_on_hearing(date(2025, 4, 1), BY, sent_on=date(2025, 3, 1), today=TODAY)
    with pytest.raises(ValidationError) as refused:
        plan.correct_hearing_sent_date(date(2025, 3, 21), BY, date(2025, 3, 1), today=TODAY)
    assert refused.value.message == (
        "Planen kan ikke være sendt på høring 21.03.2025, som er etter dagens dato (20.03.2025)."
    )
    plan.correct_hearing_sent_date(TODAY, BY, date(2025, 3, 1), today=TODAY)
    assert plan.hearing().sent_on == TODAY


def test_a_day_after_the_deadline_sent_with_is_refused_even_once_extended() -> None:
    """An extension gives everyone more time; the draft still went out before the deadline
    it was sent with."""
    plan = sent()
    plan.extend_hearing_deadline(date(2025, 3, 15), BY)
    with pytest.raises(ValidationError) as refused:
        plan.correct_hearing_sent_date(date(2025, 3, 2), BY, date(2025, 2, 3), today=TODAY)
    assert refused.value.message == (
        "Planen kan ikke være sendt på høring 02.03.2025: høringsfristen den ble sendt med, "
        "er 01.03.2025."
    )
    plan.correct_hearing_sent_date(date(2025, 3, 1), BY, date(2025, 2, 3), today=TODAY)
    assert plan.hearing().sent_on == date(2025, 3, 1)


def test_a_day_after_a_response_came_in_names_the_first_and_ignores_one_withdrawn() -> None:
    plan = sent()
    plan.receive_hearing_response("Molde", date(2025, 2, 3), "Først, men feil.", BY, today=TODAY)
    plan.receive_hearing_response("Ålesund", date(2025, 2, 12), "Ok.", BY, today=TODAY)
    plan.receive_hearing_response("Molde", date(2025, 2, 10), "Ok.", BY, today=TODAY)
    plan.withdraw_hearing_response("F1", "registrert to ganger", BY, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        plan.correct_hearing_sent_date(date(2025, 2, 11), BY, date(2025, 2, 3), today=TODAY)
    assert refused.value.message == (
        "Planen kan ikke være sendt på høring 11.02.2025: uttalelsen F3 fra Molde kom inn "
        "10.02.2025."
    )
    plan.correct_hearing_sent_date(date(2025, 2, 10), BY, date(2025, 2, 3), today=TODAY)
    assert plan.hearing().sent_on == date(2025, 2, 10)


def test_a_hearing_over_is_corrected_by_its_version() -> None:
    """The first version's hearing, adopted, then a revision sent on hearing again."""
    plan = sent()
    plan.submit(["ASU"], BY)
    plan.approve(1, "ASU", "sak 1/25", date(2025, 3, 10), BY)
    plan.start_revision(BY)
    plan.send_on_hearing(date(2025, 9, 1), BY, sent_on=date(2025, 3, 18), today=TODAY)
    before = plan.correct_hearing_sent_date(
        date(2025, 1, 31), BY, date(2025, 2, 3), version=1, today=TODAY
    )
    assert (before.version, before.sent_on) == (1, date(2025, 2, 3))
    assert [h.sent_on for h in plan.hearings.values()] == [date(2025, 1, 31), date(2025, 3, 18)]
    with pytest.raises(NotFoundError) as unknown:
        plan.correct_hearing_sent_date(date(2025, 1, 31), BY, None, version=3, today=TODAY)
    assert unknown.value.message == "Versjon 3 av hf-2025 har ikke vært på høring."


def test_a_plan_never_on_hearing_has_no_day_to_correct() -> None:
    plan = draft()
    with pytest.raises(NotFoundError) as unknown:
        plan.correct_hearing_sent_date(date(2025, 1, 31), BY, None, today=TODAY)
    assert unknown.value.message == "Planen hf-2025 har ikke vært på høring."


# --- a hearing recorded without the day, stored, on each database ---------------------------


def test_a_version_2_hearing_is_given_its_day_and_it_holds_after_a_reload(
    database_url: str,
) -> None:
    """Mailed 24.02.2025, recorded 03.03.2025 without the day; a response of 28.02 came in."""
    app = Planlogg.from_url(database_url)
    try:
        _new_plan(app)
        store_as_version_2(app, KEY, date(2025, 3, 15), datetime(2025, 3, 3, 9, tzinfo=UTC))
        app.receive_hearing_response(KEY, "Molde", "Ok.", BY, received_on=date(2025, 2, 28))
        with pytest.raises(ConcurrentEditError) as refused:
            app.correct_hearing_sent_date(KEY, date(2025, 2, 24), BY, seen=date(2025, 3, 3))
        assert refused.value.message == (
            "Dagen høringen av versjon 1 ble sendt, er ikke registrert, så 03.03.2025 kan ikke "
            "rettes. Ingenting er lagret. Oppgi bare den nye dagen."
        )
        with pytest.raises(ValidationError) as late:
            app.correct_hearing_sent_date(KEY, date(2025, 3, 1), BY, seen=None)
        assert late.value.message == (
            "Planen kan ikke være sendt på høring 01.03.2025: uttalelsen F1 fra Molde kom inn "
            "28.02.2025."
        )
        before = app.correct_hearing_sent_date(KEY, date(2025, 2, 24), BY, seen=None)
        assert before.sent_on is None
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        assert fresh.hearing(KEY).sent_on == date(2025, 2, 24)
        with pytest.raises(ValidationError) as early:
            fresh.receive_hearing_response(KEY, "Ålesund", "Ok.", BY, received_on=date(2025, 2, 23))
        assert early.value.message == (
            "En uttalelse kan ikke ha kommet inn 23.02.2025: planen ble sendt på høring 24.02.2025."
        )
    finally:
        fresh.close()

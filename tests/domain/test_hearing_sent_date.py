"""The day a draft was sent on hearing: said by the secretariat (often days after it mailed the
draft, so not the day it was recorded), never after today nor after the hearing's deadline,
and no response can have come in before it.

Hearings recorded before the sent date was kept (`SentOnHearing` version 2) did not say when
the draft was sent: their `sent_on` is None (unknown), never the day they were recorded (often
long after: a 2022 hearing recorded in 2026, a draft mailed 24.02 recorded 03.03), and no
response to them is refused for its date against it. A plan snapshot from before (class
version 3) reads its hearings the same way, from the snapshot.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from eventsourcing.persistence import StoredEvent

from domain.application import Planlogg
from domain.errors import ValidationError
from domain.norwegian_time import oslo_today
from domain.plan import Plan, plan_id
from domain.plan_upcast import plan_state_v3_to_v4
from domain.provenance import Provenance, Source
from projections import AuditQuery, ReadModels

BY = Provenance("Siri Sekretær", Source.CLI, reason="test")
KEY = "hf-2025"


def draft() -> Plan:
    plan = Plan.start(KEY, "Handlingsplan 2025", "hf", 2025, 2026, BY)
    plan.add_area("1", "Pasientforløp", BY)
    plan.add_goal("1.1", "Tidleg innsats", BY)
    plan.add_measure("1.1.1", "Etablere arbeidsgruppe", BY, responsible=["ASU"])
    return plan


# --- the event ---------------------------------------------------------------------------


def test_the_sent_date_is_on_the_event_and_the_hearing() -> None:
    plan = draft()
    plan.collect_events()
    plan.send_on_hearing(date(2025, 3, 1), BY, ["Molde kommune"], sent_on=date(2025, 2, 3))
    (sent,) = plan.collect_events()
    assert (type(sent).__name__, type(sent).class_version) == ("SentOnHearing", 3)
    assert (sent.sent_on, sent.deadline) == (date(2025, 2, 3), date(2025, 3, 1))
    assert plan.hearing().sent_on == date(2025, 2, 3)


def test_without_a_sent_date_the_draft_is_sent_today_in_norway(norwegian_clock: type) -> None:
    """At 23:30 UTC on 1 March it is 2 March in Norway."""
    plan = draft()
    plan.send_on_hearing(date(2025, 3, 15), BY)
    assert plan.hearing().sent_on == date(2025, 3, 2)


@pytest.mark.parametrize(
    "timestamp",
    [datetime(2025, 2, 3, 9, 15, tzinfo=UTC), datetime(2026, 11, 30, 23, 30, tzinfo=UTC)],
    ids=["midday", "before-midnight-utc"],
)
def test_a_version_2_event_does_not_say_when_the_draft_was_sent(timestamp: datetime) -> None:
    """Whenever it was recorded: the day recorded is not the day sent."""
    state: dict[str, Any] = {"timestamp": timestamp, "deadline": date(2025, 8, 1), "asked": []}
    Plan.SentOnHearing.upcast_v2_v3(state)
    assert state == {
        "timestamp": timestamp,
        "deadline": date(2025, 8, 1),
        "asked": [],
        "sent_on": None,
    }


# --- the rules ---------------------------------------------------------------------------


def test_a_sent_date_after_today_is_refused_and_nothing_recorded() -> None:
    plan = draft()
    plan.collect_events()
    tomorrow = oslo_today() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        plan.send_on_hearing(tomorrow + timedelta(days=30), BY, sent_on=tomorrow)
    assert refused.value.message == (
        f"Planen kan ikke være sendt på høring {tomorrow:%d.%m.%Y}, som er etter dagens dato "
        f"({oslo_today():%d.%m.%Y})."
    )
    assert plan.collect_events() == []
    plan.send_on_hearing(tomorrow + timedelta(days=30), BY, sent_on=oslo_today())
    assert plan.hearing().sent_on == oslo_today()


def test_a_deadline_before_the_sent_date_is_refused_one_on_it_is_not() -> None:
    plan = draft()
    plan.collect_events()
    with pytest.raises(ValidationError) as refused:
        plan.send_on_hearing(date(2025, 2, 2), BY, sent_on=date(2025, 2, 3))
    assert refused.value.message == (
        "Høringsfristen kan ikke være 02.02.2025: planen ble sendt på høring 03.02.2025."
    )
    assert plan.collect_events() == []
    plan.send_on_hearing(date(2025, 2, 3), BY, sent_on=date(2025, 2, 3))
    assert plan.hearing().deadline == date(2025, 2, 3)


def test_without_a_sent_date_a_deadline_already_passed_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"Høringsfristen kan ikke være 01\.03\.2025"):
        draft().send_on_hearing(date(2025, 3, 1), BY)


def test_today_is_given_by_the_caller_when_it_says() -> None:
    plan = draft()
    with pytest.raises(ValidationError, match="som er etter dagens dato"):
        plan.send_on_hearing(date(2025, 3, 1), BY, sent_on=date(2025, 2, 4), today=date(2025, 2, 3))
    plan.send_on_hearing(date(2025, 3, 1), BY, sent_on=date(2025, 2, 3), today=date(2025, 2, 3))


def test_a_response_before_the_draft_was_sent_is_refused_one_that_day_is_not() -> None:
    plan = draft()
    plan.send_on_hearing(date(2025, 3, 1), BY, sent_on=date(2025, 2, 3))
    plan.collect_events()
    with pytest.raises(ValidationError) as refused:
        plan.receive_hearing_response("Molde kommune", date(2025, 2, 2), "Vi støttar.", BY)
    assert refused.value.message == (
        "En uttalelse kan ikke ha kommet inn 02.02.2025: planen ble sendt på høring 03.02.2025."
    )
    assert plan.collect_events() == []
    assert plan.receive_hearing_response("Molde kommune", date(2025, 2, 3), "Ok.", BY) == "F1"


def test_a_revisions_hearing_is_judged_by_its_own_sent_date() -> None:
    plan = draft()
    plan.send_on_hearing(date(2024, 3, 1), BY, sent_on=date(2024, 2, 1))
    version = plan.submit(["ASU"], BY)
    plan.approve(version, "ASU", "ASU sak 1/24", date(2024, 3, 10), BY)
    plan.start_revision(BY)
    plan.send_on_hearing(date(2025, 3, 1), BY, sent_on=date(2025, 2, 3))
    with pytest.raises(ValidationError, match=r"planen ble sendt på høring 03\.02\.2025"):
        plan.receive_hearing_response("Molde kommune", date(2024, 2, 20), "Gammal.", BY)
    assert plan.hearing(1).sent_on == date(2024, 2, 1)


def test_an_approval_at_a_meeting_before_the_hearing_was_sent_is_refused() -> None:
    plan = draft()
    plan.send_on_hearing(date(2025, 3, 1), BY, sent_on=date(2025, 2, 3))
    version = plan.submit(["ASU"], BY)
    plan.collect_events()
    with pytest.raises(ValidationError) as refused:
        plan.approve(version, "ASU", "ASU sak 4/25", date(2024, 3, 13), BY)
    assert refused.value.message == (
        "Møtedatoen kan ikke være 13.03.2024: versjon 1 ble sendt på høring 03.02.2025."
    )
    assert plan.collect_events() == []
    assert plan.approve(version, "ASU", "ASU sak 4/25", date(2025, 2, 3), BY) is True


def test_a_resubmitted_version_is_judged_by_the_hearing_and_named_by_it() -> None:
    plan = draft()
    plan.send_on_hearing(date(2025, 3, 1), BY, sent_on=date(2025, 2, 3))
    plan.submit(["ASU"], BY)
    plan.reword_measure(plan.active_measures()[0].id, "Etablere ei arbeidsgruppe", BY)
    version = plan.submit(["ASU"], BY)
    assert version == 2
    with pytest.raises(ValidationError) as refused:
        plan.approve(version, "ASU", "ASU sak 4/25", date(2025, 1, 13), BY)
    assert refused.value.message == (
        "Møtedatoen kan ikke være 13.01.2025: versjon 1 ble sendt på høring 03.02.2025."
    )


# --- stored, on each database --------------------------------------------------------------


def store_as_version_2(
    app: Planlogg, key: str, deadline: date, recorded: datetime, asked: tuple[str, ...] = ()
) -> None:
    """Record "sent on hearing" in the shape version 2 stored it: no sent date, stamped when
    it was recorded."""
    plan = app.get_plan(key)
    plan.send_on_hearing(deadline, BY, list(asked), sent_on=deadline, today=deadline)
    (event,) = plan.collect_events()
    stored = app.mapper.to_stored_event(event)
    state = app.mapper.transcoder.decode(stored.state)
    del state["sent_on"]
    state.update(class_version=2, timestamp=recorded)
    app.recorder.insert_events(
        [
            StoredEvent(
                originator_id=stored.originator_id,
                originator_version=stored.originator_version,
                topic=stored.topic,
                state=app.mapper.transcoder.encode(state),
            )
        ]
    )


def _new_plan(app: Planlogg) -> None:
    app.create_plan(KEY, "Handlingsplan 2025", "hf", 2025, 2026, BY)
    app.add_area(KEY, "1", "Pasientforløp", BY)
    app.add_goal(KEY, "1.1", "Tidleg innsats", BY)
    app.add_measure(KEY, "1.1.1", "Etablere arbeidsgruppe", BY, responsible=["ASU"])


@pytest.fixture
def reopened(database_url: str) -> Iterator[Planlogg]:
    """A plan whose draft went on hearing in version 2's shape, read by a fresh Planlogg:
    mailed 24.02.2025 with the deadline 15.03.2025, recorded 03.03.2025 (00:30 in Norway)."""
    app = Planlogg.from_url(database_url)
    try:
        _new_plan(app)
        store_as_version_2(
            app, KEY, date(2025, 3, 15), datetime(2025, 3, 2, 23, 30, tzinfo=UTC), ("Molde",)
        )
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        yield fresh
    finally:
        fresh.close()


def test_a_stored_version_2_hearing_does_not_say_when_it_was_sent(reopened: Planlogg) -> None:
    hearing = reopened.hearing(KEY)
    assert (hearing.sent_on, hearing.deadline, hearing.asked) == (
        None,
        date(2025, 3, 15),
        ("Molde",),
    )


def test_a_response_to_a_version_2_hearing_dated_before_it_was_recorded_is_taken(
    reopened: Planlogg,
) -> None:
    """Mailed 24.02, recorded 03.03: a response of 28.02 is dated right."""
    reopened.receive_hearing_response(KEY, "Molde", "Ok.", BY, received_on=date(2025, 2, 28))
    assert [r.received_on for r in reopened.hearing(KEY).responses] == [date(2025, 2, 28)]
    reopened.extend_hearing_deadline(KEY, date(2025, 3, 31), BY)
    assert reopened.hearing(KEY).sent_on is None


def test_a_version_2_hearing_has_no_sent_date_in_the_read_models(reopened: Planlogg) -> None:
    models = ReadModels.open(reopened)
    models.catch_up()
    shown = models.hearing(KEY)
    assert shown is not None
    assert (shown.sent_on, shown.deadline) == (None, "2025-03-15")
    rows = models.history(AuditQuery(plan=KEY)).rows
    assert [r.field for r in rows if r.field.startswith("hearing")] == [
        "hearing_deadline",
        "hearing_asked",
    ]


def test_a_version_2_hearing_recorded_years_later_has_no_sent_date(database_url: str) -> None:
    """The old demo recorded a hearing with the deadline 15.02.2022 on 30.11.2026."""
    app = Planlogg.from_url(database_url)
    try:
        _new_plan(app)
        store_as_version_2(app, KEY, date(2022, 2, 15), datetime(2026, 11, 30, 9, tzinfo=UTC))
        hearing = app.hearing(KEY)
        assert (hearing.sent_on, hearing.deadline) == (None, date(2022, 2, 15))
    finally:
        app.close()


def _snapshot_of(app: Planlogg, **changes: Any) -> Any:
    """The plan's newest snapshot, its state changed as `changes` say, stored again at the
    plan's version (so it is the one a load would start from)."""
    assert app.snapshots is not None
    plan = app.get_plan(KEY)
    snapshot = Plan.Snapshot.take(plan)
    state = {**snapshot.state, **changes}
    older = type(snapshot)(
        originator_id=snapshot.originator_id,
        originator_version=snapshot.originator_version,
        timestamp=snapshot.timestamp,
        topic=snapshot.topic,
        state=state,
    )
    app.snapshots.put([older])
    return plan


def test_a_version_3_snapshot_holding_a_hearing_is_used_its_sent_date_unknown(
    database_url: str,
) -> None:
    """Such a snapshot did not keep when its hearings were sent: they read as their version-2
    events now give them, sent_on None; the plan is loaded from it (its marked title shows)."""
    app = Planlogg.from_url(database_url)
    try:
        _new_plan(app)
        app.send_on_hearing(KEY, date(2025, 3, 1), BY, sent_on=date(2025, 2, 3))
        plan = app.get_plan(KEY)
        hearings = {k: replace(h, sent_on=None) for k, h in plan.hearings.items()}
        header = replace(plan.header, title="Frå eit gammalt snapshot")
        _snapshot_of(app, class_version=3, hearings=hearings, header=header)
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        plan = fresh.get_plan(KEY)
        assert plan.header.title == "Frå eit gammalt snapshot"
        assert (plan.hearing().sent_on, plan.hearing().deadline) == (None, date(2025, 3, 1))
    finally:
        fresh.close()


def test_a_version_3_snapshot_without_a_hearing_is_used(database_url: str) -> None:
    app = Planlogg.from_url(database_url)
    try:
        _new_plan(app)
        plan = app.get_plan(KEY)
        header = replace(plan.header, title="Frå eit snapshot")
        _snapshot_of(app, class_version=3, header=header)
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        assert fresh.get_plan(KEY).header.title == "Frå eit snapshot"
    finally:
        fresh.close()


def test_the_snapshot_planlogg_takes_holding_a_hearing_is_loaded_from_and_keeps_its_sent_date(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The snapshot Planlogg takes itself (at version 100): a fresh load starts from it,
    reading no event at or before it, and the hearing keeps the day it was sent."""
    app = Planlogg.from_url(database_url)
    try:
        _new_plan(app)
        app.send_on_hearing(KEY, date(2025, 3, 1), BY, sent_on=date(2025, 2, 3))
        for n in range(96):
            app.receive_hearing_response(
                KEY, f"Kommune {n}", "Ok.", BY, received_on=date(2025, 2, 4)
            )
        assert app.snapshots is not None
        (snapshot,) = app.snapshots.get(plan_id(KEY))
        assert (snapshot.originator_version, snapshot.state["class_version"]) == (100, 6)
        assert snapshot.state["hearings"]["1"].sent_on == date(2025, 2, 3)
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        read_after: list[int | None] = []
        get = fresh.events.get

        def events_get(originator_id: Any, **kwargs: Any) -> Any:
            read_after.append(kwargs.get("gt"))
            return get(originator_id, **kwargs)

        monkeypatch.setattr(fresh.repository.event_store, "get", events_get)
        hearing = fresh.hearing(KEY)
        assert read_after == [100]
        assert (hearing.sent_on, len(hearing.responses)) == (date(2025, 2, 3), 96)
    finally:
        fresh.close()


def test_a_version_3_snapshot_state_reads_as_it_was() -> None:
    """Holding a hearing or not: its hearings' `sent_on` is the dataclass default, None."""
    for hearings in ({}, {"1": object()}):
        state: dict[str, Any] = {"hearings": hearings}
        plan_state_v3_to_v4(state)
        assert state == {"hearings": hearings}

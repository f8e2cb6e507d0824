"""The day a draft was sent on hearing: said by the secretariat (often days after it mailed the
draft, so not the day it was recorded), never after today nor after the hearing's deadline,
and no response can have come in before it.

Hearings recorded before the sent date was kept (`SentOnHearing` version 2) read as sent on
the day they were recorded in Norway; a plan snapshot from before it (class version 3) that
holds a hearing is passed over, and the plan is replayed from its events.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from eventsourcing.persistence import StoredEvent

from domain.application import Planlogg
from domain.errors import ValidationError
from domain.norwegian_time import oslo_today
from domain.plan import Plan, plan_id
from domain.plan_upcast import plan_snapshot_usable, plan_state_v3_to_v4
from domain.provenance import Provenance, Source
from projections import ReadModels

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
    ("timestamp", "day"),
    [
        (datetime(2025, 2, 3, 9, 15, tzinfo=UTC), date(2025, 2, 3)),
        (datetime(2025, 3, 2, 23, 30, tzinfo=UTC), date(2025, 3, 3)),
        (datetime(2025, 6, 30, 22, 30, tzinfo=UTC), date(2025, 7, 1)),
        (datetime(2025, 6, 30, 21, 59, tzinfo=UTC), date(2025, 6, 30)),
    ],
    ids=["midday", "before-midnight-utc-winter", "before-midnight-utc-summer", "summer-evening"],
)
def test_a_version_2_event_was_sent_the_day_it_was_recorded_in_norway(
    timestamp: datetime, day: date
) -> None:
    state: dict[str, Any] = {"timestamp": timestamp, "deadline": date(2025, 8, 1), "asked": []}
    Plan.SentOnHearing.upcast_v2_v3(state)
    assert state["sent_on"] == day


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


# --- stored, on each database --------------------------------------------------------------


def _store_as_version_2(app: Planlogg, recorded: datetime) -> None:
    """Record "sent on hearing" in the shape version 2 stored it: no sent date, stamped when
    it was recorded."""
    plan = app.get_plan(KEY)
    plan.send_on_hearing(date(2025, 8, 1), BY, ["Molde kommune"], sent_on=date(2025, 1, 1))
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


def test_a_stored_version_2_hearing_reads_as_sent_the_day_it_was_recorded_in_norway(
    database_url: str,
) -> None:
    """Recorded at 23:30 UTC on 2 March 2025: 00:30 on 3 March in Norway."""
    app = Planlogg.from_url(database_url)
    try:
        _new_plan(app)
        _store_as_version_2(app, datetime(2025, 3, 2, 23, 30, tzinfo=UTC))
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        hearing = fresh.hearing(KEY)
        assert (hearing.sent_on, hearing.deadline) == (date(2025, 3, 3), date(2025, 8, 1))
        with pytest.raises(ValidationError, match=r"planen ble sendt på høring 03\.03\.2025"):
            fresh.receive_hearing_response(
                KEY, "Molde kommune", "Tidleg.", BY, received_on=date(2025, 3, 2)
            )
        fresh.receive_hearing_response(
            KEY, "Molde kommune", "Ok.", BY, received_on=date(2025, 3, 3)
        )
        models = ReadModels.open(fresh)
        models.catch_up()
        shown = models.hearing(KEY)
        assert shown is not None and shown.sent_on == "2025-03-03"
    finally:
        fresh.close()


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


def test_a_version_3_snapshot_holding_a_hearing_is_passed_over_for_the_events(
    database_url: str,
) -> None:
    """Such a snapshot cannot know when its hearings were sent: the plan is replayed from its
    events instead (its marked title, were it used, would show)."""
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
        assert plan.header.title == "Handlingsplan 2025"
        assert plan.hearing().sent_on == date(2025, 2, 3)
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


def test_a_snapshot_keeps_the_sent_date(database_url: str) -> None:
    app = Planlogg.from_url(database_url)
    try:
        _new_plan(app)
        app.send_on_hearing(KEY, date(2025, 3, 1), BY, sent_on=date(2025, 2, 3))
        for n in range(100):
            app.receive_hearing_response(
                KEY, f"Kommune {n}", "Ok.", BY, received_on=date(2025, 2, 4)
            )
        assert app.snapshots is not None
        assert [s.originator_version for s in app.snapshots.get(plan_id(KEY))] == [100]
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        assert fresh.hearing(KEY).sent_on == date(2025, 2, 3)
    finally:
        fresh.close()


def test_which_plan_snapshots_are_used() -> None:
    """From class version 4 every one; of version 3, one holding no hearing; none older
    (they kept no hearings, only the draft's deadline)."""
    assert plan_snapshot_usable({"class_version": 4, "hearings": {"1": object()}})
    assert plan_snapshot_usable({"class_version": 3, "hearings": {}})
    assert not plan_snapshot_usable({"class_version": 3, "hearings": {"1": object()}})
    assert not plan_snapshot_usable({"class_version": 2, "header": object()})
    assert not plan_snapshot_usable({"hearing_deadline": None})


def test_a_version_3_snapshot_state_without_a_hearing_reads_as_it_was() -> None:
    state: dict[str, Any] = {"hearings": {}}
    plan_state_v3_to_v4(state)
    assert state == {"hearings": {}}
    with pytest.raises(ValueError, match="sent"):
        plan_state_v3_to_v4({"hearings": {"1": object()}})

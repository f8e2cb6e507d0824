"""The dashboard's last closed round (`Dashboard.closed_round`, `ReadModels.closed_round`):
once the secretariat has closed a round and none is open, who reported in it and who did not,
counted as the open round is, by the reports made in that round, whatever was reported since."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.application import Planlogg
from projections import ReadModels
from projections.documents import BodyProgress, ClosedRound
from tests.conftest import EventClock
from tests.projections.plans import KEY, SECRETARIAT, adopt, draft
from tests.projections.test_dashboard_in_force import ASU, DAY, DECIDED, DIGITAL, PASIENT

CLOSED = datetime(2025, 12, 17, 23, 30, tzinfo=UTC)
"""00:30 on 18 December in Norway: the round was closed on the 18th."""
LATER = date(2025, 12, 20)


def _progress(
    body: str, reported: bool, measures: int, measures_reported: int, missing: tuple[str, ...] = ()
) -> BodyProgress:
    return BodyProgress(
        body, reported, measures, measures_reported, (), body_id=body, missing=missing
    )


R1 = ClosedRound(
    round_id="R1",
    deadline="2025-09-11",
    closed_on="2025-12-18",
    decision="SSU sak 40/25",
    bodies=(ASU, PASIENT, DIGITAL),
    missing_bodies=(DIGITAL,),
    body_ids=(ASU, PASIENT, DIGITAL),
    missing_body_ids=(DIGITAL,),
    progress=(_progress(ASU, True, 1, 1), _progress(PASIENT, True, 1, 1),
              _progress(DIGITAL, False, 1, 0, ("2.1.1",))),
)  # fmt: skip


def _closed_round_one(app: Planlogg, clock: EventClock) -> None:
    """Version 1 in force; round R1 asks ASU, the pasientsamarbeid and the digital fagråd;
    the first two report their one measure each, the third does not; R1 is closed."""
    draft(app)
    adopt(app, (ASU,), date(2025, 3, 13), 11)
    app.open_reporting_round(KEY, date(2025, 9, 11), [ASU, PASIENT, DIGITAL], DECIDED)
    app.report_status(KEY, "1.1.1", "grønn", "", SECRETARIAT, reported_on=DAY, body=ASU)
    app.report_status(KEY, "1.2.1", "rød", "", SECRETARIAT, reported_on=DAY, body=PASIENT)
    clock.moment = CLOSED
    app.close_reporting_round(KEY, SECRETARIAT, "R1")


def test_the_round_closed_last_is_shown_while_none_is_open(
    event_clock: EventClock, app: Planlogg, models: ReadModels
) -> None:
    _closed_round_one(app, event_clock)
    models.catch_up()
    dashboard = models.dashboard(KEY, today=LATER)
    assert dashboard.open_round is None
    assert dashboard.closed_round == R1
    assert models.closed_round(KEY, "R1") == R1


def test_reports_made_after_the_close_leave_the_round_as_it_ended(
    event_clock: EventClock, app: Planlogg, models: ReadModels
) -> None:
    """Outside a round a report replaces the measure's last one: ASU's yellow on the 20th
    is no report in R1, and does not take ASU's green in R1 away; the digital fagråd's report
    after the close does not make it one that reported in R1."""
    _closed_round_one(app, event_clock)
    app.report_status(KEY, "1.1.1", "gul", "", SECRETARIAT, reported_on=LATER, body=ASU)
    app.report_status(KEY, "2.1.1", "grønn", "", SECRETARIAT, reported_on=LATER, body=DIGITAL)
    models.catch_up()
    assert models.dashboard(KEY, today=LATER).closed_round == R1
    assert app.get_plan(KEY).find_measure("1.1.1").status.round_id == ""


def test_no_closed_round_is_shown_while_one_is_open_and_each_closed_round_keeps_its_own(
    event_clock: EventClock, app: Planlogg, models: ReadModels
) -> None:
    _closed_round_one(app, event_clock)
    app.open_reporting_round(KEY, date(2026, 3, 1), [ASU], DECIDED)
    app.report_status(KEY, "1.1.1", "gul", "", SECRETARIAT, reported_on=LATER, body=ASU)
    models.catch_up()
    dashboard = models.dashboard(KEY, today=LATER)
    assert dashboard.closed_round is None
    assert dashboard.open_round is not None
    assert dashboard.open_round.round_id == "R2"
    assert models.closed_round(KEY, "R1") == R1
    assert models.closed_round(KEY, "R2") is None
    assert models.closed_round(KEY, "R9") is None


def test_of_two_closed_rounds_the_one_closed_last_is_shown(
    event_clock: EventClock, app: Planlogg, models: ReadModels
) -> None:
    """R2 is opened after R1 was closed, by a server whose clock was set back to the moment
    R1 was opened: R2 is still the round closed last."""
    opened = event_clock.moment
    _closed_round_one(app, event_clock)
    event_clock.moment = opened
    app.open_reporting_round(KEY, date(2026, 3, 1), [DIGITAL], DECIDED)
    app.report_status(KEY, "2.1.1", "grønn", "", SECRETARIAT, reported_on=LATER, body=DIGITAL)
    app.close_reporting_round(KEY, SECRETARIAT)
    models.catch_up()
    assert models.dashboard(KEY, today=LATER).closed_round == ClosedRound(
        round_id="R2",
        deadline="2026-03-01",
        closed_on="2025-02-01",
        decision="SSU sak 40/25",
        bodies=(DIGITAL,),
        missing_bodies=(),
        body_ids=(DIGITAL,),
        missing_body_ids=(),
        progress=(_progress(DIGITAL, True, 1, 1),),
    )

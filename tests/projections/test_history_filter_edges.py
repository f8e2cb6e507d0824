"""The audit history's filters at their edges (`ReadModels._audit_filter`):
`since` and `until` are inclusive, to the microsecond and to the end of the day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.application import Planlogg
from domain.provenance import Provenance
from projections import ReadModels
from projections.documents import AuditQuery
from tests.conftest import EventClock
from tests.projections import plans
from tests.projections.plans import KEY

OSLO = ZoneInfo("Europe/Oslo")


def test_since_and_until_a_rows_own_moment_include_that_row(
    app: Planlogg, models: ReadModels
) -> None:
    plans.history_plan(app)
    models.catch_up()
    everything = models.history(AuditQuery(plan=KEY, limit=None)).rows
    row = everything[len(everything) // 2]
    at = datetime.fromisoformat(row.occurred_at)
    same_moment = [r for r in everything if r.occurred_at == row.occurred_at]
    assert row in same_moment
    since = models.history(AuditQuery(plan=KEY, since=at, limit=None))
    assert since.rows == tuple(r for r in everything if r.occurred_at >= row.occurred_at)
    assert since.rows[0] == same_moment[0]
    both = models.history(AuditQuery(plan=KEY, since=at, until=at, limit=None))
    assert both.rows == tuple(same_moment)


def test_until_a_day_includes_the_whole_of_that_norwegian_day(
    event_clock: EventClock, app: Planlogg, models: ReadModels
) -> None:
    plans.history_plan(app)
    models.catch_up()
    everything = models.history(AuditQuery(plan=KEY, limit=None)).rows
    last_day = datetime.fromisoformat(everything[-1].occurred_at).astimezone(OSLO).date()
    until = models.history(AuditQuery(plan=KEY, until=last_day, limit=None))
    assert (until.total, until.rows) == (43, everything)
    assert models.history(AuditQuery(plan=KEY, until=last_day - timedelta(days=1))).total == 0


def test_until_a_day_ends_before_the_next_norwegian_midnight(
    event_clock: EventClock, app: Planlogg, models: ReadModels, by: Provenance
) -> None:
    """1 February 2025 in Norway (UTC+1) ends at 23:00 UTC: a change at that very moment
    is the next day's."""
    event_clock.moment = datetime(2025, 2, 1, 22, 59, 59, 999_999, tzinfo=UTC)
    app.create_plan("p", "Plan", "hf", 2025, 2026, by)
    event_clock.moment = datetime(2025, 2, 1, 23, 0, tzinfo=UTC)
    app.add_area("p", "1", "Område", by)
    models.catch_up()
    until = models.history(AuditQuery(plan="p", until=date(2025, 2, 1), limit=None)).rows
    since = models.history(AuditQuery(plan="p", since=date(2025, 2, 2), limit=None)).rows
    before = "2025-02-01T22:59:59.999999+00:00"
    assert [(row.field, row.occurred_at) for row in until] == [
        ("title", before),
        ("owner", before),
        ("period", before),
    ]
    assert [(row.field, row.occurred_at) for row in since] == [
        ("area_title", "2025-02-01T23:00:00.000000+00:00")
    ]


def test_a_last_page_exactly_full_names_no_next_page(app: Planlogg, models: ReadModels) -> None:
    plans.history_plan(app)
    models.catch_up()
    everything = models.history(AuditQuery(plan=KEY, limit=None)).rows
    whole = models.history(AuditQuery(plan=KEY, limit=43))
    assert (whole.total, len(whole.rows), whole.next) == (43, 43, None)
    last = models.history(AuditQuery(plan=KEY, offset=40, limit=3))
    assert (last.rows, last.next) == (everything[40:], None)
    before_last = models.history(AuditQuery(plan=KEY, offset=39, limit=3))
    assert before_last.next is not None

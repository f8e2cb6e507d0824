"""The audit history's filters at their edges (`ReadModels._audit_filter`):
`since` and `until` are inclusive, to the microsecond and to the end of the day."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain.application import Planlogg
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

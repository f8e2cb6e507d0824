"""A full history page is kept: later changes add rows after it, and only its total moves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.application import Planlogg
from domain.norwegian_time import oslo_today
from projections import AuditQuery, ReadModels
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT

FIRST = AuditQuery(plan=KEY, limit=5)


def reported(app: Planlogg, models: ReadModels, *numbers: str) -> None:
    for number in numbers:
        app.report_status(KEY, number, "gul", "Seint", SECRETARIAT)
    models.catch_up()


def test_a_full_page_is_given_again_with_the_total_counted_anew(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    models.catch_up()
    before = models.history(FIRST)
    reported(app, models, "1.1.1", "2.1.1")
    after = models.history(FIRST)
    assert after.rows is before.rows
    assert (after.next, after.total - before.total) == (before.next, 6)
    read_afresh = ReadModels(app, models.views).history(FIRST)
    assert after == read_afresh
    assert after.rows is not read_afresh.rows


def test_the_last_page_is_read_afresh_and_shows_the_new_rows(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    models.catch_up()
    total = models.history(FIRST).total
    last = replace(FIRST, offset=total - 1)
    alone = models.history(last)
    assert [len(alone.rows), alone.next] == [1, None]
    reported(app, models, "1.1.1")
    grown = models.history(last)
    assert [(row.field, row.after) for row in grown.rows[1:]] == [
        ("status", "yellow"),
        ("status_comment", "Seint"),
        ("status_reported_on", oslo_today().isoformat()),
    ]
    assert grown.rows[0] == alone.rows[0]
    assert grown == ReadModels(app, models.views).history(last)


def test_a_cursor_page_is_kept_and_a_rebuild_forgets_the_pages(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    models.catch_up()
    following = models.history(FIRST).next
    assert following is not None
    second = replace(FIRST, after=following)
    kept = models.history(second)
    assert models.history(second).rows is kept.rows
    models.rebuild()
    again = models.history(second)
    assert again.rows is not kept.rows
    assert again.rows == kept.rows

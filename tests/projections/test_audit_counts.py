"""A history's total is counted once and carried forward by the rows after it."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from projections import AuditQuery, ReadModels
from projections.audit_counts import NOTHING_COUNTED, AuditCounts, Counted
from tests.projections import plans
from tests.projections.plans import KEY

FILTERS = (
    AuditQuery(plan=KEY, limit=5),
    AuditQuery(plan=KEY, source="sheet", limit=5),
    AuditQuery(plan=KEY, field="responsible", limit=5),
    AuditQuery(actor="Kari Nordmann", limit=5),
)


def totals(models: ReadModels) -> list[int]:
    return [models.history(query).total for query in FILTERS]


def test_a_total_carried_forward_equals_a_fresh_count_after_later_changes(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    models.catch_up()
    early = totals(models)
    plans.revise(app)
    app.create_plan("annan-plan", "Ein annan plan", "hf", 2025, 2026, plans.SECRETARIAT)
    models.catch_up()
    carried = totals(models)
    counted_afresh = totals(ReadModels(app, models.views))
    assert carried == counted_afresh
    assert [later - first for first, later in zip(early, carried, strict=True)] == [8, 1, 2, 1]


def test_the_count_remembers_where_the_trail_ended(app: Planlogg, models: ReadModels) -> None:
    plans.draft(app)
    models.catch_up()
    query = FILTERS[0]
    total = models.history(query).total
    remembered = models.audit_counts.last(("plan_key = ?", (KEY,)))
    assert remembered == Counted(position=models.position(), rows=total)


def test_a_rebuild_in_this_process_counts_afresh(app: Planlogg, models: ReadModels) -> None:
    plans.draft(app)
    models.catch_up()
    models.history(FILTERS[0])
    models.rebuild()
    assert models.audit_counts.last(("plan_key = ?", (KEY,))) == NOTHING_COUNTED


def test_counts_are_bounded_and_add_to_what_was_counted() -> None:
    counts = AuditCounts(max_filters=2)
    assert counts.add("a", NOTHING_COUNTED, rows_after=3, position=10) == 3
    assert counts.add("a", counts.last("a"), rows_after=2, position=15) == 5
    assert counts.last("a") == Counted(position=15, rows=5)
    counts.add("b", NOTHING_COUNTED, rows_after=1, position=15)
    counts.add("c", NOTHING_COUNTED, rows_after=1, position=15)
    assert (counts.last("a"), counts.last("c")) == (NOTHING_COUNTED, Counted(15, 1))

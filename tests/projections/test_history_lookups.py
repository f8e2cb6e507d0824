"""Finding a measure's or a decision's history as auditors name them, on SQLite and PostgreSQL.

A measure is named by the number it has now, a number it had (a decision from
before a renumbering cites the old one) or its stable ID; a decision by its case
number in whatever form the meeting papers write it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.application import Planlogg
from domain.provenance import Provenance
from projections import AuditQuery, ReadModels
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT


def _history(models: ReadModels, **filters: str) -> list[tuple[str, str, str, str]]:
    rows = models.history(AuditQuery(limit=None, **filters)).rows  # type: ignore[arg-type]
    return [(row.plan, row.measure_id, row.measure_number, row.field) for row in rows]


def test_a_number_a_measure_had_before_it_moved_finds_its_whole_history(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    app.move_measure(KEY, "2.1.2", "1.2.2", SECRETARIAT)
    app.reword_measure(KEY, "1.2.2", "Pilot for videokonsultasjon i alle kommunar", SECRETARIAT)
    app.report_status(KEY, "1.2.2", "gul", "Seint", SECRETARIAT)
    models.catch_up()
    by_id = _history(models, plan=KEY, measure="T004")
    assert [field for *_, field in by_id] == [
        "number", "text", "number", "goal", "area", "text", "status", "status_comment",
        "status_reported_on",
    ]  # fmt: skip
    assert _history(models, plan=KEY, measure="2.1.2") == by_id
    assert _history(models, plan=KEY, measure="1.2.2") == by_id
    assert models.measure_timeline(KEY, "2.1.2")[-2].after == "Seint"


def numbered_crosswise(app: Planlogg, models: ReadModels, by: Provenance) -> None:
    """Plans a and b, each with measures 1.1.1 and 1.1.2 added in the other's order: a's
    T001 is 1.1.1, b's T001 is 1.1.2."""
    for key, numbers in (("a", ("1.1.1", "1.1.2")), ("b", ("1.1.2", "1.1.1"))):
        app.create_plan(key, f"Plan {key}", "hf", 2025, 2026, by)
        app.add_area(key, "1", "Område", by)
        app.add_goal(key, "1.1", "Mål", by)
        for number in numbers:
            app.add_measure(key, number, f"Tiltak {number} i {key}", by)
    models.catch_up()


def test_a_number_asked_for_in_every_plan_finds_the_measures_with_it_in_each(
    app: Planlogg, models: ReadModels, by: Provenance
) -> None:
    """Measure IDs are the plan's own: T001 of one plan is not T001 of another."""
    numbered_crosswise(app, models, by)
    found = _history(models, measure="1.1.1")
    assert [(plan, measure_id, number) for plan, measure_id, number, _ in found] == [
        ("a", "T001", "1.1.1"),
        ("a", "T001", "1.1.1"),
        ("b", "T002", "1.1.1"),
        ("b", "T002", "1.1.1"),
    ]


def test_a_measure_number_in_one_plan_finds_that_plans_measure_only(
    app: Planlogg, models: ReadModels, by: Provenance
) -> None:
    """Plan b's 1.1.1 is T002, and plan a's T002 is 1.1.2: asking plan a for 1.1.1 finds T001."""
    numbered_crosswise(app, models, by)
    rows = models.history(AuditQuery(plan="a", measure="1.1.1", limit=None)).rows
    assert [(row.plan, row.measure_id, row.measure_number) for row in rows] == [
        ("a", "T001", "1.1.1"),
        ("a", "T001", "1.1.1"),
    ]


APPROVALS = {
    "the command line's --case alone": ("sak 7/25", "", "ASU sak 07/25", ["approval"]),
    "the approval form's body and case": (
        "sak 7/25", "ASU sak 7/25", "ASU sak 07/25", ["approval", "adopted_version", "stage"],
    ),
    "a decision cited in another form": (
        "ASU sak 07/25", "asu sak 7/2025", "asu sak 07/25",
        ["approval", "adopted_version", "stage"],
    ),
}  # fmt: skip
"""How an approval names its decision: the case number it was given (for the body ASU),
the decision the change cites (the web's approval form cites the body and the case as typed;
the command line and the API only a decision given with --decision), how the history writes
it, and the changes that follow from the decision."""


@pytest.mark.parametrize("named", list(APPROVALS))
def test_an_approval_is_found_under_the_decision_it_follows_from(
    app: Planlogg, models: ReadModels, named: str
) -> None:
    case, cited, written, changes = APPROVALS[named]
    plans.draft(app)
    plans.community(app)
    registered = app.record_decision(
        "hf", "sak 7/25", "ASU", date(2025, 3, 13), "ASU vedtek planen.", SECRETARIAT
    )
    version = app.submit(KEY, ["ASU"], SECRETARIAT)
    app.approve(KEY, version, "ASU", case, date(2025, 3, 13), replace(SECRETARIAT, decision=cited))
    models.catch_up()
    assert registered == "ASU sak 07/25"
    for asked in ("ASU sak 07/25", "asu sak 7/2025", "ASU-sak 7/25"):
        found = models.history(AuditQuery(plan=KEY, decision=asked, limit=None)).rows
        assert [(row.field, row.decision) for row in found] == [
            (field, written) for field in changes
        ]
    decision = models.find_decision("ASU sak 7/25")
    assert decision is not None
    assert [change.field for change in decision.changes] == changes
    assert [d.case for d in models.decisions(KEY)] == ["ASU sak 07/25"]

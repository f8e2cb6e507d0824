"""A mark stored for a year the plan's period has since left stays as it was: it neither
blocks changes to the other years nor disappears, and it may be removed; only a new or
changed mark must lie inside the period."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import ValidationError
from domain.measure_sheet import MARKS_FORM
from domain.plan import Plan
from domain.provenance import Provenance, Source

BY = Provenance("Kari Nordmann", Source.WEB, reason="test")


def plan_with_a_mark_for_2022() -> tuple[Plan, str]:
    """A 2022–2025 plan whose measure is marked for 2022, and whose period then moved on."""
    plan = Plan.start("hf", "Handlingsplan", "hf", 2022, 2025, BY)
    plan.add_area("1", "Område", BY)
    plan.add_goal("1.1", "Mål", BY)
    measure_id = plan.add_measure("1.1.1", "Tekst", BY, marks={2022: "x", 2023: "x vår"})
    plan.change_period(2023, 2025, BY)
    return plan, measure_id


def test_another_years_mark_can_change_while_an_old_mark_stays() -> None:
    plan, measure_id = plan_with_a_mark_for_2022()
    plan.set_timeframe(measure_id, {2022: "x", 2023: "x vår", 2024: "x høst"}, BY)
    assert plan.measure(measure_id).marks == {2022: "x", 2023: "x vår", 2024: "x høst"}


def test_the_note_alone_can_change_while_an_old_mark_stays() -> None:
    plan, measure_id = plan_with_a_mark_for_2022()
    plan.set_timeframe(measure_id, None, BY, note="Venter på midler")
    assert plan.measure(measure_id).marks == {2022: "x", 2023: "x vår"}


def test_an_old_mark_may_be_removed() -> None:
    plan, measure_id = plan_with_a_mark_for_2022()
    plan.set_timeframe(measure_id, {2023: "x vår"}, BY)
    assert plan.measure(measure_id).marks == {2023: "x vår"}


def test_a_changed_mark_outside_the_period_is_refused() -> None:
    plan, measure_id = plan_with_a_mark_for_2022()
    with pytest.raises(ValidationError, match=r"^2022 er utenfor planperioden 2023–2025\.$"):
        plan.set_timeframe(measure_id, {2022: "-", 2023: "x vår"}, BY)
    assert plan.measure(measure_id).marks == {2022: "x", 2023: "x vår"}


def test_a_new_mark_outside_the_period_is_refused() -> None:
    plan, measure_id = plan_with_a_mark_for_2022()
    with pytest.raises(ValidationError, match=r"^2026 er utenfor planperioden 2023–2025\.$"):
        plan.set_timeframe(measure_id, {2022: "x", 2023: "x vår", 2026: "x"}, BY)


def test_an_old_mark_may_be_removed_by_emptying_it() -> None:
    plan, measure_id = plan_with_a_mark_for_2022()
    plan.set_timeframe(measure_id, {2022: "", 2023: "x vår"}, BY)
    assert plan.measure(measure_id).marks == {2023: "x vår"}


def test_a_sheet_cell_for_another_year_is_saved_and_the_old_mark_stays() -> None:
    plan, measure_id = plan_with_a_mark_for_2022()
    if MARKS_FORM.set is None:
        raise AssertionError("årsmerkene skal kunne endres fra regnearket")
    MARKS_FORM.set(plan, plan.measure(measure_id), {"2024": "x høst"}, BY, date(2024, 1, 2))
    assert plan.measure(measure_id).marks == {2022: "x", 2023: "x vår", 2024: "x høst"}

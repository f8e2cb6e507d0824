"""Carrying a decision out at its edges: a conflict held open already, a new row's refused
field, a losing text too long for any field."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.text import LONG_TEXT
from sync.apply import apply_decision
from sync.layout import Layout
from sync.merge import Conflict, Reconciliation, SheetRow, StoreView, decide
from tests.sync.conftest import PLAN, WEB

LAYOUT = Layout.for_years((2024, 2025))


def test_a_conflict_the_measure_holds_open_already_is_not_recorded_twice(
    plan_app: Planlogg,
) -> None:
    plan = plan_app.get_plan(PLAN)
    mid = plan.active_measures()[0].id
    plan.record_conflict(mid, "Tiltak", "Frå nettet", "Frå arket", WEB)
    decision = Reconciliation(conflicts=[Conflict(mid, 2, "Tiltak", "Frå nettet", "Frå arket")])
    outcome = apply_decision(plan, LAYOUT, decision, WEB, date(2025, 3, 1))
    assert outcome.conflicts == 0
    assert [(c.field, c.kept, c.lost) for c in plan.measure(mid).conflicts] == [
        ("Tiltak", "Frå nettet", "Frå arket")
    ]
    assert outcome.base == {mid: {"Tiltak": "Frå arket"}}


def test_a_new_rows_refused_field_stays_out_of_the_baseline_so_its_text_is_kept(
    plan_app: Planlogg,
) -> None:
    """A new row is created, but its status comment without a status is refused: the
    baseline holds the field empty, so the typed text is not taken for agreed text (which
    the store's empty value would then be written over)."""
    plan = plan_app.get_plan(PLAN)
    cells = {c: "" for c in LAYOUT.merged} | {
        "Nr": "1.1.9",
        "Tiltak": "Nytt",
        "Statuskommentar": "Godt i gang",
    }
    decision = decide(LAYOUT, [SheetRow(9, {"ID": "", **cells})], StoreView(rows={}), {})
    outcome = apply_decision(plan, LAYOUT, decision, WEB, date(2025, 3, 1))
    [(row, new_id)] = outcome.new_ids.items()
    assert row == 9 and plan.measure(new_id).text == "Nytt"
    assert [(m.row, m.column, m.typed) for m in outcome.messages] == [
        (9, "Statuskommentar", "Godt i gang")
    ]
    assert outcome.base[new_id]["Statuskommentar"] == ""
    assert outcome.base[new_id]["Tiltak"] == "Nytt"


def test_a_losing_text_too_long_for_any_field_is_refused_and_left_in_the_cell(
    plan_app: Planlogg,
) -> None:
    """Not recorded as a conflict (nor cut to fit), and the baseline does not move, so the
    store's value is not written over the cell: the text stays there with the message."""
    plan = plan_app.get_plan(PLAN)
    mid = plan.active_measures()[0].id
    lost = "x" * (LONG_TEXT + 1)
    decision = Reconciliation(conflicts=[Conflict(mid, 2, "Tiltak", "Frå nettet", lost)])
    outcome = apply_decision(plan, LAYOUT, decision, WEB, date(2025, 3, 1))
    assert (outcome.conflicts, outcome.rejected, outcome.base) == (0, 1, {})
    assert plan.measure(mid).conflicts == ()
    [message] = outcome.messages
    assert (message.row, message.column, message.measure_id, message.typed) == (
        2,
        "Tiltak",
        mid,
        lost,
    )

"""Carry a merge decision out on the Plan aggregate, inside one `change_plan` transaction.

Each sheet edit becomes the aggregate command a person would have given
(reword, move, assign, set timeframe, report status), so the domain's rules
apply unchanged: a refused command leaves the user's text in the cell and a
Norwegian message on the row. The baseline moves only for what was applied
or recorded, and is saved in the same transaction as the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from domain.errors import PlanloggError
from domain.plan import Plan
from domain.provenance import Provenance
from domain.vocabulary import Colour
from sync.layout import COMMENT, NUMBER, RESPONSIBLE, STATUS, TEXT, Layout
from sync.merge import Conflict, Decision, Edit, Message, NewMeasure


@dataclass
class Outcome:
    """What one cycle did to the store, and how the baseline moves with it."""

    base: dict[str, dict[str, str] | None] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    new_ids: dict[int, str] = field(default_factory=dict)
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0

    def move(self, measure_id: str, cells: dict[str, str]) -> None:
        current = self.base.get(measure_id)
        if current is None:
            current = self.base[measure_id] = {}
        current.update(cells)


def apply_decision(
    plan: Plan, layout: Layout, decision: Decision, by: Provenance, today: date
) -> Outcome:
    outcome = Outcome(messages=list(decision.messages))
    outcome.rejected = len(decision.messages)
    for measure_id, cells in decision.converged.items():
        outcome.move(measure_id, cells)
    for measure_id in decision.forgotten:
        outcome.base[measure_id] = None
    for conflict in decision.conflicts:
        _record_conflict(plan, conflict, by, outcome)
    for measure_id in decision.restores:
        _attempt(outcome, measure_id, None, "", lambda m=measure_id: plan.restore_measure(m, by))
    for edit in decision.edits:
        _apply_edit(plan, layout, edit, by, today, outcome)
    for measure_id in decision.removals:
        _remove(plan, measure_id, by, outcome)
    for creation in decision.creations:
        _create(plan, layout, creation, by, today, outcome)
    outcome.new_ids.update(
        {row: mid for row, mid in decision.claims.items() if mid in plan.measures}
    )
    return outcome


def _attempt(
    outcome: Outcome, measure_id: str | None, row: int | None, column: str, command: object
) -> bool:
    try:
        command()  # type: ignore[operator]
    except PlanloggError as error:
        outcome.rejected += 1
        outcome.messages.append(
            Message(error.message, column=column, row=row, measure_id=measure_id)
        )
        return False
    return True


def _record_conflict(plan: Plan, conflict: Conflict, by: Provenance, outcome: Outcome) -> None:
    """The store's value stays; the sheet's is kept in an event and shown on the row."""
    state = plan.measures[conflict.measure_id]
    already = any(
        c["field"] == conflict.column and c["kept"] == conflict.kept and c["lost"] == conflict.lost
        for c in state["conflicts"]
    )
    if not already:
        plan.record_conflict(conflict.measure_id, conflict.column, conflict.kept, conflict.lost, by)
        outcome.conflicts += 1
    outcome.move(conflict.measure_id, {conflict.column: conflict.lost})


def _apply_edit(
    plan: Plan, layout: Layout, edit: Edit, by: Provenance, today: date, outcome: Outcome
) -> None:
    mid, row, cells = edit.measure_id, edit.row, edit.cells

    def run(columns: list[str], command: object) -> None:
        if _attempt(outcome, mid, row, columns[0], command):
            outcome.applied += 1
            outcome.move(mid, {c: cells[c][0] for c in columns})

    if NUMBER in cells:
        run([NUMBER], lambda: plan.renumber_measure(mid, str(cells[NUMBER][1]), by))
    if TEXT in cells:
        run([TEXT], lambda: plan.reword_measure(mid, str(cells[TEXT][1]), by))
    if RESPONSIBLE in cells:
        bodies = list(cells[RESPONSIBLE][1])  # type: ignore[call-overload]
        run([RESPONSIBLE], lambda: plan.assign_responsible(mid, bodies, by))
    years = [c for c in layout.year_columns if c in cells]
    if years:
        marks = {int(y): raw for y, raw in plan.measures[mid]["marks"].items()}
        marks.update({int(y): str(cells[y][1]) for y in years})
        run(years, lambda: plan.set_timeframe(mid, marks, by))
    status = [c for c in (STATUS, COMMENT) if c in cells]
    if status:
        run(status, lambda: _report_status(plan, mid, cells, by, today))


def _report_status(
    plan: Plan,
    measure_id: str,
    cells: dict[str, tuple[str, object]],
    by: Provenance,
    today: date,
) -> None:
    current = plan.measure(measure_id).status
    colour = cells[STATUS][1] if STATUS in cells else (current.colour if current else None)
    comment = str(cells[COMMENT][1]) if COMMENT in cells else (current.comment if current else "")
    if not isinstance(colour, Colour):
        from domain.errors import ValidationError

        raise ValidationError(
            "Status kan ikkje vere tom når tiltaket har ein kommentar eller tidlegare status. "
            "Skriv grønn, gul eller rød."
        )
    plan.report_status(measure_id, colour, comment, today, by)


def _remove(plan: Plan, measure_id: str, by: Provenance, outcome: Outcome) -> None:
    """A row deleted from the sheet removes the measure (restorable); a refusal brings it back."""
    if _attempt(outcome, measure_id, None, "", lambda: plan.remove_measure(measure_id, by)):
        outcome.applied += 1
    outcome.base[measure_id] = None


def _create(
    plan: Plan,
    layout: Layout,
    creation: NewMeasure,
    by: Provenance,
    today: date,
    outcome: Outcome,
) -> None:
    values = creation.values
    marks = {int(y): str(values[y]) for y in layout.year_columns if y in values}

    def add() -> None:
        new_id = plan.add_measure(
            str(values[NUMBER]),
            str(values[TEXT]),
            by,
            responsible=list(values.get(RESPONSIBLE, ())),  # type: ignore[call-overload]
            marks=marks,
        )
        outcome.new_ids[creation.row] = new_id

    if not _attempt(outcome, None, creation.row, NUMBER, add):
        return
    new_id = outcome.new_ids[creation.row]
    outcome.applied += 1
    outcome.move(new_id, dict(creation.cells))
    colour = values.get(STATUS)
    comment = str(values.get(COMMENT, ""))
    reported = isinstance(colour, Colour) and _attempt(
        outcome,
        new_id,
        creation.row,
        STATUS,
        lambda: plan.report_status(new_id, colour, comment, today, by),
    )
    if not reported:
        outcome.move(new_id, {STATUS: "", COMMENT: ""})

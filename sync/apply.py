"""Carry a merge decision out on the Plan aggregate, inside one `change_plan` transaction.

Each sheet edit becomes the aggregate command a person would have given
(reword, move, assign, set timeframe, report status), so the domain's rules
apply unchanged: a refused command leaves the user's text in the cell and a
Norwegian message on the row. The baseline moves only for what was applied
or recorded, and is saved in the same transaction as the events.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from domain.errors import PlanloggError
from domain.measure_sheet import Setter
from domain.numbering import parse_measure_number
from domain.plan import Plan
from domain.provenance import Provenance
from domain.text import LONG_TEXT, checked, escaped
from sync.layout import NUMBER, Layout, heading
from sync.merge import Conflict, Edit, Message, NewMeasure, Reconciliation


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
    plan: Plan, layout: Layout, decision: Reconciliation, by: Provenance, today: date
) -> Outcome:
    outcome = Outcome(messages=list(decision.messages))
    outcome.rejected = len(decision.messages)
    for measure_id, cells in decision.converged.items():
        outcome.move(measure_id, cells)
    for measure_id in decision.forgotten:
        outcome.base[measure_id] = None
    for conflict in decision.conflicts:
        _record_conflict(plan, conflict, by, outcome)
    refused = {
        measure_id
        for measure_id in decision.restores
        if not _attempt(
            outcome, measure_id, None, "", partial(plan.restore_measure, measure_id, by)
        )
    }
    for measure_id in refused:  # still removed: its row is a restore to try again
        outcome.base.pop(measure_id, None)
    edits = [edit for edit in decision.edits if edit.measure_id not in refused]
    for edit in edits:
        _apply_edit(plan, layout, edit, by, today, outcome, numbers=False)
    renumbered = _renumber_together(plan, edits, by, outcome)
    for edit in edits:
        _apply_edit(plan, layout, edit, by, today, outcome, renumbered, numbers=True)
    for measure_id in decision.removals:
        _remove(plan, measure_id, by, outcome)
    for creation in decision.creations:
        _create(plan, layout, creation, by, today, outcome)
    outcome.new_ids.update(
        {row: mid for row, mid in decision.claims.items() if mid in plan.measures}
    )
    return outcome


def _attempt(
    outcome: Outcome,
    measure_id: str | None,
    row: int | None,
    column: str,
    command: Callable[[], object],
    typed: str | None = None,
) -> bool:
    """Run one command; a refusal becomes a message on the row, with what was typed."""
    try:
        command()
    except PlanloggError as error:
        outcome.rejected += 1
        outcome.messages.append(
            Message(error.message, column=column, row=row, measure_id=measure_id, typed=typed)
        )
        return False
    return True


def _record_conflict(plan: Plan, conflict: Conflict, by: Provenance, outcome: Outcome) -> None:
    """The store's value stays; the sheet's is kept in an event and shown on the row.

    The sheet's text is kept whole, with any character no store can hold written out. A text
    longer than any field may hold is refused as it is outside a conflict: the cell keeps it
    (the baseline does not move, so it is not overwritten), with the message, until it is
    shortened. Cutting it to fit would lose what was typed once the cell is overwritten.
    The baseline moves to the losing text, so the store's value is written over it; a
    conflict lost to a row's deletion moves none (the row is forgotten and written back).
    """
    lost = losing_text(conflict)
    fits = partial(check_losing_text, conflict, lost)
    if not _attempt(
        outcome, conflict.measure_id, conflict.row, conflict.column, fits, conflict.lost
    ):
        return
    if record_once(plan, conflict, lost, by):
        outcome.conflicts += 1
    if conflict.row is not None:
        outcome.move(conflict.measure_id, {conflict.column: conflict.lost})


def losing_text(conflict: Conflict) -> str:
    """The sheet's text as a conflict keeps it: whole, with any character no store can hold
    written out (the cycle's conflicts and `sync restore` alike)."""
    return escaped(conflict.lost, sys.maxsize)


def check_losing_text(conflict: Conflict, lost: str) -> None:
    """Refuse (ValidationError) a losing text longer than any field may hold, as outside a
    conflict."""
    checked(lost, heading(conflict.column), max_length=LONG_TEXT, lines=True)


def record_once(plan: Plan, conflict: Conflict, lost: str, by: Provenance) -> bool:
    """Record the conflict unless the measure holds the same one open; whether it was."""
    if any(
        (c.field, c.kept, c.lost) == (conflict.column, conflict.kept, lost)
        for c in plan.measure(conflict.measure_id).conflicts
    ):
        return False
    plan.record_conflict(conflict.measure_id, conflict.column, conflict.kept, lost, by)
    return True


def _renumber_together(
    plan: Plan, edits: list[Edit], by: Provenance, outcome: Outcome
) -> frozenset[str]:
    """Several new numbers typed in one cycle are given together, so rows can trade numbers
    (1.1.1 and 1.1.2 swapped). Returns the measures renumbered.

    When the numbers refuse together, one refused number must not hold back the others: the
    numbers are split into groups that depend on each other (a row's new number is another
    typed row's old number, or both want the same number: swaps, rings and chains), and each
    group is given together. A number that then goes alone (the end of a chain held up by a
    refused rival) frees the way for the rest, so the groups are tried again after it. What
    is left is not renumbered here, and each is tried on its own (`_apply_edit`), with its
    own message if refused."""
    typed = {e.measure_id: e.cells[NUMBER] for e in edits if NUMBER in e.cells}
    if len(typed) < 2:
        return frozenset()
    pending = {measure_id: str(value) for measure_id, (_text, value) in typed.items()}
    renumbered: list[str] = []

    def give(group: list[str]) -> bool:
        try:
            plan.renumber_measures({measure_id: pending[measure_id] for measure_id in group}, by)
        except PlanloggError:
            return False
        for measure_id in group:
            del pending[measure_id]
        renumbered.extend(group)
        return True

    if not give(list(pending)):
        for group in _dependent_groups(plan, pending):
            give(group)
        while any(give([measure_id]) for measure_id in list(pending)):
            for group in _dependent_groups(plan, pending):
                give(group)
    for measure_id in renumbered:
        outcome.applied += 1
        outcome.move(measure_id, {NUMBER: typed[measure_id][0]})
    return frozenset(renumbered)


def _dependent_groups(plan: Plan, numbers: Mapping[str, str]) -> list[list[str]]:
    """The typed numbers (measure ID to number) in groups that only go through together: a
    measure is grouped with the one whose number it takes, and with any wanting the same
    number, transitively. In the order of their first measure; a number that cannot be read
    is a group of its own."""
    wanted: dict[str, str] = {}
    for measure_id, number in numbers.items():
        try:
            wanted[measure_id] = parse_measure_number(number).number
        except PlanloggError:
            continue
    holder = {
        plan.measures[measure_id].number: measure_id
        for measure_id in numbers
        if measure_id in plan.measures
    }
    first_wanting: dict[str, str] = {}
    leader = {measure_id: measure_id for measure_id in numbers}

    def find(measure_id: str) -> str:
        while leader[measure_id] != measure_id:
            leader[measure_id] = leader[leader[measure_id]]
            measure_id = leader[measure_id]
        return measure_id

    def join(one: str, other: str) -> None:
        leader[find(other)] = find(one)

    for measure_id, number in wanted.items():
        if number in holder:
            join(holder[number], measure_id)
        join(first_wanting.setdefault(number, measure_id), measure_id)
    groups: dict[str, list[str]] = {}
    for measure_id in numbers:
        groups.setdefault(find(measure_id), []).append(measure_id)
    return list(groups.values())


def _apply_edit(
    plan: Plan,
    layout: Layout,
    edit: Edit,
    by: Provenance,
    today: date,
    outcome: Outcome,
    renumbered: frozenset[str] = frozenset(),
    *,
    numbers: bool,
) -> None:
    """Each field with changed cells becomes its own command, in the order fields are declared;
    a number given already with others' (`renumbered`) is not given again.

    Every edit's other fields go first (`numbers` False), the numbers after (True): a link
    typed in the sheet names measures by the numbers the sheet showed, so it must be stored
    before a renumbering in the same cycle, which then makes it follow
    (`Plan._follow_renumbering`); in row order, a link edit below a renumbered row was
    refused as changed meanwhile, or put the old number back."""
    for columns, setter in _changed_fields(layout, edit.cells):
        if (columns == [NUMBER]) != numbers:
            continue
        if columns == [NUMBER] and edit.measure_id in renumbered:
            continue
        values = {c: edit.cells[c][1] for c in columns}

        def command(values: dict[str, object] = values, setter: Setter = setter) -> None:
            setter(plan, plan.measure(edit.measure_id), values, by, today)

        typed = edit.cells[columns[0]][0]
        if _attempt(outcome, edit.measure_id, edit.row, columns[0], command, typed):
            outcome.applied += 1
            outcome.move(edit.measure_id, {c: edit.cells[c][0] for c in columns})


def _changed_fields(layout: Layout, cells: Mapping[str, object]) -> list[tuple[list[str], Setter]]:
    """The editable fields with at least one changed column, and each field's command."""
    changed = []
    for _, form, columns in layout.forms:
        touched = [c.header for c in columns if c.header in cells]
        if touched and form.set is not None:
            changed.append((touched, form.set))
    return changed


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
    """A new row: the measure with what `add_measure` takes, then each other filled field.

    A field whose command is refused (or a filled field that cannot be set) is left
    out of the baseline, so its text stays in the sheet, explained on the row.
    """
    values = creation.values
    added: dict[str, object] = {}
    later: list[tuple[list[str], Setter]] = []
    for _, form, columns in layout.forms:
        given = {c.header: values[c.header] for c in columns if c.header in values}
        if form.adds is not None:
            added.update(form.adds(given))
        elif form.set is not None and any(creation.cells[h] for h in given):
            later.append((list(given), form.set))

    def add() -> None:
        outcome.new_ids[creation.row] = plan.add_measure(by=by, **added)  # type: ignore[arg-type]

    if not _attempt(outcome, None, creation.row, NUMBER, add, creation.cells[NUMBER]):
        return
    new_id = outcome.new_ids[creation.row]
    outcome.applied += 1
    outcome.move(new_id, dict(creation.cells))
    for headers, setter in later:

        def command(headers: list[str] = headers, setter: Setter = setter) -> None:
            setter(plan, plan.measure(new_id), {h: values[h] for h in headers}, by, today)

        typed = creation.cells[headers[0]]
        if not _attempt(outcome, new_id, creation.row, headers[0], command, typed):
            outcome.move(new_id, dict.fromkeys(headers, ""))

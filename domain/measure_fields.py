"""What the declaration of `MeasureState`'s fields gives everyone who needs a measure's fields.

Nothing here names a field: the audit trail, the documents, the public and
staff API schemas and the comparison of adopted versions all iterate over
`FIELDS`, so a field added to `MeasureState` with `declared(...)` appears in
each of them without another edit.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from typing import Any

from domain.audit_words import AuditForm, AuditRow
from domain.measure import SPEC, Declared, MeasureState


@dataclass(frozen=True)
class MeasureField:
    """One declared field: its name, its Python type and what it means to the rest."""

    name: str
    kind: Any
    declared: Declared


def _fields() -> tuple[MeasureField, ...]:
    hints = typing.get_type_hints(MeasureState)
    return tuple(
        MeasureField(f.name, hints[f.name], f.metadata[SPEC])
        for f in dataclasses.fields(MeasureState)
    )


FIELDS: tuple[MeasureField, ...] = _fields()
"""Every field of a measure, in declaration order (the order audit rows are written in)."""

DOCUMENTED = tuple(f.name for f in FIELDS if f.declared.documented)
PUBLIC = tuple(f.name for f in FIELDS if f.declared.public)
CONTENT = tuple(
    f.name
    for f in FIELDS
    if f.declared.content and f.declared.documented and not f.declared.derived
)
"""What a committee adopts, compared between adopted versions (the ID is how they match)."""
PUBLIC_PROGRESS = tuple(
    f.name
    for f in FIELDS
    if f.declared.public and not f.declared.content and f.declared.audit is not None
)
"""Progress on the plan in force that the public sees (status, evaluations): the newest value
is shown beside an adopted version, which is otherwise shown exactly as adopted."""
PROGRESS = tuple(f.name for f in FIELDS if not f.declared.content and f.declared.documented)
"""What a measure gathers while a version is in force (its ID, status, evaluations, revision
and open conflicts): carried over to the measure as that version has it (`as_in_force`)."""


_AS_ADOPTED = tuple(f.name for f in FIELDS if f.name not in PROGRESS)


def adopted_as_drafted(adopted: MeasureState, now: MeasureState) -> bool:
    """Whether the measure stands in the draft as the version in force has it: `as_in_force`
    then gives the same measure from `now` alone (a plan's snapshot stores no copy of it)."""
    return all(getattr(adopted, name) == getattr(now, name) for name in _AS_ADOPTED)


def as_in_force(adopted: MeasureState, now: MeasureState) -> MeasureState:
    """The measure as the version in force has it (`adopted`: its state when that version was
    adopted), with the progress it has made since (`now`: its state in the working draft).

    Bodies report and evaluate the plan in force: a revision under way may have reworded,
    renumbered, given to other bodies or removed the measure, none of which is in force
    until the next version is adopted; a status reported meanwhile is progress on both.
    """
    return dataclasses.replace(adopted, **{name: getattr(now, name) for name in PROGRESS})


_AUDITED: tuple[tuple[str, AuditForm, bool], ...] = tuple(
    (f.name, f.declared.audit, f.declared.on_add) for f in FIELDS if f.declared.audit is not None
)
"""Each audited field: its name, its audit form, and whether a new measure records it."""


def audit_rows(old: MeasureState | None, new: MeasureState) -> list[AuditRow]:
    """The audit rows of one change, field by field; `old` is None for a new measure.

    A new measure records the fields declared `on_add`, each from an empty
    value; unchanged values are left out by the writer. An event changes one
    or two fields and `evolve` keeps the others' very objects, so the fields are
    compared on identity alone, read straight from the two states' dicts (a
    rebuild asks this of every measure event): a field set anew to an equal
    value gives rows whose texts are equal, which the writer leaves out too.
    """
    rows: list[AuditRow] = []
    after = vars(new)
    if old is None:
        for name, form, on_add in _AUDITED:
            if on_add:
                rows.extend(form(name, None, after[name]))
        return rows
    before = vars(old)
    for name, form, _ in _AUDITED:
        was, now = before[name], after[name]
        if was is not now:
            rows.extend(form(name, was, now))
    return rows

"""How the audit trail words a changed field: one row per field, before and after, as text.

A field's audit form is declared with the field (`domain.measure`). Most
fields are one row named after the field; a few composite ones are worded
part by part, the way auditors read them (the SMART criteria, the evaluation
plan, the status light and its comment, conflicts kept and resolved).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from domain.state_json import to_json
from language import N_, Målform, _, speaking

YES, NO = N_("ja"), N_("nei")
"""Stored as these keys (the same in both målformer); the pages show them with `_`."""

STORED_MÅLFORM: Målform = "nn"
"""The målform of the few worded values the audit trail stores (an evaluation, a resolved
conflict). What is stored never changes with who is speaking: these rows were first
written in nynorsk, and are still, from the catalogue, so a rebuilt read model holds the
same rows as the one it replaces."""

_NUMBERS_AND_TEXT = (str, int, float)
_SEQUENCES = (list, tuple)

AuditRow = tuple[str, str, str]
"""(field, before, after) as auditors read them."""

AuditForm = Callable[[str, Any, Any], list[AuditRow]]
"""From a field's name, old value (None: the measure is new) and new value, its audit rows."""


def as_text(value: Any) -> str:
    """A field value as auditors read it in a table or a CSV file.

    A rebuild asks this of every audited value (millions), most of them text or a tuple
    of text: those are answered first, and the checks test tuples of types (a `str | int`
    union is several times slower in `isinstance`)."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if type(value) is date:  # a status report's day, on every report of a rebuild
        return value.isoformat()
    if isinstance(value, _SEQUENCES):
        return ", ".join([v if type(v) is str else as_text(v) for v in value])
    if type(value) is bool:
        return YES if value else NO
    if isinstance(value, _NUMBERS_AND_TEXT):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "; ".join(f"{k}: {as_text(v)}" for k, v in sorted(value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = to_json(value)
        return as_text(parts) if any(parts.values()) else ""
    return str(value)


def one_row(name: str, old: Any, new: Any) -> list[AuditRow]:
    return [(name, as_text(old), as_text(new))]


def goal_and_area(name: str, old: Any, new: Any) -> list[AuditRow]:
    """Moving a measure to another goal changes its area too; both are recorded."""

    def area(goal: Any) -> Any:
        return goal.split(".")[0] if goal else goal

    return [*one_row(name, old, new), *one_row("area", area(old), area(new))]


def smart_parts(name: str, old: Any, new: Any) -> list[AuditRow]:
    return [
        (f"{name}_{part}", as_text(getattr(old, part, None)), as_text(getattr(new, part)))
        for part in ("indicator", "target", "deadline")
    ]


def evaluation_parts(name: str, old: Any, new: Any) -> list[AuditRow]:
    before = dict(old or {})
    return [
        (f"{name}_{part}", as_text(before.get(part)), as_text(new.get(part)))
        for part in sorted({*before, *new})
    ]


def evaluation_results(name: str, old: Any, new: Any) -> list[AuditRow]:
    """One row per year whose evaluation changed, worded as the committee reads it."""
    before = dict(old or {})
    return [
        (f"{name}_{year}", _evaluation_words(before.get(year)), _evaluation_words(new[year]))
        for year in sorted(new)
        if before.get(year) != new[year]
    ]


EVALUATION_WORDS = N_(
    "%(result)s; førte til: %(led_to)s; anbefaling: %(recommendation)s (%(body)s, %(day)s)"
)
"""How an evaluation row is worded (stored in `STORED_MÅLFORM`; restated when shown). Its
day (`evaluated_on`, ISO as every day stored) is in the words: an evaluation given again in
the same words on a later day is a row too, saying when it was given last."""


def _evaluation_words(evaluation: Any) -> str:
    if evaluation is None:
        return ""
    with speaking(STORED_MÅLFORM):
        return _(
            EVALUATION_WORDS,
            result=evaluation.result.label,
            led_to=evaluation.led_to,
            recommendation=evaluation.recommendation.label,
            body=evaluation.body,
            day=as_text(evaluation.evaluated_on),
        )


def status_parts(name: str, old: Any, new: Any) -> list[AuditRow]:
    """The colour, the comment and the day reported: a report that repeats the last one's
    colour and comment on a later day is a row too, saying who reported last and when."""
    before, after = _status_texts(old), _status_texts(new)
    return [
        (name, before[0], after[0]),
        (f"{name}_comment", before[1], after[1]),
        (f"{name}_reported_on", before[2], after[2]),
    ]


def _status_texts(report: Any) -> tuple[str, str, str]:
    """A report's colour, comment and day as text; a rebuild asks this twice per report."""
    if report is None:
        return ("", "", "")
    return (
        as_text(getattr(report, "colour", None)),
        as_text(getattr(report, "comment", None)),
        as_text(getattr(report, "reported_on", None)),
    )


def conflict_changes(name: str, old: Any, new: Any) -> list[AuditRow]:
    """A recorded conflict: the sheet's lost text, and the text kept; a resolved one: its ID.

    Rows are named "conflict_<column>" and "conflict", whatever the field's own name.
    """
    before = {c.id: c for c in old or ()}
    after = {c.id: c for c in new}
    recorded = [(f"conflict_{c.field}", c.lost, c.kept) for i, c in after.items()
                if i not in before]  # fmt: skip
    if not any(i not in after for i in before):
        return recorded
    with speaking(STORED_MÅLFORM):
        word = _("løst")
    resolved = [("conflict", i, word) for i in before if i not in after]
    return recorded + resolved

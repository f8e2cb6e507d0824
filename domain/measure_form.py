"""A measure as people edit it in a form: its entries, and what a filled-in form changes.

The entries are the columns of every content field people write (each
field's `Declared.sheet` form, see `domain.measure`), in declaration order,
so a field declared with a form appears in the web's editing form without
being named anywhere else. Status reports are progress, not content, and are
reported on their own. Reading a filled-in form compares each entry's meaning
with what is stored (as the sheet sync compares cells), so saving an untouched
form changes nothing and only the fields whose entries changed become commands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from domain.dates import DateError
from domain.errors import ValidationError
from domain.measure import MeasureState
from domain.measure_fields import FIELDS
from domain.measure_sheet import Column, SheetForm, clean_text, read_cell
from domain.text import LONG_TEXT, checked
from language import _

if TYPE_CHECKING:
    from domain.plan import Plan
    from domain.provenance import Provenance


@dataclass(frozen=True)
class FieldEntries:
    """One field in the form: its form (label, command) and its entries (columns)."""

    field: str
    form: SheetForm
    columns: tuple[Column, ...]

    @property
    def editable(self) -> bool:
        return self.form.set is not None and any(c.editable for c in self.columns)


class FormError(ValidationError):
    """Entries that cannot be read or were refused, each with its message, by entry name."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__(
            _("Noen felt kan ikke lagres slik de er fylt ut. Se meldingene ved feltene.")
        )
        self.problems = dict(problems)


def measure_form(years: Iterable[int]) -> tuple[FieldEntries, ...]:
    """The content fields people write, each with its entries, for a plan's years."""
    period = tuple(years)
    fields = []
    for field in FIELDS:
        form = field.declared.sheet
        if form is not None and field.declared.content:
            fields.append(FieldEntries(field.name, form, form.columns(period)))
    return tuple(fields)


def changed_fields(
    plan: Plan, measure: MeasureState, typed: Mapping[str, str]
) -> list[tuple[FieldEntries, dict[str, Any]]]:
    """Each field with an entry whose meaning changed, with the values of those entries.

    Entries missing from `typed` are left as they are. Raises FormError naming
    every entry whose text cannot be read.
    """
    changes: list[tuple[FieldEntries, dict[str, Any]]] = []
    problems: dict[str, str] = {}
    for entries in measure_form(plan.years):
        values: dict[str, Any] = {}
        for column in entries.columns:
            if not column.editable or column.header not in typed:
                continue
            try:
                value = read_entry(column, typed[column.header])
            except ValidationError as error:
                problems[column.header] = error.message
                continue
            if value != stored_value(plan, measure, column):
                values[column.header] = value
        if values and entries.editable:
            changes.append((entries, values))
    if problems:
        raise FormError(problems)
    return changes


def read_entry(column: Column, text: str) -> Any:
    """What an entry's text stands for (`read_cell`), refused in the form's words.

    The entry is named by its label, as the form shows it («Nummer», not the sheet's «Nr»);
    and a date too long for any cell is refused as a date is: the length limit of a text
    told people a date field held 10 000 characters.
    """
    cleaned = clean_text(text)
    if len(cleaned.strip()) > LONG_TEXT:
        _refuse_as_a_date(column, cleaned.strip())
    checked(cleaned, column.title, max_length=LONG_TEXT, lines=True)
    return read_cell(column, text)


def _refuse_as_a_date(column: Column, text: str) -> None:
    """Raise the entry's own refusal of `text` when it reads dates (a DateError); any other
    refusal is left to the length limit, which says what is wrong with a text too long."""
    if column.read is None:
        return
    try:
        column.read(text)
    except DateError:
        raise
    except ValidationError:
        return


def stored_value(plan: Plan, measure: MeasureState, column: Column) -> Any:
    """What the stored measure means in this entry (None when its shown text is unreadable)."""
    try:
        return read_cell(column, column.show(plan, measure))
    except ValidationError:
        return None


def apply_form(
    plan: Plan,
    measure_id: str,
    typed: Mapping[str, str],
    by: Provenance,
    today: date,
    expected_revision: int | None,
) -> MeasureState:
    """Every change of a filled-in form, if the measure is at the revision the person saw.

    Each changed field becomes its form's command, in declaration order; a
    field whose command refuses its value is named at its first changed entry,
    and nothing is kept unless everything is (the caller saves or drops the plan).
    """
    plan.check_revision(measure_id, expected_revision)
    problems: dict[str, str] = {}
    for entries, values in changed_fields(plan, plan.measure(measure_id), typed):
        if entries.form.set is None:
            continue
        try:
            entries.form.set(plan, plan.measure(measure_id), values, by, today)
        except ValidationError as error:
            problems[next(iter(values))] = error.message
    if problems:
        raise FormError(problems)
    return plan.measure(measure_id)

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

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from domain.dates import FIRST_YEAR, LAST_YEAR, DateError
from domain.errors import ValidationError
from domain.measure import MeasureState
from domain.measure_fields import FIELDS
from domain.measure_sheet import (
    SPREADSHEET_ERRORS,
    Column,
    NamingRefusal,
    SheetForm,
    clean_text,
    read_cell,
)
from domain.text import checked
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


_YEAR = re.compile(r"[1-9][0-9]{3}")


def entry_years(years: Iterable[int], names: Iterable[str]) -> tuple[int, ...]:
    """The plan's `years`, and every other year an entry in `names` is named by.

    A form opened before the plan's period moved has entries for the years it had then;
    those are read too, not dropped. Read by the period as it is now, a mark cleared in a
    year the period has left was kept while the page said the changes were saved, and a
    mark typed there was thrown away as "no changes". Read, the first is the editor's
    change of what they saw (the measure's revision guards it as any entry), and the
    second is refused by the plan (`Plan._check_marks`), beside its entry.
    """
    named = {int(name) for name in names if _YEAR.fullmatch(name)}
    return tuple(sorted({*years, *(y for y in named if FIRST_YEAR <= y <= LAST_YEAR)}))


def changed_fields(
    plan: Plan, measure: MeasureState, typed: Mapping[str, str]
) -> list[tuple[FieldEntries, dict[str, Any]]]:
    """Each field with an entry whose meaning changed, with the values of those entries.

    Entries missing from `typed` are left as they are; a year's entry is read even when
    the period no longer has the year (`entry_years`). Raises FormError naming every entry
    whose text cannot be read.
    """
    changes: list[tuple[FieldEntries, dict[str, Any]]] = []
    problems: dict[str, str] = {}
    for entries in measure_form(entry_years(plan.years, typed)):
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

    The entry is named by its label, as the form shows it («Nummer», not the sheet's «Nr»),
    also where reading it names its column (`NamingRefusal`); and a date too long for any
    cell is refused as a date is: the length limit of a text told people a date field held
    10 000 characters. Each entry is held to its own limit (`Column.max_length`): a target
    of 1 500 characters passed here and was refused by its field's command, at the field's
    first changed entry (the indicator). A spreadsheet's formula error is refused as a value
    without speaking of cells, which the form has none of.
    """
    cleaned = clean_text(text)
    if len(cleaned.strip()) > column.max_length:
        _refuse_as_a_date(column, cleaned.strip())
    checked(cleaned, column.title, max_length=column.max_length, lines=True)
    if cleaned.strip() in SPREADSHEET_ERRORS:
        raise ValidationError(
            _(
                "%(error)s kan ikke lagres: i regnearket ser det ut som en formelfeil. "
                "Skriv vanlig tekst.",
                error=cleaned.strip(),
            )
        )
    try:
        return read_cell(column, text)
    except NamingRefusal as refusal:
        raise ValidationError(refusal.naming(column.title)) from None


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
            if entries.form.in_form is not None:
                entries.form.in_form(plan, plan.measure(measure_id), values)
            entries.form.set(plan, plan.measure(measure_id), values, by, today)
        except ValidationError as error:
            problems[next(iter(values))] = error.message
    if problems:
        raise FormError(problems)
    return plan.measure(measure_id)

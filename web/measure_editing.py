"""Editing a measure in the browser: one form, built from the measure's field declarations.

The form's entries are the columns of every content field people write
(`domain.measure_form`), with their labels, hints and choices, so a newly
declared field appears here by itself. The form carries the revision the
editor saw (a hidden field, like If-Match): when someone else changed the
measure since, nothing is saved and the page shows what is stored now with
what the editor typed beside it. Every change is the signed-in person's,
from the web. Plain HTML forms with a CSRF token: no JavaScript needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from domain.errors import ConcurrentEditError, NotFoundError, RuleError, ValidationError
from domain.measure import MeasureState
from domain.measure_form import (
    FieldEntries,
    FormError,
    entry_years,
    measure_form,
    stored_value,
)
from domain.measure_sheet import (
    EVALUATION_HEADERS,
    LIST_SEPARATOR,
    RESPONSIBLE,
    Column,
    bodies_of,
    clean_text,
    read_cell,
    split_list,
)
from domain.plan import EDITABLE_STAGES, Plan
from language import N_, _
from web.auth import may, require
from web.form_labels import FormLabels
from web.form_values import (
    FieldReader,
    measure_revision_seen,
    phone_lines,
    read_provenance,
    tell_of_unknown_bodies,
)
from web.reading import current_plan
from web.roles import Permission
from web.services import services

bp = Blueprint("measure_editing", __name__)

PAGE = "editing/measure_form.html"
SHOWN = "vist:"
"""The name of each entry's hidden copy of what the form showed in it, after this prefix: a
form refused as stale then tells the entries its editor changed from those someone else did
(`_changed_by_editor`)."""

WRAPPED = frozenset({RESPONSIBLE})
"""Entries of one line in the sheet that the form gives the lines their text takes: a body's
name is often longer than a phone's line, and one line showed little of it. A line break in
them separates bodies, as a comma does."""
SHORT = frozenset({EVALUATION_HEADERS["start"], EVALUATION_HEADERS["end"]})
"""Entries for a year or a season (when an evaluation starts and ends): one short line, unless
what they hold needs more (a line break, which one line would drop when saved)."""
SHORT_LENGTH = 24
"""The most characters a `SHORT` entry shows on its one short line."""


def _entry_labels() -> dict[str, str]:
    """The form's entries (named by their columns' headers) by the titles it shows, for the
    plan in the request's address. Its year entries are the draft's period: a caller who may
    not read the draft (often one signed out meanwhile) gets the others' titles only."""
    try:
        plan = services().app.get_plan((request.view_args or {}).get("key", ""))
    except NotFoundError:
        return {}
    years = _years(plan) if may(Permission.READ_DRAFT) else ()
    return {
        column.header: column.title for field in measure_form(years) for column in field.columns
    }


FORM = FormLabels(
    endpoint="measure_editing.save",
    fields={"reason": N_("Begrunnelse"), "decision": N_("Vedtak endringen følger av")},
    entries=_entry_labels,
)
"""The labels of the form's own fields (why the change is made); its entries are labelled
by their columns (`_entry_labels`)."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    id: str
    checked: bool


@dataclass(frozen=True)
class Entry:
    """One entry of the form as the page shows it."""

    name: str
    id: str
    label: str
    hint: str
    value: str
    lines: int
    choices: tuple[Choice, ...]
    editable: bool
    error: str = ""
    shown: str = ""
    """What the form showed in the entry at the revision it carries (see SHOWN)."""
    typed: str | None = None
    """What the editor typed, when a stale save was refused and it differs from what is stored."""
    shared_hint: str = ""
    """The id of its field's hint, when the field's entries share one (the year marks)."""
    short: bool = False
    """A one-line entry for a short value (a year), drawn narrow."""

    @property
    def shown_name(self) -> str:
        return SHOWN + self.name

    @property
    def described_by(self) -> str:
        ids = [
            self.shared_hint,
            f"{self.id}-hint" if self.hint else "",
            f"{self.id}-error" if self.error else "",
            f"{self.id}-typed" if self.typed is not None else "",
        ]
        return " ".join(i for i in ids if i)


@dataclass(frozen=True)
class Field:
    """One field: a legend when it has several entries (the year marks, SMART)."""

    legend: str
    entries: tuple[Entry, ...]
    hint: str = ""
    hint_id: str = ""

    @property
    def grouped(self) -> bool:
        return len(self.entries) > 1 and any(e.editable for e in self.entries)


@bp.get("/planer/<key>/tiltak/<measure_id>/endre")
def edit(key: str, measure_id: str) -> str:
    require(Permission.EDIT)
    plan = services().app.get_plan(key)
    return _page(plan, plan.measure(measure_id))


@bp.post("/planer/<key>/tiltak/<measure_id>/endre")
def save(key: str, measure_id: str) -> Any:
    caller = require(Permission.EDIT)
    app = services().app
    plan = app.get_plan(key)
    measure = plan.measure(measure_id)
    typed = _typed(plan)
    seen = measure_revision_seen()
    if measure.removed:
        return _refused_as_removed(plan, measure, typed, seen)
    fields = FieldReader()
    by = read_provenance(fields, caller)
    if by is None:
        return _page(plan, measure, typed, why=fields.problems, carried=seen), fields.status
    try:
        revision = app.edit_measure(key, measure_id, typed, by, seen, services().today())
    except ConcurrentEditError as error:
        return _refused_as_stale(key, measure_id, typed, seen, error.message)
    except FormError as error:
        page = _page(plan, measure, typed, error.problems, error.message, carried=seen)
        return page, 422
    except (RuleError, ValidationError) as error:
        page = _page(plan, measure, typed, message=error.message, carried=seen)
        return page, 409 if isinstance(error, RuleError) else 422
    return _saved(key, measure_id, changed=revision != seen, named_before=measure.responsible)


def _saved(key: str, measure_id: str, changed: bool, named_before: Sequence[str] = ()) -> Response:
    """Bring the read models up to this change, then show it on the working version, with
    the responsible bodies the register lacks named (saved as typed): those this save named,
    not those named before it (`named_before`, as the measure stores them: an editor who
    changed only the text is not told of a body someone else typed)."""
    services().read_models.read_your_writes()
    measure = current_plan(key).measure(measure_id)
    number = measure.number if measure else measure_id
    if changed and measure:
        named = services().app.get_plan(key).measure(measure_id).responsible
        tell_of_unknown_bodies(key, [body for body in named if body not in named_before])
    flag: dict[str, Any] = {"lagret" if changed else "uendret": number}
    target = url_for("working_plan.show", key=key, **flag)
    return redirect(f"{target}#tiltak-{number}", code=303)


def _refused_as_stale(
    key: str, measure_id: str, typed: Mapping[str, str], seen: int, refusal: str
) -> Response | tuple[str, int]:
    """The stored measure in the entries, what the editor typed beside each entry they changed
    that holds something else now; nothing of theirs at stake (a form sent twice, or saved
    untouched after a colleague's change) is no refusal: it is as saved, and nothing is.

    The domain's refusal is not shown: the page says what it says, and its advice (fetch the
    measure again, for the API and the command line) would throw away the text kept here.
    A measure still at the revision the editor saw was not changed by anyone: the save was
    crowded out (`_crowded_out`)."""
    services().read_models.read_your_writes()
    plan = services().app.get_plan(key)
    measure = plan.measure(measure_id)
    if measure.removed:
        return _refused_as_removed(plan, measure, typed, seen)
    if measure.revision == seen:
        return _crowded_out(plan, measure, typed, seen, refusal)
    columns = {column.header: column for column in _editable_columns(plan)}
    with bodies_of(services().app.body_register(plan.header.owner)):
        changed = _changed_by_editor(columns.values(), typed)
        lost = {
            header: text
            for header, text in changed.items()
            if not _same_meaning(plan, measure, columns[header], text)
        }
    if not lost:
        return _saved(key, measure_id, changed=bool(changed), named_before=measure.responsible)
    document = current_plan(key).measure(measure_id)
    last = document.last_change if document else None
    page = _page(plan, measure, stale=lost, seen=seen, last_change=last)
    return page, 409


def _crowded_out(
    plan: Plan, measure: MeasureState, typed: Mapping[str, str], seen: int, refusal: str
) -> tuple[str, int]:
    """A save that collided with others' saves of the plan on every attempt
    (`Planlogg.change_plan`), the measure untouched: the domain's own words (try again in a
    moment), with what the editor typed in the entries, still against the revision they saw.
    Told as a stale form, it said the measure was changed by someone else, "from revision 2
    to revision 2", and took what was typed out of the entries."""
    return _page(plan, measure, typed, message=refusal, carried=seen), 409


def _refused_as_removed(
    plan: Plan, measure: MeasureState, typed: Mapping[str, str], seen: int
) -> tuple[str, int]:
    """A removed measure is not changed, whatever the form holds: said so (rather than "changed
    by someone else", or a save of nothing), with what the editor typed in the entries, still
    against the revision they saw."""
    return _page(plan, measure, typed, message=_removed(measure), carried=seen), 409


def _removed(measure: MeasureState) -> str:
    """The domain's words when a command names a removed measure (`Plan._check_active`)."""
    return _("Tiltak %(number)s er fjernet. Gjenopprett det først.", number=measure.number)


def _changed_by_editor(columns: Iterable[Column], typed: Mapping[str, str]) -> dict[str, str]:
    """The entries the editor changed: typed otherwise than the form showed them (its hidden
    copy, SHOWN); every typed entry of a form without the copies."""
    changed = {}
    for column in columns:
        text = typed.get(column.header)
        shown = request.form.get(SHOWN + column.header)
        if text is not None and (shown is None or not _same_reading(column, text, shown)):
            changed[column.header] = text
    return changed


def _same_reading(column: Column, one: str, other: str) -> bool:
    """Whether two texts mean the same in an entry (line ends, spaces, spellings aside)."""
    try:
        return bool(read_cell(column, one) == read_cell(column, other))
    except ValidationError:
        return clean_text(one) == clean_text(other)


def _page(
    plan: Plan,
    measure: MeasureState,
    typed: Mapping[str, str] | None = None,
    problems: Mapping[str, str] | None = None,
    message: str = "",
    stale: Mapping[str, str] | None = None,
    seen: int | None = None,
    last_change: Any = None,
    carried: int | None = None,
    why: Mapping[str, str] | None = None,
) -> str:
    """The form; `carried`, the revision it carries back (the stored one when not given);
    `why`, a refused reason or decision by field name, said at that field.

    A form refused for anything but staleness carries the revision its editor saw, with the
    copies of what it showed (`_shown`): given the stored one, the stale text it holds would
    pass the revision check on the next save and be written over a colleague's change."""
    register = services().app.body_register(plan.header.owner)
    with bodies_of(register):
        fields = [
            _field(plan, measure, entries, typed or {}, problems or {}, stale or {})
            for entries in measure_form(_years(plan))
        ]
    return render_template(
        PAGE,
        plan=plan,
        measure=measure,
        fields=fields,
        problems=[e for f in fields for e in f.entries if e.error],
        message=message,
        stale=stale is not None,
        seen=seen,
        carried=measure.revision if carried is None else carried,
        last_change=last_change,
        reason=request.form.get("reason", ""),
        decision=request.form.get("decision", ""),
        why_refused=why or {},
        labels=FORM.fields,
        editable=plan.stage in EDITABLE_STAGES,
        responsible=RESPONSIBLE,
        registered=register.in_name_order(),
    )


def _field(
    plan: Plan,
    measure: MeasureState,
    entries: FieldEntries,
    typed: Mapping[str, str],
    problems: Mapping[str, str],
    stale: Mapping[str, str],
) -> Field:
    found = []
    for column in entries.columns:
        stored = column.show(plan, measure)
        value = typed.get(column.header, stored)
        error, lost = problems.get(column.header, ""), stale.get(column.header)
        found.append(_entry(column, value, _shown(column, stored, typed), error, lost))
    return _sharing_hints(Field(entries.form.label, tuple(found)))


def _shown(column: Column, stored: str, typed: Mapping[str, str]) -> str:
    """What the editor was shown in an entry: the stored text, unless the page shows what they
    typed (a refused form), which keeps the copy of what the form they filled in showed."""
    if column.header not in typed:
        return stored
    return request.form.get(SHOWN + column.header, stored)


def _sharing_hints(field: Field) -> Field:
    """A hint every entry of a field repeats is said once, under the field's legend."""
    hints = {entry.hint for entry in field.entries}
    if len(field.entries) < 2 or len(hints) != 1 or not field.entries[0].hint:
        return field
    hint_id = field.entries[0].id + "-felles"
    entries = tuple(replace(e, hint="", shared_hint=hint_id) for e in field.entries)
    return Field(field.legend, entries, hints.pop(), hint_id)


def _entry(column: Column, value: str, shown: str, error: str, typed: str | None) -> Entry:
    entry_id = "felt-" + _slug(column.header)
    chosen = set(split_list(value))
    lines = _lines(column, value)
    return Entry(
        name=column.header,
        id=entry_id,
        label=column.title,
        hint=column.hint,
        value=value,
        lines=lines,
        short=column.header in SHORT and lines == 1,
        choices=tuple(
            Choice(v, label, f"{entry_id}-{_slug(v)}", v in chosen) for v, label in column.choices
        ),
        editable=column.editable,
        error=error,
        shown=shown,
        typed=_as_read(column, typed) if typed is not None else None,
    )


def _lines(column: Column, value: str) -> int:
    """The lines an entry is given, so that it shows what it holds (`WRAPPED`, `SHORT`)."""
    if column.header in SHORT:
        if "\n" not in value and len(value) <= SHORT_LENGTH:
            return 1
        return max(column.lines, phone_lines(value))
    if column.header in WRAPPED:
        return max(2, phone_lines(value))
    return column.lines


def _as_read(column: Column, text: str) -> str:
    """What the editor typed, as they read it: chosen values by their labels."""
    if not column.choices:
        return text
    labels = dict(column.choices)
    return "; ".join(labels.get(part, part) for part in split_list(text))


def _same_meaning(plan: Plan, measure: MeasureState, column: Column, text: str) -> bool:
    try:
        return bool(read_cell(column, text) == stored_value(plan, measure, column))
    except ValidationError:
        return False


def _years(plan: Plan) -> tuple[int, ...]:
    """The years the form has entries for: the plan's, and each year the form sent (one
    opened before the period moved), so what was typed there is read, and shown again if
    refused, rather than dropped (`entry_years`)."""
    return entry_years(plan.years, request.form)


def _editable_columns(plan: Plan) -> list[Column]:
    return [c for entries in measure_form(_years(plan)) for c in entries.columns if c.editable]


def _typed(plan: Plan) -> dict[str, str]:
    """Each entry as the editor left it; the chosen values of a choice, joined by ";"."""
    typed: dict[str, str] = {}
    for column in _editable_columns(plan):
        if column.header not in request.form:
            continue
        if column.choices:
            chosen = [v for v in request.form.getlist(column.header) if v]
            typed[column.header] = f"{LIST_SEPARATOR} ".join(chosen)
        else:
            typed[column.header] = request.form.get(column.header, "")
    return typed


def _slug(text: str) -> str:
    """A name made safe for an HTML id: "Tema i § 6-2" → "tema-i-6-2"."""
    folded = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")

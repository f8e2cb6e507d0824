"""Adding a measure in the browser: its number, text and responsible bodies, and why.

The working version's goal headings link here with the goal (`?goal=2.1`), and the form
then offers the next free number under it. Each field is read as the measure's edit form
reads its entry (the columns of `domain.measure_sheet`, refused in the form's words) and
held to the bounds the domain's command holds it to, so every field the command would refuse
is refused at once, at its place; what the command still refuses is the number's (the goal
is not in the plan, or a colleague's measure took the number meanwhile), or the plan's (not
editable now), said in the domain's words. Nothing typed is lost: a refused form is shown
again as it was filled in. The measure is the signed-in person's, from the web.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

from domain.errors import ConcurrentEditError, RuleError, ValidationError
from domain.measure import FIRST_REVISION
from domain.measure_form import measure_form, read_entry
from domain.measure_sheet import NUMBER, RESPONSIBLE, TEXT, Column, bodies_of
from domain.numbering import parse_goal_number, parse_measure_number
from domain.plan import EDITABLE_STAGES, Plan
from domain.provenance import Provenance
from domain.text import BODY, LONG_TEXT, checked
from language import N_, _
from web.auth import Caller, require
from web.form_labels import FormLabels
from web.form_values import FieldReader, read_provenance, tell_of_unknown_bodies
from web.roles import Permission
from web.services import services

bp = Blueprint("new_measure", __name__)

PAGE = "editing/new_measure.html"
FORM = FormLabels(
    endpoint="new_measure.add",
    fields={
        "number": N_("Nummer"),
        "text": N_("Tiltak"),
        "responsible": N_("Ansvar"),
        "reason": N_("Begrunnelse"),
        "decision": N_("Vedtak endringen følger av"),
    },
)
"""The labels of the form's fields, as the measure's edit form names the same entries."""

FORMS: tuple[FormLabels, ...] = (FORM,)
"""The labels of this module's page forms (`web.form_labels`)."""

BODY_NAME = N_("Navnet på organet")
"""What a body's name too long is refused as, in the words of the command's own check."""


@dataclass(frozen=True)
class Typed:
    """The form's fields as the editor filled them in (or as the page offers them)."""

    number: str = ""
    text: str = ""
    responsible: str = ""
    reason: str = ""
    decision: str = ""

    @classmethod
    def from_form(cls) -> Typed:
        return cls(*(request.form.get(name, "") for name in cls.__dataclass_fields__))


@dataclass(frozen=True)
class Read:
    """The fields as the command takes them."""

    number: str
    text: str
    responsible: tuple[str, ...]
    by: Provenance


@bp.get("/planer/<key>/tiltak/nytt")
def new(key: str) -> str:
    require(Permission.EDIT)
    plan = services().app.get_plan(key)
    goal = _goal(plan, request.args.get("goal", ""))
    return _page(plan, Typed(number=_next_number(plan, goal)), goal=goal)


@bp.post("/planer/<key>/tiltak/nytt")
def add(key: str) -> Any:
    caller = require(Permission.EDIT)
    app = services().app
    plan = app.get_plan(key)
    typed = Typed.from_form()
    fields = FieldReader()
    read = _read(plan, typed, caller, fields)
    if read is None:
        return _page(plan, typed, fields.problems), fields.status
    try:
        measure_id = app.add_measure(
            key, read.number, read.text, read.by, responsible=list(read.responsible)
        )
    except (RuleError, ConcurrentEditError) as error:
        return _page(app.get_plan(key), typed, message=error.message), 409
    except ValidationError as error:  # all else was read above: the goal, or the number taken
        measure_id = _added_already(app.get_plan(key), read)
        if not measure_id:
            return _page(app.get_plan(key), typed, {"number": error.message}), 422
    services().read_models.read_your_writes()
    flash(_("La til tiltak %(number)s (%(id)s).", number=read.number, id=measure_id))
    tell_of_unknown_bodies(key, read.responsible)
    target = url_for("working_plan.show", key=key)
    return redirect(f"{target}#tiltak-{read.number}", code=303)


def _read(plan: Plan, typed: Typed, caller: Caller, fields: FieldReader) -> Read | None:
    """Every field read, each refusal kept at its field (`fields`); None when any was."""
    with bodies_of(services().app.body_register(plan.header.owner)):
        number = fields.read("number", lambda: str(read_entry(_column(NUMBER), typed.number)), "")
        text = fields.read("text", lambda: _text(typed.text), "")
        bodies: tuple[str, ...] = fields.read("responsible", lambda: _bodies(typed.responsible), ())
    by = read_provenance(fields, caller)
    if fields.problems or by is None:
        return None
    return Read(number, text, bodies, by)


def _added_already(plan: Plan, read: Read) -> str:
    """The ID of the measure this form added, when it was sent twice (a double click, a
    reload): a measure at the number, with the text, still as it was added. The second
    sending is told it is added, not refused as a number taken by the editor's own measure."""
    number = parse_measure_number(read.number).number
    found = (
        m.id
        for m in plan.active_measures()
        if m.number == number and m.text == read.text and m.revision == FIRST_REVISION
    )
    return next(found, "")


def _column(header: str) -> Column:
    """The measure's entry `header` as its edit form has it (`domain.measure_form`)."""
    columns = {c.header: c for entries in measure_form(()) for c in entries.columns}
    return columns[header]


def _text(typed: str) -> str:
    """The text, as the command's own check takes it (required, at most `LONG_TEXT`)."""
    read_entry(_column(TEXT), typed)
    return checked(typed, FORM.fields["text"], max_length=LONG_TEXT, lines=True, required=True)


def _bodies(typed: str) -> tuple[str, ...]:
    """The body names, one a line or separated by commas, each as long as a name may be."""
    names: tuple[str, ...] = read_entry(_column(RESPONSIBLE), typed)
    return tuple(checked(name, BODY_NAME, max_length=BODY) for name in names)


def _goal(plan: Plan, typed: str) -> str:
    """The goal the address names ("2.1"), when the plan has it; else ""."""
    try:
        goal = parse_goal_number(typed)
    except ValidationError:
        return ""
    found = plan.goals.get(goal)
    return goal if found is not None and not found.removed else ""


def _next_number(plan: Plan, goal: str) -> str:
    """The goal's next whole measure number: one past the highest its measures have, removed
    ones too, so that a removed measure can be restored with its number; "" for no goal."""
    if not goal:
        return ""
    taken = [_whole(m.number) for m in plan.measures.values() if m.goal == goal]
    return f"{goal}.{max(taken, default=0) + 1}"


def _whole(number: str) -> int:
    """The whole number of a measure under its goal: 2 of "2.1.2A"."""
    return int(number.split(".")[2].rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def _page(
    plan: Plan,
    typed: Typed,
    problems: dict[str, str] | None = None,
    message: str = "",
    goal: str = "",
) -> str:
    """The form; its refusals in the order of its fields, as the summary lists them."""
    refused = problems or {}
    return render_template(
        PAGE,
        plan=plan,
        typed=typed,
        problems={name: refused[name] for name in FORM.fields if name in refused},
        message=message,
        goal=goal,
        labels=FORM.fields,
        text_hint=_column(TEXT).hint,
        registered=services().app.body_register(plan.header.owner).in_name_order(),
        editable=plan.stage in EDITABLE_STAGES,
    )

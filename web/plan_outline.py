"""A plan's areas and goals in the browser: adding, retitling, rewording, removing.

Areas and goals could be changed through the API and the command line only, which most
of the secretariat never opens. Each page here is a plain form (CSRF token, no JavaScript)
that runs one domain command (`Planlogg.add_area`, `rename_area`, `add_goal`,
`reword_goal`, `remove_goal`) as the signed-in person, from the web, with the reason and
the decision given. A form that changes an area or a goal carries the revision its editor
saw (a hidden field, like If-Match): saved after someone else's change, nothing is saved
and the page shows what is stored now with what the editor typed beside it. Every refusal
is said at its field, what was typed kept; a save goes back to the working version (303),
to the heading it changed, with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from domain.application import Planlogg
from domain.errors import (
    ConcurrentEditError,
    NotFoundError,
    PlanloggError,
    RuleError,
    ValidationError,
)
from domain.plan import EDITABLE_STAGES, Plan, normal_number
from domain.plan_state import AreaState, GoalState
from domain.provenance import Provenance
from domain.text import LONG_TEXT, checked
from language import N_, _
from web.auth import require
from web.form_labels import FormLabels
from web.form_values import FieldReader, phone_lines, read_provenance, whole_number
from web.roles import Permission
from web.services import services

bp = Blueprint("plan_outline", __name__)


NUMBER, TITLE, TEXT, REASON, DECISION = "number", "title", "text", "reason", "decision"
SHOWN = "vist:"
"""The name of a field's hidden copy of what the form showed in it, after this prefix: a save
refused as stale then tells whether the editor changed the field (`_refused_as_stale`)."""

WHY = {REASON: N_("Begrunnelse"), DECISION: N_("Vedtak endringen følger av")}
CARRIED = frozenset({"revision"})

NEW_AREA = FormLabels(
    endpoint="plan_outline.add_area",
    fields={NUMBER: N_("Nummer"), TITLE: N_("Tittel"), **WHY},
)
AREA = FormLabels(
    endpoint="plan_outline.rename_area", fields={TITLE: N_("Tittel"), **WHY}, hidden=CARRIED
)
NEW_GOAL = FormLabels(
    endpoint="plan_outline.add_goal",
    fields={NUMBER: N_("Nummer"), TEXT: N_("Tekst"), **WHY},
)
GOAL = FormLabels(
    endpoint="plan_outline.reword_goal", fields={TEXT: N_("Tekst"), **WHY}, hidden=CARRIED
)
GOAL_REMOVAL = FormLabels(endpoint="plan_outline.remove_goal", fields=WHY, hidden=CARRIED)

FORMS: tuple[FormLabels, ...] = (NEW_AREA, AREA, NEW_GOAL, GOAL, GOAL_REMOVAL)
"""The labels of this module's page forms (`web.form_labels`)."""


def _title(text: str) -> str:
    """An area's title as `Plan.add_area` and `Plan.rename_area` check it, checked here first
    so a wrong title is said at its field beside a wrong number. A title is one line: its
    box wraps it to show it whole on a phone, and a line break typed in it is a space."""
    one_line = re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", text.strip())
    return checked(one_line, N_("Tittelen på innsatsområdet"), required=True)


def _goal_text(text: str) -> str:
    """A goal's text as `Plan.add_goal` and `Plan.reword_goal` check it (see `_title`)."""
    return checked(text, N_("Målteksten"), max_length=LONG_TEXT, lines=True, required=True)


@dataclass(frozen=True)
class Part:
    """An area or a goal, as its form changes it: one field of words, under a revision."""

    field: str
    """The form's field of words (TITLE or TEXT), named as the state's attribute."""
    anchor: str
    """The id of its heading on the working version, before "-" and its number."""
    page: str
    labels: FormLabels
    check: Callable[[str], str]
    live: Callable[[Plan, str], AreaState | GoalState]
    """The live part by its number as typed (not found: 404)."""
    state: Callable[[Plan, str], AreaState | GoalState | None]
    """The part by its number as stored, removed too (None: the plan never had it)."""
    change: Callable[[Planlogg, str, str, str, Provenance, int], int]
    add: Callable[[Planlogg, str, str, str, Provenance], int]
    number_hint: str
    """What a new one's form says when no number is typed (the domain's refusal quotes "")."""
    missing_revision: str
    saved: str
    unchanged: str
    added: str

    def words(self, state: AreaState | GoalState) -> str:
        return str(getattr(state, self.field))


AREA_PART = Part(
    field=TITLE,
    anchor="omrade",
    page="editing/area_form.html",
    labels=AREA,
    check=_title,
    live=lambda plan, number: plan.area(number),
    state=lambda plan, number: plan.areas.get(number),
    change=lambda app, key, number, words, by, seen: app.rename_area(key, number, words, by, seen),
    add=lambda app, key, number, words, by: app.add_area(key, number, words, by),
    number_hint=N_("Skriv nummeret, som 3."),
    missing_revision=N_(
        "Skjemaet mangler endringsnummeret innsatsområdet hadde. Last siden på nytt."
    ),
    saved=N_("Innsatsområde %(number)s har fått ny tittel."),
    unchanged=N_("Innsatsområde %(number)s: ingen endringer å lagre."),
    added=N_("La til innsatsområde %(number)s."),
)
GOAL_PART = Part(
    field=TEXT,
    anchor="mal",
    page="editing/goal_form.html",
    labels=GOAL,
    check=_goal_text,
    live=lambda plan, number: plan.goal(number),
    state=lambda plan, number: plan.goals.get(number),
    change=lambda app, key, number, words, by, seen: app.reword_goal(key, number, words, by, seen),
    add=lambda app, key, number, words, by: app.add_goal(key, number, words, by),
    number_hint=N_("Skriv nummeret, som 2.3."),
    missing_revision=N_("Skjemaet mangler endringsnummeret målet hadde. Last siden på nytt."),
    saved=N_("Mål %(number)s har fått ny tekst."),
    unchanged=N_("Mål %(number)s: ingen endringer å lagre."),
    added=N_("La til mål %(number)s."),
)


# --- areas ----------------------------------------------------------------------------


@bp.get("/planer/<key>/innsatsomrader/nytt")
def new_area(key: str) -> str:
    require(Permission.EDIT)
    plan = services().app.get_plan(key)
    return _new_area_page(plan, {NUMBER: next_area_number(plan), TITLE: ""})


@bp.post("/planer/<key>/innsatsomrader/nytt")
def add_area(key: str) -> Any:
    return _add(AREA_PART, key, _new_area_page)


@bp.get("/planer/<key>/innsatsomrader/<number>/endre")
def edit_area(key: str, number: str) -> str:
    return _edit(AREA_PART, key, number)


@bp.post("/planer/<key>/innsatsomrader/<number>/endre")
def rename_area(key: str, number: str) -> Any:
    return _save(AREA_PART, key, number)


def next_area_number(plan: Plan) -> str:
    """The number after the plan's highest area ("1" in a plan without areas), removed ones
    too: a new area under a removed one's number would gather its removed goals' history."""
    numbers = [int(n) for n in plan.areas if n.isdecimal()]
    return str(max(numbers, default=0) + 1)


def _new_area_page(
    plan: Plan,
    typed: Mapping[str, str],
    problems: Mapping[str, str] | None = None,
    message: str = "",
) -> str:
    return _page(AREA_PART.page, plan, NEW_AREA, typed, problems=problems, message=message)


# --- goals ----------------------------------------------------------------------------


@bp.get("/planer/<key>/mal/nytt")
def new_goal(key: str) -> str:
    require(Permission.EDIT)
    plan = services().app.get_plan(key)
    area = _area_asked(plan)
    number = next_goal_number(plan, area) if area else ""
    return _new_goal_page(plan, {NUMBER: number, TEXT: ""})


@bp.post("/planer/<key>/mal/nytt")
def add_goal(key: str) -> Any:
    """A goal added (or a removed one added again), as an area is added."""
    return _add(GOAL_PART, key, _new_goal_page)


@bp.get("/planer/<key>/mal/<number>/endre")
def edit_goal(key: str, number: str) -> str:
    return _edit(GOAL_PART, key, number)


@bp.post("/planer/<key>/mal/<number>/endre")
def reword_goal(key: str, number: str) -> Any:
    return _save(GOAL_PART, key, number)


def next_goal_number(plan: Plan, area: str) -> str:
    """The number after the highest of the area's goals (`area`.1 when it has none), removed
    ones too, as for a measure (`web.new_measure`): the removed measures of a removed goal
    would otherwise be restored under a new goal that only shares its number. A removed
    goal's number typed in adds that goal again."""
    numbers = [
        int(tail)
        for n, goal in plan.goals.items()
        if goal.area == area and (tail := n.removeprefix(f"{area}.")).isdecimal()
    ]
    return f"{area}.{max(numbers, default=0) + 1}"


def _area_asked(plan: Plan) -> str:
    """The area the address asks a new goal under (`?area=2`), as numbered; "" when none is
    asked; an area the plan lacks is not found (404)."""
    asked = request.args.get("area", "").strip()
    if not asked:
        return ""
    plan.area(asked)
    return normal_number(asked)


def _new_goal_page(
    plan: Plan,
    typed: Mapping[str, str],
    problems: Mapping[str, str] | None = None,
    message: str = "",
) -> str:
    area = request.args.get("area", "").strip()
    return _page(
        GOAL_PART.page,
        plan,
        NEW_GOAL,
        typed,
        problems=problems,
        message=message,
        area=plan.areas.get(normal_number(area)) if area else None,
        area_number=normal_number(area),
    )


# --- removing a goal ------------------------------------------------------------------


@bp.get("/planer/<key>/mal/<number>/fjern")
def removal(key: str, number: str) -> str:
    require(Permission.EDIT)
    plan = services().app.get_plan(key)
    goal = plan.goal(number)
    return _removal_page(plan, normal_number(number), goal, carried=goal.revision)


@bp.post("/planer/<key>/mal/<number>/fjern")
def remove_goal(key: str, number: str) -> Any:
    """A goal removed, as the signed-in person's; one removed already (a form sent twice, or
    someone else's removal) is as removed, and said so."""
    caller = require(Permission.EDIT)
    app = services().app
    plan = app.get_plan(key)
    number = normal_number(number)
    goal = plan.goals.get(number) or plan.goal(number)
    if goal.removed:
        return _removed_already(key, number, goal)
    seen = whole_number(request.form.get("revision", ""), _(GOAL_PART.missing_revision))
    refusals = FieldReader()
    by = read_provenance(refusals, caller)
    if refusals.problems or by is None:
        page = _removal_page(plan, number, goal, refusals.problems, carried=seen)
        return page, refusals.status
    try:
        app.remove_goal(key, number, by, seen)
    except ConcurrentEditError as error:
        return _removal_refused_as_stale(key, number, seen, error.message)
    except NotFoundError:
        return _removed_already(key, number, goal)
    except RuleError as error:
        return _removal_page(plan, number, goal, message=error.message, carried=seen), 409
    return _done(key, f"omrade-{goal.area}", _("Mål %(number)s er fjernet.", number=number))


def _removed_already(key: str, number: str, goal: GoalState) -> Response:
    return _done(key, f"omrade-{goal.area}", _("Mål %(number)s er fjernet.", number=number))


def _removal_refused_as_stale(key: str, number: str, seen: int, refusal: str) -> tuple[str, int]:
    """The goal as it is now, to confirm its removal again; a removal crowded out by others'
    saves (the goal at the revision the editor saw) is told in the domain's words."""
    plan = services().app.get_plan(key)
    goal = plan.goals[number]
    if goal.revision == seen:
        return _removal_page(plan, number, goal, message=refusal, carried=seen), 409
    page = _removal_page(plan, number, goal, seen=seen, carried=goal.revision)
    return page, 409


def _removal_page(
    plan: Plan,
    number: str,
    goal: GoalState,
    problems: Mapping[str, str] | None = None,
    message: str = "",
    seen: int | None = None,
    carried: int | None = None,
) -> str:
    """The goal and, when it has none, the form removing it; a goal with measures is offered
    no removal (the domain refuses it), but a form refused keeps what was typed in it."""
    measures = [m for m in plan.active_measures() if m.goal == number]
    return render_template(
        "editing/goal_removal.html",
        plan=plan,
        number=number,
        goal=goal,
        measures=measures,
        offered=not measures or request.method == "POST",
        has_measures=_(
            "Mål %(number)s har fortsatt tiltak. Flytt eller fjern dem først.", number=number
        ),
        problems=problems or {},
        message=message,
        seen=seen,
        carried=carried,
        **_why(GOAL_REMOVAL, plan),
    )


# --- adding an area or a goal, changing its words ------------------------------------


NewPage = Callable[..., str]
"""The form adding an area or a goal: the plan, what was typed, the refusals or a message."""


def _add(part: Part, key: str, page: NewPage) -> Any:
    """An area or a goal added, as the signed-in person's; a form sent twice adds it once, and
    the second is told it is added, not refused as a number taken (`_stored_as`)."""
    caller = require(Permission.EDIT)
    app = services().app
    typed = _typed(NUMBER, part.field)
    refusals = FieldReader()
    refusals.read(NUMBER, lambda: _given(typed[NUMBER], _(part.number_hint)), "")
    words = refusals.read(part.field, lambda: part.check(typed[part.field]), "")
    by = read_provenance(refusals, caller)
    if refusals.problems or by is None:
        return page(app.get_plan(key), typed, refusals.problems), refusals.status
    number = normal_number(typed[NUMBER])
    try:
        part.add(app, key, typed[NUMBER], words, by)
    except ValidationError as error:
        if not _stored_as(part, app.get_plan(key), number, words):
            return page(app.get_plan(key), typed, {NUMBER: error.message}), 422
    except (RuleError, ConcurrentEditError) as error:
        return page(app.get_plan(key), typed, message=error.message), 409
    return _done(key, f"{part.anchor}-{number}", _(part.added, number=number))


def _edit(part: Part, key: str, number: str) -> str:
    require(Permission.EDIT)
    plan = services().app.get_plan(key)
    state = part.live(plan, number)
    words = part.words(state)
    return _part_page(part, plan, normal_number(number), state, {part.field: words}, shown=words)


def _save(part: Part, key: str, number: str) -> Any:
    """A changed title or text, as the signed-in person's; a part removed since the form was
    opened is refused in the domain's words (409), what was typed kept."""
    caller = require(Permission.EDIT)
    app = services().app
    plan = app.get_plan(key)
    number = normal_number(number)
    state = part.state(plan, number) or part.live(plan, number)
    seen = whole_number(request.form.get("revision", ""), _(part.missing_revision))
    typed = _typed(part.field)
    refusals = FieldReader()
    words = refusals.read(part.field, lambda: part.check(typed[part.field]), "")
    by = read_provenance(refusals, caller)
    if refusals.problems or by is None:
        page = _part_page(part, plan, number, state, typed, refusals.problems, carried=seen)
        return page, refusals.status
    try:
        revision = part.change(app, key, number, words, by, seen)
    except ConcurrentEditError as error:
        return _refused_as_stale(part, key, number, typed, seen, error.message)
    except PlanloggError as error:
        status = 422 if isinstance(error, ValidationError) else 409
        page = _part_page(part, plan, number, state, typed, message=error.message, carried=seen)
        return page, status
    return _saved(part, key, number, changed=revision != seen)


def _refused_as_stale(
    part: Part, key: str, number: str, typed: Mapping[str, str], seen: int, refusal: str
) -> Any:
    """The words stored now in the field, what the editor typed beside them; nothing of
    theirs at stake (a form sent twice, or sent untouched after a colleague's change) is no
    refusal: it is as saved, and nothing is. A part still at the revision the editor saw was
    not changed by anyone: the save was crowded out by others' saves of the plan, told in
    the domain's words with what was typed kept (`measure_editing._crowded_out`)."""
    plan = services().app.get_plan(key)
    state = part.state(plan, number)
    if state is None or state.revision == seen:
        return _part_page(part, plan, number, state, typed, message=refusal, carried=seen), 409
    mine, stored = typed[part.field], part.words(state)
    shown = request.form.get(SHOWN + part.field)
    changed = shown is None or not _same(part, mine, shown)
    if not changed or _same(part, mine, stored):
        return _saved(part, key, number, changed=changed)
    page = _part_page(
        part, plan, number, state, {part.field: stored}, lost=mine, seen=seen, shown=stored
    )
    return page, 409


def _same(part: Part, one: str, other: str) -> bool:
    """Whether two texts are the same words as the part stores them (spacing around aside)."""
    try:
        return part.check(one) == part.check(other)
    except ValidationError:
        return False


def _saved(part: Part, key: str, number: str, changed: bool) -> Response:
    notice = _(part.saved if changed else part.unchanged, number=number)
    return _done(key, f"{part.anchor}-{number}", notice)


def _stored_as(part: Part, plan: Plan, number: str, words: str) -> bool:
    """Whether the plan has a live area or goal `number` with `words`: a form adding it sent
    twice is as added, not refused as a number taken."""
    state = part.state(plan, number)
    return state is not None and not state.removed and part.words(state) == words


def _part_page(
    part: Part,
    plan: Plan,
    number: str,
    state: AreaState | GoalState | None,
    typed: Mapping[str, str],
    problems: Mapping[str, str] | None = None,
    message: str = "",
    lost: str | None = None,
    seen: int | None = None,
    carried: int | None = None,
    shown: str | None = None,
) -> str:
    """An area's or a goal's form; `carried`, the revision it carries back (the stored one
    when not given), and `shown`, the words it showed (kept from the form sent, when given
    back after a refusal other than staleness: they tell later whether the editor changed
    them)."""
    revision = state.revision if state is not None else None
    return _page(
        part.page,
        plan,
        part.labels,
        typed,
        problems=problems,
        message=message,
        number=number,
        state=state,
        lost=lost,
        seen=seen,
        carried=revision if carried is None else carried,
        shown=request.form.get(SHOWN + part.field, "") if shown is None else shown,
    )


# --- shared ---------------------------------------------------------------------------


def _page(
    template: str,
    plan: Plan,
    labels: FormLabels,
    typed: Mapping[str, str],
    problems: Mapping[str, str] | None = None,
    message: str = "",
    **context: Any,
) -> str:
    return render_template(
        template,
        plan=plan,
        typed=typed,
        problems=problems or {},
        message=message,
        rows=_rows(typed),
        **({"number": None, "state": None, "lost": None, "seen": None} | context),
        **_why(labels, plan),
    )


def _why(labels: FormLabels, plan: Plan) -> dict[str, Any]:
    """What every form here shows alike: its labels, the reason and decision typed, and
    whether the plan's content may be changed now."""
    return {
        "labels": labels.fields,
        "reason": request.form.get(REASON, ""),
        "decision": request.form.get(DECISION, ""),
        "editable": plan.stage in EDITABLE_STAGES,
    }


def _rows(typed: Mapping[str, str]) -> dict[str, int]:
    """The lines each box is given, so it shows its words whole on a phone (a title at least
    2, a goal's text at least 4, neither more than 12: longer scrolls)."""
    least = {TITLE: 2, TEXT: 4}
    return {
        name: min(12, max(least.get(name, 1), phone_lines(text))) for name, text in typed.items()
    }


def _typed(*names: str) -> dict[str, str]:
    return {name: request.form.get(name, "") for name in names}


def _given(text: str, refusal: str) -> str:
    """A number typed; `refusal` when none is (the domain's own refusal quoted nothing)."""
    if not text.strip():
        raise ValidationError(refusal)
    return text


def _done(key: str, anchor: str, notice: str) -> Response:
    """Bring the read models up to this change, then show it on the working version, at the
    heading it changed, with `notice`."""
    services().read_models.read_your_writes()
    flash(notice)
    return redirect(url_for("working_plan.show", key=key) + f"#{anchor}", code=303)

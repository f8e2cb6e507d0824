"""Removing and restoring a measure in the browser.

Each is confirmed on a page of its own, showing the measure and asking why, as every change
in the log says why; the page carries the revision the editor saw (a hidden field, like
If-Match), so a measure someone changed since is never removed or restored on an old view: the
page is shown again with the measure as it is now, to be confirmed anew. A removed measure is
listed on the working version (`web.working_plan`), each with a link to restoring it; a
restoring the domain refuses (the number taken meanwhile, the goal removed) is said on the
confirmation page, with what was typed kept. Every change is the signed-in person's, from the
web.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from domain.errors import ConcurrentEditError, RuleError, ValidationError
from domain.measure import MeasureState
from domain.measure_sheet import bodies_of, show_bodies
from domain.plan import EDITABLE_STAGES, Plan
from language import N_, _
from web.auth import require
from web.form_labels import FormLabels
from web.form_values import FieldReader, measure_revision_seen, read_provenance
from web.roles import Permission
from web.services import services

bp = Blueprint("measure_removal", __name__)

PAGE = "editing/measure_removal.html"
REVISION = frozenset({"revision"})
REMOVE_FORM = FormLabels(
    endpoint="measure_removal.remove",
    fields={"reason": N_("Begrunnelse"), "decision": N_("Vedtak endringen følger av")},
    hidden=REVISION,
)
RESTORE_FORM = FormLabels(
    endpoint="measure_removal.restore", fields=REMOVE_FORM.fields, hidden=REVISION
)

FORMS: tuple[FormLabels, ...] = (REMOVE_FORM, RESTORE_FORM)
"""The labels of this module's page forms (`web.form_labels`)."""


@bp.get("/planer/<key>/tiltak/<measure_id>/fjern")
def confirm(key: str, measure_id: str) -> str:
    require(Permission.EDIT)
    plan = services().app.get_plan(key)
    return _page(plan, plan.measure(measure_id))


@bp.post("/planer/<key>/tiltak/<measure_id>/fjern")
def remove(key: str, measure_id: str) -> Any:
    caller = require(Permission.EDIT)
    app = services().app
    plan = app.get_plan(key)
    measure = plan.measure(measure_id)
    seen = measure_revision_seen()
    fields = FieldReader()
    by = read_provenance(fields, caller)
    if by is None:
        return _page(plan, measure, fields.problems, carried=seen), fields.status
    try:
        app.remove_measure(key, measure_id, by, seen)
    except ConcurrentEditError as error:
        return _refused_as_stale(key, measure_id, seen, error.message)
    except (RuleError, ValidationError) as error:
        return _page(plan, measure, message=error.message, carried=seen), 409
    services().read_models.read_your_writes()
    flash(
        _(
            "Fjernet tiltak %(number)s (%(id)s). Det kan gjenopprettes.",
            number=measure.number,
            id=measure_id,
        )
    )
    return redirect(url_for("working_plan.show", key=key), code=303)


@bp.get("/planer/<key>/tiltak/<measure_id>/gjenopprett")
def confirm_restore(key: str, measure_id: str) -> str:
    require(Permission.EDIT)
    plan = services().app.get_plan(key)
    return _page(plan, plan.measure(measure_id), restoring=True)


@bp.post("/planer/<key>/tiltak/<measure_id>/gjenopprett")
def restore(key: str, measure_id: str) -> Any:
    """Restored at the revision confirmed; refused (409, with what was typed) when the number
    was taken, the goal removed, or the measure changed since and is removed still. A form
    sent twice (or a colleague's restore first) finds it restored: that is told as done, not
    as refused."""
    caller = require(Permission.EDIT)
    app = services().app
    plan = app.get_plan(key)
    measure = plan.measure(measure_id)
    seen = measure_revision_seen()
    fields = FieldReader()
    by = read_provenance(fields, caller)
    if by is None:
        return _page(plan, measure, fields.problems, carried=seen, restoring=True), fields.status
    try:
        app.restore_measure(key, measure_id, by, seen)
    except ConcurrentEditError as error:
        if app.get_plan(key).measure(measure_id).removed:
            return _refused_as_stale(key, measure_id, seen, error.message, restoring=True)
    except (RuleError, ValidationError) as error:
        return _page(plan, measure, message=error.message, carried=seen, restoring=True), 409
    services().read_models.read_your_writes()
    flash(_("Gjenopprettet tiltak %(number)s (%(id)s).", number=measure.number, id=measure_id))
    target = url_for("working_plan.show", key=key)
    return redirect(f"{target}#tiltak-{measure.number}", code=303)


def _refused_as_stale(
    key: str, measure_id: str, seen: int, refusal: str, restoring: bool = False
) -> tuple[str, int] | Response:
    """The measure as it is now, to be confirmed anew at its revision now; a measure still at
    the revision seen was not changed: the change was crowded out by others' saves, said in
    the domain's words, to be tried again."""
    read_models = services().read_models
    read_models.read_your_writes()
    plan = services().app.get_plan(key)
    measure = plan.measure(measure_id)
    if measure.revision == seen:
        return _page(plan, measure, message=refusal, carried=seen, restoring=restoring), 409
    document = read_models.latest_measures(key).get(measure_id)
    last = document.last_change if document else None
    return _page(plan, measure, seen=seen, last_change=last, restoring=restoring), 409


def _page(
    plan: Plan,
    measure: MeasureState,
    problems: dict[str, str] | None = None,
    message: str = "",
    seen: int | None = None,
    last_change: Any = None,
    carried: int | None = None,
    restoring: bool = False,
) -> str:
    """The confirmation of a removal, or of a restoring; `seen`, the revision a stale
    confirmation carried; `carried`, the revision this one carries (the stored one when not
    given)."""
    with bodies_of(services().app.body_register(plan.header.owner)):
        responsible = show_bodies(measure.responsible)
    return render_template(
        PAGE,
        plan=plan,
        measure=measure,
        responsible=responsible,
        problems=problems or {},
        message=message,
        seen=seen,
        last_change=last_change,
        carried=measure.revision if carried is None else carried,
        reason=request.form.get("reason", ""),
        decision=request.form.get("decision", ""),
        labels=REMOVE_FORM.fields,
        editable=plan.stage in EDITABLE_STAGES,
        restoring=restoring,
    )

"""The secretariat's steps of the plan's cycle in the browser: starting a revision, sending
the draft on hearing and for approval, and recording that the adopted version is published.

Each is one application call, the one `planlogg revise|hearing send|submit|publish` makes,
so the same rules refuse the same things. Each form carries what it was read on (a hidden
field, as the approval form carries the version): the version a revision starts from, the
version a draft is sent as and its endringsnummer, so a draft changed since is not sent
unseen (refused, naming the change). A form sent twice (a double click, two editors at once)
is said as done when the first send did what this one would, never done twice. Only editors
of the plan's community may do any of it (`Permission.EDIT`, as in the API).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, request, url_for
from werkzeug.wrappers import Response

from domain.errors import RuleError, ValidationError
from domain.plan import EDITABLE_STAGES, Plan
from domain.vocabulary import Stage
from language import N_, _
from web.auth import require
from web.form_labels import FormLabels
from web.form_values import FieldReader, read_provenance, whole_number
from web.roles import Permission
from web.services import services

bp = Blueprint("plan_cycle", __name__)

WHY = {"reason": N_("Begrunnelse"), "decision": N_("Vedtak endringen følger av")}
"""Why a step is taken, kept in the change log: the labels of the working version's forms."""
REVISION_FORM = FormLabels(
    endpoint="plan_cycle.start_revision", fields=WHY, hidden=frozenset({"version"})
)
"""«Start revisjon»: why, and, hidden, the version the revision starts from as read."""
FORMS: tuple[FormLabels, ...] = (REVISION_FORM,)

REVISABLE = (Stage.ADOPTED, Stage.PUBLISHED)


def _plan(key: str) -> Plan:
    return services().app.get_plan(key)


def _version_read() -> int:
    return whole_number(
        request.form.get("version", ""), _("Skjemaet mangler versjonen du så. Last siden på nytt.")
    )


@bp.post("/planer/<key>/revisjon")
def start_revision(key: str) -> Any:
    """A new draft while the adopted version stays in force. Refused as `planlogg revise` is
    (a plan that is not adopted); a revision started since from the version read, by a
    second press or another editor, is said as started."""
    caller = require(Permission.EDIT)
    _plan(key)
    try:
        read = _version_read()
    except ValidationError as error:
        return _working(key, revision=_given_back({}, error.message)), 422
    fields = FieldReader()
    by = read_provenance(fields, caller)
    if fields.problems or by is None:
        return _working(key, revision=_given_back(fields.problems)), fields.status
    try:
        version = services().app.start_revision(key, by)
    except RuleError as error:
        now = _plan(key).header
        if now.stage in EDITABLE_STAGES and now.working_version == read + 1:
            return _done(key, _revision_started(now.working_version))
        return _working(key, revision=_given_back({}, error.message)), 409
    return _done(key, _revision_started(version))


def _revision_started(version: int) -> str:
    return _("Revisjon startet: utkast til versjon %(version)s.", version=version)


def _given_back(problems: dict[str, str], message: str = "") -> dict[str, Any]:
    """A folded form of the working version given back open: its refusals and what was typed."""
    return {
        "problems": problems,
        "message": message,
        "reason": request.form.get("reason", ""),
        "decision": request.form.get("decision", ""),
    }


def _working(key: str, **forms: dict[str, Any]) -> str:
    from web.working_plan import page

    return page(key, cycle=forms)


def _done(key: str, notice: str) -> Response:
    services().read_models.read_your_writes()
    flash(notice)
    return redirect(url_for("working_plan.show", key=key), code=303)


def cycle_forms(plan: dict[str, Any], given: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What the working version offers of the plan's cycle for its stage (`plan`: the read
    model's plan), with each form given back after a refusal (`given`, by form) open."""
    stage = Stage(plan["stage"])
    empty: dict[str, Any] = {"problems": {}, "message": "", "reason": "", "decision": ""}
    return {
        "revision": given.get("revision", empty if stage in REVISABLE else None),
        "revision_open": "revision" in given,
        "labels": WHY,
    }

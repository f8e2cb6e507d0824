"""The working version of a plan, for staff: every measure as it stands now, with a link to
edit it (editors) and to the approvals (approvers).

The read models give the page; a form that was just saved has called
`read_your_writes()` before redirecting here, so the change is on it. Editors of a plan
that can be changed also find the measures removed from it here, each with a link to
restoring it (`web.measure_removal`), read from the read models' latest state of every
measure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from domain.dates import parse_period, period_words
from domain.errors import ConcurrentEditError, PlanloggError, ValidationError
from domain.numbering import number_sort_key
from domain.plan import EDITABLE_STAGES, same_title
from domain.text import checked
from domain.vocabulary import Stage
from language import N_, _
from projections.documents import MeasureDoc
from web.auth import can, require
from web.form_labels import FormLabels
from web.form_values import FieldReader, phone_lines, read_provenance
from web.plan_cycle import cycle_forms
from web.reading import community_name, current_plan, is_community, read_models
from web.roles import Permission
from web.services import services

bp = Blueprint("working_plan", __name__)

TITLE, PERIOD, SHOWN_TITLE, SHOWN_PERIOD = "title", "period", "shown_title", "shown_period"
HEADER_FORM = FormLabels(
    endpoint="working_plan.change_header",
    fields={
        TITLE: N_("Tittel"),
        PERIOD: N_("Planperiode"),
        "reason": N_("Begrunnelse"),
        "decision": N_("Vedtak endringen følger av"),
    },
    hidden=frozenset({SHOWN_TITLE, SHOWN_PERIOD}),
)
"""The folded form «Endre tittel og planperiode»: the title and period as the page showed
them ride along hidden, so one set by someone else since is refused, never overwritten."""


@bp.get("/planer/<key>/arbeidsversjon")
def show(key: str) -> str:
    require(Permission.READ_DRAFT)
    return _page(key)


@bp.post("/planer/<key>/tittel-og-periode")
def change_header(key: str) -> Any:
    """A new title and period, as the signed-in person's from the web: the domain decides
    whether the plan may be changed now; a title or period set since the page was shown is
    refused (409) naming who set it, what was typed kept in the fields."""
    caller = require(Permission.EDIT)
    app = services().app
    plan = app.get_plan(key)
    typed = {name: request.form.get(name, "") for name in (TITLE, PERIOD)}
    shown_title = request.form.get(SHOWN_TITLE, plan.header.title)
    shown_period = request.form.get(SHOWN_PERIOD, "")
    fields = FieldReader()
    title = fields.read(TITLE, lambda: _title(typed[TITLE]), "")
    period = fields.read(PERIOD, lambda: parse_period(typed[PERIOD]), None)
    seen_period = fields.read(PERIOD, lambda: parse_period(shown_period), None)
    by = read_provenance(fields, caller)
    if fields.problems or by is None or period is None or seen_period is None:
        return _page(key, form=_form(typed, fields.problems)), fields.status
    new_title = None if same_title(title, shown_title) else title
    new_period = None if period == seen_period else period
    if new_title is None and new_period is None:
        return _done(key, _("Tittel og planperiode: ingen endringer å lagre."))
    try:
        app.change_plan_header(key, by, new_title, new_period, shown_title, seen_period)
    except ConcurrentEditError as error:
        services().read_models.read_your_writes()
        now = app.get_plan(key).header
        shown = {TITLE: now.title, PERIOD: period_words(now.first_year, now.last_year)}
        return _page(key, form=_form(typed, {}, error.message, shown=shown, stale=True)), 409
    except PlanloggError as error:
        problems = {PERIOD if new_period and not new_title else TITLE: error.message}
        if not isinstance(error, ValidationError):
            return _page(key, form=_form(typed, {}, error.message)), 409
        return _page(key, form=_form(typed, problems)), 422
    return _done(key, _("Tittelen og planperioden er lagret."))


def _title(text: str) -> str:
    """The title as `Plan.retitle` checks it, checked here first so it is refused at its
    field. A title is one line: its box wraps it to show it whole on a phone, and a line
    break typed in it is a space."""
    one_line = re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", text.strip())
    return checked(one_line, N_("Tittelen"), required=True)


def _form(
    typed: Mapping[str, str],
    problems: Mapping[str, str],
    message: str = "",
    shown: Mapping[str, str] | None = None,
    stale: bool = False,
) -> dict[str, Any]:
    """The header form given back: what was typed, each refusal at its field, a message, and
    the title and period it carries as read (`shown`; default: those the form carried)."""
    carried = {TITLE: request.form.get(SHOWN_TITLE, ""), PERIOD: request.form.get(SHOWN_PERIOD, "")}
    return {
        "typed": typed,
        "rows": min(6, max(2, phone_lines(typed.get(TITLE, "")))),
        "shown": carried if shown is None else shown,
        "problems": problems,
        "message": message,
        "stale": stale,
        "reason": request.form.get("reason", ""),
        "decision": request.form.get("decision", ""),
    }


def _done(key: str, notice: str) -> Response:
    services().read_models.read_your_writes()
    flash(notice)
    return redirect(url_for("working_plan.show", key=key), code=303)


def page(key: str, cycle: dict[str, dict[str, Any]]) -> str:
    """The working version with the plan's cycle's forms given back after a refusal
    (`web.plan_cycle`)."""
    return _page(key, cycle=cycle)


def _page(
    key: str, form: Mapping[str, Any] | None = None, cycle: dict[str, dict[str, Any]] | None = None
) -> str:
    """The working version; `form`: the header form given back open after a refusal."""
    document = current_plan(key)
    plan = document.to_dict()
    editable = can(Permission.EDIT) and Stage(plan["stage"]) in EDITABLE_STAGES
    period = period_words(plan["first_year"], plan["last_year"])
    as_shown = {TITLE: plan["title"], PERIOD: period}
    header = form or _form(as_shown, {}, shown=as_shown)
    return render_template(
        "editing/working_plan.html",
        plan=plan,
        period=period,
        owner_name=community_name(plan["owner"]),
        bodies_kept=can(Permission.EDIT) and is_community(plan["owner"]),
        editable=editable,
        header_form=header,
        header_open=form is not None,
        header_labels=HEADER_FORM.fields,
        saved=_measure_named(document, "lagret"),
        unchanged=_measure_named(document, "uendret"),
        not_evaluable=read_models().drafted_only(document),
        removed=_removed_measures(key) if editable else [],
        timeline_links=can(Permission.EDIT) or can(Permission.AUDIT),
        hearing=_last_hearing(key) if can(Permission.EDIT) or can(Permission.AUDIT) else None,
        cycle=cycle_forms(plan, cycle or {}) if can(Permission.EDIT) else None,
    )


def _last_hearing(key: str) -> int | None:
    """The version last sent on hearing, whose page the secretariat answers its responses
    from; None when the plan has never been on hearing."""
    hearings = read_models().hearings(key)
    return hearings[-1].version if hearings else None


def _removed_measures(key: str) -> list[MeasureDoc]:
    """The plan's removed measures, in number order."""
    measures = read_models().latest_measures(key).values()
    removed = [measure for measure in measures if measure.removed]
    return sorted(removed, key=lambda measure: number_sort_key(measure.number))


def _measure_named(document: Any, parameter: str) -> str:
    """The number of the measure the address says was just saved, when the plan has a measure
    by that number: the notice names a measure of the plan, never any text from the address."""
    number = request.args.get(parameter, "")
    return next((m.number for m in document.measures() if m.number == number), "")

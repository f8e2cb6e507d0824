"""The working version of a plan, for staff: every measure as it stands now, with a link to
edit it (editors) and to the approvals (approvers).

The read models give the page; a form that was just saved has called
`read_your_writes()` before redirecting here, so the change is on it. Editors of a plan
that can be changed also find the measures removed from it here, each with a link to
restoring it (`web.measure_removal`), read from the read models' latest state of every
measure.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

from domain.numbering import number_sort_key
from domain.plan import EDITABLE_STAGES
from domain.vocabulary import Stage
from projections.documents import MeasureDoc
from web.auth import can, require
from web.reading import community_name, current_plan, read_models
from web.roles import Permission

bp = Blueprint("working_plan", __name__)


@bp.get("/planer/<key>/arbeidsversjon")
def show(key: str) -> str:
    require(Permission.READ_DRAFT)
    document = current_plan(key)
    plan = document.to_dict()
    editable = can(Permission.EDIT) and Stage(plan["stage"]) in EDITABLE_STAGES
    return render_template(
        "editing/working_plan.html",
        plan=plan,
        owner_name=community_name(plan["owner"]),
        editable=editable,
        saved=_measure_named(document, "lagret"),
        unchanged=_measure_named(document, "uendret"),
        not_evaluable=read_models().drafted_only(document),
        removed=_removed_measures(key) if editable else [],
        hearing=_last_hearing(key) if can(Permission.EDIT) or can(Permission.AUDIT) else None,
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

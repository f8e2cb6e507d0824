"""The working version of a plan, for staff: every measure as it stands now, with a link to
edit it (editors) and to the approvals (approvers).

The read models give the page; a form that was just saved has called
`read_your_writes()` before redirecting here, so the change is on it.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request

from domain.plan import EDITABLE_STAGES
from domain.vocabulary import Stage
from web.auth import can, require
from web.reading import community_name, current_plan
from web.roles import Permission

bp = Blueprint("working_plan", __name__)


@bp.get("/planer/<key>/arbeidsversjon")
def show(key: str) -> str:
    require(Permission.READ_DRAFT)
    plan = current_plan(key).to_dict()
    return render_template(
        "editing/working_plan.html",
        plan=plan,
        owner_name=community_name(plan["owner"]),
        editable=can(Permission.EDIT) and Stage(plan["stage"]) in EDITABLE_STAGES,
        saved=request.args.get("lagret", ""),
        unchanged=request.args.get("uendret", ""),
    )

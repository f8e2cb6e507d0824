"""The status dashboard of a plan: counts per area and per body as SVG charts,
missing reports for the open reporting round, non-SMART measures, and the
§ 6-2 topics and patient groups no measure covers.

Staff only (any role): the read model counts the working version, which may
hold a pending revision the public must not see.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from web.auth import require
from web.charts import rows_from, stacked_bars
from web.reading import current_plan, read_models
from web.roles import Permission
from web.services import services

bp = Blueprint("dashboard", __name__)


@bp.get("/planer/<key>/dashbord")
def dashboard(key: str) -> str:
    require(Permission.READ_DRAFT)
    plan = current_plan(key).to_dict()
    board = read_models().dashboard(key, services().today()).to_dict()
    return render_template(
        "dashboard/dashboard.html",
        plan=plan,
        board=board,
        area_chart=stacked_bars("Status per innsatsområde", rows_from(board["by_area"]), "areas"),
        body_chart=stacked_bars(
            "Status per ansvarlig organ", rows_from(board["by_body"]), "bodies"
        ),
    )

"""Auditors' pages: the filtered audit history with downloads, a measure's timeline,
the plan as of a date, the difference between two adopted versions, each hearing
(its responses and answers beside what changed after it), and the
tamper-evidence check. All need a login with the auditor role.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, render_template, request

from domain.errors import NotFoundError
from language import _
from projections.audit_labels import field_label, reason_label, value_label
from web.api.operation import query_args
from web.auth import require
from web.history import audit_query, export
from web.reading import read_models, staff_plans
from web.roles import Permission
from web.schemas import base as f
from web.schemas.base import StrictSchema
from web.schemas.queries import (
    AllHistoryQuerySchema,
    DecisionsQuerySchema,
    DiffQuerySchema,
    HistoryFilterSchema,
)

bp = Blueprint("audit", __name__, url_prefix="/revisjon")
OSLO = ZoneInfo("Europe/Oslo")


@bp.app_template_filter("field_label")
def _field_label(field: str) -> str:
    """`{{ row.field|field_label }}`: "number" → "nummer" (the row keeps its identifier)."""
    return field_label(field or "")


@bp.app_template_filter("audit_value")
def _audit_value(text: str, field: str) -> str:
    """`{{ row.after|audit_value(row.field) }}`: "draft" → "utkast", "yellow" → "gul"."""
    return value_label(field or "", text or "")


@bp.app_template_filter("audit_reason")
def _audit_reason(text: str) -> str:
    """`{{ row.reason|audit_reason }}`: a refusal the sync recorded, in the målform now."""
    return reason_label(text or "")


class ExportFilterSchema(HistoryFilterSchema):
    plan = f.text(required=False, max_length=80)


class AsOfDaySchema(StrictSchema):
    dato = f.day(required=False, load_default=None)


@bp.before_request
def _auditors_only() -> None:
    require(Permission.AUDIT)


@bp.get("/")
def history() -> str:
    filters = AllHistoryQuerySchema().load(query_args())
    page = read_models().history(audit_query(filters))
    shown = {k: v for k, v in query_args().items() if k not in ("offset",)}
    return render_template(
        "audit/history.html",
        page=page.to_dict(),
        filters=filters,
        plans=staff_plans(),
        export_query=urlencode({k: v for k, v in shown.items() if k != "limit"}),
        page_link=lambda offset: urlencode({**shown, "offset": offset}),
    )


@bp.get("/logg.<any(csv, json):file_format>")
def download(file_format: str) -> Response:
    filters = ExportFilterSchema().load(query_args())
    return export(audit_query(filters, paged=False), file_format, "planlogg-logg")


@bp.get("/<key>/tiltak/<ref>")
def timeline(key: str, ref: str) -> str:
    entries = read_models().measure_timeline(key, ref)
    return render_template("audit/timeline.html", key=key, ref=ref, timeline=_plain(entries))


@bp.get("/<key>/per-dato")
def as_of(key: str) -> str:
    day = AsOfDaySchema().load(query_args())["dato"]
    document = None
    if day is not None:
        moment = datetime.combine(day, time.max, tzinfo=OSLO)
        document = read_models().plan_as_of(key, moment)
        if document is None:
            raise NotFoundError(
                _("Planen %(plan)s fantes ikke %(day)s.", plan=key, day=day.strftime("%d.%m.%Y"))
            )
    return render_template(
        "audit/as_of.html",
        key=key,
        day=day,
        plan=document.to_dict() if document else None,
    )


@bp.get("/<key>/endringer")
def diff(key: str) -> str:
    versions = [v.to_dict() for v in read_models().adopted_versions(key)]
    result = None
    if request.args.get("a") and request.args.get("b"):
        pair = DiffQuerySchema().load(query_args())
        result = read_models().diff_versions(key, pair["a"], pair["b"]).to_dict()
    hearings = [h.to_dict() for h in read_models().hearings(key)]
    return render_template(
        "audit/diff.html", key=key, versions=versions, diff=result, hearings=hearings
    )


@bp.get("/<key>/horinger/<int:version>")
def hearing(key: str, version: int) -> str:
    """The hearing's responses and answers beside what changed from the draft sent on hearing."""
    found = read_models().hearing(key, version)
    if found is None:
        raise NotFoundError(
            _("Versjon %(version)s av %(plan)s har ikke vært på høring.", version=version, plan=key)
        )
    diff = read_models().hearing_diff(key, version).to_dict()
    return render_template("audit/hearing.html", key=key, hearing=found.to_dict(), diff=diff)


@bp.get("/vedtak")
def decisions() -> str:
    """Every registered decision (of one plan, when chosen) with the changes it authorised."""
    plan = DecisionsQuerySchema().load(query_args()).get("plan") or None
    found = [d.to_dict() for d in read_models().decisions(plan)]
    return render_template("audit/decisions.html", decisions=found, plan=plan, plans=staff_plans())


@bp.get("/kontroll")
def verify() -> str:
    report = read_models().check_chain().to_dict()
    return render_template("audit/verify.html", report=report)


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value

"""Turning loaded history filters into the read models' `AuditQuery`, and exports (how a row
reads is `projections.audit_labels`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Response

from projections.audit_labels import field_named
from web.reading import read_models


def audit_query(filters: dict[str, Any], plan: str | None = None, paged: bool = True) -> Any:
    """An AuditQuery from loaded filter values; blanks mean "any"."""
    from projections import AuditQuery

    return AuditQuery(
        plan=plan or filters.get("plan") or None,
        measure=filters.get("measure") or None,
        actor=filters.get("actor") or None,
        source=filters.get("source") or None,
        field=field_named(filters["field"]) if filters.get("field") else None,
        decision=filters.get("decision") or None,
        since=filters.get("since"),
        until=filters.get("until"),
        offset=filters.get("offset", 0) if paged else 0,
        limit=filters.get("limit", 100) if paged else None,
        after=(filters.get("after") or None) if paged else None,
    )


def export(query: Any, file_format: str, stem: str) -> Response:
    """Exactly the filtered rows (all pages) as a CSV or JSON download."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    if file_format == "json":
        body, mimetype = read_models().history_json(query), "application/json"
    else:
        body, mimetype = read_models().history_csv(query), "text/csv"
    response = Response(body, mimetype=mimetype)
    if mimetype == "text/csv":
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}-{stamp}.{file_format}"'
    return response

"""Turning loaded history filters into the read models' `AuditQuery`, exports (how a row
reads is `projections.audit_labels`), the rows' keys named for the pages, and when a plan's
history begins."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from flask import Response, jsonify, request

from domain.plan import plan_id
from language import current
from projections.audit_labels import field_named, named
from projections.documents import AuditPage
from web.reading import read_models
from web.report_downloads import attachment
from web.schemas.documents import AuditPageSchema, AuditRowSchema
from web.services import services


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


def named_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """History rows (as dictionaries) with the bodies and communities their values name by
    key named as their plan's community has them (`ReadModels.audit_names`). The templates
    word the values afterwards (`audit_value`), knowing no row's community."""
    names = read_models().audit_names({row["plan"] for row in rows})
    return [
        {
            **row,
            "before": named(row["field"], row["before"], names[row["plan"]]),
            "after": named(row["field"], row["after"], names[row["plan"]]),
        }
        for row in rows
    ]


def named_page(page: dict[str, Any]) -> dict[str, Any]:
    """A history page (as a dictionary) with its rows named as in `named_rows`."""
    return {**page, "rows": named_rows(page["rows"])}


def named_decisions(decisions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Decisions (as dictionaries) with the changes citing each named as in `named_rows`."""
    changes = iter(named_rows([row for d in decisions for row in d["changes"]]))
    return [{**d, "changes": [next(changes) for _row in d["changes"]]} for d in decisions]


def export(query: Any, file_format: str, stem: str) -> Response:
    """Exactly the filtered rows (all pages) as a CSV or JSON download, named after `stem`
    (with the plan's key for the API) as the committee documents are named
    (`web.report_downloads.attachment`)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    if file_format == "json":
        body, mimetype = read_models().history_json(query), "application/json"
    else:
        body = read_models().history_csv(query, for_excel=True)
        mimetype = "text/csv"
    response = Response(body, mimetype=mimetype)
    if mimetype == "text/csv":
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
    # The stem may hold the plan key, and a key may hold an en dash or a quote: put in the
    # header as it is, it failed as latin-1 (a 500). `attachment` spells such a name out.
    response.headers["Content-Disposition"] = attachment(f"{stem}-{stamp}.{file_format}")
    return response


def history_answer(page: AuditPage) -> Response:
    """A history page as the API gives it (`AuditPageSchema`).

    A full page is kept by the read models and given again as the same rows
    (`projections.audit_pages`), so its rows are dumped once per address and
    målform; each request dumps only the total, the offset and the cursor.
    """
    kept = ("history rows", request.full_path, current())
    found = services().read_cache.get(kept)
    if isinstance(found, tuple) and found[0] is page.rows:
        rows = found[1]
    else:
        rows = services().schema(AuditRowSchema, many=True).dump([r.to_dict() for r in page.rows])
        services().read_cache.put(kept, (page.rows, rows))
    head = services().schema(AuditPageSchema).dump(replace(page, rows=()).to_dict())
    return jsonify({**head, "rows": rows})


def plan_begun(key: str) -> datetime | None:
    """When plan `key` was created, its first event (None: there is no such plan): the plan
    as of a moment before it is refused with that moment, not as a plan never heard of.
    Read from the events, as the plan as of a moment is (`ReadModels.plan_as_of`)."""
    first = next(services().app.events_of(plan_id(key), upto=1), None)
    return None if first is None else first.timestamp

"""Drive items: opening a workbook by sharing link or by id, its metadata and its versions,
and ``/me`` (who the token belongs to)."""

from __future__ import annotations

from typing import Any

from .errors import graph_error, not_found
from .model import Store, Workbook, decode_share
from .wire import Request, Response, ok

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def item_json(book: Workbook) -> dict[str, Any]:
    last = book.last_version
    return {
        "id": book.item_id,
        "name": book.name,
        "eTag": book.etag,
        "cTag": book.etag.replace('"{', '"c:{'),
        "size": last.size,
        "webUrl": book.sharing_url,
        "lastModifiedBy": last.user.identity(),
        "lastModifiedDateTime": _stamp(last.when),
        "createdBy": book.owner.identity(),
        "parentReference": {"driveId": book.drive_id, "driveType": "documentLibrary"},
        "file": {"mimeType": XLSX},
    }


def _stamp(when: Any) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def me(store: Store, request: Request) -> Response:
    user = request.user
    if user is None:
        raise graph_error(401)
    return ok({"id": user.id, "displayName": user.display_name, "mail": user.email})


def shared_item(store: Store, request: Request, token: str) -> Response:
    url = decode_share(token)
    book = store.by_sharing_url(url) if url else None
    if book is None:
        raise not_found("The sharing link")
    return ok(select(item_json(book), request))


def get_item(store: Store, request: Request, book: Workbook) -> Response:
    return ok(select(item_json(book), request))


def update_item(store: Store, request: Request, book: Workbook) -> Response:
    """PATCH name; honours If-Match (412 when the eTag or cTag moved on)."""
    wanted = request.header("If-Match")
    current = item_json(book)
    if wanted and wanted not in ("*", current["eTag"], current["cTag"]):
        raise graph_error(412, "resourceModified", inner="entityTagDoesNotMatch")
    name = request.json().get("name")
    if isinstance(name, str) and name:
        book.name = name
        book.etag_number += 1
    return ok(item_json(book))


def versions(store: Store, request: Request, book: Workbook) -> Response:
    """Newest first, as Graph lists them."""
    listed = [
        {
            "id": v.id,
            "lastModifiedBy": v.user.identity(),
            "lastModifiedDateTime": _stamp(v.when),
            "size": v.size,
        }
        for v in reversed(book.versions)
    ]
    return ok({"value": [select(v, request) for v in listed]})


def select(entity: dict[str, Any], request: Request) -> dict[str, Any]:
    """OData ``$select``: only the named properties."""
    chosen = request.params.get("$select")
    if not chosen:
        return entity
    names = {n.strip() for n in chosen.split(",")}
    return {k: v for k, v in entity.items() if k in names}

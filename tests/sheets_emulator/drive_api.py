"""Drive v3 endpoint handlers for spreadsheet files and their revisions.

Without ``fields`` Drive answers a default subset (files: kind, id, name, mimeType; revisions:
kind, id, mimeType, modifiedTime) — ask for ``lastModifyingUser`` explicitly, as against Google.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import pickle
import re
from typing import Any

from . import fieldmask
from .errors import drive_error
from .model import SPREADSHEET_MIME, DriveUser, Revision, Spreadsheet
from .store import Store
from .wire import ApiRequest, ApiResponse, ok

Json = dict[str, Any]

FILE_DEFAULT_FIELDS = "kind,id,name,mimeType"
FILE_LIST_DEFAULT_FIELDS = "kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)"
REVISION_DEFAULT_FIELDS = "kind,id,mimeType,modifiedTime"
REVISION_LIST_DEFAULT_FIELDS = f"kind,nextPageToken,revisions({REVISION_DEFAULT_FIELDS})"


def rfc3339(moment: dt.datetime) -> str:
    """``2023-09-06T21:29:57.905Z`` — milliseconds and ``Z``, as Drive writes times."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def user_json(user: DriveUser, caller: DriveUser) -> Json:
    digest = hashlib.sha256(user.email.encode()).hexdigest()
    return {
        "kind": "drive#user",
        "displayName": user.display_name,
        "me": user == caller,
        "permissionId": str(int(digest[:16], 16) % 10**20),
        "emailAddress": user.email,
    }


def file_json(spreadsheet: Spreadsheet, caller: DriveUser) -> Json:
    """The full File resource (what ``fields=*`` would give, for the modelled fields)."""
    file_id = spreadsheet.spreadsheet_id
    return {
        "kind": "drive#file",
        "id": file_id,
        "name": spreadsheet.title,
        "mimeType": SPREADSHEET_MIME,
        "starred": False,
        "trashed": False,
        "parents": spreadsheet.parents or ["root"],
        "version": str(spreadsheet.version),
        "webViewLink": f"https://docs.google.com/spreadsheets/d/{file_id}/edit?usp=drivesdk",
        "createdTime": rfc3339(spreadsheet.created_time),
        "modifiedTime": rfc3339(spreadsheet.modified_time),
        "lastModifyingUser": user_json(spreadsheet.last_modifying_user, caller),
        "owners": [user_json(spreadsheet.owner, caller)],
        "ownedByMe": spreadsheet.owner == caller,
    }


def revision_json(revision: Revision, caller: DriveUser) -> Json:
    return {
        "kind": "drive#revision",
        "id": revision.revision_id,
        "mimeType": SPREADSHEET_MIME,
        "modifiedTime": rfc3339(revision.modified_time),
        "published": False,
        "lastModifyingUser": user_json(revision.user, caller),
    }


def _fields(request: ApiRequest, default: str) -> fieldmask.Mask:
    text = request.param("fields") or default
    try:
        return fieldmask.parse(text)
    except fieldmask.MaskSyntaxError:
        message = f"Invalid field selection {text}"
        raise drive_error(400, message, "invalidParameter", "fields") from None


def _page(request: ApiRequest, default_size: int) -> tuple[int, int]:
    """(offset, size) from pageToken/pageSize; tokens are opaque to clients."""
    token = request.param("pageToken") or ""
    size_text = request.param("pageSize") or str(default_size)
    if not size_text.isdigit() or not 1 <= int(size_text) <= 1000:
        raise drive_error(400, "Invalid Value", "invalid", "pageSize")
    if token and not re.fullmatch(r"~p\d+", token):
        raise drive_error(400, "Invalid Value", "invalid", "pageToken")
    return (int(token[2:]) if token else 0), int(size_text)


def _paged(items: list[Json], offset: int, size: int, key: str, kind: str) -> Json:
    result: Json = {"kind": kind}
    if offset + size < len(items):
        result["nextPageToken"] = f"~p{offset + size}"
    result[key] = items[offset : offset + size]
    return result


def create_file(store: Store, request: ApiRequest) -> ApiResponse:
    body = request.json()
    mime = body.get("mimeType")
    if mime != SPREADSHEET_MIME:
        message = f"The emulator only creates spreadsheets, not {mime!r}."
        raise drive_error(400, message, "badRequest", "mimeType")
    with store.lock:
        spreadsheet = store.create(body.get("name") or "Untitled spreadsheet", body.get("parents"))
        payload = file_json(spreadsheet, store.service_account)
    return ok(fieldmask.select(payload, _fields(request, FILE_DEFAULT_FIELDS)))


def get_file(store: Store, request: ApiRequest) -> ApiResponse:
    mask = _fields(request, FILE_DEFAULT_FIELDS)
    with store.lock:
        payload = file_json(store.get_file(request.args["id"]), store.service_account)
    return ok(fieldmask.select(payload, mask))


def update_file(store: Store, request: ApiRequest) -> ApiResponse:
    """files.update (PATCH): renaming renames the spreadsheet, as in the UI."""
    body = request.json()
    mask = _fields(request, FILE_DEFAULT_FIELDS)
    with store.lock:
        spreadsheet = store.get_file(request.args["id"])
        if body.get("name"):
            spreadsheet.properties["title"] = body["name"]
            store.record_change(spreadsheet)
        payload = file_json(spreadsheet, store.service_account)
    return ok(fieldmask.select(payload, mask))


def delete_file(store: Store, request: ApiRequest) -> ApiResponse:
    with store.lock:
        store.get_file(request.args["id"])
        del store.spreadsheets[request.args["id"]]
    return ApiResponse(204, None)


def copy_file(store: Store, request: ApiRequest) -> ApiResponse:
    body = request.json()
    mask = _fields(request, FILE_DEFAULT_FIELDS)
    with store.lock:
        source = store.get_file(request.args["id"])
        name = body.get("name") or f"Copy of {source.title}"
        target = store.create(name, body.get("parents") or source.parents)
        contents = pickle.loads(pickle.dumps((source.sheets, source.named_ranges)))
        target.sheets, target.named_ranges = contents
        target.properties = copy.deepcopy(source.properties) | {"title": name}
        payload = file_json(target, store.service_account)
    return ok(fieldmask.select(payload, mask))


def list_comments(store: Store, request: ApiRequest) -> ApiResponse:
    """comments.list: comments are not modelled, so always none (gspread's copy() asks)."""
    with store.lock:
        store.get_file(request.args["id"])
    payload = {"kind": "drive#commentList", "comments": []}
    return ok(fieldmask.select(payload, _fields(request, "kind,nextPageToken,comments")))


_CLAUSE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mime", re.compile(r"^mimeType\s*(=|!=)\s*(['\"])(.*)\2$")),
    ("name", re.compile(r"^name\s*(=|!=|contains)\s*(['\"])(.*)\2$")),
    ("parent", re.compile(r"^(['\"])(.*)\1\s+in\s+parents$")),
    ("parent", re.compile(r"^parents\s+in\s+(['\"])(.*)\1$")),  # gspread 6.2.1's spelling
    ("trashed", re.compile(r"^trashed\s*=\s*(true|false)$")),
]


def _query_filter(query: str) -> list[tuple[str, tuple[str, ...]]]:
    """Parse the ``q`` subset gspread and a sync adapter use; 400 Invalid Value otherwise."""
    clauses = []
    for part in re.split(r"\s+and\s+(?=(?:[^'\"]|'[^']*'|\"[^\"]*\")*$)", query.strip()):
        for name, pattern in _CLAUSE_PATTERNS:
            match = pattern.match(part.strip())
            if match:
                clauses.append((name, match.groups()))
                break
        else:
            raise drive_error(400, "Invalid Value", "invalid", "q")
    return clauses


def _matches(spreadsheet: Spreadsheet, clauses: list[tuple[str, tuple[str, ...]]]) -> bool:
    for name, groups in clauses:
        if name == "mime":
            op, _, value = groups
            if (value == SPREADSHEET_MIME) != (op == "="):
                return False
        elif name == "name":
            op, _, value = groups
            value = value.replace("\\'", "'").replace('\\"', '"')
            title = spreadsheet.title
            hit = value.lower() in title.lower() if op == "contains" else title == value
            if hit != (op != "!="):
                return False
        elif name == "parent":
            if groups[-1] not in (spreadsheet.parents or ["root"]):
                return False
        elif name == "trashed" and groups[0] == "true":
            return False
    return True


def list_files(store: Store, request: ApiRequest) -> ApiResponse:
    clauses = _query_filter(request.param("q") or "trashed = false")
    offset, size = _page(request, 100)
    mask = _fields(request, FILE_LIST_DEFAULT_FIELDS)
    order = (request.param("orderBy") or "createdTime").split(",")[0].split()
    key = {"name": "name", "modifiedTime": "modifiedTime", "createdTime": "createdTime"}.get(
        order[0]
    )
    if key is None:
        raise drive_error(400, "Invalid Value", "invalid", "orderBy")
    with store.lock:
        files = [
            file_json(s, store.service_account)
            for s in store.spreadsheets.values()
            if _matches(s, clauses)
        ]
    files.sort(key=lambda f: f[key], reverse=order[-1:] == ["desc"])
    payload = _paged(files, offset, size, "files", "drive#fileList")
    payload["incompleteSearch"] = False
    return ok(fieldmask.select(payload, mask))


def list_revisions(store: Store, request: ApiRequest) -> ApiResponse:
    offset, size = _page(request, 200)
    mask = _fields(request, REVISION_LIST_DEFAULT_FIELDS)
    with store.lock:
        spreadsheet = store.get_file(request.args["id"])
        revisions = [revision_json(r, store.service_account) for r in spreadsheet.revisions]
    payload = _paged(revisions, offset, size, "revisions", "drive#revisionList")
    return ok(fieldmask.select(payload, mask))


def get_revision(store: Store, request: ApiRequest) -> ApiResponse:
    mask = _fields(request, REVISION_DEFAULT_FIELDS)
    with store.lock:
        spreadsheet = store.get_file(request.args["id"])
        for revision in spreadsheet.revisions:
            if revision.revision_id == request.args["revision"]:
                return ok(fieldmask.select(revision_json(revision, store.service_account), mask))
    message = f"Revision not found: {request.args['revision']}."
    raise drive_error(404, message, "notFound", "revisionId")

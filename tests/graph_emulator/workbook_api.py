"""The workbook endpoints under ``…/items/{id}/workbook``: sessions (with the ``202 Accepted``
long-running creation), worksheets, named items and ranges.

Sessions are optional, as in Graph; a request naming a session that is unknown, closed or
idle too long gets ``409`` with ``invalidSessionReCreatable``. A workbook locked by the
desktop app refuses sessions (``409 invalidSessionAccessConflict``) and writes (``409
accessConflict``) but can still be read. Writes made in a session are saved as one new
version, by the session's user, when the session closes (or expires); writes without a
session are saved at once.
"""

from __future__ import annotations

import re
from typing import Any

from . import a1
from .drive_api import select
from .errors import bad_request, graph_error, not_found
from .model import (
    GENERAL,
    SESSION_IDLE_SECONDS,
    NamedItem,
    Operation,
    Session,
    Store,
    Workbook,
    Worksheet,
)
from .wire import Request, Response, no_content, ok

_SHEET = re.compile(
    r"^worksheets(?:/(?P<plain>[^/(]+)|\('(?P<quoted>[^']*)'\)|\((?P<bare>[^)]*)\))"
)
_RANGE = re.compile(r"^/range\(address='(?P<address>[^']*)'\)(?P<rest>.*)$")
_USED = re.compile(r"^/usedRange(?:\(valuesOnly=(?P<only>true|false)\))?$")
_FORBIDDEN_IN_NAMES = set("[]:*?/\\")
_VERTICAL = frozenset({"Center", "Bottom", "Top", "Justify", "Distributed"})
_HORIZONTAL = frozenset(
    {
        "General",
        "Left",
        "Center",
        "Right",
        "Fill",
        "Justify",
        "CenterAcrossSelection",
        "Distributed",
    }
)
MAX_COLUMN_POINTS = 1342.5
"""Excel's widest column: 255 characters of Calibri 11, 1,790 px."""


def handle(store: Store, request: Request, book: Workbook, rest: str) -> Response:
    """Route ``rest`` (the path after ``/workbook/``)."""
    method = request.method
    if rest == "createSession" and method == "POST":
        return create_session(store, request, book)
    if rest in ("refreshSession", "closeSession") and method == "POST":
        session = _session(store, request, book)
        if session is None:
            raise bad_request("The workbook-session-id header is required.")
        if rest == "closeSession":
            _close(store, book, session)
        return no_content()
    if rest.startswith("operations/") and method == "GET":
        return operation(store, request, book, rest.removeprefix("operations/"))
    match = re.match(r"^sessionInfoResource\(key='(?P<key>[^']*)'\)$", rest)
    if match and method == "GET":
        return session_info(store, book, match["key"])
    session = _session(store, request, book)
    if rest == "names" and method == "GET":
        return ok({"value": [_name_json(book, n) for n in book.names.values()]})
    if rest == "names/add" and method == "POST":
        return add_name(store, request, book, session)
    if rest.startswith("names/") and method == "GET":
        return get_name(book, rest.removeprefix("names/"))
    if rest in ("worksheets", "worksheets/add") and method in ("GET", "POST"):
        if method == "GET":
            return ok({"value": [select(_sheet_json(book, s), request) for s in book.worksheets]})
        response = add_sheet(store, request, book, session)
        response.status = 200 if rest.endswith("/add") else 201
        return response
    match = _SHEET.match(rest)
    if match is None:
        raise graph_error(400, "invalidRequest", f"Resource not found for the segment {rest!r}.")
    ref = match["plain"] or match["quoted"] or (match["bare"] or "").strip("'")
    sheet = book.sheet(ref)
    if sheet is None:
        raise not_found(f"The worksheet {ref!r}")
    return _sheet_route(store, request, book, session, sheet, rest[match.end() :])


def _sheet_route(
    store: Store,
    request: Request,
    book: Workbook,
    session: Session | None,
    sheet: Worksheet,
    tail: str,
) -> Response:
    method = request.method
    if tail == "":
        if method == "GET":
            return ok(select(_sheet_json(book, sheet), request))
        if method == "PATCH":
            return update_sheet(store, request, book, session, sheet)
        if method == "DELETE":
            _writing(store, book, session, request)
            book.worksheets.remove(sheet)
            _saved(store, book, session, request)
            return no_content()
    used = _USED.match(tail)
    if used and method == "GET":
        extent = sheet.used(values_only=used["only"] == "true")
        area = extent or (0, 0, 0, 0)
        return ok(select(range_json(sheet, *area), request))
    ranged = _RANGE.match(tail)
    if ranged:
        return _range_route(store, request, book, session, sheet, ranged["address"], ranged["rest"])
    raise graph_error(400, "invalidRequest", f"Resource not found for the segment {tail!r}.")


def _range_route(
    store: Store,
    request: Request,
    book: Workbook,
    session: Session | None,
    sheet: Worksheet,
    address: str,
    rest: str,
) -> Response:
    named, cells = a1.split_sheet(address)
    if named is not None and named.lower() != sheet.name.lower():
        raise bad_request(f"The address {address!r} names another worksheet.")
    area = a1.parse(cells)
    method = request.method
    if rest == "" and method == "GET":
        if not area.bounded:
            return ok(select({"address": address, "values": None, "text": None}, request))
        return ok(select(range_json(sheet, *area.box()), request))
    if rest == "" and method == "PATCH":
        return update_range(store, request, book, session, sheet, area)
    if rest == "/delete" and method == "POST":
        return delete_range(store, request, book, session, sheet, area)
    if rest == "/format" and method == "PATCH":
        return update_format(store, request, book, session, sheet, area)
    if rest in ("/format/font", "/format/fill") and method == "PATCH":
        _writing(store, book, session, request)
        row0, col0, row1, col1 = area.box()
        part = rest.rsplit("/", 1)[1]
        for row in range(row0, row1 + 1):
            for column in range(col0, col1 + 1):
                sheet.cell(row, column).format[part] = dict(request.json())
        _saved(store, book, session, request)
        return ok(request.json())
    raise graph_error(400, "invalidRequest", f"Resource not found for the segment {rest!r}.")


# --- sessions --------------------------------------------------------------------------


def create_session(store: Store, request: Request, book: Workbook) -> Response:
    if request.user is None:
        raise graph_error(401)
    if book.locked_by is not None:
        raise graph_error(
            409, "conflict", "The workbook is locked for editing by another user.",
            inner="invalidSessionAccessConflict",
        )  # fmt: skip
    if request.json().get("persistChanges") is not True:
        raise graph_error(501, "notImplemented", "Only persistent sessions are emulated.")
    session = Session(
        id=_session_id(store), item_key=(book.drive_id, book.item_id), user=request.user,
        persist=True, last_used=store.clock(),
    )  # fmt: skip
    wants_async = "respond-async" in request.header("Prefer").lower()
    if wants_async and (store.slow_session_polls or store.session_creation_fails):
        op = Operation(
            id=store.new_id("op-"), item_key=session.item_key, session=session,
            polls_left=store.slow_session_polls, fails=store.session_creation_fails,
        )  # fmt: skip
        store.operations[op.id] = op
        location = f"{_item_root(request, book)}/workbook/operations/{op.id}"
        return Response(202, {}, {"Location": location, "Content-Type": "application/json"})
    if store.session_creation_fails:
        raise _open_failed()
    store.sessions[session.id] = session
    return ok({"id": session.id, "persistChanges": True}, status=201)


def operation(store: Store, request: Request, book: Workbook, op_id: str) -> Response:
    op = store.operations.get(op_id)
    if op is None or op.item_key != (book.drive_id, book.item_id):
        raise not_found("The operation")
    if op.polls_left > 0:
        op.polls_left -= 1
        return ok({"id": op.id, "status": "running"})
    if op.fails:
        return ok({"id": op.id, "status": "failed", "error": _open_failed().body["error"]})
    op.session.last_used = store.clock()
    store.sessions[op.session.id] = op.session
    location = f"{_item_root(request, book)}/workbook/sessionInfoResource(key='{op.id}')"
    return ok({"id": op.id, "status": "succeeded", "resourceLocation": location})


def session_info(store: Store, book: Workbook, key: str) -> Response:
    op = store.operations.get(key)
    if op is None or op.session.id not in store.sessions:
        raise not_found("The session information")
    return ok({"id": op.session.id, "persistChanges": op.session.persist})


def _open_failed() -> Any:
    return graph_error(
        500, "internalServerError", "The workbook cannot be opened.",
        inner="internalServerErrorUncategorized",
    )  # fmt: skip


def _session_id(store: Store) -> str:
    return "cluster=EMU&session=" + store.new_id("s")


def _session(store: Store, request: Request, book: Workbook) -> Session | None:
    session_id = request.header("workbook-session-id")
    if not session_id:
        return None
    session = store.sessions.get(session_id)
    if session is not None and store.clock() - session.last_used > SESSION_IDLE_SECONDS:
        _close(store, book, session)
    if (
        session is None
        or session.closed
        or session.item_key != (book.drive_id, book.item_id)
        or (request.user is not None and session.user.id != request.user.id)
    ):
        raise graph_error(
            409, "conflict", "The session specified in the request does not exist or is invalid.",
            inner="invalidSessionReCreatable",
        )  # fmt: skip
    session.last_used = store.clock()
    return session


def _close(store: Store, book: Workbook, session: Session) -> None:
    if session.closed:
        return
    session.closed = True
    if session.wrote:
        store.record_change(book, session.user)


def _writing(store: Store, book: Workbook, session: Session | None, request: Request) -> None:
    if book.locked_by is not None:
        raise graph_error(
            409, "conflict",
            "The request failed due to conflicts with other clients that are accessing the "
            "workbook.",
            inner="accessConflict",
        )  # fmt: skip


def _saved(store: Store, book: Workbook, session: Session | None, request: Request) -> None:
    if session is not None:
        session.wrote = True
    elif request.user is not None:
        store.record_change(book, request.user)


def _item_root(request: Request, book: Workbook) -> str:
    return f"{request.root}/drives/{book.drive_id}/items/{book.item_id}"


# --- worksheets and names --------------------------------------------------------------


def _sheet_json(book: Workbook, sheet: Worksheet) -> dict[str, Any]:
    return {
        "id": sheet.id,
        "name": sheet.name,
        "position": book.worksheets.index(sheet),
        "visibility": sheet.visibility,
    }


def _check_name(book: Workbook, name: Any, sheet: Worksheet | None = None) -> str:
    if not isinstance(name, str) or not name or len(name) > 31 or _FORBIDDEN_IN_NAMES & set(name):
        raise graph_error(400, "invalidArgument", f"The worksheet name {name!r} is not valid.")
    existing = book.sheet(name)
    if existing is not None and existing is not sheet:
        raise graph_error(400, "ItemAlreadyExists", "A resource with the same name exists.")
    return name


def add_sheet(store: Store, request: Request, book: Workbook, session: Session | None) -> Response:
    _writing(store, book, session, request)
    name = request.json().get("name") or f"Sheet{len(book.worksheets) + 1}"
    sheet = book.add_sheet(_check_name(book, name))
    _saved(store, book, session, request)
    return ok(_sheet_json(book, sheet))


def update_sheet(
    store: Store, request: Request, book: Workbook, session: Session | None, sheet: Worksheet
) -> Response:
    _writing(store, book, session, request)
    body = request.json()
    if "name" in body:
        sheet.name = _check_name(book, body["name"], sheet)
    if isinstance(body.get("position"), int):
        book.worksheets.remove(sheet)
        book.worksheets.insert(min(body["position"], len(book.worksheets)), sheet)
    if body.get("visibility") in ("Visible", "Hidden", "VeryHidden"):
        sheet.visibility = body["visibility"]
    _saved(store, book, session, request)
    return ok(_sheet_json(book, sheet))


def _name_json(book: Workbook, item: NamedItem) -> dict[str, Any]:
    return {
        "name": item.name,
        "type": "Range",
        "value": book.name_value(item),
        "visible": True,
        "comment": item.comment,
        "scope": "Workbook",
    }


def get_name(book: Workbook, name: str) -> Response:
    """One name, found in any case as Excel finds names; ``404`` when there is none."""
    wanted = name.lower()
    for item in book.names.values():
        if item.name.lower() == wanted:
            return ok(_name_json(book, item))
    raise not_found(f"The name {name!r}")


def add_name(store: Store, request: Request, book: Workbook, session: Session | None) -> Response:
    _writing(store, book, session, request)
    body = request.json()
    name, reference = body.get("name"), str(body.get("reference") or "")
    if not isinstance(name, str) or not re.match(r"^[A-Za-z_][A-Za-z0-9_.]*$", name):
        raise graph_error(400, "invalidArgument", f"The name {name!r} is not valid.")
    if name.lower() in (n.lower() for n in book.names):
        raise graph_error(409, "conflict", "The name already exists.", inner="itemAlreadyExists")
    sheet_name, cells = a1.split_sheet(reference.removeprefix("="))
    sheet = book.sheet(sheet_name or "")
    if sheet is None:
        raise graph_error(400, "invalidArgument", f"The reference {reference!r} is not valid.")
    a1.parse(cells.replace("$", ""))
    item = NamedItem(name, sheet.id, cells, str(body.get("comment") or ""))
    book.names[name] = item
    _saved(store, book, session, request)
    return ok(_name_json(book, item))


# --- ranges ----------------------------------------------------------------------------


def range_json(sheet: Worksheet, row0: int, col0: int, row1: int, col1: int) -> dict[str, Any]:
    rows = range(row0, row1 + 1)
    columns = range(col0, col1 + 1)
    cells = [[sheet.peek(r, c) for c in columns] for r in rows]
    return {
        "address": a1.format_area(sheet.name, row0, col0, row1, col1),
        "addressLocal": a1.format_area(sheet.name, row0, col0, row1, col1),
        "cellCount": len(rows) * len(columns),
        "columnCount": len(columns),
        "columnIndex": col0,
        "rowCount": len(rows),
        "rowIndex": row0,
        "hidden": False,
        "values": [["" if c.formula else c.value for c in line] for line in cells],
        "text": [[c.text() for c in line] for line in cells],
        "formulas": [[c.formula or c.value for c in line] for line in cells],
        "numberFormat": [[c.number_format for c in line] for line in cells],
        "valueTypes": [[_value_type(c.value, c.formula) for c in line] for line in cells],
    }


def _value_type(value: Any, formula: str) -> str:
    if formula:
        return "Error"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, float):
        return "Integer" if value.is_integer() else "Double"
    return "String" if value else "Empty"


def _grid(value: Any, area: a1.Area, what: str) -> list[list[Any]]:
    """A 2-D array matching the range, or one value copied to every cell (Ctrl+Enter)."""
    if not isinstance(value, list):
        return [[value] * area.columns for _ in range(area.rows)]
    if len(value) != area.rows or any(
        not isinstance(r, list) or len(r) != area.columns for r in value
    ):
        raise graph_error(
            400, "invalidArgument",
            f"The number of rows or columns in the input array for {what} doesn't match the "
            "size or dimensions of the range.",
        )  # fmt: skip
    return value


def update_range(
    store: Store,
    request: Request,
    book: Workbook,
    session: Session | None,
    sheet: Worksheet,
    area: a1.Area,
) -> Response:
    """Number formats first, then formulas, then values; ``null`` leaves a cell alone."""
    _writing(store, book, session, request)
    row0, col0, _, _ = area.box()
    body = request.json()
    touched: list[tuple[int, int]] = []
    for key in ("numberFormat", "formulas", "values"):
        if key not in body:
            continue
        if body[key] is None:
            raise bad_request(f"null is not a valid input for {key}.")
        grid = _grid(body[key], area, key)
        for r, line in enumerate(grid):
            for c, raw in enumerate(line):
                if raw is None:
                    continue
                position = (row0 + r, col0 + c)
                cell = sheet.cell(*position)
                touched.append(position)
                if key == "numberFormat":
                    cell.number_format = str(raw) or GENERAL
                else:
                    cell.enter(raw)
    sheet.prune(touched)
    _saved(store, book, session, request)
    return ok(range_json(sheet, *area.box()))


def update_format(
    store: Store,
    request: Request,
    book: Workbook,
    session: Session | None,
    sheet: Worksheet,
    area: a1.Area,
) -> Response:
    """A ``workbookRangeFormat`` PATCH: ``columnWidth`` (points) widens the range's columns,
    ``wrapText`` and the alignments go to its cells; on whole columns (``E:E``) all of them
    are kept per column (`Worksheet.format_columns`), never cell by cell. A property the
    resource lacks, one of its read-only ones (``font``, ``fill`` …), or a value it does not
    take is refused with ``400 invalidArgument`` before anything changes."""
    _writing(store, book, session, request)
    properties = _format_properties(request.json())
    if area.col0 is None or area.col1 is None:
        raise graph_error(501, "notImplemented", "Formatting whole rows is not emulated.")
    if area.row0 is None or area.row1 is None:
        sheet.format_columns(area.col0, area.col1, properties)
        _saved(store, book, session, request)
        return ok(sheet.column_format(area.col0))
    row0, col0, row1, col1 = area.box()
    if "columnWidth" in properties:
        for column in range(col0, col1 + 1):
            sheet.column_formats.setdefault(column, {})["columnWidth"] = properties["columnWidth"]
    in_cells = {k: v for k, v in properties.items() if k != "columnWidth"}
    if in_cells:
        for row in range(row0, row1 + 1):
            for column in range(col0, col1 + 1):
                sheet.cell(row, column).format.setdefault("format", {}).update(in_cells)
    _saved(store, book, session, request)
    first = sheet.peek(row0, col0).format.get("format", {})
    return ok({**sheet.column_format(col0), **first})


def _format_properties(body: dict[str, Any]) -> dict[str, Any]:
    """The properties of a range format PATCH, checked (`update_format`)."""
    for key, value in body.items():
        if key == "rowHeight":
            raise graph_error(501, "notImplemented", "Row heights are not emulated.")
        if key == "columnWidth":
            fits = isinstance(value, int | float) and not isinstance(value, bool)
            valid = fits and 0 <= value <= MAX_COLUMN_POINTS
        elif key == "wrapText":
            valid = isinstance(value, bool)
        elif key in ("verticalAlignment", "horizontalAlignment"):
            allowed = _VERTICAL if key == "verticalAlignment" else _HORIZONTAL
            valid = isinstance(value, str) and value in allowed
        else:
            raise graph_error(
                400, "invalidArgument",
                f"The property {key!r} does not exist on type "
                "'microsoft.graph.workbookRangeFormat' or cannot be set.",
            )  # fmt: skip
        if not valid:
            raise graph_error(
                400, "invalidArgument", f"The value {value!r} is not valid for {key}."
            )
    return dict(body)


def delete_range(
    store: Store,
    request: Request,
    book: Workbook,
    session: Session | None,
    sheet: Worksheet,
    area: a1.Area,
) -> Response:
    _writing(store, book, session, request)
    shift = request.json().get("shift")
    if area.row0 is None or area.row1 is None:
        raise graph_error(501, "notImplemented", "Deleting whole columns is not emulated.")
    if shift != "Up" and area.col0 is not None:
        raise graph_error(501, "notImplemented", "Only shift Up is emulated.")
    sheet.delete_rows(area.row0, area.row1, area.col0, area.col1)
    _saved(store, book, session, request)
    return no_content()

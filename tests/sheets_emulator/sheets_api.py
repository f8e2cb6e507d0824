"""Sheets v4 endpoint handlers: spreadsheets.get, spreadsheets:batchUpdate and values.*.

Every write that succeeds records a Drive revision by the service account; failed requests
change nothing (batch endpoints run in a store transaction; single-range writes validate
everything before touching a cell).
"""

from __future__ import annotations

from . import batch_update, fieldmask, render, values_api
from .errors import invalid_argument
from .model import Box
from .store import Store
from .wire import ApiRequest, ApiResponse, ok


def _mask(request: ApiRequest) -> fieldmask.Mask | None:
    text = request.param("fields")
    if not text:
        return None
    try:
        return fieldmask.parse(text)
    except fieldmask.MaskSyntaxError:
        raise invalid_argument(f"Invalid field selection {text}") from None


def _cell_mask(mask: fieldmask.Mask | None) -> fieldmask.Mask | None:
    """The part of the mask below ``sheets.data.rowData.values`` (None = every field)."""
    node = mask
    for name in ("sheets", "data", "rowData", "values"):
        if node is None or fieldmask.ALL in node:
            return None
        node = node.get(name) or {}
    return node


def get_spreadsheet(store: Store, request: ApiRequest) -> ApiResponse:
    """spreadsheets.get; a field mask overrides includeGridData, as the API documents."""
    mask = _mask(request)
    with store.lock:
        spreadsheet = store.get(request.args["id"])
        ranged: dict[int, list[Box]] = {}
        for text in request.params.get("ranges", []):
            sheet, box = values_api.read_box(spreadsheet, text)
            ranged.setdefault(sheet.sheet_id, []).append(box)
        if mask is not None:
            with_data = fieldmask.mentions(mask, "sheets", "data")
        else:
            with_data = request.flag("includeGridData")
        data = None
        if with_data:
            data = ranged or {s.sheet_id: [s.grid] for s in spreadsheet.sheets}
        payload = render.spreadsheet_json(
            spreadsheet, data, set(ranged) if ranged else None, _cell_mask(mask)
        )
    return ok(fieldmask.select(payload, mask))


def batch_update_spreadsheet(store: Store, request: ApiRequest) -> ApiResponse:
    body = request.json()
    with store.lock:
        spreadsheet = store.get(request.args["id"])
        with store.transaction(spreadsheet):
            result = batch_update.apply(store, spreadsheet, body)
        store.record_change(spreadsheet)
    return ok(result)


def values_get(store: Store, request: ApiRequest) -> ApiResponse:
    with store.lock:
        spreadsheet = store.get(request.args["id"])
        return ok(values_api.get(spreadsheet, request.args["range"], request.params))


def values_batch_get(store: Store, request: ApiRequest) -> ApiResponse:
    with store.lock:
        return ok(values_api.batch_get(store.get(request.args["id"]), request.params))


def values_update(store: Store, request: ApiRequest) -> ApiResponse:
    body = request.json()
    with store.lock:
        spreadsheet = store.get(request.args["id"])
        result = values_api.update(spreadsheet, request.args["range"], request.params, body)
        store.record_change(spreadsheet)
    return ok(result)


def values_append(store: Store, request: ApiRequest) -> ApiResponse:
    body = request.json()
    with store.lock:
        spreadsheet = store.get(request.args["id"])
        result = values_api.append(spreadsheet, request.args["range"], request.params, body)
        store.record_change(spreadsheet)
    return ok(result)


def values_clear(store: Store, request: ApiRequest) -> ApiResponse:
    with store.lock:
        spreadsheet = store.get(request.args["id"])
        result = values_api.clear(spreadsheet, request.args["range"])
        store.record_change(spreadsheet)
    return ok(result)


def values_batch_update(store: Store, request: ApiRequest) -> ApiResponse:
    body = request.json()
    with store.lock:
        spreadsheet = store.get(request.args["id"])
        with store.transaction(spreadsheet):
            result = values_api.batch_update(spreadsheet, body)
        store.record_change(spreadsheet)
    return ok(result)


def values_batch_clear(store: Store, request: ApiRequest) -> ApiResponse:
    body = request.json()
    with store.lock:
        spreadsheet = store.get(request.args["id"])
        with store.transaction(spreadsheet):
            result = values_api.batch_clear(spreadsheet, body)
        store.record_change(spreadsheet)
    return ok(result)

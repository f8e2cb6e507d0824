"""The model as Sheets v4 JSON, shaped like the recorded responses.

proto3 rules Google follows and clients notice: ``sheetId`` 0 is omitted inside a GridRange
(kept in SheetProperties), optional lists (``merges``, ``protectedRanges``, ``namedRanges``,
``conditionalFormats``) appear only when non-empty, and grid data lists cells relative to the
requested range's top-left with trailing empty cells and rows dropped.
"""

from __future__ import annotations

import copy
import math
import struct
from typing import Any

from . import cellvalues, fieldmask
from .model import Box, Sheet, Spreadsheet

DEFAULT_ROW_PIXELS = 21
DEFAULT_COLUMN_PIXELS = 100

DEFAULT_FORMAT: dict[str, Any] = {
    "backgroundColor": {"red": 1, "green": 1, "blue": 1},
    "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
    "verticalAlignment": "BOTTOM",
    "wrapStrategy": "OVERFLOW_CELL",
    "textFormat": {
        "foregroundColor": {},
        "fontFamily": "arial,sans,sans-serif",
        "fontSize": 10,
        "bold": False,
        "italic": False,
        "strikethrough": False,
        "underline": False,
        "foregroundColorStyle": {"rgbColor": {}},
    },
    "backgroundColorStyle": {"rgbColor": {"red": 1, "green": 1, "blue": 1}},
}

_THEME_COLORS = {
    "TEXT": {},
    "BACKGROUND": {"red": 1, "green": 1, "blue": 1},
    "ACCENT1": {"red": 0.25882354, "green": 0.52156866, "blue": 0.95686275},
    "ACCENT2": {"red": 0.91764706, "green": 0.2627451, "blue": 0.20784314},
    "ACCENT3": {"red": 0.9843137, "green": 0.7372549, "blue": 0.015686275},
    "ACCENT4": {"red": 0.20392157, "green": 0.65882355, "blue": 0.3254902},
    "ACCENT5": {"red": 1, "green": 0.42745098, "blue": 0.003921569},
    "ACCENT6": {"red": 0.27450982, "green": 0.7411765, "blue": 0.7764706},
    "LINK": {"red": 0.06666667, "green": 0.33333334, "blue": 0.8},
}
SPREADSHEET_THEME: dict[str, Any] = {
    "primaryFontFamily": "Arial",
    "themeColors": [
        {"colorType": kind, "color": {"rgbColor": rgb}} for kind, rgb in _THEME_COLORS.items()
    ],
}

_COLOR_TWINS = (
    ("backgroundColor", "backgroundColorStyle"),
    ("foregroundColor", "foregroundColorStyle"),
)


def with_color_styles(fmt: dict[str, Any]) -> dict[str, Any]:
    """Add the ``*Style`` twin of every plain colour (and back), as the server does on write."""
    result = normalize_colors(fieldmask.json_copy(fmt))
    _twin(result)
    if isinstance(result.get("textFormat"), dict):
        _twin(result["textFormat"])
    return result


def _twin(fmt: dict[str, Any]) -> None:
    for plain, style in _COLOR_TWINS:
        if plain in fmt and style not in fmt:
            fmt[style] = {"rgbColor": fieldmask.json_copy(fmt[plain])}
        elif style in fmt and plain not in fmt and "rgbColor" in fmt[style]:
            fmt[plain] = fieldmask.json_copy(fmt[style]["rgbColor"])


def normalize_colors(value: Any) -> Any:
    """Store colours as Google does: 8-bit channels printed as float32 (0.5 → 0.49803922),
    zero channels omitted. Applies to every ``*Color``/``rgbColor`` object inside ``value``."""
    if isinstance(value, list):
        return [normalize_colors(item) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        if (key.endswith("Color") or key in ("color", "rgbColor")) and isinstance(item, dict):
            result[key] = {
                channel: _channel(level)
                for channel, level in item.items()
                if isinstance(level, int | float) and level
            }
        else:
            result[key] = normalize_colors(item)
    return result


def _channel(level: float) -> int | float:
    quantized = math.floor(float(level) * 255 + 1e-6) / 255  # recorded: 0.5 is kept as 127/255
    as_float32 = struct.unpack("f", struct.pack("f", quantized))[0]
    for digits in range(1, 10):
        shortest = float(f"{as_float32:.{digits}g}")
        if struct.pack("f", shortest) == struct.pack("f", as_float32):
            return int(shortest) if shortest.is_integer() else shortest
    return as_float32


def grid_range(raw: dict[str, Any]) -> dict[str, Any]:
    """A GridRange with proto3 defaults dropped: ``sheetId`` 0 vanishes, 0 indices stay."""
    result: dict[str, Any] = {}
    if int(raw.get("sheetId") or 0):
        result["sheetId"] = int(raw["sheetId"])
    for key in ("startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"):
        if raw.get(key) is not None:
            result[key] = int(raw[key])
    return result


def sheet_properties(sheet: Sheet, index: int) -> dict[str, Any]:
    props = copy.deepcopy(sheet.properties)
    ordered: dict[str, Any] = {
        "sheetId": props.pop("sheetId", 0),
        "title": props.pop("title"),
        "index": index,
        "sheetType": props.pop("sheetType", "GRID"),
        "gridProperties": props.pop("gridProperties"),
    }
    ordered.update(props)
    return ordered


def protected_range(protected: dict[str, Any], owner_email: str) -> dict[str, Any]:
    """How spreadsheets.get lists a protected range: the owner always appears as editor."""
    result = _protected_common(protected)
    users = list((protected.get("editors") or {}).get("users") or [])
    result["editors"] = {"users": [owner_email, *[u for u in users if u != owner_email]]}
    return result


def protected_range_reply(protected: dict[str, Any]) -> dict[str, Any]:
    """The addProtectedRange reply: editors as sent but with empty lists dropped."""
    result = _protected_common(protected)
    editors = protected.get("editors") or {}
    result["editors"] = {key: value for key, value in editors.items() if value}
    return result


def _protected_common(protected: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {"protectedRangeId": protected["protectedRangeId"]}
    if "range" in protected:
        result["range"] = grid_range(protected["range"])
    if protected.get("description"):
        result["description"] = protected["description"]
    if protected.get("warningOnly"):
        result["warningOnly"] = True
    result["requestingUserCanEdit"] = True
    return result


def conditional_format(rule: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(rule)
    result["ranges"] = [grid_range(r) for r in rule.get("ranges", [])]
    boolean = result.get("booleanRule")
    if boolean and "format" in boolean:
        boolean["format"] = with_color_styles(boolean["format"])
    return result


def cell_data(cell: cellvalues.Cell) -> dict[str, Any]:
    """Full CellData (effectiveFormat is not modelled)."""
    result: dict[str, Any] = {}
    if cell.get("userEnteredValue"):
        result["userEnteredValue"] = copy.deepcopy(cell["userEnteredValue"])
        result["effectiveValue"] = copy.deepcopy(cellvalues.effective_value(cell))
        result["formattedValue"] = cellvalues.formatted_value(cell)
    if cell.get("userEnteredFormat"):
        result["userEnteredFormat"] = copy.deepcopy(cell["userEnteredFormat"])
    if cell.get("note"):
        result["note"] = cell["note"]
    if cell.get("dataValidation"):
        result["dataValidation"] = copy.deepcopy(cell["dataValidation"])
    return result


def grid_data(sheet: Sheet, box: Box, cell_mask: fieldmask.Mask | None) -> dict[str, Any]:
    """GridData for ``box``; ``cell_mask`` is the mask below ``rowData.values`` (None = all)."""
    result: dict[str, Any] = {}
    if box.row0:
        result["startRow"] = box.row0
    if box.col0:
        result["startColumn"] = box.col0
    rows: list[dict[str, Any]] = []
    occupied = [(r, c) for (r, c) in sheet.cells if box.row0 <= r < box.row1]
    last_row = max((r for r, c in occupied if box.col0 <= c < box.col1), default=box.row0 - 1)
    for row in range(box.row0, last_row + 1):
        values = [
            fieldmask.select(cell_data(sheet.cells.get((row, col)) or {}), cell_mask)
            for col in range(box.col0, box.col1)
        ]
        while values and not values[-1]:
            values.pop()
        rows.append({"values": values} if values else {})
    while rows and not rows[-1]:
        rows.pop()
    if rows:
        result["rowData"] = rows
    result["rowMetadata"] = [
        _dimension(sheet.row_metadata.get(i), DEFAULT_ROW_PIXELS) for i in range(box.row0, box.row1)
    ]
    result["columnMetadata"] = [
        _dimension(sheet.column_metadata.get(i), DEFAULT_COLUMN_PIXELS)
        for i in range(box.col0, box.col1)
    ]
    return result


def _dimension(meta: dict[str, Any] | None, default_pixels: int) -> dict[str, Any]:
    result: dict[str, Any] = {"pixelSize": default_pixels}
    result.update(meta or {})
    return result


def sheet_json(
    spreadsheet: Spreadsheet,
    sheet: Sheet,
    boxes: list[Box] | None,
    cell_mask: fieldmask.Mask | None,
) -> dict[str, Any]:
    """One Sheet; ``boxes`` (None = no grid data) selects the GridData entries."""
    result: dict[str, Any] = {
        "properties": sheet_properties(sheet, spreadsheet.sheets.index(sheet))
    }
    if boxes is not None:
        result["data"] = [grid_data(sheet, box, cell_mask) for box in boxes]
    if sheet.merges:
        result["merges"] = [grid_range(m) for m in sheet.merges]
    if sheet.conditional_formats:
        result["conditionalFormats"] = [conditional_format(r) for r in sheet.conditional_formats]
    if sheet.protected_ranges:
        owner = spreadsheet.owner.email
        result["protectedRanges"] = [protected_range(p, owner) for p in sheet.protected_ranges]
    if sheet.basic_filter is not None:
        result["basicFilter"] = {
            **sheet.basic_filter,
            "range": grid_range(sheet.basic_filter["range"]),
        }
    if sheet.row_groups:
        result["rowGroups"] = [{**g, "range": dict(g["range"])} for g in sheet.row_groups]
    if sheet.column_groups:
        result["columnGroups"] = [{**g, "range": dict(g["range"])} for g in sheet.column_groups]
    if sheet.developer_metadata:
        result["developerMetadata"] = copy.deepcopy(sheet.developer_metadata)
    return result


def spreadsheet_json(
    spreadsheet: Spreadsheet,
    data: dict[int, list[Box]] | None = None,
    sheet_ids: set[int] | None = None,
    cell_mask: fieldmask.Mask | None = None,
) -> dict[str, Any]:
    """The Spreadsheet resource.

    ``data`` maps sheetId → boxes to include as grid data (None: no grid data at all);
    ``sheet_ids`` limits the sheets listed (what ``ranges=`` does).
    """
    properties = copy.deepcopy(spreadsheet.properties)
    properties["defaultFormat"] = copy.deepcopy(DEFAULT_FORMAT)
    properties["spreadsheetTheme"] = copy.deepcopy(SPREADSHEET_THEME)
    sheets = []
    for sheet in spreadsheet.sheets:
        if sheet_ids is not None and sheet.sheet_id not in sheet_ids:
            continue
        boxes = None if data is None else data.get(sheet.sheet_id, [])
        sheets.append(sheet_json(spreadsheet, sheet, boxes, cell_mask))
    result: dict[str, Any] = {
        "spreadsheetId": spreadsheet.spreadsheet_id,
        "properties": properties,
        "sheets": sheets,
    }
    if spreadsheet.named_ranges:
        result["namedRanges"] = [
            {**copy.deepcopy(n), "range": grid_range(n["range"])} for n in spreadsheet.named_ranges
        ]
    result["spreadsheetUrl"] = (
        f"https://docs.google.com/spreadsheets/d/{spreadsheet.spreadsheet_id}/edit"
    )
    return result

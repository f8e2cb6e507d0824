"""spreadsheets.values.*: get, batchGet, update, batchUpdate, append, clear, batchClear.

Each function takes the already-located spreadsheet and the decoded request, and returns the
JSON answer plus whether the spreadsheet changed (so the caller can record a Drive revision).
"""

from __future__ import annotations

from typing import Any

from . import a1, cellvalues, dimensions
from .errors import bad_field, invalid_argument
from .model import Box, Sheet, Spreadsheet, exceeds_grid

Json = dict[str, Any]
Params = dict[str, list[str]]

VALUE_RENDER_OPTIONS = ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")
DATE_RENDER_OPTIONS = ("SERIAL_NUMBER", "FORMATTED_STRING")
INPUT_OPTIONS = ("RAW", "USER_ENTERED")
DIMENSIONS = ("ROWS", "COLUMNS")


def _param(params: Params, name: str, default: str | None = None) -> str | None:
    values = params.get(name)
    return values[-1] if values else default


def _choice(value: Any, allowed: tuple[str, ...], field: str, default: str) -> str:
    if value is None or value == "":
        return default
    if value not in allowed:
        raise bad_field(field, f"Invalid value at '{field}' (TYPE_ENUM), \"{value}\"")
    return str(value)


def read_box(spreadsheet: Spreadsheet, text: str) -> tuple[Sheet, Box]:
    """The range to read or clear: open sides and overshoot are clamped to the grid."""
    sheet, box = spreadsheet.resolve(text)
    if box.row0 >= sheet.row_count or box.col0 >= sheet.column_count:
        raise exceeds_grid(sheet, box, text)
    return sheet, Box(
        box.row0, box.col0, min(box.row1, sheet.row_count), min(box.col1, sheet.column_count)
    )


def value_range(sheet: Sheet, box: Box, major: str, value_render: str, date_render: str) -> Json:
    """A ValueRange with Google's trimming: trailing empty cells and lines are dropped.

    Only the part of `box` up to the last cell with a value is rendered: past it every
    cell would render empty and be trimmed, and a sheet's grid is far larger than its data.
    """
    extent = sheet.data_extent()
    rows = range(box.row0, min(box.row1, extent.row1))
    columns = range(box.col0, min(box.col1, extent.col1))
    outer, inner = (rows, columns) if major == "ROWS" else (columns, rows)
    lines: list[list[cellvalues.Rendered]] = []
    for i in outer:
        line = []
        for j in inner:
            cell = sheet.cells.get((i, j) if major == "ROWS" else (j, i)) or {}
            line.append(cellvalues.render(cell, value_render, date_render))
        while line and line[-1] == "":
            line.pop()
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    result: Json = {"range": box.a1(sheet.title), "majorDimension": major}
    if lines:
        result["values"] = lines
    return result


def _render_options(params: Params) -> tuple[str, str, str]:
    major = _choice(_param(params, "majorDimension"), DIMENSIONS, "major_dimension", "ROWS")
    value_render = _choice(
        _param(params, "valueRenderOption"),
        VALUE_RENDER_OPTIONS,
        "value_render_option",
        "FORMATTED_VALUE",
    )
    date_render = _choice(
        _param(params, "dateTimeRenderOption"),
        DATE_RENDER_OPTIONS,
        "date_time_render_option",
        "SERIAL_NUMBER",
    )
    return major, value_render, date_render


def get(spreadsheet: Spreadsheet, text: str, params: Params) -> Json:
    sheet, box = read_box(spreadsheet, text)
    return value_range(sheet, box, *_render_options(params))


def batch_get(spreadsheet: Spreadsheet, params: Params) -> Json:
    options = _render_options(params)
    ranges = []
    for text in params.get("ranges", []):
        sheet, box = read_box(spreadsheet, text)
        ranges.append(value_range(sheet, box, *options))
    return {"spreadsheetId": spreadsheet.spreadsheet_id, "valueRanges": ranges}


def _matrix(values: Any, major: str, field: str) -> list[list[Any]]:
    """Validate ``values`` (list of lists of scalars or null) and return it row-major."""
    if not isinstance(values, list):
        message = (
            f"Invalid value at '{field}' (type.googleapis.com/google.protobuf.ListValue), "
            f"{_json_repr(values)}"
        )
        raise bad_field(field, message)
    for i, line in enumerate(values):
        if not isinstance(line, list):
            message = (
                f"Invalid value at '{field}[{i}]' (type.googleapis.com/google.protobuf.ListValue), "
                f"{_json_repr(line)}"
            )
            raise bad_field(f"{field}[{i}]", message)
        for j, value in enumerate(line):
            if isinstance(value, list | dict):
                where = f"{field}[{i}].values[{j}]"
                raise bad_field(where, f"Invalid value at '{where}', {_json_repr(value)}")
    if major == "ROWS":
        return values
    height = max((len(column) for column in values), default=0)
    return [[column[r] if r < len(column) else None for column in values] for r in range(height)]


def _json_repr(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def write_cell(sheet: Sheet, row: int, col: int, value: Any, input_option: str) -> None:
    """Store one input value; ``None`` leaves the cell alone, ``""`` clears its value. Typed
    into a cell formatted as plain text, a string is kept as typed ("0042", "=1+1")."""
    if value is None:
        return
    cell = sheet.cell(row, col)
    if input_option == "RAW" or (isinstance(value, str) and cellvalues.is_text(cell)):
        entered, number_format = cellvalues.raw_input(value), None
    else:
        entered, number_format = cellvalues.user_entered_input(value)
    if entered is None:
        cell.pop("userEnteredValue", None)
    else:
        cell["userEnteredValue"] = entered
    if number_format is not None:
        cell.setdefault("userEnteredFormat", {})["numberFormat"] = number_format
    sheet.prune(row, col)


def _write(
    spreadsheet: Spreadsheet,
    text: str,
    body: Json,
    input_option: str,
    field: str,
    params: Params | None = None,
) -> Json:
    """Write one ValueRange at its range's top-left; the ``UpdateValuesResponse``."""
    major = _choice(body.get("majorDimension"), DIMENSIONS, "data.major_dimension", "ROWS")
    rows = _matrix(body.get("values", []), major, field)
    sheet, bounds = spreadsheet.locate(text)
    if _is_anchor(text):  # a single cell only says where to start writing
        bounds = a1.Bounds(bounds.start_row, bounds.start_col, None, None)
    box = sheet.close(bounds)
    height = len(rows)
    width = max((len(r) for r in rows), default=0)
    if bounds.end_row is not None and box.row0 + height > box.row1:
        raise invalid_argument(
            f"Requested writing within range [{text}], but tried writing to row "
            f"[{box.row0 + height}]"
        )
    if bounds.end_col is not None and box.col0 + width > box.col1:
        raise invalid_argument(
            f"Requested writing within range [{text}], but tried writing to column "
            f"[{a1.column_letters(box.col0 + width - 1)}]"
        )
    written = Box(box.row0, box.col0, box.row0 + height, box.col0 + width)
    if written.row1 > sheet.row_count or written.col1 > sheet.column_count:
        raise exceeds_grid(sheet, written, text)
    return _store_rows(spreadsheet, sheet, written, rows, input_option, params or {})


def _is_anchor(text: str) -> bool:
    cells = a1.split_sheet(text)[1]
    return cells is not None and ":" not in cells and a1.parse_cells(cells) is not None


def _store_rows(
    spreadsheet: Spreadsheet,
    sheet: Sheet,
    written: Box,
    rows: list[list[Any]],
    input_option: str,
    params: Params,
) -> Json:
    for dr, line in enumerate(rows):
        for dc, value in enumerate(line):
            write_cell(sheet, written.row0 + dr, written.col0 + dc, value, input_option)
    result: Json = {"spreadsheetId": spreadsheet.spreadsheet_id}
    touched = [
        (r, c) for r, line in enumerate(rows) for c, value in enumerate(line) if value is not None
    ]
    if touched:  # the range is the whole rectangle; the counts skip null (untouched) cells
        result |= {
            "updatedRange": written.a1(sheet.title),
            "updatedRows": len({r for r, _ in touched}),
            "updatedColumns": len({c for _, c in touched}),
            "updatedCells": len(touched),
        }
    if str(_param(params, "includeValuesInResponse", "False")).lower() == "true":
        render = _choice(
            _param(params, "responseValueRenderOption"),
            VALUE_RENDER_OPTIONS,
            "response_value_render_option",
            "FORMATTED_VALUE",
        )
        date_render = _choice(
            _param(params, "responseDateTimeRenderOption"),
            DATE_RENDER_OPTIONS,
            "response_date_time_render_option",
            "SERIAL_NUMBER",
        )
        result["updatedData"] = value_range(sheet, written, "ROWS", render, date_render)
    return result


def _input_option(value: Any) -> str:
    if not value:
        raise invalid_argument("'valueInputOption' is required but not specified")
    return _choice(value, INPUT_OPTIONS, "value_input_option", "RAW")


def update(spreadsheet: Spreadsheet, text: str, params: Params, body: Json) -> Json:
    option = _input_option(_param(params, "valueInputOption"))
    return _write(spreadsheet, text, body, option, "data.values", params)


def batch_update(spreadsheet: Spreadsheet, body: Json) -> Json:
    option = _input_option(body.get("valueInputOption"))
    data = body.get("data") or []
    params: Params = {
        key: [str(body[key])]
        for key in (
            "includeValuesInResponse",
            "responseValueRenderOption",
            "responseDateTimeRenderOption",
        )
        if body.get(key) is not None
    }
    responses = []
    for i, item in enumerate(data):
        if "range" not in item:
            raise invalid_argument(f"data[{i}].range is required")
        responses.append(
            _write(spreadsheet, item["range"], item, option, f"data[{i}].values", params)
        )
    result: Json = {"spreadsheetId": spreadsheet.spreadsheet_id}
    updated = [r for r in responses if "updatedCells" in r]
    if updated:
        result |= {
            "totalUpdatedRows": sum(r["updatedRows"] for r in updated),
            "totalUpdatedColumns": max(r["updatedColumns"] for r in updated),
            "totalUpdatedCells": sum(r["updatedCells"] for r in updated),
            "totalUpdatedSheets": len({r["updatedRange"].rsplit("!", 1)[0] for r in updated}),
        }
    result["responses"] = responses
    return result


def _find_table(sheet: Sheet, search: Box) -> Box | None:
    """Append's table detection: first value in ``search``, extended right along its row while
    cells are filled, then down while any of those columns is filled."""
    start = next(
        (
            (r, c)
            for r in range(search.row0, search.row1)
            for c in range(search.col0, search.col1)
            if not cellvalues.is_blank(sheet.cells.get((r, c)))
        ),
        None,
    )
    if start is None:
        return None
    row, col = start
    end_col = col + 1
    while end_col < sheet.column_count and not cellvalues.is_blank(sheet.cells.get((row, end_col))):
        end_col += 1
    end_row = row + 1
    while end_row < sheet.row_count and any(
        not cellvalues.is_blank(sheet.cells.get((end_row, c))) for c in range(col, end_col)
    ):
        end_row += 1
    return Box(row, col, end_row, end_col)


def append(spreadsheet: Spreadsheet, text: str, params: Params, body: Json) -> Json:
    """values.append: write below the detected table, growing the grid as needed."""
    option = _input_option(_param(params, "valueInputOption"))
    insert_rows = _param(params, "insertDataOption", "OVERWRITE") == "INSERT_ROWS"
    major = _choice(body.get("majorDimension"), DIMENSIONS, "data.major_dimension", "ROWS")
    rows = _matrix(body.get("values", []), major, "data.values")
    sheet, search = read_box(spreadsheet, text)
    table = _find_table(sheet, search)
    row, col = (table.row1, table.col0) if table else (search.row0, search.col0)
    height = len(rows)
    width = max((len(r) for r in rows), default=0)
    if insert_rows and height:
        dimensions.insert(spreadsheet, sheet, "ROWS", row, row + height)
    grid = sheet.properties["gridProperties"]
    grid["rowCount"] = max(sheet.row_count, row + height)
    grid["columnCount"] = max(sheet.column_count, col + width)
    written = Box(row, col, row + height, col + width)
    result: Json = {"spreadsheetId": spreadsheet.spreadsheet_id}
    if table is not None:
        result["tableRange"] = table.a1(sheet.title)
    result["updates"] = _store_rows(spreadsheet, sheet, written, rows, option, params)
    return result


def clear(spreadsheet: Spreadsheet, text: str) -> Json:
    """values.clear: values only; formats, notes and validation stay."""
    return {"spreadsheetId": spreadsheet.spreadsheet_id, "clearedRange": _clear(spreadsheet, text)}


def batch_clear(spreadsheet: Spreadsheet, body: Json) -> Json:
    cleared = [_clear(spreadsheet, text) for text in body.get("ranges") or []]
    return {"spreadsheetId": spreadsheet.spreadsheet_id, "clearedRanges": cleared}


def _clear(spreadsheet: Spreadsheet, text: str) -> str:
    sheet, box = read_box(spreadsheet, text)
    for (row, col), cell in list(sheet.cells.items()):
        if box.row0 <= row < box.row1 and box.col0 <= col < box.col1:
            cell.pop("userEnteredValue", None)
            sheet.prune(row, col)
    return box.a1(sheet.title)

"""spreadsheets:batchUpdate request kinds.

The endpoint applies the requests to the spreadsheet in order inside a transaction (see
``store.transaction``): the first invalid request raises a 400 naming ``requests[i].kind`` and
the whole batch is rolled back, as the API documents. Kinds Google knows but the emulator does
not model are refused with a 400 that says so, never silently accepted.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from . import dimensions, fieldmask, render
from .errors import ApiError, invalid_argument, sheets_error
from .model import Box, Sheet, Spreadsheet
from .store import Store, new_sheet_properties

Json = dict[str, Any]
Handler = Callable[["Context", Json], Json]

CONDITION_TYPES = {
    "ONE_OF_LIST", "ONE_OF_RANGE", "NUMBER_GREATER", "NUMBER_GREATER_THAN_EQ", "NUMBER_LESS",
    "NUMBER_LESS_THAN_EQ", "NUMBER_EQ", "NUMBER_NOT_EQ", "NUMBER_BETWEEN", "NUMBER_NOT_BETWEEN",
    "TEXT_CONTAINS", "TEXT_NOT_CONTAINS", "TEXT_STARTS_WITH", "TEXT_ENDS_WITH", "TEXT_EQ",
    "TEXT_IS_EMAIL", "TEXT_IS_URL", "DATE_EQ", "DATE_BEFORE", "DATE_AFTER", "DATE_ON_OR_BEFORE",
    "DATE_ON_OR_AFTER", "DATE_BETWEEN", "DATE_NOT_BETWEEN", "DATE_IS_VALID", "BLANK",
    "NOT_BLANK", "CUSTOM_FORMULA", "BOOLEAN",
}  # fmt: skip

KNOWN_BUT_NOT_EMULATED = {
    "cutPaste", "updateDimensionGroup", "findReplace", "pasteData", "addFilterView",
    "deleteFilterView", "updateFilterView", "addChart", "updateChartSpec", "deleteEmbeddedObject",
    "updateDeveloperMetadata", "deleteDeveloperMetadata",
    "updateBorders", "textToColumns", "randomizeRange", "addBanding", "updateBanding",
    "deleteBanding", "trimWhitespace", "deleteDuplicates", "addSlicer", "updateSlicerSpec",
    "updateProtectedRange", "updateNamedRange", "autoFill",
    "appendCells", "insertRange", "deleteRange", "updateEmbeddedObjectPosition",
}  # fmt: skip


class Context:
    """What a request handler needs: the spreadsheet and the store (for ids)."""

    def __init__(self, store: Store, spreadsheet: Spreadsheet) -> None:
        self.store = store
        self.spreadsheet = spreadsheet

    def sheet(self, sheet_id: Any) -> Sheet:
        return self.spreadsheet.sheet_by_id(int(sheet_id or 0))

    def box(self, grid_range: Json) -> tuple[Sheet, Box]:
        """A GridRange on an existing sheet, checked against its grid."""
        sheet = self.sheet(grid_range.get("sheetId"))
        box = sheet.box_of(grid_range)
        if (
            box.row0 < 0
            or box.col0 < 0
            or box.row1 > sheet.row_count
            or (box.col1 > sheet.column_count)
        ):
            raise invalid_argument(
                f"Range ({box.a1(sheet.title)}) exceeds grid limits. Max rows: "
                f"{sheet.row_count}, max columns: {sheet.column_count}"
            )
        if box.row0 > box.row1 or box.col0 > box.col1:
            raise invalid_argument("Invalid range: start index is after end index")
        return sheet, box


def _mask(body: Json) -> fieldmask.Mask:
    text = body.get("fields")
    if not text:
        raise invalid_argument("At least one field must be updated, but none were specified.")
    try:
        return fieldmask.parse(text)
    except fieldmask.MaskSyntaxError:
        raise invalid_argument(f"Invalid field mask: {text}") from None


def _check_title(ctx: Context, title: str, exclude: Sheet | None = None) -> None:
    other = ctx.spreadsheet.sheet_by_title(title)
    if other is not None and other is not exclude:
        raise invalid_argument(
            f'A sheet with the name "{title}" already exists. Please enter another name.'
        )


def _next_sheet_title(spreadsheet: Spreadsheet) -> str:
    n = len(spreadsheet.sheets) + 1
    while spreadsheet.sheet_by_title(f"Sheet{n}") is not None:
        n += 1
    return f"Sheet{n}"


def _proto3(properties: Json) -> Json:
    """Sheet properties as Google keeps them: false, zero, null and emptied values vanish
    (``hidden: false``, ``frozenColumnCount: 0``, a cleared ``tabColorStyle``); colours are
    normalised. ``sheetId``, ``title`` and the grid size always stay."""
    kept = {"sheetId", "title", "sheetType", "gridProperties", "rowCount", "columnCount"}

    def prune(value: Json) -> Json:
        result = {}
        for key, item in value.items():
            if isinstance(item, dict):
                item = prune(item)
            if key in kept or item not in (None, False, 0, {}, ""):
                result[key] = item
        return result

    return prune(render.normalize_colors(properties))


def add_sheet(ctx: Context, body: Json) -> Json:
    props = copy.deepcopy(body.get("properties") or {})
    sheets = ctx.spreadsheet.sheets
    if "sheetId" in props:
        if any(s.sheet_id == int(props["sheetId"]) for s in sheets):
            raise invalid_argument(f"A sheet with id {props['sheetId']} already exists.")
        sheet_id = int(props["sheetId"])
    else:
        sheet_id = ctx.store.new_object_id()
    title = props.pop("title", None) or _next_sheet_title(ctx.spreadsheet)
    _check_title(ctx, title)
    index = int(props.pop("index", len(sheets)))
    grid = props.pop("gridProperties", None) or {}
    properties = new_sheet_properties(
        sheet_id, title, int(grid.pop("rowCount", 1000)), int(grid.pop("columnCount", 26))
    )
    properties["gridProperties"].update(grid)
    props.pop("sheetId", None)
    properties.update(props)
    sheet = Sheet(_proto3(properties))
    sheets.insert(min(max(index, 0), len(sheets)), sheet)
    return {"addSheet": {"properties": render.sheet_properties(sheet, sheets.index(sheet))}}


def delete_sheet(ctx: Context, body: Json) -> Json:
    sheet = ctx.sheet(body.get("sheetId"))
    if len(ctx.spreadsheet.sheets) == 1:
        raise invalid_argument("You can't remove all the sheets in a document.")
    ctx.spreadsheet.sheets.remove(sheet)
    ctx.spreadsheet.named_ranges = [
        n for n in ctx.spreadsheet.named_ranges
        if int(n["range"].get("sheetId", 0)) != sheet.sheet_id
    ]  # fmt: skip
    _check_visible(ctx.spreadsheet)
    return {}


def duplicate_sheet(ctx: Context, body: Json) -> Json:
    source = ctx.sheet(body.get("sourceSheetId"))
    copied = copy.deepcopy(source)
    sheet_id = int(body.get("newSheetId") or ctx.store.new_object_id())
    if any(s.sheet_id == sheet_id for s in ctx.spreadsheet.sheets):
        raise invalid_argument(f"A sheet with id {sheet_id} already exists.")
    title = body.get("newSheetName") or f"Copy of {source.title}"
    _check_title(ctx, title)
    copied.properties |= {"sheetId": sheet_id, "title": title}
    copied.developer_metadata = []  # whether Google copies it is not recorded
    for grid_range in copied.merges:
        grid_range["sheetId"] = sheet_id
    for protected in copied.protected_ranges:
        protected["protectedRangeId"] = ctx.store.new_object_id()
        protected.get("range", {})["sheetId"] = sheet_id
    for rule in copied.conditional_formats:
        for grid_range in rule["ranges"]:
            grid_range["sheetId"] = sheet_id
    sheets = ctx.spreadsheet.sheets
    index = body.get("insertSheetIndex")  # gspread sends null for "at the end"
    sheets.insert(len(sheets) if index is None else int(index), copied)
    return {"duplicateSheet": {"properties": render.sheet_properties(copied, sheets.index(copied))}}


def _check_visible(spreadsheet: Spreadsheet) -> None:
    if all(s.properties.get("hidden") for s in spreadsheet.sheets):
        raise invalid_argument("You can't hide all the sheets in a document.")


def update_sheet_properties(ctx: Context, body: Json) -> Json:
    props = body.get("properties") or {}
    sheet = ctx.sheet(props.get("sheetId"))
    mask = _mask(body)
    updated = copy.deepcopy(sheet.properties)
    source = copy.deepcopy(props)
    source.pop("index", None)
    fieldmask.apply_update(updated, source, {k: v for k, v in mask.items() if k != "index"})
    updated["sheetId"] = sheet.sheet_id
    if not updated.get("title"):
        raise invalid_argument("Sheet title cannot be empty.")
    _check_title(ctx, updated["title"], exclude=sheet)
    grid = updated.setdefault("gridProperties", {})
    for key in ("rowCount", "columnCount"):
        if int(grid.get(key, 0)) < 1:
            raise invalid_argument(f"Invalid {key}: the sheet needs at least one.")
    if int(grid.get("frozenRowCount", 0)) > int(grid["rowCount"]):
        raise invalid_argument("You can't freeze all visible rows on the sheet.")
    new_rows, new_cols = int(grid["rowCount"]), int(grid["columnCount"])
    dimensions.truncate(ctx.spreadsheet, sheet, dimensions.ROWS, new_rows)
    dimensions.truncate(ctx.spreadsheet, sheet, dimensions.COLUMNS, new_cols)
    sheet.properties = _proto3(updated)
    if "index" in mask or fieldmask.ALL in mask:
        sheets = ctx.spreadsheet.sheets
        sheets.remove(sheet)
        sheets.insert(min(max(int(props.get("index", 0)), 0), len(sheets)), sheet)
    _check_visible(ctx.spreadsheet)
    return {}


def update_spreadsheet_properties(ctx: Context, body: Json) -> Json:
    fieldmask.apply_update(ctx.spreadsheet.properties, body.get("properties") or {}, _mask(body))
    if not ctx.spreadsheet.properties.get("title"):
        raise invalid_argument("Spreadsheet title cannot be empty.")
    return {}


def _set_cell(sheet: Sheet, row: int, col: int, data: Json, mask: fieldmask.Mask) -> None:
    _apply_cell(sheet, row, col, _prepared(data), mask)


def _prepared(data: Json) -> Json:
    """A CellData as it is stored: checked and normalised once, however many cells get it."""
    source = copy.deepcopy(data)
    if source.get("note") == "":
        source.pop("note")
    if "userEnteredFormat" in source:
        source["userEnteredFormat"] = render.with_color_styles(source["userEnteredFormat"])
    entered = source.get("userEnteredValue")
    if entered is not None and (not isinstance(entered, dict) or len(entered) != 1):
        raise invalid_argument("userEnteredValue must set exactly one of its value kinds")
    return source


def _apply_cell(
    sheet: Sheet, row: int, col: int, source: Json, mask: fieldmask.Mask, colours: bool = True
) -> None:
    cell = sheet.cell(row, col)
    fieldmask.apply_update(cell, source, mask)
    if colours and "userEnteredFormat" in cell:
        cell["userEnteredFormat"] = render.with_color_styles(cell["userEnteredFormat"])
    sheet.prune(row, col)


def _may_touch_colours(mask: fieldmask.Mask) -> bool:
    """Whether an update under `mask` may change a colour, whose twin is then made again: a
    stored format is twinned already, so an update of its number format alone needs none."""
    formats = mask.get("userEnteredFormat", {}) if fieldmask.ALL not in mask else None
    if formats is None or fieldmask.ALL in formats:
        return True
    return any(key.endswith(("Color", "ColorStyle")) or key == "textFormat" for key in formats)


def update_cells(ctx: Context, body: Json) -> Json:
    """updateCells with ``start`` (grows with the rows given) or ``range`` (bounded)."""
    mask = _mask(body)
    rows = body.get("rows") or []
    if "start" in body and "range" in body:
        raise invalid_argument("Only one of start or range may be set.")
    if "start" in body:
        start = body["start"]
        height = len(rows)
        width = max((len(r.get("values") or []) for r in rows), default=0)
        grid_range = {
            "sheetId": start.get("sheetId", 0),
            "startRowIndex": int(start.get("rowIndex", 0)),
            "endRowIndex": int(start.get("rowIndex", 0)) + height,
            "startColumnIndex": int(start.get("columnIndex", 0)),
            "endColumnIndex": int(start.get("columnIndex", 0)) + width,
        }
    elif "range" in body:
        grid_range = body["range"]
    else:
        raise invalid_argument("Either start or range must be set.")
    sheet, box = ctx.box(grid_range)
    if len(rows) > box.height or any(len(r.get("values") or []) > box.width for r in rows):
        raise invalid_argument("The rows given do not fit in the range.")
    for dr in range(box.height):
        values = (rows[dr].get("values") or []) if dr < len(rows) else []
        for dc in range(box.width):
            data = values[dc] if dc < len(values) else {}
            _set_cell(sheet, box.row0 + dr, box.col0 + dc, data, mask)
    return {}


def repeat_cell(ctx: Context, body: Json) -> Json:
    mask = _mask(body)
    sheet, box = ctx.box(body.get("range") or {})
    source = _prepared(body.get("cell") or {})
    colours = _may_touch_colours(mask)
    for row in range(box.row0, box.row1):
        for col in range(box.col0, box.col1):
            _apply_cell(sheet, row, col, source, mask, colours)
    return {}


def _clean(value: Any) -> Any:
    """Drop nulls and proto3 defaults (false) recursively, as stored rules echo back."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None and v is not False}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def set_data_validation(ctx: Context, body: Json) -> Json:
    sheet, box = ctx.box(body.get("range") or {})
    rule = body.get("rule")
    if rule is not None:
        condition = rule.get("condition") or {}
        if condition.get("type") not in CONDITION_TYPES:
            raise invalid_argument(f"Invalid ConditionType: {condition.get('type')!r}")
        if condition["type"] == "ONE_OF_LIST" and not condition.get("values"):
            raise invalid_argument("ONE_OF_LIST condition requires at least one value.")
        rule = _clean(rule)
    for row in range(box.row0, box.row1):
        for col in range(box.col0, box.col1):
            cell = sheet.cell(row, col)
            if rule is None:
                cell.pop("dataValidation", None)
            else:
                cell["dataValidation"] = copy.deepcopy(rule)
            sheet.prune(row, col)
    return {}


def add_conditional_format_rule(ctx: Context, body: Json) -> Json:
    rule = copy.deepcopy(body.get("rule") or {})
    ranges = rule.get("ranges") or []
    if not ranges or ("booleanRule" in rule) == ("gradientRule" in rule):
        raise invalid_argument("A conditional format rule needs ranges and exactly one rule.")
    sheet, _ = ctx.box(ranges[0])
    for grid_range in ranges:
        if ctx.box(grid_range)[0] is not sheet:
            raise invalid_argument("All ranges of a conditional format rule must be on one sheet.")
    rules = sheet.conditional_formats
    index = int(body.get("index", 0))
    if not 0 <= index <= len(rules):
        raise invalid_argument(f"Invalid index {index} for conditional format rules.")
    rules.insert(index, rule)
    return {}


def delete_conditional_format_rule(ctx: Context, body: Json) -> Json:
    sheet = ctx.sheet(body.get("sheetId"))
    index = int(body.get("index", 0))
    if not 0 <= index < len(sheet.conditional_formats):
        raise invalid_argument(f"No conditional format on sheet {sheet.sheet_id} at index {index}")
    removed = sheet.conditional_formats.pop(index)
    return {"deleteConditionalFormatRule": {"rule": render.conditional_format(removed)}}


def update_conditional_format_rule(ctx: Context, body: Json) -> Json:
    """UpdateConditionalFormatRuleRequest: the rule at `index` replaced by `rule` (on the
    sheet of its ranges), or moved to `newIndex` on sheet `sheetId` (the API reference); the
    reply names both rules and indices (UpdateConditionalFormatRuleResponse). The error
    wordings are the emulator's own."""
    index = int(body.get("index", 0))
    if ("rule" in body) == ("newIndex" in body):
        raise invalid_argument("Exactly one of rule or newIndex must be set.")
    if "rule" in body:
        rule = copy.deepcopy(body["rule"] or {})
        ranges = rule.get("ranges") or []
        if not ranges or ("booleanRule" in rule) == ("gradientRule" in rule):
            raise invalid_argument("A conditional format rule needs ranges and exactly one rule.")
        sheet = ctx.box(ranges[0])[0]
        if any(ctx.box(r)[0] is not sheet for r in ranges):
            raise invalid_argument("All ranges of a conditional format rule must be on one sheet.")
    else:
        sheet = ctx.sheet(body.get("sheetId"))
    rules = sheet.conditional_formats
    if not 0 <= index < len(rules):
        raise invalid_argument(f"No conditional format on sheet {sheet.sheet_id} at index {index}")
    old = rules[index]
    if "rule" in body:
        rules[index] = rule
        new_index = index
    else:
        new_index = int(body["newIndex"])
        if not 0 <= new_index < len(rules):
            raise invalid_argument(f"Invalid newIndex {new_index} for conditional format rules.")
        rules.insert(new_index, rules.pop(index))
    answer = {
        "newRule": render.conditional_format(rules[new_index]),
        "oldRule": render.conditional_format(old),
        "newIndex": new_index,
        "oldIndex": index,
    }
    return {"updateConditionalFormatRule": {k: v for k, v in answer.items() if v != 0}}


def add_protected_range(ctx: Context, body: Json) -> Json:
    protected = _clean(copy.deepcopy(body.get("protectedRange") or {}))
    if "range" not in protected:
        raise invalid_argument("A protected range needs a range.")
    sheet, _ = ctx.box(protected["range"])
    existing = {p["protectedRangeId"] for s in ctx.spreadsheet.sheets for p in s.protected_ranges}
    if protected.get("protectedRangeId") in existing:
        raise invalid_argument(f"Duplicate protectedRangeId {protected['protectedRangeId']}")
    protected.setdefault("protectedRangeId", ctx.store.new_object_id())
    protected["range"].setdefault("sheetId", sheet.sheet_id)
    sheet.protected_ranges.append(protected)
    return {"addProtectedRange": {"protectedRange": render.protected_range_reply(protected)}}


def delete_protected_range(ctx: Context, body: Json) -> Json:
    wanted = body.get("protectedRangeId")
    for sheet in ctx.spreadsheet.sheets:
        for protected in sheet.protected_ranges:
            if protected["protectedRangeId"] == wanted:
                sheet.protected_ranges.remove(protected)
                return {}
    raise invalid_argument(f"No protected range with id: {wanted}")


def _dimension_range(ctx: Context, body: Json) -> tuple[Sheet, str, int, int]:
    dimension_range = body.get("range") or {}
    sheet = ctx.sheet(dimension_range.get("sheetId"))
    dimension = dimension_range.get("dimension", "")
    dimensions.check_dimension(dimension)
    size = dimensions.count(sheet, dimension)
    start = int(dimension_range.get("startIndex", 0))
    end = int(dimension_range.get("endIndex", size))
    return sheet, dimension, start, end


def insert_dimension(ctx: Context, body: Json) -> Json:
    """InsertDimensionRequest. `inheritFromBefore` (Google Sheets API reference): "Whether
    dimension properties should be extended from the dimensions before or after the newly
    inserted dimensions. True to inherit from the dimensions before (in which case the start
    index must be greater than 0), and false to inherit from the dimensions after" — its
    example is a background colour the new rows take from the row before or after, which is
    what the emulator copies (`dimensions.insert`). With false (the default) there is no
    dimension after the grid's end, and Google refuses an insert there with the message below
    (quoted in github.com/nithinmurali/pygsheets/issues/46; gspread's `insert_rows` says
    inheritFromBefore "must be True when adding to the bottom of the spreadsheet")."""
    sheet, dimension, start, end = _dimension_range(ctx, body)
    before = body.get("inheritFromBefore") is True
    if before and start <= 0:  # documented; Google's wording for it is not recorded
        raise invalid_argument(
            "range.startIndex must be greater than 0 if inheritFromBefore is true."
        )
    size = dimensions.count(sheet, dimension)
    if not before and start >= size:
        raise invalid_argument(
            f"range.startIndex must be less than the grid size ({size}) if inheritFromBefore "
            "is false."
        )
    dimensions.insert(ctx.spreadsheet, sheet, dimension, start, end, inherit_from_before=before)
    return {}


def delete_dimension(ctx: Context, body: Json) -> Json:
    sheet, dimension, start, end = _dimension_range(ctx, body)
    dimensions.delete(ctx.spreadsheet, sheet, dimension, start, end)
    return {}


def move_dimension(ctx: Context, body: Json) -> Json:
    sheet, dimension, start, end = _dimension_range(ctx, {"range": body.get("source") or {}})
    destination = int(body.get("destinationIndex", 0))
    dimensions.move(ctx.spreadsheet, sheet, dimension, start, end, destination)
    return {}


def append_dimension(ctx: Context, body: Json) -> Json:
    sheet = ctx.sheet(body.get("sheetId"))
    dimension = body.get("dimension", "")
    dimensions.check_dimension(dimension)
    length = int(body.get("length", 0))
    if length < 1:
        raise invalid_argument("length must be positive")
    dimensions.set_count(sheet, dimension, dimensions.count(sheet, dimension) + length)
    return {}


def auto_resize_dimensions(ctx: Context, body: Json) -> Json:
    """Accepted and validated, but pixel sizes are not recomputed (no fonts to measure)."""
    _dimension_range(ctx, {"range": body.get("dimensions") or {}})
    return {}


def update_dimension_properties(ctx: Context, body: Json) -> Json:
    sheet, dimension, start, end = _dimension_range(ctx, body)
    mask = _mask(body)
    metadata = sheet.row_metadata if dimension == "ROWS" else sheet.column_metadata
    for index in range(start, min(end, dimensions.count(sheet, dimension))):
        entry = metadata.setdefault(index, {})
        fieldmask.apply_update(entry, _clean(body.get("properties") or {}), mask)
        if not entry:
            del metadata[index]
    return {}


def merge_cells(ctx: Context, body: Json) -> Json:
    """mergeCells; only the top-left value of each merge survives, as in the UI."""
    sheet, box = ctx.box(body.get("range") or {})
    merge(sheet, box, body.get("mergeType", "MERGE_ALL"))
    return {}


def merge(sheet: Sheet, box: Box, merge_type: str = "MERGE_ALL") -> None:
    """Merge ``box`` (whole, or by columns or rows); the cells a merge covers lose their value,
    the top-left keeps its. The API's mergeCells and the UI's Merge alike."""
    if merge_type == "MERGE_ALL":
        parts = [box]
    elif merge_type == "MERGE_COLUMNS":
        parts = [Box(box.row0, c, box.row1, c + 1) for c in range(box.col0, box.col1)]
    elif merge_type == "MERGE_ROWS":
        parts = [Box(r, box.col0, r + 1, box.col1) for r in range(box.row0, box.row1)]
    else:
        raise invalid_argument(f"Invalid mergeType: {merge_type!r}")
    inside = [m for m in sheet.merges if box.contains(sheet.box_of(m))]
    if any(sheet.box_of(m).intersects(box) for m in sheet.merges if m not in inside):
        raise invalid_argument("You can't merge cells that are already partially merged.")
    sheet.merges = [m for m in sheet.merges if m not in inside]  # re-merging replaces them
    for part in parts:
        if part.height * part.width < 2:
            continue
        sheet.merges.append(
            {
                "sheetId": sheet.sheet_id,
                "startRowIndex": part.row0,
                "endRowIndex": part.row1,
                "startColumnIndex": part.col0,
                "endColumnIndex": part.col1,
            }
        )
        for row in range(part.row0, part.row1):
            for col in range(part.col0, part.col1):
                if (row, col) != (part.row0, part.col0) and (row, col) in sheet.cells:
                    sheet.cells[(row, col)].pop("userEnteredValue", None)
                    sheet.prune(row, col)


def unmerge_cells(ctx: Context, body: Json) -> Json:
    sheet, box = ctx.box(body.get("range") or {})
    unmerge(sheet, box)
    return {}


def unmerge(sheet: Sheet, box: Box) -> None:
    """Unmerge every merge inside ``box`` (one only partly inside is refused); the cells it
    covered stay empty, the top-left keeps its value. The API's unmergeCells and the UI's."""
    kept = []
    for merged_range in sheet.merges:
        merged = sheet.box_of(merged_range)
        if not merged.intersects(box):
            kept.append(merged_range)
        elif not box.contains(merged):
            raise invalid_argument(
                "You must select all cells in a merged range to merge or unmerge them."
            )
    sheet.merges = kept


def sort_range(ctx: Context, body: Json) -> Json:
    sheet, box = ctx.box(body.get("range") or {})
    specs = body.get("sortSpecs") or []
    for spec in specs:
        column = int(spec.get("dimensionIndex", 0))
        if not box.col0 <= column < box.col1:
            raise invalid_argument(f"Sort column {column} is outside the range.")
    dimensions.sort_rows(sheet, box, specs)
    return {}


def add_named_range(ctx: Context, body: Json) -> Json:
    named = copy.deepcopy(body.get("namedRange") or {})
    name = named.get("name") or ""
    if not name or any(n["name"] == name for n in ctx.spreadsheet.named_ranges):
        raise invalid_argument(f"Invalid or duplicate named range name: {name!r}")
    ctx.box(named.get("range") or {})
    named.setdefault("namedRangeId", str(ctx.store.new_object_id()))
    ctx.spreadsheet.named_ranges.append(named)
    return {"addNamedRange": {"namedRange": {**named, "range": render.grid_range(named["range"])}}}


def delete_named_range(ctx: Context, body: Json) -> Json:
    wanted = body.get("namedRangeId")
    before = len(ctx.spreadsheet.named_ranges)
    ctx.spreadsheet.named_ranges = [
        n for n in ctx.spreadsheet.named_ranges if n["namedRangeId"] != wanted
    ]
    if len(ctx.spreadsheet.named_ranges) == before:
        raise invalid_argument(f"No named range with id: {wanted}")
    return {}


def create_developer_metadata(ctx: Context, body: Json) -> Json:
    """createDeveloperMetadata located on a whole sheet (`"location": {"sheetId": N}`), the
    only location emulated; the sheet lists it in `developerMetadata` afterwards. Shapes
    from the API reference (DeveloperMetadata, CreateDeveloperMetadataResponse): no
    cassette records them, and the error wordings here are the emulator's own."""
    metadata = copy.deepcopy(body.get("developerMetadata") or {})
    if not metadata.get("metadataKey"):
        raise invalid_argument("Developer metadata needs a metadataKey.")
    if metadata.get("visibility") not in ("DOCUMENT", "PROJECT"):
        raise invalid_argument("Developer metadata needs a visibility (DOCUMENT or PROJECT).")
    location = metadata.get("location") or {}
    if set(location) != {"sheetId"}:
        raise invalid_argument("Only developer metadata on a whole sheet is emulated.")
    sheet = ctx.sheet(location["sheetId"])
    metadata.setdefault("metadataId", ctx.store.new_object_id())
    metadata["location"] = {"locationType": "SHEET", "sheetId": sheet.sheet_id}
    sheet.developer_metadata.append(metadata)
    return {"createDeveloperMetadata": {"developerMetadata": copy.deepcopy(metadata)}}


def set_basic_filter(ctx: Context, body: Json) -> Json:
    """setBasicFilter (``{"filter": {"range": {"sheetId": 0}}}`` in gspread's recordings):
    kept and shown as the sheet's ``basicFilter``. Rows hidden by its criteria stay in every
    values answer, like Google's, where filters only change what people see."""
    basic = copy.deepcopy(body.get("filter") or {})
    if "range" not in basic:
        raise invalid_argument("A basic filter needs a range.")
    sheet, _ = ctx.box(basic["range"])
    basic["range"].setdefault("sheetId", sheet.sheet_id)
    sheet.basic_filter = _clean(basic)
    return {}


def clear_basic_filter(ctx: Context, body: Json) -> Json:
    ctx.sheet(body.get("sheetId")).basic_filter = None
    return {}


def _groups(sheet: Sheet, dimension: str) -> list[Json]:
    return sheet.row_groups if dimension == "ROWS" else sheet.column_groups


def add_dimension_group(ctx: Context, body: Json) -> Json:
    """addDimensionGroup: a collapsible group of rows or columns (depth grows when nested);
    the reply is ``{}``, as recorded for gspread's ``add_dimension_group_*``."""
    sheet, dimension, start, end = _dimension_range(ctx, body)
    if not 0 <= start < end <= dimensions.count(sheet, dimension):
        raise invalid_argument("Invalid dimension group range")
    groups = _groups(sheet, dimension)
    depth = 1 + sum(
        1 for g in groups if g["range"]["startIndex"] <= start and end <= g["range"]["endIndex"]
    )
    span = {"sheetId": sheet.sheet_id, "dimension": dimension, "startIndex": start, "endIndex": end}
    groups.append({"range": span, "depth": depth})
    return {}


def delete_dimension_group(ctx: Context, body: Json) -> Json:
    sheet, dimension, start, end = _dimension_range(ctx, body)
    groups = _groups(sheet, dimension)
    for group in sorted(groups, key=lambda g: -g["depth"]):
        if (group["range"]["startIndex"], group["range"]["endIndex"]) == (start, end):
            groups.remove(group)
            return {}
    raise invalid_argument("No dimension group with that range")


def copy_paste(ctx: Context, body: Json) -> Json:
    """copyPaste: the source tiled over the destination (PASTE_NORMAL copies whole cells,
    PASTE_VALUES only values, PASTE_FORMAT only formats)."""
    source_sheet, source = ctx.box(body.get("source") or {})
    target_sheet, target = ctx.box(body.get("destination") or {})
    paste = body.get("pasteType", "PASTE_NORMAL")
    parts = {
        "PASTE_NORMAL": None,
        "PASTE_VALUES": ("userEnteredValue", "effectiveValue", "formattedValue"),
        "PASTE_FORMAT": ("userEnteredFormat",),
    }
    if paste not in parts:
        raise invalid_argument(f"pasteType {paste!r} is not supported by the emulator")
    copied = {
        (r - source.row0, c - source.col0): copy.deepcopy(source_sheet.cells.get((r, c)) or {})
        for r in range(source.row0, source.row1)
        for c in range(source.col0, source.col1)
    }
    rows = max(target.height, source.height)
    cols = max(target.width, source.width)
    for dr in range(rows):
        for dc in range(cols):
            row, col = target.row0 + dr, target.col0 + dc
            if row >= target_sheet.row_count or col >= target_sheet.column_count:
                continue
            cell = copied[(dr % source.height, dc % source.width)]
            keys = parts[paste]
            if keys is None:
                target_sheet.cells[(row, col)] = copy.deepcopy(cell)
            else:
                current = target_sheet.cell(row, col)
                for key in keys:
                    if key in cell:
                        current[key] = copy.deepcopy(cell[key])
                    else:
                        current.pop(key, None)
            target_sheet.prune(row, col)
    return {}


HANDLERS: dict[str, Handler] = {
    "setBasicFilter": set_basic_filter,
    "clearBasicFilter": clear_basic_filter,
    "addDimensionGroup": add_dimension_group,
    "deleteDimensionGroup": delete_dimension_group,
    "copyPaste": copy_paste,
    "addSheet": add_sheet,
    "deleteSheet": delete_sheet,
    "duplicateSheet": duplicate_sheet,
    "updateSheetProperties": update_sheet_properties,
    "updateSpreadsheetProperties": update_spreadsheet_properties,
    "updateCells": update_cells,
    "repeatCell": repeat_cell,
    "setDataValidation": set_data_validation,
    "addConditionalFormatRule": add_conditional_format_rule,
    "deleteConditionalFormatRule": delete_conditional_format_rule,
    "updateConditionalFormatRule": update_conditional_format_rule,
    "addProtectedRange": add_protected_range,
    "deleteProtectedRange": delete_protected_range,
    "insertDimension": insert_dimension,
    "deleteDimension": delete_dimension,
    "moveDimension": move_dimension,
    "appendDimension": append_dimension,
    "autoResizeDimensions": auto_resize_dimensions,
    "updateDimensionProperties": update_dimension_properties,
    "mergeCells": merge_cells,
    "unmergeCells": unmerge_cells,
    "sortRange": sort_range,
    "addNamedRange": add_named_range,
    "deleteNamedRange": delete_named_range,
    "createDeveloperMetadata": create_developer_metadata,
}


def apply(store: Store, spreadsheet: Spreadsheet, body: Json) -> Json:
    """Run every request in order; raise the first error (the caller rolls back)."""
    requests = body.get("requests")
    if not isinstance(requests, list) or not requests:
        raise invalid_argument("Must specify at least one request.")
    ctx = Context(store, spreadsheet)
    replies = []
    for i, request in enumerate(requests):
        if not isinstance(request, dict) or len(request) != 1:
            raise invalid_argument(f"Invalid requests[{i}]: exactly one request kind must be set.")
        ((kind, payload),) = request.items()
        handler = HANDLERS.get(kind)
        if handler is None:
            raise _unknown_kind(i, kind)
        try:
            replies.append(handler(ctx, payload or {}))
        except ApiError as error:
            message = error.body["error"]["message"]
            raise invalid_argument(f"Invalid requests[{i}].{kind}: {message}") from None
    result: Json = {"spreadsheetId": spreadsheet.spreadsheet_id, "replies": replies}
    if str(body.get("includeSpreadsheetInResponse")).lower() == "true":
        result["updatedSpreadsheet"] = render.spreadsheet_json(spreadsheet)
    return result


def _unknown_kind(index: int, kind: str) -> ApiError:
    if kind in KNOWN_BUT_NOT_EMULATED:
        return invalid_argument(
            f"Invalid requests[{index}].{kind}: not supported by the Planlogg Sheets emulator."
        )
    message = (
        f"Invalid JSON payload received. Unknown name \"{kind}\" at 'requests[{index}]': "
        "Cannot find field."
    )
    violation = {"field": f"requests[{index}]", "description": message}
    detail = {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [violation]}
    return sheets_error(400, message, [detail])

"""What a cell holds and how it reads back: input parsing and value rendering.

A cell is stored as a CellData-shaped dict (``userEnteredValue``, ``note``,
``userEnteredFormat``, ``dataValidation``). This module turns API input into
``userEnteredValue`` (RAW keeps strings verbatim; USER_ENTERED parses like the UI in en_US,
except in a cell formatted as plain text (number format TEXT), where it too keeps them) and
renders FORMATTED_VALUE / UNFORMATTED_VALUE / FORMULA.

Formulas are stored, never really evaluated: a formula made only of numbers, ``+ - * / ^`` and
parentheses is computed (``=4/2`` reads ``2``, as recorded); any other formula (functions such as
``IMPORTXML``, cell references, strings) has the error value ``#NAME?``. Division by zero is
``#DIV/0!``. USER_ENTERED parsing always follows en_US, whatever the spreadsheet locale.
"""

from __future__ import annotations

import ast
import datetime as dt
import operator
import re
from collections.abc import Callable
from typing import Any

Cell = dict[str, Any]
Rendered = str | int | float | bool

_EPOCH = dt.date(1899, 12, 30)
_NUMBER = re.compile(r"^[+-]?(?=[\d.])(\d{1,3}(,\d{3})+|\d*)(\.\d+)?([eE][+-]?\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_FUNCTION_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\s*\(")

NAME_ERROR = "#NAME?"
DIV_ZERO_ERROR = "#DIV/0!"


def number(value: float) -> int | float:
    """JSON number as Google writes it: integral values without a fraction."""
    if isinstance(value, bool):
        return int(value)
    as_float = float(value)
    return int(as_float) if as_float.is_integer() and abs(as_float) < 2**53 else as_float


def raw_input(value: Any) -> dict[str, Any] | None:
    """valueInputOption=RAW: strings are stored as-is (``=1+1`` stays text)."""
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int | float):
        return {"numberValue": number(value)}
    return {"stringValue": value} if value != "" else None


def user_entered_input(value: Any) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """valueInputOption=USER_ENTERED: (userEnteredValue, numberFormat implied by the input)."""
    if not isinstance(value, str):
        return raw_input(value), None
    text = value
    if text == "":
        return None, None
    if text.startswith("'"):
        return {"stringValue": text[1:]}, None
    if text.startswith("=") and len(text) > 1:
        return {"formulaValue": text}, None
    if text.upper() in ("TRUE", "FALSE"):
        return {"boolValue": text.upper() == "TRUE"}, None
    stripped = text.strip()
    percent = stripped.endswith("%")
    body = stripped[:-1] if percent else stripped
    if _NUMBER.match(body) and any(ch.isdigit() for ch in body):
        amount = float(body.replace(",", ""))
        decimals = len(body.split(".", 1)[1]) if "." in body and "e" not in body.lower() else 0
        fraction = "." + "0" * decimals if decimals else ""
        if percent:
            return {"numberValue": number(amount / 100)}, {
                "type": "PERCENT",
                "pattern": f"0{fraction}%",
            }
        pattern = {"type": "NUMBER", "pattern": f"#,##0{fraction}"} if "," in body else None
        return {"numberValue": number(amount)}, pattern
    date = _parse_date(stripped)
    if date is not None:
        serial, pattern = date
        return {"numberValue": serial}, {"type": "DATE", "pattern": pattern}
    return {"stringValue": text}, None


def _parse_date(text: str) -> tuple[int, str] | None:
    try:
        if match := _ISO_DATE.match(text):
            year, month, day = (int(g) for g in match.groups())
            return (dt.date(year, month, day) - _EPOCH).days, "yyyy-mm-dd"
        if match := _US_DATE.match(text):
            month, day, year = (int(g) for g in match.groups())
            return (dt.date(year, month, day) - _EPOCH).days, "M/d/yyyy"
    except ValueError:
        return None
    return None


_OPERATORS: dict[type, Callable[..., float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}


def _arithmetic(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_arithmetic(node.left), _arithmetic(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_arithmetic(node.operand))
    raise ValueError("not constant arithmetic")


def evaluate(formula: str) -> dict[str, Any]:
    """The effectiveValue of a formula (see the module docstring for what is computed)."""
    expression = formula[1:].strip().replace("^", "**")
    try:
        return {"numberValue": number(_arithmetic(ast.parse(expression, mode="eval").body))}
    except ZeroDivisionError:
        message = "Function DIVIDE parameter 2 cannot be zero."
        return {"errorValue": {"type": "DIVIDE_BY_ZERO", "message": message}}
    except (SyntaxError, ValueError, TypeError, OverflowError):
        call = _FUNCTION_CALL.search(formula)
        message = (
            f"Unknown function: '{call.group(1).lower()}'."
            if call
            else "Formula not evaluated (the emulator only computes constant arithmetic)."
        )
        return {"errorValue": {"type": "NAME", "message": message}}


def effective_value(cell: Cell) -> dict[str, Any] | None:
    """The value a formula or literal evaluates to."""
    entered = cell.get("userEnteredValue")
    if not entered:
        return None
    if "formulaValue" in entered:
        return evaluate(entered["formulaValue"])
    return entered


def _number_format(cell: Cell) -> dict[str, Any] | None:
    return (cell.get("userEnteredFormat") or {}).get("numberFormat")


def is_text(cell: Cell) -> bool:
    """Whether the cell has the plain-text number format, which keeps typed input as typed."""
    return (_number_format(cell) or {}).get("type") == "TEXT"


def is_date(cell: Cell) -> bool:
    fmt = _number_format(cell)
    return bool(fmt) and fmt.get("type") in ("DATE", "DATE_TIME", "TIME")


def format_number(value: float, fmt: dict[str, Any] | None) -> str:
    """Display a number the way the en_US UI does for the few formats modelled here."""
    kind = (fmt or {}).get("type")
    pattern = (fmt or {}).get("pattern", "")
    if kind in ("DATE", "DATE_TIME") and pattern:
        return _format_date(_EPOCH + dt.timedelta(days=int(value)), pattern)
    if kind in ("NUMBER", "PERCENT") and pattern:
        scaled = value * 100 if kind == "PERCENT" else value
        decimals = len(pattern.split(".", 1)[1].rstrip("%")) if "." in pattern else 0
        grouping = "," if "," in pattern else ""
        return f"{scaled:{grouping}.{decimals}f}" + ("%" if kind == "PERCENT" else "")
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


def _format_date(date: dt.date, pattern: str) -> str:
    tokens = {"yyyy": f"{date.year:04d}", "mm": f"{date.month:02d}", "dd": f"{date.day:02d}"}
    tokens |= {"M": str(date.month), "d": str(date.day), "MM": f"{date.month:02d}"}
    return re.sub(r"yyyy|MM|mm|dd|M|d", lambda m: tokens[m.group(0)], pattern)


def formatted_value(cell: Cell) -> str:
    """FORMATTED_VALUE: always a string, ``""`` for an empty cell."""
    value = effective_value(cell)
    if not value:
        return ""
    if "stringValue" in value:
        return value["stringValue"]
    if "boolValue" in value:
        return "TRUE" if value["boolValue"] else "FALSE"
    if "numberValue" in value:
        return format_number(value["numberValue"], _number_format(cell))
    return NAME_ERROR if value["errorValue"]["type"] == "NAME" else DIV_ZERO_ERROR


def render(cell: Cell, value_render: str, date_render: str) -> Rendered:
    """One cell under valueRenderOption / dateTimeRenderOption; ``""`` when empty."""
    if value_render == "FORMATTED_VALUE":
        return formatted_value(cell)
    entered = cell.get("userEnteredValue") or {}
    if value_render == "FORMULA" and "formulaValue" in entered:
        return entered["formulaValue"]
    value = effective_value(cell)
    if not value:
        return ""
    if "numberValue" in value:
        if is_date(cell) and date_render == "FORMATTED_STRING":
            return formatted_value(cell)
        return number(value["numberValue"])
    if "boolValue" in value:
        return value["boolValue"]
    if "stringValue" in value:
        return value["stringValue"]
    return formatted_value(cell)


def is_blank(cell: Cell | None) -> bool:
    """No value (formatting or a note alone do not make a cell non-blank for values reads)."""
    return not cell or not cell.get("userEnteredValue")

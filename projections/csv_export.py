"""CSV that a spreadsheet program opens as text, never as formulas (OWASP "CSV injection").

Every CSV Planlogg writes goes through `csv_text`. A cell that begins with
`=`, `+`, `-`, `@`, a tab or a carriage return would be evaluated by Excel or
LibreOffice when the auditor opens the file (`=HYPERLINK(…)`, `=cmd|…`); the
`actor` column comes from a workbook's "last modified by", which anyone who
edits the sheet controls. Such a cell gets a leading apostrophe, the mark
spreadsheet programs read as "this is text". A lone "-" (a postponed year)
cannot start a formula and is left as it is. The JSON exports stay exact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """The cell's text, prefixed with an apostrophe when a spreadsheet would evaluate it."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and text != "-":
        return "'" + text
    return text


def csv_text(fieldnames: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """A CSV document with a header row; every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(name) for name in fieldnames])
    for row in rows:
        writer.writerow([neutralise(row.get(name)) for name in fieldnames])
    return out.getvalue()

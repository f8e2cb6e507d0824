"""CSV that a spreadsheet program opens as text, never as formulas (OWASP "CSV injection").

Every CSV Planlogg writes goes through `csv_text`. A cell that begins with
`=`, `+`, `-`, `@`, a tab or a carriage return would be evaluated by Excel or
LibreOffice when the auditor opens the file (`=HYPERLINK(…)`, `=cmd|…`); the
`actor` column comes from a workbook's "last modified by", which anyone who
edits the sheet controls. Such a cell gets a leading apostrophe, the mark
spreadsheet programs read as "this is text". A lone "-" (a postponed year)
cannot start a formula and is left as it is. The JSON exports stay exact.

People open these files in a spreadsheet, so the header row is worded in the målform
spoken when the file is made (`HISTORY_HEADERS`); the JSON exports keep their English keys.
A download is made as Norwegian Excel opens it (`csv_text(…, for_excel=True)`); the command line's
`history --csv` stays plain RFC 4180 (commas, no byte order mark) for other programs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from language import N_, _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HISTORY_HEADERS = {
    "position": N_("Posisjon"),
    "event_id": N_("Hendelses-ID"),
    "occurred_at": N_("Tid (norsk tid)"),
    "actor": N_("Person"),
    "source": N_("Kilde"),
    "plan": N_("Plan"),
    "area": N_("Innsatsområde"),
    "goal": N_("Mål"),
    "measure_id": N_("Tiltaks-ID"),
    "measure_number": N_("Tiltaksnummer"),
    "field": N_("Felt"),
    "before": N_("Før"),
    "after": N_("Etter"),
    "reason": N_("Begrunnelse"),
    "decision": N_("Vedtak"),
}
"""The history export's columns (`AuditRow`'s fields, in order) and the words heading them.
The event's kind (`event_type`) is a code, the domain's class name («StatusReported»): the
JSON export keeps it, a file people read has no column of it, as the audit pages have not."""


def neutralise(value: Any) -> str:
    """The cell's text, prefixed with an apostrophe when a spreadsheet would evaluate it."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and text != "-":
        return "'" + text
    return text


def csv_text(
    fieldnames: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    headers: Mapping[str, str] | None = None,
    for_excel: bool = False,
) -> str:
    """A CSV document with a header row (each field's word in `headers`, translated now, or
    the field's own name); every cell neutralised.

    `for_excel`: as Norwegian Excel opens it, «;» between cells (its decimal mark is the
    comma, so a file separated by commas opened with every row whole in column A) and a
    UTF-8 byte order mark first (without one, Excel reads a CSV as Windows-1252, and
    «Innsatsområde» read «InnsatsomrÃ¥de»)."""
    out = io.StringIO()
    if for_excel:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if for_excel else ",")
    words = headers or {}
    writer.writerow([neutralise(_(words[name]) if name in words else name) for name in fieldnames])
    for row in rows:
        writer.writerow([neutralise(row.get(name)) for name in fieldnames])
    return out.getvalue()

"""The history export read back by column, whichever målform wrote its header row, as
the command line writes it (commas) or as a download for Excel (a byte order mark, «;»)."""

from __future__ import annotations

import csv
import io

from language import in_every_målform
from projections.csv_export import HISTORY_HEADERS


def history_rows(text: str) -> list[dict[str, str]]:
    """Each row of a history CSV by `AuditRow` field name ("before", "source", …)."""
    names = {
        word: name
        for name, key in HISTORY_HEADERS.items()
        for word in in_every_målform(key).values()
    }
    delimiter = ";" if text.startswith("\ufeff") else ","
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter)
    columns = [names[word] for word in next(reader)]
    return [dict(zip(columns, row, strict=True)) for row in reader]

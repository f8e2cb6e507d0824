"""Where a plan's sheet is, as people are told it: from the sync's configuration, when the
store holds the plan's link to that sheet.

The configuration names the sheet the way `planlogg serve` chooses it
(`PLANLOGG_SPREADSHEET_ID`, else the workbook: `PLANLOGG_WORKBOOK` or the data folder's
`handlingsplan.xlsx`), and the sheet link (`sync.link`, kept under the sheet's target)
shows a cycle has run for the plan there: a plan never synced, or synced elsewhere, has
no place, and a reminder or a page then names no sheet.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from domain.sheet_place import SheetPlace
from sync.link import linked
from sync.loop import default_workbook

GOOGLE_SHEET_URL = "https://docs.google.com/spreadsheets/d/{id}/edit"


def google_place(spreadsheet_id: str) -> SheetPlace:
    """A Google spreadsheet: its address (the sync never reads its title)."""
    return SheetPlace(url=GOOGLE_SHEET_URL.format(id=quote(spreadsheet_id.strip(), safe="")))


def workbook_place(path: Path | str) -> SheetPlace:
    """A local workbook: its file name alone, never its folder on the server."""
    return SheetPlace(name=Path(path).name)


def synced_place(
    app: Any, plan_key: str, environ: Mapping[str, str] | None = None
) -> SheetPlace | None:
    """The configured sheet, when the store holds `plan_key`'s link to it (or the link it had
    before a sheet's target changed form); else None."""
    found = os.environ if environ is None else environ
    spreadsheet = found.get("PLANLOGG_SPREADSHEET_ID", "").strip()
    if spreadsheet:
        from sync.google import GoogleSheetBackend

        targets, place = (
            GoogleSheetBackend.targets_of(spreadsheet, plan_key),
            google_place(spreadsheet),
        )
    else:
        from sync.workbook import WorkbookBackend

        path = default_workbook(found)
        backend = WorkbookBackend(path, plan_key)
        targets, place = (backend.target, *backend.legacy_targets), workbook_place(path)
    return place if any(linked(app, plan_key, target) for target in targets) else None

"""What the dashboard says of the plan's sheet sync: when it last synced, with which sheet,
and what is wrong when its last cycle failed or it has stopped reporting.

Read from what `/healthz` reads: the sync loop's status (in a worker of `serve --workers N`,
as the parent published it: `web.status_board.SharedLoop`) and the loops' heartbeats, and
the sheet as reminders name it (`Services.sheet_place`). A plan this server does not sync
gets nothing: no line, no problem.
"""

from __future__ import annotations

from typing import Any

from language import N_, _
from web.services import services

UNSAID = N_("Feilen står i tjenerens logg.")
"""Said for a failure that is not one of Planlogg's own: its words (an OS error) may name a
folder on the server, which no page shows."""


def sheet_sync(key: str) -> dict[str, Any] | None:
    """`synced_at` (the last cycle that ended well, ISO; None before the first), `sheet`
    (`SheetPlace` or None) and `problem` (the last cycle's failure, or the loop's silence,
    in words; "" when there is none); None when this server syncs no sheet for `key`."""
    found = services()
    if found.sync is None:
        return None
    status = found.sync.status()
    if status.get("plan") != key:
        return None
    watch = found.background.get("heartbeats")
    stuck = watch.late("sync") if watch is not None else None
    failed = ""
    if status.get("state") == "error":
        failed = (status.get("last_error") or "") if status.get("error_said") else _(UNSAID)
    return {
        "synced_at": status.get("last_synced_at"),
        "sheet": found.sheet_place(key),
        "problem": stuck or failed,
        "stuck": stuck is not None,
    }

"""Keeps the read models caught up with the events, in a background thread.

`planlogg serve` runs one `CatchUpLoop` per process that writes read models.
The read models record how far they have processed in their own tracking
table, in the same transaction as the rows they write, so several processes
catching up at once never apply an event twice (see `projections`).
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger("planlogg.projections")


class CatchUpLoop:
    """Calls `read_models.catch_up()` every `interval` seconds until stopped."""

    def __init__(self, read_models: Any, interval: float = 0.5) -> None:
        self.read_models = read_models
        self.interval = interval
        self.last_run_at: datetime | None = None
        self.last_error: Exception | None = None

    def run_once(self) -> None:
        try:
            self.read_models.catch_up()
        except Exception as error:
            self.last_error = error
            raise
        self.last_error = None
        self.last_run_at = datetime.now(UTC)

    def run_forever(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.run_once()
            except Exception:
                log.exception("Lesemodellene kunne ikke oppdateres; prøver igjen")
            stop.wait(self.interval)

    def status(self) -> dict[str, Any]:
        return {
            "last_catch_up_at": self.last_run_at.isoformat() if self.last_run_at else None,
            "error": str(self.last_error) if self.last_error else None,
        }

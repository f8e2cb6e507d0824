"""The one loop that keeps the read models up to date: `Follower`.

`planlogg serve` runs one follower per server (never one per web worker):
it calls `ReadModels.catch_up()` every `interval` seconds. Readers answer
from whatever position it has reached; a caller that must see its own change
uses `ReadModels.read_your_writes()` instead of waiting. Both apply each event
exactly once, whichever commits first (see `projections.store`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from language import _
from projections.read_models import ReadModels

log = logging.getLogger("planlogg.projections")


class Follower:
    """Catches the read models up every `interval` seconds until stopped, and after each
    catch-up does `then` (it wakes the renewal of the web app's kept answers:
    `web.kept_answers`)."""

    def __init__(
        self,
        read_models: ReadModels,
        interval: float = 0.5,
        then: Callable[[], None] | None = None,
    ) -> None:
        self.read_models = read_models
        self.interval = interval
        self.then = then
        self.last_run_at: datetime | None = None
        self.last_error: Exception | None = None

    def run_once(self, beat: Callable[[], object] | None = None) -> int:
        """One catch-up, then `then`; a failure is kept for `status()` and raised.

        `beat` is called after each batch: `serve` watches its loops for silence
        (`web.status_board.Heartbeats`), and one long pass is work, not a hang: a new
        version's build (minutes on a large store), or a built version catching up a backlog
        after the database was away. The totals a progress callback is given cost a count of
        the events behind, once a pass: an index seek when caught up."""
        progress = None
        if beat is not None:

            def progress(done: int, total: int) -> None:
                beat()

        try:
            applied = self.read_models.catch_up(progress)
            if self.then is not None:
                self.then()
        except Exception as error:
            self.last_error = error
            raise
        self.last_error = None
        self.last_run_at = datetime.now(UTC)
        return applied

    def run_forever(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.run_once(stop.is_set)
            except Exception:
                log.exception(_("Lesemodellene kunne ikke oppdateres; prøver igjen"))
            stop.wait(self.interval)

    def status(self) -> dict[str, Any]:
        return {
            "last_catch_up_at": self.last_run_at.isoformat() if self.last_run_at else None,
            "error": str(self.last_error) if self.last_error else None,
        }

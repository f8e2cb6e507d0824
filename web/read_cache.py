"""Answers that depend only on the read models, kept until the read models move.

A public page or a read endpoint gives the same answer to everyone allowed
to see it for as long as no new event has been applied, so the answer is
keyed by the request's path and query, the read models' position, the
day (the dashboard counts days to a deadline; see `web.reading.cached`) and
the målform it is written in (one path is read in bokmål and nynorsk alike). A
new event moves the position, and the next request renders afresh: nothing
stale is served.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable

MAX_ENTRIES = 512


class ReadCache:
    """A bounded, thread-safe map from a read key to a rendered answer."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: dict[Hashable, object] = {}
        self._max = max_entries
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> object | None:
        with self._lock:
            return self._entries.get(key)

    def put(self, key: Hashable, value: object) -> None:
        with self._lock:
            if len(self._entries) >= self._max:
                self._entries.clear()
            self._entries[key] = value

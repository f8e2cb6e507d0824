"""A bounded, thread-safe map: what the read models keep between requests in one process."""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class BoundedMap(Generic[V]):
    """Emptied when it would grow past `max_entries` (the entries are cheap to make again, so
    no order of use is kept), and by `clear` when what they were made from is written anew."""

    def __init__(self, max_entries: int) -> None:
        self._entries: dict[Hashable, V] = {}
        self._max = max_entries
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            return self._entries.get(key)

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            if len(self._entries) >= self._max:
                self._entries.clear()
            self._entries[key] = value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

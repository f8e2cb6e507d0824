"""A bounded, thread-safe map: what the read models keep between requests in one process."""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class BoundedMap(Generic[V]):
    """At most `max_entries`: the entry put longest ago goes to make room, and `clear`
    empties it when what the entries were made from is written anew.

    Entries cached on a position the read models have left behind are the oldest, while a
    page kept cut at its rows (`web.plan_page`) is put again after every change and stays.
    Emptying the whole map when it was full cost every kept plan page a whole render
    again, most of a second at national scale, the more often the more changes came in.
    """

    def __init__(self, max_entries: int) -> None:
        self._entries: dict[Hashable, V] = {}
        self._max = max_entries
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            return self._entries.get(key)

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._entries.pop(key, None)
            self._entries[key] = value
            if len(self._entries) > self._max:
                del self._entries[next(iter(self._entries))]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

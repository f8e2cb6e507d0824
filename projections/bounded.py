"""A bounded, thread-safe map: what the read models keep between requests in one process."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class BoundedMap(Generic[V]):
    """At most `max_entries`: the entry used longest ago (put, or found by `get`) goes to
    make room, and `clear` empties it when what the entries were made from is written anew.

    Entries cached on a position the read models have left behind are no longer found, so
    they are the first to go, while what is still asked for stays. Emptying the whole map
    when it was full sent every answer to be made again at once.
    """

    def __init__(self, max_entries: int) -> None:
        self._entries: OrderedDict[Hashable, V] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            if len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def pop(self, key: Hashable) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def items(self) -> list[tuple[Hashable, V]]:
        """Every entry, the one used longest ago first (a copy: the map may change meanwhile)."""
        with self._lock:
            return list(self._entries.items())

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

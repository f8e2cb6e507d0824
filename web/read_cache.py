"""Answers that depend only on the read models, kept until the read models move.

A public page or a read endpoint gives the same answer to everyone allowed
to see it for as long as no new event has been applied, so the answer is
keyed by the request's path and query, the read models' position and the
day (the dashboard counts days to a deadline). A new event moves the
position, and the next request renders afresh: nothing stale is served.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import request

from web.services import services

T = TypeVar("T")

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


def read_key() -> Hashable:
    found = services()
    return (request.full_path, found.read_models.position(), found.today())


def cached(render: Callable[[], T], keep: Callable[[T], bool] = lambda _: True) -> T:
    """The stored answer for this request and read-model position, or a fresh one."""
    cache = services().read_cache
    key = read_key()
    found = cache.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    value = render()
    if keep(value):
        cache.put(key, value)
    return value

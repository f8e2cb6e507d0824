"""How many audit rows a history filter matches, carried forward instead of counted again.

A history page is read through an index, so it costs the same at any size;
its total (how many rows the filter matches) was a count of every matching
row, on every request after a change: tens of milliseconds for one plan of a
national store. The audit trail only grows, and in position order: each
batch's rows commit together with its position, so every snapshot holds
exactly the rows up to some position. A count taken at position p therefore
stays right for the rows up to p, and the next count need only add the
matching rows after it, which the (filter, plan, position) indexes find.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import NamedTuple

from projections.bounded import BoundedMap

MAX_FILTERS = 256


class Counted(NamedTuple):
    """A filter's count of the rows up to `position`."""

    position: int
    rows: int


NOTHING_COUNTED = Counted(position=0, rows=0)
"""Before the first count: positions start at 1, so every row comes after it."""


class AuditCounts:
    """A bounded, thread-safe map from a history filter to its last count.

    Emptied when it would grow past `max_filters`, and by `forget` when the
    trail is written anew (a rebuild in this process).
    """

    def __init__(self, max_filters: int = MAX_FILTERS) -> None:
        self._counts: BoundedMap[Counted] = BoundedMap(max_filters)

    def last(self, key: Hashable) -> Counted:
        return self._counts.get(key) or NOTHING_COUNTED

    def add(self, key: Hashable, since: Counted, rows_after: int, position: int) -> int:
        """The count up to `position`: `since` plus the `rows_after` it; kept for the next."""
        counted = Counted(max(position, since.position), since.rows + rows_after)
        self._counts.put(key, counted)
        return counted.rows

    def forget(self) -> None:
        self._counts.clear()

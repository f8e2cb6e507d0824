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

from projections.bounded import BoundedMap

MAX_ENTRIES = 512
MAX_PLAN_PAGES = 64
"""Plan pages kept cut at their rows (`web.plan_page`), one per address and målform: apart
from the answers, whose entries for every new position would otherwise push them out, and
each one is most of a second to render whole again at national scale."""


class ReadCache(BoundedMap[object]):
    """A bounded, thread-safe map from a read key to a rendered answer."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        super().__init__(max_entries)

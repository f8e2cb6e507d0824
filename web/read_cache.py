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
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from projections.bounded import BoundedMap

T = TypeVar("T")

MAX_ENTRIES = 512
MAX_PLAN_PAGES = 64
"""Plan pages kept cut at their rows (`web.plan_page`), one per address and målform: apart
from the answers, whose entries for every new position would otherwise push them out, and
each one is most of a second to render whole again at national scale."""


class ReadCache(BoundedMap[object]):
    """A bounded, thread-safe map from a read key to a rendered answer, each made once.

    Requests that ask for an answer while another request is making it wait for that one
    (`get_or_make`). Each used to make it itself: 32 clients on a web worker that had just
    started, or just seen the plan change, made the national plan page (1.1 s alone on
    the machine of 2 December 10:00) eight at a time, one per thread, in one interpreter,
    and not one request was answered in the first 6 seconds.
    """

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        super().__init__(max_entries)
        self._making: dict[Hashable, _Making] = {}
        self._making_lock = threading.Lock()

    def get_or_make(
        self, key: Hashable, make: Callable[[], T], keep: Callable[[T], bool] = lambda _: True
    ) -> T:
        """The answer kept under `key`, or the one `make` makes, kept if `keep` says so.

        While one thread makes it, the others asking for `key` wait and take that answer if
        it was kept. An answer that was not kept is not handed on: each waiting request makes
        its own, as it would have alone. A failure is not handed on either: the waiting
        requests ask again, so one of them makes it while the rest wait, and an error is
        only ever raised to the request whose own making raised it. A thread asking again
        for the key it is making (from inside `make`) makes it again rather than wait for
        itself.
        """
        found = self.get(key)
        if found is not None:
            return found  # type: ignore[return-value]
        me = threading.get_ident()
        with self._making_lock:
            found = self.get(key)
            if found is not None:
                return found  # type: ignore[return-value]
            making = self._making.get(key)
            leading = making is None
            if making is None:
                making = self._making[key] = _Making(me)
        if leading:
            return self._make(key, making, make, keep)
        if making.thread == me:
            return make()
        making.done.wait()
        if making.failed:
            return self.get_or_make(key, make, keep)
        if making.kept is not None:
            return making.kept  # type: ignore[no-any-return]
        return make()

    def _make(
        self, key: Hashable, making: _Making, make: Callable[[], T], keep: Callable[[T], bool]
    ) -> T:
        try:
            made = make()
            if keep(made):
                self.put(key, made)
                making.kept = made
            return made
        except BaseException:
            making.failed = True
            raise
        finally:
            with self._making_lock:
                del self._making[key]
            making.done.set()


@dataclass
class _Making:
    """An answer being made: by which thread, and, once `done` is set, what it kept or that it
    failed."""

    thread: int
    done: threading.Event = field(default_factory=threading.Event)
    kept: Any = None
    failed: bool = False

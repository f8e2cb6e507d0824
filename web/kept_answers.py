"""Answers kept ready: made again when the read models move, before anyone asks again.

At national scale the first visitor after a status report waited for the
plan's page to be brought up to date: its positions and the changed measures
read, their rows rendered, the 1.4-MB page joined, the chain's head read and
rendered. That is 2-3 times what the same page costs when nothing has moved.
So every answer about one plan that someone has asked for (`web.reading.cached`
with a plan), and the chain's head its page shows, is remembered with what made
it; when the read models have moved, `KeptAnswers.renew` makes each again for
the new position, for the address and in the målform it was asked for, and
puts it in the read cache where the next request finds it.

Nothing is shown that was not shown before: a cached answer is already shared
by everyone allowed to see it, and every request checks its caller's rights
before it looks in the cache. Renewing has its own thread (`Renewal`), so the
follower's catch-up never waits on it: the follower wakes it after each
catch-up, and a forked web worker, which has no follower, has it look at the
position every half second. Each pass stops after a time budget, most
recently asked first, so addresses made up to fill the list cost a bounded
amount of work per change; what is not made ahead is made by its next
request, as before.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from flask import Flask, request

from domain.errors import NotFoundError
from language import Målform, _, current, speaking
from projections.bounded import BoundedMap

log = logging.getLogger("planlogg.web")

MAX_KEPT = 64
"""Answers kept ready per process, the most recently asked for: each is one more page to
bring up to date after every change to its plan."""
BUDGET_SECONDS = 0.25
"""The most one pass spends making answers again (it stops after the answer that passes
it): a patched plan page takes a few milliseconds, a page rendered whole most of a second."""

_renewing: ContextVar[bool] = ContextVar("planlogg_renewing", default=False)


@dataclass(frozen=True)
class Kept:
    """An answer someone asked for, and how to make it again in the same words."""

    path: str
    """The request's path, quoted again as it came (`request.path` is decoded)."""
    query: str
    """The request's query string as it came (still escaped)."""
    målform: Målform
    make: Callable[[], object]
    """Makes the answer for the read models' position now, cached as a request caches it."""


class KeptAnswers:
    """The answers to keep ready, the most recently asked for last."""

    def __init__(self, max_kept: int = MAX_KEPT) -> None:
        self._kept: BoundedMap[Kept] = BoundedMap(max_kept)

    def remember(self, name: Hashable, make: Callable[[], object]) -> None:
        """Keep what `make` makes ready in this request's målform, made again in a request for
        the same address; `name` says which answer it is, so it holds the address when the
        answer depends on it (the chain's head, on every plan's page, does not). Making it
        again does not count as being asked for: an answer nobody asks for again gives way
        to newer ones."""
        if _renewing.get():
            return
        query = request.environ.get("QUERY_STRING", "")
        self._kept.put((name, current()), Kept(quote(request.path), query, current(), make))

    def __len__(self) -> int:
        return len(self._kept)

    def renew(self, web: Flask, budget: float = BUDGET_SECONDS) -> int:
        """Make the kept answers for the read models' position now, the most recently asked
        first, until one ends past `budget` seconds (the cache skips what has not moved);
        returns how many were made. One whose plan is gone is forgotten; any other failure
        (the database, say) ends the pass and is raised, and every answer stays kept."""
        kept = list(reversed(self._kept.items()))
        deadline = time.monotonic() + budget
        made = 0
        with _renewal():
            for key, answer in kept:
                try:
                    with (
                        web.test_request_context(answer.path, query_string=answer.query),
                        speaking(answer.målform),
                    ):
                        answer.make()
                except NotFoundError:
                    log.info(_("Et svar som holdes klart, finnes ikke lenger (%(path)s)",
                               path=answer.path))  # fmt: skip
                    self._kept.pop(key)
                else:
                    made += 1
                if time.monotonic() > deadline:
                    break
        return made


@contextmanager
def _renewal() -> Iterator[None]:
    token = _renewing.set(True)
    try:
        yield
    finally:
        _renewing.reset(token)


class Renewal:
    """Renews an app's kept answers in a thread of its own whenever its read models move.

    The follower calls `wake` after each catch-up; without one (a forked web
    worker) the thread looks every `interval` seconds. `position` is the
    position the answers were last renewed for: `/healthz` shows it, so
    whoever waits for a change to be shown can tell.
    """

    def __init__(self, web: Flask, interval: float = 0.5) -> None:
        self.web = web
        self.interval = interval
        self.position: int | None = None
        self._woken = threading.Event()

    def wake(self) -> None:
        self._woken.set()

    def check(self) -> None:
        services = self.web.extensions["planlogg"]
        position = services.read_models.position()
        if position != self.position:
            services.kept.renew(self.web)
            self.position = position

    def run_forever(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self._woken.wait(self.interval)
            self._woken.clear()
            if stop.is_set():
                return
            try:
                self.check()
            except Exception:
                log.exception(_("Svarene som holdes klare, kunne ikke lages på nytt; prøver igjen"))

    def status(self) -> dict[str, Any]:
        return {"renewed_for": self.position}

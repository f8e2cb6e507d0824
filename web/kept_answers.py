"""Answers kept ready: made again when the read models move, before anyone asks again.

At national scale the first visitor after a status report waited for the
plan's page to be brought up to date: its positions and the changed measures
read, their rows rendered, the 1.4-MB page joined, the chain's head read and
rendered. That is 2-3 times what the same page costs when nothing has moved.
So every answer about one plan that someone has asked for (`web.reading.cached`
with a plan), and the chain's head its page shows, is remembered with what made
it; when the read models have moved, `KeptAnswers.renew` makes each again for
the new position, for the address, målform and day it was asked for, and puts
it in the read cache where the next request finds it.

Nothing is shown that was not shown before: a cached answer is already shared
by everyone allowed to see it, and every request checks its caller's rights
before it looks in the cache. The follower renews right after each catch-up
in the process that follows (`planlogg serve`); a forked web worker, which has
no follower of its own, checks the position every half second (`Renewal`).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from flask import Flask, request

from language import Målform, _, current, speaking

log = logging.getLogger("planlogg.web")

MAX_KEPT = 64
"""Answers kept ready per process, the most recently asked for: each is one more page to
bring up to date after every change to its plan."""


@dataclass(frozen=True)
class Kept:
    """An answer someone asked for, and how to make it again in the same words."""

    path: str
    """The request's path and query (`request.full_path`)."""
    målform: Målform
    make: Callable[[], object]
    """Makes the answer for the read models' position now, cached as a request caches it."""


class KeptAnswers:
    """The answers to keep ready, the most recently asked for first to stay."""

    def __init__(self, max_kept: int = MAX_KEPT) -> None:
        self._kept: OrderedDict[Hashable, Kept] = OrderedDict()
        self._max = max_kept
        self._lock = threading.Lock()

    def remember(self, name: Hashable, make: Callable[[], object]) -> None:
        """Keep what `make` makes ready in this request's målform, made again in a request for
        the same address; `name` says which answer it is, so it holds the address when the
        answer depends on it (the chain's head, on every plan's page, does not)."""
        key = (name, current())
        with self._lock:
            self._kept[key] = Kept(request.full_path, current(), make)
            self._kept.move_to_end(key)
            while len(self._kept) > self._max:
                self._kept.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._kept)

    def renew(self, web: Flask) -> int:
        """Make every kept answer for the read models' position now (the cache skips what has
        not moved); returns how many were made. One that fails is forgotten and logged: a
        request for it will say what went wrong."""
        with self._lock:
            kept = list(self._kept.items())
        made = 0
        for key, answer in kept:
            try:
                with web.test_request_context(answer.path), speaking(answer.målform):
                    answer.make()
            except Exception:
                log.warning(
                    _("Et svar som holdes klart, kunne ikke lages på nytt (%(path)s)",
                      path=answer.path),
                    exc_info=True,
                )  # fmt: skip
                self._forget(key)
            else:
                made += 1
        return made

    def _forget(self, key: Hashable) -> None:
        with self._lock:
            self._kept.pop(key, None)


class Renewal:
    """Renews an app's kept answers whenever its read models have moved.

    `check` is what the follower calls after each catch-up; a web worker runs
    `run_forever`. `position` is the position the answers were last renewed for:
    `/healthz` shows it, so whoever waits for a change to be shown can tell.
    """

    def __init__(self, web: Flask, interval: float = 0.5) -> None:
        self.web = web
        self.interval = interval
        self.position: int | None = None

    def check(self) -> None:
        services = self.web.extensions["planlogg"]
        position = services.read_models.position()
        if position != self.position:
            services.kept.renew(self.web)
            self.position = position

    def run_forever(self, stop: threading.Event) -> None:
        while not stop.wait(self.interval):
            try:
                self.check()
            except Exception:
                log.exception(_("Svarene som holdes klare, kunne ikke lages på nytt; prøver igjen"))

    def status(self) -> dict[str, Any]:
        return {"renewed_for": self.position}

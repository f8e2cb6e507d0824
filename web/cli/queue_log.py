"""What `planlogg serve`'s log says when every waitress thread is busy: one Norwegian line a
minute, counting the times in between, instead of waitress's line per waiting request.

Waitress warns "Task queue depth is N" for each request that arrives while all its threads
are busy, and writes that line while it holds the lock its threads take their next request
under. On the national plan, two workers of 8 threads at 32 clients wrote 42,101 such lines
in 44 s of load, one for more than half of the requests: an English flood that buried every
other line, and a write to the log (which may be a pipe that is slow to drain) on the path of
every queued request. A full queue is worth knowing, once: it says the server needs more
`--workers` or `--threads`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from language import Målform, current, ngettext, speaking

QUEUE_LOGGER = "waitress.queue"
"""The logger waitress warns on when a request has to wait for a thread."""
EVERY_SECONDS = 60.0


class QueueSummary(logging.Filter):
    """Let one of waitress's queue warnings through every `every` seconds, in Norwegian,
    counting the ones held back since the last; drop the rest.

    The målform is the one spoken where the filter is made (`serve`'s, from PLANLOGG_LANG):
    waitress's threads speak none of their own.
    """

    def __init__(self, every: float = EVERY_SECONDS, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self._every, self._clock = every, clock
        self._målform: Målform = current()
        self._lock = threading.Lock()
        self._next_at: float | None = None
        self._waited = 0
        self._deepest = 0

    def filter(self, record: logging.LogRecord) -> bool:
        depth = _depth(record)
        with self._lock:
            self._waited += 1
            self._deepest = max(self._deepest, depth)
            now = self._clock()
            if self._next_at is not None and now < self._next_at:
                return False
            waited, deepest = self._waited, self._deepest
            self._next_at, self._waited, self._deepest = now + self._every, 0, 0
        record.msg, record.args = self._message(waited, deepest), ()
        return True

    def _message(self, waited: int, deepest: int) -> str:
        with speaking(self._målform):
            return ngettext(
                "Alle trådene er opptatt: %(num)s forespørsel har ventet i kø siden forrige "
                "melding om dette (opptil %(deepest)s på en gang). Skjer det ofte, start "
                "serve med flere --workers eller --threads.",
                "Alle trådene er opptatt: %(num)s forespørsler har ventet i kø siden forrige "
                "melding om dette (opptil %(deepest)s på en gang). Skjer det ofte, start "
                "serve med flere --workers eller --threads.",
                waited,
                deepest=deepest,
            )


def _depth(record: logging.LogRecord) -> int:
    """How many requests waited when waitress wrote `record` ("Task queue depth is %d")."""
    args = record.args
    if isinstance(args, tuple) and args and isinstance(args[0], int):
        return args[0]
    return 1


def summarise_queue_warnings(logger_name: str = QUEUE_LOGGER) -> QueueSummary:
    """Put a `QueueSummary` on waitress's queue logger, once: the forked web workers inherit
    it."""
    logger = logging.getLogger(logger_name)
    for found in logger.filters:
        if isinstance(found, QueueSummary):
            return found
    summary = QueueSummary()
    logger.addFilter(summary)
    return summary

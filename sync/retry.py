"""The retry policy every spreadsheet service shares: bounded, jittered, honouring Retry-After.

A failure worth another attempt is raised as `RetryableFailure`; `RetryPolicy.run` repeats
the attempt with exponential back-off and full jitter (or the server's own `Retry-After`),
up to a number of attempts and a total time. A failure is *ambiguous* when the request may
already have taken effect (a dropped connection, a timeout, a truncated answer): such a
request is repeated only when it is safe to repeat, so a non-idempotent write (adding or
deleting rows or sheets) is never sent twice blindly; the next cycle reads what happened.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


class RetryableFailure(Exception):
    """A failure worth another attempt; `retry_after` is the server's own wait, if given."""

    def __init__(self, cause: Exception, retry_after: float | None, ambiguous: bool) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.retry_after = retry_after
        self.ambiguous = ambiguous


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to try again; `sleep` and `clock` are injectable for tests."""

    max_attempts: int = 6
    max_total_seconds: float = 100.0
    base_delay: float = 1.0
    max_delay: float = 32.0
    sleep: Callable[[float], None] = field(default=time.sleep)
    clock: Callable[[], float] = field(default=time.monotonic)

    def run(
        self,
        attempt: Callable[[], T],
        repeatable: bool | Callable[[], bool] = True,
        on_retry: Callable[[], None] | None = None,
    ) -> T:
        """Call `attempt` until it succeeds; re-raise the cause when giving up.

        `repeatable` may be a callable, asked after each failure, for attempts whose
        remaining work changes between tries (a batch whose safe parts already went through).
        """
        started = self.clock()
        for number in range(1, self.max_attempts + 1):
            try:
                return attempt()
            except RetryableFailure as failure:
                wait = self.wait(number, failure.retry_after)
                out_of_time = self.clock() - started + wait > self.max_total_seconds
                safe = repeatable() if callable(repeatable) else repeatable
                if (failure.ambiguous and not safe) or number == self.max_attempts or out_of_time:
                    raise failure.cause from None
                if on_retry:
                    on_retry()
                self.sleep(wait)
        raise AssertionError("unreachable")

    def wait(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return retry_after
        return random.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))


def retry_after(value: str | None) -> float | None:
    """Seconds from a `Retry-After` header (the delta-seconds form), or None."""
    text = (value or "").strip()
    return float(text) if text.replace(".", "", 1).isdigit() else None

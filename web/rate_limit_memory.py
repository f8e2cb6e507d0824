"""The in-process counts of the rate limits: `limits`' memory storage, starting no threads.

The library's `MemoryStorage` forgets expired counts on a timer thread that lives
10 ms and is started anew by the first count after it has ended. A server that
answers a steady stream of API requests therefore starts a thread every few
requests, and waits for it to be running. Without those threads the filtered
history API answered 1.03-1.04 times as many requests a second at one client and
1.08 times at 32 (two servers side by side, 10 alternating rounds, the median of
the rounds' ratios; national and small stores). This storage forgets the same
counts in the request that comes a second or more after the last sweep.

It is registered with `limits` under its own scheme (`SCHEME`); `web.rate_limits`
asks for it whenever the counts are kept in this process (`memory://`).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from limits.storage import MemoryStorage

SCHEME = "planlogg-memory"
SWEEP_SECONDS = 1.0
"""How often expired counts are forgotten: often enough that the counts of clients that
went away take no memory to speak of, seldom enough that sweeping costs nothing."""


class SweptMemoryStorage(MemoryStorage):
    """`MemoryStorage` whose expired counts are swept by the requests themselves.

    Only the counters are swept: what the fixed and sliding window strategies keep
    (`web.rate_limits` uses the sliding window). The moving window's entries, a strategy
    Planlogg does not use, would not be.
    """

    STORAGE_SCHEME = [SCHEME]  # noqa: RUF012 (the library reads it once, at class creation)

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.timer.cancel()
        self._sweeping = threading.Lock()
        self._next_sweep = time.monotonic() + SWEEP_SECONDS

    def _MemoryStorage__schedule_expiry(self) -> None:
        """The library's private hook (`__schedule_expiry`, by its mangled name), called before
        each count is changed: sweeps here instead of starting its timer. Should the library
        rename it, `tests/web/test_rate_limit_memory.py` sees its threads again."""
        if time.monotonic() < self._next_sweep or not self._sweeping.acquire(blocking=False):
            return
        try:
            self._next_sweep = time.monotonic() + SWEEP_SECONDS
            self.sweep()
        finally:
            self._sweeping.release()

    def sweep(self) -> None:
        """Forget every count whose window has passed (the library's `get` forgets one)."""
        now = time.time()
        for key, expiry in list(self.expirations.items()):
            if expiry <= now:
                self.get(key)

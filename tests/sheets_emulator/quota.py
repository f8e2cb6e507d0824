"""Google's per-user Sheets quotas (60 reads and 60 writes per minute by default).

Drive calls are not counted (Drive's unit-based limits are far above what a sync loop uses).
Each request counts once, batches included. Rejected requests do not use up quota.
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable

from .errors import ApiError, sheets_error

WINDOW_SECONDS = 60.0


def quota_exceeded(kind: str, limit: int) -> ApiError:
    """The 429 RESOURCE_EXHAUSTED envelope Google sends when a per-minute quota runs out."""
    noun = "Read" if kind == "read" else "Write"
    message = (
        f"Quota exceeded for quota metric '{noun} requests' and limit '{noun} requests per "
        f"minute per user' of service 'sheets.googleapis.com' for consumer "
        f"'project_number:000000000000'."
    )
    info = {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "RATE_LIMIT_EXCEEDED",
        "domain": "googleapis.com",
        "metadata": {
            "quota_metric": f"sheets.googleapis.com/{noun.lower()}_requests",
            "quota_limit": f"{noun}RequestsPerMinutePerUser",
            "quota_limit_value": str(limit),
            "consumer": "projects/000000000000",
            "service": "sheets.googleapis.com",
            "quota_location": "global",
        },
    }
    help_link = {
        "@type": "type.googleapis.com/google.rpc.Help",
        "links": [
            {
                "description": "Request a higher quota limit.",
                "url": "https://cloud.google.com/docs/quotas/help/request_increase",
            }
        ],
    }
    return sheets_error(429, message, [info, help_link])


class Quota:
    """Sliding one-minute windows of admitted reads and writes.

    ``clock`` is injectable so tests can let a minute pass without waiting for it.
    """

    def __init__(
        self,
        reads_per_minute: int,
        writes_per_minute: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = {"read": reads_per_minute, "write": writes_per_minute}
        self.clock = clock
        self._admitted: dict[str, collections.deque[float]] = {
            "read": collections.deque(),
            "write": collections.deque(),
        }
        self._lock = threading.Lock()

    def admit(self, kind: str) -> None:
        """Count one request of ``kind`` ("read"/"write"), or raise the 429 envelope."""
        with self._lock:
            now = self.clock()
            window = self._admitted[kind]
            while window and window[0] <= now - WINDOW_SECONDS:
                window.popleft()
            if len(window) >= self.limits[kind]:
                raise quota_exceeded(kind, self.limits[kind])
            window.append(now)

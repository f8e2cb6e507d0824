"""Fault injection and throttling: make requests fail the way networks and Graph do.

Kinds of fault (armed with ``Faults.add``, consumed first-added-first):

* ``status`` — an error answer in Graph's envelope (429, 409, 412, 423, 503, 504 …), with a
  ``Retry-After`` header when asked and the matching detailed ``innerError`` code. It hits
  plain requests and single requests inside a ``$batch`` alike. Not applied unless
  ``applied=True`` (a 504 whose work was nevertheless done).
* ``timeout`` — the server holds the connection for ``seconds`` and drops it unanswered.
  Applied by default (the work happened, the answer was lost).
* ``reset`` — the connection is closed at once, unanswered. Not applied by default.

Timeouts and resets hit whole HTTP requests (a ``$batch`` as a whole). ``match`` is a
substring of ``"METHOD /path"`` (the decoded path after ``/v1.0``), e.g. ``"PATCH "``,
``"/$batch"``, ``"usedRange"``.

``Throttle`` answers ``429`` with ``Retry-After`` once more than ``limit`` requests arrived
within ``window`` seconds; requests inside a batch count one by one, as Graph counts them.
"""

from __future__ import annotations

import collections
import threading
from collections.abc import Callable
from dataclasses import dataclass

from .errors import GraphError, graph_error

KINDS = ("status", "timeout", "reset")
_APPLIED_BY_DEFAULT = {"status": False, "timeout": True, "reset": False}
_INNER = {
    409: "conflictUncategorized",
    412: "entityTagDoesNotMatch",
    429: "tooManyRequestsUncategorized",
    500: "internalServerErrorUncategorized",
    503: "serviceUnavailableUncategorized",
    504: "gatewayTimeoutUncategorized",
}


@dataclass
class Fault:
    kind: str
    remaining: int
    match: str | None
    status: int
    inner: str | None
    retry_after: float | None
    seconds: float
    applied: bool

    def matches(self, method: str, path: str) -> bool:
        return self.match is None or self.match in f"{method} {path}"

    def error(self) -> GraphError:
        return graph_error(self.status, inner=self.inner, retry_after=self.retry_after)


class Faults:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: list[Fault] = []
        self._injected = 0

    def add(
        self,
        status: int | None = None,
        *,
        kind: str | None = None,
        times: int = 1,
        match: str | None = None,
        retry_after: float | None = None,
        inner: str | None = None,
        seconds: float = 5.0,
        applied: bool | None = None,
    ) -> Fault:
        """Arm a fault for the next ``times`` matching requests (see the module docstring)."""
        kind = kind or ("status" if status is not None else None)
        if kind not in KINDS:
            raise ValueError(f"fault kind must be one of {KINDS} (or give a status)")
        if kind == "status" and (status is None or not 400 <= status <= 599):
            raise ValueError("a status fault needs an HTTP error status (4xx/5xx)")
        if times < 1:
            raise ValueError("times must be at least 1")
        fault = Fault(
            kind=kind,
            remaining=times,
            match=match,
            status=status or 0,
            inner=inner or _INNER.get(status or 0),
            retry_after=retry_after,
            seconds=seconds,
            applied=_APPLIED_BY_DEFAULT[kind] if applied is None else applied,
        )
        with self._lock:
            self._armed.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()

    @property
    def injected(self) -> int:
        with self._lock:
            return self._injected

    def take(self, method: str, path: str, whole_request: bool) -> Fault | None:
        """The fault for this request, if any; inside a batch only status faults apply."""
        with self._lock:
            for fault in self._armed:
                if (whole_request or fault.kind == "status") and fault.matches(method, path):
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._armed.remove(fault)
                    self._injected += 1
                    return fault
        return None


class Throttle:
    """A sliding window of admitted requests; ``clock`` is injectable."""

    def __init__(self, limit: int, window: float, retry_after: float, clock: Callable[[], float]):
        self.limit, self.window, self.retry_after, self.clock = limit, window, retry_after, clock
        self._admitted: collections.deque[float] = collections.deque()
        self._lock = threading.Lock()
        self.refused = 0

    def admit(self) -> None:
        with self._lock:
            now = self.clock()
            while self._admitted and self._admitted[0] <= now - self.window:
                self._admitted.popleft()
            if len(self._admitted) >= self.limit:
                self.refused += 1
                raise graph_error(
                    429, "tooManyRequests", "The app or user has been throttled.",
                    inner="tooManyRequestsUncategorized", retry_after=self.retry_after,
                )  # fmt: skip
            self._admitted.append(now)

"""Fault injection: make the next N matching requests fail the way networks and Google do.

Kinds:
* ``status`` — an error answer with Google's JSON envelope (``code`` in the body equals the
  HTTP status: 429 RESOURCE_EXHAUSTED, 500 INTERNAL, 503 UNAVAILABLE, ...), optionally with a
  ``Retry-After`` header. A 403 with a ``reason`` (``rateLimitExceeded``,
  ``userRateLimitExceeded``) is Drive's rate limit (domain ``usageLimits``), not missing
  access. The request is not applied, unless ``applied=True``: a 504 DEADLINE_EXCEEDED may
  come after the work was done ("this error may be returned even if the operation has
  completed successfully", google.rpc.Code).
* ``timeout`` — the server holds the connection for ``seconds`` and then drops it without an
  answer; a client with a shorter timeout sees a read timeout. Applied by default (Google keeps
  working on a request the client gave up on).
* ``truncate`` — a 200 whose JSON body is cut in half. By default ``Content-Length`` matches the
  cut body, so the client gets a well-formed response it cannot parse; with ``close=True`` the
  full length is announced and the connection closes mid-body. Always applied.
* ``reset`` — the connection is closed without any response. Not applied by default.

``applied`` overrides whether the request takes effect before the fault hits (for
status/timeout/reset), which is how "the write happened but the answer was lost" is simulated.
``match`` is a substring of ``"METHOD /decoded/path"``, e.g. ``"values:batchGet"`` or ``"PUT "``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .errors import RATE_LIMITS, ApiError, rate_limit_error, sheets_error
from .quota import quota_exceeded

KINDS = ("status", "timeout", "truncate", "reset")
_APPLIED_BY_DEFAULT = {"status": False, "timeout": True, "truncate": True, "reset": False}


@dataclass
class Fault:
    """One armed fault; ``remaining`` counts down as it fires."""

    kind: str
    remaining: int
    match: str | None
    status: int
    retry_after: int | None
    seconds: float
    applied: bool
    close: bool
    reason: str | None = None

    def matches(self, method: str, path: str) -> bool:
        return self.match is None or self.match in f"{method} {path}"

    def error(self, request_kind: str) -> ApiError:
        """The envelope for a ``status`` fault (a 429 reads like a real quota error)."""
        if self.status == 429:
            return quota_exceeded(request_kind, 60)
        if self.reason is not None:
            return rate_limit_error(self.reason)
        return sheets_error(self.status)


class Faults:
    """The armed faults of one emulator, consumed first-added-first."""

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
        retry_after: int | None = None,
        seconds: float = 5.0,
        applied: bool | None = None,
        close: bool = False,
        reason: str | None = None,
    ) -> Fault:
        """Arm a fault for the next ``times`` matching requests (see the module docstring)."""
        kind = kind or ("status" if status is not None else None)
        if kind not in KINDS:
            raise ValueError(f"fault kind must be one of {KINDS} (or give a status)")
        if kind == "status" and (status is None or not 400 <= status <= 599):
            raise ValueError("a status fault needs an HTTP error status (4xx/5xx)")
        if times < 1:
            raise ValueError("times must be at least 1")
        if reason is not None and (status != 403 or reason not in RATE_LIMITS):
            raise ValueError(f"a reason goes with status 403 and is one of {tuple(RATE_LIMITS)}")
        fault = Fault(
            kind=kind,
            remaining=times,
            match=match,
            status=status or 0,
            retry_after=retry_after,
            seconds=seconds,
            applied=_APPLIED_BY_DEFAULT[kind] if applied is None else applied,
            close=close,
            reason=reason,
        )
        with self._lock:
            self._armed.append(fault)
        return fault

    def clear(self) -> None:
        """Disarm everything (the ``injected`` count is kept)."""
        with self._lock:
            self._armed.clear()

    @property
    def injected(self) -> int:
        """How many faults actually fired."""
        with self._lock:
            return self._injected

    def take(self, method: str, path: str) -> Fault | None:
        """The fault to apply to this request, if any, counting it as fired."""
        with self._lock:
            for fault in self._armed:
                if fault.matches(method, path):
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._armed.remove(fault)
                    self._injected += 1
                    return fault
        return None

"""The background loops' status, shared with the web workers `serve --workers N` forks.

The loops (the read models' follower, the sheet sync, the heads' publication) run in the
parent process; each worker answers `/healthz`. A worker saw none of them: it said "ok"
while the parent's follower failed and the pages stood still, and it never showed the sync.
The parent now writes every loop's status, as JSON, into memory mapped before the fork
(anonymous and shared, so the workers see each write); a worker's `/healthz` reads it
there through `SharedLoop`, as it would ask the loop itself.

A status the parent has not renewed for `STALE_AFTER` seconds (on the monotonic clock, which
all processes share and no one sets back) is the parent's silence: every loop it runs is
then reported failing, with the time it last spoke (the follower by its "error", the heads
by "ok" false and "error", the sync by "state" "error" and "last_error").

A loop can also hang inside a live parent (a sync call that never returns, a deadlocked
database call) and keep its last "ok" for good: the parent still publishes it. So every loop
reports as it runs (`Heartbeats`: each time it looks at its stop event, at least once a pass,
and at the start and end of each wait between its runs), and a loop that has not reported
for `allowed_silence(interval)` is reported failing (`late`), with the time it last did:
by its own process's `/healthz`, and by a worker's through the board (`SharedHeartbeats`).
"""

from __future__ import annotations

import json
import math
import mmap
import struct
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from domain.norwegian_time import format_oslo_time
from language import N_, _

SIZE = 1 << 20
"""Bytes mapped, two slots of half each: the statuses are small; an error text is cut to
`LONGEST` characters."""

SLOT = SIZE // 2
LONGEST = 2_000
HEADER = struct.Struct("<QddII")
"""A slot's write number (0: never written), when it was written (the wall clock, to show) and
at which tick (the monotonic clock, to measure silence by), the data's length, and a CRC-32
of the four and the data."""

ATTEMPTS = 100
"""Reads of both slots before a reader gives up on a writer that keeps overtaking it."""

PUBLISH_EVERY = 1.0
STALE_AFTER = 30.0

HEARTBEATS = "heartbeats"
"""Where on the board the parent's loops' reports are (beside the loops' statuses)."""

SILENT_PASSES = 3
LEAST_SILENCE = 300.0
"""A loop is failing once it has not reported for `SILENT_PASSES` of its intervals, and never
before `LEAST_SILENCE` seconds. A loop reports at least once a pass, so three intervals is two
passes missed, a hang and not a slow pass. The floor is the longest pass that is not a hang:
one spreadsheet request may try again for up to 100 seconds and then wait 60 for its answer
(`sync.google.BoundedRetryClient`, `sync.retry`), and a cycle makes several; the follower's
catch-up after a stop applies the whole backlog in one pass. A hung follower is then shown
after five minutes (the pages stand still that long before `/healthz` says so)."""

STUCK = {
    "projections": N_(
        "Bakgrunnsprosessen som holder lesemodellene oppdatert, har ikke meldt seg siden "
        "%(time)s norsk tid og står trolig fast."
    ),
    "answers": N_(
        "Bakgrunnsprosessen som lager svarene som holdes klare, har ikke meldt seg siden "
        "%(time)s norsk tid og står trolig fast."
    ),
    "sync": N_(
        "Synkroniseringen med regnearket har ikke meldt seg siden %(time)s norsk tid og står "
        "trolig fast."
    ),
    "heads": N_(
        "Publiseringen av kontrollsummen har ikke meldt seg siden %(time)s norsk tid og står "
        "trolig fast."
    ),
    "reminders": N_(
        "Utsendingen av påminnelser har ikke meldt seg siden %(time)s norsk tid og står "
        "trolig fast."
    ),
}
"""What `/healthz` says of each loop that has stopped reporting (`late`)."""


class StatusBoard:
    """Memory shared across `fork`: the parent publishes, the workers read.

    Writes alternate between two slots, each checked by its CRC, so a reader always finds
    the newest whole write without waiting: one read while a write is under way (on
    another core), or one of a parent killed in the middle of a write, fails its check
    and the slot before it is read instead. A reader never waits on the writer."""

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        ticks: Callable[[], float] = time.monotonic,
    ) -> None:
        self._memory = mmap.mmap(-1, SIZE)
        self._clock = clock
        self._ticks = ticks
        self._lock = threading.Lock()
        self._written = 0

    def publish(self, statuses: Mapping[str, Any]) -> None:
        """Write the statuses into the slot not holding the newest write: data, then header."""
        data = json.dumps(_cut(statuses), ensure_ascii=False).encode("utf-8")
        if len(data) > SLOT - HEADER.size:
            data = b"{}"
        with self._lock:
            self._written += 1
            number, written_at, tick = self._written, self._clock(), self._ticks()
            start = (number % 2) * SLOT
            self._memory[start + HEADER.size : start + HEADER.size + len(data)] = data
            checksum = _checksum(number, written_at, tick, data)
            HEADER.pack_into(self._memory, start, number, written_at, tick, len(data), checksum)

    def ticks(self) -> float:
        """Now on the monotonic clock the board measures by."""
        return self._ticks()

    def read(self) -> tuple[dict[str, Any], float, float]:
        """The statuses last published whole, when (the wall clock, to show), and the seconds
        since by the monotonic clock ({}, 0 and inf: never)."""
        for _attempt in range(ATTEMPTS):
            found = [slot for slot in (self._slot(0), self._slot(SLOT)) if slot is not None]
            if found:
                _number, statuses, written_at, tick = max(found, key=lambda slot: slot[0])
                return statuses, written_at, self._ticks() - tick
        return {}, 0.0, math.inf

    def _slot(self, start: int) -> tuple[int, dict[str, Any], float, float] | None:
        number, written_at, tick, length, checksum = HEADER.unpack_from(self._memory, start)
        if not number or length > SLOT - HEADER.size:
            return None
        data = bytes(self._memory[start + HEADER.size : start + HEADER.size + length])
        if checksum != _checksum(number, written_at, tick, data):
            return None
        return number, json.loads(data), written_at, tick


def _checksum(number: int, written_at: float, tick: float, data: bytes) -> int:
    return zlib.crc32(struct.pack("<Qdd", number, written_at, tick) + data)


def _cut(value: Any) -> Any:
    """`value` with every text longer than `LONGEST` cut: an error may quote a whole cell."""
    if isinstance(value, str):
        return value[:LONGEST]
    if isinstance(value, Mapping):
        return {key: _cut(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_cut(item) for item in value]
    return value


class SharedLoop:
    """A loop of the parent process as a worker's `/healthz` asks it: `status()`, and for
    the sync `public_status()`."""

    def __init__(self, board: StatusBoard, name: str) -> None:
        self.board = board
        self.name = name

    def status(self) -> dict[str, Any]:
        statuses, written_at, age = self.board.read()
        found: dict[str, Any] = dict(statuses.get(self.name) or {})
        if age <= STALE_AFTER:
            return found
        when = format_oslo_time(datetime.fromtimestamp(written_at, UTC))
        if self.name == "projections":
            return {
                **found,
                "error": _(
                    "Bakgrunnsprosessen som holder lesemodellene oppdatert, har ikke meldt seg "
                    "siden %(time)s norsk tid.",
                    time=when,
                ),
            }
        silence = _("Bakgrunnsprosessen har ikke meldt seg siden %(time)s norsk tid.", time=when)
        if self.name == "sync":
            return {**found, "state": "error", "last_error": silence, "error_said": True}
        return {**found, "ok": False, "error": silence}

    def public_status(self) -> dict[str, Any]:
        statuses, _written_at, age = self.board.read()
        found: dict[str, Any] = dict(statuses.get(f"{self.name}_public") or {})
        if age > STALE_AFTER:
            found["state"] = "error"
        return found


class StatusPublisher:
    """The parent's loop that renews the board every `PUBLISH_EVERY` seconds."""

    def __init__(
        self,
        board: StatusBoard,
        loops: Mapping[str, Any],
        heartbeats: Heartbeats | None = None,
    ) -> None:
        self.board = board
        self.loops = dict(loops)
        self.heartbeats = heartbeats

    def publish(self) -> None:
        statuses: dict[str, Any] = {}
        for name, loop in self.loops.items():
            statuses[name] = loop.status()
            if hasattr(loop, "public_status"):
                statuses[f"{name}_public"] = loop.public_status()
        if self.heartbeats is not None:
            statuses[HEARTBEATS] = self.heartbeats.report()
        self.board.publish(statuses)

    def run_forever(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self.publish()
            stop.wait(PUBLISH_EVERY)


def allowed_silence(interval: float) -> float:
    """Seconds a loop that runs every `interval` seconds may go without reporting."""
    return max(SILENT_PASSES * interval, LEAST_SILENCE)


class Reporting(threading.Event):
    """`serve`'s stop event as one loop sees it: every look at it is the loop reporting.

    Each loop looks at it at the top of every pass (`is_set`) and waits on it between passes
    (`wait`), so it reports at least once a pass, and as it starts and ends each wait: one
    idle between runs has reported when its wait began, an interval ago at most. Setting it
    sets `serve`'s stop event."""

    def __init__(self, stop: threading.Event, beat: Callable[[], None]) -> None:
        super().__init__()
        self._stopping = stop
        self._beat = beat

    def is_set(self) -> bool:
        self._beat()
        return self._stopping.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        self._beat()
        try:
            return self._stopping.wait(timeout)
        finally:
            self._beat()

    def set(self) -> None:
        self._stopping.set()

    def clear(self) -> None:
        self._stopping.clear()


class Heartbeats:
    """When each loop of this process last reported: on the monotonic clock, to measure its
    silence by (the same in every process), and on the wall clock, to show."""

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        ticks: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clock = clock
        self._ticks = ticks
        self._beats: dict[str, dict[str, float]] = {}

    def reporting(self, name: str, interval: float, stop: threading.Event) -> Reporting:
        """`stop` as the loop `name`, run every `interval` seconds, is to look at it; the loop
        has reported now."""
        allowed = allowed_silence(interval)

        def beat() -> None:
            self._beats[name] = {
                "reported_at": self._ticks(),
                "reported_at_time": self._clock(),
                "allowed_silence": allowed,
            }

        beat()
        return Reporting(stop, beat)

    def __contains__(self, name: object) -> bool:
        return name in self._beats

    def report(self) -> dict[str, dict[str, float]]:
        """Each loop's last report, as the parent publishes it to its workers."""
        return dict(self._beats)

    def late(self, name: str) -> str | None:
        """What `/healthz` says of the loop `name` when it has not reported in time, else None."""
        return _late(name, self._beats.get(name), self._ticks())


class SharedHeartbeats:
    """A worker's loops' reports (`own`, its kept answers' renewal) and its parent's, as the
    parent published them on `board`. While the parent is silent, that silence is reported
    (`SharedLoop`), not each loop's."""

    def __init__(self, board: StatusBoard, own: Heartbeats) -> None:
        self.board = board
        self.own = own

    def _parents(self) -> dict[str, Any]:
        statuses, _written_at, age = self.board.read()
        return dict(statuses.get(HEARTBEATS) or {}) if age <= STALE_AFTER else {}

    def __contains__(self, name: object) -> bool:
        return name in self.own or name in self.board.read()[0].get(HEARTBEATS, {})

    def late(self, name: str) -> str | None:
        if name in self.own:
            return self.own.late(name)
        return _late(name, self._parents().get(name), self.board.ticks())


def _late(name: str, beat: Mapping[str, float] | None, now: float) -> str | None:
    if beat is None or now - beat["reported_at"] <= beat["allowed_silence"]:
        return None
    when = format_oslo_time(datetime.fromtimestamp(beat["reported_at_time"], UTC))
    if name in STUCK:
        return _(STUCK[name], time=when)
    return _("Bakgrunnsprosessen har ikke meldt seg siden %(time)s norsk tid.", time=when)

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
from language import _

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
            return {**found, "state": "error", "last_error": silence}
        return {**found, "ok": False, "error": silence}

    def public_status(self) -> dict[str, Any]:
        statuses, _written_at, age = self.board.read()
        found: dict[str, Any] = dict(statuses.get(f"{self.name}_public") or {})
        if age > STALE_AFTER:
            found["state"] = "error"
        return found


class StatusPublisher:
    """The parent's loop that renews the board every `PUBLISH_EVERY` seconds."""

    def __init__(self, board: StatusBoard, loops: Mapping[str, Any]) -> None:
        self.board = board
        self.loops = dict(loops)

    def publish(self) -> None:
        statuses: dict[str, Any] = {}
        for name, loop in self.loops.items():
            statuses[name] = loop.status()
            if hasattr(loop, "public_status"):
                statuses[f"{name}_public"] = loop.public_status()
        self.board.publish(statuses)

    def run_forever(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self.publish()
            stop.wait(PUBLISH_EVERY)

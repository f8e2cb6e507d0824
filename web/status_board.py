"""The background loops' status, shared with the web workers `serve --workers N` forks.

The loops (the read models' follower, the sheet sync, the heads' publication) run in the
parent process; each worker answers `/healthz`. A worker saw none of them: it said "ok"
while the parent's follower failed and the pages stood still, and it never showed the sync.
The parent now writes every loop's status, as JSON, into memory mapped before the fork
(anonymous and shared, so the workers see each write); a worker's `/healthz` reads it
there through `SharedLoop`, as it would ask the loop itself.

A status the parent has not renewed for `STALE_AFTER` seconds is the parent's silence: the
follower is then reported failing, with the time it last spoke.
"""

from __future__ import annotations

import json
import mmap
import struct
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from domain.norwegian_time import format_oslo_time
from language import _

SIZE = 1 << 20
"""Bytes mapped: the statuses are small; an error text is cut to `LONGEST` characters."""

LONGEST = 2_000
HEADER = struct.Struct("<QdI")
"""A write count (odd while a write is under way), when it was written, and its length."""

PUBLISH_EVERY = 1.0
STALE_AFTER = 30.0


class StatusBoard:
    """Memory shared across `fork`: the parent publishes, the workers read."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._memory = mmap.mmap(-1, SIZE)
        self._clock = clock
        self._lock = threading.Lock()

    def publish(self, statuses: Mapping[str, Any]) -> None:
        """Write the statuses whole; a reader never takes half of one write for another."""
        data = json.dumps(_cut(statuses), ensure_ascii=False).encode("utf-8")
        if len(data) > SIZE - HEADER.size:
            data = b"{}"
        with self._lock:
            count = HEADER.unpack_from(self._memory, 0)[0]
            HEADER.pack_into(self._memory, 0, count + 1, 0.0, 0)
            self._memory[HEADER.size : HEADER.size + len(data)] = data
            HEADER.pack_into(self._memory, 0, count + 2, self._clock(), len(data))

    def read(self) -> tuple[dict[str, Any], float]:
        """The statuses last published and when (0: never), read again if a write overlapped."""
        while True:
            count, written_at, length = HEADER.unpack_from(self._memory, 0)
            data = bytes(self._memory[HEADER.size : HEADER.size + length])
            if count % 2 == 0 and HEADER.unpack_from(self._memory, 0)[0] == count:
                return (json.loads(data) if length else {}), written_at

    def age(self, written_at: float) -> float:
        return self._clock() - written_at


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
        statuses, written_at = self.board.read()
        found: dict[str, Any] = dict(statuses.get(self.name) or {})
        if self.name == "projections" and self.board.age(written_at) > STALE_AFTER:
            found["error"] = _(
                "Bakgrunnsprosessen som holder lesemodellene oppdatert, har ikke meldt seg "
                "siden %(time)s norsk tid.",
                time=format_oslo_time(datetime.fromtimestamp(written_at, UTC)),
            )
        return found

    def public_status(self) -> dict[str, Any]:
        statuses, _written_at = self.board.read()
        return dict(statuses.get(f"{self.name}_public") or {})


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

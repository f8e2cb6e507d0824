"""The board a forked worker reads the parent's loops from, under the ways a write can be
caught half done. A worker read until it found an even write count: a parent killed between
a write's two header stores (SIGKILL, the OOM killer) left the count odd for good, and every
worker's `/healthz` spun without answering. And a reader on another core took a write's
even count, stored before its length, for a whole (empty) write: the follower "silent
since 1970", or a 500."""

from __future__ import annotations

import os
import select
import signal

from tests.web.clock import Clock
from web.status_board import HEADER, SLOT, STALE_AFTER, SharedLoop, StatusBoard


def _status_in_a_child(loop: SharedLoop, seconds: float) -> str | None:
    """What `loop.status()` says in a forked child (as a worker asks), or None when it has not
    answered within `seconds` (the child is then ended)."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reading)
        os.write(writing, str(loop.status().get("error")).encode("utf-8"))
        os._exit(0)
    os.close(writing)
    try:
        ready, _w, _x = select.select([reading], [], [], seconds)
        if not ready:
            os.kill(child, signal.SIGKILL)
            return None
        return os.read(reading, 10_000).decode("utf-8")
    finally:
        os.waitpid(child, 0)
        os.close(reading)


def test_a_parent_that_died_mid_write_is_reported_silent_not_waited_for_forever() -> None:
    """The parent's second write is cut short: its slot holds half a header (its number and
    time, nothing more) over whatever data it got to. The worker answers from the first
    write and, the parent silent past `STALE_AFTER`, says so."""
    clock = Clock()
    board = StatusBoard(clock, clock)
    board.publish({"projections": {"error": None, "last_catch_up_at": "først"}})
    board.publish({"projections": {"error": None, "last_catch_up_at": "før"}})
    second = (2 % 2) * SLOT
    board._memory[second + HEADER.size : second + HEADER.size + 8] = b"halvveis"
    board._memory[second + 16 : second + HEADER.size] = bytes(HEADER.size - 16)
    clock.now += STALE_AFTER + 1

    said = _status_in_a_child(SharedLoop(board, "projections"), seconds=3)

    assert said is not None, "/healthz never answered"
    assert said == (
        "Bakgrunnsprosessen som holder lesemodellene oppdatert, har ikke meldt seg siden "
        "14.11.2023 23:13 norsk tid."
    )
    assert board.read()[0] == {"projections": {"error": None, "last_catch_up_at": "først"}}


def test_a_reader_on_another_core_never_takes_a_half_written_header_for_a_write() -> None:
    """`HEADER.pack_into` stores the count, the time and the length one after the other: the
    final write's even count is visible before its length, and a reader on another core then
    takes ({}, 0.0) for a whole write. A worker's `/healthz` reports the follower silent
    since 1970, or fails on the missing "last_catch_up_at" (500). Seen here in about one
    read of a hundred while the parent publishes without pause."""
    board = StatusBoard()
    statuses = {"projections": {"error": None, "last_catch_up_at": "før"}}
    board.publish(statuses)
    writer = os.fork()
    if writer == 0:
        while True:
            board.publish(statuses)
    torn = 0
    try:
        for _ in range(200_000):
            found, written_at, _age = board.read()
            torn += found != statuses or written_at == 0.0
    finally:
        os.kill(writer, signal.SIGKILL)
        os.waitpid(writer, 0)
    assert torn == 0


def test_a_wall_clock_set_back_does_not_hide_a_parent_gone_silent() -> None:
    """The wall clock is set back an hour (NTP, someone fixing the date) after the parent's
    last write: measured by it, the write was from the future for an hour, and the parent's
    silence went unreported that long while every loop looked as it last did. The silence
    is measured on the monotonic clock (one for all processes); the time shown is the
    wall clock's at the write."""
    wall, ticks = Clock(), Clock()
    board = StatusBoard(wall, ticks)
    board.publish({"projections": {"error": None}, "heads": {"ok": True, "error": None}})
    wall.now -= 3600
    ticks.now += STALE_AFTER + 1

    silent = (
        "Bakgrunnsprosessen som holder lesemodellene oppdatert, har ikke meldt seg siden "
        "14.11.2023 23:13 norsk tid."
    )
    assert SharedLoop(board, "projections").status()["error"] == silent
    assert SharedLoop(board, "heads").status() == {
        "ok": False,
        "error": "Bakgrunnsprosessen har ikke meldt seg siden 14.11.2023 23:13 norsk tid.",
    }

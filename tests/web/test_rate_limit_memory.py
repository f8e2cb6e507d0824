"""The in-process counts of the limits count as `limits`' memory storage does, start no
thread however many requests come, and forget the counts whose window has passed."""

from __future__ import annotations

import threading

import pytest
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import SlidingWindowCounterRateLimiter

from web import rate_limit_memory
from web.rate_limit_memory import SweptMemoryStorage
from web.rate_limits import MEMORY, limits_uri


@pytest.fixture
def started_threads(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """Every thread started from here on, by anyone."""
    started: list[threading.Thread] = []
    start = threading.Thread.start

    def recording(thread: threading.Thread) -> None:
        started.append(thread)
        start(thread)

    monkeypatch.setattr(threading.Thread, "start", recording)
    return started


def test_counts_kept_in_this_process_are_the_swept_storage() -> None:
    storage = storage_from_string(limits_uri(MEMORY))

    assert type(storage) is SweptMemoryStorage
    assert limits_uri("redis://127.0.0.1:6379") == "redis://127.0.0.1:6379"


@pytest.mark.usefixtures("clear_of_a_minute_boundary")
def test_the_limit_holds_as_in_the_library() -> None:
    limiter = SlidingWindowCounterRateLimiter(SweptMemoryStorage())
    limit = parse("5 per minute")

    allowed = [limiter.hit(limit, "client") for _ in range(7)]

    assert allowed == [True] * 5 + [False] * 2
    assert limiter.hit(limit, "another client") is True


def test_counting_starts_no_thread(started_threads: list[threading.Thread]) -> None:
    """The library's memory storage starts a timer thread whenever its last one has ended
    (10 ms): here a fresh one would be started on every count after a pause."""
    storage = SweptMemoryStorage()
    started_threads.clear()
    for _ in range(3):
        storage.incr("client", expiry=60)
        threading.Event().wait(0.02)

    assert storage.get("client") == 3
    assert started_threads == []


def test_counts_whose_window_has_passed_are_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = {"now": 1_000.0, "monotonic": 50.0}
    monkeypatch.setattr(rate_limit_memory.time, "time", lambda: clock["now"])
    monkeypatch.setattr(rate_limit_memory.time, "monotonic", lambda: clock["monotonic"])
    storage = SweptMemoryStorage()
    storage.incr("gone", expiry=10)
    storage.incr("staying", expiry=100)

    clock["now"] += 20
    storage.incr("staying", expiry=100)
    assert set(storage.expirations) == {"gone", "staying"}, "swept before a second has passed"

    clock["monotonic"] += rate_limit_memory.SWEEP_SECONDS
    storage.incr("staying", expiry=100)

    assert set(storage.expirations) == {"staying"}
    assert dict(storage.storage) == {"staying": 3}


def test_sweeping_in_requests_is_safe_while_other_threads_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every count sweeps here (at once, not after a second) while seven other threads count
    keys that expire at once: no count raises (a sweep that did would fail a request, not a
    timer thread), the live counts are exact and the expired ones are forgotten."""
    monkeypatch.setattr(rate_limit_memory, "SWEEP_SECONDS", 0.0)
    storage = SweptMemoryStorage()
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def count(worker: int) -> None:
        start.wait()
        try:
            for n in range(2_000):
                storage.incr(f"client {worker} {n % 7}", expiry=0)
                storage.incr(f"staying {worker}", expiry=3_600)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=count, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert {key: storage.get(key) for key in list(storage.storage)} == {
        f"staying {worker}": 2_000 for worker in range(8)
    }

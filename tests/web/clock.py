"""A clock the test moves by hand, given where the code takes a time source."""

from __future__ import annotations


class Clock:
    """Seconds as `time.time` or `time.monotonic` gives them, standing at `now` until moved."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

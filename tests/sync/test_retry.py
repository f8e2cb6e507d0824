"""The retry policy's promises: waits that grow by doubling to a cap, fully jittered,
and exactly the server's Retry-After when it gives one."""

from __future__ import annotations

import pytest

from sync.retry import RetryPolicy


def test_the_back_off_grows_doubling_to_its_cap_with_full_jitter_and_obeys_retry_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bounds: list[tuple[float, float]] = []

    def highest(low: float, high: float) -> float:
        bounds.append((low, high))
        return high

    monkeypatch.setattr("sync.retry.random.uniform", highest)
    policy = RetryPolicy()
    waits = [policy.wait(attempt, None) for attempt in range(1, 9)]
    assert waits == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 32.0, 32.0]
    assert {low for low, _ in bounds} == {0}
    assert policy.wait(3, 7.0) == 7.0
    assert len(bounds) == 8, "a Retry-After wait must not be jittered"

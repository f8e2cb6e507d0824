"""The follower catches the read models up, then does what the web app asked of it."""

from __future__ import annotations

from typing import Any

import pytest

from projections.follower import Follower


class FakeReadModels:
    """Read models that have `behind` events to apply, or fail to apply them."""

    def __init__(self, behind: int = 0, broken: bool = False) -> None:
        self.behind = behind
        self.broken = broken

    def ready(self) -> bool:
        return True

    def catch_up(self, progress: Any = None) -> int:
        if self.broken:
            raise ConnectionError("databasen svarer ikke")
        applied, self.behind = self.behind, 0
        return applied


def test_after_each_catch_up_the_follower_does_what_it_was_given() -> None:
    done: list[int] = []
    models = FakeReadModels(behind=3)
    follower = Follower(models, then=lambda: done.append(models.behind))  # type: ignore[arg-type]
    assert follower.run_once() == 3
    assert follower.run_once() == 0
    assert done == [0, 0]
    assert follower.status()["error"] is None and follower.status()["last_catch_up_at"]


def test_a_failure_afterwards_is_kept_for_healthz_and_raised() -> None:
    def fails() -> None:
        raise OSError("svarene kunne ikke lages")

    follower = Follower(FakeReadModels(behind=1), then=fails)  # type: ignore[arg-type]
    with pytest.raises(OSError):
        follower.run_once()
    assert follower.status() == {"last_catch_up_at": None, "error": "svarene kunne ikke lages"}


def test_nothing_is_done_afterwards_when_the_catch_up_fails() -> None:
    done: list[int] = []
    follower = Follower(FakeReadModels(broken=True), then=lambda: done.append(1))  # type: ignore[arg-type]
    with pytest.raises(ConnectionError):
        follower.run_once()
    assert done == [] and follower.status()["error"] == "databasen svarer ikke"

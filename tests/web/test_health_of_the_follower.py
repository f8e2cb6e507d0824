"""`/healthz` says "degraded" while the read models' follower fails: the server still serves
(200), from read models that no longer move, and that must not read "ok"."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from projections.follower import Follower


class BrokenReadModels:
    """Read models whose catch-up fails, as on a database that refuses the follower."""

    def ready(self) -> bool:
        return True

    def catch_up(self, progress: Any = None) -> int:
        raise RuntimeError("tilkoplinga vart broten")


def follower(web: Flask, read_models: Any) -> Follower:
    found = Follower(read_models)
    web.extensions["planlogg"].background["projections"] = found
    return found


def test_a_failing_follower_makes_the_status_degraded(web: Flask) -> None:
    broken = follower(web, BrokenReadModels())
    with pytest.raises(RuntimeError):
        broken.run_once()
    answer = web.test_client().get("/healthz")
    assert answer.status_code == 200
    assert answer.json["status"] == "degraded"
    assert answer.json["projections"]["ok"] is False


def test_a_follower_that_caught_up_leaves_the_status_ok(web: Flask) -> None:
    follower(web, web.extensions["planlogg"].read_models).run_once()
    answer = web.test_client().get("/healthz")
    assert (answer.status_code, answer.json["status"]) == (200, "ok")
    assert answer.json["projections"]["ok"] is True

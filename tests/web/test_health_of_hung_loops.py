"""A background loop that hangs (a sync call that never returns, a deadlocked database call)
is reported failing in `/healthz` once it has not reported for longer than its deadline
(`web.status_board.allowed_silence`), with the time it last did. Before, a loop stuck inside
a live `serve` kept showing its last "ok" for good, in one process and, read from the
parent's board, in every worker. A loop reports every time it looks at its stop event, so
one waiting out a long interval between its runs is not taken for a hung one."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from domain.people import Role, person_id
from projections.follower import Follower
from sync.cycle import SheetSync
from sync.loop import SyncLoop
from sync.memory_backend import InMemorySheetBackend
from tests.web.clock import Clock
from tests.web.closing import close_services
from tests.web.signed_in import ISSUER, person_with, signed_in
from web.cli.serve_commands import Server, build_server, start_loop, worker_app
from web.status_board import Heartbeats, StatusBoard, StatusPublisher, allowed_silence

CONFIG = {"SECRET_KEY": "test", "TESTING": True}

FOLLOWER_STUCK = (
    "Bakgrunnsprosessen som holder lesemodellene oppdatert, har ikke meldt seg siden "
    "14.11.2023 23:13 norsk tid og står trolig fast."
)
SYNC_STUCK = (
    "Synkroniseringen med regnearket har ikke meldt seg siden 14.11.2023 23:13 norsk tid "
    "og står trolig fast."
)
HEADS_STUCK = (
    "Publiseringen av kontrollsummen har ikke meldt seg siden 15.11.2023 02:13 norsk tid "
    "og står trolig fast."
)
"""Three hours after the start: the end of the heads' third wait, its last report."""
REMINDERS_STUCK = (
    "Utsendingen av påminnelser har ikke meldt seg siden 14.11.2023 23:13 norsk tid "
    "og står trolig fast."
)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: Clock) -> Any:
    """`serve`'s server, its loops' reports timed on `clock`."""
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PLANLOGG_HEADS_FILE", str(tmp_path / "hovud.txt"))
    monkeypatch.setenv("PLANLOGG_HEADS_INTERVAL", "3600")
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    server = build_server(
        url, demo=True, sync=False, config=CONFIG, heartbeats=Heartbeats(clock, clock)
    )
    person_with(server.app, Role.EDITOR)
    yield server, url
    close_services(server.web)


def _detail(server: Server, web: Any = None) -> Any:
    """`/healthz` in full, as an editor asks it."""
    editor = person_id(ISSUER, Role.EDITOR.value)
    return signed_in(web or server.web, editor).get("/healthz").json


def test_a_loop_silent_past_its_deadline_is_failing_in_one_process(
    served: Any, clock: Clock
) -> None:
    server, _url = served
    server.follower.run_once()
    services = server.web.extensions["planlogg"]
    server.sync = services.sync = SyncLoop(
        SheetSync(server.app, services.read_models), InMemorySheetBackend, "finst-ikkje"
    )
    following = server.heartbeats.reporting("projections", server.follower.interval, server.stop)
    syncing = server.heartbeats.reporting("sync", server.sync.interval, server.stop)
    assert not following.is_set() and not syncing.is_set()  # each at the top of a pass

    clock.now += allowed_silence(server.sync.interval)
    answer = server.web.test_client().get("/healthz")
    assert (answer.status_code, answer.json["status"]) == (200, "ok")
    assert answer.json["sync"]["state"] == "not_run"

    clock.now += 1
    answer = server.web.test_client().get("/healthz")
    assert (answer.status_code, answer.json["status"]) == (200, "degraded")
    assert answer.json["projections"]["ok"] is False
    assert "error" not in answer.json["projections"]
    assert answer.json["sync"]["state"] == "error"
    assert "last_error" not in answer.json["sync"]
    detail = _detail(server)
    assert detail["projections"]["error"] == FOLLOWER_STUCK
    assert (detail["sync"]["state"], detail["sync"]["last_error"]) == ("error", SYNC_STUCK)


def test_a_loop_waiting_out_a_long_interval_reports_every_pass_and_is_not_failing(
    served: Any, clock: Clock
) -> None:
    """The heads are published every hour (PLANLOGG_HEADS_INTERVAL): the loop reports as it
    starts and ends each wait, an hour apart, which is within its deadline (three passes)."""
    server, _url = served
    assert server.heads is not None and server.heads.interval == 3600
    client = server.web.test_client()
    seen: list[bool] = []

    class Hours(threading.Event):
        """`serve`'s stop event, each wait an hour passed on `clock` at once; stopped after
        three."""

        def wait(self, timeout: float | None = None) -> bool:
            assert timeout == 3600
            clock.now += timeout
            seen.append(client.get("/healthz").json["heads"]["ok"])
            if len(seen) == 3:
                self.set()
            return self.is_set()

    start_loop("heads", server.heads, Hours(), server.heartbeats).join(timeout=60)

    assert seen == [True, True, True]
    assert _detail(server)["heads"]["error"] is None
    clock.now += allowed_silence(3600) + 1
    detail = _detail(server)
    assert (detail["heads"]["ok"], detail["heads"]["error"]) == (False, HEADS_STUCK)


class BlockingReadModels:
    """Read models whose first catch-up blocks until `release` is set, as a deadlocked
    database call would; `again` is set at the catch-up after it."""

    def __init__(self) -> None:
        self.calls = 0
        self.entered = threading.Event()
        self.release = threading.Event()
        self.again = threading.Event()

    def ready(self) -> bool:
        return True

    def catch_up(self, progress: Any = None) -> int:
        self.calls += 1
        if self.calls == 1:
            self.entered.set()
            self.release.wait()
        else:
            self.again.set()
        return 0


def test_a_real_loop_blocked_in_a_call_is_flagged_and_cleared_when_it_resumes(
    served: Any, clock: Clock
) -> None:
    server, _url = served
    blocked = BlockingReadModels()
    follower = Follower(blocked, interval=0.01)  # type: ignore[arg-type]
    server.web.extensions["planlogg"].background["projections"] = follower
    stop = threading.Event()
    thread = start_loop("projections", follower, stop, server.heartbeats)
    try:
        assert blocked.entered.wait(timeout=60)
        clock.now += allowed_silence(follower.interval) + 1
        assert server.web.test_client().get("/healthz").json["status"] == "degraded"
        assert _detail(server)["projections"]["error"] == FOLLOWER_STUCK

        blocked.release.set()
        assert blocked.again.wait(timeout=60)
        assert server.web.test_client().get("/healthz").json["status"] == "ok"
        assert _detail(server)["projections"]["error"] is None
    finally:
        stop.set()
        blocked.release.set()
        thread.join(timeout=60)


class BuildingReadModels:
    """Read models of a version still being built: the first catch-up is one long pass of
    `batches` batches, each taking most of the follower's deadline on `clock`; what
    `/healthz` said after the last of them is kept in `seen`."""

    def __init__(self, server: Server, clock: Clock, batches: int) -> None:
        self.server, self.clock, self.batches = server, clock, batches
        self.built = threading.Event()
        self.seen: Any = None

    def ready(self) -> bool:
        return self.built.is_set()

    def catch_up(self, progress: Any = None) -> int:
        if self.seen is not None:
            return 0
        for done in range(1, self.batches + 1):
            self.clock.now += allowed_silence(0.01) - 1
            if progress is not None:
                progress(done, self.batches)
        self.seen = _detail(self.server)
        self.built.set()
        return self.batches


class CatchingUpReadModels(BuildingReadModels):
    """Read models built already, catching up a backlog (the database was away for hours):
    as long a pass, of a version that serves meanwhile."""

    def ready(self) -> bool:
        return True


@pytest.mark.parametrize("models", [BuildingReadModels, CatchingUpReadModels])
def test_a_long_pass_of_the_follower_reports_each_batch_and_is_not_failing(
    served: Any, clock: Clock, models: type[BuildingReadModels]
) -> None:
    """A new version's build, or a backlog caught up, is one pass of the follower that lasts
    minutes on a large store: three batches of it here take nearly three times the
    follower's deadline."""
    server, _url = served
    building = models(server, clock, batches=3)
    follower = Follower(building, interval=0.01)  # type: ignore[arg-type]
    server.web.extensions["planlogg"].background["projections"] = follower
    stop = threading.Event()
    thread = start_loop("projections", follower, stop, server.heartbeats)
    try:
        assert building.built.wait(timeout=60)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert (building.seen["status"], building.seen["projections"]["error"]) == ("ok", None)


def test_a_loop_hung_in_a_live_parent_is_failing_to_its_workers(served: Any, clock: Clock) -> None:
    """The parent keeps publishing (it is alive), but its follower and its reminders stopped
    reporting: a worker shows each failing once past its own deadline, and the follower
    as ok again once it reports again."""
    server, url = served
    server.follower.run_once()
    board = StatusBoard(clock, clock)
    publisher = StatusPublisher(board, server.loops_to_show(), server.heartbeats)
    following = server.heartbeats.reporting("projections", server.follower.interval, server.stop)
    reminding = server.heartbeats.reporting("reminders", 300.0, server.stop)
    assert not following.is_set() and not reminding.is_set()
    publisher.publish()
    worker = worker_app(url, 2, board, set(publisher.loops))
    try:
        clock.now += allowed_silence(server.follower.interval)
        publisher.publish()
        public = worker.test_client().get("/healthz").json
        assert (public["status"], public["reminders"]) == ("ok", {"ok": True})

        clock.now += 1
        publisher.publish()
        public = worker.test_client().get("/healthz").json
        assert (public["status"], public["projections"]["ok"]) == ("degraded", False)
        assert "error" not in public["projections"]
        assert _detail(server, worker)["projections"]["error"] == FOLLOWER_STUCK

        assert not following.is_set()
        publisher.publish()
        assert worker.test_client().get("/healthz").json["status"] == "ok"

        clock.now = 1_700_000_000.0 + allowed_silence(300.0) + 1
        assert not following.is_set()
        publisher.publish()
        public = worker.test_client().get("/healthz").json
        assert (public["status"], public["reminders"]) == ("ok", {"ok": False})
        detail = _detail(server, worker)
        assert detail["reminders"] == {"ok": False, "error": REMINDERS_STUCK}
        assert detail["heads"]["ok"] is True
    finally:
        close_services(worker)

"""With `serve --workers N` the loops run in the parent and each worker answers `/healthz`:
a worker reports the parent's follower, sync and heads as the parent sees them
(`web.status_board`), and the parent's silence as a failing follower, sync and heads. Before,
a worker said "ok" while the parent's follower failed and the pages stood still; and once
the parent fell silent, only the follower was reported: the sync and the heads kept their
last "ok"."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from projections.heads import HeadsLoop, HeadTargets
from projections.read_models import ReadModels
from sync.cycle import SheetSync
from sync.loop import SyncLoop
from sync.memory_backend import InMemorySheetBackend
from tests.web.clock import Clock
from tests.web.closing import close_services
from tests.web.signed_in import person_with, signed_in
from tests.web.test_health_of_the_follower import BrokenReadModels
from web.cli.serve_commands import Server, build_server, worker_app
from web.status_board import STALE_AFTER, StatusBoard, StatusPublisher

CONFIG = {"SECRET_KEY": "test", "TESTING": True}


SILENT = (
    "Bakgrunnsprosessen som holder lesemodellene oppdatert, har ikke meldt seg siden "
    "14.11.2023 23:13 norsk tid."
)
PARENT_SILENT = "Bakgrunnsprosessen har ikke meldt seg siden 14.11.2023 23:13 norsk tid."


@pytest.fixture
def parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    server = build_server(url, sync=False, config=CONFIG)
    yield server, url
    close_services(server.web)


def _worker(server: Server, url: str, board: StatusBoard) -> Any:
    publisher = StatusPublisher(board, server.loops_to_show())
    publisher.publish()
    return worker_app(url, 2, board, set(publisher.loops))


def test_what_the_parent_publishes_a_forked_worker_reads() -> None:
    board = StatusBoard()
    board.publish({"projections": {"error": None, "last_catch_up_at": "før"}})
    child = os.fork()
    if child == 0:
        statuses, _at, _age = board.read()
        seen = statuses["projections"]["last_catch_up_at"] == "før"
        board.publish({"projections": {"error": "brot" if seen else "ikkje sett"}})
        os._exit(0)
    os.waitpid(child, 0)
    statuses, written_at, _age = board.read()
    assert statuses == {"projections": {"error": "brot"}}
    assert written_at > 0


def test_a_workers_healthz_says_degraded_while_the_parents_follower_fails(parent: Any) -> None:
    server, url = parent
    server.follower.read_models = BrokenReadModels()
    with pytest.raises(RuntimeError):
        server.follower.run_once()
    worker = _worker(server, url, StatusBoard())
    try:
        answer = worker.test_client().get("/healthz")
        assert (answer.status_code, answer.json["status"]) == (200, "degraded")
        assert answer.json["projections"]["ok"] is False
        assert "error" not in answer.json["projections"]
        reader = signed_in(worker, person_with(server.app, Role.EDITOR))
        detail = reader.get("/healthz").json["projections"]
        assert detail["error"] == "tilkoplinga vart broten"
    finally:
        close_services(worker)


def test_a_workers_healthz_shows_the_parents_sync_public_or_in_full(
    parent: Any, memory_app: Planlogg
) -> None:
    server, url = parent
    sheet_sync = SheetSync(memory_app, server.web.extensions["planlogg"].read_models)
    server.sync = SyncLoop(sheet_sync, InMemorySheetBackend, "finst-ikkje")
    with pytest.raises(Exception, match="finst-ikkje"):
        server.sync.run_once()
    worker = _worker(server, url, StatusBoard())
    try:
        public = worker.test_client().get("/healthz").json["sync"]
        assert (public["plan"], public["state"]) == ("finst-ikkje", "error")
        assert "last_error" not in public
        reader = signed_in(worker, person_with(server.app, Role.EDITOR))
        assert "finst-ikkje" in reader.get("/healthz").json["sync"]["last_error"]
    finally:
        close_services(worker)


def test_a_parent_silent_too_long_is_a_failing_follower_to_its_workers(parent: Any) -> None:
    server, url = parent
    server.follower.run_once()
    clock = Clock()
    worker = _worker(server, url, StatusBoard(clock, clock))
    try:
        clock.now += STALE_AFTER - 1
        assert worker.test_client().get("/healthz").json["status"] == "ok"
        clock.now += 2
        answer = worker.test_client().get("/healthz")
        assert (answer.status_code, answer.json["status"]) == (200, "degraded")
        detail = signed_in(worker, person_with(server.app, Role.EDITOR)).get("/healthz").json
        assert detail["projections"]["error"] == SILENT
    finally:
        close_services(worker)


def test_a_parent_silent_too_long_is_a_failing_sync_and_heads_to_its_workers(
    parent: Any, memory_app: Planlogg, tmp_path: Path
) -> None:
    """The sync and the heads' publication run in the parent too: its silence says nothing
    of them but that no one knows, and they are reported failing as the follower is."""
    server, url = parent
    memory_app.create_plan("p", "Plan", "helsefellesskap", 2024, 2025, Provenance("S", Source.CLI))
    sheet_sync = SheetSync(memory_app, ReadModels.open(memory_app))
    server.sync = SyncLoop(sheet_sync, lambda key: InMemorySheetBackend("arket"), "p")
    server.sync.run_once()
    read_models = server.web.extensions["planlogg"].read_models
    server.heads = HeadsLoop(read_models, HeadTargets(file=tmp_path / "hovud.txt"))
    server.heads.run_once()
    clock = Clock()
    worker = _worker(server, url, StatusBoard(clock, clock))
    reader = signed_in(worker, person_with(server.app, Role.EDITOR))
    try:
        clock.now += STALE_AFTER - 1
        public = worker.test_client().get("/healthz").json
        assert (public["sync"]["state"], public["heads"]["ok"]) == ("ok", True)
        clock.now += 2
        public = worker.test_client().get("/healthz").json
        assert public["sync"]["state"] == "error"
        assert "last_error" not in public["sync"]
        assert public["heads"]["ok"] is False
        assert "error" not in public["heads"]
        detail = reader.get("/healthz").json
        assert (detail["sync"]["state"], detail["sync"]["last_error"]) == ("error", PARENT_SILENT)
        assert (detail["heads"]["ok"], detail["heads"]["error"]) == (False, PARENT_SILENT)
        assert detail["sync"]["last_cycle_at"] == public["sync"]["last_cycle_at"] is not None
        assert detail["heads"]["last_published_at"] is not None
    finally:
        close_services(worker)

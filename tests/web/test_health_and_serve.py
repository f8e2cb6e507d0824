"""`planlogg serve`'s composition: demo on an empty SQLite, workbook sync, /healthz,
waitress over real HTTP, and several web workers against one PostgreSQL.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import socket
import sys
import threading
import time
import urllib.request
from pathlib import Path
from uuid import uuid4

import click
import psycopg
import pytest
from click.testing import CliRunner, Result
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from tests.notify.smtp_server import free_port
from tests.serve_process import start_serve
from tests.web.closing import close_services
from tests.web.loopback_server import loopback_server
from web import create_app
from web.cli import EXIT_FAILED, cli, serve_commands
from web.cli.serve_commands import _listeners, build_server, in_url, listen
from web.status_board import StatusBoard

CONFIG = {"SECRET_KEY": "test", "TESTING": True}
BY = Provenance("Sekretariatet", Source.CLI)


def get_json(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_serve_loads_the_demo_syncs_the_workbook_and_reports_health(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PLANLOGG_SPREADSHEET_ID", raising=False)
    server = build_server(f"sqlite:///{tmp_path / 'p.sqlite'}", config=CONFIG)
    assert server.app.plan_exists(DEMO_PLAN)
    server.sync.run_once()
    assert (tmp_path / "handlingsplan.xlsx").exists()
    server.follower.run_once()
    health = server.web.test_client().get("/healthz").json
    assert health["database"]["ok"] and health["projections"]["lag"] == 0
    assert health["projections"]["last_catch_up_at"]
    assert health["sync"]["plan"] == DEMO_PLAN and health["sync"]["state"] == "ok"
    assert health["sync"]["counts"] == {
        "applied": 0, "conflicts": 0, "rejected": 0, "rows_read": 0, "skipped": 0, "written": 557,
    }  # fmt: skip


def test_the_demo_plan_is_there_as_soon_as_serve_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    server = build_server(f"sqlite:///{tmp_path / 'p.sqlite'}", sync=False, config=CONFIG)
    try:
        client = server.web.test_client()
        assert client.get(f"/planer/{DEMO_PLAN}").status_code == 200
        assert client.get(f"/api/plans/{DEMO_PLAN}/adopted").json["version"] == 1
        assert client.get("/healthz").json["projections"]["lag"] == 0
    finally:
        close_services(server.web)


def test_serve_with_the_demo_replays_nothing_on_a_store_that_has_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    app = Planlogg.from_url(url)
    load_demo(app)
    app.close()
    server = build_server(url, demo=True, sync=False, config=CONFIG)
    try:
        health = server.web.test_client().get("/healthz").json
        assert health["projections"]["ready"] is False
        assert health["status"] == "building"
    finally:
        close_services(server.web)


def test_serve_makes_its_kept_answers_again_after_each_catch_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    server = build_server(f"sqlite:///{tmp_path / 'p.sqlite'}", sync=False, config=CONFIG)
    client = server.web.test_client()
    assert server.answers is not None and server.follower.then == server.answers.wake
    server.follower.run_once()
    server.start_background()
    try:
        assert client.get(f"/planer/{DEMO_PLAN}").status_code == 200
        server.app.report_status(DEMO_PLAN, "2.1.2A", "raud", "Ikkje starta", BY)
        position = server.app.recorder.max_notification_id()
        deadline = time.monotonic() + 10
        while client.get("/healthz").json["projections"]["renewed_for"] != position:
            if time.monotonic() > deadline:
                raise AssertionError("the kept answers were not made again")
            time.sleep(0.05)
        services = server.web.extensions["planlogg"]
        målform = server.app.plan_language(DEMO_PLAN)
        kept = services.plan_pages.get(
            ("plan page", f"/planer/{DEMO_PLAN}?", services.today(), målform)
        )
        assert kept.position == services.read_models.plan_positions(DEMO_PLAN).own == position
    finally:
        server.shutdown()


def test_waitress_serves_the_contract_endpoints(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    server = build_server(f"sqlite:///{tmp_path / 'p.sqlite'}", sync=False, config=CONFIG)
    server.follower.run_once()
    with loopback_server(server.web) as base:
        assert get_json(f"{base}/healthz")[0] == 200
        assert get_json(f"{base}/api/plans")[1][0]["key"] == DEMO_PLAN
        assert get_json(f"{base}/api/plans/{DEMO_PLAN}/adopted")[1]["version"] == 1
        assert get_json(f"{base}/api/plans/{DEMO_PLAN}/history")[0] == 401
        assert "paths" in get_json(f"{base}/api/openapi.json")[1]


class WaitressStandIn:
    """Stands in for waitress: notes what the collector still watches when serving would
    begin, and serves nothing. The freeze it finds is handed back afterwards."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.web: Flask | None = None
        self.watched: bool | None = None
        monkeypatch.setattr(serve_commands, "_waitress", self.serve)

    def serve(self, web: Flask, listeners: list[socket.socket], threads: int) -> None:
        self.web = web
        self.watched = any(thing is web for thing in gc.get_objects())

    def __enter__(self) -> WaitressStandIn:
        if gc.get_freeze_count():
            raise RuntimeError("objects were set aside before the test began")
        return self

    def __exit__(self, *exc: object) -> None:
        gc.unfreeze()


class IdleSync:
    """A sync loop that runs no cycle: a real one's first cycle sets the heap aside itself
    (`sync.heap`), which would hide whether `serve_one` did."""

    def run_forever(self, stop: threading.Event) -> None:
        stop.wait()


@pytest.mark.parametrize(
    ("sync", "watched"),
    [(None, False), (IdleSync(), True)],
    ids=["without a sync loop: set aside", "with a sync loop: left to the sync"],
)
def test_one_process_sets_its_start_up_objects_aside_unless_a_sync_loop_runs_in_it(
    sync: IdleSync | None, watched: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    server = build_server(f"sqlite:///{tmp_path / 'p.sqlite'}", sync=False, config=CONFIG)
    server.sync = sync
    try:
        assert any(thing is server.web for thing in gc.get_objects())
        with WaitressStandIn(monkeypatch) as waitress:
            serve_commands.serve_one(server, [], 1)
        assert waitress.web is server.web and waitress.watched is watched
    finally:
        close_services(server.web)


def test_a_web_worker_sets_its_start_up_objects_aside_before_it_serves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(serve_commands.signal, "signal", lambda *_: None)
    loops: list[str] = []
    monkeypatch.setattr(serve_commands, "start_loop", lambda name, *_: loops.append(name))
    with WaitressStandIn(monkeypatch) as waitress:
        url = f"sqlite:///{tmp_path / 'p.sqlite'}"
        web = serve_commands.worker_app(url, 2, StatusBoard(), set())
        serve_commands._run_worker([], 1, web, os.getppid())
    try:
        assert loops == ["parent", "answers"] and waitress.watched is False
    finally:
        if waitress.web is not None:
            close_services(waitress.web)


def test_healthz_is_503_when_the_database_is_gone(postgres_url: str) -> None:
    web = create_app({"DATABASE_URL": postgres_url, **CONFIG})
    try:
        client = web.test_client()
        assert client.get("/healthz").status_code == 200
        schema = postgres_url.split("schema=")[1]
        with psycopg.connect(postgres_url.split("?")[0], autocommit=True) as conn:
            conn.execute(f"ALTER TABLE {schema}.planlogg_events RENAME TO gone")
        response = client.get("/healthz")
        assert response.status_code == 503 and response.json["database"]["ok"] is False
    finally:
        close_services(web)


def position(health: dict) -> int:
    return int(health["database"]["position"])


@pytest.mark.slow
def test_several_workers_serve_one_postgresql(postgres_url: str, tmp_path: Path) -> None:
    launcher = (
        "import sys; from web.cli import cli; from web.cli import serve_commands;"
        "serve_commands.register(cli) if 'serve' not in cli.commands else None;"
        "sys.exit(cli.main(prog_name='planlogg'))"
    )
    env = {**os.environ, "PLANLOGG_DATA_DIR": str(tmp_path), "PLANLOGG_SECRET_KEY": "k",
           "PLANLOGG_RATELIMIT_STORAGE": "redis://127.0.0.1:6379",
           "PLANLOGG_RATELIMIT_PREFIX": f"t-{uuid4().hex}"}  # fmt: skip
    served = start_serve(
        [sys.executable, "-c", launcher, "--database-url", postgres_url, "serve", "--demo",
         "--no-sync", "--workers", "2", "--threads", "2"],
        env,
    )  # fmt: skip
    in_a_row = 0
    try:
        base = served.base
        for _ in range(300):
            try:
                status, health = get_json(f"{base}/healthz")
                ready = status == 200 and health["projections"]["lag"] == 0
                renewed = ready and health["projections"]["renewed_for"] == position(health)
                in_a_row = in_a_row + 1 if renewed else 0
                if in_a_row == 10:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        assert in_a_row == 10, "the workers did not renew their kept answers"
        answers = [get_json(f"{base}/api/plans/{DEMO_PLAN}/adopted") for _ in range(20)]
        assert {status for status, _ in answers} == {200}
        assert {body["version"] for _, body in answers} == {1}
    finally:
        output = served.stop()
    assert f"Planlogg kjører med 2 arbeidere på {served.base}" in output
    assert "Serving on" not in output


@pytest.mark.skipif(sys.platform != "linux", reason="the kernel spreads connections on Linux")
def test_each_web_worker_accepts_on_its_own_socket_and_gets_its_share_of_connections() -> None:
    (first,), (second,) = _listeners("127.0.0.1", 0, 2)
    listeners = (first, second)
    port = first.getsockname()[1]
    clients = []
    try:
        assert first is not second
        assert second.getsockname()[1] == port != 0
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(32)]
        accepted = [len(_accept_all(listener)) for listener in listeners]
    finally:
        for each in (*clients, *listeners):
            each.close()
    assert sum(accepted) == 32
    assert min(accepted) > 0, f"one worker was given every connection: {accepted}"


def test_a_port_in_use_is_refused_to_the_workers_not_shared() -> None:
    with socket.create_server(("127.0.0.1", 0)) as holder:
        port = holder.getsockname()[1]
        with pytest.raises(click.ClickException, match=f"Porten {port} på 127.0.0.1 er"):
            _listeners("127.0.0.1", port, 2)


@pytest.mark.skipif(not socket.has_ipv6, reason="no IPv6 on this machine")
def test_workers_listen_on_an_ipv6_address_as_waitress_does() -> None:
    (first,), (second,) = _listeners("::1", 0, 2)
    port = first.getsockname()[1]
    try:
        assert {first.family, second.family} == {socket.AF_INET6}
        assert {first.getsockname()[:2], second.getsockname()[:2]} == {("::1", port)}
    finally:
        first.close()
        second.close()


def test_every_address_of_a_name_is_listened_on() -> None:
    listeners = listen("localhost", 0)
    port = listeners[0].getsockname()[1]
    named = {info[4][:2] for info in socket.getaddrinfo("localhost", port, type=socket.SOCK_STREAM,
                                                         flags=socket.AI_PASSIVE)}  # fmt: skip
    try:
        assert {listener.getsockname()[:2] for listener in listeners} == named
        assert len(listeners) == len(named)
    finally:
        for listener in listeners:
            listener.close()


def test_port_0_is_one_free_port_for_every_address_of_a_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`serve --port 0` names the port it was given; each address listens on that one (a
    name here for two loopback addresses, as `localhost` is often 127.0.0.1 and ::1)."""

    def two_addresses(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:  # type: ignore[type-arg]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
                for address in ("127.0.0.1", "127.0.0.2")]  # fmt: skip

    monkeypatch.setattr(socket, "getaddrinfo", two_addresses)
    listeners = listen("to-adresser", 0)
    try:
        ports = {listener.getsockname()[1] for listener in listeners}
        assert sorted(listener.getsockname()[0] for listener in listeners) == [
            "127.0.0.1",
            "127.0.0.2",
        ]
        assert len(ports) == 1 and 0 not in ports
    finally:
        for listener in listeners:
            listener.close()


def test_port_0_is_one_free_port_for_every_worker() -> None:
    """`--port 0 --workers 2`: the port the check took is the port each worker listens on."""
    listeners = _listeners("127.0.0.1", 0, 2)
    try:
        ports = {each.getsockname()[1] for sockets in listeners for each in sockets}
        assert len(listeners) == 2 and len(ports) == 1 and 0 not in ports
    finally:
        for sockets in listeners:
            for each in sockets:
                each.close()


@pytest.mark.parametrize(
    ("host", "shown"),
    [("::1", "[::1]"), ("::", "[::]"), ("127.0.0.1", "127.0.0.1"), ("localhost", "localhost")],
)
def test_the_address_serve_shows_can_be_clicked_on_for_ipv6_too(host: str, shown: str) -> None:
    assert in_url(host) == shown


def _accept_all(listener: socket.socket) -> list[socket.socket]:
    """Every connection waiting on `listener`, accepted (each closed again)."""
    listener.settimeout(0.5)
    accepted = []
    try:
        while True:
            connection, _ = listener.accept()
            connection.close()
            accepted.append(connection)
    except TimeoutError:
        return accepted


def _serve(tmp_path: Path, *options: str, målform: str | None = None) -> Result:
    """`planlogg serve --no-sync` with `options` on a new SQLite store, in `målform` if given."""
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    env = {"PLANLOGG_DATA_DIR": str(tmp_path)}
    if målform is not None:
        env["PLANLOGG_LANG"] = målform
    return CliRunner().invoke(cli, ["--database-url", url, "serve", "--no-sync", *options], env=env)


@pytest.mark.parametrize(
    ("målform", "words"),
    [("nb", "er allerede i bruk. Stopp det som bruker den"), ("nn", "er alt i bruk. Stopp det")],
)
def test_serve_on_a_port_in_use_is_refused_in_norwegian_before_anything_starts(
    målform: str, words: str, tmp_path: Path
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as holder:
        port = holder.getsockname()[1]
        result = _serve(tmp_path, "--port", str(port), målform=målform)
    assert result.exit_code == EXIT_FAILED, result.output
    assert f"Feil: Porten {port} på 127.0.0.1 {words}" in result.output
    assert "kjører" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("målform", "words"),
    [("nb", "Planlogg kan ikke lytte på"), ("nn", "Planlogg kan ikkje lytte på")],
)
def test_serve_on_an_address_this_machine_does_not_have_is_refused_in_norwegian(
    målform: str, words: str, tmp_path: Path
) -> None:
    result = _serve(tmp_path, "--host", "192.0.2.1", målform=målform)
    assert result.exit_code == EXIT_FAILED, result.output
    assert (
        f"Feil: {words} 192.0.2.1, port 8080 (feilkode {errno.EADDRNOTAVAIL}). "
        "Sjekk --host og --port." in result.output
    )
    assert "kjører" not in result.output and "Traceback" not in result.output


class _StartFailedError(Exception):
    """What the stand-in for putting the app together raises, once it has looked at the port."""


def test_serve_holds_the_port_while_the_app_is_put_together_and_lets_go_if_that_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    seen: list[int] = []

    def put_together(*args: object, **kwargs: object) -> None:
        try:
            socket.create_server(("127.0.0.1", port)).close()
        except OSError as error:
            seen.append(error.errno or 0)
        raise _StartFailedError

    monkeypatch.setattr("web.cli.serve_commands.build_server", put_together)
    result = _serve(tmp_path, "--port", str(port))
    assert isinstance(result.exception, _StartFailedError), result.output
    assert seen == [errno.EADDRINUSE]
    socket.create_server(("127.0.0.1", port)).close()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="reads a process's children from /proc")
def test_the_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    """A parent killed outright cannot stop its workers. They went on answering on the port
    from read models no one kept up, and a `serve` started again found the port taken. Each
    worker now ends once its parent is gone: the port then refuses connections."""
    launcher = (
        "import sys; from web.cli import cli; from web.cli import serve_commands;"
        "serve_commands.register(cli) if 'serve' not in cli.commands else None;"
        "sys.exit(cli.main(prog_name='planlogg'))"
    )
    env = {**os.environ, "PLANLOGG_DATA_DIR": str(tmp_path), "PLANLOGG_SECRET_KEY": "k"}
    served = start_serve(
        [sys.executable, "-c", launcher, "--database-url", f"sqlite:///{tmp_path / 'p.sqlite'}",
         "serve", "--demo", "--no-sync", "--workers", "2", "--threads", "2"],
        env,
    )  # fmt: skip
    process, port = served.process, int(served.base.rsplit(":", 1)[1])
    workers: list[int] = []
    try:
        for _ in range(300):
            try:
                if get_json(f"{served.base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text()
        workers = [int(pid) for pid in children.split()]
        assert len(workers) == 2
        process.kill()
        process.wait(timeout=10)
        refused = False
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
            except ConnectionRefusedError:
                refused = True
                break
            time.sleep(0.1)
        assert refused, "the workers went on answering after their parent was killed"
        assert not [pid for pid in workers if _running(pid)]
    finally:
        process.kill()
        for pid in workers:
            if _running(pid):
                os.kill(pid, 9)


def _running(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie, ended but not yet reaped, does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status

"""Guessing tokens is limited per client: the login form and the API answer 429 with
Retry-After and a Norwegian message, with the counts in memory or in the shared Redis.

The real `planlogg serve --workers 2` on PostgreSQL is tried too: with the counts
in Redis the two workers together allow the limit once, not twice; with the
counts in each worker's memory, each allows half of it.
"""

from __future__ import annotations

import http.client
import os
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from tests.serve_process import start_serve
from tests.web.test_audit_pages import csrf_from
from tests.web.test_health_and_serve import free_port
from web import create_app
from web.cli import EXIT_INVALID, cli, serve_commands
from web.rate_limits import Budgets, RateLimitSettingError, budgets, in_memory, shared
from web.tokens import TOKEN_ROLES, InMemoryTokenStore, create_token

if "serve" not in cli.commands:
    serve_commands.register(cli)

REDIS = "redis://127.0.0.1:6379"
HISTORY = f"/api/plans/{DEMO_PLAN}/history"
WRONG = {"Authorization": "Bearer plg_gjetta"}


def redis_keys(prefix: str) -> list[bytes]:
    return list(redis.Redis.from_url(REDIS).scan_iter(f"*{prefix}*"))


@pytest.fixture(params=["memory", "redis"])
def storage(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """Limits counted in this process's memory, or in the local Redis under a fresh prefix."""
    if request.param == "memory":
        yield {"RATELIMIT_STORAGE_URI": "memory://"}
        return
    prefix = f"planlogg-test-{uuid.uuid4().hex[:8]}"
    client = redis.Redis.from_url(REDIS, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis is required for this test and is not reachable: {error}")
    yield {"RATELIMIT_STORAGE_URI": REDIS, "RATELIMIT_KEY_PREFIX": prefix}
    keys = redis_keys(prefix)
    if keys:
        client.delete(*keys)


@pytest.fixture
def limited(
    demo_app: Planlogg, storage: dict[str, str], clear_of_a_minute_boundary: None
) -> tuple[Flask, dict[str, str]]:
    tokens = InMemoryTokenStore()
    issued = {
        role.value: create_token(tokens, f"Person {role.value}", role)[0] for role in TOKEN_ROLES
    }
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "k", "TESTING": True,
         "PLANLOGG_RATELIMIT_LOGIN": "10 per minute", "PLANLOGG_RATELIMIT_API": "40 per minute",
         **storage},
        app=demo_app,
        tokens=tokens,
    )  # fmt: skip
    web.extensions["planlogg"].read_models.read_your_writes()
    return web, issued


def assert_refused(response, api: bool) -> None:
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 61
    text = response.json["error"]["message"] if api else response.get_data(as_text=True)
    assert "For mange forsøk fra din adresse. Vent" in text


def test_wrong_tokens_on_the_api_are_limited(limited) -> None:
    web, issued = limited
    client = web.test_client()
    answers = [client.get(HISTORY, headers=WRONG).status_code for _ in range(10)]
    assert answers == [401] * 10
    assert_refused(client.get(HISTORY, headers=WRONG), api=True)
    right = {"Authorization": f"Bearer {issued['auditor']}"}
    assert_refused(client.get(HISTORY, headers=right), api=True)
    other = web.test_client()
    other_client = other.get(HISTORY, headers=WRONG, environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert other_client.status_code == 401


def log_in_attempt(client: FlaskClient, token: str):
    return client.post("/logg-inn", data={"token": token, "csrf_token": csrf_from(client)})


def test_wrong_tokens_on_the_login_form_are_limited(limited) -> None:
    web, issued = limited
    client = web.test_client()
    answers = [log_in_attempt(client, "plg_gjetta").status_code for _ in range(10)]
    assert answers == [401] * 10
    assert_refused(log_in_attempt(client, issued["auditor"]), api=False)


def test_logins_that_succeed_are_not_counted(limited) -> None:
    web, issued = limited
    answers = [log_in_attempt(web.test_client(), issued["auditor"]).status_code for _ in range(15)]
    assert answers == [302] * 15


def test_the_login_form_and_the_api_share_one_budget(limited) -> None:
    web, _ = limited
    client = web.test_client()
    assert [log_in_attempt(client, "plg_gjetta").status_code for _ in range(6)] == [401] * 6
    assert [client.get(HISTORY, headers=WRONG).status_code for _ in range(4)] == [401] * 4
    assert_refused(client.get(HISTORY, headers=WRONG), api=True)


def test_a_client_out_of_its_budget_still_reads_the_pages_and_gets_the_form(limited) -> None:
    """Only the API and the log-in form are limited; the pages are not even looked at."""
    web, _ = limited
    client = web.test_client()
    assert [client.get(HISTORY, headers=WRONG).status_code for _ in range(10)] == [401] * 10
    assert_refused(client.get(f"/api/plans/{DEMO_PLAN}/adopted"), api=True)
    assert_refused(log_in_attempt(client, "plg_gjetta"), api=False)
    pages = ["/", f"/planer/{DEMO_PLAN}", "/logg-inn", "/static/planlogg.css"]
    assert [client.get(page).status_code for page in pages] == [200] * 4


def test_the_api_as_a_whole_is_limited_per_client(limited) -> None:
    web, issued = limited
    client = web.test_client()
    right = {"Authorization": f"Bearer {issued['auditor']}"}
    answers = [client.get(HISTORY, headers=right).status_code for _ in range(40)]
    assert answers == [200] * 40
    assert_refused(client.get(HISTORY, headers=right), api=True)
    assert web.test_client().get("/").status_code == 200


def test_a_limit_is_shared_between_workers_that_count_apart() -> None:
    assert shared("10 per minute", 1, "PLANLOGG_RATELIMIT_LOGIN") == "10 per minute"
    assert shared("10 per minute", 2, "PLANLOGG_RATELIMIT_LOGIN") == "5 per 1 minute"
    assert (
        shared("600/minute;10000 per 2 hours", 3, "PLANLOGG_RATELIMIT_API")
        == "200 per 1 minute;3333 per 2 hour"
    )


def test_workers_counting_in_one_store_each_allow_the_whole_limit() -> None:
    config = {"PLANLOGG_RATELIMIT_LOGIN": "10 per minute", "PLANLOGG_RATELIMIT_API": "600/minute"}
    in_memory = budgets({**config, "RATELIMIT_STORAGE_URI": "memory://"}, 2)
    in_redis = budgets({**config, "RATELIMIT_STORAGE_URI": REDIS}, 2)
    assert in_memory == Budgets(login="5 per 1 minute", api="300 per 1 minute")
    assert in_redis == Budgets(login="10 per minute", api="600/minute")


@pytest.mark.parametrize("uri", ["memory://", "", "memory:///", "MEMORY://", "memory://?a=1"])
def test_every_spelling_of_memory_counts_in_each_process(uri: str) -> None:
    config = {"PLANLOGG_RATELIMIT_LOGIN": "10 per minute", "PLANLOGG_RATELIMIT_API": "600/minute"}
    assert in_memory(uri)
    assert budgets({**config, "RATELIMIT_STORAGE_URI": uri}, 2).login == "5 per 1 minute"


def test_a_shared_store_is_not_memory() -> None:
    assert not in_memory(REDIS)
    assert not in_memory("redis+unix:///run/redis.sock")


def test_a_limit_smaller_than_the_workers_is_shared_over_a_longer_window() -> None:
    """Each worker allows one in a window long enough that together they allow no more."""
    assert shared("10 per minute", 16, "PLANLOGG_RATELIMIT_LOGIN") == "1 per 96 second"
    assert (
        shared("1 per minute;100 per hour", 2, "PLANLOGG_RATELIMIT_LOGIN")
        == "1 per 120 second;50 per 1 hour"
    )
    assert shared("3 per 2 hours", 4, "PLANLOGG_RATELIMIT_LOGIN") == "1 per 9600 second"


def test_a_limit_that_cannot_be_read_is_refused_in_norwegian() -> None:
    with pytest.raises(RateLimitSettingError) as refused:
        create_app(
            {
                "DATABASE_URL": "memory:",
                "SECRET_KEY": "test",
                "PLANLOGG_RATELIMIT_API": "ti i minuttet",
            }
        )
    assert str(refused.value).startswith(
        "PLANLOGG_RATELIMIT_API=ti i minuttet er ikke en grense Planlogg kan lese."
    )


def worker_of_two(demo_app: Planlogg, storage: dict[str, str]) -> Flask:
    """The app one of `serve --workers 2`'s workers has, counting in `storage`."""
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "k", "TESTING": True,
         "PLANLOGG_RATELIMIT_LOGIN": "10 per minute", "PLANLOGG_RATELIMIT_WORKERS": 2,
         **storage},
        app=demo_app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    web.extensions["planlogg"].read_models.read_your_writes()
    return web


def test_a_worker_of_two_counting_in_memory_allows_half_the_failures(
    demo_app: Planlogg, storage: dict[str, str], clear_of_a_minute_boundary: None
) -> None:
    """In Redis the two workers' counts are one, so each allows the whole budget."""
    failures_allowed = 5 if storage["RATELIMIT_STORAGE_URI"] == "memory://" else 10
    client = worker_of_two(demo_app, storage).test_client()
    answers = [client.get(HISTORY, headers=WRONG).status_code for _ in range(12)]
    assert answers == [401] * failures_allowed + [429] * (12 - failures_allowed)


def test_two_workers_counting_in_memory_together_allow_the_limit_once(
    demo_app: Planlogg, clear_of_a_minute_boundary: None
) -> None:
    """A client whose requests alternate between the two workers: 5 failures each, 10 in all."""
    memory = {"RATELIMIT_STORAGE_URI": "memory://"}
    clients = [worker_of_two(demo_app, memory).test_client() for _ in range(2)]
    answers = [clients[n % 2].get(HISTORY, headers=WRONG).status_code for n in range(30)]
    assert answers == [401] * 10 + [429] * 20


def test_serving_with_a_limit_that_cannot_be_read_is_refused_before_anything_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANLOGG_RATELIMIT_STORAGE", raising=False)
    monkeypatch.setenv("PLANLOGG_RATELIMIT_LOGIN", "ti i minuttet")

    def started(*args: object, **kwargs: object) -> None:
        raise AssertionError("serve went on to build or fork the server")

    monkeypatch.setattr(serve_commands, "build_server", started)
    monkeypatch.setattr(serve_commands, "serve_many", started)
    database = tmp_path / "p.sqlite"
    result = CliRunner().invoke(
        cli,
        ["--database-url", f"sqlite:///{database}", "serve", "--workers", "2",
         "--port", str(free_port())],
    )  # fmt: skip
    assert result.exit_code == EXIT_INVALID
    assert "PLANLOGG_RATELIMIT_LOGIN=ti i minuttet er ikke en grense" in result.output
    assert not database.exists()


def get_status(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, headers={**headers, "Connection": "close"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@contextmanager
def two_workers(postgres_url: str, env: dict[str, str]) -> Iterator[tuple[int, list[str]]]:
    """`planlogg serve --workers 2` on PostgreSQL with `env`, started: its port, and its
    output (filled in once it has stopped)."""
    served = start_serve(
        [sys.executable, "-c", "from web.cli import main; main()", "--database-url",
         postgres_url, "serve", "--demo", "--no-sync", "--workers", "2", "--threads", "2"],
        env,
    )  # fmt: skip
    output: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while get_status_or_none(f"{served.base}/healthz") != 200:
            if served.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("planlogg serve --workers 2 did not start")
            time.sleep(0.2)
        yield int(served.base.rsplit(":", 1)[1]), output
    finally:
        output.append(served.stop())


def get_status_or_none(url: str) -> int | None:
    try:
        return get_status(url, {})
    except OSError:
        return None


@pytest.mark.slow
def test_two_workers_on_postgresql_share_one_limit_through_redis(
    postgres_url: str, tmp_path: Path
) -> None:
    prefix = f"planlogg-test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PLANLOGG_DATA_DIR": str(tmp_path), "PLANLOGG_SECRET_KEY": "k",
           "PLANLOGG_RATELIMIT_STORAGE": REDIS, "PLANLOGG_RATELIMIT_PREFIX": prefix}  # fmt: skip
    try:
        with two_workers(postgres_url, env) as (port, output):
            url = f"http://127.0.0.1:{port}{HISTORY}"
            answers = [get_status(url, WRONG) for _ in range(30)]
    finally:
        keys = redis_keys(prefix)
        if keys:
            redis.Redis.from_url(REDIS).delete(*keys)
    assert "2 arbeidere" in output[0]
    assert "telles i minnet" not in output[0]
    assert answers == [401] * 10 + [429] * 20
    assert keys, "the workers did not count in Redis"


@pytest.mark.slow
def test_two_workers_on_postgresql_counting_in_memory_each_allow_half_the_limit(
    postgres_url: str, tmp_path: Path
) -> None:
    """One kept-alive connection is one worker's: it gets that worker's share, 5 of 10."""
    env = {key: value for key, value in os.environ.items()
           if key != "PLANLOGG_RATELIMIT_STORAGE"}  # fmt: skip
    env |= {"PLANLOGG_DATA_DIR": str(tmp_path), "PLANLOGG_SECRET_KEY": "k"}
    with two_workers(postgres_url, env) as (port, output):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        answers = []
        for _ in range(12):
            connection.request("GET", HISTORY, headers=WRONG)
            response = connection.getresponse()
            response.read()
            answers.append(response.status)
        connection.close()
    assert "hver av de 2 arbeiderne tillater 1/2 av hver grense" in output[0]
    assert answers == [401] * 5 + [429] * 7

"""Guessing tokens is limited per client: the login form and the API answer 429 with
Retry-After and a Norwegian message, with the counts in memory or in the shared Redis.

The real `planlogg serve --workers 2` on PostgreSQL is tried too: with the counts
in Redis the two workers together allow the limit once, not twice.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from tests.web.test_audit_pages import csrf_from
from tests.web.test_health_and_serve import free_port
from web import create_app
from web.cli import EXIT_USAGE, cli, serve_commands
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


def test_serving_with_several_workers_needs_the_shared_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANLOGG_RATELIMIT_STORAGE", raising=False)
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    result = CliRunner().invoke(cli, ["--database-url", url, "serve", "--workers", "2"])
    assert result.exit_code == EXIT_USAGE
    assert "PLANLOGG_RATELIMIT_STORAGE=redis://127.0.0.1:6379" in result.output


def get_status(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, headers={**headers, "Connection": "close"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.mark.slow
def test_two_workers_on_postgresql_share_one_limit_through_redis(
    postgres_url: str, tmp_path: Path
) -> None:
    port = free_port()
    prefix = f"planlogg-test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PLANLOGG_DATA_DIR": str(tmp_path), "PLANLOGG_SECRET_KEY": "k",
           "PLANLOGG_RATELIMIT_STORAGE": REDIS, "PLANLOGG_RATELIMIT_PREFIX": prefix}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-c", "from web.cli import main; main()", "--database-url",
         postgres_url, "serve", "--demo", "--no-sync", "--workers", "2", "--threads", "2",
         "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while get_status_or_none(f"{base}/healthz") != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("planlogg serve --workers 2 did not start")
            time.sleep(0.2)
        answers = [get_status(base + HISTORY, WRONG) for _ in range(30)]
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0].decode()
        keys = redis_keys(prefix)
        if keys:
            redis.Redis.from_url(REDIS).delete(*keys)
    assert "2 arbeidere" in output
    assert answers == [401] * 10 + [429] * 20
    assert keys, "the workers did not count in Redis"


def get_status_or_none(url: str) -> int | None:
    try:
        return get_status(url, {})
    except OSError:
        return None

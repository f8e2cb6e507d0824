"""Fixtures for the web tests: the demo plan in memory, the Flask app, tokens per role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner, Result
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance
from tests.notify.smtp_server import SmtpServer
from web import create_app
from web.cli import cli
from web.tokens import InMemoryTokenStore, Role, create_token

KEY = DEMO_PLAN
DRAFT_TEXT = "Utarbeide årshjul for 2025"
"""Words only the demo's pending revision (draft version 2) contains."""


@pytest.fixture
def demo_app() -> Planlogg:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    return app


@pytest.fixture
def web(demo_app: Planlogg) -> Flask:
    """The web app on the demo, its read models caught up (as `serve`'s follower would)."""
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "test-secret", "TESTING": True,
         "TODAY": "2024-09-05"},
        app=demo_app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    caught_up(web)
    return web


def caught_up(web: Flask) -> None:
    """Apply what was written outside the web app (as the follower of `serve` does)."""
    web.extensions["planlogg"].read_models.read_your_writes()


@pytest.fixture
def people_web(demo_app: Planlogg) -> Flask:
    """The web app with its clock fixed, for people signed in with `tests.web.signed_in`."""
    from tests.web.signed_in import web_on

    return web_on(demo_app)


@pytest.fixture
def demo_on_database(database_url: str) -> Iterator[tuple[Flask, Planlogg]]:
    """The demo on SQLite and on PostgreSQL, and the web app on it with its own read models,
    its clock fixed for people signed in with `tests.web.signed_in`."""
    from tests.web.signed_in import NOW

    app = Planlogg.from_url(database_url)
    load_demo(app)
    web = create_app(
        {"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True, "CLOCK": lambda: NOW},
        app=app,
        tokens=InMemoryTokenStore(),
    )
    caught_up(web)
    yield web, app
    app.close()


MAIL_FROM = "sekretariat@planlogg.example.org"


@pytest.fixture
def mailing_demo(database_url: str, smtp: SmtpServer) -> Iterator[tuple[Flask, Planlogg]]:
    """`demo_on_database` with reminders going to the loopback SMTP server `smtp`."""
    from tests.web.signed_in import NOW

    app = Planlogg.from_url(database_url)
    load_demo(app)
    web = create_app(
        {"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True,
         "CLOCK": lambda: NOW, "SMTP_URL": smtp.url, "MAIL_FROM": MAIL_FROM},
        app=app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    caught_up(web)
    yield web, app
    app.close()


@pytest.fixture
def client(web: Flask) -> FlaskClient:
    return web.test_client()


@pytest.fixture
def tokens(web: Flask) -> dict[str, str]:
    store = web.extensions["planlogg"].tokens
    names = {Role.EDITOR: "Erik Redaktør", Role.APPROVER: "Anne Godkjenner", Role.AUDITOR: "Rita"}
    return {role.value: create_token(store, name, role)[0] for role, name in names.items()}


@pytest.fixture
def auth(tokens: dict[str, str]) -> Callable[[str], dict[str, str]]:
    def headers(role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[role]}"}

    return headers


def event_count(app: Planlogg) -> int:
    return app.recorder.max_notification_id() or 0


def send_demo_on_hearing(app: Planlogg, by: Provenance) -> None:
    """The demo's working version sent on hearing 03.02.2025 to Trondheim kommune and PKO,
    with the deadline 01.03.2025: the hearing the web tests add responses to."""
    app.send_on_hearing(
        KEY,
        date(2025, 3, 1),
        by,
        asked=["Trondheim kommune", "PKO"],
        sent_on=date(2025, 2, 3),
    )


def refusal(result: Result) -> str:
    """A command's error on one line: its words, however the terminal wrapped them."""
    return " ".join(result.stderr.split())


@pytest.fixture
def demo_cli(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """`planlogg` as Kari on the demo in a SQLite file (its URL as `.url`); lines are not
    wrapped at a terminal's width."""
    monkeypatch.setenv("COLUMNS", "250")
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    if invoke("demo").exit_code != 0:
        raise RuntimeError("planlogg demo stoppa")
    invoke.url = sqlite_url  # type: ignore[attr-defined]
    return invoke


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plan pages rendered whole (a page found in the cache, or patched, is not)."""
    import web.public

    rendered: list[str] = []
    render = web.public._render

    def counted(document: dict[str, object], in_force: bool, **marks: bool) -> str:
        rendered.append(str(document["key"]))
        return render(document, in_force, **marks)

    monkeypatch.setattr(web.public, "_render", counted)
    return rendered


@pytest.fixture
def history_asked(web: Flask, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every query the read models' history was asked (a cached answer asks none)."""
    models = web.extensions["planlogg"].read_models
    asked: list[Any] = []
    history = models.history
    monkeypatch.setattr(models, "history", lambda query: asked.append(query) or history(query))
    return asked

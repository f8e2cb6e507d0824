"""Fixtures and steps shared by the user journeys: the same fixtures the tests use."""

from __future__ import annotations

from flask import Flask
from pytest_bdd import given

from domain.application import Planlogg
from domain.demo import load_demo
from tests.conftest import (  # noqa: F401 (re-exported pytest fixtures)
    app,
    by,
    database_url,
    emulator,
    memory_app,
    postgres_url,
    sheet_sync,
    smtp,
    sqlite_url,
)
from web import create_app
from web.tokens import InMemoryTokenStore


@given("the demo plan with a pending revision of measure 0.1.2", target_fixture="web")
def demo_web(memory_app: Planlogg) -> Flask:  # noqa: F811 (the fixture imported above)
    """The web app on the demo, its read models caught up as `serve`'s follower does."""
    load_demo(memory_app)
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "bdd", "TESTING": True},
        app=memory_app,
        tokens=InMemoryTokenStore(),
    )
    web.extensions["planlogg"].read_models.read_your_writes()
    return web

"""`PLANLOGG_RATELIMIT_API` is one budget of API requests per client address, whichever API
blueprint (reads, commands, the OpenAPI document) answers: each counted its own, so a client
that spread its requests over them got the budget three times."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from tests.web.conftest import caught_up
from web import create_app
from web.tokens import InMemoryTokenStore


def limited_web(demo_app: Planlogg) -> Flask:
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "k", "TESTING": True,
         "RATELIMIT_STORAGE_URI": "memory://", "PLANLOGG_RATELIMIT_API": "3 per minute"},
        app=demo_app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    caught_up(web)
    return web


def test_the_api_budget_is_shared_by_reads_and_the_openapi_document(
    demo_app: Planlogg, clear_of_a_minute_boundary: None
) -> None:
    client = limited_web(demo_app).test_client()
    assert [client.get("/api/plans").status_code for _ in range(3)] == [200, 200, 200]
    assert client.get("/api/openapi.json").status_code == 429


def test_the_api_budget_is_shared_by_reads_and_commands(
    demo_app: Planlogg, clear_of_a_minute_boundary: None
) -> None:
    client = limited_web(demo_app).test_client()
    assert [client.get("/api/plans").status_code for _ in range(3)] == [200, 200, 200]
    assert client.post("/api/plans", json={}).status_code == 429

"""While this version's read models are built, pages and the API say so and /healthz says
"building"; once built, everything answers. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from projections import ReadModels
from projections.rows import SCHEMA_VERSION
from web import create_app
from web.tokens import InMemoryTokenStore

NEW = SCHEMA_VERSION + 1


@pytest.fixture
def building(database_url: str) -> Iterator[tuple[Flask, ReadModels]]:
    """The demo served from its read models, and a web app on a version not built yet."""
    app = Planlogg.from_url(database_url)
    load_demo(app)
    ReadModels.open(app).catch_up()
    new = ReadModels.open(app, NEW)
    web = create_app(
        {"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True},
        app=app,
        read_models=new,
        tokens=InMemoryTokenStore(),
    )
    yield web, new
    app.close()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nb", "Planlogg er oppdatert til en ny versjon og gjør klar planene"),
        ("nn", "Planlogg er oppdatert til ein ny versjon og gjer klar planane"),
    ],
)
def test_a_page_says_the_read_models_are_being_built_and_when_to_ask_again(
    building: tuple[Flask, ReadModels], lang: str, words: str
) -> None:
    web, new = building
    total = new.lag()
    response = web.test_client().get(f"/planer/{DEMO_PLAN}?lang={lang}")
    assert (response.status_code, response.headers["Retry-After"]) == (503, "10")
    page = response.get_data(as_text=True)
    assert "<h1>Oppdatering pågår</h1>" in page and words in page
    assert f"0 av {total:,}".replace(",", "\u00a0") in page


def test_while_this_process_builds_the_page_counts_what_it_has_read_in(
    building: tuple[Flask, ReadModels],
) -> None:
    """On PostgreSQL the build's first stretch commits only at its end: the page counts the
    events this process has replayed so far, not the position committed before it."""
    web, new = building
    total = new.lag()
    seen: list[str] = []

    def look_at_the_page(done: int, stored: int) -> None:
        if not seen:
            seen.append(web.test_client().get(f"/planer/{DEMO_PLAN}").get_data(as_text=True))

    new.build(look_at_the_page, workers=0)
    assert f"{total:,} av {total:,}".replace(",", "\u00a0") in seen[0]
    assert new.build_progress() == (new.position(), new.position())


def test_the_api_and_healthz_say_building_until_built_then_answer(
    building: tuple[Flask, ReadModels],
) -> None:
    web, new = building
    client = web.test_client()
    answer = client.get("/api/plans")
    assert (answer.status_code, answer.json["error"]["kind"]) == (503, "building")
    health = client.get("/healthz")
    assert health.status_code == 503
    assert (health.json["status"], health.json["projections"]["ready"]) == ("building", False)
    assert health.json["projections"]["version"] == NEW
    new.catch_up()
    health = client.get("/healthz")
    assert (health.status_code, health.json["status"]) == (200, "ok")
    assert health.json["projections"]["ready"] is True
    assert [plan["key"] for plan in client.get("/api/plans").json] == [DEMO_PLAN]
    assert client.get(f"/planer/{DEMO_PLAN}").status_code == 200

"""Steps for features/upgrade_beside.feature: two versions of the read models, one database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from flask import Flask
from pytest_bdd import given, parsers, scenario, then, when

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from projections import ReadModels
from projections.rows import SCHEMA_VERSION
from web import create_app
from web.tokens import InMemoryTokenStore

PAGE = f"/planer/{DEMO_PLAN}"


@dataclass
class Versions:
    """The same database served by the read models of this version and of the next."""

    app: Planlogg
    old: Flask
    new: Flask | None = None

    def models(self, web: Flask) -> ReadModels:
        models: ReadModels = web.extensions["planlogg"].read_models
        return models

    def page(self, web: Flask) -> str:
        return web.test_client().get(PAGE).get_data(as_text=True)


def _web(database_url: str, app: Planlogg, models: ReadModels) -> Flask:
    config = {"DATABASE_URL": database_url, "SECRET_KEY": "bdd", "TESTING": True}
    return create_app(config, app=app, read_models=models, tokens=InMemoryTokenStore())


@scenario("upgrade_beside.feature", "The new read models are built while the old ones serve")
def test_the_new_read_models_are_built_while_the_old_ones_serve(versions: Versions) -> None:
    """Runs on SQLite and PostgreSQL (the `database_url` fixture is parametrised)."""


@pytest.fixture
def versions(database_url: str) -> Iterator[Versions]:
    app = Planlogg.from_url(database_url)
    yield Versions(app, _web(database_url, app, ReadModels.open(app)))
    app.close()


@given("the demo plan served by this version of the read models")
def served(versions: Versions) -> None:
    load_demo(versions.app)
    versions.models(versions.old).catch_up()
    page = versions.page(versions.old)
    assert "Utarbeide årshjul." in page and "04.09.2024" not in status_cell(page, "1.2.1")


@when("a new version of Planlogg starts on the same database")
def new_version(versions: Versions, database_url: str) -> None:
    next_version = ReadModels.open(versions.app, SCHEMA_VERSION + 1)
    versions.new = _web(database_url, versions.app, next_version)


@then('the new version answers "Oppdatering pågår" and its health check says "building"')
def building(versions: Versions) -> None:
    assert versions.new is not None
    client = versions.new.test_client()
    page = client.get(PAGE)
    assert (page.status_code, page.headers["Retry-After"]) == (503, "10")
    assert "<h1>Oppdatering pågår</h1>" in page.get_data(as_text=True)
    health = client.get("/healthz")
    assert (health.status_code, health.json["status"]) == (503, "building")


@when(parsers.parse('a status of measure "{number}" is reported as "{colour}" meanwhile'))
def reported(versions: Versions, number: str, colour: str) -> None:
    by = Provenance("Leiar fagråd", Source.WEB, reason="Statusrapport")
    versions.app.report_status(DEMO_PLAN, number, colour, "Stoppa opp", by, date(2024, 9, 4))
    versions.models(versions.old).catch_up()


def status_cell(page: str, number: str) -> str:
    """The status cell of one measure's row on the public plan."""
    row = page.split(f'<tr id="tiltak-{number}">', 1)[1].split("</tr>", 1)[0]
    return row.split('<td class="status"', 1)[1]


@then("the old version shows the new status on the public plan")
def old_shows(versions: Versions) -> None:
    cell = status_cell(versions.page(versions.old), "1.2.1")
    assert 'class="light light-red"' in cell and "04.09.2024" in cell


@when("the new version has read every event")
def built(versions: Versions) -> None:
    assert versions.new is not None
    versions.models(versions.new).catch_up()


@then('its health check says "ok" and it shows the public plan as the old version does')
def same_plan(versions: Versions) -> None:
    assert versions.new is not None
    client = versions.new.test_client()
    health = client.get("/healthz")
    assert (health.status_code, health.json["status"]) == (200, "ok")
    api = f"/api/plans/{DEMO_PLAN}/adopted"
    answer = client.get(api)
    assert (answer.status_code, answer.json["version"]) == (200, 1)
    assert answer.json == versions.old.test_client().get(api).json
    assert versions.page(versions.new) == versions.page(versions.old)


@then("both versions find the audit chain intact")
def chain_intact(versions: Versions) -> None:
    assert versions.new is not None
    for web in (versions.old, versions.new):
        report = versions.models(web).verify_chain()
        assert report.ok and report.checked == versions.app.recorder.max_notification_id()

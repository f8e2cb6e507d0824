"""Times people read and type are Norwegian time: on the auditors' pages, in the command
line's --since/--until/--as-of and its tables. The API keeps ISO 8601 with the offset.

Two changes straddle midnight in Norway (22:30 and 23:30 UTC on 1 March 2025 are
23:30 on 1 March and 00:30 on 2 March in Oslo), so a date read as UTC would put
both on the same day; the events are stamped by a fixed clock.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.conftest import EventClock
from tests.web.signed_in import NOW, person_with, signed_in
from web import create_app
from web.cli import cli
from web.tokens import InMemoryTokenStore

BEFORE_MIDNIGHT = "Tekst skrevet 23.30 norsk tid 1. mars"
AFTER_MIDNIGHT = "Tekst skrevet 00.30 norsk tid 2. mars"


@pytest.fixture
def straddling(event_clock: EventClock, sqlite_url: str) -> Iterator[str]:
    app = Planlogg.from_url(sqlite_url)
    load_demo(app)
    by = Provenance("Kari", Source.WEB)
    for moment, text in (
        (datetime(2025, 3, 1, 22, 30, tzinfo=UTC), BEFORE_MIDNIGHT),
        (datetime(2025, 3, 1, 23, 30, tzinfo=UTC), AFTER_MIDNIGHT),
    ):
        event_clock.moment = moment
        app.reword_measure(DEMO_PLAN, "1.2.1", text, by)
    app.close()
    yield sqlite_url


def history(url: str, *options: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(
        cli,
        ["--database-url", url, "history", DEMO_PLAN, "--measure", "1.2.1", *options],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output) if "--json" in options else [{"table": result.output}]


def test_since_and_until_on_the_command_line_are_days_in_norway(straddling: str) -> None:
    first = history(straddling, "--since", "2025-03-01", "--until", "01.03.2025", "--json")
    second = history(straddling, "--since", "2025-03-02", "--until", "2025-03-02", "--json")
    assert [row["after"] for row in first] == [BEFORE_MIDNIGHT]
    assert [row["after"] for row in second] == [AFTER_MIDNIGHT]
    assert second[0]["occurred_at"] == "2025-03-01T23:30:00.000000+00:00"


def test_the_command_lines_history_table_shows_norwegian_time(straddling: str) -> None:
    (table,) = history(straddling, "--since", "2025-03-02")
    assert "Tid (norsk tid)" in table["table"]
    assert "02.03.2025 00:30" in table["table"]


def test_show_as_of_a_day_is_the_end_of_that_day_in_norway(straddling: str) -> None:
    result = CliRunner().invoke(
        cli, ["--database-url", straddling, "show", DEMO_PLAN, "--json", "--as-of", "2025-03-01"]
    )
    measures = {
        m["number"]: m["text"]
        for a in json.loads(result.output)["areas"]
        for g in a["goals"]
        for m in g["measures"]
    }
    assert measures["1.2.1"] == BEFORE_MIDNIGHT


@pytest.fixture
def auditor(straddling: str) -> FlaskClient:
    app = Planlogg.from_url(straddling)
    web = create_app(
        {"DATABASE_URL": straddling, "SECRET_KEY": "t", "TESTING": True, "CLOCK": lambda: NOW},
        app=app,
        tokens=InMemoryTokenStore(),
    )
    web.extensions["planlogg"].read_models.read_your_writes()
    return signed_in(web, person_with(app, Role.AUDITOR))


def test_the_history_page_filters_and_shows_days_and_times_in_norway(auditor) -> None:
    page = auditor.get(
        f"/revisjon/?plan={DEMO_PLAN}&measure=1.2.1&since=2025-03-02&until=2025-03-02"
    ).get_data(as_text=True)
    assert '<p class="result-count" role="status">1 endring passer filteret.' in page
    assert '<th scope="col" role="columnheader">Tid (norsk tid)</th>' in page
    assert '<time datetime="2025-03-02T00:30:00+01:00">02.03.2025 00:30</time>' in page
    assert '<label for="since">Fra dato (norsk tid)</label>' in page


def test_the_as_of_picker_means_the_end_of_the_day_in_norway(auditor) -> None:
    first = auditor.get(f"/revisjon/{DEMO_PLAN}/per-dato?dato=2025-03-01").get_data(as_text=True)
    second = auditor.get(f"/revisjon/{DEMO_PLAN}/per-dato?dato=2025-03-02").get_data(as_text=True)
    assert BEFORE_MIDNIGHT in first and AFTER_MIDNIGHT not in first
    assert AFTER_MIDNIGHT in second and BEFORE_MIDNIGHT not in second
    assert "ved utgangen av 01.03.2025 (norsk tid)" in first


def test_the_api_keeps_iso_8601_with_the_offset(auditor) -> None:
    rows = auditor.get(f"/revisjon/logg.json?plan={DEMO_PLAN}&measure=1.2.1&since=2025-03-02").json
    assert [row["occurred_at"] for row in rows] == ["2025-03-01T23:30:00.000000+00:00"]

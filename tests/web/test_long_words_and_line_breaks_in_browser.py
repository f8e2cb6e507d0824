"""In headless Chromium: what the public and auditors read, as they read it.

- A goal or an area whose text holds a web address (plans point to the national
  guidelines) keeps the adopted plan's page within a 390-pixel phone: headings and goal
  texts break a long word anywhere, as the measure texts (`td.text`) do.
- The comparison of two adopted versions keeps each side's line breaks (`white-space:
  pre-wrap` on the history tables' before and after cells, still escaped text): a measure
  text made one line from a list reads differently before and after.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from tests.web.loopback_server import loopback_server
from tests.web.test_browser import CHROMIUM_ARGS
from web import create_app
from web.tokens import InMemoryTokenStore, Role, create_token

pytestmark = pytest.mark.browser

KEY = DEMO_PLAN
PHONE = 390
BY = Provenance("Sekretariatet", Source.CLI, reason="Gjennomgang")
ADDRESS = (
    "https://www.helsedirektoratet.no/retningslinjer/"
    "behandling-og-rehabilitering-av-rusmiddelproblemer-og-avhengighet"
)


def _adopt(app: Planlogg, case: str = "ASU sak 7/24", meeting: date = date(2024, 9, 1)) -> None:
    """The working version adopted by ASU's decision `case` (each version its own)."""
    version = app.submit(KEY, ["ASU"], BY)
    app.approve(KEY, version, "ASU", case, meeting, BY)


def _web(app: Planlogg) -> Flask:
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "t", "TESTING": True},
        app=app,
        tokens=InMemoryTokenStore(),
    )
    web.extensions["planlogg"].read_models.read_your_writes()
    return web


@pytest.fixture
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def test_on_a_phone_a_goal_with_a_web_address_keeps_the_plan_within_the_screen(
    chromium: Any,
) -> None:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    app.reword_goal(KEY, "1.2", f"Helhetlige pasientforløp, se {ADDRESS}", BY)
    _adopt(app)
    with loopback_server(_web(app)) as base:
        page = chromium.new_context(viewport={"width": PHONE, "height": 844}).new_page()
        page.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda r: r.abort())
        assert page.goto(f"{base}/planer/{KEY}").status == 200
        assert page.locator("#mal-1\\.2").inner_text().endswith(ADDRESS)
        assert page.evaluate("() => document.documentElement.scrollWidth") == PHONE


def test_a_text_whose_lines_changed_shows_its_lines_in_the_comparison(chromium: Any) -> None:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    app.reword_measure(KEY, "0.1.1", "Avklare rutiner:\n- innleggelse\n- utskriving", BY)
    _adopt(app)
    app.start_revision(KEY, BY)
    app.reword_measure(KEY, "0.1.1", "Avklare rutiner: - innleggelse - utskriving", BY)
    _adopt(app, "ASU sak 9/24", date(2024, 10, 1))
    web = _web(app)
    client = web.test_client()
    token = create_token(web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR)[0]
    login = client.get("/logg-inn").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login)
    assert csrf is not None
    assert client.post("/logg-inn", data={"token": token, "csrf_token": csrf[1]}).status_code == 302
    cookie = client.get_cookie(web.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    with loopback_server(web) as base:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])
        page = context.new_page()
        page.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda r: r.abort())
        assert page.goto(f"{base}/revisjon/{KEY}/endringer?a=2&b=3").status == 200
        row = page.locator("tr", has=page.locator("th", has_text="0.1.1")).filter(
            has=page.locator("td", has_text="tekst")
        )
        before = row.locator("td.before").inner_text()
        after = row.locator("td.after").inner_text()
        assert before.splitlines() == ["Avklare rutiner:", "- innleggelse", "- utskriving"]
        assert after.splitlines() == ["Avklare rutiner: - innleggelse - utskriving"]

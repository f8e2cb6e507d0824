"""Headless Chromium against `planlogg serve`'s app under waitress: the public plan,
the audit history filtered and downloaded as CSV. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.demo import DEMO_PLAN
from tests.projections.history_csv import history_rows
from tests.web.loopback_server import loopback_server
from web.cli.serve_commands import Server, build_server
from web.tokens import create_token

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu"]

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Server]]:
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    server = build_server(f"sqlite:///{tmp_path / 'p.sqlite'}", sync=False)
    server.start_background()
    with loopback_server(server.web) as base:
        yield base, server
    server.shutdown()


@pytest.fixture
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def test_the_public_plan_loads_on_a_phone_and_on_a_desktop(served, browser) -> None:
    base, _ = served
    for name, viewport in (("mobil", (390, 844)), ("desktop", (1280, 900))):
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        page.goto(base + "/")
        page.get_by_role("link", name="Handlingsplan 2022-2024").click()
        page.wait_for_url(f"**/planer/{DEMO_PLAN}")
        assert page.get_by_role("heading", level=1).inner_text().startswith("Handlingsplan")
        assert page.locator("#tiltak-1\\.2\\.1 .light-yellow").count() == 1
        assert "årshjul for 2025" not in page.content()
        page.screenshot(path=str(ARTIFACTS / f"offentlig-plan-{name}.png"), full_page=False)
        page.close()


def test_an_auditor_filters_the_history_and_downloads_the_csv(served, browser) -> None:
    base, server = served
    token, _ = create_token(server.web.extensions["planlogg"].tokens, "Rita", "auditor")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.goto(base + "/revisjon/")
    page.get_by_label("API-token").fill(token)
    page.keyboard.press("Enter")
    page.wait_for_url("**/revisjon/")
    page.get_by_label("Plan", exact=True).select_option(DEMO_PLAN)
    page.get_by_label("Tiltak (nr. eller ID)").fill("0.1.2")
    page.get_by_label("Kilde").select_option("cli")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**measure=0.1.2**")
    shown = int(page.locator(".result-count").inner_text().split()[0])
    assert shown == 1  # the demo changed 0.1.2 once from the command line
    assert page.locator("table.history tbody tr").count() == shown
    page.screenshot(path=str(ARTIFACTS / "revisjonslogg-filtrert.png"), full_page=False)
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    path = ARTIFACTS / "revisjonslogg-0.1.2.csv"
    info.value.save_as(str(path))
    rows = history_rows(path.read_text(encoding="utf-8"))
    assert len(rows) == shown
    assert {r["measure_number"] for r in rows} == {"0.1.2"}
    page.close()


def test_the_dashboard_renders_its_charts(served, browser) -> None:
    base, server = served
    token, _ = create_token(server.web.extensions["planlogg"].tokens, "Erik", "editor")
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{base}/logg-inn?next=/planer/{DEMO_PLAN}/dashbord")
    page.get_by_label("API-token").fill(token)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/dashbord")
    assert page.locator("svg.chart").count() == 3  # areas, bodies, the trend across rounds
    assert page.locator("svg.chart.trend").count() == 1
    page.screenshot(path=str(ARTIFACTS / "dashbord.png"), full_page=True)
    page.close()

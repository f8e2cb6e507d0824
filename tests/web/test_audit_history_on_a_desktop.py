"""In headless Chromium at 1280 pixels, the width of a common laptop's browser window: the
history, of one plan and of every plan, in bokmål and nynorsk, is no wider than the window,
and its table fits its box, nothing of it reached by scrolling sideways. Screenshots go to
test-artifacts/sider/ (see test_pages_in_browser.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web import test_pages_in_browser as in_browser
from tests.web.test_pages_in_browser import (
    KEY,
    Site,
    axe_violations,
    open_page,
    screenshot,
    the_secretariats_year,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
site, browser = in_browser.site, in_browser.browser
"""The fixtures of test_pages_in_browser.py: Planlogg under waitress on the demo, Chromium."""

HISTORIES = {
    "revisjonslogg-planen": f"/revisjon/?plan={KEY}&limit=500",
    "revisjonslogg-alle-planer": "/revisjon/?limit=500",
}
"""Every row of the demo's year (the secretariat's too) on one page: the widest values."""

WIDTHS = """() => [document.scrollingElement.scrollWidth,
    [...document.querySelectorAll("main .table-wrap")]
        .map(box => [box.scrollWidth, box.clientWidth])]"""
"""The page's width, and each table box's: the width of what it holds, and its own."""


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_history_fits_a_1280_pixel_window(site: Site, browser: Any, målform: str) -> None:
    the_secretariats_year(site)
    page = open_page(browser, site, "auditor", "desktop")
    widths: dict[str, Any] = {}
    for name, path in HISTORIES.items():
        answer = page.goto(f"{site.base}{path}&lang={målform}")
        assert answer is not None and answer.status == 200, name
        widths[name] = page.evaluate(WIDTHS)
        screenshot(page, f"{name}-{målform}", "desktop")
        assert axe_violations(page) == [], name
    assert widths == {name: [1280, [[1248, 1248]]] for name in HISTORIES}

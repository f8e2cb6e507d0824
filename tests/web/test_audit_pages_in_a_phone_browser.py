"""In headless Chromium on a 390-pixel phone: no auditors' page is wider than the screen,
in bokmål or nynorsk, and every value of their tables is in view, each row stacked with its
column's name before each value, while Chromium still reads them as a table (rows, column
headers and cells). Screenshots go to test-artifacts/sider/ (see test_pages_in_browser.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from domain.norwegian_time import oslo_today
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

PHONE = 390
AUDIT_PAGES = {
    "revisjonslogg": f"/revisjon/?plan={KEY}",
    "tidslinje": f"/revisjon/{KEY}/tiltak/0.1.2",
    "vedtak": f"/revisjon/vedtak?plan={KEY}",
    "horing": f"/revisjon/{KEY}/horinger/2",
    "endringer": f"/revisjon/{KEY}/endringer",
    "endringer-1-1": f"/revisjon/{KEY}/endringer?a=1&b=1",
    "per-dato": f"/revisjon/{KEY}/per-dato?dato={{today}}",
}

OUT_OF_VIEW = """() => [...document.querySelectorAll("main table tbody :is(td, th)")]
    .filter(cell => cell.textContent.trim())
    .map(cell => [cell, cell.getBoundingClientRect()])
    .filter(([, box]) => box.left < 0 || box.right > window.innerWidth + 0.5)
    .map(([cell, box]) => `${cell.dataset.label}: ${cell.textContent.trim().slice(0, 40)}`
                          + ` (${Math.round(box.left)}–${Math.round(box.right)})`)"""
"""Each table cell with something in it that is not wholly inside the screen."""


def table_roles(page: Any) -> set[str]:
    """The roles Chromium's own accessibility tree gives the page's nodes (what a screen
    reader is told), not those the markup implies."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    return {node.get("role", {}).get("value", "") for node in nodes}


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_no_audit_page_is_wider_than_a_phone(site: Site, browser: Any, målform: str) -> None:
    the_secretariats_year(site)
    page = open_page(browser, site, "auditor", "mobil")
    wider: dict[str, int] = {}
    out_of_view: dict[str, list[str]] = {}
    for name, pattern in AUDIT_PAGES.items():
        path = pattern.format(today=oslo_today())
        answer = page.goto(f"{site.base}{path}{'&' if '?' in path else '?'}lang={målform}")
        assert answer is not None and answer.status == 200, name
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE:
            wider[name] = width
        cells = page.evaluate(OUT_OF_VIEW)
        if cells:
            out_of_view[name] = cells[:5]
        screenshot(page, f"{name}-{målform}", "mobil")
    assert (wider, out_of_view) == ({}, {})


def test_a_change_log_row_on_a_phone_is_a_table_row_with_its_values_named(
    site: Site, browser: Any
) -> None:
    """The rows are stacked, each value after its column's name, what changed in plain view;
    Chromium still tells a screen reader of rows, column headers and cells."""
    page = open_page(browser, site, "auditor", "mobil")
    page.goto(f"{site.base}/revisjon/?plan={KEY}&measure=0.1.2&source=cli")
    row = page.locator("main table tbody tr").first
    after = row.locator("td[data-label='Etter']")
    before = row.locator("td[data-label='Før']")
    for cell in (row.locator("td[data-label='Felt']"), before, after):
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    named = after.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert named == '"Etter: "'
    assert after.inner_text().endswith("Utarbeide årshjul for 2025 med faste rapporteringspunkt.")
    assert {"table", "row", "columnheader", "cell"} <= table_roles(page)
    assert axe_violations(page) == []

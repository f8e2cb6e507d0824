"""The dashboard in headless Chromium on a 390-pixel phone, in bokmål and nynorsk, with the
secretariat's reminders (one "kanskje sendt", one refused) and their buttons: nothing makes
the page wider than the screen, every cell and button of its tables is on the screen, the
charts that scroll in their box say so, and the tables stay tables to a screen reader.
Screenshots go to test-artifacts/sider/ (see test_pages_in_browser.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web import test_pages_in_browser as in_browser
from tests.web.test_pages_in_browser import (
    KEY,
    VIEWPORTS,
    Site,
    axe_violations,
    open_page,
    screenshot,
    the_secretariats_year,
)

pytestmark = pytest.mark.browser
site, browser = in_browser.site, in_browser.browser
"""The fixtures of test_pages_in_browser.py: Planlogg under waitress on the demo, Chromium."""

PHONE = VIEWPORTS["mobil"][0]
TABLES = "table.counts, table.progress, table.not-smart"
STACKED = "table.stack-on-phone"
"""The tables laid out as cards on a phone: one set of rules with the audit pages'."""

OFF_SCREEN = """(selector) => [...document.querySelectorAll(selector)]
  .flatMap((table) => [...table.querySelectorAll('th, td, button')])
  .filter((part) => part.getClientRects().length > 0)
  .filter((part) => { const box = part.getBoundingClientRect();
                      return box.left < 0 || box.right > innerWidth + 0.5; })
  .map((part) => part.tagName + ' ' + part.textContent.trim().slice(0, 40))"""
"""The cells and buttons of the tables that reach past either edge of the screen."""


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_on_a_phone_the_dashboard_is_no_wider_than_the_screen(
    site: Site, browser: Any, målform: str
) -> None:
    """The refused and "kanskje sendt" reminders' buttons, hidden words and all, made the
    document 450 px wide (487 in nynorsk), and the tables were cut at the screen's edge."""
    the_secretariats_year(site)
    page = open_page(browser, site, "editor", "mobil")
    page.goto(f"{site.base}/planer/{KEY}/dashbord?lang={målform}")

    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE
    assert page.evaluate(OFF_SCREEN, TABLES) == []
    assert page.locator("table.progress button").count() == 3
    assert axe_violations(page) == []
    screenshot(page, f"dashbord-{målform}", "mobil-paaminnelser")


HINT = {
    "nb": "Diagrammet er bredere enn skjermen: dra det sideveis for å se hele.",
    "nn": "Diagrammet er breiare enn skjermen: dra det sidelengs for å sjå heile.",
}


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_a_chart_wider_than_the_phone_says_it_scrolls_sideways(
    site: Site, browser: Any, målform: str
) -> None:
    """Nothing showed that the bar charts scroll in their box; on a phone a line under each
    says so, on a desktop (where the chart fits) it is not shown."""
    page = open_page(browser, site, "editor", "mobil")
    page.goto(f"{site.base}/planer/{KEY}/dashbord?lang={målform}")
    charts = page.locator(".chart-wrap").all()
    assert len(charts) == 2
    for chart in charts:
        assert chart.evaluate("(box) => box.scrollWidth > box.clientWidth")
    hints = page.locator(".scroll-hint")
    assert hints.all_inner_texts() == [HINT[målform]] * 2
    assert all(hint.is_visible() for hint in hints.all())

    page.set_viewport_size({"width": VIEWPORTS["desktop"][0], "height": VIEWPORTS["desktop"][1]})
    for chart in charts:
        assert chart.evaluate("(box) => box.scrollWidth <= box.clientWidth")
    assert not any(hint.is_visible() for hint in hints.all())


def test_on_a_phone_the_stacked_tables_are_still_tables_to_a_screen_reader(
    site: Site, browser: Any
) -> None:
    """A table whose rows and cells are laid out as boxes may lose them to a screen reader
    (Safari drops them): the roles in the markup keep each stacked table, its rows, headers
    and cells, as Chromium's own accessibility tree shows; each value is named by its column."""
    the_secretariats_year(site)
    page = open_page(browser, site, "editor", "mobil")
    page.goto(f"{site.base}/planer/{KEY}/dashbord")
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]

    def roles(selector: str) -> set[str]:
        found = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})
        return {
            cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})[
                "nodes"
            ][0]["role"]["value"]
            for node in found["nodeIds"]
        }

    assert page.locator(STACKED).count() == 3
    assert page.locator(STACKED).first.evaluate("(t) => getComputedStyle(t).display") == "block"
    assert roles(STACKED) == {"table"}
    assert roles(f"{STACKED} tr") == {"row"}
    assert roles(f"{STACKED} thead th") == {"columnheader"}
    assert roles(f"{STACKED} tbody th") == {"rowheader"}
    assert roles(f"{STACKED} td") == {"cell"}
    labels = page.locator("table.progress tbody tr").first.evaluate(
        "(row) => [...row.querySelectorAll('td[data-label]')]"
        ".map((td) => getComputedStyle(td, '::before').content)"
    )
    assert labels == ['"Alle tiltak rapportert: "', '"Tiltak med status i runden: "',
                      '"Påminnelser: "']  # fmt: skip


DISPLAYS = """(tables) => tables.map((table) => [table.className, getComputedStyle(table).display,
  getComputedStyle(table.querySelector('tbody td')).display])"""
"""Each table's class, how it is laid out, and how its first cell is."""


@pytest.mark.parametrize(
    ("width", "table", "count", "progress"),
    [(720, "block", "inline-block", "block"), (820, "table", "table-cell", "table-cell")],
)
def test_the_dashboard_tables_turn_into_cards_where_the_audit_pages_do(
    site: Site, browser: Any, width: int, table: str, count: str, progress: str
) -> None:
    """The dashboard had its own copy of the audit pages' card rules (class "stack", below
    40rem); with one set, its tables are cards below 50rem as theirs are (720 px is 45rem),
    the counts side by side, and tables above (820 px)."""
    the_secretariats_year(site)
    page = open_page(browser, site, "editor", "mobil")
    page.set_viewport_size({"width": width, "height": VIEWPORTS["mobil"][1]})
    page.goto(f"{site.base}/planer/{KEY}/dashbord")

    assert page.locator("table.stack").count() == 0
    assert page.locator(STACKED).evaluate_all(DISPLAYS) == [
        ["counts stack-on-phone", table, count],
        ["counts stack-on-phone", table, count],
        ["progress stack-on-phone", table, progress],
    ]

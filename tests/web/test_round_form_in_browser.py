"""The reporting round's pages in headless Chromium, on a desktop and a 390-pixel phone, in
bokmål and nynorsk: the form to open a round, asking before it opens one late, the dashboard
after opening it (with the warnings and the round's buttons), the form to change its reminders
and the question before closing the round. Nothing is wider
than the screen and axe-core finds no violation. Screenshots go to test-artifacts/sider/
(see test_pages_in_browser.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from domain.norwegian_time import oslo_today
from domain.provenance import Provenance, Source
from tests.web import test_pages_in_browser as in_browser
from tests.web.test_pages_in_browser import (
    KEY,
    VIEWPORTS,
    Site,
    axe_violations,
    open_page,
    screenshot,
)

pytestmark = pytest.mark.browser
site, browser = in_browser.site, in_browser.browser
"""The fixtures of test_pages_in_browser.py: Planlogg under waitress on the demo, Chromium."""

SECRETARIAT = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 40/24")
WIDTH = "() => document.documentElement.scrollWidth"
WITHIN_FORM = """(selector) => {
  const entry = document.querySelector(selector);
  const form = entry.closest('form').getBoundingClientRect();
  const box = entry.getBoundingClientRect();
  return box.left >= form.left - 0.5 && box.right <= form.right + 0.5;
}"""
"""Whether an entry lies within its form's width: a choice of long options grew past it on a
phone, its longest option cut at the screen's edge."""


@pytest.mark.parametrize("viewport", ["desktop", "mobil"])
@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_a_round_opened_late_in_the_browser_and_its_reminders(
    site: Site, browser: Any, målform: str, viewport: str
) -> None:
    site.server.app.close_reporting_round(KEY, SECRETARIAT, "R1")
    site.caught_up()
    page = open_page(browser, site, "editor", viewport)
    page.goto(f"{site.base}/planer/{KEY}/dashbord/runde/ny?lang={målform}")
    assert page.evaluate(WIDTH) <= VIEWPORTS[viewport][0]
    assert page.evaluate(WITHIN_FORM, "#decision") is True
    assert axe_violations(page) == []
    screenshot(page, f"runde-ny-{målform}", viewport)

    page.click("#deadline")  # an empty form sent: each refusal at its field
    page.locator("form.edit-form input[name=bodies]").evaluate_all(
        "(boxes) => boxes.forEach((b) => { b.checked = false; })"
    )
    page.click("form.edit-form button[type=submit]")
    assert page.locator("p.error").count() == 3
    assert page.evaluate(WIDTH) <= VIEWPORTS[viewport][0]
    assert axe_violations(page) == []
    screenshot(page, f"runde-ny-avvist-{målform}", viewport)

    deadline = (oslo_today() + timedelta(days=5)).strftime("%d.%m.%Y")
    page.fill("#deadline", deadline)
    page.select_option("#decision", "ASU sak 40/24")
    page.check("input[name=bodies] >> nth=0")
    page.click("form.edit-form button[type=submit]")  # its «14 dager før» is due: asked first
    assert page.locator("#deadline-error").count() == 1
    assert page.input_value("#deadline") == deadline
    assert page.evaluate(WIDTH) <= VIEWPORTS[viewport][0]
    assert axe_violations(page) == []
    screenshot(page, f"runde-ny-spurt-{målform}", viewport)
    page.check("#likevel")
    page.click("form.edit-form button[type=submit]")
    page.wait_for_url("**/dashbord?runde=apnet*")
    assert page.locator("ul.round-warnings li").count() == 2
    assert page.evaluate(WIDTH) <= VIEWPORTS[viewport][0]
    assert axe_violations(page) == []
    page.locator("#runde").scroll_into_view_if_needed()
    screenshot(page, f"runde-apnet-{målform}", viewport)

    page.click("ul.round-warnings a")
    assert page.input_value("#schedule") == "3,-1"
    assert axe_violations(page) == []
    screenshot(page, f"runde-paaminnelser-{målform}", viewport)

    page.goto(f"{site.base}/planer/{KEY}/dashbord#runde")
    page.click("p.round-close a")  # «Lukk runden» asks first
    assert page.locator("h1").inner_text() == "Lukk runde R2?"
    assert page.evaluate(WIDTH) <= VIEWPORTS[viewport][0]
    assert axe_violations(page) == []
    screenshot(page, f"runde-lukk-{målform}", viewport)
    page.click("a.button-link.secondary")  # «Avbryt»
    page.wait_for_url("**/dashbord#runde")
    assert site.server.app.get_plan(KEY).open_round_id() == "R2"

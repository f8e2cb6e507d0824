"""The status form in a new round in headless Chromium, on a desktop and a 390-pixel phone, in
bokmål and nynorsk: the status from before stands under its measure, inside the measure's box,
read with the measure's choices (the box's description); the inputs are empty; the page and
the page after a save pass axe, and the save's notice says what the body still lacks.
Screenshots go to test-artifacts/sider/ (see test_pages_in_browser.py)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect

from domain.provenance import Provenance, Source
from tests.web import test_pages_in_browser as in_browser
from tests.web.test_pages_in_browser import (
    KEY,
    REPORTING_BODY,
    VIEWPORTS,
    Site,
    axe_violations,
    open_page,
    screenshot,
)

pytestmark = pytest.mark.browser
site, browser = in_browser.site, in_browser.browser
"""The fixtures of test_pages_in_browser.py: Planlogg under waitress on the demo, Chromium."""

SECRETARIAT = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 4/24")
WORDS = {
    "nb": {
        "last": "Sist rapportert: rød – Ikkje starta. (02.09.2024, av Leiar fagråd)",
        "saved": "1 tiltak fikk ny status. "
        "4 tiltak mangler fortsatt status i runden: 4.1.2, 4.2.1, 4.2.2, 4.3.1.",
        "save": "Lagre status",
    },
    "nn": {
        "last": "Sist rapportert: raud – Ikkje starta. (02.09.2024, av Leiar fagråd)",
        "saved": "1 tiltak fekk ny status. "
        "4 tiltak manglar framleis status i runden: 4.1.2, 4.2.1, 4.2.2, 4.3.1.",
        "save": "Lagre status",
    },
}
IN_BOX = """(last) => {
  const box = last.closest('fieldset').getBoundingClientRect(), own = last.getBoundingClientRect();
  return own.left >= box.left && own.right <= box.right;
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_a_status_from_before_is_read_under_its_measure_and_the_save_says_what_is_left(
    site: Site, browser: Any, viewport: str, målform: str
) -> None:
    app = site.server.app
    app.close_reporting_round(KEY, SECRETARIAT)  # R1's reports stand from before in R2
    body = "Fagråd for digital samhandling"
    assert app.open_reporting_round(KEY, date(2024, 11, 1), [body], SECRETARIAT) == "R2"
    site.caught_up()
    plan = app.get_plan(KEY)
    stopped, unreported = (plan.find_measure(n).id for n in ("4.1.2", "4.1.3"))
    words = WORDS[målform]
    page = open_page(browser, site, "editor", viewport)
    page.goto(f"{site.base}/planer/{KEY}/rapportere?organ={REPORTING_BODY}&lang={målform}")

    assert page.locator(f"#sist-{stopped}").inner_text() == words["last"]
    assert page.locator(".last-report").count() == 1
    group = page.get_by_role("group", name="Tiltak 4.1.2", exact=True)
    expect(group).to_have_accessible_description(re.compile(re.escape(words["last"]) + "$"))
    assert page.locator(f"#sist-{stopped}").evaluate(IN_BOX) is True
    assert page.locator(f"input[name='status-{stopped}']:checked").count() == 0
    assert page.locator(f"#kommentar-{stopped}").input_value() == ""
    assert page.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORTS[viewport][0]
    assert axe_violations(page) == []
    screenshot(page, f"rapportere-sist-rapportert-{målform}", viewport)

    page.check(f"#status-{unreported}-green")
    page.get_by_role("button", name=words["save"]).click()
    page.wait_for_url("**lagret=1*")

    assert page.get_by_role("status").inner_text() == words["saved"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORTS[viewport][0]
    assert axe_violations(page) == []
    screenshot(page, f"rapportere-lagret-{målform}", viewport)

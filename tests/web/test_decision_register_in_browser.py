"""The register of decisions and the approval form's decision texts in headless Chromium, on
a desktop and a 390-pixel phone: a decision registered and one refused with what was typed
kept, in bokmål and nynorsk, and the approval form offering and citing the registered
decisions; axe-core finds no WCAG 2.1 AA violation, nothing is wider than the screen, and a
screenshot of each goes to test-artifacts/sider/."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.demo import DEMO_COMMUNITY
from tests.web import test_pages_in_browser as in_browser
from tests.web.test_pages_in_browser import (
    KEY,
    SETUP,
    VIEWPORTS,
    Site,
    axe_violations,
    open_page,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
site, browser = in_browser.site, in_browser.browser
"""The fixtures of test_pages_in_browser.py: Planlogg under waitress on the demo, Chromium."""

REGISTER = f"/planer/{KEY}/vedtak"
APPROVAL = f"/planer/{KEY}/godkjenning"
TEXT = "ASU vedtek handlingsplanen for 2025–2026, versjon 2, med endringane frå høyringa."


def wider_than_the_screen(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth"))


def checked(page: Any, name: str, viewport: str, found: dict[str, list[str]]) -> None:
    """Axe's findings on the page as it is (kept under `name` when any), and its screenshot."""
    violations = axe_violations(page)
    if wider_than_the_screen(page):
        violations.append("wider than the screen")
    if violations:
        found[name] = violations
    screenshot(page, name, viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_registering_a_decision_and_approving_under_it(
    site: Site, browser: Any, viewport: str
) -> None:
    found: dict[str, list[str]] = {}
    page = open_page(browser, site, "editor", viewport)
    page.goto(site.base + REGISTER)
    page.fill("#body", "ASU")
    page.fill("#case", "sak 12/25")
    page.fill("#meeting_date", "13.03.2025")
    page.fill("#text", TEXT)
    page.click("form.edit-form button[type=submit]")
    assert page.inner_text("p.notice") == "Registrerte ASU sak 12/25."
    assert page.inner_text("h3 >> nth=0") == "ASU sak 12/25"
    checked(page, "vedtaksregister", viewport, found)
    page.fill("#body", "asu")
    page.fill("#case", "ASU-sak 12/25")
    page.fill("#meeting_date", "31.02.2025")
    page.fill("#text", "Noe annet.")
    page.click("form.edit-form button[type=submit]")
    assert page.inner_text("#meeting_date-error") == '"31.02.2025" er ikke en gyldig dato.'
    assert page.input_value("#text") == "Noe annet."
    checked(page, "vedtaksregister-avvist", viewport, found)
    page.goto(site.base + REGISTER + "?lang=nn")
    checked(page, "vedtaksregister-nynorsk", viewport, found)
    page.context.close()

    site.server.app.submit(KEY, ["ASU", "PSU"], SETUP)
    site.server.app.record_decision(
        DEMO_COMMUNITY, "sak 03/25", "PSU", date(2025, 3, 20), "PSU sluttar seg til.", SETUP
    )
    site.caught_up()
    approver = open_page(browser, site, "approver", viewport)
    approver.goto(site.base + APPROVAL)
    approver.click("details.registered-decisions summary")
    checked(approver, "godkjenning-vedtak", viewport, found)
    approver.select_option("#body", "ASU")
    approver.fill("#case", "sak 12/25")
    approver.fill("#meeting_date", "13.03.2025")
    approver.click("form.edit-form button >> text=Registrer godkjenningen")
    assert approver.inner_text("dl.decision-texts dd") == TEXT
    checked(approver, "godkjenning-vedtak-sitert", viewport, found)
    approver.goto(site.base + APPROVAL + "?lang=nn")
    approver.click("details.registered-decisions summary")
    checked(approver, "godkjenning-vedtak-nynorsk", viewport, found)
    approver.context.close()
    assert found == {}

"""In headless Chromium, on a desktop and a 390-pixel phone: an editor renames an area (once
refused as stale), adds a goal (once refused for an empty text), rewords it and removes it,
each page reached by its link on the working version and found by the name it gives a
screen reader. axe-core finds no violation on any of the pages; a screenshot of each goes
to test-artifacts/sider/ (see test_pages_in_browser.py)."""

from __future__ import annotations

from typing import Any

import pytest

from domain.provenance import Provenance, Source
from tests.web.test_pages_in_browser import (
    KEY,
    PAGES,
    VIEWPORTS,
    Site,
    axe_violations,
    browser,
    open_page,
    screenshot,
    site,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser", "site"]
"""The fixtures of test_pages_in_browser.py: Planlogg under waitress on the demo, Chromium."""

SHEET = Provenance("Kari", Source.SHEET)


class Visit:
    """The pages seen, each checked by axe and photographed at one screen size."""

    def __init__(self, page: Any, viewport: str) -> None:
        self.page = page
        self.viewport = viewport
        self.violations: dict[str, list[str]] = {}

    def seen(self, name: str) -> None:
        screenshot(self.page, f"plan-{name}", self.viewport)
        found = axe_violations(self.page)
        if found:
            self.violations[name] = found

    def part(self, name: str, locator: Any) -> None:
        """A photograph of one part of a long page (the working version is 25 000 pixels
        tall on a phone), or of the screen showing `locator`'s end when it is a link."""
        path = str(PAGES / f"plan-{name}-{self.viewport}.png")
        locator.scroll_into_view_if_needed()
        if locator.evaluate("node => node.tagName") == "A":
            self.page.screenshot(path=path)
        else:
            locator.screenshot(path=path)

    def status(self) -> str:
        return str(self.page.locator('p.notice[role="status"]').first.inner_text())


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_editor_changes_areas_and_goals_by_their_links_and_axe_finds_nothing(
    site: Site, browser: Any, viewport: str
) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, site, "editor", viewport)
    visit = Visit(page, viewport)
    page.goto(f"{site.base}/planer/{KEY}/arbeidsversjon")
    visit.seen("arbeidsversjon-med-lenker")

    page.get_by_role("link", name="Endre tittel på innsatsområde 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Endre innsatsområde 2")
    visit.seen("endre-innsatsomrade")
    site.server.app.rename_area(KEY, "2", "Utskrivingsklare pasientar", SHEET)
    page.get_by_label("Tittel", exact=True).fill("Pasienter klare for utskrivning")
    page.keyboard.press("Tab")
    page.keyboard.type("Etter ASU-møtet")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", name="Innsatsområdet er endret etter at du åpnet skjemaet")
    ).to_be_visible()
    assert page.get_by_label("Tittel", exact=True).input_value() == "Utskrivingsklare pasientar"
    assert (
        page.locator("#title-typed .typed-text").inner_text() == "Pasienter klare for utskrivning"
    )
    visit.seen("endre-innsatsomrade-endret")
    page.get_by_label("Tittel", exact=True).fill("Pasienter klare for utskrivning")
    page.get_by_role("button", name="Lagre tittelen").click()
    assert visit.status() == "Innsatsområde 2 har fått ny tittel."

    page.get_by_role("link", name="Nytt mål under innsatsområde 2").click()
    assert page.get_by_label("Nummer").input_value() == "2.2"
    visit.seen("nytt-mal")
    page.get_by_role("button", name="Legg til målet").click()
    expect(page.locator("#text-error")).to_have_text("Målteksten må fylles ut.")
    visit.seen("nytt-mal-avvist")
    page.get_by_label("Tekst", exact=True).fill("Raskere avklaring\n- Felles vurdering første døgn")
    page.get_by_role("button", name="Legg til målet").click()
    assert visit.status() == "La til mål 2.2."
    expect(page.locator("#mal-2\\.2")).to_have_text("Mål 2.2: Raskere avklaring")
    visit.part("arbeidsversjon-omrade-2", page.locator('section[aria-labelledby="omrade-2"]'))
    visit.part("arbeidsversjon-slutt", page.get_by_role("link", name="Nytt innsatsområde"))

    page.get_by_role("link", name="Endre mål 2.2").click()
    visit.seen("endre-mal")
    page.get_by_label("Tekst", exact=True).fill("Raskere avklaring etter utskrivning")
    page.get_by_role("button", name="Lagre målet").click()
    assert visit.status() == "Mål 2.2 har fått ny tekst."

    page.get_by_role("link", name="Fjern mål 2.2").click()
    visit.seen("fjern-mal")
    page.get_by_label("Begrunnelse").fill("Slått sammen med 2.1")
    page.get_by_role("button", name="Fjern mål 2.2").click()
    assert visit.status() == "Mål 2.2 er fjernet."
    assert page.locator("#mal-2\\.2").count() == 0

    page.goto(f"{site.base}/planer/{KEY}/mal/2.1/fjern")
    visit.seen("fjern-mal-med-tiltak")
    page.goto(f"{site.base}/planer/{KEY}/arbeidsversjon")
    page.get_by_role("link", name="Nytt innsatsområde").click()
    assert page.get_by_label("Nummer").input_value() == "7"
    visit.seen("nytt-innsatsomrade")
    page.get_by_label("Tittel", exact=True).fill("Folkehelse")
    page.get_by_role("button", name="Legg til innsatsområdet").click()
    assert visit.status() == "La til innsatsområde 7."
    page.context.close()
    plan = site.server.app.get_plan(KEY)
    assert (plan.areas["2"].title, plan.areas["7"].title, plan.goals["2.2"].removed) == (
        "Pasienter klare for utskrivning",
        "Folkehelse",
        True,
    )
    assert visit.violations == {}

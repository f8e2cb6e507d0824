"""An editor adds a measure, removes it and restores it in headless Chromium, on a desktop and
a 390-pixel phone: axe-core finds no violation on any page of the way (the form, a refused
form, the confirmation, a confirmation refused as stale, the working version with the removed
measures, the restoring's confirmation and its refusal), and a screenshot of each goes to
test-artifacts/sider/."""

from __future__ import annotations

from typing import Any

import pytest

import tests.web.test_pages_in_browser as in_browser
from domain.provenance import Provenance, Source
from tests.web.test_pages_in_browser import (
    KEY,
    VIEWPORTS,
    Site,
    axe_violations,
    focus_is_visible,
    open_page,
    screenshot,
    tab_to,
)

pytestmark = pytest.mark.browser
site, browser = in_browser.site, in_browser.browser
"""The fixtures of test_pages_in_browser.py: Planlogg under waitress on the demo, Chromium."""

WORKING = f"/planer/{KEY}/arbeidsversjon"
KARI = Provenance("Kari", Source.SHEET)


def lines(text: str) -> list[str]:
    """The lines of a text as shown, without the blank ones between paragraphs."""
    return [line for line in text.split("\n") if line.strip()]


def looked_at(page: Any, name: str, viewport: str, violations: dict[str, list[str]]) -> None:
    """The page as it is now: its screenshot taken, and what axe-core finds on it noted."""
    screenshot(page, name, viewport)
    found = axe_violations(page)
    if found:
        violations[name] = found


@pytest.mark.slow
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_editor_adds_removes_and_restores_a_measure(
    site: Site, browser: Any, viewport: str
) -> None:
    app = site.server.app
    violations: dict[str, list[str]] = {}
    page = open_page(browser, site, "editor", viewport)
    page.goto(site.base + WORKING)
    page.get_by_role("link", name="Nytt tiltak", exact=True).click()
    page.wait_for_url("**/tiltak/nytt")
    looked_at(page, "nytt-tiltak", viewport, violations)

    page.get_by_label("Nummer").fill("2.1.1")
    page.get_by_label("Tiltak", exact=True).fill("Felles rutine for utskrivning.\n- Kommunene")
    page.get_by_label("Ansvar").fill("ASU\nFagråd for pasientsamarbeid")
    page.get_by_label("Begrunnelse").fill("Vedtatt i ASU")
    page.get_by_role("button", name="Legg til tiltaket").click()
    alert = page.get_by_role("alert")
    assert alert.inner_text() == (
        "Tiltaket ble ikke lagt til\nNummer: Tiltaksnummeret 2.1.1 er allerede i bruk."
    )
    assert page.get_by_label("Tiltak", exact=True).input_value() == (
        "Felles rutine for utskrivning.\n- Kommunene"
    )
    looked_at(page, "nytt-tiltak-avvist", viewport, violations)

    page.get_by_label("Nummer").fill("2.1.4")
    page.get_by_role("button", name="Legg til tiltaket").click()
    page.wait_for_url("**/arbeidsversjon#tiltak-2.1.4")
    assert page.get_by_role("status").inner_text() == "La til tiltak 2.1.4 (T053)."
    row = page.locator("#tiltak-2\\.1\\.4")
    assert "Felles rutine for utskrivning." in row.inner_text()

    row.get_by_role("link", name="Endre tiltak 2.1.4").click()
    page.get_by_role("link", name="Fjern tiltaket").click()
    page.wait_for_url("**/tiltak/T053/fjern")
    looked_at(page, "fjern-tiltak", viewport, violations)
    page.get_by_label("Begrunnelse").fill("Slått sammen med 2.1.1")
    app.reword_measure(KEY, "2.1.4", "Felles rutine, endret i regnearket.", KARI)
    page.get_by_role("button", name="Fjern tiltaket").click()
    alert = page.get_by_role("alert")
    heading = alert.get_by_role("heading").inner_text()
    assert heading == "Tiltaket er endret etter at du åpnet skjemaet"
    assert "Felles rutine, endret i regnearket." in page.locator("dl.facts").inner_text()
    assert page.get_by_label("Begrunnelse").input_value() == "Slått sammen med 2.1.1"
    assert not app.get_plan(KEY).measure("T053").removed
    looked_at(page, "fjern-tiltak-endret", viewport, violations)

    page.get_by_role("button", name="Fjern tiltaket").click()
    page.wait_for_url("**/arbeidsversjon")
    assert page.get_by_role("status").inner_text() == (
        "Fjernet tiltak 2.1.4 (T053). Det kan gjenopprettes."
    )
    removed = page.locator("section.removed")
    assert "2.1.4 (T053)" in removed.inner_text()
    looked_at(page, "arbeidsversjon-fjernede-tiltak", viewport, violations)

    blocking = app.add_measure(KEY, "2.1.4", "Et annet tiltak med samme nummer.", KARI)
    removed.get_by_role("link", name="Gjenopprett tiltak 2.1.4 (T053)").click()
    page.wait_for_url("**/tiltak/T053/gjenopprett")
    page.get_by_label("Begrunnelse").fill("Trengs likevel")
    page.get_by_role("button", name="Gjenopprett tiltaket").click()
    alert = page.get_by_role("alert")
    assert lines(alert.inner_text()) == [
        "Tiltak 2.1.4 (T053) ble ikke gjenopprettet",
        "Tiltaksnummeret 2.1.4 er allerede i bruk.",
    ]
    assert page.get_by_label("Begrunnelse").input_value() == "Trengs likevel"
    looked_at(page, "gjenoppretting-avvist", viewport, violations)

    app.remove_measure(KEY, blocking, KARI)
    site.caught_up()
    page.goto(site.base + WORKING)
    page.get_by_role("link", name="2 fjernede tiltak").press("Enter")
    tab_to(page, "a[href$='/T053/gjenopprett']", limit=5)
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/tiltak/T053/gjenopprett")
    looked_at(page, "gjenopprett-tiltak", viewport, violations)
    page.get_by_label("Begrunnelse").fill("Trengs likevel")
    page.get_by_role("button", name="Gjenopprett tiltaket").click()
    page.wait_for_url("**/arbeidsversjon#tiltak-2.1.4")
    assert page.get_by_role("status").inner_text() == "Gjenopprettet tiltak 2.1.4 (T053)."
    assert "Felles rutine, endret i regnearket." in page.locator("#tiltak-2\\.1\\.4").inner_text()
    assert not app.get_plan(KEY).measure("T053").removed
    assert violations == {}

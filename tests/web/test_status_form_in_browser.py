"""A status form whose measure a new version left out while it was open, in a real browser:
the reporter reads why in their own målform, sees what they typed for it, and saves the
rest; the page passes axe on a desktop and a phone."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.web.test_pages_in_browser import (  # noqa: F401  (the fixtures)
    KEY,
    REPORTING_BODY,
    SETUP,
    Site,
    axe_violations,
    browser,
    open_page,
    screenshot,
    site,
)

TYPED = "Rutinen er i bruk (Reidun)"


def test_a_report_for_a_measure_left_out_meanwhile_is_named_and_the_rest_is_saved_after(
    site: Site,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    app = site.server.app
    left_out = app.get_plan(KEY).find_measure("4.1.3")
    page = open_page(browser, site, "editor")
    page.goto(f"{site.base}/planer/{KEY}/rapportere?organ={REPORTING_BODY}&lang=nn")
    page.check(f"#status-{left_out.id}-green")
    page.fill(f"#kommentar-{left_out.id}", TYPED)
    page.check("#status-T038-yellow")
    page.fill("#kommentar-T038", "Venter på avtalen.")

    app.remove_measure(KEY, "4.1.3", SETUP)
    version = app.submit(KEY, ["ASU"], SETUP)
    assert app.approve(KEY, version, "ASU", "ASU sak 12/25", date(2025, 3, 13), SETUP)
    site.caught_up()
    page.get_by_role("button", name="Lagre status").click()

    alert = page.get_by_role("alert")
    assert alert.get_by_role("heading").inner_text() == "Statusrapporten blei ikkje lagra"
    assert (
        "Tiltak 4.1.3 er ikkje lenger eitt av tiltaka du rapporterer på for Fagråd for digital "
        "samhandling i versjonen som gjeld. Det du skreiv om det, kan ikkje lagrast her."
    ) in alert.inner_text()
    assert page.locator(f"#tapt-{left_out.id} textarea").input_value() == TYPED
    assert page.locator("#kommentar-T038").input_value() == "Venter på avtalen."
    assert axe_violations(page) == []
    screenshot(page, "rapportere-tiltak-tatt-ut-nynorsk", "desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    assert axe_violations(page) == []
    screenshot(page, "rapportere-tiltak-tatt-ut-nynorsk", "mobil")

    page.get_by_role("button", name="Lagre status").click()
    page.wait_for_url("**lagret=1*")
    report = app.get_plan(KEY).measure("T038").status
    assert report is not None and report.comment == "Venter på avtalen."
    assert app.get_plan(KEY).measure(left_out.id).status is None

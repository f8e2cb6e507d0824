"""In headless Chromium on a 390-pixel phone: goal texts and area titles hold web addresses
(test_long_words_and_line_breaks_in_browser), and the outline pages keep such a long word
within the screen, in what an editor typed shown beside the stored words after a stale save
(`.typed-text`) and in the area named above a new goal's form."""

from __future__ import annotations

from typing import Any

import pytest

from domain.provenance import Provenance, Source
from tests.web.test_pages_in_browser import KEY, Site, browser, open_page, site

pytestmark = pytest.mark.browser
__all__ = ["browser", "site"]

BY = Provenance("Kari", Source.SHEET)
ADDRESS = (
    "https://www.helsedirektoratet.no/retningslinjer/"
    "behandling-og-rehabilitering-av-rusmiddelproblemer-og-avhengighet"
)
WIDTH = "() => document.documentElement.scrollWidth"
PHONE = 390


def test_a_stale_goal_text_holding_an_address_keeps_the_page_within_a_phone(
    browser: Any, site: Site
) -> None:
    page = open_page(browser, site, "editor", "mobil")
    page.goto(f"{site.base}/planer/{KEY}/mal/1.2/endre")
    site.server.app.reword_goal(KEY, "1.2", "Annen tekst", BY)
    site.caught_up()
    page.fill("#text", f"Helhetlige pasientforløp, se {ADDRESS}")
    page.click("form.edit-form button")
    assert page.locator(".typed-text").inner_text().endswith(ADDRESS)
    assert page.evaluate(WIDTH) == PHONE


def test_a_new_goal_under_an_area_whose_title_holds_an_address_keeps_within_a_phone(
    browser: Any, site: Site
) -> None:
    site.server.app.rename_area(KEY, "3", f"Psykisk helse, se {ADDRESS}", BY)
    site.caught_up()
    page = open_page(browser, site, "editor", "mobil")
    assert page.goto(f"{site.base}/planer/{KEY}/mal/nytt?area=3").status == 200
    assert page.evaluate(WIDTH) == PHONE

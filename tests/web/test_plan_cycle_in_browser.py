"""The plan's cycle on the working version in headless Chromium, on a desktop and a
390-pixel phone, in bokmål and nynorsk: «Send på høring» refused at its field with what was
typed kept, then sent; «Send til godkjenning»; «Start revisjon» and «Publiser» on the adopted
plan. axe-core finds no WCAG 2.1 AA violation, nothing is wider than the screen, and a
screenshot of each goes to test-artifacts/sider/ (plan-cycle-*)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.web import test_pages_in_browser as in_browser
from tests.web.test_decision_register_in_browser import checked
from tests.web.test_pages_in_browser import KEY, SETUP, VIEWPORTS, Site, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]
site, browser = in_browser.site, in_browser.browser

WORKING = f"/planer/{KEY}/arbeidsversjon"
HEARING = f"/planer/{KEY}/send-paa-horing"
SUBMIT = f"/planer/{KEY}/send-til-godkjenning"
STALE = {
    "nb": "Utkastet er endret siden du hentet det",
    "nn": "Utkastet er endra sidan du henta det",
}
"""A submission refused for a draft changed since it was read, in each målform."""
NAMES = {"desktop": "desktop", "mobil": "phone"}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_secretariat_takes_the_plan_through_its_cycle(
    site: Site, browser: Any, viewport: str
) -> None:
    found: dict[str, list[str]] = {}
    shot = NAMES[viewport]
    page = open_page(browser, site, "editor", viewport)
    for lang in ("nb", "nn"):
        page.goto(f"{site.base}{HEARING}?lang={lang}")
        page.fill("#deadline", "01.01.2025")
        page.fill("#sent_on", "03.02.2025")
        page.check("#body-trondheim-kommune")
        page.fill("#others", "Brukarrådet")
        page.click("form.edit-form button[type=submit]")
        assert page.is_visible("#deadline-error")
        assert page.input_value("#others") == "Brukarrådet"
        checked(page, f"plan-cycle-hearing-refused-{lang}", shot, found)
        page.goto(f"{site.base}{SUBMIT}?lang={lang}")
        checked(page, f"plan-cycle-submit-{lang}", shot, found)
        page.check("#body-asu")
        site.server.app.reword_measure(KEY, "0.1.2", f"Endra av Ola ({lang}).", SETUP)
        page.click("form.edit-form button[type=submit]")
        assert STALE[lang] in page.inner_text("#feil")
        assert page.is_checked("#body-asu")
        checked(page, f"plan-cycle-submit-stale-{lang}", shot, found)
    page.goto(f"{site.base}{HEARING}?lang=nb")
    page.fill("#deadline", "01.03.2025")
    page.fill("#sent_on", "03.02.2025")
    page.check("#body-trondheim-kommune")
    page.click("form.edit-form button[type=submit]")
    assert "er sendt på høring til Trondheim kommune" in page.inner_text("main")
    checked(page, "plan-cycle-working-on-hearing-nb", shot, found)
    page.goto(f"{site.base}{SUBMIT}?lang=nb")
    page.check("#body-asu")
    page.check("#body-psu")
    page.click("form.edit-form button[type=submit]")
    assert "Versjon 2 er sendt til godkjenning hos ASU, PSU." in page.inner_text("main")
    app = site.server.app
    app.approve(KEY, 2, "ASU", "sak 12/25", date(2025, 3, 13), SETUP)
    app.approve(KEY, 2, "PSU", "sak 05/25", date(2025, 3, 20), SETUP)
    site.caught_up()
    for lang in ("nb", "nn"):
        page.goto(f"{site.base}{WORKING}?lang={lang}")
        page.click("#revisjon summary")
        checked(page, f"plan-cycle-adopted-{lang}", shot, found)
    page.goto(f"{site.base}{WORKING}?lang=nb")
    page.click("#publiser ~ form button[type=submit]")
    assert "Versjon 2 er publisert." in page.inner_text("main")
    page.click("#revisjon summary")
    page.click("#revisjon button[type=submit]")
    assert "Revisjon startet: utkast til versjon 3." in page.inner_text("main")
    checked(page, "plan-cycle-revised-nb", shot, found)
    page.context.close()
    assert found == {}

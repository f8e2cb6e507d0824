"""In headless Chromium: a measure's form sent twice, saved after a colleague's change, and
opened after the measure was removed; an adopted version's own page. Screenshots of each
page, in bokmål and nynorsk, go to test-artifacts/sider/ (see test_pages_in_browser.py).
"""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from typing import Any

import pytest

from domain.dates import format_norwegian_date
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

pytestmark = pytest.mark.browser
site, browser = in_browser.site, in_browser.browser
"""The fixtures of test_pages_in_browser.py: Planlogg under waitress on the demo, Chromium."""

SAVE_SECONDS = 1.5
"""How long a save takes here: long enough for a second click, 150 ms after the first, to
reach the server while the first saves, even on a loaded machine (at 0.5 s, a clean-clone
CI run on two busy cores once saw only one save asked for)."""


def slow_saves(site: Site, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every save of a measure's form take SAVE_SECONDS, as on a large plan; the list
    fills with one entry per save asked for."""
    app = site.server.app
    asked: list[str] = []
    edit = app.edit_measure

    def slowly(*args: Any, **kwargs: Any) -> int:
        asked.append(args[1])
        time.sleep(SAVE_SECONDS)
        return edit(*args, **kwargs)

    monkeypatch.setattr(app, "edit_measure", slowly)
    return asked


def both_sizes(page: Any, name: str) -> None:
    for viewport, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        screenshot(page, name, viewport)


def test_a_second_click_while_the_first_saves_is_told_the_change_is_saved(
    site: Site, browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chromium sends the form again on a second click while the first is saving: that answer
    said someone else had changed the measure and nothing typed was saved."""
    from playwright.sync_api import expect

    asked = slow_saves(site, monkeypatch)
    page = open_page(browser, site, "editor")
    page.goto(site.base + site.measure_url("0.1.2"))
    page.get_by_label("Tiltak", exact=True).fill("Årshjul for 2025, klikket to ganger.")
    page.evaluate(
        "() => { const button = document.querySelector('form.edit-form button');"
        " button.click(); setTimeout(() => button.click(), 150); }"
    )
    expect(page).to_have_url(re.compile(r"/arbeidsversjon\?lagret=0\.1\.2#"), timeout=10_000)
    assert len(asked) == 2
    assert page.get_by_role("status").inner_text() == "Endringene i tiltak 0.1.2 er lagret."
    measure = site.server.app.get_plan(KEY).find_measure("0.1.2")
    assert (measure.text, measure.revision) == ("Årshjul for 2025, klikket to ganger.", 3)


@pytest.mark.parametrize(
    ("målform", "heading", "typed_label"),
    [
        ("nb", "Tiltaket er endret etter at du åpnet skjemaet", "Det du skrev (ikke lagret):"),
        ("nn", "Tiltaket er endra etter at du opna skjemaet", "Det du skreiv (ikkje lagra):"),
    ],
)
def test_a_stale_form_shows_only_what_its_editor_changed_beside_the_stored_entries(
    site: Site, browser: Any, målform: str, heading: str, typed_label: str
) -> None:
    url = site.base + site.measure_url("0.1.2") + f"?lang={målform}"
    first, second = open_page(browser, site, "editor"), open_page(browser, site, "editor2")
    first.goto(url)
    second.goto(url)
    first.locator("#felt-tiltak").fill("Årshjul for 2025, vedtatt i ASU.")
    first.locator("form.edit-form button[type=submit]").click()
    first.wait_for_url("**/arbeidsversjon?lagret=0.1.2*")
    second.locator("#felt-2024").fill("x høst")
    second.locator("form.edit-form button[type=submit]").click()
    alert = second.get_by_role("alert")
    assert alert.get_by_role("heading").inner_text() == heading
    assert second.locator("#felt-tiltak").input_value() == "Årshjul for 2025, vedtatt i ASU."
    assert second.locator(".typed").count() == 1
    assert second.locator("#felt-2024-typed .typed-text").inner_text() == "x høst"
    assert second.locator("#felt-2024-typed .typed-label").inner_text() == typed_label
    assert axe_violations(second) == []
    both_sizes(second, f"endre-tiltak-avvist-bare-egne-{målform}")
    second.locator("#felt-2024").fill("x høst")
    second.locator("form.edit-form button[type=submit]").click()
    second.wait_for_url("**/arbeidsversjon?lagret=0.1.2*")
    measure = site.server.app.get_plan(KEY).find_measure("0.1.2")
    assert (measure.text, measure.marks[2024]) == ("Årshjul for 2025, vedtatt i ASU.", "x høst")


@pytest.mark.parametrize(
    ("målform", "words"),
    [
        ("nb", "Tiltak 1.2.1 er fjernet. Gjenopprett det først."),
        ("nn", "Tiltak 1.2.1 er fjerna. Gjenopprett det først."),
    ],
)
def test_the_form_of_a_measure_removed_meanwhile_says_so_and_keeps_what_was_typed(
    site: Site, browser: Any, målform: str, words: str
) -> None:
    url = site.base + site.measure_url("1.2.1") + f"?lang={målform}"
    page = open_page(browser, site, "editor")
    page.goto(url)
    page.locator("#felt-tiltak").fill("Ny tekst som ikke må gå tapt.")
    site.server.app.remove_measure(KEY, "1.2.1", SETUP)
    site.caught_up()
    page.locator("form.edit-form button[type=submit]").click()
    alert = page.get_by_role("alert")
    assert words in alert.inner_text()
    assert page.locator("#felt-tiltak").input_value() == "Ny tekst som ikke må gå tapt."
    assert axe_violations(page) == []
    both_sizes(page, f"endre-tiltak-fjernet-{målform}")
    page.goto(url)
    assert page.get_by_role("status").first.inner_text() == words
    both_sizes(page, f"endre-tiltak-fjernet-apnet-{målform}")


@pytest.mark.parametrize(
    ("målform", "in_force", "coming"),
    [
        ("nb", "Vedtatt versjon 1, gjeldende.", "Versjon 2 er vedtatt og gjelder fra %s."),
        ("nn", "Vedteken versjon 1, gjeldande.", "Versjon 2 er vedteken og gjeld frå %s."),
    ],
)
def test_each_versions_page_says_whether_it_is_in_force_or_coming(
    site: Site, browser: Any, målform: str, in_force: str, coming: str
) -> None:
    app = site.server.app
    meeting = date.today() + timedelta(days=30)
    version = app.submit(KEY, ["ASU"], SETUP)
    app.approve(KEY, version, "ASU", "ASU sak 7/25", meeting, SETUP)
    site.caught_up()
    page = open_page(browser, site)
    page.goto(f"{site.base}/planer/{KEY}/versjoner/1?lang={målform}")
    assert page.locator(".lead").inner_text().startswith(in_force)
    both_sizes(page, f"plan-versjon-1-gjeldende-{målform}")
    page.goto(f"{site.base}/planer/{KEY}/versjoner/2?lang={målform}")
    assert page.locator(".lead").inner_text().startswith(coming % format_norwegian_date(meeting))
    assert axe_violations(page) == []
    both_sizes(page, f"plan-versjon-2-kommende-{målform}")


LEFT_TO_RIGHT = """(args) => {
  const [selector, word] = args;
  const cell = document.querySelector(selector);
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(word);
    if (at < 0) continue;
    const left = (i) => { const r = document.createRange(); r.setStart(node, at + i);
      r.setEnd(node, at + i + 1); return r.getBoundingClientRect().left; };
    return left(0) < left(word.length - 1);
  }
  return null;
}"""
"""Whether `word`, in the cell `selector`, reads left to right on the screen (null: not found)."""


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_a_right_to_left_override_in_an_evaluation_or_arabic_in_a_body_turns_nothing_around(
    site: Site, browser: Any, målform: str
) -> None:
    """A body's name can no longer hold a direction control (it is refused at the door), but
    one stored before is shown as any right-to-left name is: isolated."""
    app = site.server.app
    app.assign_responsible(KEY, "1.3.1", ["Fritt مجلس organ", "ASU", "PSU"], SETUP)
    app.set_evaluation_plan(KEY, "1.3.1", {"objective": "Felles rutine"}, SETUP)
    app.evaluate_measure(KEY, "1.3.1", 2024, "delvis", "Tre kommunar\u202e har rutinen.",
                         "endre", "Fagråd for legesamarbeid", SETUP)  # fmt: skip
    site.caught_up()
    page = open_page(browser, site, "editor")
    page.goto(f"{site.base}/planer/{KEY}/arbeidsversjon?lang={målform}")
    row = "#tiltak-1\\.3\\.1"
    page.locator(f"{row} summary").click()
    responsible, evaluation = f"{row} td.responsible", f"{row} ul.evaluations"
    assert page.evaluate(LEFT_TO_RIGHT, [responsible, "PSU"]) is True
    assert page.evaluate(LEFT_TO_RIGHT, [evaluation, "legesamarbeid"]) is True
    page.locator(row).screenshot(
        path=str(in_browser.PAGES / f"tiltak-hoyre-til-venstre-{målform}.png")
    )

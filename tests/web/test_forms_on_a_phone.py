"""The status form, the measure form and the auditors' plan choice in headless Chromium, on a
desktop and a 390-pixel phone: each measure's whole text is in its box, under a one-line
legend (a legend of several lines had the box's top border run through its words), nothing
an entry holds is hidden in it, and the plan's whole title shows in the auditors' choice.
Screenshots go to test-artifacts/sider/ (see test_pages_in_browser.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest

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

SETUP = Provenance("Drift", Source.CLI)
LIST_MARK = re.compile(r"^- ", re.M)
"""What starts a list item in a measure's text; the page shows the item in a list."""

BOXES = """() => [...document.querySelectorAll('fieldset.report')].map((box) => {
  const legend = box.querySelector('legend'), text = box.querySelector('.measure-text');
  const line = parseFloat(getComputedStyle(legend).lineHeight);
  return {id: box.id, legendLines: Math.round(legend.getBoundingClientRect().height / line),
          textBelowBorder: text.getBoundingClientRect().top >= box.getBoundingClientRect().top
                           + parseFloat(getComputedStyle(box).borderTopWidth),
          textInBox: text.getBoundingClientRect().right <= box.getBoundingClientRect().right,
          text: text.innerText.replace(/\\s+/g, ' ').trim()};
})"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_each_status_box_shows_its_measures_whole_text_inside_the_box(
    site: Site, browser: Any, viewport: str, målform: str
) -> None:
    page = open_page(browser, site, "editor", viewport)
    page.goto(f"{site.base}/planer/{KEY}/rapportere?organ={REPORTING_BODY}&lang={målform}")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORTS[viewport][0]
    plan = site.server.app.get_plan(KEY)
    boxes = page.evaluate(BOXES)
    assert len(boxes) == 5
    for box in boxes:
        measure = plan.find_measure(box["id"].removeprefix("tiltak-"))
        assert box["text"] == " ".join(LIST_MARK.sub("", measure.text).split()), box["id"]
        assert (box["legendLines"], box["textBelowBorder"], box["textInBox"]) == (1, True, True)
    assert axe_violations(page) == []
    screenshot(page, f"rapportere-{målform}", viewport)


HIDDEN = """(entry) => ({width: entry.scrollWidth > entry.clientWidth,
                         height: entry.scrollHeight > entry.clientHeight})"""
"""Whether an entry holds more than it shows, sideways or downwards."""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_measure_form_shows_all_a_body_entry_holds_and_a_short_start_and_end(
    site: Site, browser: Any, viewport: str
) -> None:
    """On a phone «Ansvar» showed «Fagråd for pasientsamarbeid med støtte fra» of a longer
    name; the evaluation plan's start and end (a year) were text areas of two lines."""
    site.server.app.set_evaluation_plan(KEY, "2.1.1", {"start": "2023", "end": "2024"}, SETUP)
    site.caught_up()
    page = open_page(browser, site, "editor", viewport)
    page.goto(site.base + site.measure_url("2.1.1"))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORTS[viewport][0]
    responsible = page.get_by_label("Ansvar", exact=True)
    assert responsible.input_value() == "Fagråd for pasientsamarbeid med støtte fra andre fagråd"
    assert responsible.evaluate(HIDDEN) == {"width": False, "height": False}
    for label, value in (("Start", "2023"), ("Slutt", "2024")):
        entry = page.get_by_label(label, exact=True)
        assert entry.evaluate("(e) => e.tagName") == "INPUT"
        assert entry.input_value() == value
        assert entry.evaluate(HIDDEN) == {"width": False, "height": False}
        box = entry.bounding_box()
        assert box is not None and box["height"] < 48 and box["width"] <= 16 * 16, label
    assert axe_violations(page) == []
    screenshot(page, "endre-tiltak-ansvar", viewport)


TITLE_FITS = """(select) => {
  const shown = select.options[select.selectedIndex].text, style = getComputedStyle(select);
  const probe = document.createElement('span');
  probe.style.font = style.font;
  probe.style.whiteSpace = 'pre';
  probe.textContent = shown;
  document.body.append(probe);
  const needed = probe.getBoundingClientRect().width;
  probe.remove();
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
               - 20;  // the arrow
  return {shown, fits: needed <= room};
}"""
"""The chosen plan's title and whether the choice is wide enough for it (arrow aside)."""


@pytest.mark.parametrize("path", [f"/revisjon/?plan={KEY}", f"/revisjon/vedtak?plan={KEY}"])
def test_the_auditors_plan_choice_shows_the_whole_title_on_a_desktop(
    site: Site, browser: Any, path: str
) -> None:
    """It showed «Handlingsplan 2022-202» of the plan's title."""
    page = open_page(browser, site, "auditor", "desktop")
    page.goto(site.base + path)
    title = site.server.app.get_plan(KEY).header.title
    assert page.locator("select#plan").evaluate(TITLE_FITS) == {"shown": title, "fits": True}
    page.set_viewport_size({"width": VIEWPORTS["mobil"][0], "height": VIEWPORTS["mobil"][1]})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORTS["mobil"][0]
    box = page.locator("select#plan").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS["mobil"][0]
    screenshot(page, "revisjon-planvalg", "mobil")

"""A measure's form when the measure changed while it was open, on SQLite and PostgreSQL: a
form sent twice (a second click while the first was saving), a colleague's change to another
entry, and a measure removed meanwhile. Only what the editor changed is ever at stake: it is
never written over someone else's change, and never said to be theirs when it is not.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.provenance import Provenance, Source
from tests.web.forms import filled
from tests.web.test_measure_editing import editor, event_count, form_url

KEY = DEMO_PLAN
COLLEAGUE = Provenance("Kari", Source.SHEET)
TYPED_BOX = re.compile(r'<div class="typed" id="([^"]+)-typed">')


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def stored_text(page: str) -> str:
    found = re.search(r'<textarea id="felt-tiltak" name="Tiltak"[^>]*>([^<]*)</textarea>', page)
    if found is None:
        raise AssertionError("the page has no Tiltak entry")
    return found[1]


def test_a_form_sent_twice_is_saved_once_and_the_second_answer_says_it_is_saved(site) -> None:
    """A second click while the first was saving found the measure one revision on, and was
    told someone else had changed it and nothing it typed was saved: both untrue."""
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    data = filled(client.get(url).text, {"Tiltak": "Årshjul med faste punkt.", "2024": "x"}, url)
    first = client.post(url, data=data)
    after_first = event_count(app)
    second = client.post(url, data=data)
    assert (first.status_code, second.status_code) == (303, 303)
    assert second.headers["Location"] == first.headers["Location"]
    assert "lagret=0.1.2" in second.headers["Location"]
    assert event_count(app) == after_first
    measure = app.get_plan(KEY).find_measure("0.1.2")
    assert (measure.text, measure.marks[2024], measure.revision) == (
        "Årshjul med faste punkt.",
        "x",
        4,
    )


def test_an_untouched_form_saved_after_a_colleagues_change_keeps_it_and_says_so(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    opened = client.get(url).text
    app.reword_measure(KEY, "0.1.2", "Årshjul vedtatt i ASU.", COLLEAGUE)
    before = event_count(app)
    saved = client.post(url, data=filled(opened, {}, url))
    assert saved.status_code == 303
    assert "uendret=0.1.2" in saved.headers["Location"]
    assert event_count(app) == before
    assert app.get_plan(KEY).find_measure("0.1.2").text == "Årshjul vedtatt i ASU."


def test_a_stale_form_shows_what_was_typed_only_beside_the_entries_the_editor_changed(
    site,
) -> None:
    """The colleague's new text is in the entry, with nothing beside it: the old text the
    form held was not typed by this editor, and was shown as "Det du skrev"."""
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    opened = client.get(url).text
    app.reword_measure(KEY, "0.1.2", "Årshjul vedtatt i ASU.", COLLEAGUE)
    before = event_count(app)
    refused = client.post(url, data=filled(opened, {"2024": "x høst", "reason": "Utsatt"}, url))
    assert refused.status_code == 409
    assert event_count(app) == before
    page = refused.text
    assert "Tiltaket er endret etter at du åpnet skjemaet" in page
    assert TYPED_BOX.findall(page) == ["felt-2024"]
    assert '<p class="typed-text">x høst</p>' in page
    assert stored_text(page) == "Årshjul vedtatt i ASU."
    assert '<input id="reason" name="reason" value="Utsatt"' in page
    again = client.post(url, data=filled(page, {"2024": "x høst"}, url))
    assert again.status_code == 303
    measure = app.get_plan(KEY).find_measure("0.1.2")
    assert (measure.text, measure.marks[2024]) == ("Årshjul vedtatt i ASU.", "x høst")


def test_an_unreadable_entry_typed_into_a_stale_form_is_shown_back_not_said_saved(site) -> None:
    """A changed entry holding something no cell may hold (a formula's error) is still what
    the editor typed: shown back beside the entry, never dropped with the page saying the
    measure was saved."""
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    opened = client.get(url).text
    marks_before = dict(app.get_plan(KEY).find_measure("0.1.2").marks)
    app.reword_measure(KEY, "0.1.2", "Årshjul vedtatt i ASU.", COLLEAGUE)
    before = event_count(app)

    refused = client.post(url, data=filled(opened, {"2024": "#REF!"}, url))

    assert refused.status_code == 409
    assert event_count(app) == before
    page = refused.text
    assert "Tiltaket er endret etter at du åpnet skjemaet" in page
    assert TYPED_BOX.findall(page) == ["felt-2024"]
    assert '<p class="typed-text">#REF!</p>' in page
    assert stored_text(page) == "Årshjul vedtatt i ASU."
    assert dict(app.get_plan(KEY).find_measure("0.1.2").marks) == marks_before


def test_a_form_without_the_copies_of_what_it_showed_counts_every_difference_as_typed(
    site,
) -> None:
    """A form loaded before the copies existed still refuses and shows each difference."""
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    data = filled(client.get(url).text, {"2024": "x høst"}, url)
    old_form = {name: value for name, value in data.items() if not name.startswith("vist:")}
    app.reword_measure(KEY, "0.1.2", "Årshjul vedtatt i ASU.", COLLEAGUE)
    refused = client.post(url, data=old_form)
    assert refused.status_code == 409
    assert TYPED_BOX.findall(refused.text) == ["felt-tiltak", "felt-2024"]


def test_a_form_saved_after_its_measure_was_removed_says_so_and_keeps_what_was_typed(
    site,
) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "1.2.1")
    opened = client.get(url).text
    app.remove_measure(KEY, "1.2.1", COLLEAGUE)
    before = event_count(app)
    refused = client.post(url, data=filled(opened, {"Tiltak": "Min lange tekst"}, url))
    assert refused.status_code == 409
    assert event_count(app) == before
    assert "Tiltaket er endret etter at du åpnet skjemaet" not in refused.text
    assert "Tiltak 1.2.1 er fjernet. Gjenopprett det først." in refused.text
    assert stored_text(refused.text) == "Min lange tekst"


def test_an_untouched_form_of_a_removed_measure_is_refused_not_said_to_be_unchanged(
    site,
) -> None:
    """Saved at the revision it was removed at, it went to the working version with a notice
    naming no measure (the removed one has no row there)."""
    _, app = site
    client = editor(site)
    url = form_url(app, "1.2.1")
    app.remove_measure(KEY, "1.2.1", COLLEAGUE)
    opened = client.get(url)
    assert opened.status_code == 200
    assert "Tiltak 1.2.1 er fjernet. Gjenopprett det først." in opened.text
    refused = client.post(url, data=filled(opened.text, {}, url))
    assert refused.status_code == 409
    assert "Tiltak 1.2.1 er fjernet. Gjenopprett det først." in refused.text


def test_the_form_of_a_removed_measure_says_it_is_removed_in_nynorsk_too(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "1.2.1")
    app.remove_measure(KEY, "1.2.1", COLLEAGUE)
    page = client.get(f"{url}?lang=nn").text
    assert "Tiltak 1.2.1 er fjerna. Gjenopprett det først." in page


@pytest.mark.parametrize(
    ("målform", "advice", "other_advice"),
    [
        ("nb", "Se over, ta med det du vil beholde, og lagre på nytt.", "Hent tiltaket"),
        ("nn", "Sjå over, ta med det du vil halde på, og lagre på nytt.", "Hent tiltaket"),
    ],
)
def test_a_stale_form_gives_one_piece_of_advice(
    site, målform: str, advice: str, other_advice: str
) -> None:
    """The domain's «Hent tiltaket på nytt og prøv igjen» (the API's and command line's
    advice) told the editor to throw away the text the page keeps beside the entries."""
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    opened = client.get(f"{url}?lang={målform}").text
    app.reword_measure(KEY, "0.1.2", "Årshjul vedtatt i ASU.", COLLEAGUE)
    refused = client.post(url, data=filled(opened, {"Tiltak": "Min egen tekst"}, url))
    assert refused.status_code == 409
    alert = re.search(r'<div class="stale" role="alert".*?</div>', refused.text, re.S)
    assert alert is not None
    assert alert[0].count(advice) == 1
    assert other_advice not in refused.text
    assert "prøv igjen" not in alert[0]

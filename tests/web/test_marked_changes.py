"""A changed value's changed words are marked when the change is an edit, and only then."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.test_audit_pages import log_in
from web.marked_changes import MOST_WORDS, marked_change

BY = Provenance("Sekretariatet", Source.CLI)


def test_one_word_changed_in_a_sentence_is_marked_on_both_sides() -> None:
    shown = marked_change(
        "Etablere felles rutiner for utskrivning.", "Etablere nye rutiner for utskrivning."
    )
    assert shown.before == "Etablere <del>felles</del> rutiner for utskrivning."
    assert shown.after == "Etablere <ins>nye</ins> rutiner for utskrivning."


def test_words_added_are_marked_after_and_nothing_before() -> None:
    shown = marked_change("Fagråd for pasientsamarbeid", "Fagråd for pasientsamarbeid, ASU")
    assert shown.before == "Fagråd for pasientsamarbeid"
    assert shown.after == "Fagråd for pasientsamarbeid<ins>, ASU</ins>"


def test_a_day_changed_marks_the_day_alone() -> None:
    shown = marked_change("11.09.2024", "12.09.2024")
    assert (shown.before, shown.after) == ("<del>11</del>.09.2024", "<ins>12</ins>.09.2024")


def test_a_value_written_anew_is_not_marked() -> None:
    shown = marked_change("gul", "grønn")
    assert (shown.before, shown.after) == ("gul", "grønn")
    rewritten = marked_change("Kartlegge behov i kommunene", "Evaluere avtalen med sykehuset")
    assert (rewritten.before, rewritten.after) == (
        "Kartlegge behov i kommunene",
        "Evaluere avtalen med sykehuset",
    )


def test_a_text_made_longer_is_an_edit() -> None:
    shown = marked_change(
        "Utarbeide årshjul.", "Utarbeide årshjul for 2025 med faste rapporteringspunkt."
    )
    assert shown.before == "Utarbeide årshjul."
    assert shown.after == "Utarbeide årshjul <ins>for 2025 med faste rapporteringspunkt</ins>."


def test_half_the_words_kept_is_still_an_edit() -> None:
    shown = marked_change("en to tre fire", "en to fem seks")
    assert shown.after == "en to <ins>fem seks</ins>"
    less = marked_change("en to tre fire fem", "en to seks sju åtte")
    assert less.after == "en to seks sju åtte"


def test_an_empty_side_is_shown_as_it_is() -> None:
    assert marked_change("", "ny tekst").after == "ny tekst"
    assert marked_change("gammel tekst", "").before == "gammel tekst"


def test_a_change_of_spacing_alone_marks_nothing() -> None:
    shown = marked_change("en  to", "en to")
    assert (shown.before, shown.after) == ("en  to", "en to")


def test_what_was_typed_is_escaped_marked_or_not() -> None:
    shown = marked_change("<b>A</b> & B", "<b>A</b> & C")
    assert shown.before == "&lt;b&gt;A&lt;/b&gt; &amp; <del>B</del>"
    assert shown.after == "&lt;b&gt;A&lt;/b&gt; &amp; <ins>C</ins>"
    plain = marked_change("<script>", "x")
    assert plain.before == "&lt;script&gt;"


def test_lines_are_kept_inside_and_around_the_marks() -> None:
    shown = marked_change("første linje\nandre linje", "første linje\ntredje linje")
    assert shown.after == "første linje\n<ins>tredje</ins> linje"


def test_values_longer_than_compared_are_shown_unmarked() -> None:
    half = MOST_WORDS // 2
    longest = marked_change("ord " * (half - 1) + "slutt", "ord " * (half - 1) + "ende")
    assert longest.after == "ord " * (half - 1) + "<ins>ende</ins>"
    longer = marked_change("ord " * half + "slutt", "ord " * half + "ende")
    assert longer.after == "ord " * half + "ende"


FIRST = "Etablere felles rutiner for utskrivning av pasienter"
SECOND = "Etablere felles rutiner for trygg utskrivning av eldre pasienter"


@pytest.fixture
def reworded(web: Flask, demo_app: Planlogg) -> Flask:
    """1.2.1's text written anew, then edited by two words."""
    demo_app.reword_measure(KEY, "1.2.1", FIRST, BY)
    demo_app.reword_measure(KEY, "1.2.1", SECOND, BY)
    caught_up(web)
    return web


def _changed_cells(page: str) -> list[str]:
    return re.findall(r'<td role="cell" class="(?:before|after)"[^>]*>(.*?)</td>', page, re.S)


EDITED = [
    FIRST,
    "Etablere felles rutiner for <ins>trygg</ins> utskrivning av <ins>eldre</ins> pasienter",
]


def test_the_history_marks_the_words_an_edit_changed(
    reworded: Flask, client: FlaskClient, tokens: dict[str, str]
) -> None:
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/?plan={KEY}&measure=1.2.1&field=tekst").text
    cells = _changed_cells(page)
    assert cells[-3:] == [FIRST, *EDITED], "a text written anew is shown unmarked"


def test_the_timeline_marks_them_too(
    reworded: Flask, client: FlaskClient, tokens: dict[str, str]
) -> None:
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/tiltak/1.2.1").text
    assert _changed_cells(page)[-2:] == EDITED


LEGEND = {
    "nb": '<p class="marks-legend"><del>Overstreket</del>: ord en endring tok ut; '
    "<ins>understreket</ins>: ord den la til.</p>",
    "nn": '<p class="marks-legend"><del>Overstreka</del>: ord ei endring tok ut; '
    "<ins>understreka</ins>: ord ho la til.</p>",
}


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_a_page_with_marks_says_what_they_mean_once(
    reworded: Flask, client: FlaskClient, tokens: dict[str, str], målform: str
) -> None:
    log_in(client, tokens["auditor"])
    for url in (f"/revisjon/?plan={KEY}&measure=1.2.1", f"/revisjon/{KEY}/tiltak/1.2.1"):
        page = client.get(f"{url}{'&' if '?' in url else '?'}lang={målform}").text
        assert page.count(LEGEND[målform]) == 1, url


def test_a_page_without_marks_has_no_legend(client: FlaskClient, tokens: dict[str, str]) -> None:
    """The demo's changes of 1.2.1 are its import and its status: nothing edited."""
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/tiltak/1.2.1").text
    assert "Tidslinje for tiltak 1.2.1" in page and "marks-legend" not in page

"""A measure's form refuses in its own words, not the sheet's, on SQLite and PostgreSQL.

Its entries are read as the sheet's cells are (`read_cell`, `parse_number`), and two
refusals kept the sheet's words: the number was called «Nr» (the form's label is «Nummer»),
and "#N/A" typed in an entry was "a cell showing a formula error". The value is still
refused: in the sheet it would look like a formula that failed."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from domain.application import Planlogg
from tests.web.forms import filled
from tests.web.test_measure_editing import editor, event_count, form_url

SUMMARY = r'<li><a href="#felt-[^"]+">(.*?)</a></li>'


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def test_a_number_with_a_reference_is_refused_naming_the_entry_by_its_label(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    refused = client.post(url, data=filled(client.get(url).text, {"Nr": "0.1.5 Ref. 1.2.1"}, url))
    assert refused.status_code == 422
    assert re.findall(SUMMARY, refused.text) == [
        "Nummer: Skriv bare tiltaksnummeret i Nummer (f.eks. 2.1.3A), ikke "
        "&#34;0.1.5 Ref. 1.2.1&#34;. Henvisninger til andre tiltak hører hjemme i teksten."
    ]


def test_a_formula_error_typed_in_the_browser_is_refused_without_speaking_of_cells(
    site,
) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    before = event_count(app)
    refused = client.post(url, data=filled(client.get(url).text, {"Indikator": "#N/A"}, url))
    assert refused.status_code == 422
    assert event_count(app) == before
    assert re.findall(SUMMARY, refused.text) == [
        "Indikator: #N/A kan ikke lagres: i regnearket ser det ut som en formelfeil. "
        "Skriv vanlig tekst."
    ]

"""Each entry of a measure's form held to its own length limit, on SQLite and PostgreSQL.

The SMART indicator and target and each part of the evaluation plan are stored up to 1 000
and 2 000 characters, less than the 10 000 the form allowed when it read an entry; the
field's command then refused the field at its first changed entry, so a too long target was
named at the indicator, and a too long part of the evaluation plan at whichever part was
changed first. Each is refused at its own entry, named by its label (`Column.max_length`)."""

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


def test_a_too_long_target_is_named_at_the_target_not_at_the_indicator(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    before = event_count(app)
    typed = {"Indikator": "Andel møter med referat", "Målverdi": "m" * 1500}
    refused = client.post(url, data=filled(client.get(url).text, typed, url))
    assert refused.status_code == 422
    assert event_count(app) == before
    page = refused.text
    assert re.findall(SUMMARY, page) == [
        "Målverdi: Målverdi har for mange tegn: 1500, men høyst 1000 er lov."
    ]
    assert re.findall(r'id="(felt-[^"]*)-error"', page) == ["felt-malverdi"]


def test_a_too_long_part_of_the_evaluation_plan_is_named_at_that_part(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    before = event_count(app)
    typed = {"Evaluering: målsetting": "Færre avvik", "Evaluering: datakjelder": "d" * 2500}
    refused = client.post(url, data=filled(client.get(url).text, typed, url))
    assert refused.status_code == 422
    assert event_count(app) == before
    page = refused.text
    assert re.findall(SUMMARY, page) == [
        "Datakilder: Datakilder har for mange tegn: 2500, men høyst 2000 er lov."
    ]
    assert re.findall(r'id="(felt-[^"]*)-error"', page) == ["felt-evaluering-datakjelder"]


def test_entries_within_their_limits_are_saved(site) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    typed = {"Målverdi": "m" * 1000, "Evaluering: datakjelder": "d" * 2000}
    saved = client.post(url, data=filled(client.get(url).text, typed, url))
    assert saved.status_code == 303
    measure = app.get_plan("st-olavs-2022-2024").find_measure("0.1.2")
    assert (measure.smart.target, measure.evaluation["data_sources"]) == ("m" * 1000, "d" * 2000)

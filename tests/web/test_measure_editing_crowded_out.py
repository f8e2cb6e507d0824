"""A measure's form whose save is crowded out, on SQLite and PostgreSQL: the plan saved by
others on every one of the save's attempts (`Planlogg.change_plan`), the measure untouched.

It was told the measure was changed by someone else since the form was opened, "endringsnummer
2 … og har nå endringsnummer 2", and what was typed was taken out of the entries. The domain's
own words are shown, with what was typed kept, against the revision the editor saw (the
approval form says this case so too, test_flow_approval_cases.py)."""

from __future__ import annotations

import re

import pytest
from eventsourcing.persistence import RecordConflictError
from flask import Flask

from domain import application
from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from tests.web.forms import filled
from tests.web.test_measure_editing import editor, event_count, form_url

KEY = DEMO_PLAN


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def test_a_save_crowded_out_says_so_and_keeps_what_was_typed(site, monkeypatch) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    opened = client.get(url).text
    assert '<input type="hidden" name="revision" value="2">' in opened

    def crowded_out(*aggregates: object) -> None:
        raise RecordConflictError("busy")

    monkeypatch.setattr(application, "RETRY_PAUSE", 0)
    monkeypatch.setattr(app, "save", crowded_out)
    before = event_count(app)
    refused = client.post(url, data=filled(opened, {"Tiltak": "Min egen tekst"}, url))
    assert refused.status_code == 409
    assert event_count(app) == before
    page = refused.text
    assert "Tiltaket er endret etter at du åpnet skjemaet" not in page
    assert f"Planen {KEY} ble endret av andre mange ganger på rad. Prøv igjen om litt." in page
    entry = re.search(r'<textarea id="felt-tiltak" name="Tiltak"[^>]*>([^<]*)</textarea>', page)
    assert entry is not None and entry[1] == "Min egen tekst"
    assert '<input type="hidden" name="revision" value="2">' in page
    assert app.get_plan(KEY).find_measure("0.1.2").revision == 2

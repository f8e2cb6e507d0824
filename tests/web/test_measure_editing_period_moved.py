"""A measure's form opened before the plan's period moved, on SQLite and PostgreSQL.

The form's revision is the measure's, which a new period leaves as it was, so the form
passes the revision check. Its year entries are read as the form sent them (`entry_years`),
not by the period as it is now: read so, an entry for a year the period had left was dropped
without a word while the page said the changes were saved."""

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
SECRETARIAT = Provenance("Kari", Source.CLI)


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def test_a_mark_cleared_in_a_year_the_period_has_left_is_saved_as_cleared(site) -> None:
    """Measure 0.1.2 has "x" in 2022. The editor clears 2022 and marks 2025; meanwhile the
    period moves to 2023–2026. Removing a mark outside the period is allowed
    (`Plan._check_marks`): both changes are saved, as the page says."""
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    opened = client.get(url)
    assert app.get_plan(KEY).find_measure("0.1.2").marks == {2022: "x"}
    app.change_period(KEY, 2023, 2026, SECRETARIAT)
    saved = client.post(url, data=filled(opened.text, {"2022": "", "2025": "x vår"}, url))
    assert saved.status_code == 303
    assert "lagret=0.1.2" in saved.headers["Location"]
    assert app.get_plan(KEY).find_measure("0.1.2").marks == {2025: "x vår"}


def test_a_mark_typed_in_a_year_the_period_has_left_is_refused_at_its_entry(site) -> None:
    """Measure 0.2.1 has "x" in 2023 only. The editor types "x" in 2022; meanwhile the period
    moves to 2023–2026. The plan refuses the year, beside its entry, with the "x" kept in it;
    it was answered "ingen endringer å lagre", and what was typed was gone."""
    _, app = site
    client = editor(site)
    url = form_url(app, "0.2.1")
    opened = client.get(url)
    app.change_period(KEY, 2023, 2026, SECRETARIAT)
    before = event_count(app)
    refused = client.post(url, data=filled(opened.text, {"2022": "x"}, url))
    assert refused.status_code == 422
    assert event_count(app) == before
    page = refused.text
    assert re.findall(r'<li><a href="#felt-[^"]+">(.*?)</a></li>', page) == [
        "2022: 2022 er utenfor planperioden 2023–2026."
    ]
    assert (
        '<p class="error" id="felt-2022-error">2022 er utenfor planperioden 2023–2026.</p>' in page
    )
    assert re.search(r'<input id="felt-2022" name="2022" value="x"', page)
    assert app.get_plan(KEY).find_measure("0.2.1").marks == {2023: "x"}

"""A stale measure form whose changed entry holds something no cell may hold (a formula's
error): it is still what the editor typed, and shown back beside the entry, never dropped
with the page saying the measure was saved."""

from __future__ import annotations

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.provenance import Provenance, Source
from tests.web.forms import filled
from tests.web.test_measure_editing import editor, event_count, form_url
from tests.web.test_measure_editing_meanwhile import TYPED_BOX, stored_text

KEY = DEMO_PLAN
COLLEAGUE = Provenance("Kari", Source.SHEET)


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def test_an_unreadable_entry_typed_into_a_stale_form_is_shown_back_not_said_saved(site) -> None:
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
    assert "Tiltaket er endret av noen andre" in page
    assert TYPED_BOX.findall(page) == ["felt-2024"]
    assert '<p class="typed-text">#REF!</p>' in page
    assert stored_text(page) == "Årshjul vedtatt i ASU."
    assert dict(app.get_plan(KEY).find_measure("0.1.2").marks) == marks_before

"""A stale measure form refused for another reason first, on SQLite and PostgreSQL: the page
that asks for a registered decision or a storable reason still carries the revision its
editor saw, so fixing that and saving again is checked against it, and a colleague's change
made meanwhile is never written over with the text the form held before it.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask

from domain.application import Planlogg
from tests.web.forms import filled
from tests.web.test_measure_editing_meanwhile import (
    COLLEAGUE,
    KEY,
    TYPED_BOX,
    editor,
    event_count,
    form_url,
    stored_text,
)

REVISION = re.compile(r'<input type="hidden" name="revision" value="([^"]*)">')


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def carried_revision(page: str) -> str:
    """The revision the page's form carries (a page without one fails)."""
    [revision] = REVISION.findall(page)
    return str(revision)


@pytest.mark.parametrize(
    ("refusal", "status"),
    [({"decision": "ASU sak 41/24"}, 409), ({"reason": "Utsatt\x07"}, 422)],
    ids=["unregistered-decision", "unstorable-reason"],
)
def test_a_stale_form_refused_for_another_reason_is_still_checked_against_what_it_showed(
    site: tuple[Flask, Planlogg], refusal: dict[str, str], status: int
) -> None:
    _, app = site
    client = editor(site)
    url = form_url(app, "0.1.2")
    opened = client.get(url).text
    seen = carried_revision(opened)
    app.reword_measure(KEY, "0.1.2", "Årshjul vedtatt i ASU.", COLLEAGUE)
    before = event_count(app)
    refused = client.post(url, data=filled(opened, {"2024": "x høst", **refusal}, url))
    assert refused.status_code == status
    assert carried_revision(refused.text) == seen
    fixed = {"2024": "x høst", "decision": "", "reason": "Utsatt"}
    again = client.post(url, data=filled(refused.text, fixed, url))
    assert again.status_code == 409
    assert event_count(app) == before
    assert "Tiltaket er endret etter at du åpnet skjemaet" in again.text
    assert TYPED_BOX.findall(again.text) == ["felt-2024"]
    assert stored_text(again.text) == "Årshjul vedtatt i ASU."
    assert app.get_plan(KEY).find_measure("0.1.2").text == "Årshjul vedtatt i ASU."
    saved = client.post(url, data=filled(again.text, {"2024": "x høst"}, url))
    assert saved.status_code == 303
    measure = app.get_plan(KEY).find_measure("0.1.2")
    assert (measure.text, measure.marks[2024]) == ("Årshjul vedtatt i ASU.", "x høst")

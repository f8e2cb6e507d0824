"""Removing a goal in the browser, on SQLite and PostgreSQL: a confirmation page, offered for
a goal without measures only (the domain refuses the others, and the page says so in its
words), the removal the signed-in person's from the web, and a removal confirmed from a
stale revision refused with the goal as it is now."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from projections import AuditQuery
from tests.web.conftest import KEY, event_count
from tests.web.forms import filled
from tests.web.signed_in import person_with, signed_in

REMOVAL = f"/planer/{KEY}/mal/3.4/fjern"
WORKING = f"/planer/{KEY}/arbeidsversjon"
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>')
SHEET = Provenance("Kari", Source.SHEET)
HAS_MEASURES = "Mål 3.1 har fortsatt tiltak. Flytt eller fjern dem først."


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    _, app = demo_on_database
    app.add_goal(KEY, "3.4", "Felles øvelser", SHEET)
    return demo_on_database


def editor(site: tuple[Flask, Planlogg]) -> FlaskClient:
    web, app = site
    return signed_in(web, person_with(app, Role.EDITOR))


def test_a_goal_without_measures_is_removed_as_the_editors_change_from_the_web(site) -> None:
    web, app = site
    client = editor(site)
    shown = client.get(REMOVAL)
    assert shown.status_code == 200
    assert "<h2>Mål 3.4: Felles øvelser</h2>" in shown.text
    assert '<input type="hidden" name="revision" value="1">' in shown.text
    data = filled(shown.text, {"reason": "Slått sammen med 3.3"}, REMOVAL)
    removed = client.post(REMOVAL, data=data)
    assert removed.status_code == 303
    assert removed.headers["Location"] == f"{WORKING}#omrade-3"
    page = client.get(removed.headers["Location"]).text
    assert NOTICE.findall(page) == ["Mål 3.4 er fjernet."]
    assert 'id="mal-3.4"' not in page
    rows = (
        web.extensions["planlogg"]
        .read_models.history(AuditQuery(plan=KEY, field="goal_removed", source="web"))
        .rows
    )
    assert [(r.goal, r.actor, r.reason) for r in rows] == [
        ("3.4", "Editor (editor@helse.no)", "Slått sammen med 3.3")
    ]
    assert app.get_plan(KEY).goals["3.4"].removed


def test_a_goal_with_measures_is_offered_no_removal_and_its_measures_are_named(site) -> None:
    _, app = site
    page = editor(site).get(f"/planer/{KEY}/mal/3.1/fjern")
    assert page.status_code == 200
    assert NOTICE.findall(page.text) == [HAS_MEASURES]
    assert '<form method="post" action="/planer/' + KEY + '/mal/3.1/fjern"' not in page.text
    measure = app.get_plan(KEY).find_measure("3.1.1")
    assert f'<a href="/planer/{KEY}/tiltak/{measure.id}/endre">Endre tiltak 3.1.1</a>' in page.text


def test_a_removal_of_a_goal_given_a_measure_meanwhile_is_refused_in_the_domains_words(
    site,
) -> None:
    _, app = site
    client = editor(site)
    opened = client.get(REMOVAL).text
    app.add_measure(KEY, "3.4.1", "Øvelse med kommunene", SHEET)
    before = event_count(app)
    refused = client.post(REMOVAL, data=filled(opened, {"reason": "Trengs ikke"}, REMOVAL))
    assert refused.status_code == 409
    assert event_count(app) == before
    assert "<p>Mål 3.4 har fortsatt tiltak. Flytt eller fjern dem først.</p>" in refused.text
    assert '<input id="reason" name="reason" value="Trengs ikke"' in refused.text
    assert not app.get_plan(KEY).goals["3.4"].removed


def test_a_removal_confirmed_after_the_goal_changed_is_refused_with_the_goal_as_it_is(
    site,
) -> None:
    _, app = site
    client = editor(site)
    opened = client.get(REMOVAL).text
    app.reword_goal(KEY, "3.4", "Felles øvelser hvert år", SHEET)
    before = event_count(app)
    refused = client.post(REMOVAL, data=filled(opened, {}, REMOVAL))
    assert refused.status_code == 409
    assert event_count(app) == before
    assert "<h2>Målet er endret etter at du åpnet skjemaet</h2>" in refused.text
    assert (
        "Ingenting er fjernet: målet hadde endringsnummer 1 da du åpnet siden, og har nå "
        "endringsnummer 2." in refused.text
    )
    assert "<h2>Mål 3.4: Felles øvelser hvert år</h2>" in refused.text
    assert '<input type="hidden" name="revision" value="2">' in refused.text
    confirmed = client.post(REMOVAL, data=filled(refused.text, {}, REMOVAL))
    assert confirmed.status_code == 303
    assert app.get_plan(KEY).goals["3.4"].removed


def test_a_removal_sent_twice_says_the_goal_is_removed(site) -> None:
    """As a double click sends it: the browser shows the page the second answer leads to,
    with the first answer's notice too, said once."""
    _, app = site
    client = editor(site)
    data = filled(client.get(REMOVAL).text, {}, REMOVAL)
    assert client.post(REMOVAL, data=data).status_code == 303
    before = event_count(app)
    again = client.post(REMOVAL, data=data)
    assert again.status_code == 303
    assert NOTICE.findall(client.get(again.headers["Location"]).text) == ["Mål 3.4 er fjernet."]
    assert event_count(app) == before


def test_a_removed_goal_is_added_again_under_its_number(site) -> None:
    _, app = site
    client = editor(site)
    client.post(REMOVAL, data=filled(client.get(REMOVAL).text, {}, REMOVAL))
    url = f"/planer/{KEY}/mal/nytt?area=3"
    page = client.get(url).text
    assert '<input id="number" name="number" value="3.5"' in page  # the removed one's passed
    typed = {"number": "3.4", "text": "Felles øvelser igjen"}
    added = client.post(url, data=filled(page, typed, url))
    assert added.status_code == 303
    goal = app.get_plan(KEY).goals["3.4"]
    assert (goal.removed, goal.text) == (False, "Felles øvelser igjen")

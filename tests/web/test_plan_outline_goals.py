"""Adding a goal and rewording one in the browser, on SQLite and PostgreSQL: the next free
number under its area is filled in, a save is the signed-in person's from the web and is on
the working version at once, a text saved from a stale revision is refused with both texts
shown, and every refusal is said at its field with what was typed kept."""

from __future__ import annotations

import re
from html import unescape

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

NEW = f"/planer/{KEY}/mal/nytt"
GOAL_3_1 = f"/planer/{KEY}/mal/3.1/endre"
WORKING = f"/planer/{KEY}/arbeidsversjon"
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>')
SHEET = Provenance("Kari", Source.SHEET)
TEXT_3_1 = "En sammenhengende og koordinert akuttmedisinsk kjede (utenfor sykehus)"


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def editor(site: tuple[Flask, Planlogg]) -> FlaskClient:
    web, app = site
    return signed_in(web, person_with(app, Role.EDITOR))


def box(page: str, name: str) -> str:
    found = re.search(rf'<textarea id="{name}" name="{name}"[^>]*>([^<]*)</textarea>', page)
    assert found is not None, page
    return unescape(found[1])


def refusal_at(page: str, name: str) -> str:
    found = re.search(rf'<p class="error" id="{name}-error">(.*?)</p>', page)
    return unescape(found[1]) if found else ""


def goal_rows(web: Flask) -> list[tuple[str, str, str, str, str, str]]:
    models = web.extensions["planlogg"].read_models
    rows = models.history(AuditQuery(plan=KEY, field="goal_text", source="web")).rows
    return [(r.goal, r.before, r.after, r.actor, r.reason, r.decision) for r in rows]


@pytest.mark.parametrize(("area", "number"), [("3", "3.4"), ("2", "2.2"), ("03", "3.4")])
def test_a_new_goal_is_given_the_next_free_number_under_its_area(
    site, area: str, number: str
) -> None:
    page = editor(site).get(f"{NEW}?area={area}")
    assert page.status_code == 200
    assert f'<input id="number" name="number" value="{number}"' in page.text


def test_a_new_goal_skips_a_number_taken_by_a_goal_added_last(site) -> None:
    _, app = site
    app.add_goal(KEY, "2.2", "Raskere avklaring", SHEET)
    page = editor(site).get(f"{NEW}?area=2").text
    assert '<input id="number" name="number" value="2.3"' in page


def test_a_new_goal_under_an_area_the_plan_lacks_is_not_found(site) -> None:
    answer = editor(site).get(f"{NEW}?area=9")
    assert answer.status_code == 404
    assert "Innsatsområde 9 finnes ikke." in answer.text


def test_a_new_goal_is_the_editors_from_the_web_and_shows_at_once(site) -> None:
    web, app = site
    client = editor(site)
    url = f"{NEW}?area=2"
    shown = client.get(url).text
    text = "Raskere avklaring\n- Felles vurdering første døgn"
    added = client.post(url, data=filled(shown, {"text": text, "reason": "ASU-møtet"}, url))
    assert added.status_code == 303
    assert added.headers["Location"] == f"{WORKING}#mal-2.2"
    page = client.get(added.headers["Location"]).text
    assert NOTICE.findall(page) == ["La til mål 2.2."]
    assert '<h3 id="mal-2.2">Mål 2.2: Raskere avklaring</h3>' in page
    assert goal_rows(web) == [("2.2", "", text, "Editor (editor@helse.no)", "ASU-møtet", "")]
    goal = app.get_plan(KEY).goals["2.2"]
    assert (goal.area, goal.text, goal.revision) == ("2", text, 1)


def test_a_new_goals_number_refused_is_said_at_its_field_with_what_was_typed_kept(site) -> None:
    _, app = site
    client = editor(site)
    url = f"{NEW}?area=2"
    data = filled(client.get(url).text, {"number": "9.1", "text": "Noe nytt"}, url)
    before = event_count(app)
    refused = client.post(url, data=data)
    assert refused.status_code == 422
    assert event_count(app) == before
    assert refusal_at(refused.text, "number") == (
        "Innsatsområde 9 finnes ikke. Legg til innsatsområdet først."
    )
    assert '<input id="number" name="number" value="9.1"' in refused.text
    assert box(refused.text, "text") == "Noe nytt"
    assert "<h2>Målet ble ikke lagt til</h2>" in refused.text


def test_a_new_goal_without_number_or_text_is_refused_at_both_fields(site) -> None:
    client = editor(site)
    data = filled(client.get(NEW).text, {"number": "", "text": "  "}, NEW)
    refused = client.post(NEW, data=data)
    assert refused.status_code == 422
    assert (refusal_at(refused.text, "number"), refusal_at(refused.text, "text")) == (
        "Skriv nummeret, som 2.3.",
        "Målteksten må fylles ut.",
    )


def test_a_new_goal_sent_twice_is_added_once_and_not_refused(site) -> None:
    _, app = site
    client = editor(site)
    url = f"{NEW}?area=2"
    data = filled(client.get(url).text, {"text": "Raskere avklaring"}, url)
    assert client.post(url, data=data).status_code == 303
    before = event_count(app)
    again = client.post(url, data=data)
    assert again.status_code == 303
    assert again.headers["Location"] == f"{WORKING}#mal-2.2"
    assert event_count(app) == before


def test_a_reworded_goal_is_the_editors_change_from_the_web_and_shows_at_once(site) -> None:
    web, app = site
    client = editor(site)
    shown = client.get(GOAL_3_1)
    assert shown.status_code == 200
    assert box(shown.text, "text") == TEXT_3_1
    assert '<input type="hidden" name="revision" value="1">' in shown.text
    data = filled(
        shown.text, {"text": "Ein samanhengande akuttkjede", "decision": "ASU sak 40/24"}, GOAL_3_1
    )
    saved = client.post(GOAL_3_1, data=data)
    assert saved.status_code == 303
    assert saved.headers["Location"] == f"{WORKING}#mal-3.1"
    page = client.get(saved.headers["Location"]).text
    assert NOTICE.findall(page) == ["Mål 3.1 har fått ny tekst."]
    assert '<h3 id="mal-3.1">Mål 3.1: Ein samanhengande akuttkjede</h3>' in page
    assert goal_rows(web) == [
        (
            "3.1",
            TEXT_3_1,
            "Ein samanhengande akuttkjede",
            "Editor (editor@helse.no)",
            "",
            "ASU sak 40/24",
        )
    ]
    assert app.get_plan(KEY).goals["3.1"].revision == 2


def test_a_goal_saved_unchanged_records_nothing_and_says_so(site) -> None:
    _, app = site
    client = editor(site)
    before = event_count(app)
    saved = client.post(GOAL_3_1, data=filled(client.get(GOAL_3_1).text, {}, GOAL_3_1))
    assert saved.status_code == 303
    assert NOTICE.findall(client.get(saved.headers["Location"]).text) == [
        "Mål 3.1: ingen endringer å lagre."
    ]
    assert event_count(app) == before


def test_a_stale_text_is_refused_with_the_stored_text_beside_what_was_typed(site) -> None:
    _, app = site
    client = editor(site)
    opened = client.get(GOAL_3_1).text
    app.reword_goal(KEY, "3.1", "Akuttkjeden, vedtatt i ASU", SHEET)
    before = event_count(app)
    refused = client.post(GOAL_3_1, data=filled(opened, {"text": "Min tekst\n- punkt"}, GOAL_3_1))
    assert refused.status_code == 409
    assert event_count(app) == before
    assert app.get_plan(KEY).goals["3.1"].text == "Akuttkjeden, vedtatt i ASU"
    page = refused.text
    assert "<h2>Målet er endret etter at du åpnet skjemaet</h2>" in page
    assert "målet hadde endringsnummer 1 da du åpnet skjemaet, og har nå endringsnummer 2." in page
    assert box(page, "text") == "Akuttkjeden, vedtatt i ASU"
    typed = re.search(
        r'<div class="typed" id="text-typed">.*?<p class="typed-text">(.*?)</p>', page, re.S
    )
    assert typed is not None and typed[1] == "Min tekst\n- punkt"
    assert 'aria-describedby="text-hint text-typed"' in page
    assert '<input type="hidden" name="revision" value="2">' in page


def test_a_text_refused_is_said_at_its_field_with_the_revision_seen_kept(site) -> None:
    _, app = site
    client = editor(site)
    data = filled(client.get(GOAL_3_1).text, {"text": "x" * 10_001}, GOAL_3_1)
    app.reword_goal(KEY, "3.1", "Akuttkjeden, vedtatt i ASU", SHEET)
    refused = client.post(GOAL_3_1, data=data)
    assert refused.status_code == 422
    assert refusal_at(refused.text, "text") == (
        "Målteksten har for mange tegn: 10001, men høyst 10000 er lov."
    )
    assert box(refused.text, "text") == "x" * 10_001
    assert '<input type="hidden" name="revision" value="1">' in refused.text


def test_a_goal_removed_since_the_form_was_opened_is_refused_with_the_text_kept(site) -> None:
    _, app = site
    app.add_goal(KEY, "3.4", "Felles øvelser", SHEET)
    client = editor(site)
    url = f"/planer/{KEY}/mal/3.4/endre"
    opened = client.get(url).text
    app.remove_goal(KEY, "3.4", SHEET)
    before = event_count(app)
    refused = client.post(url, data=filled(opened, {"text": "Felles øvelser hvert år"}, url))
    assert refused.status_code == 409
    assert event_count(app) == before
    assert "<p>Mål 3.4 finnes ikke.</p>" in refused.text
    assert box(refused.text, "text") == "Felles øvelser hvert år"

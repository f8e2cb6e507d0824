"""Adding an area and giving one a new title in the browser, on SQLite and PostgreSQL: a save
is the signed-in person's from the web and is on the working version at once, a title saved
from a stale revision is refused with both titles shown, nothing overwritten, and every
refusal is said at its field with what was typed kept."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.people import Role
from domain.provenance import Provenance, Source
from projections import AuditQuery
from tests.web.conftest import KEY, event_count
from tests.web.forms import filled
from tests.web.signed_in import SETUP, person_with, signed_in

NEW = f"/planer/{KEY}/innsatsomrader/nytt"
AREA_2 = f"/planer/{KEY}/innsatsomrader/2/endre"
WORKING = f"/planer/{KEY}/arbeidsversjon"
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>')


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


def area_rows(web: Flask) -> list[tuple[str, str, str, str, str, str]]:
    models = web.extensions["planlogg"].read_models
    rows = models.history(AuditQuery(plan=KEY, field="area_title", source="web")).rows
    return [(r.area, r.before, r.after, r.actor, r.reason, r.decision) for r in rows]


def test_a_new_area_gets_the_next_number_and_is_the_editors_from_the_web(site) -> None:
    web, app = site
    client = editor(site)
    shown = client.get(NEW)
    assert shown.status_code == 200
    assert '<input id="number" name="number" value="7"' in shown.text
    data = filled(
        shown.text,
        {"title": "Folkehelse", "reason": "Nytt satsingsområde", "decision": "ASU sak 40/24"},
        NEW,
    )
    added = client.post(NEW, data=data)
    assert added.status_code == 303
    assert added.headers["Location"] == f"{WORKING}#omrade-7"
    page = client.get(added.headers["Location"]).text
    assert NOTICE.findall(page) == ["La til innsatsområde 7."]
    assert '<h2 id="omrade-7">7. Folkehelse</h2>' in page
    assert area_rows(web) == [
        ("7", "", "Folkehelse", "Editor (editor@helse.no)", "Nytt satsingsområde", "ASU sak 40/24")
    ]
    area = app.get_plan(KEY).areas["7"]
    assert (area.title, area.revision) == ("Folkehelse", 1)


def test_the_first_area_of_a_plan_without_areas_is_numbered_1(site) -> None:
    _, app = site
    app.create_plan("tom-plan", "Tom plan", DEMO_COMMUNITY, 2025, 2028, SETUP)
    page = editor(site).get("/planer/tom-plan/innsatsomrader/nytt").text
    assert '<input id="number" name="number" value="1"' in page


def test_a_new_areas_number_refused_is_said_at_its_field_with_what_was_typed_kept(site) -> None:
    _, app = site
    client = editor(site)
    data = filled(client.get(NEW).text, {"number": "02", "title": "Ny tittel"}, NEW)
    before = event_count(app)
    refused = client.post(NEW, data=data)
    assert refused.status_code == 422
    assert event_count(app) == before
    assert refusal_at(refused.text, "number") == "Innsatsområde 2 finnes allerede."
    assert '<a href="#number">Nummer: Innsatsområde 2 finnes allerede.</a>' in refused.text
    assert '<input id="number" name="number" value="02"' in refused.text
    assert 'aria-describedby="number-hint number-error" aria-invalid="true"' in refused.text
    assert box(refused.text, "title") == "Ny tittel"
    assert "<h2>Innsatsområdet ble ikke lagt til</h2>" in refused.text


def test_a_new_area_without_number_or_title_is_refused_at_both_fields(site) -> None:
    _, app = site
    client = editor(site)
    data = filled(client.get(NEW).text, {"number": " ", "title": "", "reason": "Fordi"}, NEW)
    before = event_count(app)
    refused = client.post(NEW, data=data)
    assert refused.status_code == 422
    assert event_count(app) == before
    assert (refusal_at(refused.text, "number"), refusal_at(refused.text, "title")) == (
        "Skriv nummeret, som 3.",
        "Tittelen på innsatsområdet må fylles ut.",
    )
    assert '<input id="reason" name="reason" value="Fordi"' in refused.text


def test_a_line_break_in_a_title_is_a_space(site) -> None:
    """The title's box wraps it to show it whole on a phone: a title is one line."""
    _, app = site
    client = editor(site)
    data = filled(client.get(NEW).text, {"title": "Folkehelse og\r\n forebygging"}, NEW)
    assert client.post(NEW, data=data).status_code == 303
    assert app.get_plan(KEY).areas["7"].title == "Folkehelse og forebygging"


def test_a_renamed_area_is_the_editors_change_from_the_web_and_shows_at_once(site) -> None:
    web, app = site
    client = editor(site)
    shown = client.get(AREA_2)
    assert shown.status_code == 200
    assert box(shown.text, "title") == "Utskrivningsklare pasienter"
    assert '<input type="hidden" name="revision" value="1">' in shown.text
    data = filled(shown.text, {"title": "Utskrivingsklare pasientar", "reason": "Nynorsk"}, AREA_2)
    renamed = client.post(AREA_2, data=data)
    assert renamed.status_code == 303
    assert renamed.headers["Location"] == f"{WORKING}#omrade-2"
    page = client.get(renamed.headers["Location"]).text
    assert NOTICE.findall(page) == ["Innsatsområde 2 har fått ny tittel."]
    assert '<h2 id="omrade-2">2. Utskrivingsklare pasientar</h2>' in page
    assert area_rows(web) == [
        (
            "2",
            "Utskrivningsklare pasienter",
            "Utskrivingsklare pasientar",
            "Editor (editor@helse.no)",
            "Nynorsk",
            "",
        )
    ]
    assert app.get_plan(KEY).areas["2"].revision == 2


def test_a_title_saved_unchanged_records_nothing_and_says_so(site) -> None:
    _, app = site
    client = editor(site)
    before = event_count(app)
    saved = client.post(AREA_2, data=filled(client.get(AREA_2).text, {}, AREA_2))
    assert saved.status_code == 303
    assert NOTICE.findall(client.get(saved.headers["Location"]).text) == [
        "Innsatsområde 2: ingen endringer å lagre."
    ]
    assert event_count(app) == before


def test_a_stale_title_is_refused_with_the_stored_title_beside_what_was_typed(site) -> None:
    _, app = site
    client = editor(site)
    opened = client.get(AREA_2).text
    app.rename_area(KEY, "2", "Pasientar klare for utskriving", Provenance("Kari", Source.SHEET))
    before = event_count(app)
    refused = client.post(AREA_2, data=filled(opened, {"title": "Min egen tittel"}, AREA_2))
    assert refused.status_code == 409
    assert event_count(app) == before
    assert app.get_plan(KEY).areas["2"].title == "Pasientar klare for utskriving"
    page = refused.text
    assert "<h2>Innsatsområdet er endret etter at du åpnet skjemaet</h2>" in page
    assert (
        "innsatsområdet hadde endringsnummer 1 da du åpnet skjemaet, og har nå endringsnummer 2."
        in page
    )
    assert box(page, "title") == "Pasientar klare for utskriving"
    typed = re.search(
        r'<div class="typed" id="title-typed">.*?<p class="typed-text">(.*?)</p>', page, re.S
    )
    assert typed is not None and typed[1] == "Min egen tittel"
    assert 'aria-describedby="title-typed"' in page
    assert '<input type="hidden" name="revision" value="2">' in page
    again = client.post(AREA_2, data=filled(page, {"title": "Min egen tittel"}, AREA_2))
    assert again.status_code == 303
    assert app.get_plan(KEY).areas["2"].title == "Min egen tittel"


def test_an_untouched_form_sent_after_a_colleagues_change_saves_nothing(site) -> None:
    _, app = site
    client = editor(site)
    opened = client.get(AREA_2).text
    app.rename_area(KEY, "2", "Pasientar klare for utskriving", Provenance("Kari", Source.SHEET))
    before = event_count(app)
    saved = client.post(AREA_2, data=filled(opened, {}, AREA_2))
    assert saved.status_code == 303
    assert NOTICE.findall(client.get(saved.headers["Location"]).text) == [
        "Innsatsområde 2: ingen endringer å lagre."
    ]
    assert event_count(app) == before
    assert app.get_plan(KEY).areas["2"].title == "Pasientar klare for utskriving"


def test_a_title_citing_an_unregistered_decision_is_refused_at_the_decision(site) -> None:
    _, app = site
    client = editor(site)
    data = filled(client.get(AREA_2).text, {"title": "Ny", "decision": "ASU sak 99/25"}, AREA_2)
    before = event_count(app)
    refused = client.post(AREA_2, data=data)
    assert refused.status_code == 409
    assert event_count(app) == before
    assert refusal_at(refused.text, "decision") == (
        "Vedtaket «ASU sak 99/25» er ikke registrert. Se om saksnummeret er skrevet riktig, "
        "eller be sekretariatet registrere vedtaket først."
    )
    assert box(refused.text, "title") == "Ny"
    assert '<input type="hidden" name="revision" value="1">' in refused.text


def test_a_form_without_the_revision_is_refused(site) -> None:
    _, app = site
    client = editor(site)
    data = filled(client.get(AREA_2).text, {"title": "Ny"}, AREA_2)
    del data["revision"]
    before = event_count(app)
    refused = client.post(AREA_2, data=data)
    assert refused.status_code == 422
    assert (
        '<p role="alert">Skjemaet mangler endringsnummeret innsatsområdet hadde. '
        "Last siden på nytt.</p>" in refused.text
    )
    assert event_count(app) == before


def test_an_area_the_plan_lacks_is_not_found(site) -> None:
    answer = editor(site).get(f"/planer/{KEY}/innsatsomrader/9/endre")
    assert answer.status_code == 404
    assert "Innsatsområde 9 finnes ikke." in answer.text


def test_a_refusal_speaks_nynorsk_to_whom_reads_nynorsk(site) -> None:
    client = editor(site)
    page = client.get(f"{NEW}?lang=nn").text
    refused = client.post(NEW, data=filled(page, {"number": "2", "title": ""}, NEW))
    assert refused.status_code == 422
    assert refusal_at(refused.text, "title") == "Tittelen på innsatsområdet må fyllast ut."

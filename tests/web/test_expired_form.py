"""A form refused for its token (signed out, or a page from before the last sign-in) says what
happened in plain words and gives back what was typed; nothing is stored."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from tests.web.conftest import event_count
from tests.web.forms import filled
from tests.web.signed_in import NOW, person_with, reporter, signed_in
from web.auth import SIGNED_IN_AT

SCRIPT = "<script>alert(1)</script>"
SIGNED_OUT_NB = "Du ble logget ut fordi en innlogging varer i 8 timer. Ingenting er lagret."
STALE_NB = (
    "Siden ble åpnet før du sist logget inn, for eksempel i et annet vindu, eller den har "
    "vært åpen for lenge. Ingenting er lagret."
)


def form_url(app: Planlogg, number: str = "1.2.1") -> str:
    return f"/planer/{DEMO_PLAN}/tiltak/{app.get_plan(DEMO_PLAN).find_measure(number).id}/endre"


def given_back(label: str, value: str) -> str:
    """A field given back under its label, as the page writes it."""
    return f'<dt>{label}</dt>\n    <dd class="typed-value">{value}</dd>'


def typed_form(client: FlaskClient, url: str, målform: str = "nb") -> dict[str, list[str]]:
    page = client.get(f"{url}?lang={målform}").text
    return filled(page, {"Tiltak": "Ny tekst om fastlegene", "reason": SCRIPT}, url)


def editor(web: Flask, app: Planlogg) -> FlaskClient:
    return signed_in(web, person_with(app, Role.EDITOR))


def run_out(client: FlaskClient) -> None:
    """The session began longer ago than a session lasts (8 hours)."""
    with client.session_transaction() as session:
        session[SIGNED_IN_AT] = NOW - 8 * 3600 - 1


def test_a_form_sent_after_the_session_ran_out_says_so_and_gives_back_what_was_typed(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = editor(people_web, demo_app)
    url = form_url(demo_app)
    data = typed_form(client, url)
    run_out(client)
    before = event_count(demo_app)
    answer = client.post(url, data=data)
    assert answer.status_code == 400
    assert event_count(demo_app) == before
    text = answer.text
    assert "CSRF" not in text
    assert "<h1>Skjemaet ble ikke lagret</h1>" in text
    assert f'<p role="alert">{SIGNED_OUT_NB}</p>' in text
    login = f"/logg-inn?next={url}"
    assert f'<a class="button-link" href="{login}">Logg inn på nytt</a>' in text
    assert given_back("Begrunnelse", "&lt;script&gt;alert(1)&lt;/script&gt;") in text
    assert SCRIPT not in text
    assert given_back("Tiltak", "Ny tekst om fastlegene") in text
    assert data["csrf_token"][0] not in text
    assert "revision" not in text


def test_the_login_page_reached_from_it_returns_to_the_form(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = editor(people_web, demo_app)
    url = form_url(demo_app)
    data = typed_form(client, url)
    run_out(client)
    client.post(url, data=data)
    login = client.get(f"/logg-inn?next={quote(url, safe='')}").text
    assert f'<input type="hidden" name="next" value="{url}">' in login
    assert "Økten din er utløpt. Logg inn på nytt." in login


def test_a_stale_token_while_signed_in_is_named_and_the_form_is_offered_again(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = editor(people_web, demo_app)
    url = form_url(demo_app)
    data = {**typed_form(client, url), "csrf_token": ["gammel"]}
    before = event_count(demo_app)
    answer = client.post(url, data=data, headers={"Referer": f"http://localhost{url}?lang=nb"})
    assert answer.status_code == 400
    assert event_count(demo_app) == before
    assert "CSRF" not in answer.text
    assert f'<p role="alert">{STALE_NB}</p>' in answer.text
    reload = f'<a class="button-link" href="{url}?lang=nb">Last inn skjemaet på nytt</a>'
    assert reload in answer.text
    assert "gammel" not in answer.text


def test_a_form_from_another_site_is_not_offered_back_to_that_site(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = editor(people_web, demo_app)
    url = form_url(demo_app)
    data = {**typed_form(client, url), "csrf_token": ["gammel"]}
    answer = client.post(url, data=data, headers={"Referer": "https://evil.example/x"})
    assert f'<a class="button-link" href="{url}">Last inn skjemaet på nytt</a>' in answer.text
    assert "evil.example" not in answer.text


def test_fields_without_a_label_are_listed_under_their_names_and_secrets_are_left_out(
    client: FlaskClient,
) -> None:
    answer = client.post(
        "/logg-inn", data={"token": "hemmelig-token", "next": "/revisjon/", "annet": "verdi"}
    )
    assert answer.status_code == 400
    assert "hemmelig-token" not in answer.text
    assert "/revisjon/" not in answer.text
    assert '<li><span class="field-name">annet</span>: verdi</li>' in answer.text
    assert f'<p role="alert">{STALE_NB}</p>' in answer.text


def test_the_page_speaks_nynorsk_to_a_nynorsk_reader(people_web: Flask, demo_app: Planlogg) -> None:
    client = editor(people_web, demo_app)
    url = form_url(demo_app)
    data = typed_form(client, url, "nn")
    run_out(client)
    text = client.post(url, data=data).text
    assert '<html lang="nn">' in text
    assert "<h1>Skjemaet blei ikkje lagra</h1>" in text
    assert "CSRF" not in text


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_a_choice_is_given_back_under_its_label_in_the_readers_målform(
    people_web: Flask, demo_app: Planlogg, målform: str
) -> None:
    """The label reads «Målform på sidene» in both målformer."""
    client = editor(people_web, demo_app)
    client.get(f"/profil?lang={målform}")
    text = client.post("/profil", data={"malform": "nn"}).text
    assert f'<html lang="{målform}">' in text
    assert given_back("Målform på sidene", "Nynorsk") in text
    assert "CSRF" not in text


def test_an_api_call_needs_no_csrf_token_and_answers_in_json(
    client: FlaskClient, auth, demo_app: Planlogg
) -> None:
    before = event_count(demo_app)
    answer = client.post(
        f"/api/plans/{DEMO_PLAN}/measures/1.2.1/text",
        json={"text": "Ny tekst fra API-et", "expected_revision": 1},
        headers=auth("editor"),
    )
    assert answer.status_code == 200, answer.json
    assert answer.json["revision"] == 2
    assert event_count(demo_app) == before + 1


def test_a_status_report_gives_back_the_rows_changed_under_their_measures_numbers(
    people_web: Flask, demo_app: Planlogg
) -> None:
    body = "Fagråd for digital samhandling"
    client = signed_in(people_web, reporter(demo_app, [body]))
    page = f"/planer/{DEMO_PLAN}/rapportere?organ=fagrad-for-digital-samhandling"
    data = filled(client.get(page).text, {}, page)
    rows = sorted(name.removeprefix("kommentar-") for name in data if name.startswith("kommentar-"))
    changed = demo_app.get_plan(DEMO_PLAN).measure(rows[0])
    data[f"status-{changed.id}"] = ["yellow"]
    data[f"kommentar-{changed.id}"] = ["Forseinka"]
    run_out(client)
    text = client.post(page, data=data).text
    assert given_back(f"Tiltak {changed.number}", "gul") in text
    assert given_back(f"Kommentar til {changed.number}", "Forseinka") in text
    assert text.count("<dt>") == 2


def test_a_request_no_page_takes_is_answered_as_such_not_as_an_expired_form(
    people_web: Flask,
) -> None:
    client = people_web.test_client()
    deleted = client.delete("/")
    posted = client.post("/finnes-ikke", data={"tekst": "noe"})
    assert (deleted.status_code, deleted.headers["Allow"]) == (405, "GET, HEAD, OPTIONS")
    assert "<h1>Metoden er ikke tillatt</h1>" in deleted.text
    assert posted.status_code == 404
    assert "<h1>Fant ikke siden</h1>" in posted.text
    assert "Skjemaet ble ikke lagret" not in deleted.text + posted.text

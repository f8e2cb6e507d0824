"""Which målform a request speaks: `?lang` > a `?lang` earlier in the same signed-in
session > the signed-in person's choice > the cookie > the community of the plan in the
address > the app's default > bokmål.

A `?lang` link sets a long-lived cookie (SameSite=Lax) and, signed in, holds for the rest
of the session; it never stores anything (a GET any site can make the browser send). The
person's own choice is stored from the profile form only (an event) and followed in any
browser. The API follows the same rules.
"""

from __future__ import annotations

import re
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up, event_count
from tests.web.signed_in import person_with, signed_in
from web import create_app
from web.language import COOKIE
from web.tokens import InMemoryTokenStore

SETUP = Provenance("Drift", Source.CLI)
PLAN = f"/planer/{KEY}"


def html_lang(client: FlaskClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, path
    found = re.search(r'<html lang="(\w+)">', page.get_data(as_text=True))
    assert found is not None
    return found.group(1)


def nynorsk_community(app: Planlogg) -> None:
    app.choose_community_language(DEMO_COMMUNITY, "nn", SETUP)


def test_pages_speak_bokmål_when_nothing_says_otherwise(client: FlaskClient) -> None:
    page = client.get(PLAN)
    assert '<html lang="nb">' in page.text
    assert "Vedtatt versjon 1, gjeldende." in page.text
    assert page.headers.getlist("Set-Cookie") == []


def test_lang_in_the_address_speaks_nynorsk_and_is_remembered_in_a_cookie(
    client: FlaskClient,
) -> None:
    page = client.get(f"{PLAN}?lang=nn")
    assert '<html lang="nn">' in page.text
    assert "Vedteken versjon 1, gjeldande." in page.text
    cookie = page.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=nn;")
    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie
    assert "Max-Age=63072000" in cookie
    assert html_lang(client, "/") == "nn"
    assert html_lang(client, "/logg-inn") == "nn"
    assert html_lang(client, "/?lang=nb") == "nb"
    assert html_lang(client, "/") == "nb"


def test_a_word_that_is_no_målform_changes_nothing(client: FlaskClient) -> None:
    page = client.get("/?lang=english")
    assert '<html lang="nb">' in page.text
    assert COOKIE not in page.headers.get("Set-Cookie", "")


def test_a_nynorsk_community_gets_its_plan_pages_in_nynorsk_without_any_cookie(
    web: Flask, demo_app: Planlogg
) -> None:
    nynorsk_community(demo_app)
    client = web.test_client()
    assert html_lang(client, PLAN) == "nn"
    assert html_lang(client, f"{PLAN}/versjoner/1") == "nn"
    assert "Vedteken versjon 1, gjeldande." in client.get(PLAN).text
    assert client.get_cookie(COOKIE) is None
    assert html_lang(client, "/") == "nb", "a page about no plan: the app's default"


def test_the_apps_default_speaks_where_no_plan_is_named(demo_app: Planlogg) -> None:
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "t", "TESTING": True, "LANGUAGE": "nn"},
        app=demo_app,
        tokens=InMemoryTokenStore(),
    )
    caught_up(web)
    client = web.test_client()
    assert html_lang(client, "/") == "nn"
    assert html_lang(client, PLAN) == "nb", "the plan's community writes bokmål"


def test_the_cookie_comes_before_the_community(web: Flask, demo_app: Planlogg) -> None:
    nynorsk_community(demo_app)
    client = web.test_client()
    client.set_cookie(COOKIE, "nb")
    assert html_lang(client, PLAN) == "nb"


def test_a_persons_choice_comes_before_the_cookie_and_lang_before_both(
    people_web: Flask, demo_app: Planlogg
) -> None:
    person = person_with(demo_app, Role.EDITOR)
    demo_app.choose_person_language(person, "nn", SETUP)
    client = signed_in(people_web, person)
    client.set_cookie(COOKIE, "nb")
    assert html_lang(client, "/") == "nn"
    assert html_lang(client, f"/planer/{KEY}/dashbord") == "nn"
    assert html_lang(client, "/?lang=nb") == "nb"


def test_lang_in_the_address_stores_nothing_and_speaks_for_the_rest_of_the_session(
    people_web: Flask, demo_app: Planlogg
) -> None:
    """A link or an image on another site can make the browser ask for `?lang=nn`: it must
    not record anything in the person's name, only change what this session shows."""
    person = person_with(demo_app, Role.EDITOR)
    before = event_count(demo_app)
    client = signed_in(people_web, person)
    assert html_lang(client, "/?lang=nn") == "nn"
    assert event_count(demo_app) == before
    assert demo_app.get_person(person).language is None
    assert html_lang(client, "/") == "nn"
    assert html_lang(client, f"/planer/{KEY}/dashbord") == "nn"
    elsewhere = signed_in(people_web, person)
    assert html_lang(elsewhere, "/") == "nb", "another browser: the person's choice (none)"


def test_lang_in_the_address_comes_before_the_persons_choice_for_this_session_only(
    people_web: Flask, demo_app: Planlogg
) -> None:
    person = person_with(demo_app, Role.EDITOR)
    demo_app.choose_person_language(person, "nb", SETUP)
    before = event_count(demo_app)
    client = signed_in(people_web, person)
    client.set_cookie(COOKIE, "nb")
    assert html_lang(client, "/?lang=nn") == "nn"
    assert html_lang(client, "/profil") == "nn"
    assert (event_count(demo_app), demo_app.get_person(person).language) == (before, "nb")
    assert html_lang(signed_in(people_web, person), "/") == "nb"


def test_saving_a_målform_on_the_profile_page_stores_it_over_the_sessions_lang(
    people_web: Flask, demo_app: Planlogg
) -> None:
    person = person_with(demo_app, Role.AUDITOR)
    client = signed_in(people_web, person)
    page = client.get("/profil?lang=nb").text
    assert '<html lang="nb">' in page
    assert "Lenken øverst på sidene bytter målform bare til du logger ut.</p>" in page
    before = event_count(demo_app)
    token = csrf_of(client, "/profil")
    answer = client.post("/profil", data={"csrf_token": token, "malform": "nn"})
    assert answer.status_code == 302
    assert (event_count(demo_app), chosen(demo_app, person)) == (before + 1, "nn")
    assert html_lang(client, "/") == "nn"
    assert html_lang(signed_in(people_web, person), "/") == "nn"


def csrf_of(client: FlaskClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found.group(1)


def chosen(app: Planlogg, person: UUID) -> str | None:
    return app.get_person(person).language


def test_a_person_sets_and_clears_their_målform_on_the_profile_page(
    people_web: Flask, demo_app: Planlogg
) -> None:
    person = person_with(demo_app, Role.AUDITOR)
    client = signed_in(people_web, person)
    page = client.get("/profil")
    assert page.status_code == 200
    assert "<h1>Profil</h1>" in page.text
    assert 'id="malform-felles" name="malform" value="" checked' in page.text
    token = csrf_of(client, "/profil")
    answer = client.post("/profil", data={"csrf_token": token, "malform": "nn"})
    assert answer.status_code == 302 and answer.headers["Location"] == "/profil?lagret=1"
    assert chosen(demo_app, person) == "nn"
    shown = client.get("/profil?lagret=1").text
    assert '<html lang="nn">' in shown and "Valet ditt er lagra." in shown
    assert 'id="malform-nn" name="malform" value="nn" checked' in shown
    answer = client.post("/profil", data={"csrf_token": token, "malform": ""})
    assert chosen(demo_app, person) is None
    assert f"{COOKIE}=;" in answer.headers["Set-Cookie"], "the cookie goes too"
    assert html_lang(client, "/profil") == "nb"


def test_the_profile_form_is_refused_without_its_csrf_token_or_with_a_strange_målform(
    people_web: Flask, demo_app: Planlogg
) -> None:
    person = person_with(demo_app, Role.AUDITOR)
    client = signed_in(people_web, person)
    without_token = client.post("/profil", data={"malform": "nn"})
    assert without_token.status_code == 400
    assert "Siden ble åpnet før du sist logget inn" in without_token.text
    token = csrf_of(client, "/profil")
    refused = client.post("/profil", data={"csrf_token": token, "malform": "svensk"})
    assert refused.status_code == 400
    assert "Velg bokmål, nynorsk eller helsefellesskapets målform." in refused.text
    assert chosen(demo_app, person) is None


def test_the_profile_page_asks_a_visitor_to_sign_in(client: FlaskClient) -> None:
    answer = client.get("/profil")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/logg-inn?next=/profil")


def test_the_link_to_the_other_målform_keeps_the_page_and_its_query(client: FlaskClient) -> None:
    page = client.get("/logg-inn?next=/profil&lang=nb").text
    assert (
        '<a class="switch-language" href="/logg-inn?next=%2Fprofil&amp;lang=nn" lang="nn" '
        'hreflang="nn">Nynorsk</a>'
    ) in page
    page = client.get(f"{PLAN}?x=1&lang=nb").text
    assert (
        f'<a class="switch-language" href="{PLAN}?lang=nn" lang="nn" hreflang="nn">Nynorsk</a>'
    ) in page, "a public plan page reads no made-up parameter, and carries none on"
    page = client.get(f"{PLAN}?lang=nn").text
    assert (
        f'<a class="switch-language" href="{PLAN}?lang=nb" lang="nb" hreflang="nb">Bokmål</a>'
    ) in page


def test_the_api_follows_the_same_rules(web: Flask, demo_app: Planlogg) -> None:
    client = web.test_client()
    answer = client.get("/api/plans/finst-ikkje/adopted?lang=nn")
    assert answer.status_code == 404
    assert answer.json["error"]["message"] == 'Fann ingen vedteken plan med nøkkelen "finst-ikkje".'
    assert answer.json["error"]["kind"] == "not_found"
    nynorsk_community(demo_app)
    refused = web.test_client().get(f"/api/plans/{KEY}/draft")
    assert refused.status_code == 401
    assert refused.json["error"]["message"] == "Du må logge inn (API-token) for å gjere dette."
    bokmål = web.test_client().get(f"/api/plans/{KEY}/draft?lang=nb")
    assert bokmål.json["error"]["message"] == "Du må logge inn (API-token) for å gjøre dette."


def test_the_api_refuses_a_wrong_authorization_in_the_målform_asked_for(
    client: FlaskClient,
) -> None:
    for målform, message in (
        ("nb", "Bruk «Authorization: Bearer <token>»."),
        ("nn", "Bruk «Authorization: Bearer <token>»."),
    ):
        answer = client.get(
            f"/api/plans/{KEY}/draft?lang={målform}", headers={"Authorization": "Basic x"}
        )
        assert answer.status_code == 401
        assert answer.json["error"]["message"] == message
    unknown = client.get(f"/api/plans/{KEY}/draft?lang=nn", headers={"Authorization": "Bearer x"})
    refusal = "Ukjend API-token, eller eit token som er trekt tilbake."
    assert unknown.json["error"]["message"] == refusal


def test_an_auditors_page_about_a_plan_speaks_its_communitys_målform(
    people_web: Flask, demo_app: Planlogg
) -> None:
    nynorsk_community(demo_app)
    client = signed_in(people_web, person_with(demo_app, Role.AUDITOR))
    assert html_lang(client, f"/revisjon/{KEY}/endringer") == "nn"
    assert html_lang(client, "/revisjon/kontroll") == "nb"


def test_an_auditors_history_and_decisions_of_one_plan_speak_its_communitys_målform(
    people_web: Flask, demo_app: Planlogg
) -> None:
    """The header's «Endringslogg» and «Vedtak» on a nynorsk plan's pages lead to
    `/revisjon/?plan=KEY` and `/revisjon/vedtak?plan=KEY`: pages about that plan, which
    spoke bokmål in the middle of a nynorsk walk."""
    nynorsk_community(demo_app)
    client = signed_in(people_web, person_with(demo_app, Role.AUDITOR))
    assert html_lang(client, f"/revisjon/?plan={KEY}") == "nn"
    assert html_lang(client, f"/revisjon/vedtak?plan={KEY}") == "nn"
    assert html_lang(client, "/revisjon/") == "nb"
    assert html_lang(client, "/revisjon/?plan=ingen-slik-plan") == "nb"
    visitor = people_web.test_client()
    assert html_lang(visitor, f"/logg-inn?next=/revisjon/vedtak%3Fplan%3D{KEY}") == "nn"


def test_the_api_about_a_community_speaks_its_målform(web: Flask, demo_app: Planlogg) -> None:
    nynorsk_community(demo_app)
    refused = web.test_client().get(f"/api/communities/{DEMO_COMMUNITY}/bodies")
    assert refused.status_code == 401
    assert refused.json["error"]["message"] == "Du må logge inn (API-token) for å gjere dette."


def test_a_cached_page_is_kept_per_målform(client: FlaskClient) -> None:
    assert html_lang(client, PLAN) == "nb"
    client.set_cookie(COOKIE, "nn")
    assert html_lang(client, PLAN) == "nn"
    assert "Vedteken versjon 1, gjeldande." in client.get(PLAN).text
    client.set_cookie(COOKIE, "nb")
    assert "Vedtatt versjon 1, gjeldende." in client.get(PLAN).text


def test_a_community_that_switches_is_heard_once_the_read_models_have_its_choice(
    web: Flask, demo_app: Planlogg
) -> None:
    client = web.test_client()
    assert html_lang(client, PLAN) == "nb"
    nynorsk_community(demo_app)
    caught_up(web)
    assert html_lang(client, PLAN) == "nn"
    demo_app.choose_community_language(DEMO_COMMUNITY, "nb", SETUP)
    caught_up(web)
    assert html_lang(client, PLAN) == "nb"


def test_the_sign_in_page_speaks_the_målform_of_the_page_it_leads_back_to(
    web: Flask, demo_app: Planlogg
) -> None:
    nynorsk_community(demo_app)
    client = web.test_client()
    assert html_lang(client, f"/logg-inn?next={PLAN}") == "nn"
    assert html_lang(client, "/logg-inn?next=/") == "nb"


def test_lang_in_the_address_starts_no_session_for_a_visitor(client: FlaskClient) -> None:
    page = client.get("/?lang=nn")
    cookies = page.headers.getlist("Set-Cookie")
    assert [cookie.split("=")[0] for cookie in cookies] == [COOKIE]


def test_every_answer_varies_by_cookie(client: FlaskClient) -> None:
    assert "Cookie" in client.get(PLAN).headers["Vary"]
    assert "Cookie" in client.get("/api/plans").headers["Vary"]

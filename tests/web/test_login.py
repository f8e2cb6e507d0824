"""The login page, the provider's settings, sign-out and the session's fixed lifetime.

The whole sign-in against a real provider is in test_oidc_browser.py; here are
the rules around it, with a fake Authlib client where a provider's answer is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from uuid import UUID

import pytest
import requests
from click.testing import CliRunner
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.errors import ValidationError
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.notify.smtp_server import free_port
from tests.web.clock import Clock
from tests.web.conftest import KEY, caught_up, event_count
from tests.web.oidc_provider import RecordingProvider, users
from tests.web.signed_in import NOW, SETUP, person_with, signed_in, signed_in_with_token
from web import create_app
from web.auth import PERSON_KEY, SESSION_KEY
from web.cli import EXIT_INVALID, cli
from web.config import oidc_config, session_lifetime
from web.login import (
    EXTENSION,
    IdentityProvider,
    IdentityProviderError,
    _checked_claims,
    safe_target,
)
from web.tokens import InMemoryTokenStore, create_token

ISSUER = "https://login.example/tenant/v2.0"
COOKIE = "planlogg_session"
CLIENT_ID = "planlogg"


class FakeClient:
    """Authlib's client as far as Planlogg uses it: our client ID and the provider's discovery
    document."""

    client_id = CLIENT_ID

    def __init__(self, **metadata: Any) -> None:
        self.metadata = {"issuer": ISSUER, **metadata}

    def load_server_metadata(self) -> dict[str, Any]:
        return self.metadata


def csrf(client: FlaskClient, path: str = "/") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found[1]


def web_with(demo_app: Planlogg, **config: Any) -> Flask:
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "t", "TESTING": True, **config},
        app=demo_app,
        tokens=InMemoryTokenStore(),
    )
    caught_up(web)
    return web


def test_without_a_provider_the_page_offers_the_token_form_only(people_web: Flask) -> None:
    client = people_web.test_client()
    page = client.get("/logg-inn").text
    assert "Logg inn med" not in page
    assert '<label for="token">API-token</label>' in page
    assert client.get("/logg-inn/oidc").status_code == 404


def test_with_a_provider_the_page_offers_it_first_and_keeps_the_token_form(
    demo_app: Planlogg,
) -> None:
    web = web_with(demo_app, OIDC_ISSUER=ISSUER + "/", OIDC_CLIENT_ID="planlogg",
                   OIDC_NAME="Helse Midt-Norge (Entra ID)")  # fmt: skip
    page = web.test_client().get(f"/logg-inn?next=/planer/{KEY}/dashbord").text
    link = f'href="/logg-inn/oidc?next=/planer/{KEY}/dashbord">Logg inn med Helse Midt-Norge'
    assert link in page
    assert "<summary>Administratorer: logg inn med API-token</summary>" in page
    assert web.extensions[EXTENSION].issuer == ISSUER


def test_an_unreachable_provider_is_a_clear_503(demo_app: Planlogg) -> None:
    web = web_with(demo_app, OIDC_ISSUER="http://127.0.0.1:1", OIDC_CLIENT_ID="planlogg")
    response = web.test_client().get("/logg-inn/oidc")
    assert response.status_code == 503
    assert "Innloggingstjenesten svarer ikke" in response.text


@pytest.mark.parametrize(
    ("target", "safe"),
    [("/planer/x/dashbord?a=1", "/planer/x/dashbord?a=1"), ("//evil.example/x", ""),
     ("https://evil.example/", ""), ("javascript:alert(1)", ""), ("", ""), (None, ""),
     ("/\\evil.example/x", ""), ("/\\/evil.example", ""), ("\\\\evil.example", ""),
     ("/planer\\x", ""), ("/planer/x\r\n/y", ""), ("/%5Cevil.example", "/%5Cevil.example"),
     ("///evil.example/x", ""), ("////evil.example", "")],
)  # fmt: skip
def test_only_paths_on_this_site_are_followed_after_sign_in(target: str | None, safe: str) -> None:
    assert safe_target(target) == safe


def test_a_backslash_address_is_not_followed_after_signing_in_with_a_token(
    people_web: Flask,
) -> None:
    """Browsers read `/\\evil.example` as `//evil.example`: another site, not a path here."""
    token, _ = create_token(people_web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR)
    client = people_web.test_client()
    page = client.get("/logg-inn?next=/\\evil.example/logg-inn").text
    assert 'name="next" value=""' in page
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None
    form = {"token": token, "next": "/\\evil.example/logg-inn", "csrf_token": found[1]}
    response = client.post("/logg-inn", data=form)
    assert (response.status_code, response.headers["Location"]) == (302, "/revisjon/")


def test_discovery_that_names_another_issuer_is_refused() -> None:
    provider = IdentityProvider(ISSUER, "X", FakeClient(issuer="https://evil.example"))
    with pytest.raises(IdentityProviderError, match=r"evil\.example"):
        provider.metadata()


@pytest.mark.parametrize(
    ("token", "problem"),
    [({"id_token": "a.b.c", "userinfo": {"iss": "https://evil.example", "sub": "k"}}, "issuer"),
     ({"id_token": "a.b.c", "userinfo": {"iss": ISSUER, "sub": ""}}, "issuer"),
     ({"access_token": "x"}, "no ID token")],
)  # fmt: skip
def test_claims_from_another_issuer_or_without_an_id_token_are_refused(
    token: dict[str, Any], problem: str
) -> None:
    provider = IdentityProvider(ISSUER, "X", FakeClient())
    with pytest.raises(IdentityProviderError, match=problem):
        _checked_claims(provider, token)


@pytest.mark.parametrize("audience", [CLIENT_ID, [CLIENT_ID], ["annen-klient", CLIENT_ID]])
def test_claims_from_our_issuer_for_us_are_taken(audience: str | list[str]) -> None:
    provider = IdentityProvider(ISSUER, "X", FakeClient())
    claims = {"iss": ISSUER + "/", "sub": "kari", "name": "Kari", "aud": audience}
    assert _checked_claims(provider, {"id_token": "a.b.c", "userinfo": claims}) == claims


@pytest.mark.parametrize("audience", ["annen-klient", ["annen-klient", "tredje"], [], ""])
def test_an_id_token_that_does_not_name_us_as_its_audience_is_refused(
    audience: str | list[str],
) -> None:
    """Authlib takes an ID token whose `azp` names us whatever its `aud` says; OpenID Connect
    Core 1.0 §3.1.3.7 (item 3) says to refuse one whose audience does not include us."""
    provider = IdentityProvider(ISSUER, "X", FakeClient())
    claims = {"iss": ISSUER, "sub": "kari", "aud": audience, "azp": CLIENT_ID}
    with pytest.raises(IdentityProviderError, match="audience"):
        _checked_claims(provider, {"id_token": "a.b.c", "userinfo": claims})


def test_a_token_session_also_ends_at_its_lifetime(demo_app: Planlogg) -> None:
    clock = Clock(NOW)
    web = web_with(demo_app, CLOCK=clock, PERMANENT_SESSION_LIFETIME=timedelta(hours=1))
    token, _ = create_token(web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR)
    client = signed_in_with_token(web, token)
    assert client.get("/revisjon/").status_code == 200
    clock.now += 3601
    response = client.get("/revisjon/")
    assert response.headers["Location"] == "/logg-inn?next=/revisjon/"
    notice = '<p class="notice" role="status">Økten din er utløpt. Logg inn på nytt.</p>'
    assert notice in client.get("/logg-inn?next=/revisjon/").text
    assert notice not in client.get("/logg-inn").text


def test_a_session_from_before_sign_in_times_were_kept_is_over(people_web: Flask) -> None:
    client = people_web.test_client()
    with client.session_transaction() as session:
        session["token_id"] = "gammal"
    assert client.get("/revisjon/").status_code == 302


def test_signing_out_without_an_end_session_endpoint_ends_the_session_here(
    people_web: Flask, demo_app: Planlogg
) -> None:
    people_web.extensions[EXTENSION] = IdentityProvider(ISSUER, "X", FakeClient())
    client = signed_in(people_web, person_with(demo_app, Role.AUDITOR))
    assert client.get("/revisjon/").status_code == 200
    response = client.post("/logg-ut", data={"csrf_token": csrf(client)})
    assert (response.status_code, response.headers["Location"]) == (302, "/logget-ut")
    assert "Du er logget ut av Planlogg." in client.get("/logget-ut").text
    assert client.get("/revisjon/").status_code == 302


def test_a_page_answered_after_signing_out_in_another_tab_does_not_sign_in_again(
    people_web: Flask,
) -> None:
    """Tabs share one cookie. A page asked for before signing out in another tab and answered
    after must not set the signed-in cookie again: on a shared computer the next person
    would find the session going on."""
    token, _ = create_token(people_web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR)
    client = signed_in_with_token(people_web, token)
    assert client.get("/revisjon/").status_code == 200
    before = client.get_cookie(COOKIE)
    assert before is not None
    in_flight = people_web.test_client()
    in_flight.set_cookie(COOKIE, before.value)
    signed_out = client.post("/logg-ut", data={"csrf_token": csrf(client)})
    assert (signed_out.status_code, client.get_cookie(COOKIE)) == (302, None)
    answered = in_flight.get("/revisjon/")
    assert signed_in_cookies(people_web, answered.headers.getlist("Set-Cookie")) == []
    assert client.get("/revisjon/").status_code == 302


def with_cookie(web: Flask, copied: str) -> FlaskClient:
    """Another browser holding a copy of a session cookie."""
    client = web.test_client()
    client.set_cookie(COOKIE, copied)
    return client


def session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    return cookie.value


def test_a_session_cookie_copied_before_signing_out_is_refused_after_it(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    """A copy of the cookie (left on a shared computer, in a proxy's log, taken by a browser
    extension) named the person until the session's hours ran out; signing out ends it on
    the server, and the page answers the copy as it answers anyone not signed in."""
    web, app = demo_on_database
    person = person_with(app, Role.AUDITOR)
    client = signed_in(web, person)
    assert client.get("/revisjon/").status_code == 200
    copy = with_cookie(web, session_cookie(client))
    assert copy.get("/revisjon/").status_code == 200
    signed_out = client.post("/logg-ut", data={"csrf_token": csrf(client)})
    assert (signed_out.status_code, signed_out.headers["Location"]) == (302, "/")
    refused = copy.get("/revisjon/")
    assert (refused.status_code, refused.headers["Location"]) == (302, "/logg-inn?next=/revisjon/")
    assert signed_in_cookies(web, refused.headers.getlist("Set-Cookie")) == []
    assert "Logg ut" not in copy.get("/").text
    [*_, last] = app.events.get(person)
    assert (type(last).__name__, last.by, last.at) == (
        "SignedOut",
        Provenance("Auditor (auditor@helse.no)", Source.WEB),
        datetime.fromtimestamp(NOW, UTC),
    )


def test_signing_out_in_one_tab_ends_the_session_in_every_other_browser_of_the_person_only(
    people_web: Flask, demo_app: Planlogg
) -> None:
    """Kari's phone is signed out with her laptop; Rita, signed in at the same moment, is not."""
    kari = person_with(demo_app, Role.AUDITOR)
    laptop, phone = signed_in(people_web, kari), signed_in(people_web, kari)
    rita = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    assert phone.get("/revisjon/").status_code == 200
    laptop.post("/logg-ut", data={"csrf_token": csrf(laptop)})
    assert phone.get("/revisjon/").headers["Location"] == "/logg-inn?next=/revisjon/"
    assert rita.get(f"/planer/{KEY}/dashbord").status_code == 200


def test_signing_out_of_a_token_session_records_nothing_and_the_token_keeps_working(
    people_web: Flask, demo_app: Planlogg
) -> None:
    token, _ = create_token(people_web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR)
    client = signed_in_with_token(people_web, token)
    before = event_count(demo_app)
    assert client.post("/logg-ut", data={"csrf_token": csrf(client)}).status_code == 302
    assert event_count(demo_app) == before
    answer = client.get(f"/api/plans/{KEY}/draft", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200


@pytest.fixture
def provider() -> Iterator[RecordingProvider]:
    with RecordingProvider(users(("kari", "Kari Nordmann", "kari@helse.no"))) as running:
        yield running


@pytest.fixture
def provider_web(
    database_url: str, provider: RecordingProvider
) -> Iterator[tuple[Flask, Planlogg, UUID]]:
    """Planlogg on SQLite and PostgreSQL signing in through `provider`, its clock standing
    still (as it does within one tick); Kari is an auditor."""
    app = Planlogg.from_url(database_url)
    kari = app.add_person(provider.issuer, "kari", "kari@helse.no", "Kari Nordmann", SETUP)
    app.grant_roles(kari, [Role.AUDITOR], SETUP)
    web = create_app(
        {"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True,
         "CLOCK": lambda: NOW, **provider.config()},
        app=app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    caught_up(web)
    yield web, app, kari
    app.close()


def back_from_provider(client: FlaskClient, subject: str, start: str = "/logg-inn/oidc") -> str:
    """Go to the provider from `start`, choose `subject` there: the address it sends back to."""
    to_provider = client.get(start).headers["Location"]
    chosen = requests.post(to_provider, data={"sub": subject}, allow_redirects=False, timeout=10)
    back = urlsplit(chosen.headers["Location"])
    return f"{back.path}?{back.query}"


def sign_in_at_provider(
    client: FlaskClient, subject: str, start: str = "/logg-inn/oidc"
) -> TestResponse:
    """Go to the provider, choose `subject` there, and bring its answer back."""
    return client.get(back_from_provider(client, subject, start))


@pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")
def test_signing_in_again_right_after_signing_out_works_and_the_next_sign_out_ends_it(
    provider_web: tuple[Flask, Planlogg, UUID],
) -> None:
    """The clock shows the same time for the sign-out and the sign-in after it (one second,
    one microsecond, or a server's clock behind another's): the new session still counts
    as begun after the sign-out, and signing out again ends it too."""
    web, app, kari = provider_web
    client = web.test_client()
    first = sign_in_at_provider(client, "kari")
    assert (first.status_code, first.headers["Location"]) == (302, "/revisjon/")
    first_copy = session_cookie(client)
    assert client.post("/logg-ut", data={"csrf_token": csrf(client)}).status_code == 302
    again = sign_in_at_provider(client, "kari")
    assert (again.status_code, again.headers["Location"]) == (302, "/revisjon/")
    assert client.get("/revisjon/").status_code == 200
    assert with_cookie(web, first_copy).get("/revisjon/").status_code == 302
    second_copy = session_cookie(client)
    assert client.post("/logg-ut", data={"csrf_token": csrf(client)}).status_code == 302
    assert with_cookie(web, second_copy).get("/revisjon/").status_code == 302
    assert client.get("/revisjon/").status_code == 302
    kinds = [type(e).__name__ for e in app.events.get(kari)]
    assert kinds == ["PersonAdded", "RoleGranted", "SignedOut", "SignedOut"]


def signed_in_cookies(web: Flask, set_cookies: list[str]) -> list[dict[str, Any]]:
    """The sessions naming someone that these `Set-Cookie` headers give the browser."""
    serializer = SecureCookieSessionInterface().get_signing_serializer(web)
    assert serializer is not None
    values = [h.split(";")[0].split("=", 1)[1] for h in set_cookies if h.startswith(COOKIE + "=")]
    sessions = [serializer.loads(value) for value in values if value]
    return [s for s in sessions if s.get(PERSON_KEY) or s.get(SESSION_KEY)]


def test_forms_post_to_this_site_only_unless_a_person_signs_out_at_the_provider(
    people_web: Flask, demo_app: Planlogg
) -> None:
    anonymous = people_web.test_client().get("/").headers["Content-Security-Policy"]
    assert "form-action 'self';" in anonymous
    people_web.extensions[EXTENSION] = IdentityProvider(
        ISSUER, "X", FakeClient(end_session_endpoint="https://sso.example:8443/logout?x=1")
    )
    client = signed_in(people_web, person_with(demo_app, Role.AUDITOR))
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "form-action 'self' https://sso.example:8443;" in csp
    assert "unsafe-inline" not in csp


def test_sign_in_settings_come_from_the_environment() -> None:
    config = oidc_config({"PLANLOGG_OIDC_ISSUER": " https://idp/ ", "PLANLOGG_OIDC_CLIENT_ID": "c"})
    assert config == {
        "OIDC_ISSUER": "https://idp/", "OIDC_CLIENT_ID": "c", "OIDC_CLIENT_SECRET": "",
        "OIDC_NAME": "organisasjonskonto", "OIDC_SCOPE": "openid profile email",
        "OIDC_REDIRECT_URI": "",
    }  # fmt: skip
    assert session_lifetime({}) == timedelta(hours=8)
    assert session_lifetime({"PLANLOGG_SESSION_HOURS": "0.5"}) == timedelta(minutes=30)
    assert session_lifetime({"PLANLOGG_SESSION_HOURS": " 720 "}) == timedelta(days=30)


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e400", "-1", "0", "abc", "720.5", "1e10"])
def test_a_session_lifetime_that_is_no_number_of_hours_up_to_30_days_is_refused(text: str) -> None:
    """`nan` and `inf` are numbers to Python: they crashed the start instead of being refused."""
    with pytest.raises(ValidationError) as refused:
        session_lifetime({"PLANLOGG_SESSION_HOURS": text})
    assert refused.value.message == (
        f"PLANLOGG_SESSION_HOURS må være et antall timer over 0 og høyst 720 (30 dager), "
        f"f.eks. 8, ikke «{text}»."
    )


def test_serve_with_a_session_lifetime_of_nan_is_refused_before_it_starts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    env = {"PLANLOGG_DATA_DIR": str(tmp_path), "PLANLOGG_SESSION_HOURS": "nan"}
    result = CliRunner().invoke(
        cli, ["--database-url", url, "serve", "--no-sync", "--port", str(free_port())], env=env
    )
    assert result.exit_code == EXIT_INVALID, result.output
    assert "Feil: PLANLOGG_SESSION_HOURS må være et antall timer over 0" in result.output
    assert "kjører" not in result.output and "Traceback" not in result.output


@pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")
def test_after_signing_in_at_the_provider_the_page_asked_for_is_shown(
    provider_web: tuple[Flask, Planlogg, UUID],
) -> None:
    web, _app, _kari = provider_web
    start = f"/logg-inn/oidc?next=/planer/{KEY}/dashbord"
    response = sign_in_at_provider(web.test_client(), "kari", start)
    assert (response.status_code, response.headers["Location"]) == (302, f"/planer/{KEY}/dashbord")


@pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")
def test_after_signing_in_at_the_provider_another_site_is_not_followed(
    provider_web: tuple[Flask, Planlogg, UUID],
) -> None:
    web, _app, _kari = provider_web
    start = "/logg-inn/oidc?next=///evil.example/x"
    response = sign_in_at_provider(web.test_client(), "kari", start)
    assert (response.status_code, response.headers["Location"]) == (302, "/revisjon/")


@pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")
def test_a_callback_with_another_state_is_refused_and_its_code_never_exchanged(
    provider_web: tuple[Flask, Planlogg, UUID], provider: RecordingProvider
) -> None:
    web, _app, _kari = provider_web
    client = web.test_client()
    forged = re.sub(r"state=[^&]+", "state=forged", back_from_provider(client, "kari"))
    response = client.get(forged)
    assert response.status_code == 400
    assert "Innloggingen ble avvist" in response.text
    assert provider.token_requests() == []
    assert client.get("/revisjon/").status_code == 302


@pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")
def test_signing_out_asks_the_provider_to_end_its_session_for_this_id_token(
    provider_web: tuple[Flask, Planlogg, UUID], provider: RecordingProvider
) -> None:
    web, _app, _kari = provider_web
    client = web.test_client()
    signed_in_now = sign_in_at_provider(client, "kari")
    serializer = SecureCookieSessionInterface().get_signing_serializer(web)
    assert serializer is not None
    [id_token] = [
        serializer.loads(h.split(";")[0].split("=", 1)[1])["id_token"]
        for h in signed_in_now.headers.getlist("Set-Cookie")
        if h.startswith(COOKIE + "=")
    ]
    response = client.post("/logg-ut", data={"csrf_token": csrf(client)})
    to_provider = urlsplit(response.headers["Location"])
    assert f"{to_provider.scheme}://{to_provider.netloc}{to_provider.path}" == (
        f"{provider.issuer}/oauth2/end_session"
    )
    query = parse_qs(to_provider.query)
    assert (query["id_token_hint"], query["post_logout_redirect_uri"]) == (
        [id_token],
        ["http://localhost/logget-ut"],
    )


def test_signing_out_of_a_token_session_stays_on_this_site(people_web: Flask) -> None:
    """A token's session was not begun at the provider: it is not sent there to sign out."""
    people_web.extensions[EXTENSION] = IdentityProvider(
        ISSUER, "X", FakeClient(end_session_endpoint="https://sso.example/logout")
    )
    token, _ = create_token(people_web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR)
    client = signed_in_with_token(people_web, token)
    response = client.post("/logg-ut", data={"csrf_token": csrf(client)})
    assert (response.status_code, response.headers["Location"]) == (302, "/")


def test_a_page_session_of_a_token_revoked_since_is_signed_out(people_web: Flask) -> None:
    store = people_web.extensions["planlogg"].tokens
    token, _ = create_token(store, "Rita", Role.AUDITOR)
    client = signed_in_with_token(people_web, token)
    assert client.get("/revisjon/").status_code == 200
    store.revoke("Rita")
    response = client.get("/revisjon/")
    assert (response.status_code, response.headers["Location"]) == (
        302,
        "/logg-inn?next=/revisjon/",
    )


def test_a_session_lasts_its_whole_lifetime_to_the_second(demo_app: Planlogg) -> None:
    clock = Clock(NOW)
    web = web_with(demo_app, CLOCK=clock, PERMANENT_SESSION_LIFETIME=timedelta(hours=1))
    token, _ = create_token(web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR)
    client = signed_in_with_token(web, token)
    clock.now = NOW + 3600
    assert client.get("/revisjon/").status_code == 200
    clock.now = NOW + 3600.5
    assert client.get("/revisjon/").status_code == 302


def test_signing_in_with_a_token_over_a_persons_session_leaves_nothing_of_it(
    people_web: Flask, demo_app: Planlogg
) -> None:
    """A sign-in starts a fresh session: the person signed in before is not kept in it."""
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    assert client.get("/revisjon/").status_code == 403
    token, _ = create_token(people_web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR)
    client.post("/logg-inn", data={"token": token, "csrf_token": csrf(client, "/logg-inn")})
    assert client.get("/revisjon/").status_code == 200


def test_a_token_session_has_no_profile_to_save(people_web: Flask) -> None:
    token, _ = create_token(people_web.extensions["planlogg"].tokens, "Rita", Role.AUDITOR)
    client = signed_in_with_token(people_web, token)
    form = {"malform": "nn", "csrf_token": csrf(client, "/profil")}
    response = client.post("/profil", data=form)
    assert response.status_code == 409
    assert "Bare personer som er logget inn, har en profil." in response.text

"""Signing in through a real OpenID Connect provider on loopback, in headless Chromium.

Planlogg runs under waitress as `planlogg serve` builds it; the provider is
`oidc-provider-mock` behind a recorder (tests/web/oidc_provider.py). The
browser may reach only 127.0.0.1: every other request is aborted (the
provider's pages link a stylesheet on a CDN). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from domain.demo import DEMO_PLAN
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.clock import Clock
from tests.web.loopback_server import loopback_server
from tests.web.oidc_provider import RecordingProvider, s256, users
from tests.web.test_browser import ARTIFACTS, CHROMIUM_ARGS
from web.cli.serve_commands import build_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning"),
]

BUTTON = "Logg inn med Testinnlogging"
DASHBOARD = f"/planer/{DEMO_PLAN}/dashbord"
EIGHT_HOURS = 8 * 3600
NOT_LOOPBACK = re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*")


@pytest.fixture
def provider() -> Iterator[RecordingProvider]:
    people = users(
        ("kari", "Kari Nordmann", "kari@helse.no"),
        ("ola", "Ola Nordmann", "ola@helse.no"),
        ("ada", "Ada Admin", "ada@helse.no"),
    )
    with RecordingProvider(people) as running:
        yield running


@pytest.fixture
def clock() -> Clock:
    return Clock(1_900_000_000.0)


@pytest.fixture
def site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, provider: RecordingProvider, clock: Clock
) -> Iterator[str]:
    """Planlogg with the demo plan; Kari is an editor, Ada an administrator, Ola unknown."""
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    server = build_server(
        f"sqlite:///{tmp_path / 'p.sqlite'}",
        sync=False,
        config={**provider.config(), "CLOCK": clock},
    )
    by = Provenance("Drift", Source.CLI)
    for subject, name, role in (("kari", "Kari Nordmann", Role.EDITOR), ("ada", "Ada Admin", None)):
        person = server.app.add_person(provider.issuer, subject, f"{subject}@helse.no", name, by)
        server.app.grant_roles(person, [role or Role.ADMINISTRATOR], by)
    server.start_background()
    with loopback_server(server.web) as base:
        yield base
    server.shutdown()


@pytest.fixture
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def new_page(browser):
    """A page in a fresh context (its own cookies) that can reach loopback only."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(NOT_LOOPBACK, lambda route: route.abort())
    return context.new_page()


def go_to_provider(page, site: str, start: str, provider: RecordingProvider) -> None:
    page.goto(site + start)
    page.wait_for_url("**/logg-inn?next=**")
    page.get_by_role("link", name=BUTTON).click()
    page.wait_for_url(f"{provider.issuer}/oauth2/authorize?**")


def sign_in(page, site: str, subject: str, provider: RecordingProvider) -> None:
    go_to_provider(page, site, DASHBOARD, provider)
    page.get_by_role("button", name=subject, exact=True).click()


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_a_person_signs_in_with_pkce_lands_on_the_dashboard_and_signs_out(
    site: str, provider: RecordingProvider, browser
) -> None:
    page = new_page(browser)
    go_to_provider(page, site, DASHBOARD, provider)
    page.get_by_role("button", name="kari", exact=True).click()
    page.wait_for_url(site + DASHBOARD)
    assert page.locator("svg.chart").count() == 3  # areas, bodies, the trend across rounds
    assert page.locator("svg.chart.trend").count() == 1
    sign_out = page.get_by_role("button", name="Logg ut Kari Nordmann (kari@helse.no) (redaktør)")
    assert sign_out.count() == 1
    page.screenshot(path=str(ARTIFACTS / "innlogget-dashbord.png"), full_page=False)

    [authorization] = provider.authorization_requests()
    [exchange] = provider.token_requests()
    assert authorization.query["code_challenge_method"] == "S256"
    assert len(exchange.form["code_verifier"]) >= 43
    assert s256(exchange.form["code_verifier"]) == authorization.query["code_challenge"]
    assert exchange.form["redirect_uri"] == authorization.query["redirect_uri"]
    assert authorization.query["redirect_uri"] == f"{site}/logg-inn/oidc/retur"
    assert authorization.query["nonce"] != "" and authorization.query["state"] != ""
    assert exchange.status == 200

    sign_out.click()
    page.wait_for_url(f"{provider.issuer}/oauth2/end_session?**")
    [ending] = provider.received("GET", "/oauth2/end_session")
    assert ending.query["post_logout_redirect_uri"] == f"{site}/logget-ut"
    assert ending.query["id_token_hint"].count(".") == 2
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{site}/logget-ut?state=**")
    assert page.get_by_role("heading", level=1).inner_text() == "Du er logget ut"
    page.goto(site + DASHBOARD)
    page.wait_for_url("**/logg-inn?next=**")
    page.screenshot(path=str(ARTIFACTS / "innlogging.png"), full_page=False)


def test_a_callback_with_another_state_is_refused_and_its_code_never_exchanged(
    site: str, provider: RecordingProvider, browser
) -> None:
    page = new_page(browser)
    go_to_provider(page, site, DASHBOARD, provider)
    authorized = page.request.post(page.url, form={"sub": "kari"}, max_redirects=0)
    callback = authorized.headers["location"]
    state = query(callback)["state"]

    page.goto(callback.replace(f"state={state}", "state=forfalsket"))
    assert page.get_by_role("alert").inner_text().startswith("Innloggingen ble avvist")
    assert provider.token_requests() == []
    page.screenshot(path=str(ARTIFACTS / "innlogging-avvist.png"), full_page=False)

    page.goto(callback)
    page.wait_for_url(site + DASHBOARD)
    assert [r.status for r in provider.token_requests()] == [200]


def test_a_replayed_authorization_code_is_refused(
    site: str, provider: RecordingProvider, browser
) -> None:
    victim = new_page(browser)
    sign_in(victim, site, "kari", provider)
    victim.wait_for_url(site + DASHBOARD)
    [authorized] = provider.received("POST", "/oauth2/authorize")
    used_code = query(authorized.location)["code"]

    attacker = new_page(browser)
    go_to_provider(attacker, site, DASHBOARD, provider)
    own_state = query(attacker.url)["state"]
    attacker.goto(
        f"{site}/logg-inn/oidc/retur?{urlencode({'code': used_code, 'state': own_state})}"
    )
    assert attacker.get_by_role("alert").inner_text().startswith("Innloggingen ble avvist")

    first, replay = provider.token_requests()
    assert first.form["code"] == replay.form["code"] == used_code
    assert (first.status, replay.status) == (200, 400)
    attacker.goto(site + DASHBOARD)
    attacker.wait_for_url("**/logg-inn?next=**")


def test_a_session_ends_eight_hours_after_sign_in_however_busy(
    site: str, provider: RecordingProvider, browser, clock: Clock
) -> None:
    page = new_page(browser)
    sign_in(page, site, "kari", provider)
    page.wait_for_url(site + DASHBOARD)
    clock.advance(EIGHT_HOURS - 60)
    page.reload()
    assert page.url == site + DASHBOARD
    clock.advance(120)
    page.reload()
    page.wait_for_url("**/logg-inn?next=**")
    assert page.get_by_role("status").inner_text() == "Økten din er utløpt. Logg inn på nytt."
    page.screenshot(path=str(ARTIFACTS / "okt-utlopt.png"), full_page=False)


def test_a_person_without_a_role_is_told_whom_to_ask_and_an_admin_gives_one(
    site: str, provider: RecordingProvider, browser
) -> None:
    ola = new_page(browser)
    sign_in(ola, site, "ola", provider)
    ola.wait_for_url(f"{site}/ingen-tilgang")
    assert ola.get_by_role("heading", level=1).inner_text() == "Du har ingen tilgang ennå"
    assert ola.get_by_role("link", name="ada@helse.no").count() == 1
    ola.screenshot(path=str(ARTIFACTS / "ingen-tilgang.png"), full_page=False)

    ada = new_page(browser)
    go_to_provider(ada, site, "/admin/personer", provider)
    ada.get_by_role("button", name="ada", exact=True).click()
    ada.wait_for_url(f"{site}/admin/personer")
    ada.get_by_role("link", name="Ola Nordmann").click()
    ada.get_by_label("rapportør").check()
    ada.get_by_label("Rapporterer for (ett organ per linje)").fill("PSU\nASU")
    ada.get_by_label("Begrunnelse (lagres i endringsloggen)").fill("Leder PSU")
    ada.get_by_role("button", name="Lagre").click()
    assert ada.get_by_role("status").inner_text() == "Endringene er lagret."
    granted = ada.locator("table.person-history tbody tr", has_text="fikk rollen rapportør")
    assert granted.locator("td").all_inner_texts()[2:] == ["Ada Admin (ada@helse.no)", "Leder PSU"]
    ada.screenshot(path=str(ARTIFACTS / "person-roller.png"), full_page=True)

    ola.goto(site + DASHBOARD)
    assert ola.url == site + DASHBOARD
    assert (
        ola.get_by_role("button", name="Logg ut Ola Nordmann (ola@helse.no) (rapportør)").count()
        == 1
    )

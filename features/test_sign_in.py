"""Staff sign in with their organisation's account (web, against a real OIDC provider).

The provider runs on loopback; the test plays the browser: it follows
Planlogg's redirect to the provider, picks the user there, and brings the
provider's answer back to Planlogg.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.forms import filled
from tests.web.journeys import at_provider, caught_up, known, web_app
from tests.web.oidc_provider import RecordingProvider

scenarios("sign_in.feature")

pytestmark = pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")
SETUP = Provenance("Drift", Source.CLI, reason="oppsett")


@given("Planlogg signs in through the organisation's identity provider", target_fixture="web")
def web_with_provider(memory_app: Planlogg, provider: RecordingProvider) -> Flask:
    return web_app(memory_app, "memory:", **provider.config())


@given("the demo plan is loaded")
def demo(memory_app: Planlogg, web: Flask) -> None:
    """The demo, with the read models caught up as `serve`'s follower would."""
    load_demo(memory_app)
    caught_up(web)


@given("Kari is an editor in Planlogg")
def kari_is_editor(memory_app: Planlogg, provider: RecordingProvider, web: Flask) -> None:
    known(memory_app, provider, "kari", Role.EDITOR, SETUP)
    caught_up(web)


@given("Ada is an administrator in Planlogg")
def ada_is_admin(memory_app: Planlogg, provider: RecordingProvider, web: Flask) -> None:
    """Made so on the command line a while ago: the read models have her, as `serve`'s
    follower does."""
    known(memory_app, provider, "ada", Role.ADMINISTRATOR, SETUP)
    caught_up(web)


def sign_in(client: FlaskClient, subject: str) -> TestResponse:
    """Click "Logg inn med …", choose `subject` at the provider, and come back."""
    page = client.get("/logg-inn").get_data(as_text=True)
    assert "Logg inn med Testinnlogging" in page
    return at_provider(client, subject)


@when("Kari signs in with the organisation's account", target_fixture="signed_in")
def kari_signs_in(web: Flask) -> tuple[FlaskClient, TestResponse]:
    client = web.test_client()
    return client, sign_in(client, "kari")


@when("Ola signs in with the organisation's account", target_fixture="signed_in")
def ola_signs_in(web: Flask) -> tuple[FlaskClient, TestResponse]:
    client = web.test_client()
    return client, sign_in(client, "ola")


@then("Kari lands on the dashboard of the demo plan")
def on_dashboard(signed_in: tuple[FlaskClient, TestResponse]) -> None:
    client, landed = signed_in
    assert landed.headers["Location"] == f"/planer/{DEMO_PLAN}/dashbord"
    dashboard = client.get(landed.headers["Location"])
    assert dashboard.status_code == 200
    assert dashboard.get_data(as_text=True).count('<svg class="chart') == 3  # with the trend


@then("the page offers to sign Kari out as editor")
def sign_out_offered(signed_in: tuple[FlaskClient, TestResponse]) -> None:
    client, _ = signed_in
    page = client.get(f"/planer/{DEMO_PLAN}/dashbord").get_data(as_text=True)
    assert "Logg ut Kari Nordmann (kari@helse.no) (redaktør)</button>" in page


@then("Ola is told there is no access yet and to ask Ada")
def no_access(signed_in: tuple[FlaskClient, TestResponse]) -> None:
    client, landed = signed_in
    assert landed.headers["Location"] == "/ingen-tilgang"
    page = client.get("/ingen-tilgang")
    text = page.get_data(as_text=True)
    assert page.status_code == 403
    assert "<h1>Du har ingen tilgang ennå</h1>" in text
    mail = '<a href="mailto:ada@helse.no">ada@helse.no</a>'
    assert f"<li>Ada Admin – {mail} (alle helsefellesskap)</li>" in text


@then("Ola is now known to Planlogg without any role, added from the web")
def ola_known(memory_app: Planlogg, provider: RecordingProvider) -> None:
    ola = memory_app.find_person("ola@helse.no")
    assert (ola.issuer, ola.subject, ola.name, ola.roles) == (
        provider.issuer, "ola", "Ola Nordmann", [],
    )  # fmt: skip
    [added] = memory_app.events.get(ola.id)
    assert added.by == Provenance(
        "Ola Nordmann", Source.WEB, reason="logget inn via Testinnlogging"
    )


@when(
    'Ada signs in and searches the people for "OLA" among those without a role',
    target_fixture="ada",
)
def ada_searches(web: Flask) -> tuple[FlaskClient, str]:
    """A moment after Ola's sign-in: the read models have it, as `serve`'s follower does."""
    caught_up(web)
    client = web.test_client()
    assert sign_in(client, "ada").headers["Location"] == "/admin/personer"
    listing = client.get("/admin/personer?search=OLA&roleless=1").get_data(as_text=True)
    return client, listing


@then('Ada\'s list shows only Ola Nordmann, as "1 av 2 personer"')
def only_ola(ada: tuple[FlaskClient, str]) -> None:
    _, listing = ada
    assert "<caption>1 av 2 personer</caption>" in listing
    assert re.findall(r'<th scope="row"><a href="[^"]+">([^<]*)</a></th>', listing) == [
        "Ola Nordmann"
    ]


@when('Ada makes Ola a reporter for "Fagråd for digital samhandling", because "Ny i fagrådet"')
def ada_gives_a_role(ada: tuple[FlaskClient, str], memory_app: Planlogg) -> None:
    client, listing = ada
    found = re.search(r'<a href="(/admin/personer/[^"]+)">Ola Nordmann</a>', listing)
    assert found is not None
    page = found[1]
    fields = {"role": ["reporter"], "bodies": "Fagråd for digital samhandling",
              "reason": "Ny i fagrådet"}  # fmt: skip
    saved = client.post(page, data=filled(client.get(page).text, fields, page))
    assert saved.headers["Location"] == f"{page}?lagret=1"
    ola = memory_app.find_person("ola@helse.no")
    assert (ola.roles, ola.bodies) == (["reporter"], ["Fagråd for digital samhandling"])


@then("Ola's next page is the dashboard of the demo plan, opening with «Rapporter status»")
def ola_called_to_report(signed_in: tuple[FlaskClient, TestResponse]) -> None:
    client, _ = signed_in
    sent_on = client.get("/ingen-tilgang")
    assert sent_on.headers["Location"] == f"/planer/{DEMO_PLAN}/dashbord"
    page = client.get(sent_on.headers["Location"]).get_data(as_text=True)
    call = f'<p class="report-call"><a class="button-link" href="/planer/{DEMO_PLAN}/rapportere">'
    assert page.index(call) < page.index('id="per-omrade"')

"""The secretariat's steps of the plan's cycle on the working version, on SQLite and
PostgreSQL (`web.plan_cycle`): «Start revisjon» on an adopted plan. Each step is the one
application call the command line makes, carries what it was read on, is said as done when
sent twice, refuses at its field with what was typed kept, and is the editors' of the plan's
community only."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from domain.vocabulary import Stage
from tests.web.conftest import KEY, caught_up, event_count
from tests.web.forms import filled, form_fields
from tests.web.signed_in import person_with, signed_in
from tests.web.test_community_scope import OTHER, someone

WORKING = f"/planer/{KEY}/arbeidsversjon"
REVISE = f"/planer/{KEY}/revisjon"
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>')
ERRORS = re.compile(r'<p class="error" id="([a-z_]+)-error">(.*?)</p>')
CLI = Provenance("Sekretariatet", Source.CLI)


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def adopt(web: Flask, app: Planlogg) -> None:
    """The demo's draft (version 2) adopted by ASU and PSU."""
    app.submit(KEY, ["ASU", "PSU"], CLI)
    app.approve(KEY, 2, "ASU", "sak 12/25", date(2025, 3, 13), CLI)
    app.approve(KEY, 2, "PSU", "sak 05/25", date(2025, 3, 20), CLI)
    caught_up(web)


def editor(site: tuple[Flask, Planlogg]) -> FlaskClient:
    web, app = site
    return signed_in(web, person_with(app, Role.EDITOR))


def main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def last_event(app: Planlogg):
    return list(app.events.get(app.get_plan(KEY).id))[-1]


def test_a_draft_offers_no_revision_and_an_adopted_plan_does(site) -> None:
    web, app = site
    client = editor(site)
    assert REVISE not in client.get(WORKING).text
    adopt(web, app)
    page = client.get(WORKING).text
    assert '<details class="plan-header no-print" id="revisjon">' in page
    assert "<summary>Start revisjon</summary>" in page
    assert (
        "Et nytt utkast til versjon 3. Den vedtatte versjonen 2 gjelder til det nye utkastet er "
        "vedtatt." in page
    )
    assert dict(form_fields(page, REVISE))["version"] == "2"
    assert "planlogg" not in main(page).lower()


def test_a_revision_is_started_as_the_editors_from_the_web_under_the_decision(site) -> None:
    web, app = site
    adopt(web, app)
    client = editor(site)
    page = client.get(WORKING).text
    data = filled(page, {"reason": "Årleg revisjon", "decision": "ASU sak 40/24"}, REVISE)
    started = client.post(REVISE, data=data)
    assert (started.status_code, started.headers["Location"]) == (303, WORKING)
    header = app.get_plan(KEY).header
    assert (header.stage, header.working_version, header.adopted_version) == (Stage.DRAFT, 3, 2)
    event = last_event(app)
    assert type(event).__name__ == "RevisionStarted"
    assert (event.by.actor, event.by.source, event.by.reason, event.by.decision) == (
        "Editor (editor@helse.no)", Source.WEB, "Årleg revisjon", "ASU sak 40/24",
    )  # fmt: skip
    shown = client.get(WORKING).text
    assert NOTICE.findall(shown) == ["Revisjon startet: utkast til versjon 3."]
    assert REVISE not in shown


def test_a_revision_sent_twice_is_started_once_and_said_as_started(site) -> None:
    web, app = site
    adopt(web, app)
    first, second = editor(site), signed_in(web, someone(app, "kari", [Role.EDITOR]))
    data = filled(first.get(WORKING).text, {}, REVISE)
    other = filled(second.get(WORKING).text, {}, REVISE)
    assert first.post(REVISE, data=data).status_code == 303
    before = event_count(app)
    again = second.post(REVISE, data=other)
    assert (again.status_code, again.headers["Location"]) == (303, WORKING)
    assert event_count(app) == before
    assert app.get_plan(KEY).header.working_version == 3
    assert NOTICE.findall(second.get(WORKING).text) == ["Revisjon startet: utkast til versjon 3."]


def test_a_plan_not_adopted_is_refused_as_the_command_line_refuses_it(site) -> None:
    _web, app = site
    client = editor(site)
    before = event_count(app)
    data = {"csrf_token": token_of(client), "version": "2", "reason": "Ny runde", "decision": ""}
    refused = client.post(REVISE, data=data)
    assert refused.status_code == 409
    assert "Bare en vedtatt plan kan revideres (planen er utkast)." in unescape(refused.text)
    assert '<details class="plan-header no-print" id="revisjon" open>' in refused.text
    assert form_fields(refused.text, REVISE) == []
    assert refused.text.count('id="reason"') == 1
    assert event_count(app) == before


def test_a_decision_the_register_lacks_is_refused_at_its_field_keeping_what_was_typed(
    site,
) -> None:
    web, app = site
    adopt(web, app)
    client = editor(site)
    data = filled(
        client.get(WORKING).text, {"reason": "Årleg revisjon", "decision": "ASU sak 99/25"}, REVISE
    )
    before = event_count(app)
    refused = client.post(REVISE, data=data)
    assert refused.status_code == 409
    errors = dict(ERRORS.findall(unescape(refused.text)))
    assert list(errors) == ["decision"]
    assert "ASU sak 99/25" in errors["decision"]
    assert '<details class="plan-header no-print" id="revisjon" open>' in refused.text
    kept = dict(form_fields(refused.text, REVISE))
    assert (kept["reason"], kept["decision"], kept["version"]) == (
        "Årleg revisjon", "ASU sak 99/25", "2",
    )  # fmt: skip
    assert event_count(app) == before


def test_a_form_without_the_version_read_is_refused(site) -> None:
    web, app = site
    adopt(web, app)
    client = editor(site)
    data = filled(client.get(WORKING).text, {"version": "²"}, REVISE)
    refused = client.post(REVISE, data=data)
    assert refused.status_code == 422
    assert "Skjemaet mangler versjonen du så. Last siden på nytt." in refused.text
    assert app.get_plan(KEY).header.stage == Stage.ADOPTED


def token_of(client: FlaskClient) -> str:
    """The client's own form token, from its profile page (every role has one)."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/profil").text)
    assert found
    return found[1]


@pytest.mark.parametrize(
    ("role", "named"),
    [(Role.REPORTER, "rapportør"), (Role.AUDITOR, "revisor"), (Role.APPROVER, "godkjenner")],
)
def test_only_editors_start_a_revision(site, role: Role, named: str) -> None:
    web, app = site
    adopt(web, app)
    client = signed_in(web, person_with(app, role))
    assert REVISE not in client.get(WORKING).text
    answer = client.post(REVISE, data={"csrf_token": token_of(client), "version": "2"})
    assert answer.status_code == 403
    assert f"Rollen {named} har ikke tilgang til dette." in answer.text
    assert app.get_plan(KEY).header.stage == Stage.ADOPTED


def test_an_editor_of_another_community_may_not_start_a_revision(site) -> None:
    web, app = site
    app.register_community(OTHER, "Helsefellesskapet Vestre Viken", CLI)
    adopt(web, app)
    client = signed_in(web, someone(app, "vera", [Role.EDITOR], [OTHER]))
    answer = client.post(REVISE, data={"csrf_token": token_of(client), "version": "2"})
    assert answer.status_code == 403
    assert "Du har ikke tilgang til helsefellesskapet st-olavs (bare til vestre-viken)." in (
        unescape(answer.text)
    )
    assert app.get_plan(KEY).header.stage == Stage.ADOPTED


PUBLISH = f"/planer/{KEY}/publiser"


def test_an_adopted_version_is_published_once_however_often_the_button_is_pressed(site) -> None:
    web, app = site
    client = editor(site)
    assert PUBLISH not in client.get(WORKING).text
    adopt(web, app)
    page = client.get(WORKING).text
    assert (
        "Registrer at versjon 2 er publisert av sekretariatet, på nettsidene eller i "
        "sakspapirene. Den offentlige siden viser den allerede." in page
    )
    data = filled(page, {}, PUBLISH)
    assert data["version"] == ["2"]
    published = client.post(PUBLISH, data=data)
    assert (published.status_code, published.headers["Location"]) == (303, WORKING)
    assert app.get_plan(KEY).header.stage == Stage.PUBLISHED
    event = last_event(app)
    assert (type(event).__name__, event.by.source) == ("VersionPublished", Source.WEB)
    before = event_count(app)
    again = client.post(PUBLISH, data=data)
    assert again.status_code == 303
    assert event_count(app) == before
    shown = client.get(WORKING).text
    assert NOTICE.findall(shown) == [
        "Versjon 2 er publisert.",
        "Planen er publisert: innholdet kan endres igjen når en revisjon er startet.",
    ]
    assert PUBLISH not in shown
    assert REVISE in shown


def test_a_draft_is_not_published_as_the_command_line_refuses_it(site) -> None:
    _web, app = site
    client = editor(site)
    refused = client.post(PUBLISH, data={"csrf_token": token_of(client), "version": "2"})
    assert refused.status_code == 409
    assert "Bare en vedtatt plan kan publiseres (planen er utkast)." in unescape(refused.text)
    assert app.get_plan(KEY).header.stage == Stage.DRAFT


@pytest.mark.parametrize("role", [Role.REPORTER, Role.AUDITOR, Role.APPROVER])
def test_only_editors_publish(site, role: Role) -> None:
    web, app = site
    adopt(web, app)
    client = signed_in(web, person_with(app, role))
    assert PUBLISH not in client.get(WORKING).text
    answer = client.post(PUBLISH, data={"csrf_token": token_of(client), "version": "2"})
    assert answer.status_code == 403
    assert app.get_plan(KEY).header.stage == Stage.ADOPTED


def test_a_version_adopted_since_the_page_was_read_is_not_revised_unseen(site) -> None:
    web, app = site
    adopt(web, app)
    client = editor(site)
    page = client.get(WORKING).text
    app.start_revision(KEY, CLI)
    app.submit(KEY, ["ASU"], CLI)
    app.approve(KEY, 3, "ASU", "sak 20/25", date(2025, 6, 12), CLI)
    before = event_count(app)
    refused = client.post(REVISE, data=filled(page, {"reason": "Årleg"}, REVISE))
    assert refused.status_code == 409
    assert (
        "Versjon 3 er vedtatt etter at du hentet planen (du så versjon 2). Ingenting er startet."
    ) in unescape(refused.text)
    assert event_count(app) == before
    kept = dict(form_fields(refused.text, REVISE))
    assert (kept["version"], kept["reason"]) == ("3", "Årleg")
    assert client.post(REVISE, data=filled(refused.text, {}, REVISE)).status_code == 303
    assert app.get_plan(KEY).header.working_version == 4

"""Removing and restoring a measure in the browser, on SQLite and PostgreSQL: a removal is
confirmed on a page of its own against the revision the editor saw, never of a measure changed
since; a removed measure is listed on the working version, and restored from a page of its
own, again asking why, unless its number was taken meanwhile."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from domain.provenance import Provenance, Source
from projections import AuditQuery
from tests.web.forms import filled, form_fields
from tests.web.signed_in import SETUP, person_with, signed_in

KEY = DEMO_PLAN
ID = "T028"
"""Measure 2.1.1 of the demo, at revision 1."""
REMOVE = f"/planer/{KEY}/tiltak/{ID}/fjern"
RESTORE = f"/planer/{KEY}/tiltak/{ID}/gjenopprett"
WORKING = f"/planer/{KEY}/arbeidsversjon"
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>', re.S)
SECTION = re.compile(
    r'<section class="removed" aria-labelledby="fjernede-tiltak">.*?</section>', re.S
)


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def editor(site: tuple[Flask, Planlogg]) -> FlaskClient:
    web, app = site
    return signed_in(web, person_with(app, Role.EDITOR))


def event_count(app: Planlogg) -> int:
    return app.recorder.max_notification_id() or 0


def caught_up(web: Flask) -> None:
    web.extensions["planlogg"].read_models.read_your_writes()


def removed_section(page: str) -> str:
    found = SECTION.search(page)
    return found[0] if found else ""


def test_the_edit_page_links_to_removing_the_measure(site) -> None:
    page = editor(site).get(f"/planer/{KEY}/tiltak/{ID}/endre").text
    assert f'<a href="{REMOVE}">Fjern tiltaket</a>' in page


def test_a_measure_removed_at_the_revision_seen_is_the_editors_and_can_be_restored(site) -> None:
    web, app = site
    client = editor(site)
    page = client.get(REMOVE)
    assert page.status_code == 200
    assert "<h1>Fjern tiltak 2.1.1</h1>" in page.text
    assert "Nedsette en arbeidsgruppe i Helsefellesskapet som" in page.text
    assert (
        "Et fjernet tiltak er ikke med i planen, men kan gjenopprettes fra arbeidsversjonen."
        in page.text
    )
    assert '<input type="hidden" name="revision" value="1">' in page.text
    data = filled(
        page.text, {"reason": "Slått sammen med 2.1.2A", "decision": "ASU sak 40/24"}, REMOVE
    )
    removed = client.post(REMOVE, data=data)
    assert removed.status_code == 303
    assert removed.headers["Location"] == WORKING
    working = client.get(WORKING).text
    assert NOTICE.findall(working) == ["Fjernet tiltak 2.1.1 (T028). Det kan gjenopprettes."]
    assert 'id="tiltak-2.1.1"' not in working
    assert '<h2 id="fjernede-tiltak">Fjernede tiltak</h2>' in removed_section(working)
    assert app.get_plan(KEY).measure(ID).removed
    rows = (
        web.extensions["planlogg"]
        .read_models.history(AuditQuery(plan=KEY, measure="2.1.1", source="web"))
        .rows
    )
    assert [(r.actor, r.field, r.reason, r.decision) for r in rows] == [
        ("Editor (editor@helse.no)", "removed", "Slått sammen med 2.1.2A", "ASU sak 40/24")
    ]


def test_a_measure_changed_since_the_page_was_opened_is_not_removed_and_shown_as_it_is_now(
    site,
) -> None:
    _, app = site
    client = editor(site)
    opened = client.get(REMOVE).text
    app.reword_measure(KEY, ID, "Ny tekst fra regnearket.", Provenance("Kari", Source.SHEET))
    before = event_count(app)
    refused = client.post(REMOVE, data=filled(opened, {"reason": "Utgår"}, REMOVE))
    assert refused.status_code == 409
    assert event_count(app) == before
    assert not app.get_plan(KEY).measure(ID).removed
    page = refused.text
    assert "<h2>Tiltaket er endret etter at du åpnet skjemaet</h2>" in page
    assert (
        "Det er ikke fjernet: tiltaket hadde endringsnummer 1 da du åpnet siden, og har nå "
        "endringsnummer 2." in page
    )
    assert "av Kari, kilde: regneark." in page
    assert "<p>Ny tekst fra regnearket.</p>" in page
    assert "Nedsette en arbeidsgruppe" not in page
    fields = dict(form_fields(page, REMOVE))
    assert (fields["revision"], fields["reason"]) == ("2", "Utgår")
    again = client.post(REMOVE, data=filled(page, {}, REMOVE))
    assert again.status_code == 303
    assert app.get_plan(KEY).measure(ID).removed


def test_a_measure_someone_removed_meanwhile_is_said_to_be_removed_without_a_form(site) -> None:
    _, app = site
    client = editor(site)
    opened = client.get(REMOVE).text
    app.remove_measure(KEY, ID, SETUP)
    refused = client.post(REMOVE, data=filled(opened, {}, REMOVE))
    assert refused.status_code == 409
    assert (
        "Tiltak 2.1.1 er allerede fjernet. Det kan gjenopprettes fra arbeidsversjonen."
        in refused.text
    )
    assert form_fields(refused.text, REMOVE) == []


def test_a_removed_measure_is_listed_and_restored_with_the_reason_given(site) -> None:
    web, app = site
    app.remove_measure(KEY, ID, SETUP)
    caught_up(web)
    client = editor(site)
    working = client.get(WORKING).text
    section = removed_section(working)
    assert "<strong>2.1.1</strong> (T028)" in section
    assert '<a href="#fjernede-tiltak">1 fjernet tiltak</a>' in working
    assert "Nedsette en arbeidsgruppe i Helsefellesskapet som" in section
    assert (
        f'<a href="{RESTORE}">Gjenopprett<span class="visually-hidden"> tiltak 2.1.1 (T028)'
        "</span></a>" in section
    )
    opened = client.get(RESTORE).text
    assert "<h1>Gjenopprett tiltak 2.1.1</h1>" in opened
    assert (
        "Et gjenopprettet tiltak kommer tilbake med nummeret det hadde, hvis ikke et annet "
        "tiltak har fått det." in opened
    )
    assert "Nedsette en arbeidsgruppe i Helsefellesskapet som" in opened
    assert [name for name, _ in form_fields(opened, RESTORE)] == [
        "csrf_token",
        "revision",
        "reason",
        "decision",
    ]
    data = filled(opened, {"reason": "Fjernet ved en feil", "decision": "ASU sak 40/24"}, RESTORE)
    assert data["revision"] == ["2"]
    restored = client.post(RESTORE, data=data)
    assert restored.status_code == 303
    assert restored.headers["Location"] == f"{WORKING}#tiltak-2.1.1"
    page = client.get(restored.headers["Location"]).text
    assert NOTICE.findall(page) == ["Gjenopprettet tiltak 2.1.1 (T028)."]
    assert '<tr id="tiltak-2.1.1">' in page
    assert removed_section(page) == ""
    assert not app.get_plan(KEY).measure(ID).removed
    rows = (
        web.extensions["planlogg"]
        .read_models.history(AuditQuery(plan=KEY, measure="2.1.1", source="web"))
        .rows
    )
    assert [(r.actor, r.field, r.reason, r.decision) for r in rows] == [
        ("Editor (editor@helse.no)", "removed", "Fjernet ved en feil", "ASU sak 40/24")
    ]


def test_a_measure_whose_number_was_taken_meanwhile_is_not_restored_and_what_was_typed_kept(
    site,
) -> None:
    web, app = site
    app.remove_measure(KEY, ID, SETUP)
    caught_up(web)
    client = editor(site)
    opened = client.get(RESTORE).text
    app.add_measure(KEY, "2.1.1", "Et nytt tiltak med samme nummer.", SETUP)
    before = event_count(app)
    refused = client.post(RESTORE, data=filled(opened, {"reason": "Trengs igjen"}, RESTORE))
    assert refused.status_code == 409
    assert event_count(app) == before
    assert (
        "<h2>Tiltak 2.1.1 (T028) ble ikke gjenopprettet</h2>\n"
        "<p>Tiltaksnummeret 2.1.1 er allerede i bruk.</p>" in refused.text
    )
    assert dict(form_fields(refused.text, RESTORE))["reason"] == "Trengs igjen"
    assert app.get_plan(KEY).measure(ID).removed
    caught_up(web)
    assert "<strong>2.1.1</strong> (T028)" in removed_section(client.get(WORKING).text)


def test_a_measure_changed_since_the_restore_page_was_opened_is_shown_as_it_is_now(
    site,
) -> None:
    web, app = site
    app.remove_measure(KEY, ID, SETUP)
    caught_up(web)
    client = editor(site)
    opened = client.get(RESTORE).text
    kari = Provenance("Kari", Source.SHEET)
    app.restore_measure(KEY, ID, kari)
    app.remove_measure(KEY, ID, kari)
    before = event_count(app)
    refused = client.post(RESTORE, data=filled(opened, {"reason": "Trengs igjen"}, RESTORE))
    assert refused.status_code == 409
    assert event_count(app) == before
    page = refused.text
    assert "<h2>Tiltaket er endret etter at du åpnet skjemaet</h2>" in page
    assert (
        "Det er ikke gjenopprettet: tiltaket hadde endringsnummer 2 da du åpnet siden, og har "
        "nå endringsnummer 4." in page
    )
    assert "av Kari, kilde: regneark." in page
    assert (
        "Under står tiltaket slik det er nå. Gjenopprett det likevel hvis det fortsatt skal "
        "tilbake i planen." in page
    )
    fields = dict(form_fields(page, RESTORE))
    assert (fields["revision"], fields["reason"]) == ("4", "Trengs igjen")
    again = client.post(RESTORE, data=filled(page, {}, RESTORE))
    assert again.status_code == 303
    assert not app.get_plan(KEY).measure(ID).removed


def test_a_measure_not_removed_is_said_to_be_in_the_plan_without_a_restore_form(site) -> None:
    page = editor(site).get(RESTORE)
    assert page.status_code == 200
    assert (
        '<p class="notice" role="status">Tiltak 2.1.1 er ikke fjernet: det er med i '
        "arbeidsversjonen.</p>" in page.text
    )
    assert form_fields(page.text, RESTORE) == []


REFUSED_WHY = pytest.mark.parametrize(
    ("field", "typed", "status", "message"),
    [
        ("reason", "r" * 301, 422, "Begrunnelsen har for mange tegn: 301, men høyst 300 er lov."),
        (
            "decision",
            "ASU sak 99/25",
            409,
            "Vedtaket «ASU sak 99/25» er ikke registrert. Se om saksnummeret er skrevet "
            "riktig, eller be sekretariatet registrere vedtaket først.",
        ),
    ],
)
"""A reason too long and a decision the register lacks, each refused at its own field."""


@REFUSED_WHY
def test_a_restore_reason_or_decision_refused_is_said_at_its_field_and_kept(
    site, field: str, typed: str, status: int, message: str
) -> None:
    web, app = site
    app.remove_measure(KEY, ID, SETUP)
    caught_up(web)
    client = editor(site)
    opened = client.get(RESTORE).text
    refused = client.post(RESTORE, data=filled(opened, {field: typed}, RESTORE))
    assert refused.status_code == status
    assert f'<p class="error" id="{field}-error">{message}</p>' in unescape(refused.text)
    assert dict(form_fields(refused.text, RESTORE))[field] == typed
    assert app.get_plan(KEY).measure(ID).removed


def test_a_plan_that_cannot_be_changed_refuses_a_removal_in_the_domains_words(site) -> None:
    web, app = site
    app.submit(KEY, ["ASU"], SETUP)
    app.approve(KEY, 2, "ASU", "ASU sak 11/25", date(2025, 3, 6), SETUP)
    caught_up(web)
    client = editor(site)
    page = client.get(REMOVE).text
    assert "Planen er vedtatt: innholdet kan endres igjen når en revisjon er startet." in page
    before = event_count(app)
    refused = client.post(REMOVE, data=filled(page, {"reason": "Utgår"}, REMOVE))
    assert refused.status_code == 409
    assert event_count(app) == before
    assert (
        "<p>Planen er vedtatt (versjon 2). Start en revisjon før innholdet kan endres.</p>"
        in refused.text
    )
    assert dict(form_fields(refused.text, REMOVE))["reason"] == "Utgår"
    assert f'href="{REMOVE}"' not in client.get(f"/planer/{KEY}/tiltak/{ID}/endre").text


@pytest.mark.parametrize("role", [Role.REPORTER, Role.APPROVER, Role.AUDITOR])
def test_only_editors_may_remove_or_restore(
    role: Role, people_web: Flask, demo_app: Planlogg
) -> None:
    demo_app.remove_measure(KEY, "2.1.2A", SETUP)
    client = signed_in(people_web, person_with(demo_app, role))
    assert client.get(REMOVE).status_code == 403
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/profil").text)
    assert token is not None
    before = event_count(demo_app)
    assert client.post(REMOVE, data={"revision": "1", "csrf_token": token[1]}).status_code == 403
    restore = f"/planer/{KEY}/tiltak/T029/gjenopprett"
    assert client.get(restore).status_code == 403
    assert client.post(restore, data={"revision": "2", "csrf_token": token[1]}).status_code == 403
    assert event_count(demo_app) == before


def test_someone_signed_out_is_sent_to_sign_in_first(people_web: Flask) -> None:
    answer = people_web.test_client().get(REMOVE)
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/logg-inn?next={REMOVE}"


def test_a_removal_without_the_revision_is_refused(site) -> None:
    _, app = site
    client = editor(site)
    data = filled(client.get(REMOVE).text, {}, REMOVE)
    refused = client.post(REMOVE, data={k: v for k, v in data.items() if k != "revision"})
    assert refused.status_code == 422
    assert "Skjemaet mangler endringsnummeret tiltaket hadde. Last siden på nytt." in refused.text
    assert not app.get_plan(KEY).measure(ID).removed


@REFUSED_WHY
def test_a_reason_or_decision_refused_is_said_at_its_field_and_kept(
    site, field: str, typed: str, status: int, message: str
) -> None:
    _, app = site
    client = editor(site)
    refused = client.post(REMOVE, data=filled(client.get(REMOVE).text, {field: typed}, REMOVE))
    assert refused.status_code == status
    assert f'<p class="error" id="{field}-error">{message}</p>' in unescape(refused.text)
    assert dict(form_fields(refused.text, REMOVE))[field] == typed
    assert not app.get_plan(KEY).measure(ID).removed


@pytest.mark.parametrize(
    ("målform", "labels"),
    [("nb", ["Begrunnelse", "Vedtak endringen følger av"]),
     ("nn", ["Grunngjeving", "Vedtak endringa følgjer av"])],
)  # fmt: skip
def test_the_removal_page_is_labelled_in_both_målformer(
    site, målform: str, labels: list[str]
) -> None:
    page = editor(site).get(f"{REMOVE}?lang={målform}")
    assert page.status_code == 200
    assert re.findall(r'<label for="[a-z]+">(.*?)</label>', page.text) == labels

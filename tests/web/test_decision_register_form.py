"""The register of decisions in the browser (`/planer/<key>/vedtak`), on SQLite and PostgreSQL:
editors read every decision of the plan's health community, as the auditors' page shows one,
and register new ones with «Registrer vedtak», as the signed-in editor's from the web, by the
command the command line and the API call: a case registered already, or a case number naming
another body, is refused at the case number; every bad entry is refused at its field with
what was typed kept; a form sent twice registers once. Only editors open or send it."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.people import Role
from projections import AuditQuery
from tests.web.conftest import KEY, caught_up, event_count
from tests.web.forms import field_errors, filled, form_fields
from tests.web.signed_in import ISSUER, SETUP, person_with, signed_in

PAGE = f"/planer/{KEY}/vedtak"
WORKING = f"/planer/{KEY}/arbeidsversjon"
TITLE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>')
CASES = re.compile(r'<h3 id="(vedtak-[^"]+)">(.*?)</h3>')
NEW = {"body": "asu", "case": "sak 41/24", "meeting_date": "12.09.2024",
       "text": "ASU vedtek årshjulet for 2025."}  # fmt: skip


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def editor(site: tuple[Flask, Planlogg]) -> FlaskClient:
    web, app = site
    return signed_in(web, person_with(app, Role.EDITOR))


def values(page: str) -> dict[str, str]:
    """What the form shows in its fields, as a browser sends it."""
    return {name: value for name, value in form_fields(page, PAGE) if name != "csrf_token"}


def section(page: str, anchor: str) -> str:
    """The text of one decision's section of the page."""
    start = page.index(f'<section class="decision" aria-labelledby="{anchor}">')
    return page[start : page.index("</section>", start)]


def test_the_working_version_links_editors_only_to_the_register(site) -> None:
    web, app = site
    assert f'<a href="{PAGE}">Vedtaksregisteret</a>' in editor(site).get(WORKING).text
    approver = signed_in(web, person_with(app, Role.APPROVER)).get(WORKING).text
    assert PAGE not in approver


def test_the_register_lists_the_community_s_decisions_newest_first_with_their_citations(
    site,
) -> None:
    client = editor(site)
    page = client.get(PAGE).text
    assert "<title>Vedtaksregisteret – Helsefellesskapet St. Olavs hospital og kommunene" in page
    assert CASES.findall(page) == [
        ("vedtak-asu-sak-40-24", "ASU sak 40/24"),
        ("vedtak-psu-sak-05-22", "PSU sak 05/22"),
        ("vedtak-asu-sak-12-22", "ASU sak 12/22"),
    ]
    round_decision = section(page, "vedtak-asu-sak-40-24")
    assert (
        "<dt>Organ</dt><dd>ASU</dd>\n    <dt>Møtedato</dt><dd>13.06.2024</dd>\n"
        "    <dt>Vedtak</dt><dd>ASU ber leiar for kvart fagråd oppdatere status for kvart tiltak "
        "innan 11.09.2024.</dd>"
    ) in round_decision
    assert f"<dt>Plan</dt><dd>{TITLE}</dd>" in round_decision
    assert "<p>4 endringer etter vedtaket i endringsloggen:</p>" in round_decision
    assert 'data-label="Felt">rapporteringsrunde</td>' in round_decision
    measure = site[1].get_plan(KEY).find_measure("0.1.2").id
    assert f'<a href="/revisjon/{KEY}/tiltak/{measure}">tiltak 0.1.2</a></td>' in round_decision
    timelines = re.findall(r'href="(/revisjon/[^"]*)"', page)
    assert timelines and all(re.fullmatch(rf"/revisjon/{KEY}/tiltak/T\d+", t) for t in timelines)
    assert client.get(timelines[0]).status_code == 200
    main = page[page.index("<main") : page.index("</main>")]
    assert "planlogg" not in main.lower()


def test_a_decision_is_registered_as_the_editor_s_from_the_web_and_shown_first(site) -> None:
    web, app = site
    client = editor(site)
    page = client.get(PAGE).text
    assert values(page) == {"body": "", "case": "", "meeting_date": "", "text": "", "plan": KEY}
    saved = client.post(PAGE, data=filled(page, NEW, PAGE))
    assert saved.status_code == 303
    assert saved.headers["Location"] == f"{PAGE}#vedtak-asu-sak-41-24"
    found = app.get_decision(DEMO_COMMUNITY, "ASU sak 41/24")
    assert (found.body, found.meeting_date, found.text, found.plan) == (
        "ASU",
        date(2024, 9, 12),
        "ASU vedtek årshjulet for 2025.",
        KEY,
    )
    (row,) = (
        web.extensions["planlogg"]
        .read_models.history(AuditQuery(field="decision", decision="ASU sak 41/24"))
        .rows
    )
    assert (row.actor, row.source) == ("Editor (editor@helse.no)", "web")
    shown = client.get(PAGE).text
    assert NOTICE.findall(shown) == ["Registrerte ASU sak 41/24."]
    assert CASES.findall(shown)[0] == ("vedtak-asu-sak-41-24", "ASU sak 41/24")
    assert "<p>Ingen endringer viser til vedtaket.</p>" in section(shown, "vedtak-asu-sak-41-24")


def test_a_decision_for_no_particular_plan_is_the_community_s(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(PAGE).text
    data = filled(page, {**NEW, "plan": ""}, PAGE)
    assert client.post(PAGE, data=data).status_code == 303
    assert app.get_decision(DEMO_COMMUNITY, "ASU sak 41/24").plan == ""
    shown = section(client.get(PAGE).text, "vedtak-asu-sak-41-24")
    assert "<dt>Plan</dt>" not in shown


def test_a_case_registered_already_is_refused_at_the_case_with_what_was_typed_kept(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(PAGE).text
    before = event_count(app)
    typed = {**NEW, "case": "ASU-sak 40/24", "text": "Noe annet."}
    refused = client.post(PAGE, data=filled(page, typed, PAGE))
    assert refused.status_code == 422
    assert field_errors(refused.text) == {"case": "ASU sak 40/24 er allerede registrert."}
    assert '<a href="#vedtak-asu-sak-40-24">Se det registrerte vedtaket</a>' in refused.text
    assert values(refused.text) == {**typed, "plan": KEY}
    assert event_count(app) == before
    assert app.get_decision(DEMO_COMMUNITY, "ASU sak 40/24").text.startswith("ASU ber leiar")


def test_a_case_number_of_another_body_is_refused_at_the_case(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(PAGE).text
    before = event_count(app)
    refused = client.post(PAGE, data=filled(page, {**NEW, "case": "PSU sak 41/24"}, PAGE))
    assert refused.status_code == 422
    assert field_errors(refused.text) == {
        "case": "Saksnummeret «PSU sak 41/24» er en sak i PSU, men organet er oppgitt som asu. "
        "Velg PSU som organ, eller skriv saksnummeret fra møtet i asu."
    }
    assert event_count(app) == before


def test_the_same_form_sent_twice_registers_the_decision_once(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(PAGE).text
    before = event_count(app)
    for _time in range(2):
        again = client.post(PAGE, data=filled(page, NEW, PAGE))
        assert again.status_code == 303
        assert again.headers["Location"] == f"{PAGE}#vedtak-asu-sak-41-24"
    assert event_count(app) == before + 1
    assert NOTICE.findall(client.get(PAGE).text) == ["Registrerte ASU sak 41/24."]


def test_every_bad_entry_is_refused_at_its_field_with_what_was_typed_kept(site) -> None:
    _web, app = site
    client = editor(site)
    page = client.get(PAGE).text
    before = event_count(app)
    typed = {"body": " ", "case": "elleve", "meeting_date": "i morgen", "text": "\u200b",
             "plan": "ukjent-plan"}  # fmt: skip
    refused = client.post(PAGE, data=filled(page, typed, PAGE))
    assert refused.status_code == 422
    assert field_errors(unescape(refused.text)) == {
        "body": "Vedtaket må ha et organ (f.eks. SSU).",
        "case": '"elleve" er ikke et saksnummer. Skriv f.eks. "sak 11/24" eller "ASU sak 27/22".',
        "meeting_date": 'Forstår ikke "i morgen" som dato. Skriv f.eks. 13.03.2024, 1. april '
        "2024 eller medio mai 2024.",
        "text": "Vedtaksteksten må fylles ut.",
        "plan": 'Fant ingen plan med nøkkelen "ukjent-plan".',
    }
    assert "<h2>Vedtaket ble ikke registrert</h2>" in refused.text
    assert values(refused.text) == {**typed, "plan": ""}
    assert event_count(app) == before


def test_a_plan_of_another_community_is_refused_at_the_plan(site) -> None:
    web, app = site
    by = person_with(app, Role.EDITOR)
    app.register_community("vest", "Helse Vest", SETUP)
    app.create_plan("vest-2025", "Vestplanen", "vest", 2025, 2026, SETUP)
    caught_up(web)
    client = signed_in(web, by)
    page = client.get(PAGE).text
    assert "Vestplanen" not in page
    refused = client.post(PAGE, data=filled(page, {**NEW, "plan": "vest-2025"}, PAGE))
    assert refused.status_code == 422
    assert field_errors(unescape(refused.text)) == {
        "plan": 'Planen "vest-2025" tilhører ikke helsefellesskapet "st-olavs". Et vedtak kan '
        "bare gjelde en plan i sitt eget helsefellesskap."
    }


@pytest.mark.parametrize("role", [Role.REPORTER, Role.AUDITOR, Role.APPROVER])
def test_only_editors_open_the_register_or_send_the_form(site, role: Role) -> None:
    web, app = site
    client = signed_in(web, person_with(app, role))
    assert client.get(PAGE).status_code == 403
    profile = client.get("/profil").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', profile)
    assert found is not None
    before = event_count(app)
    refused = client.post(PAGE, data={**NEW, "csrf_token": found[1]})
    assert refused.status_code == 403
    assert event_count(app) == before


def test_an_editor_of_another_community_is_refused_its_register(site) -> None:
    web, app = site
    app.register_community("vest", "Helse Vest", SETUP)
    person = app.add_person(ISSUER, "vest", "vest@helse.no", "Vest", SETUP)
    app.grant_roles(person, [Role.EDITOR], SETUP, communities=["vest"])
    client = signed_in(web, person)
    refused = client.get(PAGE)
    assert refused.status_code == 403
    assert "Du har ikke tilgang til helsefellesskapet st-olavs (bare til vest)." in unescape(
        refused.text
    )
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/profil").text)
    assert token is not None
    before = event_count(app)
    assert client.post(PAGE, data={**NEW, "csrf_token": token[1]}).status_code == 403
    assert event_count(app) == before


def test_the_register_and_its_refusals_speak_nynorsk(site) -> None:
    client = editor(site)
    page = client.get(f"{PAGE}?lang=nn").text
    assert "<h1>Vedtaksregisteret</h1>" in page
    assert '<h2 id="registrer">Registrer vedtak</h2>' in page
    assert "Vedtaka Helsefellesskapet St. Olavs hospital og kommunene har registrert" in page
    assert "<h2>3 registrerte vedtak</h2>" in page
    assert "<p>4 endringar etter vedtaket i endringsloggen:</p>" in page
    typed = {**NEW, "case": "", "meeting_date": "31.02.2024"}
    refused = client.post(f"{PAGE}?lang=nn", data=filled(page, typed, PAGE))
    assert refused.status_code == 422
    assert "<h2>Vedtaket blei ikkje registrert</h2>" in refused.text
    assert field_errors(unescape(refused.text)) == {
        "case": 'Skriv saksnummeret, t.d. "sak 12/25".',
        "meeting_date": '"31.02.2024" er ikkje ein gyldig dato.',
    }

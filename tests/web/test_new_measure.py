"""Adding a measure in the browser, on SQLite and PostgreSQL: the form offers the next free
number under the goal it was opened from, an added measure is the signed-in editor's from the
web and is on the working version at once, and a refused form keeps everything typed, each
refusal at its field."""

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
from language import Målform, _, speaking
from projections import AuditQuery
from tests.web.forms import field_errors, filled, form_fields
from tests.web.journeys import staff_member
from tests.web.signed_in import ISSUER, SETUP, person_with, signed_in
from tests.web.test_form_labels import PageForm, opened
from web.csrf import page_forms

KEY = DEMO_PLAN
URL = f"/planer/{KEY}/tiltak/nytt"
WORKING = f"/planer/{KEY}/arbeidsversjon"
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>', re.S)
TYPED = {
    "number": "2.1.4",
    "text": "Etablere felles *rutine* for utskrivning.\n- Kommunene\n- Sykehuset",
    "responsible": "ASU\nFagråd for pasientsamarbeid",
    "reason": "Vedtatt i ASU",
    "decision": "ASU sak 40/24",
}


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def editor(site: tuple[Flask, Planlogg]) -> FlaskClient:
    web, app = site
    return signed_in(web, person_with(app, Role.EDITOR))


def event_count(app: Planlogg) -> int:
    return app.recorder.max_notification_id() or 0


def shown(page: str) -> dict[str, str]:
    """The form's fields as the page fills them in."""
    return dict(form_fields(page, URL))


def add(client: FlaskClient, changes: dict[str, str], opened: str = URL) -> object:
    return client.post(URL, data=filled(client.get(opened).text, changes, URL))


def adopted(app: Planlogg, web: Flask) -> None:
    """The demo's draft version 2 approved by ASU: the plan is adopted, not editable."""
    app.submit(KEY, ["ASU"], SETUP)
    app.approve(KEY, 2, "ASU", "ASU sak 11/25", date(2025, 3, 6), SETUP)
    web.extensions["planlogg"].read_models.read_your_writes()


@pytest.mark.parametrize(
    ("goal", "number"), [("2.1", "2.1.4"), ("0.1", "0.1.4"), ("1.8.", "1.8.2")]
)
def test_the_form_offers_the_next_free_number_under_the_goal_it_was_opened_from(
    site, goal: str, number: str
) -> None:
    """2.1 has 2.1.1, 2.1.2A, 2.1.2B, 2.1.3A and 2.1.3B: the next whole number is 2.1.4."""
    page = editor(site).get(f"{URL}?goal={goal}")
    assert page.status_code == 200
    assert shown(page.text)["number"] == number
    assert (
        f'<p class="hint" id="number-hint">Som 2.1.3: de to første delene er målet tiltaket '
        f"hører til. Neste ledige nummer under mål {goal.rstrip('.')} er fylt inn.</p>"
    ) in page.text


def test_a_removed_measures_number_is_not_offered_so_it_can_be_restored(site) -> None:
    _, app = site
    app.remove_measure(KEY, "1.8.1", SETUP)
    assert shown(editor(site).get(f"{URL}?goal=1.8").text)["number"] == "1.8.2"


@pytest.mark.parametrize("goal", ["", "9.9", "2", "2.1x", "2.1.1"])
def test_without_a_goal_of_the_plan_the_number_is_left_empty_with_an_example(
    site, goal: str
) -> None:
    page = editor(site).get(f"{URL}?goal={goal}" if goal else URL)
    assert page.status_code == 200
    assert shown(page.text)["number"] == ""
    assert (
        '<p class="hint" id="number-hint">Som 2.1.3: de to første delene er målet tiltaket '
        "hører til.</p>"
    ) in page.text


def test_an_added_measure_is_the_editors_from_the_web_and_on_the_working_version_at_once(
    site,
) -> None:
    web, app = site
    client = editor(site)
    added = add(client, TYPED, f"{URL}?goal=2.1")
    assert added.status_code == 303
    assert added.headers["Location"] == f"{WORKING}#tiltak-2.1.4"
    page = client.get(added.headers["Location"]).text
    assert NOTICE.findall(page) == ["La til tiltak 2.1.4 (T053)."]
    row = re.search(r'<tr id="tiltak-2\.1\.4">.*?</tr>', page, re.S)
    assert row is not None
    assert "<p>Etablere felles <em>rutine</em> for utskrivning.</p>" in row[0]
    assert f'href="/planer/{KEY}/tiltak/T053/endre"' in row[0]
    measure = app.get_plan(KEY).find_measure("2.1.4")
    assert (measure.id, measure.text, measure.responsible) == (
        "T053",
        TYPED["text"],
        ("asu", "fagrad-for-pasientsamarbeid"),
    )
    rows = (
        web.extensions["planlogg"]
        .read_models.history(AuditQuery(plan=KEY, measure="2.1.4", source="web"))
        .rows
    )
    assert [(r.field, r.before, r.after) for r in rows] == [
        ("number", "", "2.1.4"),
        ("text", "", TYPED["text"]),
        ("responsible", "", "asu, fagrad-for-pasientsamarbeid"),
    ]
    assert {(r.actor, r.reason, r.decision) for r in rows} == {
        ("Editor (editor@helse.no)", "Vedtatt i ASU", "ASU sak 40/24")
    }


def test_a_number_taken_is_refused_at_the_number_with_everything_typed_kept(site) -> None:
    _, app = site
    client = editor(site)
    before = event_count(app)
    refused = add(client, {**TYPED, "number": "2.1.1"})
    assert refused.status_code == 422
    assert event_count(app) == before
    assert field_errors(refused.text) == {"number": "Tiltaksnummeret 2.1.1 er allerede i bruk."}
    assert (
        '<li><a href="#number">Nummer: Tiltaksnummeret 2.1.1 er allerede i bruk.</a></li>'
        in refused.text
    )
    kept = shown(refused.text)
    assert {name: kept[name] for name in TYPED} == {**TYPED, "number": "2.1.1"}
    assert (
        '<input id="number" name="number" value="2.1.1" '
        'aria-describedby="number-hint number-error" aria-invalid="true"'
    ) in refused.text


def test_of_two_editors_adding_the_same_number_the_second_is_refused_with_the_text_kept(
    site,
) -> None:
    web, app = site
    eli, emil = (
        signed_in(web, staff_member(app, ISSUER, name, f"{name}@helse.no", name, Role.EDITOR))
        for name in ("eli", "emil")
    )
    opened = {name: c.get(f"{URL}?goal=2.1").text for name, c in (("eli", eli), ("emil", emil))}
    first = eli.post(URL, data=filled(opened["eli"], {"text": "Elis tiltak."}, URL))
    assert first.status_code == 303
    second = emil.post(URL, data=filled(opened["emil"], {"text": "Emils tiltak."}, URL))
    assert second.status_code == 422
    assert field_errors(second.text) == {"number": "Tiltaksnummeret 2.1.4 er allerede i bruk."}
    assert shown(second.text)["text"] == "Emils tiltak."
    assert app.get_plan(KEY).find_measure("2.1.4").text == "Elis tiltak."


def test_every_unreadable_field_is_refused_at_once_at_its_place(site) -> None:
    _, app = site
    client = editor(site)
    before = event_count(app)
    refused = add(
        client,
        {"number": "2.1", "text": "  ", "responsible": "x" * 101, "decision": "ASU sak 99/25"},
    )
    assert refused.status_code == 422
    assert event_count(app) == before
    assert field_errors(refused.text) == {
        "number": '"2.1" er ikke et gyldig tiltaksnummer (forventet f.eks. 2.1.3 eller 2.1.2A)',
        "text": "Tiltaksteksten må fylles ut.",
        "responsible": "Navnet på organet har for mange tegn: 101, men høyst 100 er lov.",
        "decision": "Vedtaket «ASU sak 99/25» er ikke registrert. Se om saksnummeret er skrevet "
        "riktig, eller be sekretariatet registrere vedtaket først.",
    }
    assert refused.text.count('aria-invalid="true"') == 4


def test_a_reason_too_long_is_refused_at_its_field_after_the_others_in_the_summary(
    site,
) -> None:
    refused = add(editor(site), {**TYPED, "reason": "r" * 301, "decision": "ASU sak 99/25"})
    assert refused.status_code == 422
    assert re.findall(r'<li><a href="#([a-z]+)">', refused.text) == ["reason", "decision"]
    assert field_errors(refused.text)["reason"] == (
        "Begrunnelsen har for mange tegn: 301, men høyst 300 er lov."
    )
    assert shown(refused.text)["reason"] == "r" * 301


def test_a_number_under_a_goal_the_plan_lacks_is_refused_at_the_number(site) -> None:
    refused = add(editor(site), {**TYPED, "number": "9.9.1"})
    assert refused.status_code == 422
    assert field_errors(refused.text) == {
        "number": "Målet 9.9 finnes ikke i planen. Legg til målet først."
    }


def test_bodies_the_register_lacks_are_saved_as_typed_and_named(site) -> None:
    client = editor(site)
    added = add(client, {**TYPED, "responsible": "Ukjent organ XYZ, ASU"})
    assert added.status_code == 303
    assert NOTICE.findall(client.get(added.headers["Location"]).text) == [
        "La til tiltak 2.1.4 (T053).",
        "«Ukjent organ XYZ» er ikke et registrert organ; lagret som skrevet. "
        "Sekretariatet kan slå sammen skrivemåtene i organregisteret.",
    ]


def test_a_plan_that_cannot_be_changed_refuses_the_measure_in_the_domains_words(site) -> None:
    web, app = site
    adopted(app, web)
    client = editor(site)
    page = client.get(URL).text
    assert "Planen er vedtatt: innholdet kan endres igjen når en revisjon er startet." in page
    before = event_count(app)
    refused = client.post(URL, data=filled(page, TYPED, URL))
    assert refused.status_code == 409
    assert event_count(app) == before
    assert (
        "<p>Planen er vedtatt (versjon 2). Start en revisjon før innholdet kan endres.</p>"
        in refused.text
    )
    assert shown(refused.text)["text"] == TYPED["text"]
    assert "/tiltak/nytt" not in client.get(WORKING).text


def test_the_working_version_links_editors_to_a_new_measure(site) -> None:
    working = editor(site).get(WORKING).text
    assert f'<a href="/planer/{KEY}/tiltak/nytt">Nytt tiltak</a>' in working


@pytest.mark.parametrize("role", [Role.REPORTER, Role.APPROVER, Role.AUDITOR])
def test_only_editors_may_add_a_measure(role: Role, people_web: Flask, demo_app: Planlogg) -> None:
    client = signed_in(people_web, person_with(demo_app, role))
    assert client.get(URL).status_code == 403
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/profil").text)
    assert token is not None
    before = event_count(demo_app)
    assert client.post(URL, data={**TYPED, "csrf_token": token[1]}).status_code == 403
    assert event_count(demo_app) == before
    assert "/tiltak/nytt" not in client.get(WORKING).text


def test_someone_signed_out_is_sent_to_sign_in_first(people_web: Flask) -> None:
    answer = people_web.test_client().get(f"{URL}?goal=2.1")
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/logg-inn?next={URL}?goal%3D2.1"


def test_a_form_without_the_csrf_token_is_refused_and_gives_back_what_was_typed(site) -> None:
    _, app = site
    client = editor(site)
    data = filled(client.get(URL).text, TYPED, URL)
    before = event_count(app)
    refused = client.post(URL, data={k: v for k, v in data.items() if k != "csrf_token"})
    assert refused.status_code == 400
    assert event_count(app) == before
    given = re.findall(r"<dt>(.*?)</dt>", refused.text)
    assert given == ["Nummer", "Tiltak", "Ansvar", "Begrunnelse", "Vedtak endringen følger av"]


@pytest.mark.parametrize(
    ("målform", "labels"),
    [
        ("nb", ["Nummer", "Tiltak", "Ansvar", "Begrunnelse", "Vedtak endringen følger av"]),
        ("nn", ["Nummer", "Tiltak", "Ansvar", "Grunngjeving", "Vedtak endringa følgjer av"]),
    ],
)
def test_the_form_is_labelled_in_both_målformer(site, målform: str, labels: list[str]) -> None:
    page = editor(site).get(f"{URL}?goal=2.1&lang={målform}")
    assert page.status_code == 200
    found = re.findall(r'<label for="[a-z]+">(.*?)</label>', page.text)
    assert found == labels


PAGE_FORMS = [
    PageForm("new_measure.add", Role.EDITOR, lambda app: f"{URL}?goal=2.1"),
    PageForm("measure_removal.remove", Role.EDITOR, lambda app: f"/planer/{KEY}/tiltak/T028/fjern"),
]


@pytest.mark.parametrize("målform", ["nb", "nn"])
@pytest.mark.parametrize("form", PAGE_FORMS, ids=[form.endpoint for form in PAGE_FORMS])
def test_the_pages_show_their_fields_under_the_labels_their_modules_declare(
    people_web: Flask, demo_app: Planlogg, form: PageForm, målform: Målform
) -> None:
    """As tests/web/test_form_labels.py holds the other page forms to their declarations."""
    declared = page_forms(people_web)[form.endpoint]
    client, page = opened(people_web, demo_app, form, målform)
    with speaking(målform):
        wanted = {name: _(label) for name, label in declared.fields.items()}
    assert {name: page.label(name) for name in declared.fields} == wanted
    assert declared.hidden <= page.hidden
    refused = client.post(page.action, data=page.data("gammel"))
    assert refused.status_code == 400
    given = re.findall(r"<dt>(.*?)</dt>\s*<dd", refused.text, re.S)
    assert [unescape(label) for label in given] == [page.label(n) for n in page.visible]

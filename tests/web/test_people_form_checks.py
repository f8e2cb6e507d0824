"""The people forms check on the server what a browser no longer checks (they are
`novalidate`, so Planlogg's Norwegian messages show, not the browser's English ones): every
problem is named at its field, and what was typed comes back."""

from __future__ import annotations

from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from tests.web.conftest import caught_up
from tests.web.forms import form_fields
from tests.web.signed_in import ISSUER, SETUP, person_with, signed_in
from tests.web.test_people_pages import csrf

PEOPLE = "/admin/personer"
LONG_REASON = "Fordi " * 60


@pytest.fixture
def admin(people_web: Flask, demo_app: Planlogg) -> FlaskClient:
    return signed_in(people_web, person_with(demo_app, Role.ADMINISTRATOR))


@pytest.fixture
def kari(demo_app: Planlogg) -> UUID:
    return demo_app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari Nordmann", SETUP)


def add_form(admin: FlaskClient, **typed: str) -> dict[str, str]:
    fields = {"issuer": ISSUER, "subject": "sub-ny", "name": "Ola", "email": "", "reason": ""}
    return {"csrf_token": csrf(admin, PEOPLE), **fields, **typed}


def test_the_add_form_leaves_checking_to_planlogg_and_keeps_the_phone_keyboards(
    admin: FlaskClient,
) -> None:
    page = admin.get(PEOPLE).get_data(as_text=True)
    form = page.split(f'<form method="post" action="{PEOPLE}"')[1].split(">")[0]
    assert "novalidate" in form
    assert 'id="issuer" name="issuer" type="url"' in page
    assert 'id="email" name="email" type="email"' in page


def test_every_empty_required_field_is_named_at_its_field(
    admin: FlaskClient, demo_app: Planlogg
) -> None:
    before = len(demo_app.people())
    response = admin.post(PEOPLE, data=add_form(admin, issuer="", subject=" ", name="Ola"))
    assert response.status_code == 422
    shown = response.get_data(as_text=True)
    for field, message in [
        ("issuer", "Personen må ha en innloggingstjeneste (issuer)."),
        ("subject", "Personen må ha en ID (subject) hos innloggingstjenesten."),
    ]:
        assert f'<p class="error" id="{field}-error">{message}</p>' in shown
        assert f'aria-describedby="{field}-error" aria-invalid="true"' in shown
        assert f'<li><a href="#{field}">' in shown
    assert 'id="name" name="name" autocomplete="off" value="Ola">' in shown
    assert len(demo_app.people()) == before


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("issuer", "ikke en adresse",
         "Innloggingstjenesten (issuer) «ikke en adresse» er ikke en https-adresse."),
        ("email", "ikke-epost", "«ikke-epost» er ikke en e-postadresse"),
        ("subject", "s" * 20_000,
         "ID-en (subject) har for mange tegn: 20000, men høyst 255 er lov."),
    ],
    ids=["issuer", "email", "subject"],
)  # fmt: skip
def test_what_the_browser_used_to_catch_is_refused_and_kept(
    admin: FlaskClient, demo_app: Planlogg, field: str, typed: str, message: str
) -> None:
    before = len(demo_app.people())
    response = admin.post(PEOPLE, data=add_form(admin, **{field: typed}))
    assert response.status_code == 422
    shown = response.get_data(as_text=True)
    assert f'<p class="error" id="{field}-error">{message}' in shown
    assert dict(form_fields(shown, PEOPLE))[field] == typed
    assert len(demo_app.people()) == before


def test_a_long_reason_on_the_add_form_comes_back_with_what_was_typed(
    admin: FlaskClient, demo_app: Planlogg
) -> None:
    before = len(demo_app.people())
    response = admin.post(PEOPLE, data=add_form(admin, reason=LONG_REASON))
    assert response.status_code == 422
    shown = response.get_data(as_text=True)
    assert "Begrunnelsen har for mange tegn: 359, men høyst 300 er lov." in shown
    typed = dict(form_fields(shown, PEOPLE))
    assert (typed["subject"], typed["name"], typed["reason"]) == ("sub-ny", "Ola", LONG_REASON)
    assert len(demo_app.people()) == before


def person_form(admin: FlaskClient, kari: UUID, bodies: str, reason: str = "") -> dict:
    page = f"{PEOPLE}/{kari}"
    return {"csrf_token": csrf(admin, page), "version": "1", "role": ["reporter"],
            "bodies": bodies, "reason": reason}  # fmt: skip


def test_a_long_reason_on_the_person_form_comes_back_with_the_choices(
    admin: FlaskClient, demo_app: Planlogg, kari: UUID
) -> None:
    page = f"{PEOPLE}/{kari}"
    response = admin.post(page, data=person_form(admin, kari, "ASU", LONG_REASON))
    assert response.status_code == 422
    shown = response.get_data(as_text=True)
    assert "Begrunnelsen har for mange tegn: 359, men høyst 300 er lov." in shown
    assert form_fields(shown, page)[1:] == [
        ("version", "1"), ("role", "reporter"), ("bodies", "ASU"), ("reason", LONG_REASON),
    ]  # fmt: skip
    assert [type(e).__name__ for e in demo_app.events.get(kari)] == ["PersonAdded"]


@pytest.mark.parametrize(
    ("bodies", "message"),
    [
        ("ASU\nUkjent organ XYZ",
         "«Ukjent organ XYZ» er ikke et registrert organ. "
         "Skriv organet slik det står i organregisteret."),
        ("ASUU", "«ASUU» er ikke et registrert organ. Mente du «ASU»? "
         "Skriv organet slik det står i organregisteret."),
        ("B" * 19_999,
         "Organet «" + "B" * 39 + "…» har et for langt navn: 19999 tegn, men høyst 100 er lov."),
        ("\n".join(f"Organ {i}" for i in range(3000)),
         "En person kan rapportere for høyst 100 organer, men 3000 er oppgitt."),
    ],
    ids=["unknown", "misspelt", "long", "many"],
)  # fmt: skip
def test_bodies_the_register_does_not_know_are_refused_and_kept(
    admin: FlaskClient, demo_app: Planlogg, kari: UUID, bodies: str, message: str
) -> None:
    page = f"{PEOPLE}/{kari}"
    response = admin.post(page, data=person_form(admin, kari, bodies))
    assert response.status_code == 422
    shown = response.get_data(as_text=True)
    assert f'<p class="error" id="bodies-error">{message}</p>' in shown
    assert 'aria-describedby="bodies-error" aria-invalid="true"' in shown
    assert dict(form_fields(shown, page))["bodies"] == bodies
    assert "Endringene er lagret." not in shown
    assert [type(e).__name__ for e in demo_app.events.get(kari)] == ["PersonAdded"]


def test_any_body_will_do_in_a_community_that_registers_none(
    people_web: Flask, admin: FlaskClient, demo_app: Planlogg, kari: UUID
) -> None:
    demo_app.register_community("vestre-viken", "Helsefellesskapet Vestre Viken", SETUP)
    caught_up(people_web)
    form = {**person_form(admin, kari, "Ukjent organ XYZ"), "community": "vestre-viken"}
    assert admin.post(f"{PEOPLE}/{kari}", data=form).status_code == 302
    assert demo_app.get_person(kari).bodies == ["Ukjent organ XYZ"]

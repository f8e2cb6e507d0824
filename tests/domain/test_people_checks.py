"""What a person is added with and reports for is checked in the domain, whatever the form or
the browser let through: a wrong issuer locks the person out for good, and a body no register
knows leaves a reporter with nothing to report for."""

from __future__ import annotations

import pytest

from domain.body_register import Body, BodyRegister
from domain.errors import ValidationError
from domain.people import (
    MAX_BODIES,
    Person,
    PersonFieldError,
    check_registered_bodies,
    cleaned_details,
)
from domain.provenance import Provenance, Source
from domain.vocabulary import BodyKind

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
BY = Provenance("Drift", Source.CLI)


def add(issuer: str = ISSUER, subject: str = "sub", email: str = "", name: str = "") -> Person:
    return Person.add(issuer, subject, email, name, BY)


def problems(**typed: str) -> dict[str, str]:
    with pytest.raises(PersonFieldError) as refused:
        add(**typed)
    return refused.value.problems


@pytest.mark.parametrize(
    ("issuer", "message"),
    [
        ("ikke en adresse",
         "Innloggingstjenesten (issuer) «ikke en adresse» er ikke en https-adresse. Skriv hele "
         "adressen, slik innloggingstjenesten oppgir den."),
        ("http://idp.example",
         "Innloggingstjenesten (issuer) «http://idp.example» er ikke en https-adresse. Skriv hele "
         "adressen, slik innloggingstjenesten oppgir den."),
        ("https://idp.example/?tenant=1",
         "Innloggingstjenesten (issuer) «https://idp.example/?tenant=1» er ikke en https-adresse. "
         "Skriv hele adressen, slik innloggingstjenesten oppgir den."),
        ("https://" + "i" * 60 + " x",
         "Innloggingstjenesten (issuer) «https://" + "i" * 31 + "…» er ikke en https-adresse. "
         "Skriv hele adressen, slik innloggingstjenesten oppgir den."),
    ],
)  # fmt: skip
def test_an_issuer_must_be_an_https_address(issuer: str, message: str) -> None:
    assert problems(issuer=issuer) == {"issuer": message}


@pytest.mark.parametrize(
    "issuer", ["http://127.0.0.1:5001", "http://localhost:8080/realms/x", "http://[::1]:9000"]
)
def test_a_local_test_provider_may_use_http(issuer: str) -> None:
    assert add(issuer=issuer).issuer == issuer


def test_a_subject_a_name_and_an_email_address_are_checked_all_at_once() -> None:
    found = problems(issuer=" ", subject="s" * 20_000, email="ikke-epost", name="N" * 301)
    assert found == {
        "issuer": "Personen må ha en innloggingstjeneste (issuer).",
        "subject": "ID-en (subject) har for mange tegn: 20000, men høyst 255 er lov.",
        "email": "«ikke-epost» er ikke en e-postadresse (f.eks. kari.nordmann@helse.no).",
        "name": "Navnet har for mange tegn: 301, men høyst 300 er lov.",
    }


def test_a_refusal_names_every_problem_for_the_command_line() -> None:
    with pytest.raises(PersonFieldError) as refused:
        add(issuer="", subject="")
    assert refused.value.message == (
        "Personen må ha en innloggingstjeneste (issuer). "
        "Personen må ha en ID (subject) hos innloggingstjenesten."
    )


def test_an_address_the_provider_gives_that_is_none_is_dropped_not_refused() -> None:
    assert cleaned_details("ikke-epost", "Kari") == ("", "Kari")
    assert cleaned_details("kari@helse.no", "Kari") == ("kari@helse.no", "Kari")


def test_a_body_name_longer_than_a_body_name_can_be_is_refused_quoting_its_start() -> None:
    person = add()
    with pytest.raises(ValidationError) as refused:
        person.assign_bodies(["ASU", "B" * 19_999], BY)
    assert refused.value.message == (
        "Organet «" + "B" * 39 + "…» har et for langt navn: 19999 tegn, men høyst 100 er lov."
    )
    assert person.bodies == []


def test_a_person_reports_for_at_most_so_many_bodies() -> None:
    person = add()
    assert person.assign_bodies([f"Organ {i}" for i in range(MAX_BODIES)], BY)
    with pytest.raises(ValidationError) as refused:
        person.assign_bodies([f"Organ {i}" for i in range(3000)], BY)
    assert refused.value.message == (
        "En person kan rapportere for høyst 100 organer, men 3000 er oppgitt."
    )
    assert len(person.bodies) == MAX_BODIES


REGISTER = BodyRegister.of(
    [Body("asu", "ASU", BodyKind.STRATEGIC), Body("psu", "PSU", BodyKind.PARTNERSHIP)]
)


def test_a_body_no_register_knows_is_refused_with_the_nearest_name() -> None:
    with pytest.raises(ValidationError) as refused:
        check_registered_bodies(["asu", "ASUU", "Ukjent organ XYZ"], [REGISTER])
    assert refused.value.message == (
        "«ASUU» er ikke et registrert organ. Mente du «ASU»? "
        "«Ukjent organ XYZ» er ikke et registrert organ. "
        "Skriv organet slik det står i organregisteret."
    )


def test_any_body_will_do_where_a_community_registers_none() -> None:
    check_registered_bodies(["Ukjent organ XYZ"], [REGISTER, BodyRegister()])
    check_registered_bodies(["Ukjent organ XYZ"], [])

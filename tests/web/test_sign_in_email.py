"""The e-mail address a provider gives at sign-in is kept only when the provider vouches for
it: `person grant <e-mail>` names whoever holds the address, so an address a provider says
it has not verified (`email_verified` false) must never reach a person's record.

Signed in against a real provider (`oidc-provider-mock`), on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask

from domain.application import Planlogg
from domain.people import Role, person_id
from domain.provenance import Provenance, Source
from tests.web.conftest import caught_up
from tests.web.oidc_provider import RecordingProvider
from tests.web.signed_in import NOW, SETUP
from tests.web.test_login import sign_in_at_provider
from web import create_app
from web.auth import SignedInPerson
from web.cli import EXIT_NOT_FOUND, cli
from web.login import vouched_email
from web.tokens import InMemoryTokenStore

KARI = "kari@helse.no"

pytestmark = pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")


@pytest.fixture
def provider() -> Iterator[RecordingProvider]:
    """Mallory's account says it has Kari's address but not that it is hers; Kari's Entra ID
    account sends her address without the claim (Entra ID does not send it); Ola's says yes."""
    people: dict[str, dict[str, object]] = {
        "mallory": {"name": "Mallory", "email": KARI, "email_verified": False},
        "kari": {"name": "Kari Nordmann", "email": KARI},
        "ola": {"name": "Ola Nordmann", "email": "ola@helse.no", "email_verified": True},
        "rolf": {"name": "Rolf \u202eUSA\u202c Nordmann", "email": "rolf@helse.no"},
    }
    with RecordingProvider(people) as running:
        yield running


@pytest.fixture
def site(database_url: str, provider: RecordingProvider) -> Iterator[tuple[Flask, Planlogg]]:
    app = Planlogg.from_url(database_url)
    web = create_app(
        {"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True,
         "CLOCK": lambda: NOW, **provider.config()},
        app=app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    caught_up(web)
    yield web, app
    app.close()


def grant(database_url: str, who: str, role: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["--database-url", database_url, "--as", "Drift", "person", "grant", who, role]
    )
    return result.exit_code, result.output


def test_an_address_the_provider_has_not_verified_is_not_kept_nor_granted_roles(
    site: tuple[Flask, Planlogg], provider: RecordingProvider, database_url: str
) -> None:
    web, app = site
    answer = sign_in_at_provider(web.test_client(), "mallory")
    assert (answer.status_code, answer.headers["Location"]) == (302, "/ingen-tilgang")
    mallory = app.get_person(person_id(provider.issuer, "mallory"))
    assert (mallory.name, mallory.email) == ("Mallory", "")

    code, output = grant(database_url, KARI, "administrator")

    assert code == EXIT_NOT_FOUND, output
    assert f'Fant ingen person med e-postadressen eller ID-en "{KARI}".' in output
    assert app.get_person(mallory.id).roles == []


def test_an_address_sent_without_the_claim_is_kept_and_names_its_person(
    site: tuple[Flask, Planlogg], provider: RecordingProvider, database_url: str
) -> None:
    """Entra ID (the provider most installations use) sends no `email_verified`; the address
    there is the one the organisation's own directory gives, so it is kept."""
    web, app = site
    sign_in_at_provider(web.test_client(), "mallory")
    sign_in_at_provider(web.test_client(), "kari")

    code, output = grant(database_url, KARI, "revisor")

    assert (code, output) == (0, "Kari Nordmann fikk revisor.\n")
    kari = app.get_person(person_id(provider.issuer, "kari"))
    assert (kari.email, kari.role_set) == (KARI, frozenset({Role.AUDITOR}))
    assert app.get_person(person_id(provider.issuer, "mallory")).roles == []


def test_a_verified_address_is_kept(
    site: tuple[Flask, Planlogg], provider: RecordingProvider
) -> None:
    web, app = site
    sign_in_at_provider(web.test_client(), "ola")
    assert app.get_person(person_id(provider.issuer, "ola")).email == "ola@helse.no"


@pytest.mark.parametrize(
    ("claims", "kept"),
    [({"email": KARI}, KARI), ({"email": KARI, "email_verified": True}, KARI),
     ({"email": KARI, "email_verified": "true"}, KARI),
     ({"email": KARI, "email_verified": False}, ""),
     ({"email": KARI, "email_verified": "false"}, ""),
     ({"email": KARI, "email_verified": 0}, ""), ({"email": KARI, "email_verified": "1"}, ""),
     ({"email_verified": True}, ""), ({}, "")],
)  # fmt: skip
def test_only_an_address_the_provider_does_not_disown_is_kept(
    claims: dict[str, Any], kept: str
) -> None:
    """Some providers send the claim as the text "false", which Python takes as true."""
    assert vouched_email(claims) == kept


def test_a_person_whose_address_is_no_longer_verified_keeps_no_address(
    site: tuple[Flask, Planlogg], provider: RecordingProvider
) -> None:
    """Added earlier with Kari's address (by hand, or by an earlier sign-in), Mallory's next
    sign-in with the address unverified takes it off her record."""
    web, app = site
    mallory = app.add_person(provider.issuer, "mallory", KARI, "Mallory", SETUP)
    sign_in_at_provider(web.test_client(), "mallory")
    assert app.get_person(mallory).email == ""


def test_a_name_from_the_provider_with_a_direction_control_signs_in_without_it(
    site: tuple[Flask, Planlogg], provider: RecordingProvider
) -> None:
    """A name Planlogg refuses from anyone typing it (it could disguise who acted) still
    signs its person in: the provider's directory is not the person's to retype, so the
    control is dropped from the name and from the sign-in's actor alike."""
    web, app = site
    answer = sign_in_at_provider(web.test_client(), "rolf")
    assert (answer.status_code, answer.headers["Location"]) == (302, "/ingen-tilgang")
    rolf = app.get_person(person_id(provider.issuer, "rolf"))
    assert rolf.name == "Rolf USA Nordmann"
    (added, *_) = list(app.events_of(rolf.id))
    assert added.by.actor == "Rolf USA Nordmann"


def test_a_person_stored_with_a_direction_control_in_the_name_still_acts_without_it(
    site: tuple[Flask, Planlogg], provider: RecordingProvider
) -> None:
    """A name stored before such names were refused (typed by hand, or by an older Planlogg):
    her changes are stamped with it without the control, not refused one and all."""
    _web, app = site
    person = app.get_person(app.add_person(provider.issuer, "rolf", "rolf@helse.no", "R", SETUP))
    object.__setattr__(person, "name", "Rolf \u202eUSA")
    signed_in = SignedInPerson.of(person)
    assert signed_in.name == "Rolf USA (rolf@helse.no)"
    assert Provenance(signed_in.name, Source.WEB).actor == "Rolf USA (rolf@helse.no)"

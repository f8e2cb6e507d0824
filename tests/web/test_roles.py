"""Who may see which page: each role, a person without a role, and nobody; the API takes
only tokens, so a signed-in person's cookie opens nothing there."""

from __future__ import annotations

import re
from collections.abc import Callable
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.people import Role
from projections import ListedPerson
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import ISSUER, SETUP, person_with, signed_in
from web.auth import SignedInPerson
from web.roles import ROLE_PERMISSIONS, Permission

PAGES = [
    (f"/planer/{KEY}/dashbord", {"editor", "approver", "auditor", "reporter"}),
    ("/revisjon/", {"auditor"}),
    ("/revisjon/kontroll", {"auditor"}),
    (f"/revisjon/{KEY}/tiltak/0.1.2", {"auditor", "editor"}),
    ("/admin/personer", {"administrator"}),
]
API = [
    ("get", f"/api/plans/{KEY}/draft", None),
    ("get", "/api/history", None),
    ("post", f"/api/plans/{KEY}/measures/1.3.1/status", {"colour": "gul"}),
    ("post", f"/api/plans/{KEY}/measures/1.3.1/text", {"text": "Ny tekst"}),
]
SignIn = Callable[[Role | None], FlaskClient]
ADMIN_ITEM = re.compile(r'<li>([^<]*)<a href="mailto:([^"]*)">\2</a>([^<]*)</li>')


@pytest.fixture
def sign_in(people_web: Flask, demo_app: Planlogg) -> SignIn:
    def as_role(role: Role | None) -> FlaskClient:
        return signed_in(people_web, person_with(demo_app, role))

    return as_role


@pytest.mark.parametrize(("path", "allowed"), PAGES)
def test_pages_follow_the_signed_in_persons_role(
    sign_in: SignIn, people_web: Flask, path: str, allowed: set[str]
) -> None:
    anonymous = people_web.test_client().get(path)
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"].startswith("/logg-inn?next=")
    for role in Role:
        expected = 200 if role.value in allowed else 403
        assert sign_in(role).get(path).status_code == expected, role


@pytest.mark.parametrize(("path", "allowed"), PAGES)
def test_a_person_without_a_role_is_sent_to_the_page_that_says_whom_to_ask(
    sign_in: SignIn, path: str, allowed: set[str]
) -> None:
    response = sign_in(None).get(path)
    assert (response.status_code, response.headers["Location"]) == (302, "/ingen-tilgang")


def test_the_no_access_page_names_the_administrators_or_the_first_command(
    sign_in: SignIn, people_web: Flask, demo_app: Planlogg
) -> None:
    client = sign_in(None)
    first = client.get("/ingen-tilgang")
    assert first.status_code == 403
    assert "planlogg person grant ingen@helse.no administrator" in first.text
    person_with(demo_app, Role.ADMINISTRATOR)
    caught_up(people_web)
    later = client.get("/ingen-tilgang").text
    assert '<a href="mailto:administrator@helse.no">administrator@helse.no</a>' in later
    assert "planlogg person grant" not in later


def test_the_no_access_page_says_where_each_administrator_gives_roles(
    sign_in: SignIn, people_web: Flask, demo_app: Planlogg
) -> None:
    """Across the country a newcomer asks their own community's administrators: each is
    named with the communities their roles reach, those of every community first."""
    local = demo_app.add_person(ISSUER, "lokal", "lina@stolav.no", "Lina Lokal", SETUP)
    demo_app.grant_roles(local, [Role.ADMINISTRATOR], SETUP, communities=[DEMO_COMMUNITY])
    person_with(demo_app, Role.ADMINISTRATOR)
    caught_up(people_web)

    page = sign_in(None).get("/ingen-tilgang").text

    assert ADMIN_ITEM.findall(page) == [
        ("Administrator – ", "administrator@helse.no", " (alle helsefellesskap)"),
        ("Lina Lokal – ", "lina@stolav.no", " (Helsefellesskapet St. Olavs hospital og kommunene)"),
    ]


def test_the_no_access_page_names_only_those_who_may_give_roles(
    sign_in: SignIn, people_web: Flask, demo_app: Planlogg
) -> None:
    person_with(demo_app, Role.EDITOR)
    person_with(demo_app, Role.ADMINISTRATOR)
    caught_up(people_web)

    page = sign_in(None).get("/ingen-tilgang").text

    assert ADMIN_ITEM.findall(page) == [
        ("Administrator – ", "administrator@helse.no", " (alle helsefellesskap)"),
    ]


def test_the_no_access_page_reads_the_register_once_per_position_of_the_read_models(
    sign_in: SignIn, people_web: Flask, demo_app: Planlogg, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anyone who can sign in lands there, and may reload it. An administrator added is on
    the first visit after the read models have them."""
    client = sign_in(None)
    models = people_web.extensions["planlogg"].read_models
    reads: list[int] = []
    people = models.people

    def counted() -> list[ListedPerson]:
        reads.append(len(reads))
        return people()

    monkeypatch.setattr(models, "people", counted)
    caught_up(people_web)
    answers = [client.get("/ingen-tilgang").status_code for _ in range(5)]
    assert (answers, reads) == ([403] * 5, [0])
    person_with(demo_app, Role.ADMINISTRATOR)
    caught_up(people_web)
    later = [client.get("/ingen-tilgang").text for _ in range(3)]
    assert reads == [0, 1]
    assert all("mailto:administrator@helse.no" in page for page in later)


@pytest.mark.parametrize(
    ("role", "page"), [(Role.AUDITOR, "/revisjon/"), (Role.EDITOR, f"/planer/{KEY}/dashbord")]
)
def test_a_person_with_a_role_is_sent_on_from_the_no_access_page(
    sign_in: SignIn, role: Role, page: str
) -> None:
    response = sign_in(role).get("/ingen-tilgang")
    assert (response.status_code, response.headers["Location"]) == (302, page)


def test_a_revoked_role_stops_working_on_the_next_request(
    people_web: Flask, demo_app: Planlogg
) -> None:
    person = person_with(demo_app, Role.AUDITOR)
    client = signed_in(people_web, person)
    assert client.get("/revisjon/").status_code == 200
    demo_app.revoke_roles(person, [Role.AUDITOR], SETUP)
    assert client.get("/revisjon/").headers["Location"] == "/ingen-tilgang"


@pytest.mark.parametrize(("method", "path", "body"), API)
def test_the_api_never_accepts_a_signed_in_persons_cookie(
    sign_in: SignIn, method: str, path: str, body: dict | None
) -> None:
    client = sign_in(Role.EDITOR)
    response = getattr(client, method)(path, json=body)
    assert response.status_code == 401
    assert response.json["error"]["message"] == "Du må logge inn (API-token) for å gjøre dette."


PERMISSIONS = {
    Role.EDITOR: {Permission.EDIT, Permission.REPORT, Permission.READ_DRAFT},
    Role.APPROVER: {Permission.APPROVE, Permission.READ_DRAFT},
    Role.AUDITOR: {Permission.AUDIT, Permission.READ_DRAFT},
    Role.REPORTER: {Permission.REPORT, Permission.READ_DRAFT},
    Role.ADMINISTRATOR: {Permission.ADMINISTER},
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_gives_exactly_its_permissions(role: Role) -> None:
    person = SignedInPerson(UUID(int=1), "Kari", "kari@helse.no", frozenset({role}), ())
    assert {p for p in Permission if person.can(p)} == PERMISSIONS[role] == ROLE_PERMISSIONS[role]


def test_a_reporter_never_edits_and_roles_add_up() -> None:
    reporter = SignedInPerson(UUID(int=1), "Kari", "", frozenset({Role.REPORTER}), ("FSU",))
    assert not reporter.can(Permission.EDIT) and not reporter.can(Permission.AUDIT)
    both = SignedInPerson(UUID(int=1), "Kari", "", frozenset({Role.REPORTER, Role.AUDITOR}), ())
    assert {p for p in Permission if both.can(p)} == {
        Permission.REPORT, Permission.READ_DRAFT, Permission.AUDIT,
    }  # fmt: skip
    assert both.roles_label == "revisor, rapportør"
    assert SignedInPerson(UUID(int=1), "Kari", "", frozenset(), ()).roles_label == "ingen rolle"

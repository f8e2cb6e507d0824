"""People limited to some health communities: the scope as an event, administrators who can
grant only within their own communities, and at least one administrator for every community
kept, whatever two administrators do at the same moment (SQLite and PostgreSQL)."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.application import Planlogg
from domain.errors import NotFoundError, ValidationError
from domain.people import Person, Role
from domain.provenance import Provenance, Source

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
ADMIN = Provenance("Ada Admin (ada@helse.no)", Source.WEB, reason="ny i sekretariatet")
OWN = "st-olavs"
OTHER = "vestre-viken"


def kari(by: Provenance) -> Person:
    return Person.add(ISSUER, "sub-kari", "kari@helse.no", "Kari Nordmann", by)


@pytest.fixture
def communities(app: Planlogg, by: Provenance) -> Planlogg:
    """The application with two health communities registered."""
    app.register_community(OWN, "Helsefellesskapet St. Olavs hospital og kommunene", by)
    app.register_community(OTHER, "Helsefellesskapet Vestre Viken", by)
    return app


def person(app: Planlogg, subject: str, by: Provenance, *roles: Role) -> UUID:
    added = app.add_person(ISSUER, subject, f"{subject}@helse.no", subject.title(), by)
    app.grant_roles(added, roles, by)
    return added


def test_a_person_added_before_communities_existed_reaches_every_community(
    app: Planlogg, database_url: str, by: Provenance
) -> None:
    """No `CommunitiesAssigned` among the events: an empty scope, which means every one."""
    added = person(app, "kari", by, Role.EDITOR)
    reopened = Planlogg.from_url(database_url)
    try:
        found = reopened.get_person(added)
        assert [type(e).__name__ for e in reopened.events.get(added)] == [
            "PersonAdded",
            "RoleGranted",
        ]
        assert found.communities == ()
    finally:
        reopened.close()


def test_communities_are_a_set_and_unchanged_communities_record_nothing(by: Provenance) -> None:
    found = kari(by)
    assert found.assign_communities([" vestre-viken ", "st-olavs", "", "st-olavs"], by) is True
    assert found.communities == ("st-olavs", "vestre-viken")
    assert found.assign_communities(["vestre-viken", "st-olavs"], by) is False
    assert found.assign_communities([], by) is True
    assert found.communities == ()
    names = [type(e).__name__ for e in found.collect_events()]
    assert names == ["PersonAdded", "CommunitiesAssigned", "CommunitiesAssigned"]


def test_the_communities_survive_a_restart_with_who_set_them(
    communities: Planlogg, database_url: str, by: Provenance
) -> None:
    added = person(communities, "kari", by, Role.EDITOR)
    assert communities.assign_communities(added, [OTHER, OWN], ADMIN) is True
    reopened = Planlogg.from_url(database_url)
    try:
        assert reopened.get_person(added).communities == (OWN, OTHER)
        last = list(reopened.events.get(added))[-1]
        assert (type(last).__name__, last.communities, last.by) == (
            "CommunitiesAssigned", [OWN, OTHER], ADMIN,
        )  # fmt: skip
    finally:
        reopened.close()


def test_an_unknown_community_is_refused_and_nothing_is_stored(
    communities: Planlogg, by: Provenance
) -> None:
    added = person(communities, "kari", by, Role.EDITOR)
    with pytest.raises(NotFoundError) as refused:
        communities.assign_communities(added, [OWN, "st-olav"], ADMIN)
    assert refused.value.message == 'Fant ikke helsefellesskapet "st-olav".'
    assert communities.get_person(added).communities == ()


def test_a_scoped_administrator_cannot_give_roles_in_every_community(
    communities: Planlogg, by: Provenance
) -> None:
    added = person(communities, "kari", by)
    with pytest.raises(ValidationError) as refused:
        communities.change_access(added, [Role.EDITOR], [], ADMIN, administrator_scope=[OWN])
    assert refused.value.message == (
        "Du kan bare gi roller i st-olavs. Velg helsefellesskap for Kari."
    )
    assert communities.get_person(added).roles == []


def test_a_scoped_administrator_gives_roles_within_their_own_communities(
    communities: Planlogg, by: Provenance
) -> None:
    added = person(communities, "kari", by)
    assert communities.change_access(
        added, [Role.EDITOR], [], ADMIN, communities=[OWN], administrator_scope=[OWN]
    )
    found = communities.get_person(added)
    assert (found.roles, found.communities) == (["editor"], (OWN,))
    with pytest.raises(ValidationError) as refused:
        communities.change_access(
            added, [Role.EDITOR], [], ADMIN, communities=[OWN, OTHER], administrator_scope=[OWN]
        )
    assert refused.value.message == (
        "Du har ikke tilgang til helsefellesskapet vestre-viken og kan ikke endre roller der "
        "for Kari. Be en administrator med tilgang dit."
    )
    assert communities.get_person(added).communities == (OWN,)


def test_a_scoped_administrator_cannot_change_someone_with_roles_in_every_community(
    communities: Planlogg, by: Provenance
) -> None:
    """Narrowing such a person would take away their access elsewhere."""
    added = person(communities, "kari", by, Role.EDITOR)
    with pytest.raises(ValidationError) as refused:
        communities.change_access(
            added, [Role.EDITOR], [], ADMIN, communities=[OWN], administrator_scope=[OWN]
        )
    assert refused.value.message == (
        "Kari har roller i alle helsefellesskap. "
        "Bare en administrator for alle helsefellesskap kan endre dem."
    )
    assert communities.get_person(added).communities == ()


def test_the_last_administrator_for_every_community_is_kept(
    communities: Planlogg, by: Provenance
) -> None:
    ada = person(communities, "ada", by, Role.ADMINISTRATOR)
    scoped = person(communities, "siv", by, Role.ADMINISTRATOR)
    communities.assign_communities(scoped, [OWN], by)
    last = (
        "Planlogg må ha minst én administrator for alle helsefellesskap, og Ada er den siste. "
        "Gi rollen til en annen først."
    )
    with pytest.raises(ValidationError) as revoked:
        communities.revoke_roles(ada, [Role.ADMINISTRATOR], by)
    assert revoked.value.message == last
    with pytest.raises(ValidationError) as narrowed:
        communities.assign_communities(ada, [OWN], by)
    assert narrowed.value.message == last
    assert communities.get_person(ada).role_set == {Role.ADMINISTRATOR}
    assert communities.get_person(ada).communities == ()
    assert communities.revoke_roles(scoped, [Role.ADMINISTRATOR], by) == [Role.ADMINISTRATOR]


def test_two_administrators_revoking_each_other_at_once_leave_one(
    communities: Planlogg, database_url: str, by: Provenance, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ada takes Bo's role while Bo, on another server, takes Ada's: each sees the other as
    the administrator who remains. The second save must lose, and, run again, be refused."""
    ada = person(communities, "ada", by, Role.ADMINISTRATOR)
    bo = person(communities, "bo", by, Role.ADMINISTRATOR)
    other_server = Planlogg.from_url(database_url)
    save = communities.save
    saves: list[int] = []

    def save_after_bo_took_adas_role(*aggregates: object, **kwargs: object) -> object:
        saves.append(1)
        if len(saves) == 1:
            assert other_server.revoke_roles(ada, [Role.ADMINISTRATOR], ADMIN) == [
                Role.ADMINISTRATOR
            ]
        return save(*aggregates, **kwargs)

    monkeypatch.setattr(communities, "save", save_after_bo_took_adas_role)
    try:
        with pytest.raises(ValidationError, match="Bo er den siste"):
            communities.revoke_roles(bo, [Role.ADMINISTRATOR], by)
        assert len(saves) == 1
        still = [p.display_name for p in other_server.people() if Role.ADMINISTRATOR in p.role_set]
        assert still == ["Bo"]
    finally:
        other_server.close()

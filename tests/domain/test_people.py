"""People, their roles and bodies: rules in memory, the application on SQLite and PostgreSQL."""

from __future__ import annotations

from copy import deepcopy
from datetime import UTC, datetime
from uuid import UUID

import pytest

from domain.application import Planlogg
from domain.errors import ConcurrentEditError, NotFoundError, ValidationError
from domain.people import PeopleIndex, Person, Role, parse_role, person_id
from domain.provenance import Provenance, Source

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
ADMIN = Provenance("Ada Admin (ada@helse.no)", Source.WEB, reason="ny i sekretariatet")


def kari(by: Provenance) -> Person:
    return Person.add(ISSUER + "/", " sub-kari ", "kari@helse.no", "Kari Nordmann", by)


def test_a_person_is_keyed_by_issuer_and_subject_never_by_email(by: Provenance) -> None:
    person = kari(by)
    assert (person.issuer, person.subject) == (ISSUER, "sub-kari")
    assert person.id == person_id(ISSUER, "sub-kari") == person_id(ISSUER + "/", "sub-kari")
    assert person.id != person_id(ISSUER, "sub-ola")
    assert person.id != person_id("https://auth.dataporten.no", "sub-kari")
    assert person.change_details("kari.ny@helse.no", "Kari Nordmann", by) is True
    assert person.id == person_id(ISSUER, "sub-kari")


def test_issuer_and_subject_cannot_be_blank(by: Provenance) -> None:
    with pytest.raises(ValidationError, match="subject"):
        Person.add(ISSUER, "  ", "kari@helse.no", "Kari", by)
    with pytest.raises(ValidationError, match="issuer"):
        Person.add(" / ", "sub", "kari@helse.no", "Kari", by)


def test_roles_are_granted_and_revoked_one_event_each(by: Provenance) -> None:
    person = kari(by)
    assert person.grant([Role.REPORTER, Role.EDITOR], by) == [Role.EDITOR, Role.REPORTER]
    assert person.grant([Role.EDITOR], by) == []
    assert person.revoke([Role.EDITOR, Role.AUDITOR], by) == [Role.EDITOR]
    assert person.roles == ["reporter"]
    names = [type(e).__name__ for e in person.collect_events()]
    assert names == ["PersonAdded", "RoleGranted", "RoleGranted", "RoleRevoked"]


def test_reporting_bodies_are_a_set_and_unchanged_bodies_record_nothing(by: Provenance) -> None:
    person = kari(by)
    assert person.assign_bodies([" FSU ", "ASU", "", "FSU"], by) is True
    assert person.bodies == ["ASU", "FSU"]
    assert person.assign_bodies(["FSU", "ASU"], by) is False
    assert person.change_details("kari@helse.no", "Kari Nordmann", by) is False
    names = [type(e).__name__ for e in person.collect_events()]
    assert names == ["PersonAdded", "ReportingBodiesAssigned"]


@pytest.mark.parametrize(
    ("email", "name", "message"),
    [
        ("e" * 250 + "@x.no", "Kari",
         "E-postadressen har for mange tegn: 255, men høyst 254 er lov."),
        ("kari@helse.no", "K" * 301, "Navnet har for mange tegn: 301, men høyst 300 er lov."),
        ("kari@helse.no", "Kari\nNordmann", "Navnet inneholder et linjeskift eller en tabulator "
         "som ikke kan lagres: U+000A (kontrolltegn). Fjern det og prøv igjen."),
        ("kari\x07@helse.no", "Kari", "E-postadressen inneholder et tegn som ikke kan lagres: "
         "U+0007 (kontrolltegn). Fjern det og prøv igjen."),
    ],
)  # fmt: skip
def test_a_name_or_address_that_cannot_name_an_actor_is_refused(
    by: Provenance, email: str, name: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        Person.add(ISSUER, "sub-kari", email, name, by)
    assert refused.value.message == message
    person = kari(by)
    with pytest.raises(ValidationError) as refused:
        person.change_details(email, name, by)
    assert refused.value.message == message
    assert [type(e).__name__ for e in person.collect_events()] == ["PersonAdded"]


def test_a_change_made_on_an_older_version_of_the_person_is_refused(by: Provenance) -> None:
    person = kari(by)
    person.grant([Role.EDITOR], by)
    person.check_version(2)
    person.check_version(None)
    with pytest.raises(ConcurrentEditError) as refused:
        person.check_version(1)
    assert refused.value.message == (
        "Kari Nordmann er endret av noen andre siden du hentet personen (versjon 1, nå 2). "
        "Hent personen på nytt og prøv igjen."
    )


def test_a_stale_change_of_access_stores_nothing(app: Planlogg, by: Provenance) -> None:
    person = app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari", by)
    app.grant_roles(person, [Role.EDITOR], by)
    app.revoke_roles(person, [Role.EDITOR], ADMIN)
    with pytest.raises(ConcurrentEditError, match=r"versjon 2, nå 3"):
        app.change_access(person, [Role.EDITOR], ["ASU"], by, expected_version=2)
    assert (app.get_person(person).roles, app.get_person(person).bodies) == ([], [])
    assert app.change_access(person, [Role.EDITOR], ["ASU"], by, expected_version=3) is True
    assert app.get_person(person).roles == ["editor"]


def test_what_the_identity_provider_says_is_cleaned_not_refused(
    app: Planlogg, by: Provenance
) -> None:
    found = app.record_sign_in(ISSUER, "sub-kari", "kari@helse.no\n", "Kari\n\tNordmann", by)
    assert (found.email, found.name) == ("kari@helse.no", "Kari Nordmann")
    again = app.record_sign_in(ISSUER, "sub-kari", "k" * 300 + "@x.no", "K" * 400, by)
    assert (again.email, len(again.name)) == ("", 300)


@pytest.mark.parametrize(
    ("text", "role"),
    [("redaktør", Role.EDITOR), ("Godkjenner", Role.APPROVER), ("godkjennar", Role.APPROVER),
     ("revisor", Role.AUDITOR), ("rapportør", Role.REPORTER), ("admin", Role.ADMINISTRATOR),
     ("editor", Role.EDITOR)],
)  # fmt: skip
def test_roles_are_read_in_english_and_norwegian(text: str, role: Role) -> None:
    assert parse_role(text) is role


def test_an_unknown_role_is_refused_in_norwegian() -> None:
    with pytest.raises(ValidationError, match='Ukjent rolle "sjef"'):
        parse_role("sjef")


def test_people_roles_and_bodies_survive_a_restart_with_who_changed_them(
    app: Planlogg, database_url: str, by: Provenance
) -> None:
    first = app.record_sign_in(ISSUER, "sub-kari", "kari@helse.no", "Kari Nordmann", by)
    ada = app.add_person(ISSUER, "sub-ada", "ada@helse.no", "Ada Admin", by)
    assert app.grant_roles(first.id, ["rapportør", Role.AUDITOR], ADMIN) == [
        Role.AUDITOR,
        Role.REPORTER,
    ]
    assert app.assign_reporting_bodies(first.id, ["FSU psykisk helse"], ADMIN) is True
    assert app.revoke_roles(first.id, [Role.AUDITOR], ADMIN) == [Role.AUDITOR]

    reopened = Planlogg.from_url(database_url)
    try:
        person = reopened.find_person("KARI@helse.no")
        assert (person.id, person.roles, person.bodies) == (
            first.id, ["reporter"], ["FSU psykisk helse"],
        )  # fmt: skip
        assert [p.id for p in reopened.people()] == [first.id, ada]
        events = list(reopened.events.get(first.id))
        assert [(type(e).__name__, e.by) for e in events] == [
            ("PersonAdded", by),
            ("RoleGranted", ADMIN),
            ("RoleGranted", ADMIN),
            ("ReportingBodiesAssigned", ADMIN),
            ("RoleRevoked", ADMIN),
        ]
    finally:
        reopened.close()


def test_signing_in_again_updates_the_details_and_never_adds_twice(
    app: Planlogg, by: Provenance
) -> None:
    first = app.record_sign_in(ISSUER, "sub-kari", "kari@helse.no", "Kari", by)
    again = app.record_sign_in(ISSUER, "sub-kari", "kari@helse.no", "Kari Nordmann", by)
    same = app.record_sign_in(ISSUER, "sub-kari", "kari@helse.no", "Kari Nordmann", by)
    assert first.id == again.id == same.id
    assert app.get_person(first.id).name == "Kari Nordmann"
    assert [type(e).__name__ for e in app.events.get(first.id)] == [
        "PersonAdded",
        "PersonDetailsChanged",
    ]
    assert [p.id for p in app.people()] == [first.id]
    with pytest.raises(ValidationError, match="finnes allerede"):
        app.add_person(ISSUER, "sub-kari", "", "", by)


def test_a_person_is_found_by_email_subject_or_id_and_an_ambiguous_email_is_refused(
    app: Planlogg, by: Provenance
) -> None:
    kari_id = app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari", by)
    other = app.add_person("https://auth.dataporten.no", "feide-kari", "kari@helse.no", "K", by)
    assert app.find_person("sub-kari").id == kari_id
    assert app.find_person(str(other)).id == other
    with pytest.raises(ValidationError, match="Flere personer"):
        app.find_person("kari@helse.no")
    with pytest.raises(NotFoundError, match=r"ola@helse\.no"):
        app.find_person("ola@helse.no")


def test_a_concurrent_role_change_reruns_the_grant_on_the_fresh_person(
    app: Planlogg, database_url: str, by: Provenance, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari", by)
    other_writer = Planlogg.from_url(database_url)
    load = app.get_person
    loaded: list[int] = []

    def load_while_another_admin_grants(found: UUID) -> Person:
        loaded.append(1)
        fresh = load(found)
        if len(loaded) == 1:
            other_writer.grant_roles(found, [Role.EDITOR], ADMIN)
        return fresh

    monkeypatch.setattr(app, "get_person", load_while_another_admin_grants)
    try:
        assert app.grant_roles(person, [Role.AUDITOR], by) == [Role.AUDITOR]
        assert len(loaded) == 2
        assert load(person).roles == ["auditor", "editor"]
    finally:
        other_writer.close()


def test_nobody_is_listed_before_anyone_is_added(memory_app: Planlogg) -> None:
    assert memory_app.people() == []
    with pytest.raises(NotFoundError, match="Fant ikke personen"):
        memory_app.get_person(person_id(ISSUER, "sub-kari"))


SIGNED_OUT = datetime(2030, 3, 17, 14, 33, 20, 123457, tzinfo=UTC)
KARI_ON_THE_WEB = Provenance("Kari Nordmann (kari@helse.no)", Source.WEB)


def test_signing_out_is_recorded_as_a_fact_with_who_when_and_from_where(by: Provenance) -> None:
    person = kari(by)
    assert person.signed_out_at is None
    person.sign_out(SIGNED_OUT, KARI_ON_THE_WEB)
    assert person.signed_out_at == SIGNED_OUT
    events = person.collect_events()
    assert [type(e).__name__ for e in events] == ["PersonAdded", "SignedOut"]
    assert (events[1].at, events[1].by) == (SIGNED_OUT, KARI_ON_THE_WEB)


def test_a_sign_out_stamped_earlier_never_reopens_the_sessions_a_later_one_ended(
    by: Provenance,
) -> None:
    """Two servers' clocks may differ: a sign-out recorded after another, but by a clock
    behind, must not make the sessions the first one ended valid again."""
    person = kari(by)
    person.sign_out(SIGNED_OUT, KARI_ON_THE_WEB)
    person.sign_out(datetime(2030, 3, 17, 14, 33, 19, tzinfo=UTC), KARI_ON_THE_WEB)
    assert person.signed_out_at == SIGNED_OUT
    assert [type(e).__name__ for e in person.collect_events()][1:] == ["SignedOut", "SignedOut"]


def test_a_sign_out_is_stored_to_the_microsecond_and_seen_by_another_server_at_once(
    app: Planlogg, database_url: str, by: Provenance
) -> None:
    person = app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari Nordmann", by)
    other_server = Planlogg.from_url(database_url)
    try:
        assert other_server.get_person(person).signed_out_at is None, "now in its cache"
        app.record_sign_out(person, SIGNED_OUT, KARI_ON_THE_WEB)
        assert other_server.get_person(person).signed_out_at == SIGNED_OUT
        [signed_out] = list(other_server.events.get(person, gt=1))
        assert (type(signed_out).__name__, signed_out.at, signed_out.by) == (
            "SignedOut", SIGNED_OUT, KARI_ON_THE_WEB,
        )  # fmt: skip
    finally:
        other_server.close()


def test_signing_out_is_no_change_to_what_an_administrators_form_sets(
    app: Planlogg, by: Provenance
) -> None:
    """The person's page an administrator has open shows version 1; the person signs out
    meanwhile (version 2). Saving roles and bodies is no concurrent edit of anything the
    sign-out changed; a role granted meanwhile still is."""
    person = app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari", by)
    app.record_sign_out(person, SIGNED_OUT, KARI_ON_THE_WEB)
    assert app.change_access(person, [Role.EDITOR], ["ASU"], ADMIN, expected_version=1) is True
    assert app.get_person(person).roles == ["editor"]
    seen = app.get_person(person).version
    app.grant_roles(person, [Role.AUDITOR], ADMIN)
    app.record_sign_out(person, SIGNED_OUT, KARI_ON_THE_WEB)
    with pytest.raises(ConcurrentEditError, match=rf"versjon {seen}, nå {seen + 2}"):
        app.change_access(person, [Role.REPORTER], [], ADMIN, expected_version=seen)
    assert app.get_person(person).roles == ["auditor", "editor"]


def test_a_copy_of_the_people_index_is_changed_apart_and_shares_the_ids(by: Provenance) -> None:
    """The aggregate cache hands out a copy on every load: a command changes the copy only,
    and the IDs (immutable) are shared rather than rebuilt one by one for each person."""
    index = PeopleIndex(by=by)
    first, second = person_id("https://idp.example", "a"), person_id("https://idp.example", "b")
    index.include(first, by)
    stored = index.collect_events()

    copy = deepcopy(index)
    copy.include(second, by)

    assert index.person_ids == [first] and copy.person_ids == [first, second]
    assert copy.person_ids[0] is index.person_ids[0]
    assert (len(stored), index.collect_events(), len(copy.collect_events())) == (2, [], 1)

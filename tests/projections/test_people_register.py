"""The people register: each person as their own events leave them, in the order they were
added, read as one query (`ReadModels.people`). Run on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from eventsourcing.domain import CanMutateAggregate

from domain.application import Planlogg
from domain.people import Person, Role
from projections import ListedPerson, ReadModels
from projections.handlers import PERSON_CHANGES
from tests.projections import plans
from tests.projections.plans import COMMUNITY, SECRETARIAT

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"


def _people(app: Planlogg) -> tuple[UUID, UUID, UUID]:
    """Three people with a history of every kind of change to a person."""
    plans.community(app)
    ola = app.add_person(ISSUER, "sub-ola", "ola@helse.no", "Ola", SECRETARIAT)
    ada = app.add_person(ISSUER, "sub-ada", "ada@helse.no", "Ada Admin", SECRETARIAT)
    kari = app.add_person(ISSUER, "sub-kari", "", "", SECRETARIAT)
    app.grant_roles(ada, [Role.ADMINISTRATOR], SECRETARIAT)
    app.grant_roles(kari, [Role.REPORTER, Role.EDITOR], SECRETARIAT, communities=[COMMUNITY])
    app.assign_reporting_bodies(kari, ["PSU", "ASU"], SECRETARIAT)
    app.revoke_roles(kari, [Role.EDITOR], SECRETARIAT)
    app.record_sign_in(ISSUER, "sub-kari", "kari@helse.no", "Kari Nordmann", SECRETARIAT)
    app.choose_person_language(kari, "nn", SECRETARIAT)
    app.record_sign_out(ola, datetime(2025, 3, 1, 12, tzinfo=UTC), SECRETARIAT)
    return ola, ada, kari


def test_each_person_is_listed_as_their_events_leave_them_in_the_order_added(
    app: Planlogg, models: ReadModels
) -> None:
    ola, ada, kari = _people(app)
    models.catch_up()
    assert models.people() == [
        ListedPerson(
            str(ola), ISSUER, "sub-ola", "ola@helse.no", "Ola", (), (), (), "", version=2
        ),
        ListedPerson(
            str(ada), ISSUER, "sub-ada", "ada@helse.no", "Ada Admin", ("administrator",),
            (), (), "", version=2,
        ),
        ListedPerson(
            str(kari), ISSUER, "sub-kari", "kari@helse.no", "Kari Nordmann", ("reporter",),
            ("ASU", "PSU"), (COMMUNITY,), "nn", version=8,
        ),
    ]  # fmt: skip


def test_the_register_says_what_each_person_loaded_says(app: Planlogg, models: ReadModels) -> None:
    """Whatever the register lists is what the person's own events give: the administrators'
    form is saved against the version listed."""
    _people(app)
    models.catch_up()
    loaded = [
        (str(p.id), p.display_name, p.role_set, tuple(p.bodies), p.communities, p.version)
        for p in app.people()
    ]
    listed = [
        (p.id, p.display_name, p.role_set, p.bodies, p.communities, p.version)
        for p in models.people()
    ]
    assert listed == loaded


def test_a_rebuilt_register_equals_the_one_kept_up(app: Planlogg, models: ReadModels) -> None:
    _people(app)
    models.catch_up()
    kept_up = models.people()
    assert models.rebuild(workers=0) == app.recorder.max_notification_id()
    assert models.people() == kept_up


def test_a_person_without_a_name_is_listed_by_their_address_or_subject(
    memory_app: Planlogg, memory_models: ReadModels
) -> None:
    memory_app.add_person(ISSUER, "sub-1", "en@helse.no", "", SECRETARIAT)
    memory_app.add_person(ISSUER, "sub-2", "", "", SECRETARIAT)
    memory_models.catch_up()
    assert [p.display_name for p in memory_models.people()] == ["en@helse.no", "sub-2"]


def test_no_one_added_lists_no_one(memory_models: ReadModels) -> None:
    assert memory_models.people() == []


def test_every_event_of_a_person_moves_their_row() -> None:
    """A person's event the register passed by would leave the version listed behind the
    person's, and an administrator's change made against it refused."""
    recorded = {
        name
        for name, kind in vars(Person).items()
        if isinstance(kind, type) and issubclass(kind, CanMutateAggregate)
    } - {"Event", "Created"}
    assert recorded == {"PersonAdded", *PERSON_CHANGES}


def test_a_person_added_and_not_changed_since_is_listed_at_version_one(
    memory_app: Planlogg, memory_models: ReadModels
) -> None:
    """`person grant --expected-version 1` for someone added who has not signed in yet."""
    added = memory_app.add_person(ISSUER, "sub-ny", "ny@helse.no", "Ny", SECRETARIAT)
    memory_models.catch_up()
    assert [(p.id, p.version) for p in memory_models.people()] == [(str(added), 1)]


def test_a_role_granted_later_is_listed_in_the_order_the_person_holds_their_roles(
    memory_app: Planlogg, memory_models: ReadModels
) -> None:
    kari = memory_app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari", SECRETARIAT)
    memory_app.grant_roles(kari, [Role.REPORTER], SECRETARIAT)
    memory_app.grant_roles(kari, [Role.AUDITOR], SECRETARIAT)
    memory_models.catch_up()
    assert [p.roles for p in memory_models.people()] == [("auditor", "reporter")]
    assert memory_app.get_person(kari).roles == ["auditor", "reporter"]


def test_communities_and_målform_cleared_are_cleared_in_the_register(
    memory_app: Planlogg, memory_models: ReadModels
) -> None:
    """No community ticked: every community; no målform: the community's."""
    plans.community(memory_app)
    kari = memory_app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari", SECRETARIAT)
    memory_app.grant_roles(kari, [Role.EDITOR], SECRETARIAT, communities=[COMMUNITY])
    memory_app.choose_person_language(kari, "nn", SECRETARIAT)
    memory_models.catch_up()
    memory_app.assign_communities(kari, [], SECRETARIAT)
    memory_app.choose_person_language(kari, None, SECRETARIAT)
    memory_models.catch_up()
    [listed] = memory_models.people()
    assert (listed.roles, listed.communities, listed.language, listed.version) == (
        ("editor",), (), "", 6,
    )  # fmt: skip


def test_people_keep_the_order_added_past_the_ninth_event_and_when_changed_later(
    app: Planlogg, models: ReadModels
) -> None:
    """Ordered by the position of each one's `PersonAdded` as a number (10 after 9), and the
    first, whose details change after the others were listed, stays first."""
    names = [f"Person {n}" for n in range(6)]
    for n, name in enumerate(names):
        app.add_person(ISSUER, f"sub-{n}", "", name, SECRETARIAT)
    models.catch_up()
    app.record_sign_in(ISSUER, "sub-0", "p0@helse.no", "Person 0", SECRETARIAT)
    models.catch_up()
    assert app.recorder.max_notification_id() == 14
    assert [p.name for p in models.people()] == names

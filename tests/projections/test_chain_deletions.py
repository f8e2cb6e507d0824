"""An intruder who deletes an event deletes its link in the chain too: the verification names
the position of the event that is gone and says so, rather than blaming the next link. A link
deleted alone (the event still there) is named as such, not as an event inserted. On SQLite
and PostgreSQL."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from projections import ReadModels
from projections.chain import verify
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT
from tests.projections.tamper import EventTable
from tests.projections.test_chain import _chain, _records


@pytest.fixture
def chained(app: Planlogg, models: ReadModels) -> ReadModels:
    plans.draft(app)
    for n in range(3):
        app.reword_measure(KEY, "1.1.1", f"Kartlegge behov, runde {n}", SECRETARIAT)
    models.catch_up()
    assert models.verify_chain().ok
    return models


def remove_with_link(database_url: str, position: int) -> None:
    table = EventTable(database_url)
    table.remove(position)
    table.execute(f"DELETE FROM {table.views}rm_chain WHERE position = ?", (position,))


def test_an_event_deleted_with_its_link_is_named_at_its_position(
    database_url: str, chained: ReadModels
) -> None:
    position = chained.chain_head().position - 1
    remove_with_link(database_url, position)
    report = chained.verify_chain()
    assert (report.ok, report.first_bad_position, report.checked) == (False, position, position - 1)
    assert report.reason == "hendelsen mangler, og lenken dens er slettet også"


def test_events_deleted_with_their_links_are_named_from_the_first(
    database_url: str, chained: ReadModels
) -> None:
    head = chained.chain_head().position
    for position in (head - 2, head - 1):
        remove_with_link(database_url, position)
    report = chained.verify_chain()
    assert (report.ok, report.first_bad_position) == (False, head - 2)
    assert report.reason == (
        f"en eller flere hendelser fra posisjon {head - 2} til {head - 1} mangler, og lenkene "
        "deres er slettet også"
    )


def test_the_newest_event_deleted_with_its_link_is_named_at_its_position(
    database_url: str, chained: ReadModels
) -> None:
    """The stored head still names it: the chain stops short of its own head."""
    head = chained.chain_head().position
    remove_with_link(database_url, head)
    report = chained.verify_chain()
    assert (report.ok, report.first_bad_position) == (False, head)
    assert report.reason == "hendelsen mangler, og lenken dens er slettet også"


def test_a_link_changed_in_place_is_still_named_as_such(
    database_url: str, chained: ReadModels
) -> None:
    position = chained.chain_head().position - 1
    table = EventTable(database_url)
    table.execute(
        f"UPDATE {table.views}rm_chain SET link_hash = ? WHERE position = ?", ("0" * 64, position)
    )
    report = chained.verify_chain()
    assert (report.ok, report.first_bad_position) == (False, position)
    assert report.reason == "lenken i kjeden er endret"


def test_a_link_deleted_from_the_chain_is_not_called_an_inserted_event() -> None:
    """The event is there and unchanged; what is gone is its link (a table "cleaned" by
    hand). The next link still follows from the deleted one, not from the one before it."""
    records = _records(5)
    links, head = _chain(records)
    report = verify(records, [link for link in links if link.position != 3], head)
    assert (report.ok, report.first_bad_position) == (False, 3)
    assert report.reason == "lenken til hendelsen er slettet fra kjeden"


def test_the_newest_link_deleted_from_the_chain_is_named_so() -> None:
    records = _records(5)
    links, head = _chain(records)
    report = verify(records, links[:-1], head)
    assert (report.ok, report.first_bad_position) == (False, 5)
    assert report.reason == "lenken til hendelsen er slettet fra kjeden"


def test_an_event_forged_into_a_gap_is_still_named_inserted() -> None:
    """PostgreSQL skips a position now and then: the chain was linked without it, and an
    event forged into it later is one the chain never saw."""
    records = _records(5)
    links, head = _chain([r for r in records if r.position != 3])
    report = verify(records, links, head)
    assert (report.ok, report.first_bad_position) == (False, 3)
    assert report.reason == "hendelsen er ikke i kjeden (satt inn)"

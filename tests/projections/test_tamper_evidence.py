"""Tampering with stored events directly in the database is detected, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from domain.application import Planlogg
from projections import ChainBrokenError, ReadModels
from projections.rows import SCHEMA_VERSION
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT
from tests.projections.tamper import EventTable


@pytest.fixture
def chained(app: Planlogg, models: ReadModels) -> ReadModels:
    plans.draft(app)
    app.reword_measure(KEY, "1.2.1", "Felles rutine for trygg utskriving", SECRETARIAT)
    models.catch_up()
    assert models.verify_chain().ok
    return models


def _reworded_position(models: ReadModels) -> int:
    return models.measure_timeline(KEY, "1.2.1")[-1].position


MOVED = (
    "en annen hendelse ligger på denne posisjonen enn den som ble lenket "
    "(hendelser er flyttet, byttet om eller satt inn)"
)
REASONS = {
    "altered": "innholdet i hendelsen er endret etter at den ble lagret",
    "removed": "hendelsen mangler (slettet)",
    "inserted": MOVED,
    "reordered": MOVED,
}
TAMPERINGS: dict[str, Callable[[EventTable, int], None]] = {
    "altered": lambda t, p: t.alter(p, b"trygg utskriving", b"utskriving utan tilsyn"),
    "removed": lambda t, p: t.remove(p),
    "inserted": lambda t, p: t.insert(p),
    "reordered": lambda t, p: t.swap(p - 1, p),
}


@pytest.mark.parametrize("tampering", list(TAMPERINGS))
def test_a_tampered_event_is_found_at_its_position(
    database_url: str, chained: ReadModels, tampering: str
) -> None:
    position = _reworded_position(chained)
    expected = position - 1 if tampering == "reordered" else position
    TAMPERINGS[tampering](EventTable(database_url), position)
    report = chained.verify_chain()
    assert not report.ok
    assert report.first_bad_position == expected
    assert report.checked == expected - 1
    assert report.reason == REASONS[tampering]


def test_an_event_removed_from_the_end_is_found(database_url: str, chained: ReadModels) -> None:
    head = chained.chain_head()
    EventTable(database_url).remove(head.position)
    report = chained.verify_chain()
    assert (report.ok, report.first_bad_position) == (False, head.position)


def test_new_events_after_the_head_are_not_yet_chained_but_not_wrong(
    app: Planlogg, chained: ReadModels
) -> None:
    app.reword_measure(KEY, "1.1.1", "Kartlegge behov no", SECRETARIAT)
    report = chained.verify_chain()
    assert report.ok and report.unchained == 1


def test_a_rebuild_cannot_launder_a_tampered_event(database_url: str, chained: ReadModels) -> None:
    position = _reworded_position(chained)
    EventTable(database_url).alter(position, b"trygg utskriving", b"utskriving utan tilsyn")
    with pytest.raises(ChainBrokenError) as broken:
        chained.rebuild()
    assert broken.value.position == position


@pytest.fixture
def reworded_then_more(app: Planlogg, chained: ReadModels) -> int:
    """The reworded event's position, with an event after it (it is not the newest)."""
    app.reword_measure(KEY, "1.1.1", "Kartlegge behov no", SECRETARIAT)
    chained.catch_up()
    return _reworded_position(chained)


@pytest.mark.parametrize("which", ["an event in the middle", "the newest event"])
def test_a_rebuild_cannot_launder_a_deleted_event(
    database_url: str, chained: ReadModels, reworded_then_more: int, which: str
) -> None:
    """Every event linked must still be there: a rebuild without it would show the plan as if
    the change had never been made, and say nothing."""
    newest = chained.chain_head().position
    position = reworded_then_more if which == "an event in the middle" else newest
    EventTable(database_url).remove(position)
    with pytest.raises(ChainBrokenError) as broken:
        chained.rebuild()
    assert (broken.value.position, broken.value.reason) == (
        position,
        "hendelsen mangler (slettet)",
    )
    current = chained.current_plan(KEY)
    assert current is not None
    assert current.measure("1.2.1").text == "Felles rutine for trygg utskriving"  # type: ignore[union-attr]
    assert current.measure("1.1.1").text == "Kartlegge behov no"  # type: ignore[union-attr]


@pytest.mark.parametrize("workers", [None, 0])
def test_a_new_version_is_not_built_without_an_event_deleted_after_it_was_linked(
    app: Planlogg, database_url: str, reworded_then_more: int, workers: int | None
) -> None:
    """Built in committed batches (SQLite, a small store) or first replayed in one transaction
    (PostgreSQL, `workers` given), the new version stops at the deleted event, not ready."""
    EventTable(database_url).remove(reworded_then_more)
    new = ReadModels.open(app, SCHEMA_VERSION + 1)
    with pytest.raises(ChainBrokenError) as broken:
        new.build(workers=workers)
    assert (broken.value.position, broken.value.reason) == (
        reworded_then_more,
        "hendelsen mangler (slettet)",
    )
    assert not new.ready()
    assert new.position() < reworded_then_more


def test_a_chain_rewritten_whole_is_caught_by_the_published_head(
    database_url: str, chained: ReadModels
) -> None:
    published = chained.chain_head()
    position = _reworded_position(chained)
    table = EventTable(database_url)
    table.alter(position, b"trygg utskriving", b"utskriving utan tilsyn")
    table.rewrite_chain()
    chained.rebuild()
    assert chained.verify_chain().ok  # the database alone now agrees with itself
    report = chained.verify_chain(published.hash, published.position)
    assert not report.ok
    assert report.first_bad_position == published.position
    assert "publiserte" in report.reason
    assert chained.verify_chain(chained.chain_head().hash).ok

"""The chain at its edges (`projections.chain`, and the rebuild's checks in `projections.store`):
a link removed at the chain's head is not relinked, the newest link changed in place is named
as such, and an event deleted at the first position of a rebuild batch breaks the rebuild."""

from __future__ import annotations

import dataclasses

import pytest

import projections.read_models
from domain.application import Planlogg
from projections import ChainBrokenError, ReadModels
from projections.chain import chain_record, verify
from projections.rows import MemoryRows
from projections.store import first_unstored
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT
from tests.projections.tamper import EventTable
from tests.projections.test_chain import _chain, _records


def test_an_event_at_the_heads_position_whose_link_is_gone_is_not_linked_again() -> None:
    """The head still names position 3: its link deleted, the event must not be relinked."""
    rows = MemoryRows()
    records = _records(3)
    for record in records:
        chain_record(rows, record, "2025-01-01T00:00:00.000000+00:00")
    del rows.tables["chain"][(3,)]
    with pytest.raises(ChainBrokenError) as broken:
        chain_record(rows, records[2], "2025-01-02T00:00:00.000000+00:00")
    assert (broken.value.position, broken.value.reason) == (
        3,
        "hendelsen ligger innenfor kjeden, men er ikke lenket (satt inn)",
    )


def test_the_newest_link_changed_in_place_is_named_as_such() -> None:
    records = _records(5)
    links, head = _chain(records)
    links[-1] = dataclasses.replace(links[-1], link_hash="0" * 64)
    report = verify(records, links, head)
    assert (report.ok, report.first_bad_position, report.checked) == (False, 5, 4)
    assert report.reason == "lenken i kjeden er endret"


def test_the_first_of_several_linked_positions_without_an_event_is_named() -> None:
    assert first_unstored([1, 2, 3, 4, 5], [1, 3, 5]) == 2


def test_an_event_deleted_first_in_a_rebuild_batch_breaks_the_rebuild(
    app: Planlogg, models: ReadModels, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans.draft(app)
    for n in range(3):
        app.reword_measure(KEY, "1.1.1", f"Kartlegge behov, runde {n}", SECRETARIAT)
    models.catch_up()
    position = models.chain_head().position - 1
    EventTable(database_url).remove(position)
    monkeypatch.setattr(projections.read_models, "REBUILD_BATCH", position - 1)
    with pytest.raises(ChainBrokenError) as broken:
        models.rebuild(workers=0)
    assert (broken.value.position, broken.value.reason) == (position, "hendelsen mangler (slettet)")

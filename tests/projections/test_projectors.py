"""A rebuild's projection in worker processes: the same tables, the same errors, as in one.

The store has two plans whose events interleave (the national generator's smallest
size), decisions of their own aggregates (one corrected), communities with bodies,
and what the sheet sync refused (a sheet link's event that reads its plan's measures).
Small batches make a rebuild hand the workers many batches, more than are kept in
flight. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import gc
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent

import projections.read_models
from bench.national_build import TINY, build_nation
from domain.application import Planlogg
from domain.plan import plan_id
from domain.provenance import Provenance, Source
from projections import ChainBrokenError, ReadModels
from projections.handlers import owner
from projections.projectors import (
    PARALLEL_FROM,
    PartitionRows,
    Projector,
    WorkerProcesses,
    WorkerStoppedError,
    worker_count,
)
from sync.link import SheetLink
from tests.projections import plans
from tests.projections.tamper import EventTable

SYNC = Provenance("Synkroniseringa", Source.SHEET, reason="synk")


@pytest.fixture
def store(app: Planlogg, models: ReadModels, monkeypatch: pytest.MonkeyPatch) -> ReadModels:
    build_nation(app, TINY)
    plans.history_plan(app)
    decision = app.get_decision("hf", "sak 1/25", "ASU")
    decision.correct_text("ASU godkjenner versjon 1, med retting.", plans.SECRETARIAT)
    app.save(decision)
    measure_id = app.get_plan("plan-01").find_measure("1.1.1").id
    link = SheetLink("plan-01", "ark-01")
    refusal = {"row": "4", "column": "status", "typed": "lilla", "reason": "ukjend farge"}
    link.record_refusals("plan-01", [{**refusal, "measure_id": measure_id}], SYNC)
    app.save(link)
    models.catch_up()
    monkeypatch.setattr(projections.read_models, "REBUILD_BATCH", 97)
    return models


def test_workers_rebuild_the_tables_one_process_builds(store: ReadModels) -> None:
    caught_up = store.dump_tables()
    assert caught_up["decisions"] and caught_up["communities"]
    refused = [row for row in caught_up["audit"] if row["field"] == "refused_status"]
    assert [(row["plan_key"], row["measure_number"]) for row in refused] == [("plan-01", "1.1.1")]
    events = store.app.recorder.max_notification_id()
    assert store.rebuild(workers=2) == events
    assert store.dump_tables() == caught_up
    assert store.rebuild(workers=0) == events
    assert store.dump_tables() == caught_up


def test_no_collection_walks_the_heap_while_a_rebuild_runs(store: ReadModels) -> None:
    """Projecting makes no reference cycles, so the collector waits for the rebuild's end,
    where one young collection (the first allocation with it on again) frees what it left:
    it leaves no cycles behind."""
    started: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        assert store.rebuild(workers=0) == store.app.recorder.max_notification_id()
        assert started == [0]
        assert gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.callbacks.remove(count)
    assert gc.collect() == 0


class RecordingMapper(Mapper[Any]):
    """The application's transcoding, noting each aggregate ID the decoder is handed."""

    def __init__(self, app: Planlogg) -> None:
        super().__init__(transcoder=app.mapper.transcoder)
        self.handed: list[Any] = []

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        self.handed.append(stored_event.originator_id)
        return super().to_domain_event(stored_event)


def test_a_projector_parses_each_aggregates_id_once(store: ReadModels) -> None:
    """The stored text of an ID is canonical, and the decoder gets it as a UUID (as from the
    library's own reader), one object per aggregate: not the text, parsed again per event."""
    events = store.views.stored_events_after(0, 100_000)
    mapper = RecordingMapper(store.app)
    Projector(mapper).project(events)
    assert len(mapper.handed) == len(events) == store.app.recorder.max_notification_id()
    parsed: dict[str, UUID] = {}
    for (_, text, *_), handed in zip(events, mapper.handed, strict=True):
        assert str(UUID(text)) == text
        assert type(handed) is UUID and handed == UUID(text)
        assert parsed.setdefault(text, handed) is handed
    assert len(parsed) == 10


def test_a_sheets_refusal_belongs_to_the_plan_it_names() -> None:
    refusal = type("SheetInputRefused", (), {"plan_key": "plan-01"})()
    link_id = "5f0c2a52-5b43-5d0e-9f43-27d3b1e1f0aa"
    assert owner("sync.link:SheetLink.SheetInputRefused", link_id, lambda: refusal) == str(
        plan_id("plan-01")
    )
    assert owner("domain.plan:Plan.MeasureReworded", link_id, lambda: refusal) == link_id


def test_the_lowest_failed_event_is_raised_whichever_worker_failed(
    database_url: str, store: ReadModels
) -> None:
    timeline = [store.measure_timeline(key, "1.1.1")[-1].position for key in ("plan-01", "plan-02")]
    table = EventTable(database_url)
    for position in timeline:
        table.alter(position, b"{", b"[")
    table.rewrite_chain()
    failures = []
    for workers in (0, 2):
        with pytest.raises(MapperDeserialisationError) as failed:
            store.rebuild(workers=workers)
        failures.append(str(failed.value))
    lowest = store.app.recorder.select_notifications(start=min(timeline), limit=1)[0]
    assert f"originator_id '{lowest.originator_id}'" in failures[0]
    assert failures[1] == failures[0]


def test_a_tampered_event_stops_a_rebuild_with_workers_at_its_position(
    database_url: str, store: ReadModels
) -> None:
    before = store.dump_tables()
    position = store.measure_timeline("plan-02", "1.1.1")[-1].position
    EventTable(database_url).alter(position, b"{", b"[")
    with pytest.raises(ChainBrokenError) as broken:
        store.rebuild(workers=2)
    assert broken.value.position == position
    assert store.dump_tables() == before


def test_a_worker_that_stops_is_named(memory_app: Planlogg) -> None:
    pool = WorkerProcesses(memory_app, 1)
    try:
        pool.processes[0].terminate()
        pool.processes[0].join()
        with pytest.raises(WorkerStoppedError, match="stoppet uventet"):
            list(pool.finish())
    finally:
        pool.close()


def test_a_large_store_uses_a_worker_per_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert (worker_count(PARALLEL_FROM - 1), worker_count(PARALLEL_FROM)) == (0, 2)
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert worker_count(PARALLEL_FROM) == 0
    monkeypatch.setattr("os.cpu_count", lambda: 64)
    assert worker_count(PARALLEL_FROM) == 8


def test_partition_rows_give_back_what_the_tables_would() -> None:
    class Marked(str):
        """A str subclass: a database gives back a plain str."""

    rows = PartitionRows()
    rows.put("communities", {"community_id": "c", "community_key": Marked("hf"), "name": "HF",
                             "bodies": ({"b": 1, "a": (2,)},), "last_position": 7})  # fmt: skip
    found = rows.get("communities", ("c",))
    assert found == {"community_id": "c", "community_key": "hf", "name": "HF",
                     "bodies": [{"a": [2], "b": 1}], "last_position": 7}  # fmt: skip
    assert type(found["community_key"]) is str
    assert rows.select("communities", community_key="hf") == [found]
    assert rows.select("communities", community_key="other") == []


def test_a_write_only_row_is_appended_under_a_new_key_and_replaced_after() -> None:
    """A round's light is added without an upsert the first time its key is handed on."""
    rows = PartitionRows()

    def light(measure: str, colour: str) -> dict[str, str]:
        return {"plan_key": "p", "round_id": "r", "measure_id": measure, "colour": colour,
                "reported_on": "2030-06-01"}  # fmt: skip

    rows.put("round_reports", light("m1", "red"))
    rows.put("round_reports", light("m1", "yellow"))
    first = rows.take()
    assert first.appended == {"round_reports": [("p", "r", "m1", "yellow", "2030-06-01")]}
    assert first.replaced == {}
    rows.put("round_reports", light("m1", "green"))
    rows.put("round_reports", light("m2", "red"))
    second = rows.take()
    assert second.appended == {"round_reports": [("p", "r", "m2", "red", "2030-06-01")]}
    assert second.replaced == {"round_reports": [("p", "r", "m1", "green", "2030-06-01")]}

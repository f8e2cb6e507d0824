"""The write-behind rows of one transaction: what handlers read is what the tables hold."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from enum import StrEnum

import pytest

import projections.read_models
import projections.store
from domain.application import Planlogg
from domain.measure import MeasureState
from domain.plan_state import RoundState
from projections import ReadModels
from projections.rows import TABLES, AppendOnlyError
from projections.store import Item, PostgresViews, SqlRows
from tests.projections import plans
from tests.projections.plans import KARI, KEY, SECRETARIAT, SHEET


def _busy_measure(app: Planlogg) -> None:
    """One measure created and then changed again and again, all before any catch-up."""
    plans.draft(app)
    app.add_measure(KEY, "1.2.2", "Ny rutine", SECRETARIAT, responsible=["ASU"])
    app.reword_measure(KEY, "1.2.2", "Ny rutine for utskriving", SHEET)
    app.assign_responsible(KEY, "1.2.2", ["PSU", "ASU"], KARI)
    app.set_timeframe(KEY, "1.2.2", {2026: "x høst", 2025: "x"}, SECRETARIAT, note="Først")
    app.report_status(KEY, "1.2.2", "gul", "Forseinka", SHEET)
    app.report_status(KEY, "1.2.2", "grønn", "I rute", SHEET)
    app.move_measure(KEY, "1.2.2", "1.1.3", SECRETARIAT)
    app.reword_measure(KEY, "1.1.3", "Rutine for utskriving", SHEET)


def test_one_batch_of_a_rows_creation_and_updates_equals_one_event_per_transaction(
    app: Planlogg, models: ReadModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    _busy_measure(app)
    monkeypatch.setattr(projections.read_models, "BATCH", 1)
    assert models.catch_up() == app.recorder.max_notification_id()
    one_by_one = models.dump_tables()
    monkeypatch.setattr(projections.read_models, "BATCH", 250)
    models.rebuild()
    assert models.dump_tables() == one_by_one
    measure = models.current_plan(KEY).measure("1.1.3")  # type: ignore[union-attr]
    assert (measure.text, measure.responsible, measure.status.colour) == (  # type: ignore[union-attr]
        "Rutine for utskriving",
        ("PSU", "ASU"),
        "green",
    )
    assert models.verify_chain().ok


def test_a_rebuild_that_forgets_its_cache_between_batches_builds_the_same_tables(
    app: Planlogg, models: ReadModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans.history_plan(app)
    models.catch_up()
    incremental = models.dump_tables()
    monkeypatch.setattr(projections.read_models, "REBUILD_BATCH", 3)
    monkeypatch.setattr(projections.store, "MAX_CACHED_ROWS", 2)
    models.rebuild()
    assert models.dump_tables() == incremental


def _audit_indexes(models: ReadModels) -> list[str]:
    if isinstance(models.views, PostgresViews):
        query = "SELECT indexname AS name FROM pg_indexes WHERE schemaname = ? AND tablename = ?"
        params: tuple[str, ...] = (models.views.datastore.schema, models.views.table_name("audit"))
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
        params = (models.views.table_name("audit"),)
    with models.views.transaction(commit=False) as c:
        return sorted(row["name"] for row in models.views.fetch(c, query, params))


def test_a_rebuild_fills_the_audit_trail_first_and_indexes_it_after(
    app: Planlogg, models: ReadModels
) -> None:
    """Twice, so the new table that took the old one's place can be replaced in turn."""
    plans.history_plan(app)
    models.catch_up()
    incremental, indexes = models.dump_tables(), _audit_indexes(models)
    audit = models.views.table_name("audit")
    expected = [f"{audit}_ix{n}" for n in range(len(TABLES["audit"].indexes))]
    assert [name for name in indexes if name.startswith(f"{audit}_ix")] == expected
    for _ in range(2):
        models.rebuild()
        assert models.dump_tables() == incremental
        assert _audit_indexes(models) == indexes
    assert models.views.position() == app.recorder.max_notification_id()


class Kind(StrEnum):
    PLAIN = "plain"


def test_rows_read_back_from_the_cache_as_the_database_returns_them(
    app: Planlogg, models: ReadModels
) -> None:
    row = {
        "plan_key": "p",
        "round_id": "R1",
        "deadline": "2025-09-11",
        "bodies": ("ASU", Kind.PLAIN),
        "decision": "sak 1/25",
        "closed": 0,
        "opened_at": "2025-01-01T00:00:00.000000+00:00",
        "state": RoundState(date(2025, 9, 11), ("ASU",), "sak 1/25"),
    }
    with models.views.transaction(commit=False) as cursor:
        rows = SqlRows(models.views, cursor)
        rows.put("rounds", row)
        cached = rows.get("rounds", ("p", "R1"))
        assert cached is not None
        cached["bodies"].append("endra")
        again = rows.get("rounds", ("p", "R1"))
        stored = rows.select("rounds", plan_key="p", round_id="R1")
    assert again is not None
    assert again == stored[0]
    assert again["bodies"] == ["ASU", "plain"]
    assert type(again["bodies"][1]) is str


def test_a_state_column_gives_back_the_domains_own_value(app: Planlogg, models: ReadModels) -> None:
    state = MeasureState(
        id="T009", number="1.1.1", goal="1.1", text="Tiltak", marks={2026: "x", 2025: "x høst"}
    )
    row = {"plan_key": "p", "measure_id": "T009", "number": "1.1.1", "goal": "1.1",
           "area": "1", "removed": 0, "state": state}  # fmt: skip
    with models.views.transaction(commit=False) as cursor:
        rows = SqlRows(models.views, cursor)
        rows.put("measures", row)
        cached = rows.get("measures", ("p", "T009"))
        stored = rows.select("measures", plan_key="p", measure_id="T009")
    assert cached is not None
    assert cached["state"] == stored[0]["state"] == state
    assert stored[0]["state"].marks == {2025: "x høst", 2026: "x"}


def test_a_table_whose_every_row_is_cached_is_searched_without_writing_it_out(
    app: Planlogg, models: ReadModels
) -> None:
    def measure(plan: str, measure_id: str, number: str) -> dict[str, object]:
        state = MeasureState(id=measure_id, number=number, goal="1.1", text="Tiltak")
        return {"plan_key": plan, "measure_id": measure_id, "number": number, "goal": "1.1",
                "area": "1", "removed": 0, "state": state}  # fmt: skip

    with models.views.transaction(commit=False) as cursor:
        rows = SqlRows(models.views, cursor, empty=["measures"])
        for plan, measure_id, number in (("p", "T1", "1.1.1"), ("q", "T1", "1.1.1"),
                                         ("p", "T2", "1.1.2")):  # fmt: skip
            rows.put("measures", measure(plan, measure_id, number))
        found = rows.select("measures", plan_key="p")
        found[0]["number"] = "endra"
        again = rows.select("measures", plan_key="p", number="1.1.2")
        unwritten = len(rows.changed["measures"])
        rows.flush()
        written = rows.views.fetch(cursor, "SELECT * FROM {measures}")
    assert [(r["plan_key"], r["measure_id"]) for r in found] == [("p", "T1"), ("p", "T2")]
    assert [r["measure_id"] for r in again] == ["T2"]
    assert unwritten == 3
    assert sorted(r["number"] for r in written) == ["1.1.1", "1.1.1", "1.1.2"]


def test_a_table_handlers_never_read_keeps_the_newest_row_of_each_key_and_refuses_reads(
    app: Planlogg, models: ReadModels
) -> None:
    light = {"plan_key": "p", "round_id": "R1", "measure_id": "T1", "reported_on": "2025-05-02"}
    with models.views.transaction(commit=False) as cursor:
        rows = SqlRows(models.views, cursor)
        rows.put("round_reports", {**light, "colour": "yellow"})
        rows.put("round_reports", {**light, "colour": "green"})
        rows.put("round_reports", {**light, "measure_id": "T2", "colour": "red"})
        cached = {table: len(found) for table, found in rows.cached.items() if found}
        with pytest.raises(TypeError, match="round_reports"):
            rows.get("round_reports", ("p", "R1", "T1"))
        with pytest.raises(TypeError, match="round_reports"):
            rows.select("round_reports", plan_key="p")
        rows.flush()
        written = rows.views.fetch(cursor, "SELECT * FROM {round_reports} ORDER BY measure_id")
    assert cached == {}
    assert [(r["measure_id"], r["colour"]) for r in written] == [("T1", "green"), ("T2", "red")]


def test_audit_rows_are_added_as_values_written_at_the_flush_and_never_put(
    app: Planlogg, models: ReadModels
) -> None:
    spec = TABLES["audit"]
    values = [(9, seq, "e/9", "2030-06-01T10:00:00.000000+00:00", "Kari", "sheet", "p", "1",
               "1.1", "T001", "1.1.1", field, "", after, "", "", "StatusReported")
              for seq, (field, after) in enumerate((("status", "red"), ("status_comment", "Sein")),
                                                   start=1)]  # fmt: skip
    with models.views.transaction(commit=False) as cursor:
        rows = SqlRows(models.views, cursor)
        for row in values:
            rows.add("audit", row)
        before_flush = rows.views.fetch(cursor, "SELECT * FROM {audit} WHERE position = 9")
        with pytest.raises(AppendOnlyError, match="audit"):
            rows.put("audit", dict(zip(spec.all_columns, values[0], strict=True)))
        rows.flush()
        written = rows.views.fetch(cursor, "SELECT * FROM {audit} WHERE position = 9 ORDER BY seq")
    assert before_flush == []
    assert [tuple(row[c] for c in spec.all_columns) for row in written] == values


def test_a_row_written_through_is_read_back_from_the_database(
    app: Planlogg, models: ReadModels
) -> None:
    row = {"plan_key": "p", "number": "1", "title": Kind.PLAIN, "removed": 0}
    with models.views.transaction(commit=False) as cursor:
        rows = SqlRows(models.views, cursor)
        rows.put("areas", {**row, "title": "før"})
        rows.put("areas", row)
        found = rows.get("areas", ("p", "1"))
    assert found == {**row, "title": "plain"} and type(found["title"]) is str  # type: ignore[index]
    assert set(found) == set(TABLES["areas"].all_columns)  # type: ignore[arg-type]


def test_a_row_removed_is_deleted_with_its_pending_write_and_read_back_as_gone(
    app: Planlogg, models: ReadModels
) -> None:
    """A withdrawn approval: written earlier in the same batch, and one already stored."""
    approval = {
        "plan_key": "p",
        "version": 2,
        "body": "ASU",
        "case_ref": "ASU sak 11/25",
        "meeting_date": "2025-03-06",
        "approved_at": "2025-03-07T10:00:00+00:00",
    }
    with models.views.transaction(commit=True) as cursor:
        rows = SqlRows(models.views, cursor)
        rows.put("approvals", {**approval, "body": "PSU"})
        rows.flush()
    with models.views.transaction(commit=False) as cursor:
        rows = SqlRows(models.views, cursor)
        rows.put("approvals", approval)
        rows.remove("approvals", ("p", 2, "ASU"))
        rows.remove("approvals", ("p", 2, "PSU"))
        rows.remove("approvals", ("p", 2, "SSU"))
        with pytest.raises(TypeError, match="audit"):
            rows.remove("audit", (9, 1))
        gone = [rows.get("approvals", ("p", 2, body)) for body in ("ASU", "PSU")]
        rows.flush()
        stored = rows.views.fetch(cursor, "SELECT * FROM {approvals}")
    assert (gone, stored) == ([None, None], [])


def test_an_adoption_freezes_rows_written_earlier_in_the_same_batch(
    app: Planlogg, models: ReadModels
) -> None:
    """The adopted version is built by selecting rows the batch has not written yet."""
    plans.draft(app)
    plans.adopt(app, ("ASU",), date(2025, 3, 1), 4)
    models.catch_up()
    document = models.adopted_version(KEY, 1)
    assert document is not None
    assert [m.number for m in document.measures()] == ["1.1.1", "1.2.1", "2.1.1", "2.1.2"]


def test_a_rebuild_outlasts_the_idle_in_transaction_limit_of_postgresql(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each batch is read and projected while the rebuild's transaction waits, unused."""
    app = Planlogg.from_url(postgres_url, POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT="1")
    try:
        plans.history_plan(app)
        models = ReadModels.open(app)
        models.catch_up()
        incremental = models.dump_tables()
        batches = models._all_batches

        def slow_batches(total: int, progress: object) -> Iterator[list[Item]]:
            for batch in batches(total, None):
                time.sleep(1.5)
                yield batch

        monkeypatch.setattr(projections.read_models, "REBUILD_BATCH", 5)
        monkeypatch.setattr(models, "_all_batches", slow_batches)
        models.rebuild()
        assert models.dump_tables() == incremental
    finally:
        app.close()


def test_a_rebuild_on_sqlite_replays_with_a_roomy_page_cache_and_then_gives_back_its_own(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache is read back on the writer's connection, the one the rebuild ran on."""
    app = Planlogg.from_url(sqlite_url)
    try:
        models = ReadModels.open(app)
        plans.history_plan(app)
        models.catch_up()
        incremental = models.dump_tables()
        views = models.views
        seen: list[int] = []
        replay = views._replay

        def replay_seeing_the_cache(c: object, *args: object) -> int:
            seen.append(int(views.fetch(c, "PRAGMA cache_size")[0]["cache_size"]))
            return replay(c, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(views, "_replay", replay_seeing_the_cache)
        models.rebuild()
        with views.transaction(commit=True) as c:
            after = int(views.fetch(c, "PRAGMA cache_size")[0]["cache_size"])
        assert seen == [-projections.store.REPLAY_CACHE_KIB] == [-65_536]
        assert after == -2_000
        assert models.dump_tables() == incremental
    finally:
        app.close()

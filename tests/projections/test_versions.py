"""A new shape of the read models is built in its own tables while the previous one serves.

Version 6 plays the serving version and a version 7 of the same shape (its own
tables and tracking row) the new one, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest

import projections.read_models
from domain.application import Planlogg
from projections import ReadModels
from projections.rows import SCHEMA_VERSION
from tests.projections import plans
from tests.projections.plans import KEY, SHEET

SERVING, NEW = SCHEMA_VERSION, SCHEMA_VERSION + 1


def _views_only(models: ReadModels) -> dict[str, list[dict[str, Any]]]:
    """Every row but the version's own meta (it names the version) and the shared chain."""
    return {
        name: rows
        for name, rows in models.dump_tables().items()
        if name not in ("meta", "chain", "chain_head")
    }


def _tables(models: ReadModels) -> set[str]:
    with models.views.transaction(commit=False) as c:
        return set(models.views._table_names(c))


def _tracked(models: ReadModels) -> set[str]:
    """The read models' rows in their tracking table (others track there too)."""
    table = models.views.tracking_table()
    with models.views.transaction(commit=False) as c:
        found = models.views.fetch(c, f"SELECT application_name AS name FROM {table}")
    return {row["name"] for row in found if row["name"].startswith("Planlogg")}


@pytest.fixture
def serving(app: Planlogg, models: ReadModels) -> ReadModels:
    plans.history_plan(app)
    models.catch_up()
    return models


def test_a_read_model_opened_on_an_empty_store_is_ready_at_once(app: Planlogg) -> None:
    models = ReadModels.open(app)
    assert (models.ready(), models.position()) == (True, 0)


def test_a_new_version_is_not_ready_until_built_and_the_serving_one_answers_meanwhile(
    app: Planlogg, serving: ReadModels
) -> None:
    before = _views_only(serving)
    new = ReadModels.open(app, NEW)
    assert (new.ready(), new.position(), new.lag()) == (False, 0, serving.position())
    app.report_status(KEY, "1.2.1", "gul", "Forseinka", SHEET)
    assert serving.catch_up() == 1
    assert _views_only(serving) != before
    assert new.catch_up() == serving.position()
    assert (new.ready(), new.lag()) == (True, 0)
    assert _views_only(new) == _views_only(serving)


def test_a_build_stopped_half_way_resumes_where_it_stopped(
    app: Planlogg, serving: ReadModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(projections.read_models, "BUILD_BATCH", 5)
    new = ReadModels.open(app, NEW)

    def stop_after_two_batches(done: int, total: int) -> None:
        if done >= 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        new.build(stop_after_two_batches)
    assert (new.ready(), new.position()) == (False, 10)
    assert new.catch_up() == serving.position() - 10
    assert new.ready()
    assert _views_only(new) == _views_only(serving)


def test_on_postgresql_a_build_from_the_start_replays_the_linked_events_in_one_transaction(
    app: Planlogg, serving: ReadModels, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped while replaying, it leaves nothing (SQLite commits every batch); run again,
    it gives the serving version's views."""
    monkeypatch.setattr(projections.read_models, "BUILD_BATCH", 5)
    new = ReadModels.open(app, NEW)

    def stop_at_the_first_report(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        new.build(stop_at_the_first_report, workers=0)
    stopped_at = 0 if database_url.startswith("postgres") else 5
    assert (new.ready(), new.position()) == (False, stopped_at)
    assert new.build(workers=0) == serving.position() - stopped_at
    assert (new.ready(), new.lag()) == (True, 0)
    assert _views_only(new) == _views_only(serving)


def test_a_build_with_workers_replays_up_to_the_chain_head_and_links_the_rest_in_batches(
    app: Planlogg, serving: ReadModels, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events the serving version has not applied yet have no link: the build's batches
    link them, and the serving version then finds them linked. (SQLite: batches only.)"""
    monkeypatch.setattr(projections.read_models, "BUILD_BATCH", 2)
    for n in range(3):
        app.report_status(KEY, "1.2.1", "gul", f"Forseinka, rapport {n}", SHEET)
    stored = app.recorder.max_notification_id()
    assert serving.chain_head().position == stored - 3
    new = ReadModels.open(app, NEW)
    reports: list[int] = []
    assert new.build(lambda done, total: reports.append(done), workers=2) == stored
    in_batches = sorted({*range(2, stored, 2), stored})
    replayed = [stored - 3, stored - 1, stored]
    assert reports == (replayed if database_url.startswith("postgres") else in_batches)
    assert new.chain_head().position == stored
    assert serving.catch_up() == 3
    assert _views_only(new) == _views_only(serving)
    for models in (serving, new):
        report = models.verify_chain()
        assert (report.ok, report.checked, report.unchained) == (True, stored, 0)


def test_a_log_without_read_models_is_replayed_and_linked_in_one_transaction_on_postgresql(
    app: Planlogg, database_url: str
) -> None:
    """No version has applied an event (the log restored alone): the first stretch links
    the chain as it goes, up to the newest event; stopped in it, nothing stays."""
    plans.history_plan(app)
    stored = app.recorder.max_notification_id()
    models = ReadModels.open(app)
    reports: list[int] = []

    def stop_at_the_first_report(done: int, total: int) -> None:
        reports.append(done)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        models.build(stop_at_the_first_report, workers=0)
    replayed = database_url.startswith("postgres")
    assert reports == [stored]
    assert models.chain_head().position == (0 if replayed else stored)
    assert models.build(workers=0) == (stored if replayed else 0)
    report = models.verify_chain()
    assert (models.ready(), report.ok, report.checked, report.unchained) == (
        True, True, stored, 0,
    )  # fmt: skip


def test_events_recorded_during_a_build_are_linked_once_in_the_one_chain(
    app: Planlogg, serving: ReadModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The versions take turns: whichever sees an event first links it, the other checks it."""
    monkeypatch.setattr(projections.read_models, "BUILD_BATCH", 5)
    new = ReadModels.open(app, NEW)
    written: list[int] = []

    def write_and_serve_between_batches(done: int, total: int) -> None:
        if len(written) < 3:
            app.report_status(KEY, "1.2.1", "gul", f"Forseinka, rapport {done}", SHEET)
            written.append(done)
            serving.catch_up()

    new.build(write_and_serve_between_batches)
    assert len(written) == 3
    app.report_status(KEY, "1.2.1", "grønn", "I rute", SHEET)
    assert new.catch_up() == 1
    serving.catch_up()
    assert _views_only(new) == _views_only(serving)
    for models in (serving, new):
        report = models.verify_chain()
        stored = app.recorder.max_notification_id()
        assert (report.ok, report.checked, report.unchained) == (True, stored, 0)


def test_a_ready_version_drops_the_versions_before_the_one_it_replaces(
    app: Planlogg, serving: ReadModels
) -> None:
    newer = ReadModels.open(app, NEW)
    newer.catch_up()
    assert {f"rm_v{SERVING}_audit", f"rm_v{NEW}_audit", "rm_chain"} <= _tables(serving)
    assert {f"Planlogg v{SERVING}", f"Planlogg v{NEW}"} <= _tracked(serving)
    newest = ReadModels.open(app, NEW + 1)
    newest.catch_up()
    tables = _tables(serving)
    assert {f"rm_v{NEW}_audit", f"rm_v{NEW + 1}_audit", "rm_chain"} <= tables
    assert not {name for name in tables if name.startswith(f"rm_v{SERVING}_")}
    assert _tracked(serving) == {f"Planlogg v{NEW}", f"Planlogg v{NEW + 1}"}
    assert newest.verify_chain().ok


def test_version_5s_unversioned_tables_stay_until_the_version_that_replaced_them_is_replaced(
    app: Planlogg,
) -> None:
    """Planlogg before version 6 kept one set of `rm_` tables, tracked as "Planlogg"."""
    models = ReadModels.open(app)
    with models.views.transaction(commit=True) as c:
        for name in ("rm_measures", "rm_audit", "rm_meta"):
            c.execute(f"CREATE TABLE {models.views._in_schema(name)} (x TEXT)")
        models.views.execute(
            c,
            f"INSERT INTO {models.views.tracking_table()} VALUES (?, ?)",
            ("Planlogg", 0),
        )
    plans.draft(app)
    models.catch_up()
    assert {"rm_measures", "rm_audit", "rm_meta"} <= _tables(models)
    ReadModels.open(app, NEW).catch_up()
    assert not {"rm_measures", "rm_audit", "rm_meta"} & _tables(models)
    assert "Planlogg" not in _tracked(models)
    assert "rm_chain" in _tables(models)

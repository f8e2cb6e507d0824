"""Exactly once, crash-consistent, rebuildable: the read models and their tracking position."""

from __future__ import annotations

from datetime import date

import pytest
from eventsourcing.domain import Aggregate, event

import projections.store
from domain.application import Planlogg
from domain.plan import Plan
from projections import AuditQuery, ReadModels
from projections.rows import SCHEMA_VERSION
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT


def test_a_rebuilt_read_model_equals_the_incrementally_built_one(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    models.catch_up()
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    models.catch_up()
    plans.revise(app)
    models.catch_up()
    incremental = models.dump_tables()
    assert models.lag() == 0
    done: list[tuple[int, int]] = []
    events = app.recorder.max_notification_id()
    assert models.rebuild(progress=lambda n, total: done.append((n, total))) == events
    assert done[-1] == (events, events)
    assert models.dump_tables() == incremental


def test_a_crash_inside_a_handler_leaves_views_and_tracking_as_they_were(
    app: Planlogg, models: ReadModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans.draft(app)
    models.catch_up()
    before = models.dump_tables()
    position = models.views.position()
    plans.adopt(app, ("ASU", "PSU"), date(2025, 1, 15), 1)
    real_project = projections.store.project

    def crash_on_adoption(rows, domain_event, at):  # type: ignore[no-untyped-def]
        if type(domain_event).__name__ == "VersionAdopted":
            raise RuntimeError("straumbrot")
        return real_project(rows, domain_event, at)

    monkeypatch.setattr(projections.store, "project", crash_on_adoption)
    with pytest.raises(RuntimeError, match="straumbrot"):
        models.catch_up()
    assert models.views.position() == position
    assert models.dump_tables() == before
    monkeypatch.setattr(projections.store, "project", real_project)
    assert models.catch_up() == app.recorder.max_notification_id() - position
    assert models.lag() == 0
    caught_up = models.dump_tables()
    models.rebuild()
    assert models.dump_tables() == caught_up


def test_the_views_read_the_log_as_the_library_does(app: Planlogg, models: ReadModels) -> None:
    """Every field the chain hashes, from the views' own reading of the application's table."""
    plans.draft(app)
    library = [
        projections.store.stored_fields(n)
        for n in app.recorder.select_notifications(start=None, limit=1000)
    ]
    assert len(library) == 10
    assert models.views.stored_events_after(0, 1000) == library
    assert models.views.stored_events_after(1, 2) == library[1:3]


def test_each_event_is_applied_once_even_when_offered_twice(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    models.catch_up()
    rows = models.history(AuditQuery(plan=KEY, limit=None)).total
    items = models._items_after(0, 1000)
    recorded = app.recorder.max_notification_id() or 0
    assert recorded == 10
    assert [item.position for item in items] == list(range(1, recorded + 1))
    assert models.views.apply(items, "2025-01-01T00:00:00.000000+00:00") == 0
    assert models.history(AuditQuery(plan=KEY, limit=None)).total == rows


class Noted(Plan.Event):
    """An event type a later Planlogg might add to plans."""

    note: str

    def apply(self, aggregate: Plan) -> None:
        return None


class Unrelated(Aggregate):
    @event("Registered")
    def __init__(self, name: str) -> None:
        self.name = name


def test_event_types_the_read_models_do_not_know_are_ignored(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    plan = app.get_plan(KEY)
    plan.trigger_event(Noted, note="ny hendingstype")
    app.save(plan, Unrelated(name="anna"))
    app.reword_measure(KEY, "1.1.1", "Kartlegge behov i alle kommunar", SECRETARIAT)
    assert models.catch_up() == app.recorder.max_notification_id() == 13
    assert models.lag() == 0
    assert models.current_plan(KEY).measure("1.1.1").text == (  # type: ignore[union-attr]
        "Kartlegge behov i alle kommunar"
    )
    assert models.verify_chain().ok


def test_the_read_models_live_in_the_events_database(sqlite_url: str) -> None:
    import sqlite3

    app = Planlogg.from_url(sqlite_url)
    plans.draft(app)
    ReadModels.open(app).catch_up()
    conn = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    audit = f"rm_v{SCHEMA_VERSION}_audit"
    assert {"stored_events", "planlogg_views_tracking", audit, "rm_chain"} <= tables
    (position,) = conn.execute(
        "SELECT notification_id FROM planlogg_views_tracking WHERE application_name=?",
        (f"Planlogg v{SCHEMA_VERSION}",),
    ).fetchone()
    assert position == conn.execute("SELECT MAX(rowid) FROM stored_events").fetchone()[0]
    reopened = ReadModels.open(Planlogg.from_url(sqlite_url))
    assert reopened.lag() == 0 and reopened.current_plan(KEY) is not None

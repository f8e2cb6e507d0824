"""Keep the read models up to date in the background, with the library's runner where it works.

On PostgreSQL the `eventsourcing` library's `ProjectionRunner` subscribes to
the application's events (LISTEN/NOTIFY) and hands each one, with its
tracking object, to `PlanloggProjection`, which writes the views, the chain
link and the tracking position in one transaction. The SQLite recorder in
eventsourcing 9.5.6 cannot be subscribed to, and `memory:` events live in one
process, so there `CatchUpFollower` polls `ReadModels.catch_up` instead.
Both paths write through the same tracking row, so they never apply an event
twice.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection, ProjectionRunner

from domain.application import Planlogg
from domain.persistence import persistence_env
from projections.handlers import timestamp_text
from projections.read_models import ReadModels
from projections.store import Item, PostgresViews, SqlViews

PROJECTION_NAME = "planlogg_views"


class PlanloggProjection(Projection[SqlViews]):
    """The library-facing projection: every event goes through the same apply transaction."""

    name = PROJECTION_NAME

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        self.view.apply(
            [Item(position=tracking.notification_id, record=None, event=domain_event)],
            _now(),
        )


def _now() -> str:
    return timestamp_text(datetime.now(UTC))


class CatchUpFollower:
    """Polls the notification log where no subscription is possible (SQLite, memory:)."""

    def __init__(self, models: ReadModels, interval: float = 1.0) -> None:
        self.models = models
        self.interval = interval
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="planlogg-views", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.models.catch_up()
            except BaseException as error:  # kept for whoever stops the follower
                self.error = error
                return
            self._stop.wait(self.interval)

    def __enter__(self) -> CatchUpFollower:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        if self.error is not None:
            raise self.error


def follow(app: Planlogg, url: str, interval: float = 1.0) -> Any:
    """A context manager that keeps `app`'s read models current while it is open."""
    if url.startswith(("postgres://", "postgresql://")):
        return ProjectionRunner(
            application_class=Planlogg,
            projection_class=PlanloggProjection,
            view_class=PostgresViews,
            env=persistence_env(url),
        )
    return CatchUpFollower(ReadModels.for_app(app, catch_up_on_read=False), interval)

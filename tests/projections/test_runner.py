"""The library's ProjectionRunner keeps the PostgreSQL read models up to date."""

from __future__ import annotations

from eventsourcing.projection import ProjectionRunner

from domain.application import Planlogg
from projections import ReadModels
from projections.runner import CatchUpFollower, follow
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT


def test_the_library_runner_follows_postgresql(postgres_url: str) -> None:
    app = Planlogg.from_url(postgres_url)
    plans.draft(app)
    with follow(app, postgres_url) as runner:
        assert isinstance(runner, ProjectionRunner)
        app.reword_measure(KEY, "1.1.1", "Kartlegge behov i heile regionen", SECRETARIAT)
        runner.wait(app.recorder.max_notification_id(), timeout=10)
    models = ReadModels.for_app(app, catch_up_on_read=False)
    assert models.lag() == 0
    assert models.current_plan(KEY).measure("1.1.1").text == (  # type: ignore[union-attr]
        "Kartlegge behov i heile regionen"
    )
    assert models.catch_up() == 0
    assert models.verify_chain().ok
    app.close()


def test_sqlite_is_followed_by_polling(sqlite_url: str) -> None:
    app = Planlogg.from_url(sqlite_url)
    plans.draft(app)
    models = ReadModels.for_app(app, catch_up_on_read=False)
    with follow(app, sqlite_url, interval=0.05) as follower:
        assert isinstance(follower, CatchUpFollower)
        models.views.wait("Planlogg", app.recorder.max_notification_id(), timeout=10)
    assert models.lag() == 0

"""An event hidden from its plan by spelling its aggregate ID otherwise breaks the chain.

SQLite keeps an event's aggregate ID as text; the library finds a plan's events by that
exact text. The chain hashed the ID after parsing it (`projections.store._uuid_text`), so
the same UUID written another way (upper case) hashed the same while the plan no longer
found the event: a change vanished from the plan and from the plan as of a date, and the
check said the chain was intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from domain.application import Planlogg
from projections import ReadModels
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT


@pytest.fixture
def sqlite_app(sqlite_url: str) -> Iterator[Planlogg]:
    application = Planlogg.from_url(sqlite_url)
    yield application
    application.close()


def test_an_event_hidden_from_its_plan_by_rewriting_its_aggregate_id_breaks_the_chain(
    sqlite_url: str, sqlite_app: Planlogg
) -> None:
    models = ReadModels.open(sqlite_app)
    plans.draft(sqlite_app)
    sqlite_app.reword_measure(KEY, "1.2.1", "Felles rutine for trygg utskriving", SECRETARIAT)
    models.catch_up()
    assert models.verify_chain().ok
    position = models.measure_timeline(KEY, "1.2.1")[-1].position

    connection = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    with connection:
        connection.execute(
            "UPDATE stored_events SET originator_id = upper(originator_id) WHERE rowid = ?",
            (position,),
        )
    connection.close()

    # The rewording is gone from the plan as the application loads it and as of now ...
    as_of = models.plan_as_of(KEY, datetime.now(UTC))
    assert as_of is not None
    assert as_of.measure("1.2.1").text == "Felles rutine for utskriving"  # type: ignore[union-attr]
    # ... so the tampering must be found at its position.
    report = models.check_chain()
    assert (report.ok, report.first_bad_position) == (False, position)

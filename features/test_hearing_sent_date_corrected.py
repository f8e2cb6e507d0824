"""Steps for features/hearing_sent_date_corrected.feature: the secretariat's commands on the
demo, read back from the store and its read models."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import Result
from pytest_bdd import parsers, scenarios, then

from domain.application import Planlogg
from projections import AuditQuery, ReadModels

scenarios("hearing_sent_date_corrected.feature")

pytestmark = pytest.mark.usefixtures("database_url")
"""Each scenario runs on SQLite and on PostgreSQL (`database_url` is parametrised)."""


@then("the command succeeds and says, however wide the terminal:")
def says(printout: Result, docstring: str) -> None:
    """The words given, whether the terminal wrapped them or not."""
    assert (printout.exit_code, printout.stderr) == (0, ""), printout.output
    assert " ".join(printout.stdout.split()) == docstring


@then(parsers.parse('the hearing of "{key}" says it was sent {day}'))
def hearing_sent(database_url: str, key: str, day: str) -> None:
    app = Planlogg.from_url(database_url)
    try:
        sent_on = app.hearing(key).sent_on
    finally:
        app.close()
    assert sent_on == date(int(day[6:]), int(day[3:5]), int(day[:2]))


@then(
    parsers.parse(
        'the history of "{key}" shows the day sent went from "{before}" to "{after}" '
        'because "{reason}"'
    )
)
def history_shows(database_url: str, key: str, before: str, after: str, reason: str) -> None:
    app = Planlogg.from_url(database_url)
    try:
        models = ReadModels.open(app)
        models.catch_up()
        rows = models.history(AuditQuery(plan=key, field="hearing_sent_on")).rows
    finally:
        app.close()
    assert [(r.before, r.after, r.actor, r.reason) for r in rows][-1] == (
        before,
        after,
        "Sekretariatet",
        reason,
    )
    assert len(rows) == 3

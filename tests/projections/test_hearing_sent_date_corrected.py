"""A hearing's sent day corrected, in the read models on SQLite and PostgreSQL: the hearing
as auditors read it takes the new day, and the history keeps both, with who and why."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import AuditQuery, ReadModels
from tests.domain.test_hearing_sent_date import store_as_version_2
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT

PER = Provenance("Per Hansen", Source.WEB, reason="Feil dato i sakslista")


def corrected_rows(models: ReadModels) -> list[tuple[str, str, str, str, str]]:
    return [
        (r.field, r.before, r.after, r.actor, r.reason)
        for r in models.history(AuditQuery(plan=KEY)).rows
        if r.event_type == "HearingSentDateCorrected"
    ]


def test_the_hearing_takes_the_new_day_and_the_history_keeps_both(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    app.send_on_hearing(KEY, date(2025, 1, 10), SECRETARIAT, sent_on=date(2025, 1, 6))
    models.catch_up()
    app.correct_hearing_sent_date(KEY, date(2025, 1, 2), PER, seen=date(2025, 1, 6))
    models.catch_up()
    hearing = models.hearing(KEY)
    assert hearing is not None
    assert (hearing.sent_on, hearing.deadline) == ("2025-01-02", "2025-01-10")
    diff = models.hearing_diff(KEY, 1)
    assert diff.hearing is not None
    assert diff.hearing.sent_on == "2025-01-02"
    assert corrected_rows(models) == [
        ("hearing_sent_on", "2025-01-06", "2025-01-02", "Per Hansen", "Feil dato i sakslista")
    ]
    caught_up = models.dump_tables()
    models.rebuild()
    assert models.dump_tables() == caught_up


def test_a_day_given_to_a_hearing_recorded_without_it_has_an_empty_before(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    store_as_version_2(app, KEY, date(2025, 3, 15), datetime(2025, 3, 3, 9, tzinfo=UTC))
    models.catch_up()
    unknown = models.hearing(KEY)
    assert unknown is not None and unknown.sent_on is None
    app.correct_hearing_sent_date(KEY, date(2025, 2, 24), PER, seen=None)
    models.catch_up()
    hearing = models.hearing(KEY)
    assert hearing is not None and hearing.sent_on == "2025-02-24"
    assert corrected_rows(models) == [
        ("hearing_sent_on", "", "2025-02-24", "Per Hansen", "Feil dato i sakslista")
    ]

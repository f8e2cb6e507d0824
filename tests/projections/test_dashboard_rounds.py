"""The dashboard's rounds (`projections.dashboard`): a closed round is no open round, and a body
the round names that has no measure in force and no report is missing."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from projections import ReadModels
from tests.projections.plans import KEY, SECRETARIAT, adopt, draft
from tests.projections.test_dashboard_in_force import ASU, DAY, DECIDED

LEGE = "Fagråd for legesamarbeid"


def test_a_closed_round_is_not_shown_as_open(app: Planlogg, models: ReadModels) -> None:
    draft(app)
    adopt(app, (ASU,), date(2025, 3, 13), 11)
    app.open_reporting_round(KEY, date(2025, 9, 11), [ASU], DECIDED)
    app.report_status(KEY, "1.1.1", "grønn", "", SECRETARIAT, reported_on=DAY, body=ASU)
    app.close_reporting_round(KEY, SECRETARIAT)
    models.catch_up()
    dashboard = models.dashboard(KEY, today=DAY)
    assert dashboard.open_round is None
    assert len(dashboard.rounds) == 1


def test_a_named_body_without_measures_or_report_is_missing(
    app: Planlogg, models: ReadModels
) -> None:
    draft(app)
    adopt(app, (ASU,), date(2025, 3, 13), 11)
    app.open_reporting_round(KEY, date(2025, 9, 11), [ASU, LEGE], DECIDED)
    models.catch_up()
    dashboard = models.dashboard(KEY, today=DAY)
    assert dashboard.open_round is not None
    progress = {
        p.body: (p.measures, p.measures_reported, p.reported) for p in dashboard.open_round.progress
    }
    assert progress[LEGE] == (0, 0, False)
    assert LEGE in dashboard.open_round.missing_bodies

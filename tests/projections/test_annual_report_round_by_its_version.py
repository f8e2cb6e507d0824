"""A round is judged by the measures bodies were asked to report on when it ran.

ASU reported every measure of version 1 in the April round (deadline 30.04.2025, closed). In
June version 2 was adopted, giving ASU a new measure 1.1.2. The annual report for 2025 judged
the April round by version 2 (the version in force at the year's end) and listed ASU as a
body that "has not reported status for all its measures" in April, for a measure that did not
exist until June."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from projections.report_model import MissingSection
from tests.projections.plans import KEY, SECRETARIAT, adopt, draft

ASU = "ASU"
PASIENT = "Fagråd for pasientsamarbeid"
DECIDED = Provenance("Sekretariatet", Source.CLI, reason="Statusrunde", decision="SSU sak 40/25")
DAY = date(2025, 4, 20)


def test_a_body_that_reported_all_of_the_version_then_in_force_is_not_missing(
    memory_app: Planlogg,
) -> None:
    app = memory_app
    draft(app)
    adopt(app, (ASU,), date(2025, 3, 13), 11)
    app.open_reporting_round(KEY, date(2025, 4, 30), [ASU, PASIENT], DECIDED)
    app.report_status(KEY, "1.1.1", "grønn", "", SECRETARIAT, reported_on=DAY, body=ASU)
    app.report_status(KEY, "1.2.1", "gul", "", SECRETARIAT, reported_on=DAY, body=PASIENT)
    app.close_reporting_round(KEY, SECRETARIAT)
    app.start_revision(KEY, SECRETARIAT)
    app.add_measure(KEY, "1.1.2", "Nytt tiltak frå juni", SECRETARIAT, responsible=[ASU])
    adopt(app, (ASU,), date(2025, 6, 10), 12)
    models = ReadModels.open(app)
    models.read_your_writes()

    report = models.annual_report(KEY, 2025, date(2026, 1, 15))

    (missing,) = [s for s in report.sections if isinstance(s, MissingSection)]
    (april,) = missing.rounds
    assert april.missing == ()
    assert april.outcome == "Alle organene har rapportert."

"""The annual report reads reports and evaluations as bodies made them: on the version in force.

A report that names no body speaks for the bodies the version in force gives the measure,
under the number it has there, whatever the draft under way has changed; a measure an
adoption left out is evaluated for the year it was in force until, and that evaluation is
in the report of the year.
"""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.plan import plan_id
from domain.provenance import Provenance, Source
from projections import ReadModels
from projections.report_model import EvaluationsSection
from projections.status_history import status_history
from tests.projections.plans import KEY, SECRETARIAT, adopt, draft, revise

DAY = date(2025, 9, 1)
PASIENT = "Fagråd for pasientsamarbeid"
DECIDED = Provenance("Sekretariatet", Source.CLI, reason="Statusrunde", decision="SSU sak 40/25")


def test_a_report_naming_no_body_speaks_for_the_bodies_in_force_under_the_number_in_force(
    app: Planlogg,
) -> None:
    """The draft gives 1.2.1 to the legesamarbeid fagråd and moves 1.1.1 to 1.1.5."""
    draft(app)
    adopt(app, ("ASU",), date(2025, 3, 13), 11)
    revise(app)
    app.move_measure(KEY, "1.1.1", "1.1.5", SECRETARIAT)
    app.open_reporting_round(KEY, date(2025, 9, 11), ["ASU", PASIENT], DECIDED)
    app.report_status(KEY, "1.2.1", "gul", "", SECRETARIAT, reported_on=DAY)
    app.report_status(KEY, "1.1.1", "grønn", "", SECRETARIAT, reported_on=DAY)
    history = status_history(app.events.get(plan_id(KEY)))
    assert [(r.number, r.responsible, r.bodies()) for r in history] == [
        ("1.2.1", (PASIENT,), (PASIENT,)),
        ("1.1.1", ("ASU",), ("ASU",)),
    ]


def test_a_measure_left_out_is_in_the_evaluations_of_the_year_it_was_in_force_until(
    app: Planlogg, models: ReadModels
) -> None:
    """2.1.2 is left out of version 2, adopted on 10.02.2026, and evaluated for 2026."""
    draft(app)
    adopt(app, ("ASU",), date(2025, 3, 13), 11)
    revise(app)
    adopt(app, ("ASU",), date(2026, 2, 10), 21)
    app.evaluate_measure(
        KEY, "2.1.2", 2026, "delvis", "Ein pilot i to kommunar", "avslutte", "ASU",
        SECRETARIAT, evaluated_on=date(2026, 2, 20),
    )  # fmt: skip
    models.catch_up()
    report = models.annual_report(KEY, 2026, date(2026, 3, 1))
    [section] = [s for s in report.sections if isinstance(s, EvaluationsSection)]
    assert [(line.number, line.led_to) for line in section.measures] == [
        ("2.1.2", "Ein pilot i to kommunar")
    ]

"""The dashboard and the annual report made the same day show the same light for a measure.

ASU reported 1.1.1 yellow on 20.09.2025 in the open round; the next day the secretariat typed
in ASU's paper report dated 05.09 (green), which replaced the round's light. The dashboard
(and the trend) counted 1.1.1 green; the annual report for 2025 made that day counted it
yellow, by the newest date rather than the report that stands in the round."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from projections.report_model import StatusSection
from tests.projections.plans import KEY, SECRETARIAT, adopt, draft

ASU = "ASU"
DECIDED = Provenance("Sekretariatet", Source.CLI, reason="Statusrunde", decision="SSU sak 40/25")
TODAY = date(2025, 9, 21)


def in_a_round(app: Planlogg) -> Planlogg:
    """The plan adopted by ASU, with a round open to ASU until 30.09.2025."""
    draft(app)
    adopt(app, (ASU,), date(2025, 3, 13), 11)
    app.open_reporting_round(KEY, date(2025, 9, 30), [ASU], DECIDED)
    return app


def test_a_status_typed_in_late_is_the_same_light_on_the_dashboard_and_in_the_report(
    memory_app: Planlogg,
) -> None:
    app = in_a_round(memory_app)
    app.report_status(
        KEY, "1.1.1", "gul", "Forseinka", SECRETARIAT,
        reported_on=date(2025, 9, 20), body=ASU, today=date(2025, 9, 20),
    )  # fmt: skip
    app.report_status(
        KEY, "1.1.1", "grønn", "Papirrapport", SECRETARIAT,
        reported_on=date(2025, 9, 5), body=ASU, today=TODAY,
    )  # fmt: skip
    models = ReadModels.open(app)
    models.read_your_writes()

    dashboard = models.dashboard(KEY, TODAY)
    report = models.annual_report(KEY, 2025, TODAY)

    (status,) = [s for s in report.sections if isinstance(s, StatusSection)]
    in_report = [(f"{a.number} ", a.count("green"), a.count("yellow")) for a in status.areas]
    on_dashboard = [(c.name.split(" ")[0] + " ", c.green, c.yellow) for c in dashboard.by_area]
    assert in_report == on_dashboard


def test_a_status_reported_on_the_day_the_report_is_made_is_in_it(memory_app: Planlogg) -> None:
    app = in_a_round(memory_app)
    app.report_status(
        KEY, "1.1.1", "gul", "Forseinka", SECRETARIAT,
        reported_on=TODAY, body=ASU, today=TODAY,
    )  # fmt: skip
    models = ReadModels.open(app)
    models.read_your_writes()

    report = models.annual_report(KEY, 2025, TODAY)

    (status,) = [s for s in report.sections if isinstance(s, StatusSection)]
    assert status.as_of == TODAY
    measure = status.areas[0].measures[0]
    assert (measure.number, measure.colour, measure.comment, measure.reported_on) == (
        "1.1.1", "yellow", "Forseinka", TODAY,
    )  # fmt: skip

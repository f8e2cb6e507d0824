"""A body that reports the same colour and comment again in a later round (common: "green, i
rute" each autumn) makes a status report with a new reporter and a new day. The audit trail
writes the day reported (`status_reported_on`), so the second report is a row in the
measure's timeline: an auditor sees that it was reported, by whom and when."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from projections import ReadModels


def test_a_report_repeating_the_last_one_is_in_the_measures_timeline(
    memory_app: Planlogg,
) -> None:
    load_demo(memory_app)
    first = Provenance("Kari Fagråd", Source.WEB)
    second = Provenance("Ola Fagråd", Source.WEB)
    memory_app.report_status(DEMO_PLAN, "1.2.1", "gul", "Forsinka", first, date(2024, 3, 4))
    memory_app.report_status(DEMO_PLAN, "1.2.1", "gul", "Forsinka", second, date(2024, 9, 4))
    models = ReadModels.open(memory_app)
    models.read_your_writes()
    assert models.latest_measures(DEMO_PLAN)["T018"].status.reporter == "Ola Fagråd"
    timeline = models.measure_timeline(DEMO_PLAN, "1.2.1")
    assert [
        (row.field, row.before, row.after) for row in timeline if row.actor == "Ola Fagråd"
    ] == [("status_reported_on", "2024-03-04", "2024-09-04")]

"""Every measure counted per area is counted per responsible body too.

2.1.2 has no responsible body and is reported red. The dashboard's table per area has one red
measure; the table per responsible body had none: the measure was in no row at all (the
annual report puts such reports under "Uten ansvarlig organ")."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from projections import ReadModels
from tests.projections.plans import KEY, SECRETARIAT, adopt, draft

TODAY = date(2025, 9, 1)


def test_a_measure_without_a_responsible_body_is_not_left_out_of_the_counts_per_body(
    memory_app: Planlogg,
) -> None:
    app = memory_app
    draft(app)
    adopt(app, ("ASU",), date(2025, 3, 13), 11)
    app.report_status(KEY, "2.1.2", "raud", "Ikkje starta", SECRETARIAT, reported_on=TODAY)
    models = ReadModels.open(app)
    models.read_your_writes()

    dashboard = models.dashboard(KEY, TODAY)

    assert sum(c.red for c in dashboard.by_area) == 1
    assert sum(c.red for c in dashboard.by_body) == 1

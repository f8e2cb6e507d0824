"""the annual report checks the year against the draft's period, not the period of
the version in force it reports on. The revision being drafted for 2025–2027 (the demo's
version 2) made the report on 2024, about version 1 (2022–2025, in force all that year),
impossible: "Det finnes ingen årsrapport for 2024: planperioden er 2025–2027."."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from projections import ReadModels

BY = Provenance("Sekretariatet", Source.CLI)


def test_a_draft_for_later_years_leaves_the_report_on_the_version_in_force(
    memory_app: Planlogg,
) -> None:
    load_demo(memory_app)
    memory_app.change_period(DEMO_PLAN, 2025, 2027, BY)
    models = ReadModels.open(memory_app)
    models.read_your_writes()
    title = models.annual_report(DEMO_PLAN, 2024, date(2025, 1, 15)).title
    assert (title.document, title.period) == ("Årsrapport 2024", "2022–2025")

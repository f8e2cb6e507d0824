"""The annual report lists a report once, and names a body once, after two of a measure's
bodies were merged into one.

Measure 1.1.1 is FPS's and SSU's, and is reported on for no body in particular (so for both).
SSU is then merged into FPS. The dashboard counts the report once, under FPS; the annual
report listed it twice under FPS in "Rapportert av organene", and named FPS twice as the
measure's responsible body. Both now take each body once (`BodyRegister.distinct`).
"""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.provenance import Provenance
from projections import ReadModels
from projections.report_model import BodyReportsSection, StatusSection

MADE_ON = date(2025, 6, 1)
FPS = "Fagråd for pasientsamarbeid"


@pytest.fixture
def merged_bodies(memory_app: Planlogg, by: Provenance) -> ReadModels:
    app = memory_app
    app.register_community("hf", "Helsefellesskapet", by)
    app.create_plan("plan", "Plan", "hf", 2025, 2026, by)
    app.add_area("plan", "1", "Område", by)
    app.add_goal("plan", "1.1", "Mål", by)
    app.add_body("hf", FPS, "fagleg", by, short_name="FPS")
    app.add_body("hf", "Strategisk samarbeidsutval", "strategisk", by, aliases=["SSU"])
    app.add_measure("plan", "1.1.1", "Felles tiltak", by, responsible=["FPS", "SSU"])
    app.report_status("plan", "1.1.1", "grønn", "Ferdig", by, reported_on=date(2025, 3, 1))
    app.merge_bodies("hf", ["Strategisk samarbeidsutval"], FPS, by)
    models = ReadModels.open(app)
    models.catch_up()
    return models


def test_a_merged_bodys_report_is_listed_once_as_the_dashboard_counts_it(
    merged_bodies: ReadModels,
) -> None:
    board = merged_bodies.dashboard("plan", today=MADE_ON)
    assert [(b.name, b.green) for b in board.by_body] == [(FPS, 1)]
    report = merged_bodies.annual_report("plan", 2025, MADE_ON)
    (section,) = [s for s in report.sections if isinstance(s, BodyReportsSection)]
    assert [(b.body, [r.number for r in b.reports]) for b in section.bodies] == [(FPS, ["1.1.1"])]


def test_a_merged_body_is_named_once_as_responsible(merged_bodies: ReadModels) -> None:
    report = merged_bodies.annual_report("plan", 2025, MADE_ON)
    (status,) = [s for s in report.sections if isinstance(s, StatusSection)]
    assert [(m.number, m.responsible) for a in status.areas for m in a.measures] == [
        ("1.1.1", (FPS,))
    ]

"""The annual report names a round's body once when the body was merged into another of
the round's bodies while the round was open.

The dashboard counts the round's bodies as the register resolves them (one body, by the
first name the round gave it: `test_bodies`). The annual report's section on the bodies
that have not reported listed the round's names one by one, each by its registered name:
a body merged into another of the round stood twice among the round's bodies, and twice
among those that did not report.
"""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.provenance import Provenance
from projections import ReadModels
from projections.report_model import MissingSection

KEY = "plan"
DECIDED = Provenance("Kari Nordmann", "cli", reason="runde", decision="SSU sak 11/24")
FPS = "Fagråd for pasientsamarbeid"


@pytest.fixture
def planned(app: Planlogg, by: Provenance) -> Planlogg:
    app.register_community("hf", "Helsefellesskapet", by)
    app.create_plan(KEY, "Plan", "hf", 2025, 2026, by)
    app.add_area(KEY, "1", "Område", by)
    app.add_goal(KEY, "1.1", "Mål", by)
    app.add_body("hf", FPS, "fagleg", by, short_name="FPS")
    app.add_body("hf", "Strategisk samarbeidsutval", "strategisk", by, aliases=["SSU"])
    app.add_measure(KEY, "1.1.1", "Pasientsamarbeid", by, responsible=["FPS"])
    app.add_measure(KEY, "1.1.2", "Strategisk", by, responsible=["SSU"])
    return app


def test_a_round_body_merged_into_another_is_named_once_in_the_annual_report(
    planned: Planlogg, by: Provenance
) -> None:
    models = ReadModels.open(planned)
    planned.open_reporting_round(KEY, date(2025, 9, 11), ["FPS", "SSU"], DECIDED)
    planned.merge_bodies("hf", ["Strategisk samarbeidsutval"], FPS, by)
    models.catch_up()
    board = models.dashboard(KEY, today=date(2025, 9, 12))
    assert board.open_round is not None
    assert board.open_round.missing_bodies == (FPS,)

    report = models.annual_report(KEY, 2025, date(2025, 12, 1))

    (section,) = [s for s in report.sections if isinstance(s, MissingSection)]
    (outcome,) = section.rounds
    assert outcome.bodies == (FPS,)
    assert outcome.missing == (FPS,)

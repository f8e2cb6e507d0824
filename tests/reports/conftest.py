"""The St. Olavs demo as read models, shared by the report tests (which only read it)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from projections import ReadModels


@pytest.fixture(scope="session")
def models() -> ReadModels:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    app.set_evaluation_plan(
        DEMO_PLAN,
        "0.1.1",
        {"objective": "Felles årshjul i bruk", "methods": "Questback"},
        Provenance("Sekretariatet", Source.CLI),
    )
    app.evaluate_measure(
        DEMO_PLAN, "0.1.1", 2024, "delvis", "Eit felles årshjul for AU.", "endre",
        "AU og Sekretariat", Provenance("Sekretariatet", Source.CLI),
        evaluated_on=date(2024, 12, 3),
    )  # fmt: skip
    read = ReadModels.open(app)
    read.read_your_writes()
    return read

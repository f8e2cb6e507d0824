"""A decision cited in other letter case is found, also when its body begins with Æ, Ø or Å.

The read models compare decisions with SQL `LOWER()`, which in SQLite lowers only A-Z: on
the default store «ålesund kommune sak 12/25» found no rows and was refused as unregistered,
while «ÅLESUND KOMMUNE sak 12/25» was found. Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.application import Planlogg
from projections import AuditQuery, ReadModels
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT


def _cited_by_a_change(app: Planlogg, models: ReadModels) -> str:
    plans.draft(app)
    plans.community(app)
    case = app.record_decision(
        "hf", "sak 12/25", "Ålesund kommune", date(2025, 1, 10), "Ny tekst.", SECRETARIAT, plan=KEY
    )
    app.reword_measure(
        KEY, "1.1.1", "Kartlegge behov i Ålesund", replace(SECRETARIAT, decision=case)
    )
    models.catch_up()
    return case


def test_the_history_filter_finds_a_decision_typed_in_lower_case(app: Planlogg) -> None:
    models = ReadModels.open(app)
    case = _cited_by_a_change(app, models)
    assert case == "Ålesund kommune sak 12/25"
    as_recorded = models.history(AuditQuery(decision=case)).total
    assert as_recorded == 2
    assert models.history(AuditQuery(decision="ålesund kommune sak 12/25")).total == as_recorded


def test_a_decision_typed_in_lower_case_is_registered(app: Planlogg) -> None:
    models = ReadModels.open(app)
    case = _cited_by_a_change(app, models)
    assert models.registered_decision("ålesund kommune sak 12/25") == case


def test_the_sheets_decision_tab_dates_a_decision_typed_in_lower_case(app: Planlogg) -> None:
    models = ReadModels.open(app)
    _cited_by_a_change(app, models)
    assert models.meeting_days(["ÅLESUND kommune SAK 12/25"]) == {
        "ålesund kommune sak 12/25": "2025-01-10"
    }

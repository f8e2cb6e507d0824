"""The round `round show` shows (`Plan.shown_round`): the one named, open or closed; else the
open one; else the one closed last, R10 after R9 (not by the letters of its ID)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import RuleError, ValidationError
from domain.provenance import Provenance, Source
from tests.domain.test_plan import new_plan

DECIDED = Provenance("Sekretariatet", Source.CLI, decision="SSU sak 11/24")


def test_without_a_name_the_open_round_else_the_one_closed_last() -> None:
    plan = new_plan()
    with pytest.raises(RuleError) as none:
        plan.shown_round()
    assert none.value.message == "Ingen rapporteringsrunde er åpen."
    for _ in range(10):
        plan.open_reporting_round(date(2025, 9, 11), ["FSU"], DECIDED)
        plan.close_reporting_round(DECIDED)
    assert plan.shown_round() == "R10"
    assert plan.shown_round(" r9 ") == "R9"
    plan.open_reporting_round(date(2025, 9, 11), ["FSU"], DECIDED)
    assert (plan.shown_round(), plan.shown_round(""), plan.shown_round("R2")) == (
        "R11",
        "R11",
        "R2",
    )


def test_a_round_the_plan_never_had_is_refused_by_the_words_a_close_is() -> None:
    plan = new_plan()
    plan.open_reporting_round(date(2025, 9, 11), ["FSU"], DECIDED)
    with pytest.raises(ValidationError) as shown:
        plan.shown_round("R2")
    with pytest.raises(ValidationError) as closed:
        plan.close_reporting_round(DECIDED, "R2")
    assert shown.value.message == closed.value.message
    assert shown.value.message == f"Planen {plan.key} har ingen rapporteringsrunde «R2»."

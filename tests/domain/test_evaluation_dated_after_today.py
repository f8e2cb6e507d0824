"""An evaluation dated in days to come would evaluate a year that has not begun: refused."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.errors import ValidationError
from domain.provenance import Provenance, Source
from tests.conftest import NorwegianClock

BY = Provenance("Kari", Source.CLI, reason="evaluering")


def test_an_evaluation_dated_after_today_is_refused_and_stores_nothing(
    norwegian_clock: type[NorwegianClock], memory_app: Planlogg
) -> None:
    # Today in Norway is 2 March 2025; 2026 has not begun. `measure evaluate … --year 2026
    # --date 15.01.2026` (or the web form's Dato) must not get round «før året har begynt».
    memory_app.create_plan("hf-2025", "Handlingsplan", "hf", 2025, 2026, BY)
    memory_app.add_area("hf-2025", "1", "Samhandling", BY)
    memory_app.add_goal("hf-2025", "1.1", "Betre overgangar", BY)
    measure_id = memory_app.add_measure("hf-2025", "1.1.1", "Felles rutine", BY)
    with pytest.raises(ValidationError) as refused:
        memory_app.evaluate_measure(
            "hf-2025", "1.1.1", 2026, "oppnådd", "Rutinen er i bruk.", "videreføre", "SSU",
            BY, evaluated_on=date(2026, 1, 15),
        )  # fmt: skip
    assert refused.value.message == (
        "En evaluering kan ikke være gjort 15.01.2026, som er etter dagens dato (02.03.2025)."
    )
    assert memory_app.get_plan("hf-2025").measure(measure_id).evaluations == {}

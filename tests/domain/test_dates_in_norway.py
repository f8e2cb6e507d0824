"""What Planlogg dates "today" for a person is the day in Norway, whatever zone the server
runs in: a status reported, a measure evaluated or a hearing answered at 00:30 Norwegian
time on 2 March 2025 (23:30 UTC on 1 March) is dated 2 March. Servers run in UTC; a date
from their own clock made a report made just after midnight, past a round's deadline, look
on time."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from tests.conftest import NorwegianClock

BY = Provenance("Kari", Source.CLI)
NORWEGIAN_DAY = date(2025, 3, 2)


def test_a_status_reported_after_midnight_in_norway_is_dated_that_day(
    norwegian_clock: type[NorwegianClock], memory_app: Planlogg
) -> None:
    load_demo(memory_app)
    memory_app.report_status(DEMO_PLAN, "1.2.1", "gul", "Forseinka", BY)
    status = memory_app.get_plan(DEMO_PLAN).find_measure("1.2.1").status
    assert status is not None
    assert status.reported_on == NORWEGIAN_DAY


def test_an_evaluation_after_midnight_in_norway_is_dated_that_day(
    norwegian_clock: type[NorwegianClock], memory_app: Planlogg
) -> None:
    load_demo(memory_app)
    memory_app.evaluate_measure(
        DEMO_PLAN, "1.2.1", 2024, "oppnådd", "Felles rutine", "videreføre", "PSU", BY
    )
    evaluation = memory_app.get_plan(DEMO_PLAN).find_measure("1.2.1").evaluations[2024]
    assert evaluation.evaluated_on == NORWEGIAN_DAY

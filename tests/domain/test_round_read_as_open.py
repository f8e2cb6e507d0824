"""A change of the round read as open (closing it, changing its reminders) is refused, with
nothing recorded, once it is no longer the open one; and what a round is opened with a
warning about is worked out once (`opening_warnings`), for the command line and the page."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import ConcurrentEditError, RuleError
from domain.provenance import Provenance, Source
from domain.reminders import opening_warnings
from tests.domain.test_plan import new_plan

DECIDED = Provenance("Sekretariatet", Source.CLI, decision="SSU sak 11/24")


def test_reminders_of_a_round_replaced_since_it_was_read_are_not_changed() -> None:
    plan = new_plan()
    plan.open_reporting_round(date(2025, 9, 11), ["FSU"], DECIDED)
    plan.close_reporting_round(DECIDED, "R1")
    plan.open_reporting_round(date(2025, 12, 1), ["FSU"], DECIDED)
    plan.collect_events()

    with pytest.raises(ConcurrentEditError) as refused:
        plan.set_reminder_schedule((7,), DECIDED, "R1")

    assert refused.value.message == (
        "Rapporteringsrunde R1 er lukket, og runde R2 er åpnet etter at du hentet den. "
        "Ingenting er lagret. Se over påminnelsene i runde R2, og endre dem om du fortsatt vil."
    )
    assert plan.collect_events() == []
    assert plan.rounds["R2"].schedule == (14, 3, -1)
    plan.set_reminder_schedule((7,), DECIDED, "R2")
    assert plan.rounds["R2"].schedule == (7,)


def test_a_round_closed_since_it_was_read_is_not_closed_again() -> None:
    plan = new_plan()
    plan.open_reporting_round(date(2025, 9, 11), ["FSU"], DECIDED)
    plan.close_reporting_round(DECIDED, "R1")
    plan.collect_events()

    with pytest.raises(RuleError) as refused:
        plan.close_reporting_round(DECIDED, "R1")

    assert refused.value.message == (
        "Rapporteringsrunde R1 er allerede lukket, og ingen runde er åpen. Ingenting er lagret."
    )
    assert plan.collect_events() == []


def test_a_round_opened_late_and_after_the_period_is_warned_of() -> None:
    found = opening_warnings(date(2026, 10, 1), (14, 3, -1), date(2026, 9, 29), 2022, 2025)

    assert found.passed() == ""
    assert (found.due, found.to_come) == (3, (-1,))
    assert found.after_period() == (
        "Fristen er etter planperioden 2022–2025, og runden kommer ikke med i noen årsrapport."
    )


def test_a_round_opened_in_time_in_the_period_is_warned_of_nothing() -> None:
    found = opening_warnings(date(2025, 10, 1), (14, 3, -1), date(2025, 9, 1), 2022, 2025)

    assert (found.passed(), found.due, found.to_come, found.after_period()) == (
        "",
        None,
        (14, 3, -1),
        "",
    )


def test_a_deadline_passed_is_said_with_today() -> None:
    found = opening_warnings(date(2025, 10, 1), (14, 3, -1), date(2025, 10, 6), 2022, 2025)

    assert found.passed() == (
        "Fristen 01.10.2025 er allerede passert (i dag er 06.10.2025). Runden er åpnet likevel."
    )
    assert (found.due, found.to_come) == (-1, ())


@pytest.mark.parametrize(
    ("deadline", "schedule", "surprising"),
    [
        (date(2025, 10, 1), (14, 3, -1), False),  # the first step 17.09: to come
        (date(2025, 9, 14), (14, 3, -1), True),  # 14 days before is 31.08: due already
        (date(2025, 9, 14), (3, -1), False),
        (date(2025, 8, 31), (), True),  # passed, with no reminder
        (date(2025, 9, 1), (), False),  # today's is not passed
    ],
)
def test_a_page_asks_before_a_round_passed_or_with_a_reminder_due_is_opened(
    deadline: date, schedule: tuple[int, ...], surprising: bool
) -> None:
    """Opened 01.09.2025: what the page asks to be confirmed before it opens the round."""
    found = opening_warnings(deadline, schedule, date(2025, 9, 1), 2022, 2025)
    assert found.surprising == surprising

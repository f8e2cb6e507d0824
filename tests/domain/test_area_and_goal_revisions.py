"""Areas and goals have a revision, as measures do: an edit made on a stale one is refused.

The revision is the count of the area's or goal's own events, so nothing new is stored:
it follows from the events already recorded, and is the same after a snapshot.
"""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from domain.errors import ConcurrentEditError, NotFoundError, PlanloggError
from domain.plan import Plan, plan_id
from domain.plan_state import AreaState, GoalState
from domain.provenance import Provenance, Source
from domain.state_json import from_json

PER = Provenance("Per Hansen", Source.WEB, reason="test")
KARI = Provenance("Kari Nordmann", Source.WEB, reason="test")


def new_plan() -> Plan:
    plan = Plan.start("hf-2025", "Handlingsplan 2025", "hf", 2025, 2026, PER)
    plan.add_area("1", "Pasientforløp", PER)
    plan.add_goal("1.2", "Skrøpelige eldre", PER)
    plan.collect_events()
    return plan


def events_of(plan: Plan) -> list[str]:
    return [type(e).__name__ for e in plan.collect_events()]


def test_an_area_moves_on_one_revision_per_change() -> None:
    plan = new_plan()
    assert plan.area("1").revision == 1
    assert plan.rename_area("01", "Heilskaplege pasientforløp", PER) == 2
    assert plan.rename_area("1", "Pasientforløp for alle", PER, expected_revision=2) == 3
    assert plan.area("1") == AreaState(title="Pasientforløp for alle", revision=3)


def test_renaming_an_area_on_a_stale_revision_is_refused_and_records_nothing() -> None:
    plan = new_plan()
    plan.rename_area("1", "Pers tittel", PER, expected_revision=1)
    plan.collect_events()
    with pytest.raises(ConcurrentEditError) as refused:
        plan.rename_area("1", "Karis tittel", KARI, expected_revision=1)
    assert refused.value.message == (
        "Innsatsområde 1 er endret av noen andre siden du hentet det (endringsnummer 1, nå 2). "
        "Hent innsatsområdet på nytt og prøv igjen."
    )
    assert events_of(plan) == []
    assert plan.area("1").title == "Pers tittel"


def test_a_goal_moves_on_one_revision_per_change_and_keeps_counting_when_added_again() -> None:
    """A goal removed and added again does not start over at 1: an edit read before the
    removal would otherwise pass for one read of the goal added since."""
    plan = new_plan()
    assert plan.reword_goal("1.2", "Eldre med skrøpelegheit", PER, expected_revision=1) == 2
    assert plan.remove_goal("1.2", PER, expected_revision=2) == 3
    assert plan.add_goal("1.2", "Eit nytt mål", PER) == 4
    assert plan.goal("1.02") == GoalState(area="1", text="Eit nytt mål", revision=4)


@pytest.mark.parametrize(
    "edit",
    [
        lambda plan, seen: plan.reword_goal("1.2", "Karis mål", KARI, expected_revision=seen),
        lambda plan, seen: plan.remove_goal("1.2", KARI, expected_revision=seen),
    ],
    ids=["reword", "remove"],
)
def test_rewording_or_removing_a_goal_on_a_stale_revision_is_refused(edit) -> None:
    plan = new_plan()
    plan.reword_goal("1.2", "Pers mål", PER, expected_revision=1)
    plan.collect_events()
    with pytest.raises(ConcurrentEditError) as refused:
        edit(plan, 1)
    assert refused.value.message == (
        "Mål 1.2 er endret av noen andre siden du hentet det (endringsnummer 1, nå 2). "
        "Hent målet på nytt og prøv igjen."
    )
    assert events_of(plan) == []
    assert plan.goal("1.2") == GoalState(area="1", text="Pers mål", revision=2)


def test_an_area_or_goal_that_is_not_there_is_not_found() -> None:
    plan = new_plan()
    plan.add_goal("1.3", "Fjernast", PER)
    plan.remove_goal("1.3", PER)
    with pytest.raises(NotFoundError, match="Innsatsområde 7 finnes ikke"):
        plan.area("7")
    with pytest.raises(NotFoundError, match=r"Mål 1\.3 finnes ikke"):
        plan.goal("1.3")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda plan: plan.add_area("x", "Samhandling", PER),
            '"x" er ikke et nummer på et innsatsområde (0, 1, 2 …).',
        ),
        (
            lambda plan: plan.add_area("01", "Samhandling", PER),
            "Innsatsområde 1 finnes allerede.",
        ),
        (
            lambda plan: plan.add_area("2", " ", PER),
            "Tittelen på innsatsområdet må fylles ut.",
        ),
        (
            lambda plan: plan.rename_area("1", "", PER),
            "Tittelen på innsatsområdet må fylles ut.",
        ),
        (
            lambda plan: plan.add_goal("3.1", "Mål", PER),
            "Innsatsområde 3 finnes ikke. Legg til innsatsområdet først.",
        ),
    ],
    ids=["number", "taken", "empty-title", "empty-new-title", "goal-without-area"],
)
def test_a_refused_area_is_called_an_innsatsområde(edit, message: str) -> None:
    """The pages, the API and the command line call it «innsatsområde»; so do the refusals."""
    plan = new_plan()
    with pytest.raises(PlanloggError) as refused:
        edit(plan)
    assert refused.value.message == message


def test_a_snapshot_from_before_revisions_reads_each_area_and_goal_at_its_first() -> None:
    """Such a snapshot's areas and goals were never tagged, so no tag held can match wrongly."""
    assert from_json(AreaState, {"title": "T", "removed": False}) == AreaState("T", revision=1)
    assert from_json(GoalState, {"area": "1", "text": "M", "removed": True}) == GoalState(
        "1", "M", removed=True, revision=1
    )


def test_revisions_read_back_alike_from_a_snapshot_on_each_database(database_url: str) -> None:
    app = Planlogg.from_url(database_url)
    try:
        app.create_plan("hf-2025", "Handlingsplan 2025", "hf", 2025, 2026, PER)
        app.add_area("hf-2025", "1", "Pasientforløp", PER)
        app.add_goal("hf-2025", "1.2", "Skrøpelige eldre", PER)
        for n in range(100):
            app.rename_area("hf-2025", "1", f"Tittel {n}", PER, expected_revision=n + 1)
        assert app.reword_goal("hf-2025", "1.2", "Nytt mål", PER, expected_revision=1) == 2
        assert app.snapshots is not None
        assert [s.originator_version for s in app.snapshots.get(plan_id("hf-2025"))] == [100]
    finally:
        app.close()
    fresh = Planlogg.from_url(database_url)
    try:
        plan = fresh.get_plan("hf-2025")
        assert (plan.area("1").revision, plan.goal("1.2").revision) == (101, 2)
        with pytest.raises(ConcurrentEditError, match=r"endringsnummer 100, nå 101"):
            fresh.rename_area("hf-2025", "1", "For seint", KARI, expected_revision=100)
        assert fresh.rename_area("hf-2025", "1", "I tide", KARI, expected_revision=101) == 102
    finally:
        fresh.close()

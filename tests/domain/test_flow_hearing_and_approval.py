"""The hearing → approval → adoption flow as a secretariat keeps it: dates that can be
true, approvals that cite their case one way, and approvals at the same moment."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest

from domain.application import Planlogg
from domain.errors import RefusedAt, RuleError, ValidationError
from domain.hearing import HearingResponse, check_answer_date
from domain.plan import Plan, plan_id
from domain.plan_state import PlanHeader
from domain.plan_upcast import plan_state_v5_to_v6
from domain.provenance import Provenance, Source
from domain.state_json import from_json, to_json
from domain.vocabulary import Stage

BY = Provenance("Siri Sekretær", Source.CLI, reason="test")
KEY = "hf-2025"


def plan_on_hearing() -> Plan:
    plan = Plan.start(KEY, "Handlingsplan 2025", "hf", 2025, 2026, BY)
    plan.add_area("1", "Pasientforløp", BY)
    plan.add_goal("1.1", "Tidleg innsats", BY)
    plan.add_measure("1.1.1", "Etablere arbeidsgruppe", BY, responsible=["ASU"])
    plan.send_on_hearing(date(2025, 3, 1), BY, ["Molde kommune"], sent_on=date(2025, 2, 3))
    return plan


def small_plan(app: Planlogg) -> None:
    app.create_plan(KEY, "Handlingsplan 2025", "hf", 2025, 2026, BY)
    app.add_area(KEY, "1", "Pasientforløp", BY)
    app.add_goal(KEY, "1.1", "Tidleg innsats", BY)
    app.add_measure(KEY, "1.1.1", "Etablere arbeidsgruppe", BY, responsible=["ASU"])


# --- answers to hearing responses ------------------------------------------------------


def test_an_answer_dated_before_its_response_came_in_is_refused_and_nothing_recorded() -> None:
    """An answer of 20.02.2024 to a response received 20.02.2025 was kept as typed."""
    plan = plan_on_hearing()
    plan.receive_hearing_response("Molde kommune", date(2025, 2, 20), "Vi støtter planen.", BY)
    plan.collect_events()
    with pytest.raises(ValidationError) as refused:
        plan.answer_hearing_response("F1", "Takk, teke til følgje.", date(2024, 2, 20), BY)
    assert refused.value.message == (
        "Svaret kan ikke være datert 20.02.2024: uttalelsen F1 fra Molde kommune "
        "kom inn 20.02.2025."
    )
    assert plan.collect_events() == []
    assert plan.hearing().responses[0].answer is None


def test_an_answer_on_the_day_its_response_came_in_is_kept() -> None:
    response = HearingResponse("F1", "Molde kommune", date(2025, 2, 20), "Vi støtter planen.")
    check_answer_date(response, date(2025, 2, 20))
    with pytest.raises(ValidationError):
        check_answer_date(response, date(2025, 2, 19))


# --- approvals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case", ["12/25", "sak 12/25", "ASU sak 12/25", "asu sak 12/2025", "ASU-sak 12/25"]
)
def test_an_approval_is_kept_citing_its_case_the_one_way_decisions_are_registered(
    case: str,
) -> None:
    """Kept as typed, the same case showed as "ASU, 12/25", "ASU, asu sak 12/2025" …
    on the public page, and the approvals table could not be matched to the decision."""
    plan = plan_on_hearing()
    version = plan.submit(["ASU"], BY)
    assert plan.approve(version, "ASU", case, date(2025, 3, 13), BY) is True
    submission = plan.header.submission
    assert submission is not None
    assert submission.approvals["ASU"].case == "ASU sak 12/25"


def test_two_bodies_approving_at_the_same_moment_adopt_the_version_once(
    app: Planlogg,
) -> None:
    small_plan(app)
    version = app.submit(KEY, ["ASU", "PSU"], BY)
    start = threading.Barrier(2)
    adopted: dict[str, bool] = {}

    def approve(body: str, case: str) -> None:
        start.wait()
        adopted[body] = app.approve(KEY, version, body, case, date(2025, 3, 13), BY)

    threads = [
        threading.Thread(target=approve, args=("ASU", "ASU sak 12/25")),
        threading.Thread(target=approve, args=("PSU", "PSU sak 03/25")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(adopted.values()) == [False, True]
    plan = app.get_plan(KEY)
    assert plan.stage == Stage.ADOPTED
    assert plan.header.submission is not None
    assert sorted(plan.header.submission.approvals) == ["ASU", "PSU"]
    names = [type(e).__name__ for e in app.events_of(plan_id(KEY))]
    assert names.count("VersionAdopted") == 1


def test_one_body_approving_twice_at_the_same_moment_is_refused_once(app: Planlogg) -> None:
    small_plan(app)
    version = app.submit(KEY, ["ASU", "PSU"], BY)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(case: str) -> None:
        start.wait()
        try:
            app.approve(KEY, version, "ASU", case, date(2025, 3, 13), BY)
            outcomes.append(f"godkjent {case}")
        except RuleError as refused:
            outcomes.append(refused.message)

    threads = [threading.Thread(target=approve, args=(c,)) for c in ("sak 12/25", "sak 13/25")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[0] == "ASU har allerede godkjent versjon 1."
    assert sorted(outcomes)[1] in ("godkjent sak 12/25", "godkjent sak 13/25")
    names = [type(e).__name__ for e in app.events_of(plan_id(KEY))]
    assert names.count("VersionApproved") == 1


# --- a decision adopts one version --------------------------------------------------------


def test_a_case_that_adopted_an_earlier_version_approves_no_other_whatever_its_day() -> None:
    """The demo's version 1 was adopted under «ASU sak 12/22» of 10.03.2022; citing it for
    version 2 with that very day was accepted, and the public plan then showed version 2
    adopted by the meeting that adopted version 1."""
    plan = plan_on_hearing()
    plan.submit(["ASU"], BY)
    assert plan.approve(1, "ASU", "sak 12/22", date(2025, 3, 10), BY) is True
    plan.start_revision(BY)
    plan.submit(["ASU", "PSU"], BY)
    plan.collect_events()
    for case in ("sak 12/22", "ASU sak 12/2022", "asu-sak 12/22"):
        with pytest.raises(RefusedAt) as refused:
            plan.approve(2, "ASU", case, date(2025, 3, 10), BY)
        assert (refused.value.field, refused.value.message) == (
            "case",
            "ASU sak 12/22 vedtok en tidligere versjon av planen. Versjon 2 må ha sitt eget "
            "vedtak: skriv saksnummeret fra møtet der den ble vedtatt.",
        )
    assert plan.collect_events() == []
    assert plan.approve(2, "PSU", "sak 12/22", date(2025, 3, 12), BY) is False
    assert plan.header.adopting_cases == ("ASU sak 12/22",)


def test_the_adopting_cases_are_kept_in_a_snapshot_and_unknown_in_one_taken_before() -> None:
    """A version-5 snapshot of a plan adopted before cannot say which cases adopted it: they
    are unknown (None), and `Planlogg.get_plan` reads such a plan from its events; one of a
    plan never adopted knows there are none."""
    plan = plan_on_hearing()
    plan.submit(["ASU"], BY)
    plan.approve(1, "ASU", "sak 12/22", date(2025, 3, 10), BY)
    stored = to_json(plan.header)
    assert from_json(PlanHeader, stored).adopting_cases == ("ASU sak 12/22",)
    version_5 = {name: value for name, value in stored.items() if name != "adopting_cases"}
    adopted = {"header": from_json(PlanHeader, version_5)}
    plan_state_v5_to_v6(adopted)
    assert adopted["header"].adopting_cases is None
    never = {"header": replace(adopted["header"], adopted_version=None, adopting_cases=())}
    plan_state_v5_to_v6(never)
    assert never["header"].adopting_cases == ()

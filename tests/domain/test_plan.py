"""The plan aggregate's rules, exercised without any I/O."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import ConcurrentEditError, NotFoundError, RuleError, ValidationError
from domain.plan import Plan, StatusEntry
from domain.provenance import Provenance, Source
from domain.vocabulary import Colour, PatientGroup, Stage

BY = Provenance("Kari Nordmann", Source.WEB, reason="test")


def new_plan() -> Plan:
    plan = Plan.start("hf-2025", "Handlingsplan 2025", "hf", 2025, 2026, BY)
    plan.add_area("1", "Helhetlige pasientforløp", BY)
    plan.add_goal("1.2", "Skrøpelige eldre", BY)
    return plan


def events_of(plan: Plan) -> list[str]:
    return [type(e).__name__ for e in plan.collect_events()]


def test_creating_a_plan_records_who_and_where() -> None:
    plan = Plan.start("hf-2025", "Handlingsplan 2025", "hf", 2025, 2026, BY)
    (created,) = plan.collect_events()
    assert type(created).__name__ == "PlanCreated"
    assert created.by == BY
    assert plan.stage == Stage.DRAFT


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationError, match="slutter før"):
        Plan.start("hf", "Plan", "hf", 2026, 2025, BY)


def test_a_measure_belongs_to_the_goal_its_number_names() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1 A", "Etablere arbeidsgruppe", BY, responsible=["ASU"])
    measure = plan.measure(measure_id)
    assert (measure.number, measure.goal, measure.area) == ("1.2.1A", "1.2", "1")


def test_a_measure_under_a_missing_goal_is_refused() -> None:
    plan = new_plan()
    with pytest.raises(ValidationError, match=r"Målet 3\.1 finnes ikke"):
        plan.add_measure("3.1.1", "Tekst", BY)


def test_measure_numbers_are_unique_among_active_measures() -> None:
    plan = new_plan()
    plan.add_measure("1.2.1", "Første", BY)
    with pytest.raises(ValidationError, match="allerede i bruk"):
        plan.add_measure("1.2.1", "Andre", BY)


def test_rewording_records_a_past_tense_fact_and_bumps_the_revision() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Gammal tekst", BY)
    plan.collect_events()
    plan.reword_measure(measure_id, "Ny tekst", BY)
    assert events_of(plan) == ["MeasureReworded"]
    assert plan.measure(measure_id).text == "Ny tekst"
    assert plan.measure(measure_id).revision == 2


def test_rewording_to_the_same_text_records_nothing() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Tekst", BY)
    plan.collect_events()
    plan.reword_measure(measure_id, "  Tekst ", BY)
    assert events_of(plan) == []


def test_an_edit_based_on_a_stale_revision_is_refused() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Tekst", BY)
    plan.reword_measure(measure_id, "Endra av Per", BY, expected_revision=1)
    with pytest.raises(ConcurrentEditError, match="endret av noen andre"):
        plan.reword_measure(measure_id, "Endra av Kari", BY, expected_revision=1)
    assert plan.measure(measure_id).text == "Endra av Per"


@pytest.mark.parametrize(
    "edit",
    [
        lambda plan, m, seen: plan.link_measure(m, ["1.2.2"], [], BY, expected_revision=seen),
        lambda plan, m, seen: plan.set_smart_criteria(m, BY, "Andel", expected_revision=seen),
        lambda plan, m, seen: plan.set_evaluation_plan(
            m, {"objective": "Mål"}, BY, expected_revision=seen
        ),
        lambda plan, m, seen: plan.tag_measure(m, [], [3], BY, expected_revision=seen),
    ],
    ids=["links", "smart", "evaluation-plan", "tags"],
)
def test_links_smart_evaluation_plan_and_tags_check_the_revision_too(edit) -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Tekst", BY)
    plan.reword_measure(measure_id, "Endra av Per", BY, expected_revision=1)
    plan.collect_events()
    with pytest.raises(ConcurrentEditError) as refused:
        edit(plan, measure_id, 1)
    assert refused.value.message == (
        "Tiltak 1.2.1 er endret av noen andre siden du hentet det (endringsnummer 1, nå 2). "
        "Hent tiltaket på nytt og prøv igjen."
    )
    assert events_of(plan) == []
    edit(plan, measure_id, 2)
    assert plan.measure(measure_id).revision == 3


def test_restoring_checks_the_revision_the_caller_saw() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Tekst", BY)
    plan.remove_measure(measure_id, BY)
    plan.restore_measure(measure_id, BY, expected_revision=2)
    plan.remove_measure(measure_id, BY)
    plan.collect_events()
    with pytest.raises(ConcurrentEditError) as refused:
        plan.restore_measure(measure_id, BY, expected_revision=2)
    assert refused.value.message == (
        "Tiltak 1.2.1 er endret av noen andre siden du hentet det (endringsnummer 2, nå 4). "
        "Hent tiltaket på nytt og prøv igjen."
    )
    assert (events_of(plan), plan.measure(measure_id).removed) == ([], True)
    plan.restore_measure(measure_id, BY, expected_revision=4)
    assert plan.measure(measure_id).removed is False


def test_removal_is_an_event_and_can_be_undone() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Tekst", BY)
    plan.remove_measure(measure_id, BY)
    assert plan.active_measures() == []
    plan.restore_measure(measure_id, BY)
    assert [m.id for m in plan.active_measures()] == [measure_id]
    assert events_of(plan)[-2:] == ["MeasureRemoved", "MeasureRestored"]


def test_year_marks_keep_the_users_wording() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Tekst", BY, marks={2025: "X lgangsatt", 2026: "-"})
    assert plan.measure(measure_id).marks == {2025: "X lgangsatt", 2026: "-"}


def test_a_year_mark_outside_the_period_is_refused() -> None:
    plan = new_plan()
    with pytest.raises(ValidationError, match="utenfor planperioden"):
        plan.add_measure("1.2.1", "Tekst", BY, marks={2030: "x"})


def test_status_from_a_body_not_responsible_is_refused() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Tekst", BY, responsible=["FSU Eldre"])
    with pytest.raises(RuleError, match="ikke ansvarlig"):
        plan.report_status(measure_id, Colour.RED, "", date(2025, 3, 1), BY, body="LSU Nord")


def test_a_reporting_round_needs_a_decision() -> None:
    plan = new_plan()
    with pytest.raises(RuleError, match="vedtak"):
        plan.open_reporting_round(date(2025, 9, 11), ["FSU"], BY)


def test_a_second_round_is_refused_naming_the_round_still_open() -> None:
    plan = new_plan()
    by_decision = Provenance("Sekretariatet", Source.CLI, decision="SSU sak 11/24")
    plan.open_reporting_round(date(2025, 9, 11), ["FSU"], by_decision)
    with pytest.raises(RuleError) as refused:
        plan.open_reporting_round(date(2025, 12, 1), ["FSU"], by_decision)
    assert str(refused.value) == (
        "Rapporteringsrunde R1 (frist 11.09.2025, SSU sak 11/24) er fortsatt åpen. "
        "Lukk den før du åpner en ny."
    )
    assert plan.open_round_id() == "R1"


def test_status_reports_are_tied_to_the_open_round() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Tekst", BY, responsible=["FSU"])
    by_decision = Provenance("Sekretariatet", Source.CLI, decision="SSU sak 11/24")
    round_id = plan.open_reporting_round(date(2025, 9, 11), ["FSU"], by_decision)
    plan.report_status(measure_id, Colour.YELLOW, "Forseinka", date(2025, 9, 1), BY, body="FSU")
    status = plan.measure(measure_id).status
    assert status is not None
    assert (status.colour, status.round_id, status.reporter) == (
        Colour.YELLOW,
        round_id,
        "Kari Nordmann",
    )


def submitted_plan() -> tuple[Plan, int]:
    plan = new_plan()
    plan.add_measure("1.2.1", "Tekst", BY)
    version = plan.submit(["ASU", "PSU"], BY)
    return plan, version


def test_a_plan_is_adopted_only_when_every_required_body_has_approved() -> None:
    plan, version = submitted_plan()
    assert not plan.approve(version, "ASU", "ASU sak 11/25", date(2025, 3, 1), BY)
    assert plan.stage == Stage.SUBMITTED
    assert plan.approve(version, "PSU", "PSU sak 2/25", date(2025, 3, 8), BY)
    assert plan.stage == Stage.ADOPTED
    assert plan.header.adopted_version == version


def test_an_approval_of_a_version_changed_after_submission_is_refused() -> None:
    plan, version = submitted_plan()
    plan.reword_measure(plan.active_measures()[0].id, "Endra etter innsending", BY)
    with pytest.raises(RuleError, match="endret etter at den ble sendt"):
        plan.approve(version, "ASU", "sak 11/25", date(2025, 3, 1), BY)


def test_a_body_cannot_approve_twice_or_uninvited() -> None:
    plan, version = submitted_plan()
    plan.approve(version, "ASU", "sak 11/25", date(2025, 3, 1), BY)
    with pytest.raises(RuleError, match="allerede godkjent"):
        plan.approve(version, "ASU", "sak 12/25", date(2025, 3, 2), BY)
    with pytest.raises(RuleError, match="ikke blant"):
        plan.approve(version, "LSU", "sak 1/25", date(2025, 3, 2), BY)


def test_an_approval_of_another_version_is_refused() -> None:
    plan, version = submitted_plan()
    with pytest.raises(RuleError, match="ikke den som er sendt"):
        plan.approve(version + 1, "ASU", "sak 11/25", date(2025, 3, 1), BY)


def test_an_adopted_plan_is_not_edited_until_a_revision_starts() -> None:
    plan, version = submitted_plan()
    plan.approve(version, "ASU", "sak 11/25", date(2025, 3, 1), BY)
    plan.approve(version, "PSU", "sak 2/25", date(2025, 3, 8), BY)
    measure_id = plan.active_measures()[0].id
    with pytest.raises(RuleError, match="Start en revisjon"):
        plan.reword_measure(measure_id, "Ny", BY)
    plan.publish(BY)
    new_version = plan.start_revision(BY)
    plan.reword_measure(measure_id, "Ny", BY)
    assert (plan.stage, new_version, plan.header.adopted_version) == (
        Stage.DRAFT,
        version + 1,
        version,
    )


def test_status_can_be_reported_on_an_adopted_plan() -> None:
    plan, version = submitted_plan()
    plan.approve(version, "ASU", "sak 11/25", date(2025, 3, 1), BY)
    plan.approve(version, "PSU", "sak 2/25", date(2025, 3, 8), BY)
    measure_id = plan.active_measures()[0].id
    plan.report_status(measure_id, Colour.GREEN, "Ferdig", date(2025, 10, 1), BY)
    status = plan.measure(measure_id).status
    assert status is not None
    assert (status.colour, status.comment, status.reporter) == (
        Colour.GREEN,
        "Ferdig",
        "Kari Nordmann",
    )


def test_only_a_draft_goes_on_hearing_and_only_adopted_plans_are_published() -> None:
    plan, _ = submitted_plan()
    with pytest.raises(RuleError, match="utkast"):
        plan.send_on_hearing(date(2025, 2, 1), BY)
    with pytest.raises(RuleError, match="vedtatt plan"):
        plan.publish(BY)


def test_a_conflict_keeps_the_losing_value_until_resolved() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Tekst", BY)
    conflict_id = plan.record_conflict(measure_id, "Tiltak", "Frå Planlogg", "Frå arket", BY)
    assert plan.measure(measure_id).conflicts[0].lost == "Frå arket"
    plan.resolve_conflict(measure_id, conflict_id, BY)
    assert plan.measure(measure_id).conflicts == ()
    with pytest.raises(NotFoundError, match=f"^Fant ingen åpen konflikt {conflict_id} på tiltak"):
        plan.resolve_conflict(measure_id, conflict_id, BY)


def test_smart_gaps_name_the_missing_criteria() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Tekst", BY)
    assert plan.measure(measure_id).smart_gaps() == ("ansvar", "målbart", "tidsbestemt")
    plan.assign_responsible(measure_id, ["ASU"], BY)
    plan.set_smart_criteria(measure_id, BY, indicator="Tal på avvik", deadline=date(2025, 12, 31))
    assert plan.measure(measure_id).smart_gaps() == ()


def test_tags_take_patient_groups_and_6_2_topics() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Tekst", BY)
    plan.tag_measure(measure_id, [PatientGroup.FRAIL_ELDERLY], ["5", 2], BY)
    measure = plan.measure(measure_id)
    assert measure.patient_groups == (PatientGroup.FRAIL_ELDERLY,)
    assert measure.topics == (2, 5)
    with pytest.raises(ValidationError, match="§ 6-2"):
        plan.tag_measure(measure_id, [], [14], BY)


def test_measures_trade_numbers_together_but_never_share_one() -> None:
    plan = new_plan()
    first = plan.add_measure("1.2.1", "Første", BY)
    second = plan.add_measure("1.2.2", "Andre", BY)
    third = plan.add_measure("1.2.3", "Tredje", BY)
    with pytest.raises(ValidationError, match=r"^Tiltaksnummeret 1\.2\.2 er allerede i bruk\.$"):
        plan.renumber_measure(first, "1.2.2", BY)
    plan.collect_events()
    plan.renumber_measures({first: "1.2.2", second: "1.2.1"}, BY)
    assert [plan.measure(m).number for m in (first, second, third)] == ["1.2.2", "1.2.1", "1.2.3"]
    assert events_of(plan) == ["MeasureRenumbered", "MeasureRenumbered"]
    with pytest.raises(ValidationError, match=r"^Tiltaksnummeret 1\.2\.3 er allerede i bruk\.$"):
        plan.renumber_measures({first: "1.2.3", second: "1.2.9"}, BY)
    with pytest.raises(ValidationError, match=r"^Tiltaksnummeret 1\.2\.7 er allerede i bruk\.$"):
        plan.renumber_measures({first: "1.2.7", second: "1.2.7"}, BY)
    assert events_of(plan) == []
    assert [plan.measure(m).number for m in (first, second, third)] == ["1.2.2", "1.2.1", "1.2.3"]


def test_links_follow_a_renumbered_measure_instead_of_pointing_at_its_old_number() -> None:
    plan = new_plan()
    plan.add_goal("1.3", "Utskrivningsklare", BY)
    moved = plan.add_measure("1.2.1", "Flyttes", BY)
    linking = plan.add_measure("1.2.2", "Ses med 1.2.1", BY, see_also=["1.2.1", "1.2.3"])
    repeated = plan.add_measure("1.3.1A Ref. 1.2.1", "Samme tiltak", BY)
    plan.collect_events()
    plan.renumber_measure(moved, "1.3.4", BY)
    assert events_of(plan) == ["MeasureRenumbered", "MeasureLinked", "MeasureLinked"]
    assert plan.measure(linking).see_also == ("1.3.4", "1.2.3")
    assert plan.measure(repeated).references == ("1.3.4",)
    taken = plan.add_measure("1.2.1", "Nytt tiltak på det gamle nummeret", BY)
    assert plan.measure(taken).number == "1.2.1"
    assert plan.measure(linking).see_also == ("1.3.4", "1.2.3")


def test_links_follow_measures_that_trade_numbers_both_ways_at_once() -> None:
    plan = new_plan()
    first = plan.add_measure("1.2.1", "Første", BY, see_also=["1.2.2"])
    second = plan.add_measure("1.2.2", "Andre", BY, see_also=["1.2.1"])
    third = plan.add_measure("1.2.3", "Tredje", BY, see_also=["1.2.1", "1.2.2"])
    plan.collect_events()
    plan.renumber_measures({first: "1.2.2", second: "1.2.1"}, BY)
    assert plan.measure(first).see_also == ("1.2.1",)
    assert plan.measure(second).see_also == ("1.2.2",)
    assert plan.measure(third).see_also == ("1.2.2", "1.2.1")
    linked = [e for e in plan.collect_events() if type(e).__name__ == "MeasureLinked"]
    assert [(e.measure_id, e.by) for e in linked] == [(first, BY), (second, BY), (third, BY)]


def test_an_approval_must_cite_a_case_number_not_any_text() -> None:
    plan, version = submitted_plan()
    for typed in ("godkjent i møtet", "12"):
        with pytest.raises(ValidationError) as refused:
            plan.approve(version, "ASU", typed, date(2025, 3, 1), BY)
        assert refused.value.message == (
            f'"{typed}" er ikke et saksnummer. Skriv f.eks. "sak 11/24" eller "ASU sak 27/22".'
        )
    assert plan.header.submission is not None
    assert dict(plan.header.submission.approvals) == {}
    plan.approve(version, "ASU", "ASU-sak 11/25", date(2025, 3, 1), BY)
    assert list(plan.header.submission.approvals) == ["ASU"]


def test_goal_and_area_numbers_are_stored_as_measure_numbers_name_them() -> None:
    plan = Plan.start("hf-2025", "Handlingsplan 2025", "hf", 2025, 2026, BY)
    plan.add_area("01", "Helhetlige pasientforløp", BY)
    plan.add_goal("1.02.", "Skrøpelige eldre", BY)
    assert (sorted(plan.areas), sorted(plan.goals)) == (["1"], ["1.2"])
    measure_id = plan.add_measure("1.2.1", "Tekst", BY)
    assert plan.measure(measure_id).goal == "1.2"
    with pytest.raises(ValidationError) as again:
        plan.add_goal("1.2", "Same mål", BY)
    assert again.value.message == "Mål 1.2 finnes allerede."
    plan.reword_goal("1.02", "Skrøpelege eldre", BY)
    assert plan.goals["1.2"].text == "Skrøpelege eldre"


def test_a_reference_written_with_the_new_number_is_kept_when_a_measure_moves() -> None:
    plan = new_plan()
    plan.add_goal("1.3", "Barn og unge", BY)
    measure_id = plan.add_measure("1.2.1", "Tekst", BY)
    plan.renumber_measure(measure_id, "1.3.1A Ref. 1.2.4", BY)
    moved = plan.measure(measure_id)
    assert (moved.number, moved.goal, moved.references) == ("1.3.1A", "1.3", ("1.2.4",))
    plan.collect_events()
    plan.renumber_measure(measure_id, "1.3.1 A Ref. 1.2.4 og 1.2.5", BY)
    assert plan.measure(measure_id).references == ("1.2.4", "1.2.5")
    assert events_of(plan) == ["MeasureLinked"]


def test_links_typed_in_another_form_and_links_of_removed_measures_follow_a_renumbering() -> None:
    """A link is stored as typed ("1.2.1a"), and a removed measure keeps its links for when it
    comes back: both must follow, or a restored measure points at whoever took the number."""
    plan = new_plan()
    moved = plan.add_measure("1.2.1A", "Flyttes", BY)
    typed = plan.add_measure("1.2.2", "Skrive annleis", BY, see_also=["1.2.1a"])
    gone = plan.add_measure("1.2.3", "Fjerna", BY, see_also=["1.2.1A"])
    plan.remove_measure(gone, BY)
    plan.renumber_measure(moved, "1.2.5", BY)
    plan.restore_measure(gone, BY)
    taken = plan.add_measure("1.2.1A", "Nytt på det gamle nummeret", BY)
    assert plan.measure(taken).number == "1.2.1A"
    assert plan.measure(typed).see_also == ("1.2.5",)
    assert plan.measure(gone).see_also == ("1.2.5",)


def test_a_status_dated_after_today_is_refused_and_nothing_recorded() -> None:
    plan = new_plan()
    measure_id = plan.add_measure("1.2.1", "Tekst", BY, responsible=["FSU"])
    plan.collect_events()
    with pytest.raises(ValidationError) as refused:
        plan.report_status(
            measure_id, Colour.GREEN, "", date(2031, 1, 1), BY, today=date(2025, 3, 1)
        )
    assert refused.value.message == (
        "En status kan ikke være rapportert 01.01.2031, som er etter dagens dato (01.03.2025)."
    )
    with pytest.raises(ValidationError, match=r"01\.01\.2031"):
        plan.report_statuses(
            [StatusEntry(measure_id, Colour.GREEN, "")],
            date(2031, 1, 1),
            BY,
            today=date(2025, 3, 1),
        )
    assert plan.collect_events() == []
    plan.report_status(measure_id, Colour.GREEN, "", date(2025, 3, 1), BY, today=date(2025, 3, 1))
    assert events_of(plan) == ["StatusReported"]


def plan_from_2024() -> Plan:
    plan = Plan.start("hf", "Handlingsplan", "hf", 2024, 2026, BY)
    plan.add_area("1", "Område", BY)
    plan.add_goal("1.1", "Mål", BY)
    return plan


def test_a_measure_left_out_is_in_force_until_the_day_before_the_latest_approval() -> None:
    """Two bodies adopt the revision on 10.12.2024 and 15.01.2025: the measure it left out
    was in force until 14.01.2025, so in 2025, not only until the first meeting's year."""
    plan = plan_from_2024()
    plan.add_measure("1.1.1", "Blir", BY)
    left = plan.add_measure("1.1.2", "Går ut", BY)
    plan.approve(plan.submit(["ASU"], BY), "ASU", "sak 1/24", date(2024, 2, 1), BY)
    plan.start_revision(BY)
    plan.remove_measure(left, BY)
    version = plan.submit(["ASU", "SSU"], BY)
    assert not plan.approve(version, "ASU", "sak 30/24", date(2024, 12, 10), BY)
    assert plan.approve(version, "SSU", "sak 2/25", date(2025, 1, 15), BY)
    assert plan.left_force == {left: 2025}


def test_an_expected_revision_ahead_of_the_measure_is_refused_too() -> None:
    plan = plan_from_2024()
    measure_id = plan.add_measure("1.1.1", "Tekst", BY)
    with pytest.raises(ConcurrentEditError, match=r"endringsnummer 2, nå 1"):
        plan.reword_measure(measure_id, "Ny tekst", BY, expected_revision=2)
    assert plan.measure(measure_id).text == "Tekst"


def test_any_body_may_report_on_a_measure_without_responsible_bodies() -> None:
    plan = plan_from_2024()
    measure_id = plan.add_measure("1.1.1", "Uten ansvarlig", BY)
    plan.report_status(
        measure_id, Colour.GREEN, "I rute", date(2025, 3, 1), BY, body="SSU",
        today=date(2025, 3, 1),
    )  # fmt: skip
    status = plan.measure(measure_id).status
    assert status is not None
    assert (status.colour, status.body) == (Colour.GREEN, "SSU")

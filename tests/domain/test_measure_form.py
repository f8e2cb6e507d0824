"""The form a measure is edited in: its entries follow the declarations, and a filled-in
form becomes the commands of its changed fields, all or nothing, at the revision seen."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import ConcurrentEditError
from domain.measure_fields import FIELDS
from domain.measure_form import FormError, apply_form, changed_fields, measure_form
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.vocabulary import PatientGroup
from sync.layout import Layout

BY = Provenance("Kari Nordmann", Source.WEB, reason="test")
TODAY = date(2025, 3, 1)


def plan_with_a_measure() -> tuple[Plan, str]:
    plan = Plan.start("hf-2025", "Handlingsplan 2025", "hf", 2025, 2026, BY)
    plan.add_area("1", "Pasientforløp", BY)
    plan.add_goal("1.2", "Skrøpelige eldre", BY)
    plan.add_goal("1.3", "Psykisk helse", BY)
    measure_id = plan.add_measure("1.2.1", "Etablere arbeidsgruppe", BY, responsible=["ASU"])
    plan.tag_measure(measure_id, [PatientGroup.FRAIL_ELDERLY], [], BY)
    plan.collect_events()
    return plan, measure_id


def shown(plan: Plan, measure_id: str) -> dict[str, str]:
    """The form as it is first shown: every entry with the stored value's text."""
    measure = plan.measure(measure_id)
    return {
        column.header: column.show(plan, measure)
        for entries in measure_form(plan.years)
        for column in entries.columns
        if column.editable
    }


def event_names(plan: Plan) -> list[str]:
    return [type(e).__name__ for e in plan.collect_events()]


def test_the_form_has_every_content_field_people_write_in_declaration_order() -> None:
    assert [e.field for e in measure_form((2025,))] == [
        "number", "goal", "text", "responsible", "marks", "see_also", "references", "smart",
        "evaluation", "patient_groups", "topics",
    ]  # fmt: skip
    written = [f.name for f in FIELDS if f.declared.sheet is not None]
    assert "status" in written
    assert "status" not in [e.field for e in measure_form((2025,))]


def test_every_entry_of_the_form_is_a_column_of_the_sheet() -> None:
    header = Layout.for_years((2025, 2026)).header
    entries = {c.header for e in measure_form((2025, 2026)) for c in e.columns}
    assert entries <= set(header)
    assert {"Indikator", "Målverdi", "Frist", "Pasientgrupper", "Tema § 6-2"} <= entries


def test_an_untouched_form_changes_nothing() -> None:
    plan, measure_id = plan_with_a_measure()
    apply_form(plan, measure_id, shown(plan, measure_id), BY, TODAY, expected_revision=2)
    assert event_names(plan) == []


def test_each_changed_field_becomes_its_own_command_in_declaration_order() -> None:
    plan, measure_id = plan_with_a_measure()
    typed = shown(plan, measure_id) | {
        "Nr": "1.3.1",
        "Tiltak": "Etablere ei arbeidsgruppe",
        "Ansvar": "ASU, Fagråd for legesamarbeid",
        "2026": "x høst",
        "Frist": "31.12.2025",
        "Tema § 6-2": "5; 1",
    }
    state = apply_form(plan, measure_id, typed, BY, TODAY, expected_revision=2)
    assert event_names(plan) == [
        "MeasureRenumbered",
        "MeasureReworded",
        "ResponsibleAssigned",
        "TimeframeSet",
        "SmartCriteriaSet",
        "MeasureTagged",
    ]
    assert (state.number, state.goal, state.text) == ("1.3.1", "1.3", "Etablere ei arbeidsgruppe")
    assert state.responsible == ("ASU", "Fagråd for legesamarbeid")
    assert dict(state.marks) == {2026: "x høst"}
    assert state.smart.deadline == date(2025, 12, 31)
    assert (state.topics, state.patient_groups) == ((1, 5), (PatientGroup.FRAIL_ELDERLY,))
    assert state.revision == 8


def test_a_form_saved_from_a_stale_revision_is_refused_and_changes_nothing() -> None:
    plan, measure_id = plan_with_a_measure()
    typed = shown(plan, measure_id) | {"Tiltak": "Min tekst"}
    with pytest.raises(ConcurrentEditError, match="endringsnummer 1, nå 2"):
        apply_form(plan, measure_id, typed, BY, TODAY, expected_revision=1)
    assert event_names(plan) == []
    assert plan.measure(measure_id).text == "Etablere arbeidsgruppe"


def test_every_unreadable_entry_is_named_with_its_own_message() -> None:
    plan, measure_id = plan_with_a_measure()
    typed = shown(plan, measure_id) | {"2025": "kanskje", "Frist": "snart", "Tiltak": ""}
    with pytest.raises(FormError) as refused:
        changed_fields(plan, plan.measure(measure_id), typed)
    assert set(refused.value.problems) == {"2025", "Frist", "Tiltak"}
    assert refused.value.problems["Tiltak"] == "Tiltaksteksten må fylles ut."


def test_a_refused_command_is_named_at_its_field_and_nothing_is_kept() -> None:
    plan, measure_id = plan_with_a_measure()
    plan.add_measure("1.2.2", "Eit anna tiltak", BY)
    plan.collect_events()
    typed = shown(plan, measure_id) | {"Tiltak": "Ny tekst", "Nr": "1.2.2"}
    with pytest.raises(FormError) as refused:
        apply_form(plan, measure_id, typed, BY, TODAY, expected_revision=2)
    assert refused.value.problems == {"Nr": "Tiltaksnummeret 1.2.2 er allerede i bruk."}


def test_patient_groups_and_topics_are_chosen_by_their_codes_and_keep_each_other() -> None:
    plan, measure_id = plan_with_a_measure()
    typed = shown(plan, measure_id) | {"Pasientgrupper": "barn_og_unge; skropelege_eldre"}
    state = apply_form(plan, measure_id, typed, BY, TODAY, expected_revision=2)
    assert state.patient_groups == (PatientGroup.CHILDREN, PatientGroup.FRAIL_ELDERLY)
    assert state.topics == ()

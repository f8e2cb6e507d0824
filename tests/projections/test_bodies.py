"""Bodies on each real database: ids in new events, names resolved, the dashboard by body id."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.body_register import BodyContacts, Unresolved
from domain.errors import NotFoundError, ValidationError
from domain.provenance import Provenance
from projections import AuditQuery, ReadModels

KEY = "plan"
DECIDED = Provenance("Kari Nordmann", "cli", reason="runde", decision="SSU sak 11/24")


@pytest.fixture
def planned(app: Planlogg, by: Provenance) -> Planlogg:
    """A community with two bodies and a plan whose measures name them as people typed."""
    app.register_community("hf", "Helsefellesskapet", by)
    app.create_plan(KEY, "Plan", "hf", 2025, 2026, by)
    app.add_area(KEY, "1", "Område", by)
    app.add_goal(KEY, "1.1", "Mål", by)
    app.add_measure(KEY, "1.1.1", "Før registeret", by, responsible=["Fagråd pasient-samarbeid"])
    app.add_body("hf", "Fagråd for pasientsamarbeid", "fagleg", by, short_name="FPS")
    app.add_body("hf", "Strategisk samarbeidsutval", "strategisk", by, aliases=["SSU"])
    return app


def test_registered_names_are_stored_as_ids_and_unknown_names_as_typed(
    planned: Planlogg, by: Provenance
) -> None:
    planned.add_measure(KEY, "1.1.2", "Etter", by, responsible=[" fps ", "Kommuneoverlegen"])
    planned.assign_responsible(KEY, "1.1.1", ["ssu", "Fagråd pasient-samarbeid"], by)
    plan = planned.get_plan(KEY)
    assert plan.find_measure("1.1.2").responsible == (
        "fagrad-for-pasientsamarbeid",
        "Kommuneoverlegen",
    )
    assert plan.find_measure("1.1.1").responsible == (
        "strategisk-samarbeidsutval",
        "Fagråd pasient-samarbeid",
    )
    assert planned.unknown_bodies(KEY, ["Fagråd pasient-samarbeid", "SSU"]) == [
        Unresolved("Fagråd pasient-samarbeid", "Fagråd for pasientsamarbeid")
    ]


def test_the_dashboard_counts_a_merged_spelling_for_its_body(
    planned: Planlogg, by: Provenance
) -> None:
    models = ReadModels.open(planned)
    planned.add_measure(KEY, "1.1.2", "Etter", by, responsible=["Fagråd for pasientsamarbeid"])
    planned.open_reporting_round(KEY, date(2025, 9, 11), ["FPS"], DECIDED)
    planned.report_status(KEY, "1.1.2", "grønn", "", by, reported_on=date(2025, 9, 1))
    models.catch_up()
    before = models.dashboard(KEY, today=date(2025, 9, 2))
    assert [(c.name, c.green, c.not_reported) for c in before.by_body] == [
        ("Fagråd for pasientsamarbeid", 1, 0),
        ("Fagråd pasient-samarbeid", 0, 1),
    ]
    assert before.open_round is not None
    assert before.open_round.missing_body_ids == ()

    merged = planned.merge_bodies(
        "hf", ["Fagråd pasient-samarbeid"], "Fagråd for pasientsamarbeid", by
    )
    assert merged.variants == ("Fagråd pasient-samarbeid",)
    models.catch_up()
    after = models.dashboard(KEY, today=date(2025, 9, 2))
    assert [(c.name, c.green, c.not_reported) for c in after.by_body] == [
        ("Fagråd for pasientsamarbeid", 1, 1)
    ]
    assert after.open_round is not None
    assert after.open_round.missing_body_ids == ("fagrad-for-pasientsamarbeid",)
    assert after.open_round.missing_bodies == ("Fagråd for pasientsamarbeid",)
    register = models.body_register("hf")
    assert register.bodies["fagrad-for-pasientsamarbeid"].aliases == ("Fagråd pasient-samarbeid",)
    merge_rows = models.history(AuditQuery(field="body_aliases")).rows
    assert [(r.before, r.after, r.event_type) for r in merge_rows] == [
        (
            "hf: Fagråd for pasientsamarbeid: ",
            "hf: Fagråd for pasientsamarbeid: Fagråd pasient-samarbeid",
            "BodiesMerged",
        )
    ]


def test_contacts_are_kept_per_body_and_given_by_id(planned: Planlogg, by: Provenance) -> None:
    assert planned.set_body_contacts(
        "hf", "SSU", ["leiar@example.org"], ["sekr@example.org", "nestleiar@example.org"], by
    )
    assert planned.body_contacts("hf") == {
        "fagrad-for-pasientsamarbeid": BodyContacts("Fagråd for pasientsamarbeid", (), ()),
        "strategisk-samarbeidsutval": BodyContacts(
            "Strategisk samarbeidsutval",
            ("leiar@example.org",),
            ("sekr@example.org", "nestleiar@example.org"),
        ),
    }
    models = ReadModels.open(planned)
    models.catch_up()
    assert models.body_register("hf").contacts() == planned.body_contacts("hf")


def test_bad_addresses_and_unknown_bodies_are_refused_in_norwegian(
    planned: Planlogg, by: Provenance
) -> None:
    with pytest.raises(ValidationError, match="«kari» er ikke en e-postadresse"):
        planned.set_body_contacts("hf", "SSU", ["kari"], [], by)
    with pytest.raises(NotFoundError, match="«LSU» er ikke et organ i Helsefellesskapet"):
        planned.merge_bodies("hf", ["LSU Orkdal"], "LSU", by)
    assert planned.body_contacts("hf")["strategisk-samarbeidsutval"].reporters == ()


def test_a_body_merged_whole_into_another_is_one_body_of_the_open_round(
    planned: Planlogg, by: Provenance
) -> None:
    """A round opened naming two registered bodies, one later merged into the other: the
    round's bodies, what is missing and the progress name the body kept once, with the
    measures and reminders of both."""
    models = ReadModels.open(planned)
    planned.add_measure(KEY, "1.1.2", "Etter", by, responsible=["Fagråd for pasientsamarbeid"])
    planned.add_measure(KEY, "1.1.3", "Begge", by, responsible=["SSU", "FPS"])
    planned.add_measure(KEY, "1.1.4", "Strategisk", by, responsible=["SSU"])
    round_id = planned.open_reporting_round(
        KEY, date(2025, 9, 11), ["FPS", "Strategisk samarbeidsutval"], DECIDED
    )
    planned.intend_reminder(KEY, round_id, "SSU", 3, ("ssu@hf.example",), by)
    planned.report_status(KEY, "1.1.4", "gul", "", by, reported_on=date(2025, 9, 1))
    planned.merge_bodies("hf", ["Strategisk samarbeidsutval"], "Fagråd for pasientsamarbeid", by)
    models.catch_up()

    board = models.dashboard(KEY, today=date(2025, 9, 2))

    assert [(c.name, c.yellow, c.not_reported) for c in board.by_body] == [
        ("Fagråd for pasientsamarbeid", 1, 2),
        ("Fagråd pasient-samarbeid", 0, 1),
    ]
    found = board.open_round
    assert found is not None
    assert found.bodies == ("Fagråd for pasientsamarbeid",)
    assert found.body_ids == ("fagrad-for-pasientsamarbeid",)
    assert found.missing_bodies == ("Fagråd for pasientsamarbeid",)
    assert found.missing_body_ids == ("fagrad-for-pasientsamarbeid",)
    assert [
        (p.body_id, p.measures, p.measures_reported, [r.step for r in p.reminders])
        for p in found.progress
    ] == [("fagrad-for-pasientsamarbeid", 3, 1, [3])]

"""A community's register of decisions as the read models give it: every decision the
community registered (for any of its plans or for none), by meeting day, and no other
community's, though both number their cases alike. What the secretariat's page of decisions
lists (`web.decision_register`). Run on SQLite and PostgreSQL (`app`): the selection is SQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.application import Planlogg
from domain.provenance import Provenance
from projections import ReadModels


def test_a_community_s_decisions_are_all_its_own_by_meeting_day(
    app: Planlogg, models: ReadModels, by: Provenance
) -> None:
    for community in ("hf", "vest"):
        app.register_community(community, f"Helsefellesskapet {community}", by)
    app.create_plan("hf-a", "Plan A", "hf", 2025, 2026, by)
    app.create_plan("hf-b", "Plan B", "hf", 2025, 2026, by)
    app.record_decision("hf", "sak 3/25", "ASU", date(2025, 3, 13), "Om plan B.", by, plan="hf-b")
    app.record_decision("hf", "sak 1/25", "PSU", date(2025, 1, 15), "For alle planer.", by)
    app.record_decision("hf", "sak 2/25", "ASU", date(2025, 2, 12), "Om plan A.", by, plan="hf-a")
    app.record_decision("vest", "sak 1/25", "PSU", date(2025, 1, 2), "Vest sitt.", by)
    models.read_your_writes()
    found = models.decisions(community="hf")
    assert [(d.community, d.case, d.meeting_date, d.plan, d.text) for d in found] == [
        ("hf", "PSU sak 01/25", "2025-01-15", "", "For alle planer."),
        ("hf", "ASU sak 02/25", "2025-02-12", "hf-a", "Om plan A."),
        ("hf", "ASU sak 03/25", "2025-03-13", "hf-b", "Om plan B."),
    ]
    assert [d.text for d in models.decisions(community="vest")] == ["Vest sitt."]
    assert models.decisions(community="nord") == []


def test_a_community_s_decisions_without_their_changes_read_none(
    app: Planlogg, models: ReadModels, by: Provenance
) -> None:
    """What a form offering decisions by their text reads: no change log."""
    app.register_community("hf", "Helsefellesskapet", by)
    case = app.record_decision("hf", "sak 1/25", "ASU", date(2025, 1, 15), "Vedtatt.", by)
    app.add_body("hf", "PSU", "partnerskapsmote", replace(by, decision=case))
    models.read_your_writes()
    (cited,) = models.decisions(community="hf")
    assert [row.field for row in cited.changes] != []
    (bare,) = models.community_decisions("hf")
    assert (bare.case, bare.text, bare.changes) == ("ASU sak 01/25", "Vedtatt.", ())

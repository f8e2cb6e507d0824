"""What changed between two adopted versions, and from a hearing draft to the version adopted
after it, names each responsible body as people read it, never by its stored id, and a
body kept under another spelling of its name is no change."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.provenance import Provenance, Source
from projections import ReadModels

KEY = DEMO_PLAN
BY = Provenance("Sekretariatet", Source.CLI)
WORDED = (
    "0.1.2",
    "text",
    "Utarbeide årshjul.",
    "Utarbeide årshjul for 2025 med faste rapporteringspunkt.",
)
"""The one change the demo's draft version 2 makes to what version 1 adopted."""


def adopt(app: Planlogg) -> ReadModels:
    version = app.submit(KEY, ["ASU"], BY)
    app.approve(KEY, version, "ASU", "ASU sak 12/25", date(2025, 3, 13), BY)
    read_models = ReadModels.open(app)
    read_models.read_your_writes()
    return read_models


def changes(read_models: ReadModels, a: int, b: int) -> list[tuple[str, str, str, str]]:
    return [
        (c.number, c.field, c.before, c.after) for c in read_models.diff_versions(KEY, a, b).changed
    ]


@pytest.fixture
def reassigned(demo_app: Planlogg) -> ReadModels:
    """Measure 1.2.1 given to ASU and the patient-cooperation council, then adopted."""
    demo_app.assign_responsible(KEY, "1.2.1", ["ASU", "Fagråd for pasientsamarbeid"], BY)
    return adopt(demo_app)


def test_a_new_responsible_body_is_named_as_people_read_it(reassigned: ReadModels) -> None:
    """The version adopted after the change showed "asu, fagrad-for-pasientsamarbeid"."""
    assert changes(reassigned, 1, 2) == [
        WORDED,
        (
            "1.2.1",
            "responsible",
            "Fagråd for pasientsamarbeid, Fagråd for legesamarbeid, Fagråd for forebygging, "
            "tidlig innsats, helsefremming, læring og mestring",
            "ASU, Fagråd for pasientsamarbeid",
        ),
    ]


def test_the_same_bodies_given_again_are_no_change(demo_app: Planlogg) -> None:
    """Version 1 kept the names as typed, version 2 the ids: every body showed as changed."""
    same = list(demo_app.get_plan(KEY).find_measure("1.2.1").responsible)
    demo_app.assign_responsible(KEY, "1.2.1", same, BY)
    assert changes(adopt(demo_app), 1, 2) == [WORDED]


def test_the_hearing_draft_against_the_adopted_version_names_the_bodies(
    demo_app: Planlogg,
) -> None:
    demo_app.send_on_hearing(
        KEY, date(2025, 3, 1), BY, ["Trondheim kommune"], sent_on=date(2025, 2, 3)
    )
    demo_app.assign_responsible(KEY, "1.2.1", ["ASU"], BY)
    read_models = adopt(demo_app)
    found = read_models.hearing_diff(KEY, 2)
    assert found.against == "adopted"
    assert [(c.number, c.field, c.after) for c in found.changed] == [
        ("1.2.1", "responsible", "ASU"),
    ]

"""The St. Olavs demo ships with its bodies registered, its spellings merged, its addresses."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from projections import ReadModels


def test_the_demo_counts_each_body_once_whatever_the_plan_spelled() -> None:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    models = ReadModels.open(app)
    models.catch_up()
    board = models.dashboard(DEMO_PLAN, today=date(2024, 9, 12))
    assert [(c.name, c.green + c.yellow + c.red + c.not_reported) for c in board.by_body] == [
        ("ASU", 8),
        ("ASU og fagråd", 4),
        ("AU og Sekretariat", 4),
        ("Fagråd", 2),
        ("Fagråd for akuttmedisinsk kjede og helseberedskap", 5),
        ("Fagråd for digital samhandling", 5),
        ("Fagråd for forebygging, tidlig innsats, helsefremming, læring og mestring", 7),
        ("Fagråd for legesamarbeid", 7),
        ("Fagråd for pasientsamarbeid", 12),
        ("Fagråd for pasientsamarbeid med støtte fra andre fagråd", 1),
        ("Fagråd pasient-samarbeid med støtte fra øvrige fagråd", 2),
        ("Sekretariat", 13),
    ]
    assert board.open_round is not None
    assert board.open_round.missing_body_ids == (
        "fagrad-for-pasientsamarbeid",
        "fagrad-for-digital-samhandling",
        "sekretariat",
    )


def test_every_demo_body_has_example_addresses() -> None:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    contacts = app.body_contacts(DEMO_COMMUNITY)
    assert len(contacts) == 11
    assert contacts["fagrad-for-legesamarbeid"].reporters == (
        "leder.fagrad-for-legesamarbeid@example.org",
    )
    assert contacts["st-olavs-hospital-hf"].reminded == (
        "st-olavs-hospital-hf@example.org",
        "sekretariat@example.org",
    )
    assert all(c.reporters and c.reminded for c in contacts.values())

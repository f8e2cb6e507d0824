"""The history's decision filter without a plan (GET /api/v1/history, the history page over
every plan) holds each community's spellings of a case to its own plans' rows: Vestfold's
«ASU» is also called «OSU», and asking for «ASU sak 3/25» must not find St. Olavs' «OSU sak
03/25», a case of another body of another community."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result

from domain.application import Planlogg
from projections import AuditQuery, ReadModels

PLAN = "st-olavs-2022-2024"


VESTFOLD_ASU_ALSO_OSU = (
    ("community", "add", "vestfold", "Helsefellesskapet Vestfold"),
    ("community", "body", "add", "vestfold", "Overordna samarbeidsutval",
     "--kind", "strategisk", "--short", "ASU", "--alias", "OSU"),
)  # fmt: skip
OSU_CITED = (
    ("community", "body", "add", "st-olavs", "Overordna samhandlingsutval",
     "--kind", "strategisk", "--short", "OSU"),
    ("decision", "add", "st-olavs", "OSU sak 3/25", "--body", "OSU",
     "--date", "01.02.2025", "--text", "Vedtak."),
    ("--decision", "OSU sak 3/25", "measure", "smart", PLAN, "0.1.2",
     "--deadline", "03.04.2025"),
)  # fmt: skip
"""St. Olavs' «Overordna samhandlingsutval» (OSU) and its case 3/25, cited on 0.1.2."""


def _history(demo_cli: Callable[..., Result], *decisions: str) -> list[list[tuple[str, str, str]]]:
    """The plan-less history of each decision, as (plan, measure number, decision) rows."""
    with Planlogg.from_url(demo_cli.url) as app:  # type: ignore[attr-defined]
        read_models = ReadModels.open(app)
        read_models.read_your_writes()
        return [
            [
                (r.plan, r.measure_number, r.decision)
                for r in read_models.history(AuditQuery(decision=decision)).rows
            ]
            for decision in decisions
        ]


def _done(demo_cli: Callable[..., Result], *commands: tuple[str, ...]) -> None:
    for args in commands:
        done = demo_cli(*args)
        assert done.exit_code == 0, done.output


def test_another_communitys_alias_does_not_find_this_communitys_other_body(
    demo_cli: Callable[..., Result],
) -> None:
    _done(demo_cli, *VESTFOLD_ASU_ALSO_OSU, *OSU_CITED)
    osu, asu = _history(demo_cli, "OSU sak 3/25", "ASU sak 3/25")
    assert osu == [
        ("", "", "OSU sak 03/25"),  # its registering
        (PLAN, "0.1.2", "OSU sak 03/25"),
    ]
    assert asu == []


def test_without_a_plan_a_case_cited_by_a_full_name_is_found_in_its_communitys_plan(
    demo_cli: Callable[..., Result],
) -> None:
    _done(demo_cli, *OSU_CITED)
    (full,) = _history(demo_cli, "Overordna samhandlingsutval sak 3/25")
    assert full == [(PLAN, "0.1.2", "OSU sak 03/25")]

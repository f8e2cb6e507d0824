"""`history --decision` finds the changes citing a decision by any name of its body, as citing
it does: README, «Bodies and decisions»: "a registered body's cases are written by its short
name (else its name), whichever of its names was given ("Administrativt samarbeidsutval sak
27/22" is "ASU sak 27/22")", and "`history --decision` shows those changes"."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

PLAN = "st-olavs-2022-2024"
FULL = "Lokalt samarbeidsutval Gauldal sak 5/25"


def _cited_by_its_full_name(demo_cli: Callable[..., Result]) -> None:
    added = demo_cli(
        "community", "body", "add", "st-olavs", "Lokalt samarbeidsutval Gauldal",
        "--kind", "lokalt", "--short", "LSU Gauldal",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    recorded = demo_cli(
        "decision", "add", "st-olavs", FULL, "--body", "Lokalt samarbeidsutval Gauldal",
        "--date", "01.02.2025", "--text", "Vedtak.",
    )  # fmt: skip
    assert (recorded.exit_code, recorded.stdout) == (0, "✓ Registrerte LSU Gauldal sak 05/25.\n")
    changed = demo_cli("--decision", FULL, "measure", "smart", PLAN, "0.1.2", "--deadline",
                       "03.04.2025")  # fmt: skip
    assert changed.exit_code == 0, changed.output


def _history(demo_cli: Callable[..., Result], decision: str) -> list[tuple[str, str, str]]:
    result = demo_cli("history", PLAN, "--decision", decision, "--json")
    assert result.exit_code == 0, result.output
    return [(r["measure_number"], r["after"], r["decision"]) for r in json.loads(result.output)]


def test_the_short_name_finds_the_change(demo_cli: Callable[..., Result]) -> None:
    _cited_by_its_full_name(demo_cli)
    assert _history(demo_cli, "LSU Gauldal sak 5/25") == [
        ("0.1.2", "2025-04-03", "LSU Gauldal sak 05/25")
    ]


def test_the_full_name_it_was_cited_with_finds_the_change(
    demo_cli: Callable[..., Result],
) -> None:
    _cited_by_its_full_name(demo_cli)
    assert _history(demo_cli, FULL) == [("0.1.2", "2025-04-03", "LSU Gauldal sak 05/25")]


def test_a_case_cited_before_its_body_was_registered_is_found_by_the_short_name_given_since(
    demo_cli: Callable[..., Result],
) -> None:
    recorded = demo_cli(
        "decision", "add", "st-olavs", FULL, "--body", "Lokalt samarbeidsutval Gauldal",
        "--date", "01.02.2025", "--text", "Vedtak.",
    )  # fmt: skip
    assert recorded.stdout == "✓ Registrerte Lokalt samarbeidsutval Gauldal sak 05/25.\n"
    changed = demo_cli("--decision", FULL, "measure", "smart", PLAN, "0.1.2", "--deadline",
                       "03.04.2025")  # fmt: skip
    assert changed.exit_code == 0, changed.output
    added = demo_cli(
        "community", "body", "add", "st-olavs", "Lokalt samarbeidsutval Gauldal",
        "--kind", "lokalt", "--short", "LSU Gauldal",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert _history(demo_cli, "LSU Gauldal sak 5/25") == [
        ("0.1.2", "2025-04-03", "Lokalt samarbeidsutval Gauldal sak 05/25")
    ]


def test_another_case_of_the_same_body_is_not_found(demo_cli: Callable[..., Result]) -> None:
    _cited_by_its_full_name(demo_cli)
    assert _history(demo_cli, "LSU Gauldal sak 6/25") == []

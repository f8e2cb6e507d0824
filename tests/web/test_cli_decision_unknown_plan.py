"""`decision add --plan` refuses a plan that does not exist (exit 5): a mistyped key filed
the decision under a plan no one has, where `decision list` of the real plan never shows
it."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

from web.cli import EXIT_NOT_FOUND

ADD = ("decision", "add", "st-olavs", "SSU sak 5/25", "--body", "SSU", "--date", "12.06.2025",
       "--text", "Fagråda rapporterer.")  # fmt: skip


def test_a_decision_for_a_plan_not_there_is_refused(demo_cli: Callable[..., Result]) -> None:
    before = demo_cli("decision", "list", "--json").output
    result = demo_cli(*ADD, "--plan", "st-olavs-2022-2042")
    assert (result.exit_code, result.stdout, result.stderr) == (
        EXIT_NOT_FOUND,
        "",
        'Feil: Fant ingen plan med nøkkelen "st-olavs-2022-2042".\n',
    )
    assert demo_cli("decision", "list", "--json").output == before


def test_a_decision_for_the_plan_there_is_recorded(demo_cli: Callable[..., Result]) -> None:
    result = demo_cli(*ADD, "--plan", "st-olavs-2022-2024")
    assert (result.exit_code, result.stderr) == (0, "")
    listed = json.loads(demo_cli("decision", "list", "st-olavs-2022-2024", "--json").output)
    assert [(d["case"], d["plan"]) for d in listed if d["body"] == "SSU"] == [
        ("SSU sak 05/25", "st-olavs-2022-2024")
    ]

"""`history` of a plan key typed wrong is not found (exit 5, in `show`'s words), as the API
answers 404, where it showed an empty log with exit 0; `history ""` still shows every plan."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

from web.cli import EXIT_NOT_FOUND, EXIT_OK

NOT_FOUND = 'Feil: Fant ingen plan med nøkkelen "st-olavs-2022-2042".\n'


@pytest.mark.parametrize("args", [(), ("--json",), ("--csv",), ("--json", "--limit", "5")])
def test_history_of_a_plan_not_there_is_not_found(
    demo_cli: Callable[..., Result], args: tuple[str, ...]
) -> None:
    result = demo_cli("history", "st-olavs-2022-2042", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (EXIT_NOT_FOUND, "", NOT_FOUND)


@pytest.mark.parametrize("plan", ["st-olavs-2022-2024", ""])
def test_the_plan_there_and_every_plan_still_have_their_history(
    demo_cli: Callable[..., Result], plan: str
) -> None:
    result = demo_cli("history", plan, "--json", "--limit", "1")
    assert (result.exit_code, result.stderr) == (EXIT_OK, "")
    assert len(json.loads(result.stdout)) == 1

"""`measure assign` refuses a blank body name (exit 3), as `submit --body ""` does: the
domain drops it, so `assign PLAN M ""` emptied the measure's responsible bodies while it
said «» was saved as typed."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

from web.cli import EXIT_INVALID

KEY = "st-olavs-2022-2024"


def responsible(run: Callable[..., Result], number: str) -> list[str]:
    plan = json.loads(run("show", KEY, "--json").output)
    found: list[str] = next(
        m["responsible"]
        for area in plan["areas"]
        for goal in area["goals"]
        for m in goal["measures"]
        if m["number"] == number
    )
    return found


@pytest.mark.parametrize("bodies", [("",), (" ",), ("ASU", "\u200b"), ("", "PSU")])
def test_a_blank_body_is_refused(demo_cli: Callable[..., Result], bodies: tuple[str, ...]) -> None:
    history = demo_cli("history", KEY, "--json").output
    result = demo_cli("measure", "assign", KEY, "2.1.2A", *bodies)
    assert (result.exit_code, result.stdout, result.stderr) == (
        EXIT_INVALID,
        "",
        "Feil: Navnet på organet må fylles ut.\n",
    )
    assert responsible(demo_cli, "2.1.2A") == ["ASU"]
    assert demo_cli("history", KEY, "--json").output == history


def test_named_bodies_are_still_assigned(demo_cli: Callable[..., Result]) -> None:
    result = demo_cli("measure", "assign", KEY, "2.1.2A", "ASU", "PSU")
    assert (result.exit_code, result.stderr) == (0, "")
    assert responsible(demo_cli, "2.1.2A") == ["ASU", "PSU"]

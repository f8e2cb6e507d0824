"""`measure tag` changes the lists it is given and keeps the one left out: `--topic 3` alone
emptied the measure's patient groups. `--no-groups` and `--no-topics` empty a list."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

from web.cli import EXIT_USAGE

KEY = "st-olavs-2022-2024"


def tags(run: Callable[..., Result], number: str) -> tuple[list[Any], list[Any]]:
    plan = json.loads(run("show", KEY, "--json").output)
    found = next(
        m
        for area in plan["areas"]
        for goal in area["goals"]
        for m in goal["measures"]
        if m["number"] == number
    )
    return found["patient_groups"], found["topics"]


@pytest.fixture
def tagged(demo_cli: Callable[..., Result]) -> Callable[..., Result]:
    result = demo_cli("measure", "tag", KEY, "2.1.2A", "--group", "eldre", "--topic", "1")
    assert (result.exit_code, result.stderr) == (0, "")
    assert tags(demo_cli, "2.1.2A") == (["skropelege_eldre"], [1])
    return demo_cli


def test_a_topic_given_alone_keeps_the_patient_groups(tagged: Callable[..., Result]) -> None:
    result = tagged("measure", "tag", KEY, "2.1.2A", "--topic", "3", "--topic", "5")
    assert (result.exit_code, result.stderr) == (0, "")
    assert tags(tagged, "2.1.2A") == (["skropelege_eldre"], [3, 5])


def test_a_group_given_alone_keeps_the_topics(tagged: Callable[..., Result]) -> None:
    result = tagged("measure", "tag", KEY, "2.1.2A", "--group", "barn og unge")
    assert (result.exit_code, result.stderr) == (0, "")
    assert tags(tagged, "2.1.2A") == (["barn_og_unge"], [1])


def test_no_groups_and_no_topics_empty_their_lists(tagged: Callable[..., Result]) -> None:
    assert tagged("measure", "tag", KEY, "2.1.2A", "--no-groups").exit_code == 0
    assert tags(tagged, "2.1.2A") == ([], [1])
    assert tagged("measure", "tag", KEY, "2.1.2A", "--no-topics").exit_code == 0
    assert tags(tagged, "2.1.2A") == ([], [])


@pytest.mark.parametrize(
    ("arguments", "refusal"),
    [
        ((), "Oppgi minst ett av --group, --topic, --no-groups og --no-topics."),
        (
            ("--topic", "3", "--no-topics"),
            "--group og --no-groups (eller --topic og --no-topics) utelukker hverandre.",
        ),
    ],
)
def test_nothing_to_change_or_both_ways_is_a_usage_error(
    tagged: Callable[..., Result], arguments: tuple[str, ...], refusal: str
) -> None:
    history = tagged("history", KEY, "--json").output
    result = tagged("measure", "tag", KEY, "2.1.2A", *arguments)
    assert result.exit_code == EXIT_USAGE
    assert refusal in result.stderr
    assert tags(tagged, "2.1.2A") == (["skropelege_eldre"], [1])
    assert tagged("history", KEY, "--json").output == history

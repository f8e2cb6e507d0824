"""Direction controls in the name of whoever makes a change are refused: U+202E and its kin
can make an audit log line read as another person's. A name from file metadata, which nobody
can retype, loses them instead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.errors import ValidationError
from domain.people import checked_details
from domain.provenance import Provenance, Source
from domain.text import cleaned_name
from web.cli import EXIT_INVALID, cli

BY = Provenance("Kari", Source.CLI)
REWORD = ("measure", "reword", "p", "1.1.1", "Ny tekst")
DIRECTION_CONTROLS = [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",
]  # fmt: skip


@pytest.mark.parametrize("char", DIRECTION_CONTROLS)
def test_an_actor_name_with_a_direction_control_is_refused_naming_it(char: str) -> None:
    refusal = (
        "^Navnet på den som gjør endringen inneholder et retningstegn som kan skjule hva som "
        f"står: U[+]{ord(char):04X} "
    )
    with pytest.raises(ValidationError, match=refusal):
        Provenance(f"Kari{char}Nordmann", Source.CLI)


def test_the_reason_may_hold_a_direction_mark() -> None:
    assert Provenance("Kari", Source.CLI, reason="سبب\u200f").reason == "سبب\u200f"


def test_a_name_from_file_metadata_loses_its_direction_controls() -> None:
    assert cleaned_name("Kari\u202e Nord\u2066mann\u200f") == "Kari Nordmann"


def test_the_command_line_refuses_a_disguised_actor_and_stores_nothing(
    database_url: str,
) -> None:
    app = Planlogg.from_url(database_url)
    app.create_plan("p", "Plan", "hf", 2025, 2026, BY)
    app.add_area("p", "1", "Område", BY)
    app.add_goal("p", "1.1", "Mål", BY)
    app.add_measure("p", "1.1.1", "Kartlegge", BY)
    before = app.recorder.max_notification_id()
    app.close()
    result = CliRunner().invoke(
        cli,
        ["--database-url", database_url, "--as", "Kari\u202eNordmann", *REWORD],
    )
    assert result.exit_code == EXIT_INVALID
    assert (
        "Navnet på den som gjør endringen inneholder et retningstegn som kan skjule hva som "
        "står: U+202E (RIGHT-TO-LEFT OVERRIDE). Fjern det og prøv igjen."
    ) in result.output
    again = Planlogg.from_url(database_url)
    assert again.recorder.max_notification_id() == before
    again.close()


def test_a_person_added_by_hand_with_a_direction_control_in_the_name_is_refused() -> None:
    """Her name becomes the actor of each change she makes, which refuses it: added as typed,
    she could not change anything at all."""
    with pytest.raises(ValidationError, match=r"U\+202E"):
        checked_details("kari@helse.no", "Kari \u202eNordmann")


def _plan_with_a_measure(app: Planlogg) -> None:
    app.create_plan("p", "Plan", "hf", 2025, 2026, BY)
    app.add_area("p", "1", "Område", BY)
    app.add_goal("p", "1.1", "Mål", BY)
    app.add_measure("p", "1.1.1", "Kartlegge", BY)
    app.register_community("hf", "Helsefellesskapet", BY)


BODY_ENTRIES = {
    "the register": lambda app: app.add_body("hf", "Fagråd\u202eX", "fagleg", BY),
    "an alias": lambda app: app.add_body("hf", "Fagråd", "fagleg", BY, aliases=["F\u202eX"]),
    "a decision": lambda app: app.record_decision(
        "hf", "sak 1/26", "ASU\u202e", date(2026, 1, 5), "Vedtatt.", BY
    ),
    "a responsible body": lambda app: app.assign_responsible("p", "1.1.1", ["ASU\u202e"], BY),
    "a report's body": lambda app: app.report_status("p", "1.1.1", "gul", "", BY, body="ASU\u202e"),
    "a round's body": lambda app: app.open_reporting_round(
        "p", date(2026, 3, 1), ["ASU\u202e"], Provenance("Kari", Source.CLI, decision="sak 1/26")
    ),
}
"""Each way a body's name comes in: a name a direction control disguises would make one
body's report, decision or approval read as another's in every list and log."""


@pytest.mark.parametrize("entry", BODY_ENTRIES.values(), ids=BODY_ENTRIES.keys())
def test_a_body_name_with_a_direction_control_is_refused_and_nothing_is_stored(
    entry: Callable[[Planlogg], object],
) -> None:
    app = Planlogg.from_url("memory:")
    _plan_with_a_measure(app)
    before = app.recorder.max_notification_id()
    with pytest.raises(ValidationError, match=r"inneholder et retningstegn .*: U\+202E "):
        entry(app)
    assert app.recorder.max_notification_id() == before

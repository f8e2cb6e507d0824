"""The one text rule: characters no store can hold are refused at every entry, in Norwegian.

Class 1 of issue 10, entry by entry (the sheet's entry is in tests/sync/test_refusals.py):
the domain's commands, the command line (exit 3), an imported UTF-16 file, the JSON API
(422), and the safety net under all of them (`StorableMapper`). Each on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.errors import ValidationError
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.text import (
    LONG_TEXT,
    SHORT_TEXT,
    checked,
    cleaned_name,
    escaped,
    says_nothing,
    unstorable,
)
from projections import ReadModels
from web.cli import EXIT_INVALID, cli

BY = Provenance("Kari", Source.CLI)
UNSTORABLE = ["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\x85", "\ud800", "\udfff", "\ufffe"]


@pytest.mark.parametrize("char", UNSTORABLE)
def test_a_character_no_store_can_hold_is_refused_naming_the_field(char: str) -> None:
    with pytest.raises(ValidationError) as error:
        checked(f"Kart{char}legge", "Tiltaksteksten", lines=True)
    assert error.value.message.startswith(
        f"Tiltaksteksten inneholder et tegn som ikke kan lagres: U+{ord(char):04X} "
    )


def test_lines_and_tabs_only_where_the_text_may_have_lines() -> None:
    assert checked("første\n\tandre\r\n", "Teksten", lines=True) == "første\n\tandre"
    with pytest.raises(ValidationError, match="linjeskift eller en tabulator"):
        checked("Kari\nNordmann", "Navnet")


def test_the_first_unstorable_character_is_named_and_its_neighbours_pass() -> None:
    """The edges of each refused range, and the first bad character of several."""
    storable = ["\x20", "\x7e", "\xa0", "\ud7ff", "\ue000", "\ufffd", "\U00010000", "æøå"]
    assert [unstorable(f"a{c}b") for c in storable] == [None] * len(storable)
    assert [unstorable(f"a{c}b") for c in UNSTORABLE] == UNSTORABLE
    assert unstorable("ok\x85 og \x01") == "\x85"
    assert unstorable("to\tlinjer\n", lines=True) is None
    assert unstorable("to\tlinjer\n", lines=False) == "\t"


def test_lengths_are_refused_with_the_limit() -> None:
    assert checked("x" * SHORT_TEXT, "Tittelen") == "x" * SHORT_TEXT
    with pytest.raises(
        ValidationError,
        match=f"^Tittelen har for mange tegn: 301, men høyst {SHORT_TEXT} er lov\\.$",
    ):
        checked("x" * (SHORT_TEXT + 1), "Tittelen")
    with pytest.raises(ValidationError, match=f"høyst {LONG_TEXT}"):
        checked("x" * (LONG_TEXT + 1), "Tiltaksteksten", max_length=LONG_TEXT, lines=True)


@pytest.mark.parametrize("blank", ["\u200b", "\ufeff", "\u202e", " \u200b\u2028\u00a0 ", "\u2029"])
def test_a_required_text_of_only_invisible_characters_is_empty(blank: str) -> None:
    with pytest.raises(ValidationError) as error:
        checked(blank, "Tiltaksteksten", lines=True, required=True)
    assert error.value.message == "Tiltaksteksten må fylles ut."
    assert says_nothing(blank)
    assert checked(f"Kart{blank}legge", "Tiltaksteksten", lines=True) == f"Kart{blank}legge"


def test_a_measure_text_or_what_it_led_to_of_a_zero_width_space_is_refused(
    app: Planlogg,
) -> None:
    _plan(app)
    before = app.recorder.max_notification_id()
    with pytest.raises(ValidationError, match=r"^Tiltaksteksten må fylles ut\.$"):
        app.reword_measure("p", "1.1.1", "\u200b", BY)
    with pytest.raises(ValidationError, match=r"^Hva tiltaket førte til må fylles ut\.$"):
        app.evaluate_measure("p", "1.1.1", 2025, "oppnådd", "\ufeff", "videreføre", "ASU", BY)
    assert app.recorder.max_notification_id() == before


def test_names_from_file_metadata_are_cleaned_not_refused() -> None:
    assert cleaned_name("Kari\x0b Nord\x00mann ") == "Kari Nord mann"
    assert cleaned_name("\x01\x02") == "ukjend"
    assert escaped("a\x01b") == "a\\u0001b"
    assert unstorable(escaped("\ud800\x00")) is None


def _plan(app: Planlogg) -> None:
    app.create_plan("p", "Plan", "hf", 2025, 2026, BY)
    app.add_area("p", "1", "Område", BY)
    app.add_goal("p", "1.1", "Mål", BY)
    app.add_measure("p", "1.1.1", "Kartlegge", BY)


def test_every_text_taking_command_refuses_and_stores_nothing(app: Planlogg) -> None:
    _plan(app)
    before = app.recorder.max_notification_id()
    bad = "Tekst\x01"
    attempts = [
        lambda: app.reword_measure("p", "1.1.1", bad, BY),
        lambda: app.reword_goal("p", "1.1", bad, BY),
        lambda: app.rename_area("p", "1", bad, BY),
        lambda: app.retitle_plan("p", bad, BY),
        lambda: app.assign_responsible("p", "1.1.1", [bad], BY),
        lambda: app.set_timeframe("p", "1.1.1", {2025: "x\x01"}, BY),
        lambda: app.set_timeframe("p", "1.1.1", None, BY, note=bad),
        lambda: app.set_smart_criteria("p", "1.1.1", BY, indicator=bad),
        lambda: app.set_evaluation_plan("p", "1.1.1", {"objective": bad}, BY),
        lambda: app.report_status("p", "1.1.1", "gul", bad, BY, reported_on=date(2025, 3, 1)),
        lambda: app.add_measure("p", "1.1.2", bad, BY),
        lambda: app.add_measure("p", "1.1.3", "Tekst", BY, timeframe_note=bad),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="som ikke kan lagres: U\\+0001"):
            attempt()
    with pytest.raises(ValidationError, match="Navnet på den som gjør endringen"):
        Provenance("Ka\x0bri", Source.CLI)
    assert app.recorder.max_notification_id() == before


def test_the_safety_net_refuses_an_event_that_got_past_the_commands(app: Planlogg) -> None:
    plan = Plan.start("q", "Plan", "hf", 2025, 2025, BY)
    plan.add_area("1", "Område", BY)
    plan._add_area(number="2", title="Område\x00", by=BY)  # past the command's own check
    with pytest.raises(ValidationError, match="Ingenting er lagret"):
        app.save(plan)
    assert not app.plan_exists("q")


def test_the_command_line_answers_exit_3_and_keeps_the_read_models_working(
    database_url: str,
) -> None:
    runner = CliRunner()

    def run(*args: str) -> object:
        return runner.invoke(cli, ["--database-url", database_url, *args])

    app = Planlogg.from_url(database_url)
    _plan(app)
    app.close()
    reword = run("--as", "Kari", "measure", "reword", "p", "1.1.1", "Ny\x01tekst")
    assert reword.exit_code == EXIT_INVALID  # type: ignore[attr-defined]
    assert "Tiltaksteksten inneholder et tegn" in reword.output  # type: ignore[attr-defined]
    named = run("--as", "Ka\x0bri", "measure", "reword", "p", "1.1.1", "Ny tekst")
    assert named.exit_code == EXIT_INVALID  # type: ignore[attr-defined]
    assert "Navnet på den som gjør endringen inneholder" in named.output  # type: ignore[attr-defined]
    blank = run("--as", " ", "measure", "reword", "p", "1.1.1", "Ny tekst")
    assert blank.exit_code == EXIT_INVALID  # type: ignore[attr-defined]
    assert "Hvem som gjør endringen, må oppgis" in blank.output  # type: ignore[attr-defined]
    listed = run("plans")
    assert listed.exit_code == 0  # type: ignore[attr-defined]
    table_rows = [
        [cell.strip() for cell in line.split("│")[1:-1]]
        for line in listed.output.splitlines()  # type: ignore[attr-defined]
        if line.startswith("│")
    ]
    assert table_rows == [["p", "Plan", "hf", "utkast", "1", "–", "2025–2026"]]


def test_a_utf16_file_with_a_nul_is_refused_naming_its_line(
    database_url: str, tmp_path: Path
) -> None:
    table = "\n".join(
        [
            "Plan 2025",
            "1. Område",
            "\tMål\t\tTiltak\tAnsvar\t2025",
            "1.1\tEit mål\t1.1.1\tKart\x00legge\tASU\tx",
        ]
    )
    path = tmp_path / "plan.txt"
    path.write_bytes(table.encode("utf-16"))
    result = CliRunner().invoke(
        cli,
        ["--database-url", database_url, "--as", "Kari", "import", str(path), "--key", "u",
         "--owner", "hf"],
    )  # fmt: skip
    assert result.exit_code == EXIT_INVALID, result.output
    assert 'Linje 4, kolonne 4 i "plan.txt" inneholder et tegn som ikke kan lagres: U+0000' in (
        result.output
    )
    app = Planlogg.from_url(database_url)
    try:
        assert not app.plan_exists("u")
        models = ReadModels.open(app)
        models.read_your_writes()
        assert models.plans() == []
    finally:
        app.close()

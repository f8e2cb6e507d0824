"""The command line's tables: keys, IDs and case numbers are never cut, whatever the width,
and a table printed into a pipe or a file is as wide as its contents."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from web.cli import cli, read_commands

if "plans" not in cli.commands:
    read_commands.register(cli)

DEMO_TITLE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"
SUBJECT = "5b2c9e1f-0d6a-4c1e-9f0b-7a3d2e1c4b5a"


@pytest.fixture
def run(sqlite_url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    app = Planlogg.from_url(sqlite_url)
    load_demo(app)
    app.close()
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])
        assert result.exit_code == 0, result.output
        return result.output

    return invoke


def _row(output: str, start: str) -> str:
    """The table line whose first cell begins with `start`."""
    rows = [line for line in output.splitlines() if line.lstrip("│ ").startswith(start)]
    if len(rows) != 1:
        raise AssertionError(f"{len(rows)} rows begin with {start!r}:\n{output}")
    return rows[0]


def test_a_piped_table_is_as_wide_as_its_contents(run) -> None:
    row = _row(run("plans"), DEMO_PLAN)
    assert [cell.strip() for cell in row.strip("│").split("│")] == [
        DEMO_PLAN, DEMO_TITLE, DEMO_COMMUNITY, "utkast", "2", "1", "2022–2025",
    ]  # fmt: skip


def test_a_narrow_terminal_wraps_words_but_never_cuts_a_key(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    output = run("plans")
    assert max(len(line) for line in output.splitlines()) == 80
    row = _row(output, DEMO_PLAN)
    assert row.split("│")[1].strip() == DEMO_PLAN
    assert DEMO_TITLE not in output  # the title wrapped instead


def test_a_narrow_history_keeps_each_time_whole(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    output = run("history", DEMO_PLAN, "--limit", "3")
    times = [line.split("│")[1].strip() for line in output.splitlines() if line.startswith("│ 0")]
    assert len(times) == 3
    assert all(len(t) == len("05.12.2026 17:10") and "…" not in t for t in times), times


def test_a_narrow_people_list_keeps_addresses_and_user_ids_whole(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANLOGG_OIDC_ISSUER", "https://login.example.no")
    run("person", "add", SUBJECT, "--email", "kari.nordmann@stolav.no", "--name",
        "Kari Nordmann", "--role", "administrator")  # fmt: skip
    monkeypatch.setenv("COLUMNS", "80")
    output = run("person", "list")
    assert "kari.nordmann@stolav.no" in output and SUBJECT in output

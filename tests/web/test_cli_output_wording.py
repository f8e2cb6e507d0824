"""What the commands print for people reads as Norwegian papers do: dates as DD.MM.YYYY
and a measure's emphasis without its `*` marks; JSON keeps ISO dates for programs."""

from __future__ import annotations

import json

import pytest

from tests.web.test_cli_language import invoke
from web.cli.read_commands import plain_text

PLAN = "st-olavs-2022-2024"


@pytest.fixture
def demo(sqlite_url: str) -> str:
    assert invoke("nb", "demo", url=sqlite_url).exit_code == 0
    return sqlite_url


def test_the_dashboards_open_round_gives_its_deadline_as_a_norwegian_date(demo: str) -> None:
    result = invoke("nb", "dashboard", PLAN, url=demo)
    assert result.exit_code == 0, result.output
    assert "Åpen rapporteringsrunde R1: frist 11.09.2024 (" in result.output
    assert "2024-09-11" not in result.output


def test_the_decision_list_gives_meeting_dates_as_norwegian_dates(demo: str) -> None:
    result = invoke("nb", "decision", "list", url=demo)
    assert result.exit_code == 0, result.output
    assert "│ 10.03.2022 │" in result.output
    assert "2022-03-10" not in result.output
    listed = json.loads(invoke("nb", "decision", "list", "--json", url=demo).output)
    assert "2022-03-10" in [d["meeting_date"] for d in listed]


def test_an_adopted_versions_approvals_give_their_meeting_dates_as_norwegian_dates(
    demo: str,
) -> None:
    result = invoke("nb", "show", PLAN, "--version", "1", url=demo)
    assert result.exit_code == 0, result.output
    assert "Godkjent av ASU, ASU sak 12/22, 10.03.2022\n" in result.output
    assert "Godkjent av PSU, PSU sak 05/22, 24.03.2022\n" in result.output
    shown = json.loads(invoke("nb", "show", PLAN, "--version", "1", "--json", url=demo).output)
    assert shown["approvals"][0]["meeting_date"] == "2022-03-10"


def test_show_prints_a_measures_emphasis_without_its_marks(demo: str) -> None:
    result = invoke("nb", "show", PLAN, url=demo)
    assert result.exit_code == 0, result.output
    assert "stolav.no" in result.output
    assert "*" not in result.output


def test_plain_text_drops_emphasis_and_strong_marks_and_keeps_the_rest() -> None:
    text = "Se *stolav.no* og **merk** dette.\n\n- punkt *a*\n- 2 * 3 er [6]"
    assert plain_text(text) == "Se stolav.no og merk dette.\n\n- punkt a\n- 2 * 3 er [6]"

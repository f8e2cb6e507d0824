"""`planlogg plan retitle KEY TITLE` and `planlogg plan period KEY 2022-2025`: a plan's title
and period could not be changed after it was created or imported. `--replacing` names what
its user read, so a change made since is refused (exit 6) naming who made it and what to."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.norwegian_time import oslo_today
from web.cli import EXIT_CONFLICT, EXIT_INVALID, EXIT_REFUSED, cli

TODAY = oslo_today().strftime("%d.%m.%Y")
"""The day the tests make their changes, as a refusal names it (Norwegian time)."""

KEY = "vaar-2022"
TITLE = "Handlingsplan for våren 2022"
DEMO_TITLE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"


def said(result: Result) -> str:
    """What the command printed, its lines joined: the console wraps at its width."""
    return " ".join(result.output.split())


@pytest.fixture
def run(sqlite_url: str):
    runner = CliRunner()

    def invoke(*args: str, who: str = "Kari"):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", who, *args])

    assert invoke("community", "add", "innlandet", "Helsefellesskapet Innlandet").exit_code == 0
    made = invoke("plan", "create", KEY, "--title", TITLE, "--owner", "innlandet",
                  "--years", "2022")  # fmt: skip
    assert made.exit_code == 0, made.output
    return invoke


def header(sqlite_url: str) -> tuple[str, int, int]:
    with Planlogg.from_url(sqlite_url) as app:
        found = app.get_plan(KEY).header
    return found.title, found.first_year, found.last_year


def test_a_title_is_changed_naming_the_one_before(run, sqlite_url: str) -> None:
    done = run("plan", "retitle", KEY, "Handlingsplan for Innlandet, våren 2022",
               "--replacing", TITLE)  # fmt: skip
    assert done.exit_code == 0, done.output
    assert said(done) == (
        "✓ vaar-2022 har fått ny tittel: «Handlingsplan for Innlandet, våren 2022» "
        "(før: «Handlingsplan for våren 2022»)."
    )
    assert header(sqlite_url) == ("Handlingsplan for Innlandet, våren 2022", 2022, 2022)


def test_a_title_changed_since_it_was_read_is_refused_naming_who_and_what(
    run, sqlite_url: str
) -> None:
    assert run("plan", "retitle", KEY, "Ola sin tittel", who="Ola").exit_code == 0
    refused = run("plan", "retitle", KEY, "Kari sin tittel", "--replacing", TITLE)
    assert refused.exit_code == EXIT_CONFLICT
    assert f"Tittelen ble endret av Ola {TODAY} " in said(refused)
    assert "den er nå «Ola sin tittel», ikke «Handlingsplan for våren 2022». " in said(refused)
    assert "Ingenting er lagret." in said(refused)
    assert header(sqlite_url)[0] == "Ola sin tittel"


@pytest.mark.parametrize(
    ("typed", "period"),
    [("2022–2025", (2022, 2025)), ("2022-2025", (2022, 2025)), ("2023", (2023, 2023))],
)
def test_a_period_is_typed_as_plans_write_it(
    run, sqlite_url: str, typed: str, period: tuple[int, int]
) -> None:
    done = run("plan", "period", KEY, typed, "--replacing", "2022")
    assert done.exit_code == 0, done.output
    assert header(sqlite_url)[1:] == period


def test_a_period_of_one_year_is_said_as_one_year(run) -> None:
    done = run("plan", "period", KEY, "2022-2025")
    assert said(done) == "✓ Planperioden for vaar-2022 er endret fra 2022 til 2022–2025."
    back = run("plan", "period", KEY, "2024")
    assert said(back) == "✓ Planperioden for vaar-2022 er endret fra 2022–2025 til 2024."


def test_a_period_changed_since_it_was_read_is_refused_naming_who_and_what(
    run, sqlite_url: str
) -> None:
    assert run("plan", "period", KEY, "2022-2024", who="Ola").exit_code == 0
    refused = run("plan", "period", KEY, "2022-2026", "--replacing", "2022")
    assert refused.exit_code == EXIT_CONFLICT
    assert f"Planperioden ble endret av Ola {TODAY} " in said(refused)
    assert "den er nå 2022–2024, ikke 2022. Ingenting er lagret." in said(refused)
    assert header(sqlite_url)[1:] == (2022, 2024)


def test_a_period_that_is_none_or_ends_first_is_refused(run, sqlite_url: str) -> None:
    wrong = run("plan", "period", KEY, "neste år")
    assert wrong.exit_code == EXIT_INVALID
    assert '"neste år" er ikke en periode. Skriv f.eks. 2022-2024.' in said(wrong)
    backwards = run("plan", "period", KEY, "2025-2022")
    assert backwards.exit_code == EXIT_INVALID
    assert "Perioden 2025–2022 slutter før den begynner." in said(backwards)
    assert header(sqlite_url)[1:] == (2022, 2022)


def test_an_adopted_plan_is_retitled_only_in_a_revision(sqlite_url: str) -> None:
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    assert run("demo").exit_code == 0
    assert run("submit", DEMO_PLAN, "--body", "ASU").exit_code == 0
    assert run("approve", DEMO_PLAN, "2", "--body", "ASU", "--case", "sak 12/25",
               "--date", "13.03.2025").exit_code == 0  # fmt: skip
    refused = run("plan", "retitle", DEMO_PLAN, "Ny tittel")
    assert refused.exit_code == EXIT_REFUSED
    assert "Start en revisjon før innholdet kan endres." in said(refused)
    assert run("revise", DEMO_PLAN).exit_code == 0
    done = run("plan", "retitle", DEMO_PLAN, "Ny tittel", "--replacing", DEMO_TITLE)
    assert done.exit_code == 0, done.output
    with Planlogg.from_url(sqlite_url) as app:
        assert app.get_plan(DEMO_PLAN).header.title == "Ny tittel"

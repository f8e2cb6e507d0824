"""The refusals left quoting what was typed whole now quote only its start, ending with «…».

Case numbers naming another body, decisions and people nobody has, roles, reminder days
and bodies, measure IDs, area and goal numbers, hearing responses, a plan table's stray
line and database URLs came back whole, and so did the command line's choices, dates and
plan keys, settings, report formats, token roles and names, If-Match headers and the
sheet's IDs: a 20 000-character value drowned the advice and made a phone's page
200 000 px wide. A database URL (or the rate limits' store) is quoted without its password.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.dates import check_year
from domain.decision import case_reference
from domain.errors import PlanloggError
from domain.hearing import HearingState
from domain.people import parse_role
from domain.persistence import (
    SHOWN_URL,
    database_unavailable,
    persistence_env,
    shown_url,
)
from domain.plan import Plan
from domain.plan_table import parse_plan_table
from domain.provenance import Provenance, Source
from domain.reminders import parse_schedule
from sync.merge import SheetRow, decide
from tests.sync.test_merge import BASE, LAYOUT, STORE, sheet_as_store
from web.api.etags import if_match
from web.cli import EXIT_NOT_FOUND, cli
from web.cli.context import LANGUAGE_VARIABLE, chosen_målform
from web.cli.read_commands import _when
from web.cli.serve_commands import TOKEN_ROLE_WORDS, _seconds
from web.config import session_lifetime
from web.rate_limits import check_storage, shared
from web.reports import check_format
from web.tokens import InMemoryTokenStore
from web.tokens import parse_role as parse_token_role

BY = Provenance("Kari Nordmann", Source.CLI, reason="test")
DECIDED = Provenance("Kari Nordmann", Source.CLI, decision="SSU sak 11/24")
ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
LETTERS = "x" * 20_000
DIGITS = "9" * 20_000
MANY_DIGITS = "9" * 4_000
"""As many digits as Python still reads as a number (it refuses more than 4 300)."""
SPACED_CASE = "sak" + " " * 20_000 + "1/25"
LONGEST_SUBJECT = "x" * 255


@pytest.fixture
def app() -> Iterator[Planlogg]:
    application = Planlogg.from_url("memory:")
    application.register_community("hf", "Helsefellesskapet", BY)
    yield application
    application.close()


def _plan() -> Plan:
    return Plan.start("hf-2025", "Handlingsplan", "hf", 2024, 2026, BY)


def _plan_in_a_round() -> Plan:
    plan = _plan()
    plan.open_reporting_round(date(2024, 9, 11), ["SSU"], DECIDED)
    return plan


def _person_added_twice(app: Planlogg) -> None:
    app.add_person(ISSUER, LONGEST_SUBJECT, "", "", BY)
    app.add_person(ISSUER, LONGEST_SUBJECT, "", "", BY)


@pytest.mark.parametrize(
    ("refuse", "typed"),
    [
        (lambda: parse_role(LETTERS), LETTERS),
        (lambda: parse_schedule(LETTERS), LETTERS),
        (lambda: parse_schedule(DIGITS), DIGITS),
        (lambda: parse_schedule("14," + MANY_DIGITS), MANY_DIGITS),
        (lambda: check_year(int(MANY_DIGITS)), MANY_DIGITS),
        (lambda: case_reference(SPACED_CASE), SPACED_CASE),
        (lambda: _plan().measure(LETTERS), LETTERS),
        (lambda: _plan().area(LETTERS), LETTERS),
        (lambda: _plan().goal(LETTERS), LETTERS),
        (lambda: _plan().remove_goal(LETTERS, BY), LETTERS),
        (lambda: _plan().withdraw_hearing_response(LETTERS, "Feil plan.", BY), LETTERS),
        (lambda: HearingState(1, date(2025, 1, 2)).response(LETTERS), LETTERS),
        (lambda: _plan_in_a_round().confirm_reminder_delivered(LETTERS, -1, BY), LETTERS),
    ],
    ids=[
        "role",
        "reminder day",
        "reminder day too long to be a number",
        "reminder day too far from the deadline",
        "year",
        "case number without its body",
        "measure ID",
        "area number",
        "goal number",
        "goal number to remove",
        "hearing response of a plan",
        "hearing response of a hearing",
        "body of a reporting round",
    ],
)
def test_a_refusal_quotes_only_the_start_of_a_huge_value(
    refuse: Callable[[], object], typed: str
) -> None:
    with pytest.raises(PlanloggError) as refused:
        refuse()
    assert typed.strip()[:39] + "…" in refused.value.message
    assert len(refused.value.message) < 300


@pytest.mark.parametrize(
    "refuse",
    [
        lambda app: app.record_decision(
            "hf", LETTERS + " sak 1/25", "PSU", date(2025, 1, 2), "Vedtatt.", BY
        ),
        lambda app: app.record_decision(
            "hf", "ASU sak 1/25", LETTERS, date(2025, 1, 2), "Vedtatt.", BY
        ),
        lambda app: app.get_decision("hf", LETTERS + " sak 1/25"),
        lambda app: app.find_person(LETTERS),
        _person_added_twice,
    ],
    ids=[
        "case number of another body",
        "body other than the case number's",
        "decision nobody recorded",
        "person nobody is",
        "person's subject added twice",
    ],
)
def test_the_application_quotes_only_the_start_of_what_was_typed(
    app: Planlogg, refuse: Callable[[Planlogg], object]
) -> None:
    with pytest.raises(PlanloggError) as refused:
        refuse(app)
    assert "x" * 39 + "…" in refused.value.message
    assert "x" * 41 not in refused.value.message
    assert len(refused.value.message) < 400


def test_a_stray_line_in_a_plan_table_is_quoted_by_its_start() -> None:
    parsed = parse_plan_table(
        [["Handlingsplan 2022-2025"], ["1. Område"], ["", "Mål", "", "Tiltak", "Ansvar"], [LETTERS]]
    )
    [problem] = parsed.problems
    assert problem.reason.startswith('Forstår ikke linjen "' + "x" * 39 + '…".')


# --- database URLs ------------------------------------------------------------------------


PASSWORDS = [
    "mysql://kari:hemmelig@db.helse.no/planlogg",
    "postgresql+psycopg://kari:hemmelig@db.helse.no:5432/planlogg",
    "kari:hemmelig@db.helse.no/planlogg",
    "postgres//kari:hem@lig@db.helse.no/planlogg",
    "postgresq://db.helse.no/planlogg?user=kari&password=hemmelig",
    "host=db.helse.no user=kari password=hemmelig dbname=planlogg",
    "host=db.helse.no user=kari PASSWORD = hemmelig",
    "host=db.helse.no password='hem mel ig' user=kari",
]


@pytest.mark.parametrize("url", PASSWORDS)
def test_an_unknown_database_url_is_quoted_without_its_password(url: str) -> None:
    with pytest.raises(PlanloggError) as refused:
        persistence_env(url)
    assert refused.value.message.startswith("Ukjent database-URL")
    assert "hem" not in refused.value.message
    assert "db.helse.no" in refused.value.message


def test_a_huge_unknown_database_url_is_quoted_by_its_start() -> None:
    with pytest.raises(PlanloggError) as refused:
        persistence_env(LETTERS)
    assert '"' + "x" * (SHOWN_URL - 1) + '…"' in refused.value.message
    assert len(refused.value.message) < SHOWN_URL + 200


def test_a_sqlite_path_too_long_for_any_disk_is_refused_by_its_start() -> None:
    with pytest.raises(PlanloggError) as refused:
        persistence_env(f"sqlite:///{LETTERS}/planlogg.sqlite")
    assert "«" + "x" * (SHOWN_URL - 1) + "…»" in refused.value.message
    assert len(refused.value.message) < SHOWN_URL + 200


@pytest.mark.parametrize(
    ("url", "start"),
    [
        (f"sqlite:///{LETTERS}", "sqlite:///" + "x" * (SHOWN_URL - 11) + "…"),
        (f"postgresql://kari:hemmelig@db.helse.no/{LETTERS}", "«" + "x" * (SHOWN_URL - 1) + "…»"),
        (f"postgresql://kari:hemmelig@{'h' * 20_000}/planlogg", "h" * (SHOWN_URL - 1) + "…:5432"),
    ],
    ids=["sqlite file", "postgresql database", "postgresql host"],
)
def test_a_database_that_cannot_be_opened_is_named_by_its_start(url: str, start: str) -> None:
    message = database_unavailable(url, OSError("nei")).message
    assert start in message
    assert "hemmelig" not in message
    assert len(message) < SHOWN_URL + 300


@pytest.mark.parametrize("url", PASSWORDS)
def test_a_url_is_shown_without_its_password(url: str) -> None:
    assert "hem" not in shown_url(url)


def test_a_url_without_a_password_is_shown_as_written() -> None:
    assert shown_url("postgresql://db.helse.no:5432/planlogg") == (
        "postgresql://db.helse.no:5432/planlogg"
    )
    assert shown_url("postgresql://kari@db.helse.no/planlogg") == (
        "postgresql://kari@db.helse.no/planlogg"
    )
    assert shown_url("sqlite:///srv/planlogg/planlogg.sqlite") == (
        "sqlite:///srv/planlogg/planlogg.sqlite"
    )


# --- beyond the domain: the command line, settings, the API and the sheet ---------------


def _unknown_sheet_id() -> str:
    rows = sheet_as_store()
    rows[0] = SheetRow(2, {**rows[0].cells, "ID": LETTERS})
    return decide(LAYOUT, rows, STORE, BASE).messages[0].text


def _sheet_id_twice() -> str:
    rows = sheet_as_store()
    rows[0] = SheetRow(2, {**rows[0].cells, "ID": LETTERS})
    rows[1] = SheetRow(3, {**rows[1].cells, "ID": LETTERS})
    return decide(LAYOUT, rows, STORE, BASE).messages[0].text


def _revoked(name: str) -> object:
    store = InMemoryTokenStore()
    try:
        return store.revoke(name)
    finally:
        store.close()


def _fail(refuse: Callable[[], object]) -> str:
    """The message of whatever refusal `refuse` raises (Planlogg's or the command line's)."""
    with pytest.raises((PlanloggError, click.ClickException)) as refused:
        refuse()
    error = refused.value
    return error.message if isinstance(error, PlanloggError) else error.format_message()


def _målform_chosen(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(LANGUAGE_VARIABLE, LETTERS)
    return _fail(chosen_målform)


@pytest.mark.parametrize(
    "said",
    [
        lambda _mp: _unknown_sheet_id(),
        lambda _mp: _sheet_id_twice(),
        lambda _mp: _fail(lambda: TOKEN_ROLE_WORDS.convert(LETTERS, None, None)),
        _målform_chosen,
        lambda _mp: _fail(lambda: _when(LETTERS, "--as-of")),
        lambda _mp: _seconds("PLANLOGG_SYNC_INTERVAL", LETTERS, "300").message,
        lambda _mp: _fail(lambda: session_lifetime({"PLANLOGG_SESSION_HOURS": LETTERS})),
        lambda _mp: _fail(lambda: shared(LETTERS, 1, "PLANLOGG_RATELIMIT_LOGIN")),
        lambda _mp: _fail(lambda: check_format(LETTERS)),
        lambda _mp: _fail(lambda: parse_token_role(LETTERS)),
        lambda _mp: _fail(lambda: _revoked(LETTERS)),
        lambda _mp: _fail(lambda: if_match(LETTERS)),
    ],
    ids=[
        "sheet ID nobody has",
        "sheet ID on two rows",
        "command line choice",
        "målform setting",
        "command line date",
        "seconds setting",
        "session hours setting",
        "rate limit setting",
        "report format",
        "token role",
        "token to revoke",
        "If-Match",
    ],
)
def test_beyond_the_domain_a_refusal_quotes_only_the_start_of_a_huge_value(
    said: Callable[[pytest.MonkeyPatch], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    message = said(monkeypatch)
    assert "x" * 39 + "…" in message
    assert "x" * 41 not in message
    assert len(message) < 400


@pytest.mark.parametrize(
    "args",
    [
        ["show", LETTERS],
        ["show", LETTERS, "--version", "2"],
        ["show", LETTERS, "--as-of", "2024-01-01"],
        ["dashboard", LETTERS],
        ["hearing", "show", LETTERS],
        ["hearing", "show", LETTERS, "--version", "3"],
    ],
    ids=["plan", "adopted version", "plan as of a day", "dashboard", "hearing", "hearing version"],
)
def test_a_plan_key_nobody_has_is_quoted_only_by_its_start_on_the_command_line(
    args: list[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'planlogg.sqlite'}"
    result = CliRunner().invoke(cli, ["--database-url", url, *args])
    assert result.exit_code == EXIT_NOT_FOUND
    assert "x" * 39 + "…" in result.output
    assert len(result.output) < 300


class _SilentStorage:
    def check(self) -> bool:
        return False


class _SilentLimiter:
    storage = _SilentStorage()


def test_a_rate_limit_store_that_does_not_answer_is_named_without_its_password() -> None:
    with pytest.raises(PlanloggError) as refused:
        check_storage(_SilentLimiter(), "redis://:hemmelig@redis.helse.no:6379/0")  # type: ignore[arg-type]
    assert "redis://:…@redis.helse.no:6379/0" in refused.value.message
    assert "hemmelig" not in refused.value.message

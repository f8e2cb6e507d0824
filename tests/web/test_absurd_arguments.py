"""Absurd arguments and bodies are refused where they enter, never run, hung or crashed on.

Command-line numbers out of range are usage errors (exit 2); years and dates
outside the domain's range are Norwegian messages (exit 3, or 422 on the API);
JSON nested deeper than any request is 400.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from flask import Flask

from domain.dates import FIRST_YEAR, LAST_YEAR
from web.bounded_json import MAX_DEPTH
from web.cli import (
    EXIT_INVALID,
    EXIT_USAGE,
    cli,
)

DEMO = "st-olavs-2022-2024"


@pytest.mark.parametrize(
    "args",
    [
        ["serve", "--port", "99999"],
        ["serve", "--port", "-1"],
        ["serve", "--threads", "0"],
        ["serve", "--workers", "0"],
        ["serve", "--sync-interval", "-1"],
        ["sync", "--watch", "--interval", "-1"],
        ["sync", "--watch", "--interval", "0"],
        ["history", DEMO, "--page", "10000000000000000000000"],
        ["show", DEMO, "--version", "99999999999"],
        ["audit", "verify", "--head", "ab", "--position", "-1"],
    ],
    ids=lambda args: " ".join(args),
)
def test_numbers_out_of_range_are_usage_errors(args: list[str], tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    result = CliRunner().invoke(cli, ["--database-url", url, *args])
    assert result.exit_code == EXIT_USAGE, result.output
    assert "Feil: Ugyldig verdi for " in result.output
    assert not (tmp_path / "handlingsplan.xlsx").exists()


@pytest.fixture
def demo_url(database_url: str) -> str:
    result = CliRunner().invoke(cli, ["--database-url", database_url, "demo"])
    assert result.exit_code == 0, result.output
    return database_url


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "create", "p", "--title", "T", "--owner", "hf", "--years", "0-99999"],
         f"Første året 0 er utenfor det Planlogg tar imot ({FIRST_YEAR}–{LAST_YEAR})."),
        (["plan", "create", "p", "--title", "T", "--owner", "hf", "--years", "2025-2024"],
         "Perioden 2025–2024 slutter før den begynner."),
        (["round", "open", DEMO, "--deadline", "01.01.0001", "--body", "FSU"],
         'Datoen "01.01.0001" er utenfor det Planlogg tar imot'),
        (["hearing", "send", DEMO, "--deadline", "9999-12-31"],
         'Datoen "9999-12-31" er utenfor det Planlogg tar imot'),
        (["history", DEMO, "--since", "0001-01-01"],
         'Datoen "0001-01-01" er utenfor det Planlogg tar imot'),
        (["show", DEMO, "--as-of", "9999-12-31T23:59"],
         'Datoen "9999-12-31T23:59" er utenfor det Planlogg tar imot'),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)  # fmt: skip
def test_years_and_dates_outside_the_range_are_refused_in_norwegian(
    demo_url: str, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(cli, ["--database-url", demo_url, "--as", "Kari", *args])
    assert result.exit_code == EXIT_INVALID, result.output
    assert message in result.output


def nested(depth: int) -> str:
    return '{"key": ' + "[" * depth + "]" * depth + "}"


def test_deeply_nested_json_is_a_bad_request(web: Flask, auth) -> None:
    client = web.test_client()
    headers = {**auth("editor"), "Content-Type": "application/json"}
    response = client.post("/api/plans", data=nested(100_000), headers=headers)
    assert response.status_code == 400
    assert response.json["error"]["message"] == "Innholdet er ikke gyldig JSON."


def test_json_exactly_as_deep_as_allowed_reaches_the_schema(web: Flask, auth) -> None:
    client = web.test_client()
    headers = {**auth("editor"), "Content-Type": "application/json"}
    response = client.post("/api/plans", data=nested(MAX_DEPTH - 1), headers=headers)
    assert response.status_code == 422
    assert response.json["error"]["fields"]["key"] == ["Må være tekst."]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"/api/plans/{DEMO}/dashboard?today=0001-01-01", "today"),
        (f"/api/plans/{DEMO}/history?since=9999-12-31", "since"),
        (f"/api/plans/{DEMO}/as-of?at=9999-12-31T23:00:00%2B01:00", "at"),
    ],
)
def test_api_dates_outside_the_range_are_refused(web: Flask, auth, path: str, field: str) -> None:
    response = web.test_client().get(path, headers=auth("auditor"))
    assert response.status_code == 422
    assert response.json["error"]["fields"][field] == [
        f"Må være mellom {FIRST_YEAR}-01-01 og {LAST_YEAR}-12-31."
    ]


def test_api_plan_years_outside_the_range_are_refused(web: Flask, auth) -> None:
    body = {"key": "p", "title": "T", "owner": "hf", "first_year": 0, "last_year": 99999}
    response = web.test_client().post("/api/plans", json=body, headers=auth("editor"))
    assert response.status_code == 422
    refused = [f"Må være et heltall fra {FIRST_YEAR} til {LAST_YEAR}."]
    assert response.json["error"]["fields"] == {"first_year": refused, "last_year": refused}


@pytest.mark.parametrize(
    ("path", "body", "name"),
    [
        ("measures/1.3.1/text", '{"text": "Første", "text": "Andre"}', "text"),
        ("measures/1.3.1/evaluation",
         '{"fields": {"objective": "Ett", "objective": "To"}}', "objective"),
    ],
)  # fmt: skip
def test_a_field_given_twice_is_a_bad_request_and_stores_nothing(
    web: Flask, auth, path: str, body: str, name: str
) -> None:
    """Which of the two would count is up to each parser; a proxy reading the first and
    Planlogg the last would disagree about what was sent."""
    app = web.extensions["planlogg"].app
    before = app.recorder.max_notification_id()
    headers = {**auth("editor"), "Content-Type": "application/json"}
    response = web.test_client().post(f"/api/plans/{DEMO}/{path}", data=body, headers=headers)
    assert response.status_code == 400
    assert response.json["error"]["message"] == f"Feltet «{name}» står mer enn én gang."
    assert app.recorder.max_notification_id() == before

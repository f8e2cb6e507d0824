"""Two API clients rename one area (the API, each client with its own editor's token; on
SQLite and PostgreSQL).

A client sends back the revision it read: as the ETag in If-Match, or as the read's
`revision` in the body's expected_revision; the Examples run the journey both ways.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from projections import AuditQuery
from tests.web.journeys import caught_up, web_app
from web.tokens import Role, create_token

scenarios("renaming_an_area.feature")

pytestmark = pytest.mark.usefixtures("database_url")

CLIENTS = {"Per": "Per Hansen", "Kari": "Kari Nordmann"}
AREA = f"/api/plans/{DEMO_PLAN}/areas"
READ = f"/api/plans/{DEMO_PLAN}/draft/areas"


@given(
    "the demo plan on a database, with API tokens for Per Hansen and Kari Nordmann as editors",
    target_fixture="web",
)
def demo_with_tokens(store: Planlogg, database_url: str) -> Flask:
    load_demo(store)
    return caught_up(web_app(store, database_url))


@pytest.fixture
def tokens(web: Flask) -> dict[str, dict[str, str]]:
    """Each client's Authorization header, its token an editor's."""
    made = {}
    for name, holder in CLIENTS.items():
        clear, _record = create_token(web.extensions["planlogg"].tokens, holder, Role.EDITOR)
        made[name] = {"Authorization": f"Bearer {clear}"}
    return made


@when(parsers.parse("Per and Kari both read area {number} of the draft"), target_fixture="seen")
def both_read(
    web: Flask, tokens: dict[str, dict[str, str]], number: str
) -> dict[str, TestResponse]:
    client = web.test_client()
    return {name: client.get(f"{READ}/{number}", headers=tokens[name]) for name in CLIENTS}


def shows(read: TestResponse, number: str, title: str, revision: int, etag: str) -> None:
    assert read.status_code == 200, read.json
    assert (read.headers["ETag"], read.json) == (
        f'"{etag}"',
        {"number": number, "title": title, "revision": revision},
    )


@then(parsers.parse('both read "{title}" at revision {revision:d} with the ETag "{etag}"'))
def both_shown(seen: dict[str, TestResponse], title: str, revision: int, etag: str) -> None:
    for name in CLIENTS:
        shows(seen[name], "2", title, revision, etag)


def rename(
    client: FlaskClient, headers: dict[str, str], read: TestResponse, title: str, sent_as: str
) -> TestResponse:
    """PUT the new title, with the revision `read` answered, sent as the client chooses."""
    body: dict[str, Any] = {"title": title}
    if sent_as == "If-Match":
        headers = {**headers, "If-Match": read.headers["ETag"]}
    elif sent_as == "expected_revision":
        body["expected_revision"] = read.json["revision"]
    else:
        raise ValueError(f"Ukjend måte å sende endringsnummeret på: {sent_as}")
    return client.put(f"{AREA}/{read.json['number']}", json=body, headers=headers)


@when(
    parsers.re(
        r"(?P<name>Per|Kari) renames area \d+ to \"(?P<title>.+)\" with the revision "
        r"(?:he|she) read as (?P<sent_as>\S+)"
    ),
    target_fixture="renamed",
)
def renames(
    web: Flask,
    tokens: dict[str, dict[str, str]],
    seen: dict[str, TestResponse],
    name: str,
    title: str,
    sent_as: str,
) -> TestResponse:
    return rename(web.test_client(), tokens[name], seen[name], title, sent_as)


@when(
    parsers.re(
        r"Kari reads area (?P<number>\d+) of the draft again and renames it to \"(?P<title>.+)\" "
        r"with the revision she read as (?P<sent_as>\S+)"
    ),
    target_fixture="renamed",
)
def reads_again_and_renames(
    web: Flask, tokens: dict[str, dict[str, str]], number: str, title: str, sent_as: str
) -> TestResponse:
    client = web.test_client()
    fresh = client.get(f"{READ}/{number}", headers=tokens["Kari"])
    return rename(client, tokens["Kari"], fresh, title, sent_as)


@then(
    parsers.re(
        r"(?:Per|Kari)'s rename is done \(200\): \"(?P<done>.+)\", with the ETag \"(?P<etag>\d+)\""
    )
)
def done(renamed: TestResponse, done: str, etag: str) -> None:
    assert renamed.status_code == 200, renamed.json
    assert (renamed.headers["ETag"], renamed.json) == (
        f'"{etag}"',
        {"done": done, "key": DEMO_PLAN, "revision": int(etag)},
    )


@then(parsers.parse('Kari\'s rename is refused (409, conflict): "{message}"'))
def refused(renamed: TestResponse, message: str) -> None:
    assert renamed.json == {"error": {"kind": "conflict", "message": message, "status": 409}}
    assert renamed.status_code == 409


@then(
    parsers.parse(
        'area {number} of the draft reads "{title}" at revision {revision:d} with the ETag "{etag}"'
    )
)
def area_reads(
    web: Flask,
    tokens: dict[str, dict[str, str]],
    number: str,
    title: str,
    revision: int,
    etag: str,
) -> None:
    read = web.test_client().get(f"{READ}/{number}", headers=tokens["Per"])
    shows(read, number, title, revision, etag)


@then(parsers.parse("the history of area {number}'s title reads:"))
def history_reads(web: Flask, number: str, datatable: list[list[str]]) -> None:
    models = web.extensions["planlogg"].read_models
    models.read_your_writes()
    rows = models.history(AuditQuery(plan=DEMO_PLAN, field="area_title")).rows
    header, *expected = datatable
    assert header == ["Person", "Kilde", "Før", "Etter"]
    found = [[r.actor, r.source, r.before, r.after] for r in rows if r.area == number]
    assert found == expected

"""Signing out of a page session begun with an API token (the form on /logg-inn) ends every
page session begun with that token until then: other browsers, and copies of the cookie,
in every web worker (SQLite and PostgreSQL). The token itself keeps working on the API.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import load_demo
from domain.people import Role
from domain.persistence import persistence_env
from tests.web.clock import Clock
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import NOW, signed_in_with_token
from web import create_app
from web.tokens import TokenStore, authenticate, create_token, digest, token_store_for

COOKIE = "planlogg_session"
SIGNED_OUT = (302, "/logg-inn?next=/revisjon/")


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def workers(database_url: str, clock: Clock) -> Iterator[tuple[Flask, Flask]]:
    """Two web workers on one database, each with its own token store (as `serve --workers`
    makes them), and one clock."""
    app = Planlogg.from_url(database_url)
    load_demo(app)
    made = []
    for _ in range(2):
        web = create_app(
            {"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True, "CLOCK": clock},
            app=app,
        )
        caught_up(web)
        made.append(web)
    yield made[0], made[1]
    for web in made:
        web.extensions["planlogg"].tokens.close()
    app.close()


def tokens(web: Flask) -> TokenStore:
    store: TokenStore = web.extensions["planlogg"].tokens
    return store


def csrf(client: FlaskClient, path: str = "/") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found[1]


def copy_of(web: Flask, client: FlaskClient) -> FlaskClient:
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    copy = web.test_client()
    copy.set_cookie(COOKIE, cookie.value)
    return copy


def status(client: FlaskClient) -> tuple[int, str]:
    answer = client.get("/revisjon/")
    return answer.status_code, answer.headers.get("Location", "")


def sign_out(client: FlaskClient) -> None:
    answer = client.post("/logg-ut", data={"csrf_token": csrf(client)})
    assert (answer.status_code, answer.headers["Location"]) == (302, "/")


def test_signing_out_of_a_token_session_ends_every_session_begun_with_the_token_until_then(
    workers: tuple[Flask, Flask], clock: Clock
) -> None:
    """Rita signed in with her token on her laptop and on a shared computer, each served by
    another worker; a copy of the laptop's cookie went astray. Signing out on the laptop
    ends all three; Anne's session, begun with another token, goes on."""
    first, second = workers
    rita, _record = create_token(tokens(first), "Rita", Role.AUDITOR)
    anne, _record = create_token(tokens(first), "Anne", Role.AUDITOR)
    laptop = signed_in_with_token(first, rita)
    clock.now += 60
    shared = signed_in_with_token(second, rita)
    astray = copy_of(second, laptop)
    annes = signed_in_with_token(second, anne)
    assert [status(c)[0] for c in (laptop, shared, astray, annes)] == [200, 200, 200, 200]

    clock.now += 60
    sign_out(laptop)

    assert [status(c) for c in (laptop, shared, astray)] == [SIGNED_OUT] * 3
    assert status(annes) == (200, "")
    api = first.test_client().get(
        f"/api/plans/{KEY}/draft", headers={"Authorization": f"Bearer {rita}"}
    )
    assert api.status_code == 200


def test_a_token_session_begun_right_after_signing_out_goes_on_until_the_next_sign_out(
    workers: tuple[Flask, Flask],
) -> None:
    """The clock shows the same time for the sign-out and the sign-in after it."""
    first, second = workers
    rita, _record = create_token(tokens(first), "Rita", Role.AUDITOR)
    sign_out(signed_in_with_token(first, rita))
    again = signed_in_with_token(second, rita)
    copy = copy_of(first, again)
    assert (status(again), status(copy)) == ((200, ""), (200, ""))
    sign_out(again)
    assert status(copy) == SIGNED_OUT


OLD_TABLE = (
    "CREATE TABLE planlogg_api_tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
    "role TEXT NOT NULL, digest TEXT NOT NULL UNIQUE, created_at {time} NOT NULL, "
    "revoked_at {time})"
)
OLD_TOKEN = "plg_" + "b" * 43


def _old_table(url: str) -> None:
    """The token table as it was before page sessions of tokens could be signed out of."""
    insert = (
        "INSERT INTO planlogg_api_tokens (id, name, role, digest, created_at) "
        "VALUES (%s, %s, %s, %s, %s)"
    )
    values = ("old1", "Gammel", "auditor", digest(OLD_TOKEN), "2024-01-02T03:04:05+00:00")
    if url.startswith("postgresql"):
        import psycopg

        schema = url.split("schema=")[1]
        with psycopg.connect(url.split("?")[0], options=f"-c search_path={schema}") as conn:
            conn.execute(OLD_TABLE.format(time="TIMESTAMPTZ"))
            conn.execute(insert, values)
        return
    conn = sqlite3.connect(persistence_env(url)["SQLITE_DBNAME"])
    with conn:
        conn.execute(OLD_TABLE.format(time="TEXT"))
        conn.execute(insert.replace("%s", "?"), values)
    conn.close()


def test_a_token_table_made_before_sign_outs_were_kept_gets_room_for_them(
    database_url: str,
) -> None:
    _old_table(database_url)
    store = token_store_for(database_url)
    try:
        old = authenticate(store, OLD_TOKEN)
        assert old is not None and (old.name, old.signed_out_at) == ("Gammel", None)
        later = datetime(2030, 3, 17, 17, 46, 40, 5, tzinfo=UTC)
        store.sign_out("old1", later)
        store.sign_out("old1", datetime(2030, 3, 17, 17, 46, 40, tzinfo=UTC))
        again = token_store_for(database_url)  # another worker, the column already there
        try:
            found = again.get("old1")
            assert found is not None and found.signed_out_at == later
        finally:
            again.close()
    finally:
        store.close()

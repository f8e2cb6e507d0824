"""An API token may be limited to some health communities, stored beside its role; a token
made before tokens had communities reaches every community (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest

from domain.errors import ValidationError
from domain.persistence import persistence_env
from web.tokens import (
    InMemoryTokenStore,
    Role,
    TokenStore,
    authenticate,
    create_token,
    digest,
    token_store_for,
)

OLD_TABLE = (
    "CREATE TABLE planlogg_api_tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
    "role TEXT NOT NULL, digest TEXT NOT NULL UNIQUE, created_at {time} NOT NULL, "
    "revoked_at {time})"
)
OLD_TOKEN = "plg_" + "a" * 43


@pytest.fixture
def stores() -> Iterator[Callable[[str], TokenStore]]:
    made: list[TokenStore] = []

    def store_for(url: str) -> TokenStore:
        made.append(token_store_for(url))
        return made[-1]

    yield store_for
    for store in made:
        store.close()


def _execute_sqlite(url: str, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
    import sqlite3

    conn = sqlite3.connect(persistence_env(url)["SQLITE_DBNAME"])
    with conn:
        for statement, parameters in statements:
            conn.execute(statement.replace("%s", "?"), parameters)
    conn.close()


def _execute_postgres(url: str, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
    schema = url.split("schema=")[1]
    with psycopg.connect(url.split("?")[0], options=f"-c search_path={schema}") as conn:
        for statement, parameters in statements:
            conn.execute(statement, parameters)


def test_a_token_made_before_communities_reaches_every_community(
    database_url: str, stores: Callable[[str], TokenStore]
) -> None:
    postgres = database_url.startswith("postgresql")
    statements = [
        (OLD_TABLE.format(time="TIMESTAMPTZ" if postgres else "TEXT"), ()),
        (
            "INSERT INTO planlogg_api_tokens (id, name, role, digest, created_at) "
            "VALUES (%s, %s, %s, %s, %s)",
            ("old1", "Gammel", "editor", digest(OLD_TOKEN), "2024-01-02T03:04:05+00:00"),
        ),
    ]
    (_execute_postgres if postgres else _execute_sqlite)(database_url, statements)
    store = stores(database_url)
    old = authenticate(store, OLD_TOKEN)
    assert old is not None
    assert (old.name, old.role, old.communities) == ("Gammel", Role.EDITOR, frozenset())
    clear, record = create_token(
        store, "Ny", Role.AUDITOR, communities=["vestre-viken", " st-olavs "]
    )
    assert record.communities == frozenset({"st-olavs", "vestre-viken"})
    assert authenticate(stores(database_url), clear) == record


def test_a_tokens_communities_are_stored_with_it(
    database_url: str, stores: Callable[[str], TokenStore]
) -> None:
    clear, _record = create_token(
        stores(database_url), "Vera", Role.EDITOR, communities=["st-olavs"]
    )
    found = authenticate(stores(database_url), clear)
    assert found is not None and found.communities == frozenset({"st-olavs"})
    assert [t.communities for t in stores(database_url).all()] == [frozenset({"st-olavs"})]
    unscoped, _record = create_token(stores(database_url), "Rita", Role.AUDITOR)
    found = authenticate(stores(database_url), unscoped)
    assert found is not None and found.communities == frozenset()


def test_a_token_name_with_a_direction_control_is_refused_when_it_is_made() -> None:
    """Every change made with a token is stamped with its name, which Planlogg refuses with a
    direction control (it could disguise who acted): refused at once, not on each command."""
    with pytest.raises(ValidationError) as refused:
        create_token(InMemoryTokenStore(), "Vera \u202eUSA", Role.EDITOR)
    assert refused.value.message == (
        "Tokenets navn inneholder et retningstegn som kan skjule hva som står: "
        "U+202E (RIGHT-TO-LEFT OVERRIDE). Fjern det og prøv igjen."
    )


def test_a_column_another_process_added_just_now_is_no_error(tmp_path: Any) -> None:
    """Two processes opening a token table of the old layout at once both find a column
    missing; the second one's ALTER finds it there: that process starts, it does not crash."""
    import sqlite3

    from web.tokens import add_sqlite_column

    conn = sqlite3.connect(str(tmp_path / "t.sqlite"))
    conn.execute("CREATE TABLE planlogg_api_tokens (id TEXT PRIMARY KEY)")
    add_sqlite_column(conn, "signed_out_at TEXT")
    add_sqlite_column(conn, "signed_out_at TEXT")
    columns = [row[1] for row in conn.execute("PRAGMA table_info(planlogg_api_tokens)")]
    assert columns == ["id", "signed_out_at"]
    conn.execute("DROP TABLE planlogg_api_tokens")
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        add_sqlite_column(conn, "signed_out_at TEXT")

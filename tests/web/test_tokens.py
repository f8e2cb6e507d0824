"""API tokens: stored only as digests, beside the events, shown once by the command line."""

from __future__ import annotations

import click
import psycopg
import pytest
from click.testing import CliRunner

from domain.errors import NotFoundError, ValidationError
from web.cli import serve_commands
from web.tokens import Role, authenticate, create_token, digest, token_store_for


def test_a_token_is_stored_as_its_digest_and_can_be_revoked(database_url: str) -> None:
    store = token_store_for(database_url)
    clear, record = create_token(store, "Rita", Role.AUDITOR)
    assert authenticate(store, clear) == record
    assert authenticate(store, clear + "x") is None
    assert store.find(digest(clear)) == record
    assert all(clear not in repr(t) for t in store.all())
    with pytest.raises(ValidationError):
        create_token(store, "Rita", Role.EDITOR)
    store.revoke("Rita")
    assert authenticate(store, clear) is None
    with pytest.raises(NotFoundError):
        store.revoke("Rita")


def test_a_revocation_by_another_process_stops_the_next_request(database_url: str) -> None:
    """The server's store and the command line's are two pools: each check reads anew."""
    server, command_line = token_store_for(database_url), token_store_for(database_url)
    clear, record = create_token(command_line, "Siv", Role.EDITOR)
    assert authenticate(server, clear) == record
    command_line.revoke("Siv")
    assert authenticate(server, clear) is None


def test_the_table_holds_no_clear_token(postgres_url: str) -> None:
    clear, _ = create_token(token_store_for(postgres_url), "Erik", "editor")
    schema = postgres_url.split("schema=")[1]
    with psycopg.connect(postgres_url.split("?")[0]) as conn:
        rows = conn.execute(f"SELECT * FROM {schema}.planlogg_api_tokens").fetchall()
    assert len(rows) == 1 and clear not in str(rows) and digest(clear) in str(rows)


def test_an_unknown_role_is_refused() -> None:
    with pytest.raises(ValidationError, match="Ukjent rolle"):
        create_token(token_store_for("memory:"), "X", "admin")


def test_the_command_line_prints_the_token_once(sqlite_url: str) -> None:
    @click.group()
    @click.pass_context
    def root(ctx: click.Context) -> None:
        from web.cli import CliContext

        ctx.obj = CliContext(url=sqlite_url, actor="test")

    serve_commands.register(root)
    runner = CliRunner()
    created = runner.invoke(root, ["token", "create", "Kari", "--role", "approver"])
    assert created.exit_code == 0, created.output
    clear = created.output.strip().splitlines()[-1]
    assert authenticate(token_store_for(sqlite_url), clear).role == Role.APPROVER
    listed = runner.invoke(root, ["token", "list"])
    assert "Kari\tgodkjenner" in listed.output and clear not in listed.output
    revoked = runner.invoke(root, ["token", "revoke", "Kari"])
    assert revoked.exit_code == 0 and authenticate(token_store_for(sqlite_url), clear) is None

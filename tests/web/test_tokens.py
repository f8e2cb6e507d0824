"""API tokens: stored only as digests, beside the events, shown once by the command line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import click
import psycopg
import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import load_demo
from domain.errors import NotFoundError, ValidationError
from projections import ReadModels
from tests.web.conftest import KEY
from web.cli import serve_commands
from web.tokens import (
    TOKEN_PREFIX,
    InMemoryTokenStore,
    Role,
    TokenStore,
    authenticate,
    authenticate_beside,
    create_token,
    digest,
    token_store_for,
)


@pytest.fixture
def stores() -> Iterator[Callable[[str], TokenStore]]:
    """The token store for a URL, as `token_store_for` makes it, closed after the test: a
    PostgreSQL store's pool left to the garbage collector may end up joining its own thread."""
    made: list[TokenStore] = []

    def store_for(url: str) -> TokenStore:
        made.append(token_store_for(url))
        return made[-1]

    yield store_for
    for store in made:
        store.close()


def test_a_token_is_stored_as_its_digest_and_can_be_revoked(
    database_url: str, stores: Callable[[str], TokenStore]
) -> None:
    store = stores(database_url)
    clear, record = create_token(store, "Rita", Role.AUDITOR)
    assert authenticate(store, clear) == record
    assert authenticate(store, clear + "x") is None
    assert store.find(digest(clear)) == record
    assert all(clear not in repr(t) for t in store.all())
    with pytest.raises(ValidationError) as twice:
        create_token(store, "Rita", Role.EDITOR)
    assert str(twice.value) == 'Det finnes allerede et aktivt token med navnet "Rita".'
    store.revoke("Rita")
    assert authenticate(store, clear) is None
    with pytest.raises(NotFoundError) as gone:
        store.revoke("Rita")
    assert str(gone.value) == 'Fant ikke noe aktivt token med navnet "Rita".'


def test_a_revocation_by_another_process_stops_the_next_request(
    database_url: str, stores: Callable[[str], TokenStore]
) -> None:
    """The server's store and the command line's are two pools: each check reads anew."""
    server, command_line = stores(database_url), stores(database_url)
    clear, record = create_token(command_line, "Siv", Role.EDITOR)
    assert authenticate(server, clear) == record
    command_line.revoke("Siv")
    assert authenticate(server, clear) is None


def test_the_table_holds_no_clear_token(
    postgres_url: str, stores: Callable[[str], TokenStore]
) -> None:
    clear, _ = create_token(stores(postgres_url), "Erik", "editor")
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


def test_a_token_is_found_with_a_value_read_beside_it_in_the_same_statement(
    database_url: str, stores: Callable[[str], TokenStore]
) -> None:
    """The read models' position, as an API request reads it with its token (`found_token`)."""
    app = Planlogg.from_url(database_url)
    load_demo(app)
    models = ReadModels.open(app)
    models.catch_up()
    store = stores(database_url)
    clear, record = create_token(store, "Rita", Role.AUDITOR)
    beside = models.position_statement()
    position = models.position()
    assert position == app.recorder.max_notification_id() and position > 0
    assert authenticate_beside(store, clear, beside) == (record, position)
    assert authenticate_beside(store, clear + "x", beside) == (None, position)
    assert authenticate_beside(store, "no-token-of-ours", beside) == (None, None)
    store.revoke("Rita")
    assert authenticate_beside(store, clear, beside) == (None, position)
    app.close()


def test_a_token_store_without_a_database_finds_the_token_alone() -> None:
    store = InMemoryTokenStore()
    clear, record = create_token(store, "Rita", Role.AUDITOR)
    assert authenticate_beside(store, clear, ("SELECT 1", ())) == (record, None)


@pytest.mark.parametrize("name", ["", "   "])
def test_a_token_without_a_name_is_refused_and_not_stored(name: str) -> None:
    store = InMemoryTokenStore()
    with pytest.raises(ValidationError) as refused:
        create_token(store, name, Role.EDITOR)
    assert refused.value.message == "Tokenet må ha et navn (den som bruker det)."
    assert store.all() == []


def both(database_url: str, stores: Callable[[str], TokenStore]) -> list[TokenStore]:
    """The store a single process keeps in memory, and the one in the database."""
    return [InMemoryTokenStore(), stores(database_url)]


def test_a_token_differing_only_in_letter_case_is_another_token(
    database_url: str, stores: Callable[[str], TokenStore]
) -> None:
    for store in both(database_url, stores):
        token, record = create_token(store, "Rita", Role.AUDITOR)
        secret = token.removeprefix(TOKEN_PREFIX)
        other = TOKEN_PREFIX + secret.swapcase()
        assert other != token
        assert (authenticate(store, token), authenticate(store, other)) == (record, None)


def test_a_name_freed_by_revoking_is_given_again_and_revoking_it_ends_the_new_token(
    database_url: str, stores: Callable[[str], TokenStore]
) -> None:
    for store in both(database_url, stores):
        first, _ = create_token(store, "Rita", Role.AUDITOR)
        store.revoke("Rita")
        second, again = create_token(store, "Rita", Role.EDITOR)
        assert authenticate(store, second) == again
        revoked = store.revoke("Rita")
        assert (revoked.id, revoked.role) == (again.id, Role.EDITOR)
        assert (authenticate(store, first), authenticate(store, second)) == (None, None)


def test_an_earlier_sign_out_does_not_replace_a_later_one_kept(
    database_url: str, stores: Callable[[str], TokenStore]
) -> None:
    """Two web workers may record a token's sign-outs out of order: the later one stands."""
    for store in both(database_url, stores):
        _, record = create_token(store, "Rita", Role.AUDITOR)
        later = datetime(2030, 3, 1, 12, 0, 1, tzinfo=UTC)
        store.sign_out(record.id, later)
        store.sign_out(record.id, later - timedelta(seconds=1))
        found = store.get(record.id)
        assert found is not None and found.signed_out_at == later


def test_the_authorization_scheme_is_read_in_any_letter_case(
    client: FlaskClient, tokens: dict[str, str]
) -> None:
    """RFC 7235 §2.1: the scheme is case-insensitive; `bearer` is `Bearer`."""
    headers = {"Authorization": f"bearer {tokens['auditor']}"}
    assert client.get(f"/api/plans/{KEY}/draft", headers=headers).status_code == 200

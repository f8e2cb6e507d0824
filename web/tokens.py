"""API tokens: who may write, approve or audit, stored only as SHA-256 digests.

A token is shown once when it is created (`planlogg token create`) and is
never stored in clear: the database holds its digest, so a leaked database
gives no usable tokens. Tokens carry 256 random bits, so a plain SHA-256 is
enough (a slow password hash protects guessable secrets, not random ones).

The tokens live in the same database as the events (one small table), so
every web worker of a PostgreSQL installation sees the same tokens and a
revocation takes effect everywhere on the next request.

A token may be limited to some health communities, kept beside its role (a JSON list of
keys); none means every community, and a table made before tokens had communities gets the
column, empty, when a store opens it.

Signing out of a page session begun with a token (the administrators' form) is kept with
the token too: every page session begun with it until then is over, in every browser and
worker, on its next request (`web.auth`). The API is not affected.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from domain.errors import NotFoundError, ValidationError
from domain.people import Role
from domain.persistence import connection_settings, persistence_env
from domain.text import checked_name, excerpt
from language import N_, _
from web.roles import ROLE_PERMISSIONS, Permission, roles_label

TOKEN_PREFIX = "plg_"


TOKEN_ROLES = (Role.EDITOR, Role.APPROVER, Role.AUDITOR)
"""Roles a machine's token can have; reporters and administrators are people."""


@dataclass(frozen=True)
class ApiToken:
    """A token's record; `name` is the actor stamped on every change made with it."""

    id: str
    name: str
    role: Role
    created_at: datetime
    revoked_at: datetime | None = None
    communities: frozenset[str] = frozenset()
    """The health communities (keys) the token reaches; empty: every community."""
    signed_out_at: datetime | None = None
    """When a page session begun with the token was last signed out of (UTC); None: never."""

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @property
    def roles_label(self) -> str:
        return roles_label([self.role])

    def can(self, permission: Permission) -> bool:
        return self.active and permission in ROLE_PERMISSIONS[self.role]


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def parse_role(text: str) -> Role:
    """A token's role; only the roles machines need (`TOKEN_ROLES`)."""
    role = next((r for r in TOKEN_ROLES if r.value == text.strip().lower()), None)
    if role is None:
        choices = ", ".join(r.value for r in TOKEN_ROLES)
        raise ValidationError(
            _(
                'Ukjent rolle "%(role)s" for et token. Velg en av: %(choices)s.',
                role=excerpt(text),
                choices=choices,
            )
        )
    return role


Statement = tuple[str, tuple[Any, ...]]
"""A statement that reads one value, and its parameters."""


class TokenStore(Protocol):
    def add(
        self, name: str, role: Role, token_digest: str, communities: frozenset[str] = frozenset()
    ) -> ApiToken: ...
    def find(self, token_digest: str) -> ApiToken | None: ...
    def find_beside(self, token_digest: str, beside: Statement) -> tuple[ApiToken | None, Any]: ...
    def get(self, token_id: str) -> ApiToken | None: ...
    def all(self) -> list[ApiToken]: ...
    def revoke(self, name: str) -> ApiToken: ...
    def sign_out(self, token_id: str, at: datetime) -> None:
        """End every page session begun with the token until `at`; a later sign-out already
        kept stays (two workers, or a clock behind another's)."""
        ...

    def close(self) -> None:
        """Release what the store holds open (a PostgreSQL store's pool)."""


def create_token(
    store: TokenStore, name: str, role: Role | str, communities: Iterable[str] = ()
) -> tuple[str, ApiToken]:
    """Make a token for `name`, reaching only `communities` (none: every community); returns
    the clear token (shown once) and its record."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Tokenet må ha et navn (den som bruker det)."))
    name = checked_name(name, N_("Tokenets navn"))
    if any(t.name == name and t.active for t in store.all()):
        raise ValidationError(
            _('Det finnes allerede et aktivt token med navnet "%(name)s".', name=name)
        )
    token = new_token()
    keys = frozenset(key.strip() for key in communities if key.strip())
    return token, store.add(name, parse_role(str(role)), digest(token), keys)


def authenticate(store: TokenStore, token: str) -> ApiToken | None:
    """The active token record for a clear token, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    return _active(store.find(digest(token)))


def authenticate_beside(
    store: TokenStore, token: str, beside: Statement
) -> tuple[ApiToken | None, Any]:
    """`authenticate`, and the value `beside` reads in the same statement where the store
    can read it there (None where it cannot, or when the token is no token of ours)."""
    if not token.startswith(TOKEN_PREFIX):
        return None, None
    record, value = store.find_beside(digest(token), beside)
    return _active(record), value


def _active(record: ApiToken | None) -> ApiToken | None:
    return record if record and record.active else None


class InMemoryTokenStore:
    """Tokens for a `memory:` database (tests); same behaviour as the SQL stores."""

    def __init__(self) -> None:
        self._by_digest: dict[str, ApiToken] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        """Nothing is held open."""

    def add(
        self, name: str, role: Role, token_digest: str, communities: frozenset[str] = frozenset()
    ) -> ApiToken:
        record = ApiToken(
            secrets.token_hex(8), name, role, datetime.now(UTC), communities=communities
        )
        with self._lock:
            self._by_digest[token_digest] = record
        return record

    def find(self, token_digest: str) -> ApiToken | None:
        return self._by_digest.get(token_digest)

    def find_beside(self, token_digest: str, beside: Statement) -> tuple[ApiToken | None, Any]:
        """No database to read `beside` in: the token alone."""
        return self.find(token_digest), None

    def get(self, token_id: str) -> ApiToken | None:
        return next((t for t in self._by_digest.values() if t.id == token_id), None)

    def all(self) -> list[ApiToken]:
        return sorted(self._by_digest.values(), key=lambda t: t.created_at)

    def revoke(self, name: str) -> ApiToken:
        with self._lock:
            for key, record in self._by_digest.items():
                if record.name == name and record.active:
                    revoked = replace(record, revoked_at=datetime.now(UTC))
                    self._by_digest[key] = revoked
                    return revoked
        raise NotFoundError(
            _('Fant ikke noe aktivt token med navnet "%(name)s".', name=excerpt(name))
        )

    def sign_out(self, token_id: str, at: datetime) -> None:
        with self._lock:
            for key, record in self._by_digest.items():
                if record.id == token_id:
                    latest = max(at, record.signed_out_at or at)
                    self._by_digest[key] = replace(record, signed_out_at=latest)


_COLUMNS = "id, name, role, created_at, revoked_at, communities, signed_out_at"
COMMUNITIES_COLUMN = "communities TEXT NOT NULL DEFAULT '[]'"
"""Added to a table made before tokens had communities: its tokens reach every community."""


def _when(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _record(row: tuple[Any, ...]) -> ApiToken:
    revoked = _when(row[4]) if row[4] is not None else None
    communities = frozenset(json.loads(row[5]))
    signed_out = _when(row[6]) if row[6] is not None else None
    return ApiToken(
        str(row[0]), row[1], Role(row[2]), _when(row[3]), revoked, communities, signed_out
    )


class SqlTokenStore:
    """Tokens in a table beside the events; `connect` yields a DB-API connection."""

    placeholder = "?"

    def close(self) -> None:
        """Each statement opens and closes its own connection: nothing is held open."""

    def add(
        self, name: str, role: Role, token_digest: str, communities: frozenset[str] = frozenset()
    ) -> ApiToken:
        record = ApiToken(
            secrets.token_hex(8), name, role, datetime.now(UTC), communities=communities
        )
        p = self.placeholder
        with self._connection() as conn:
            conn.execute(
                f"INSERT INTO planlogg_api_tokens "
                f"(id, name, role, digest, created_at, communities) "
                f"VALUES ({p}, {p}, {p}, {p}, {p}, {p})",
                (
                    record.id, name, role.value, token_digest, self._time(record.created_at),
                    json.dumps(sorted(communities), ensure_ascii=False),
                ),
            )  # fmt: skip
        return record

    def find(self, token_digest: str) -> ApiToken | None:
        return self._one(f"digest = {self.placeholder}", token_digest)

    def find_beside(self, token_digest: str, beside: Statement) -> tuple[ApiToken | None, Any]:
        """The token with this digest and the value `beside` reads (a statement on this
        store's database), in one statement: an API request's token check and its read of
        the read models' position were a round trip each (`web.reading.found_token`)."""
        statement, parameters = beside
        with self._connection() as conn:
            row = conn.execute(
                f"SELECT ({statement}), {_COLUMNS} FROM (SELECT 1) AS one "
                f"LEFT JOIN planlogg_api_tokens ON digest = {self.placeholder}",
                (*parameters, token_digest),
            ).fetchone()
        return (_record(row[1:]) if row[1] is not None else None), row[0]

    def get(self, token_id: str) -> ApiToken | None:
        return self._one(f"id = {self.placeholder}", token_id)

    def all(self) -> list[ApiToken]:
        with self._connection() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM planlogg_api_tokens ORDER BY created_at"
            ).fetchall()
        return [_record(row) for row in rows]

    def revoke(self, name: str) -> ApiToken:
        p = self.placeholder
        with self._transaction() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM planlogg_api_tokens "
                f"WHERE name = {p} AND revoked_at IS NULL",
                (name,),
            ).fetchone()
            if row is None:
                raise NotFoundError(
                    _('Fant ikke noe aktivt token med navnet "%(name)s".', name=excerpt(name))
                )
            revoked = replace(_record(row), revoked_at=datetime.now(UTC))
            conn.execute(
                f"UPDATE planlogg_api_tokens SET revoked_at = {p} WHERE id = {p}",
                (self._time(revoked.revoked_at), revoked.id),
            )
        return revoked

    def sign_out(self, token_id: str, at: datetime) -> None:
        """One statement, so that of two workers signing out at once the later time stays."""
        p = self.placeholder
        with self._connection() as conn:
            conn.execute(
                f"UPDATE planlogg_api_tokens SET signed_out_at = {p} WHERE id = {p} "
                f"AND (signed_out_at IS NULL OR signed_out_at < {p})",
                (self._time(at), token_id, self._time(at)),
            )

    def _one(self, where: str, value: str) -> ApiToken | None:
        with self._connection() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM planlogg_api_tokens WHERE {where}", (value,)
            ).fetchone()
        return _record(row) if row else None

    def _time(self, when: datetime | None) -> Any:
        return when

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        """A connection for one statement (every request's token check reads one)."""
        raise NotImplementedError

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """A connection whose statements commit together."""
        with self._connection() as conn:
            yield conn


def add_sqlite_column(conn: Any, definition: str) -> None:
    """Add a column to a token table made before it was needed. Two processes opening such a
    table at once both find it missing; the second one's ALTER then finds it there, which is
    what it wanted (SQLite has no ADD COLUMN IF NOT EXISTS)."""
    try:
        conn.execute(f"ALTER TABLE planlogg_api_tokens ADD COLUMN {definition}")
    except sqlite3.OperationalError as error:
        if "duplicate column name" not in str(error):
            raise


class SQLiteTokenStore(SqlTokenStore):
    def __init__(self, path: str) -> None:
        self.path = path
        with self._connection() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS planlogg_api_tokens ("
                "id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, "
                "digest TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT, "
                f"{COMMUNITIES_COLUMN}, signed_out_at TEXT)"
            )
            columns = {row[1] for row in conn.execute("PRAGMA table_info(planlogg_api_tokens)")}
            if "communities" not in columns:
                add_sqlite_column(conn, COMMUNITIES_COLUMN)
            if "signed_out_at" not in columns:  # made before token sessions were signed out of
                add_sqlite_column(conn, "signed_out_at TEXT")

    def _time(self, when: datetime | None) -> Any:
        """In UTC to the microsecond, always as long: stored times then compare as text."""
        return when.astimezone(UTC).isoformat(timespec="microseconds") if when else None

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            with conn:
                yield conn
        finally:
            conn.close()


class PostgresTokenStore(SqlTokenStore):
    placeholder = "%s"

    def __init__(self, env: dict[str, str]) -> None:
        from psycopg_pool import ConnectionPool

        kwargs = connection_settings(env)
        kwargs["autocommit"] = True
        if env.get("POSTGRES_SCHEMA"):
            kwargs["options"] = f"-c search_path={env['POSTGRES_SCHEMA']}"
        self.pool = ConnectionPool(kwargs=kwargs, min_size=1, max_size=4, open=True)
        self._create_table()

    def _create_table(self) -> None:
        import psycopg

        try:
            with self._connection() as conn:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS planlogg_api_tokens ("
                    "id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, "
                    "digest TEXT NOT NULL UNIQUE, created_at TIMESTAMPTZ NOT NULL, "
                    f"revoked_at TIMESTAMPTZ, {COMMUNITIES_COLUMN}, signed_out_at TIMESTAMPTZ)"
                )
        except psycopg.errors.UniqueViolation:
            pass  # another worker created it at the same moment
        self._add_column("communities", COMMUNITIES_COLUMN)
        self._add_column("signed_out_at", "signed_out_at TIMESTAMPTZ")

    def _add_column(self, name: str, definition: str) -> None:
        """A column of a table made before it was needed, added once: looked for first, as
        altering the table locks it against every request's token check."""
        import psycopg

        with self._connection() as conn:
            found = conn.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = 'planlogg_api_tokens' AND column_name = %s",
                (name,),
            ).fetchone()
            if found is not None:
                return
            with suppress(psycopg.errors.DuplicateColumn):  # another worker added it just now
                conn.execute(
                    f"ALTER TABLE planlogg_api_tokens ADD COLUMN IF NOT EXISTS {definition}"
                )

    def close(self) -> None:
        self.pool.close()

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        """Each statement commits by itself: a token check is one round trip, not three
        (BEGIN with it, COMMIT after), 0.19 → 0.08 ms of every API request."""
        with self.pool.connection() as conn:
            yield conn

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        with self.pool.connection() as conn, conn.transaction():
            yield conn


def token_store_for(url: str) -> TokenStore:
    """The token store that lives beside the events of `url`."""
    env = persistence_env(url)
    module = env["PERSISTENCE_MODULE"]
    if module == "eventsourcing.sqlite" and env["SQLITE_DBNAME"] != ":memory:":
        return SQLiteTokenStore(env["SQLITE_DBNAME"])
    if module == "eventsourcing.postgres":
        return PostgresTokenStore(env)
    return InMemoryTokenStore()

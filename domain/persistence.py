"""One setting chooses where the events live: PLANLOGG_DATABASE_URL.

    memory:                                  in-memory (unit tests)
    sqlite:///path/to/planlogg.sqlite        a SQLite file (the embedded default)
    postgresql://user:pw@host:5432/db?schema=planlogg   PostgreSQL (servers)

The URL is translated into the `eventsourcing` library's own environment keys.
A PostgreSQL server that does not answer is given up after `connect_timeout`
seconds (5 unless the URL says otherwise), a schema named in the URL is created
when missing, and a database that cannot be opened is explained in Norwegian
(`database_unavailable`) instead of ending in a traceback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from eventsourcing.postgres import PostgresDatastore
from psycopg import sql

from domain.errors import PlanloggError, ValidationError
from domain.text import excerpt
from language import _

SCHEMA_LOCK = 0x506C616E6C6F6767
"""The PostgreSQL advisory lock ("Planlogg") under which tables are created."""

DEFAULT_DATA_DIR = "planlogg-data"
CONNECT_TIMEOUT_SECONDS = 5
"""How long to wait for PostgreSQL before saying it does not answer."""
SHOWN_URL = 200
"""How much of a database URL, file path, host or database name a message shows: any real
one whole, so the person finds the file or server, but not a 20 000-character one."""
_PASSWORD_SETTING = re.compile(
    r"(pass(?:word|wd)?\s*=\s*)(?:'[^']*'?|\"[^\"]*\"?|[^&;\s]*)", re.IGNORECASE
)
"""A password given as a setting: `?password=…` in a URL, `password=…` (or `'…'`) in a
libpq string."""


class DatabaseUnavailableError(PlanloggError):
    """The database named by the URL cannot be opened or does not answer."""


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    found = os.environ if environ is None else environ
    return Path(found.get("PLANLOGG_DATA_DIR", DEFAULT_DATA_DIR))


def database_url(environ: Mapping[str, str] | None = None) -> str:
    """The configured URL, or a SQLite file in the data directory."""
    found = os.environ if environ is None else environ
    url = found.get("PLANLOGG_DATABASE_URL", "").strip()
    return url or f"sqlite:///{data_dir(found) / 'planlogg.sqlite'}"


def shown_url(url: str) -> str:
    """A database URL as a message shows it: never its password, and cut when absurdly long.

    What stands between the scheme's «//» and the last «@» is the user and password, however
    mistyped («postgres//kari:p@ss@host»): the user is kept, the password left out; so is a
    password given as a setting (`?password=…`, `password=…`).
    """
    userinfo_end = url.rfind("@")
    if userinfo_end >= 0:
        start = url.find("//")
        start = start + 2 if 0 <= start < userinfo_end else 0
        user, colon, _password = url[start:userinfo_end].partition(":")
        if colon:
            url = f"{url[:start]}{user}:…{url[userinfo_end:]}"
    return excerpt(_PASSWORD_SETTING.sub(r"\1…", url), SHOWN_URL)


def persistence_env(url: str) -> dict[str, str]:
    """Translate a database URL into `eventsourcing` persistence settings."""
    if url in ("memory:", "memory://"):
        return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(url.removeprefix("sqlite:///").removeprefix("sqlite://"))
        if not path:
            raise ValidationError(_("Mangler filnavn i %(url)s.", url=shown_url(url)))
        if path != ":memory:":
            _check_sqlite_file(path)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": path,
            "SQLITE_LOCK_TIMEOUT": "30",
        }
    if parts.scheme in ("postgres", "postgresql"):
        query = parse_qs(parts.query)
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": parts.path.lstrip("/") or "postgres",
            "POSTGRES_HOST": parts.hostname or "127.0.0.1",
            "POSTGRES_PORT": str(parts.port or 5432),
            "POSTGRES_USER": unquote(parts.username or "postgres"),
            "POSTGRES_PASSWORD": unquote(parts.password or ""),
            "POSTGRES_POOL_SIZE": query.get("pool_size", ["5"])[0],
            "POSTGRES_MAX_OVERFLOW": query.get("max_overflow", ["10"])[0],
            "POSTGRES_LOCK_TIMEOUT": "10",
            "POSTGRES_CONNECT_TIMEOUT": query.get(
                "connect_timeout", [str(CONNECT_TIMEOUT_SECONDS)]
            )[0],
        }
        if "schema" in query:
            env["POSTGRES_SCHEMA"] = query["schema"][0]
        return env
    raise ValidationError(
        _(
            'Ukjent database-URL "%(url)s". Bruk memory:, sqlite:///fil eller postgresql://…',
            url=shown_url(url),
        )
    )


def _check_sqlite_file(path: str) -> None:
    """Refuse a SQLite path that names a folder, or whose folder cannot be made (made here).

    A path too long for the disk makes even the question «is it a folder?» fail: it is
    refused like a folder that cannot be made, not ended in a traceback.
    """
    shown = excerpt(path, SHOWN_URL)
    try:
        if Path(path).is_dir():
            raise ValidationError(
                _(
                    "«%(path)s» er en mappe, ikke en SQLite-fil. Skriv navnet på filen, "
                    "f.eks. sqlite:///%(example)s.",
                    path=shown,
                    example=excerpt(str(Path(path) / "planlogg.sqlite"), SHOWN_URL),
                )
            )
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ValidationError(
            _(
                "Kan ikke lage mappen til SQLite-filen «%(path)s»: %(error)s.",
                path=shown,
                error=error.strerror,
            )
        ) from None


def connection_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """What psycopg needs to open a connection of its own to the store's PostgreSQL (beside
    the library's pool): the token store's pool and the advisory locks."""
    return {
        "dbname": env.get("POSTGRES_DBNAME"),
        "host": env.get("POSTGRES_HOST"),
        "port": env.get("POSTGRES_PORT"),
        "user": env.get("POSTGRES_USER"),
        "password": env.get("POSTGRES_PASSWORD") or None,
    }


def database_unavailable(url: str, error: Exception) -> DatabaseUnavailableError:
    """A Norwegian message for a database that failed to open; never shows the password."""
    parts = urlsplit(url)
    if parts.scheme in ("postgres", "postgresql"):
        where = f"{excerpt(parts.hostname or '127.0.0.1', SHOWN_URL)}:{parts.port or 5432}"
        database = excerpt(parts.path.lstrip("/") or "postgres", SHOWN_URL)
        return DatabaseUnavailableError(
            _(
                "Fikk ikke kontakt med PostgreSQL-databasen «%(database)s» på %(where)s "
                "(%(error)s). Sjekk at tjeneren kjører, og at adresse, port, bruker, passord og "
                "databasenavn i PLANLOGG_DATABASE_URL stemmer.",
                database=database,
                where=where,
                error=error,
            )
        )
    return DatabaseUnavailableError(
        _(
            "Kan ikke åpne databasen %(url)s (%(error)s). Sjekk at filen finnes eller kan lages, "
            "og at du har tillatelse til å skrive i mappen.",
            url=shown_url(url),
            error=error,
        )
    )


@contextmanager
def schema_lock(datastore: object) -> Iterator[None]:
    """Let processes create their tables one at a time on PostgreSQL, in a schema that exists.

    The library (re)creates its tables and an insert function on every start;
    two processes doing that at once (web workers, a sync process) collide with
    "tuple concurrently updated". Elsewhere (SQLite, memory) this does nothing.
    """
    if not isinstance(datastore, PostgresDatastore):
        yield
        return
    with datastore.get_connection() as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
        try:
            connection.execute(
                sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(datastore.schema))
            )
            yield
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))

"""One process at a time does a named job for a store: a PostgreSQL advisory lock, or a
lock file.

The reminders are sent by the one `serve` process elected for them (correctness does
not rest on this: the plan refuses a second intent for the same body and step, but
without it two processes would race to the same reminders and one would lose every
time), and a sheet is synced by one at a time (`sync.lock`). On PostgreSQL the lock is
held by the database, so it works across machines; otherwise an OS file lock next to
nothing but this purpose, released by the OS if the process dies. The name is scoped to
the store (its schema, its SQLite file, or the in-memory application), so two stores
sharing a database or a machine never wait for each other.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from eventsourcing.postgres import PostgresDatastore

from domain.application import Planlogg
from domain.persistence import connection_settings


def _key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def elected(app: Planlogg, name: str) -> Iterator[bool]:
    """Yields True when this process holds the lock `name` for the database, else False."""
    datastore = getattr(app.factory, "datastore", None)
    if isinstance(datastore, PostgresDatastore):
        with _advisory(app, f"{datastore.schema}/{name}") as held:
            yield held
    else:
        with _file_lock(f"{_local_store(app)}/{name}") as held:
            yield held


def _local_store(app: Planlogg) -> str:
    """Which store this is on this machine: its SQLite file however the path was written, or
    this process's own in-memory application."""
    path = app.env.get("SQLITE_DBNAME") or ""
    if path and ":memory:" not in path and not path.startswith("file:"):
        return os.path.realpath(path)
    return f"memory-{os.getpid()}-{id(app)}"


@contextmanager
def _advisory(app: Planlogg, name: str) -> Iterator[bool]:
    """The lock is held by a connection of its own, not one of the store's pool: a sync holds
    it through slow sheet calls, and the pages, the follower and the sync itself need the pool."""
    settings = connection_settings(app.env)
    with psycopg.connect(**settings, autocommit=True, connect_timeout=10) as connection:
        row = connection.execute("SELECT pg_try_advisory_lock(%s)", (_key(name),)).fetchone()
        held = bool(row and row[0])
        try:
            yield held
        finally:
            if held:
                connection.execute("SELECT pg_advisory_unlock(%s)", (_key(name),))


@contextmanager
def _file_lock(target: str) -> Iterator[bool]:
    folder = Path(tempfile.gettempdir()) / "planlogg-notify"
    folder.mkdir(exist_ok=True)
    path = folder / f"{hashlib.sha256(target.encode()).hexdigest()[:24]}.lock"
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

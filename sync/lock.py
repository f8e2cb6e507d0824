"""One sync per sheet at a time: a PostgreSQL advisory lock, or a lock file.

Two syncs of the same sheet would both read the same baseline and both write;
the second save would be refused by the event store, but only after it had
written the sheet. The lock keeps the second one out from the start. On
PostgreSQL the lock is held by the database (so it works across machines);
otherwise an OS file lock is used, which the OS releases if the process dies.
"""

from __future__ import annotations

import fcntl
import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg

from language import N_, _
from sync.backend import SheetBusy

_BUSY = N_("En annen synkronisering av «%(target)s» kjører allerede. Prøv igjen når den er ferdig.")


@contextmanager
def sync_lock(app: Any, target: str) -> Iterator[None]:
    if app.env.get("PERSISTENCE_MODULE") == "eventsourcing.postgres":
        with _advisory_lock(app.env, target):
            yield
    else:
        with _file_lock(target):
            yield


def _key(target: str) -> int:
    return int.from_bytes(hashlib.sha256(target.encode()).digest()[:8], "big", signed=True)


@contextmanager
def _advisory_lock(env: Any, target: str) -> Iterator[None]:
    with psycopg.connect(
        host=env.get("POSTGRES_HOST"),
        port=env.get("POSTGRES_PORT"),
        dbname=env.get("POSTGRES_DBNAME"),
        user=env.get("POSTGRES_USER"),
        password=env.get("POSTGRES_PASSWORD") or None,
        autocommit=True,
        connect_timeout=10,
    ) as connection:
        row = connection.execute("SELECT pg_try_advisory_lock(%s)", (_key(target),)).fetchone()
        if not row or not row[0]:
            raise SheetBusy(_(_BUSY, target=target))
        try:
            yield
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (_key(target),))


@contextmanager
def _file_lock(target: str) -> Iterator[None]:
    folder = Path(tempfile.gettempdir()) / "planlogg-sync"
    folder.mkdir(exist_ok=True)
    path = folder / f"{hashlib.sha256(target.encode()).hexdigest()[:24]}.lock"
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SheetBusy(_(_BUSY, target=target)) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

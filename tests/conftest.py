"""Shared fixtures: the application on each real database, and who is acting.

`database_url` runs a test once on SQLite and once on PostgreSQL (a fresh
schema per test in the `test` database on 127.0.0.1). A PostgreSQL that
cannot be reached fails the test: it is never skipped.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, tzinfo
from pathlib import Path

import eventsourcing.domain
import psycopg
import pytest
from eventsourcing.postgres import PostgresDatastore, PostgresRecorder

from domain import norwegian_time
from domain.application import Planlogg
from domain.persistence import SCHEMA_LOCK
from domain.provenance import Provenance, Source
from projections import ReadModels
from projections.store import PostgresViews
from sync.cycle import SheetSync
from tests.fixtures.hostile_files import HostileFiles
from tests.graph_emulator import GraphEmulator
from tests.notify.smtp_server import SmtpServer
from tests.sheets_emulator import SheetsEmulator

POSTGRES_ADMIN_URL = os.environ.get(
    "PLANLOGG_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
)


class EventClock:
    """The moment the next events are stamped with, moved on only by the test."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def event_clock(monkeypatch: pytest.MonkeyPatch) -> EventClock:
    """Events stamped at a fixed moment (09:00 UTC on 1 February 2025) from here on.

    Take it first, before the fixtures that record events. What a sheet shows of a change
    ("Sist endret", to the minute) then never hangs on whether a minute turned while the
    test ran."""
    clock = EventClock(datetime(2025, 2, 1, 9, 0, tzinfo=UTC))
    monkeypatch.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", clock)
    return clock


class NorwegianClock(datetime):
    """`datetime` as `domain.norwegian_time` asks it for now: a moment the test sets."""

    moment = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> NorwegianClock:  # type: ignore[override]
        local = cls.moment.astimezone(tz) if tz is not None else cls.moment
        return cls.fromtimestamp(local.timestamp(), tz)


@pytest.fixture
def norwegian_clock(monkeypatch: pytest.MonkeyPatch) -> type[NorwegianClock]:
    """Now is 23:30 UTC on 1 March 2025, 00:30 on 2 March in Norway (set `moment` to move
    it): what Planlogg dates "today" must be the day in Norway, whatever zone the server
    runs in, and any date taken from the server's own clock shows here as the wrong day."""

    class Clock(NorwegianClock):
        moment = NorwegianClock.moment

    monkeypatch.setattr(norwegian_time, "datetime", Clock)
    return Clock


@pytest.fixture
def by() -> Provenance:
    return Provenance("Kari Nordmann", Source.CLI, reason="test")


@pytest.fixture
def memory_app() -> Planlogg:
    return Planlogg.from_url("memory:")


@pytest.fixture
def sheet_sync(memory_app: Planlogg) -> SheetSync:
    """The sheet sync of `memory_app`, with its own read models (as the CLI composes it)."""
    return SheetSync(memory_app, ReadModels.open(memory_app))


@contextmanager
def schema_url() -> Iterator[str]:
    """A PostgreSQL URL with a schema of its own, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.fail(f"PostgreSQL is required for this test and is not reachable: {error}")
    with admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield f"{POSTGRES_ADMIN_URL}?schema={schema}"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def schema_lock_held(datastore: PostgresDatastore) -> bool:
    """Whether some connection holds the lock under which tables are created, asked from a
    connection of its own (`domain.persistence.schema_lock`)."""
    with datastore.get_connection() as connection:
        row = connection.execute(
            "SELECT count(*) AS held FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND objsubid = 1 AND classid::bigint = %s AND objid::bigint = %s",
            (SCHEMA_LOCK >> 32, SCHEMA_LOCK & 0xFFFFFFFF),
        ).fetchone()
    return bool(row and row["held"] == 1)


@pytest.fixture
def tables_created(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Each table a PostgreSQL recorder creates from now on, and ("views", …) when the read
    models create theirs, with whether the lock under which tables are created was held
    meanwhile."""
    created: list[tuple[str, bool]] = []
    create = PostgresRecorder.create_table
    create_views = PostgresViews.create_views

    def noting_whether_locked(recorder: PostgresRecorder) -> None:
        name = getattr(recorder, "events_table_name", None) or recorder.tracking_table_name
        created.append((name, schema_lock_held(recorder.datastore)))
        create(recorder)

    def views_noting_whether_locked(views: PostgresViews) -> None:
        created.append(("views", schema_lock_held(views.datastore)))
        create_views(views)

    monkeypatch.setattr(PostgresRecorder, "create_table", noting_whether_locked)
    monkeypatch.setattr(PostgresViews, "create_views", views_noting_whether_locked)
    return created


MINUTE_MARGIN_SECONDS = 10.0
"""How much of its minute a test that counts to a rate limit may take."""


@pytest.fixture
def clear_of_a_minute_boundary() -> None:
    """Start where the clock's minute has 10 seconds left. The rate limits count in clock
    minutes, and `limits`' sliding window weighs the last minute's count by what is left of
    it, so guesses counted across a minute's end let one more through (as the library means
    it: 10 per minute, 11 in 30 guesses that straddle one); a test that counts to a limit
    counts within one minute."""
    left = 60 - time.time() % 60
    if left < MINUTE_MARGIN_SECONDS:
        time.sleep(left + 0.05)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL with its own schema, dropped afterwards."""
    with schema_url() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'planlogg.sqlite'}"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test using this runs on SQLite and on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def app(database_url: str) -> Iterator[Planlogg]:
    application = Planlogg.from_url(database_url)
    yield application
    application.close()


@pytest.fixture
def emulator() -> Iterator[SheetsEmulator]:
    """A local Google Sheets/Drive API on loopback, for the real gspread to talk to."""
    with SheetsEmulator() as emu:
        yield emu


@pytest.fixture(scope="session")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> HostileFiles:
    """Hostile spreadsheet files, each built once per test run when first asked for."""
    return HostileFiles(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def graph() -> Iterator[GraphEmulator]:
    """Microsoft Graph and Entra-like sign-in on loopback, for the Excel Online backend."""
    with GraphEmulator() as emu:
        yield emu


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on loopback that keeps every message it takes."""
    with SmtpServer() as server:
        yield server

"""The read-model tables in the events' own database, with the library's tracking.

`SQLiteViews` and `PostgresViews` are the `eventsourcing` library's tracking
recorders (`SQLiteTrackingRecorder`, `PostgresTrackingRecorder`) extended with
the read-model tables. They share the application's datastore, so the views,
their tracking position and the events live in one database, and `apply`
writes a batch of events' view rows, chain links and the new tracking
position in ONE transaction: a crash leaves all of them as they were.

The tracking table is the read models' own (`planlogg_views_tracking`), so
other trackers of the same application (the sheet sync) never collide with it.

Each shape of the read models (`SCHEMA_VERSION`) has its own tables
(`rm_v6_measures`) and its own tracking row ("Planlogg v6"), so a new version
is built beside the one serving: the old processes keep answering from theirs
while the new ones fill theirs in the background (`build_step`), and a version
serves once it has reached the newest event (`ready`). The chain is shared by
every version: each checks the events against it, and the first to see an
event links it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, Notification, PersistenceError, Tracking
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteDatastore, SQLiteTrackingRecorder
from psycopg.rows import tuple_row

from domain.persistence import schema_lock
from domain.state_json import from_json, to_json
from projections.chain import (
    ChainBrokenError,
    StoredRecord,
    chain_record,
    deleted_event,
    fields_hash,
)
from projections.handlers import project
from projections.rows import (
    CHAIN_TABLES,
    SCHEMA_VERSION,
    TABLES,
    VIEW_TABLES,
    AppendOnlyError,
    Key,
    Row,
    Table,
    check_removable,
    copied,
    plain_key,
    plain_row,
)

if TYPE_CHECKING:
    from projections.projectors import Projectors, Written

APPLICATION_NAME = "Planlogg"
TRACKING_TABLE = "planlogg_views_tracking"
TABLE_PREFIX = "rm_"
POSTGRES_EVENTS_TABLE = "planlogg_events"
LEGACY_VERSION = 5
"""The last shape kept in unversioned tables (`rm_measures`), tracked as plain "Planlogg"."""
LEGACY_TABLES = (
    *("plan_keys", "plans", "areas", "goals", "measures", "rounds", "round_reports"),
    *("hearings", "approvals", "versions", "decisions", "communities", "audit", "meta"),
)
REPLAY_CACHE_KIB = 65_536
"""SQLite's page cache, in KiB, while a rebuild replays the events (`SQLiteViews._roomy_cache`):
a bound on memory, not an allocation; pages beyond it are written out as usual."""
READY = "ready"
"""The meta row a version has once it has caught up with every event: it may serve."""

Event = tuple[int, str, int, str, bytes]
"""A stored event's fields, in order: position, aggregate, version, topic, state. What the
chain hashes (`fields_hash`) and what projectors decode: a tuple, the cheapest to read and to
hand to a worker."""


def tracking_name(version: int) -> str:
    """The row of one version of the read models in the tracking table."""
    return f"{APPLICATION_NAME} v{version}"


@dataclass(frozen=True)
class Item:
    """One event to apply: its stored record (None: fetch it) and its decoded event.

    `event` is None when the stored event's type is unknown to this version of
    Planlogg: it is chained but no view handles it. `error` is a decoding
    failure, raised only after the chain check, so tampering is named as such.
    """

    position: int
    record: StoredRecord | None
    event: Any
    error: Exception | None = None


MAX_CACHED_ROWS = 100_000
"""Per table: a long build forgets a table's cached rows beyond this, once they are written.

The tables handlers read back are a plan's parts, not its history: all 19 communities'
measures are 19,000 rows. Forgetting them made every later event of a measure read its
row from the database again, and a rebuild 16 % slower."""


class SqlRows:
    """The `Rows` port over one open transaction, with a write-behind cache.

    Handlers read and rewrite the same few rows (the plan, a measure) event
    after event. Here a row is read from the database at most once per
    transaction; later reads and writes use the cache, and `flush` writes each
    changed row once, one `executemany` per table. The cache holds rows exactly
    as the database would give them back (`plain_row`); a row that might not
    round-trip unchanged is written at once and the table's cache forgotten,
    so what a handler reads never depends on the cache. Everything is written
    in the caller's transaction, before it moves the tracking position.

    `empty` names tables known to be empty (a build starting from nothing), so
    a row missing from the cache is missing from the table too.
    Append-only tables (the audit trail) are never cached: their rows are
    written at each flush, with COPY on PostgreSQL when the table is new.
    Write-only tables (handlers never read them) are not cached either: the
    newest row of each key waits for the flush as the handler gave it.
    """

    def __init__(self, views: SqlViews, cursor: Any, empty: Iterable[str] = ()) -> None:
        self.views = views
        self.cursor = cursor
        self.cached: dict[str, dict[Key, Row | None]] = {name: {} for name in TABLES}
        self.changed: dict[str, dict[Key, Row]] = {name: {} for name in TABLES}
        self.appended: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
        self.complete = set(empty)
        self.at = -1
        """The tracking position these cached rows are true at (a build carries them on)."""

    def get(self, table: str, key: Key) -> Row | None:
        spec, key = TABLES[table], tuple(key)
        _readable(spec)
        cache = self.cached[table]
        if key in cache:
            row = cache[key]
        elif not plain_key(spec, key):
            self._flush_table(table)
            return self._read(spec, key)
        else:
            row = None if table in self.complete else self._read(spec, key)
            cache[key] = row
        return copied(spec, row) if row is not None else None

    def put(self, table: str, row: Row) -> None:
        spec = TABLES[table]
        if spec.append_only:
            raise AppendOnlyError(table)
        if spec.write_only:
            self.changed[table][spec.key_of(row)] = row
            return
        plain = plain_row(spec, row)
        if plain is None:
            self._write_through(spec, row)
            return
        key = spec.key_of(plain)
        self.cached[table][key] = plain
        self.changed[table][key] = plain

    def add(self, table: str, values: tuple[Any, ...]) -> None:
        self.appended[table].append(values)

    def remove(self, table: str, key: Key) -> None:
        """Deleted at once, after the table's pending writes (a removal is rare: an approval
        withdrawn); the cache then knows the row is gone."""
        spec, key = TABLES[table], tuple(key)
        check_removable(spec)
        cache = self.cached[table]
        if cache.get(key, key) is None or (table in self.complete and key not in cache):
            return  # known to be missing: nothing to delete
        self._flush_table(table)
        where = " AND ".join(f"{k}=?" for k in spec.keys)
        self.views.execute(self.cursor, f"DELETE FROM {{{table}}} WHERE {where}", key)
        if plain_key(spec, key):
            self.cached[table][key] = None
        else:
            self._forget(table)

    def select(self, table: str, **equals: Any) -> list[Row]:
        spec = TABLES[table]
        _readable(spec)
        if table in self.complete:
            return self._select_cached(spec, equals)
        self._flush_table(table)
        where = " AND ".join(f"{k}=?" for k in equals) or "1=1"
        found = self.views.fetch(
            self.cursor, f"SELECT * FROM {{{table}}} WHERE {where}", tuple(equals.values())
        )
        return [self.views.decode(spec, row) for row in found]

    def _select_cached(self, spec: Table, equals: dict[str, Any]) -> list[Row]:
        """A table whose every row is cached (a new build's) is searched here, not read back.

        Cached rows are plain rows, holding what the database would give back, so they
        compare with `equals` as the database's `=` would. An adopted version reads all
        of its plan's measures: 13 % of a rebuild went on writing them out and reading
        them back.
        """
        wanted = tuple(equals.items())
        return [
            copied(spec, row)
            for row in self.cached[spec.name].values()
            if row is not None and all(row[column] == value for column, value in wanted)
        ]

    def prefetch(self, table: str, keys: Sequence[int]) -> None:
        """Read the rows of a one-column integer key in `keys`' range with one query."""
        spec = TABLES[table]
        cache = self.cached[table]
        missing = [k for k in keys if (k,) not in cache and plain_key(spec, (k,))]
        if not missing or table in self.complete:
            return
        (column,) = spec.keys
        self._flush_table(table)
        found = self.views.fetch(
            self.cursor,
            f"SELECT * FROM {{{table}}} WHERE {column} >= ? AND {column} <= ?",
            (min(missing), max(missing)),
        )
        for row in found:
            cache.setdefault((row[column],), self.views.decode(spec, row))
        for k in missing:
            cache.setdefault((k,), None)

    def linked_without_event(self, after: int, positions: Sequence[int]) -> int | None:
        """The first position after `after`, up to the last of `positions`, that the chain links
        but that is not among `positions` (the events read): a deleted event. Asked once the
        chain's rows of that stretch are prefetched."""
        if not positions:
            return None
        last = positions[-1]
        linked = (
            position
            for (position,), link in self.cached["chain"].items()
            if link is not None and after < position <= last
        )
        return first_unstored(linked, positions)

    def carry_on(self, cursor: Any, position: int) -> bool:
        """Use this cache in the next transaction, if nothing moved the position since.

        Only this version's appliers write its tables, and each moves the
        position as it does; the chain is shared by every version, so its rows
        are always read afresh.
        """
        if position != self.at:
            return False
        self.cursor = cursor
        for table in CHAIN_TABLES:
            self._forget(table)
        return True

    def flush(self) -> None:
        """Write every changed row; forget the rows of tables that grew too big to keep."""
        for table in TABLES:
            self._flush_table(table)
            if len(self.cached[table]) > MAX_CACHED_ROWS:
                self._forget(table)

    def _flush_table(self, table: str) -> None:
        appended = self.appended[table]
        if appended:
            spec = TABLES[table]
            target = self.views.qualified(table)
            self.views.insert_new(self.cursor, spec, target, appended, table in self.complete)
            appended.clear()
        changed = self.changed[table]
        if changed:
            spec = TABLES[table]
            self.views.execute_many(
                self.cursor,
                self.views.upsert(spec),
                [self.views.encode(spec, row) for row in changed.values()],
            )
            changed.clear()

    def _read(self, spec: Table, key: Key) -> Row | None:
        where = " AND ".join(f"{k}=?" for k in spec.keys)
        found = self.views.fetch(self.cursor, f"SELECT * FROM {{{spec.name}}} WHERE {where}", key)
        return self.views.decode(spec, found[0]) if found else None

    def _write_through(self, spec: Table, row: Row) -> None:
        self._flush_table(spec.name)
        self.views.execute(self.cursor, self.views.upsert(spec), self.views.encode(spec, row))
        self._forget(spec.name)

    def _forget(self, table: str) -> None:
        self.cached[table].clear()
        self.complete.discard(table)


def _readable(spec: Table) -> None:
    """Handlers never read an append- or write-only table back (nothing of it is cached)."""
    if spec.unread:
        raise TypeError(f"{spec.name} is not read back by handlers: its rows are not cached")


_json_text = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
"""`json.dumps(value, ensure_ascii=False, sort_keys=True)` without building an encoder each time."""


def _state_text(state: Any) -> str | None:
    """A state column's JSON; NULL for none (a measure in no version in force)."""
    return None if state is None else _json_text(to_json(state))


class SqlViews:
    """What both databases share: DDL, row encoding, the apply transaction, queries."""

    placeholder = "?"
    datastore: Any
    version: int = SCHEMA_VERSION
    events_table: str | None
    """The application's table of events, None where the log is not in this database."""
    builds_in_bulk = False
    """Whether a build beside the serving version may begin with one long transaction
    (`build_first`): not where a writer holds the whole database (SQLite)."""
    _ready = False

    # --- naming and statements --------------------------------------------------------

    @property
    def tracking_name(self) -> str:
        """This version's row in the tracking table."""
        return tracking_name(self.version)

    def table_name(self, name: str) -> str:
        """`rm_v6_measures`: each version its own tables; the chain's are shared (`rm_chain`)."""
        if name in CHAIN_TABLES:
            return f"{TABLE_PREFIX}{name}"
        return f"{TABLE_PREFIX}v{self.version}_{name}"

    def qualified(self, name: str) -> str:
        return self._in_schema(self.table_name(name))

    def statement(self, text: str) -> str:
        """Fill in table names ({measures}) and the driver's placeholder."""
        text = re.sub(r"\{(\w+)\}", lambda m: self.qualified(m.group(1)), text)
        return text.replace("?", self.placeholder) if self.placeholder != "?" else text

    def execute(self, cursor: Any, text: str, params: Sequence[Any] = ()) -> None:
        cursor.execute(self.statement(text), tuple(params))

    def execute_many(self, cursor: Any, text: str, rows: list[tuple[Any, ...]]) -> None:
        cursor.executemany(self.statement(text), rows)

    def insert_new(
        self, cursor: Any, spec: Table, target: str, rows: list[tuple[Any, ...]], emptied: bool
    ) -> None:
        """Add rows under new keys to `target`; into an emptied table, without upserts."""
        if not emptied:
            self.execute_many(cursor, self.upsert(spec), rows)
            return
        marks = ", ".join("?" for _ in spec.all_columns)
        self.execute_many(
            cursor, f"INSERT INTO {target} ({', '.join(spec.all_columns)}) VALUES ({marks})", rows
        )

    @staticmethod
    def upsert(spec: Table) -> str:
        """Insert a row, or replace every non-key column of the row with its key."""
        updates = ", ".join(f"{c}=excluded.{c}" for c in spec.columns)
        return (
            f"INSERT INTO {{{spec.name}}} ({', '.join(spec.all_columns)}) "
            f"VALUES ({', '.join('?' for _ in spec.all_columns)}) "
            f"ON CONFLICT ({', '.join(spec.keys)}) DO UPDATE SET {updates}"
        )

    def fetch(self, cursor: Any, text: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor.execute(self.statement(text), tuple(params))
        return [dict(row) for row in cursor.fetchall()]

    @staticmethod
    def encode(spec: Table, row: Row) -> tuple[Any, ...]:
        if spec.plain:
            try:
                return spec.values_of(row)
            except KeyError:
                return tuple(map(row.get, spec.all_columns))
        get = row.get
        return tuple(
            get(c)
            if kind is int or kind is str
            else _json_text(get(c))
            if kind is None
            else _state_text(get(c))
            for c, kind, _ in spec.shape
        )

    @staticmethod
    def decode(spec: Table, row: Row) -> Row:
        decoded = {}
        for column in spec.all_columns:
            value = row[column]
            if value is not None and column in spec.json:
                value = json.loads(value)
            elif value is not None and column in spec.states:
                value = from_json(spec.states[column], json.loads(value))
            decoded[column] = value
        return decoded

    def column_type(self, spec: Table, column: str) -> str:
        return "BIGINT" if column in spec.ints else "TEXT"

    def table_ddl(self, spec: Table) -> list[str]:
        columns = ", ".join(f"{c} {self.column_type(spec, c)}" for c in spec.all_columns)
        return [
            f"CREATE TABLE IF NOT EXISTS {self.qualified(spec.name)} "
            f"({columns}, PRIMARY KEY ({', '.join(spec.keys)}))",
            *self.index_ddl(spec),
        ]

    def index_ddl(self, spec: Table) -> list[str]:
        return [
            f"CREATE INDEX IF NOT EXISTS {self.table_name(spec.name)}_ix{number} "
            f"ON {self.qualified(spec.name)} ({', '.join(index)})"
            for number, index in enumerate(spec.indexes)
        ]

    @contextmanager
    def transaction(self, commit: bool) -> Iterator[Any]:
        with self.datastore.transaction(commit=commit) as cursor:
            yield cursor

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """A cursor for ONE statement that reads: it sees one snapshot by itself."""
        with self.transaction(commit=False) as cursor:
            yield cursor

    # --- creating, building and dropping versions ----------------------------------------

    def create_views(self) -> None:
        """Create this version's tables, empty and not ready, unless they exist already.

        Opening a version that exists writes nothing. Otherwise the tracking row
        is locked first, so SQLite never has to turn a read into a write while
        another process writes (it would refuse at once, not wait). Secondary
        indexes come when the version is built (`finish_build`): rows go in faster
        without them, and nobody reads a version before it is ready.
        """
        if self._meta("schema_version") == str(self.version):
            return
        with self.transaction(commit=True) as c:
            self._lock_position(c)
            for spec in TABLES.values():
                c.execute(self.table_ddl(spec)[0])
            self._put_meta(c, "schema_version", str(self.version))

    def ready(self) -> bool:
        """Whether this version has caught up with every event once: then it may serve."""
        if not self._ready:
            self._ready = self._meta(READY) is not None
        return self._ready

    def _meta(self, name: str) -> str | None:
        try:
            with self.transaction(commit=False) as c:
                found = self.fetch(c, "SELECT value FROM {meta} WHERE name=?", (name,))
        except PersistenceError:
            return None
        return str(found[0]["value"]) if found else None

    def build_step(
        self, items: Sequence[Item], recorded_at: str, rows: SqlRows | None
    ) -> tuple[SqlRows, int]:
        """Apply one batch to a version that is not ready yet, in its own transaction.

        Each batch commits with its position, so a build stops and resumes
        anywhere, and between batches the serving version's writers get their
        turn (SQLite has one writer at a time). The returned rows carry their
        cache to the next batch, so a plan and its measures are read once per
        build rather than once per batch; if anyone else moved the position in
        between, the next batch starts with an empty cache. Returns the rows and
        how many events this batch applied.
        """
        with self.transaction(commit=True) as c:
            self._allow_long_transaction(c)
            position = self._lock_position(c)
            if rows is None or not rows.carry_on(c, position):
                rows = SqlRows(self, c, empty=VIEW_TABLES if position == 0 else ())
            applied = self._apply_in(c, items, recorded_at, rows)
            rows.at = max([position, *(item.position for item in items)])
        return rows, applied

    def finish_build(self) -> None:
        """Index the built tables, mark the version ready, drop versions before the previous.

        The newest older version is kept: its processes serve until they are
        replaced. Older ones have no process left that reads them.
        """
        with self.transaction(commit=True) as c:
            self._lock_position(c)
            for spec in TABLES.values():
                for statement in self.index_ddl(spec):
                    c.execute(statement)
            self._mark_ready(c)
        self._ready = True

    def _mark_ready(self, c: Any) -> None:
        self._put_meta(c, READY, "yes")
        self._drop_versions_before_the_replaced(c)

    def _drop_versions_before_the_replaced(self, c: Any) -> None:
        """Keep the newest older version (the one this replaces); drop those before it."""
        names = self._table_names(c)
        versioned = self._versioned_tables(names)
        older = {version for version, _ in versioned if version < self.version}
        if TABLE_PREFIX + "meta" in names:
            older.add(LEGACY_VERSION)
        if not older:
            return
        replaced = max(older)
        for version, name in versioned:
            if version < replaced:
                c.execute(f"DROP TABLE IF EXISTS {self._in_schema(name)}")
                self._forget_tracking(c, tracking_name(version))
        if replaced > LEGACY_VERSION:
            for name in LEGACY_TABLES:
                c.execute(f"DROP TABLE IF EXISTS {self._in_schema(TABLE_PREFIX + name)}")
            self._forget_tracking(c, APPLICATION_NAME)

    @staticmethod
    def _versioned_tables(names: list[str]) -> list[tuple[int, str]]:
        """(version, table name) of each versioned read-model table among `names`."""
        found = []
        for name in names:
            match = re.fullmatch(rf"{TABLE_PREFIX}v(\d+)_\w+", name)
            if match:
                found.append((int(match.group(1)), name))
        return found

    def _table_names(self, c: Any) -> list[str]:
        rows = self.fetch(c, "SELECT name FROM sqlite_master WHERE type = 'table'")
        return [str(row["name"]) for row in rows]

    def _in_schema(self, name: str) -> str:
        return name

    def _forget_tracking(self, c: Any, name: str) -> None:
        self.execute(c, f"DELETE FROM {self.tracking_table()} WHERE application_name = ?", (name,))

    def _put_meta(self, c: Any, name: str, value: str) -> None:
        rows = SqlRows(self, c)
        rows.put("meta", {"name": name, "value": value})
        rows.flush()

    # --- tracking ------------------------------------------------------------------------

    def _lock_position(self, c: Any) -> int:
        """Take the write lock on our tracking row and read the position it holds."""
        self.execute(
            c,
            f"INSERT INTO {self.tracking_table()} (application_name, notification_id) "
            "VALUES (?, 0) ON CONFLICT (application_name) DO NOTHING",
            (self.tracking_name,),
        )
        self.execute(
            c,
            f"UPDATE {self.tracking_table()} SET notification_id = notification_id "
            "WHERE application_name = ?",
            (self.tracking_name,),
        )
        found = self.fetch(
            c,
            f"SELECT notification_id FROM {self.tracking_table()} WHERE application_name = ?",
            (self.tracking_name,),
        )
        return int(found[0]["notification_id"])

    def _rewind_tracking(self, c: Any) -> None:
        self.execute(
            c,
            f"UPDATE {self.tracking_table()} SET notification_id = 0 WHERE application_name = ?",
            (self.tracking_name,),
        )

    def tracking_table(self) -> str:
        return self._in_schema(TRACKING_TABLE)

    def position(self) -> int:
        return self.max_tracking_id(self.tracking_name) or 0  # type: ignore[attr-defined]

    def position_statement(self) -> tuple[str, tuple[Any, ...]]:
        """The statement `position` runs (one value, NULL before the first event) and its
        parameters, for a reader of the same database to read within a statement of its own."""
        return self._position_sql(), (self.tracking_name,)

    def _position_sql(self) -> str:
        raise NotImplementedError

    # --- applying events -----------------------------------------------------------------

    def apply(self, items: Sequence[Item], recorded_at: str) -> int:
        """Apply events in one transaction; events at or below the tracked position are skipped.

        The skip makes the application exactly-once even when a catch-up and
        the library's runner (or two processes) race: whoever commits first
        wins, the other sees the new position and applies nothing twice.
        """
        with self.transaction(commit=True) as c:
            return self._apply_in(c, items, recorded_at)

    def rebuild(
        self, batches: Iterable[Sequence[Event]], projectors: Projectors, recorded_at: str
    ) -> int:
        """Empty the views and replay every batch of stored events in ONE transaction.

        Readers keep seeing the previous, complete read models until the commit
        (SQLite's WAL and PostgreSQL's MVCC), so a page never answers from a
        half-built model while a rebuild runs. Rows are deleted rather than the
        tables dropped, so PostgreSQL readers are not blocked by a table lock.
        An append-only table (the audit trail, most of the rows) is filled
        without its secondary indexes, which are built once at the end
        (`_fresh_start`, `_fresh_finish`); the tracking position still commits
        with the rows.

        Here each event is checked against the chain (or linked into it), in
        order, and every event the chain links must be there (`_replay`);
        `projectors` decode and apply the events checked, in this process or in
        workers (`projections.projectors`), and every row they hand back is
        written in this transaction.
        """
        with self.transaction(commit=True) as c:
            self._allow_long_transaction(c)
            self._lock_position(c)
            with self._roomy_cache(c):
                applied = self._replay(c, batches, projectors, recorded_at, self._head_position(c))
            self._mark_ready(c)
        self._ready = True
        return applied

    def build_first(
        self,
        batches: Iterable[Sequence[Event]],
        projectors: Projectors,
        recorded_at: str,
        head: int,
        links: bool = False,
    ) -> int:
        """The first stretch of a build beside the serving version, as a rebuild replays it:
        one transaction, rows by COPY, indexes at the end, `projectors` in workers. In
        committed batches alone, every row went through upserts on indexed tables in one
        process (`build_step`), several times slower on a large store.

        `batches` must end at the chain's head (position `head`), so every event is checked
        against its link and none is linked here: the serving version's appliers keep the
        chain to themselves (`_lock_chain`) all the while. Only where the chain has no link yet
        (`links`) does this stretch link the events, holding that lock to its end. The
        build stays unready; the caller goes on in batches from here. Stopped in this
        stretch, it leaves nothing and starts again. Applies nothing (0) if another
        process has begun this version's build.
        """
        with self.transaction(commit=True) as c:
            self._allow_long_transaction(c)
            if self._lock_position(c):
                return 0
            if links:
                self._lock_chain(c)
            with self._roomy_cache(c):
                return self._replay(c, batches, projectors, recorded_at, head)

    def _replay(
        self,
        c: Any,
        batches: Iterable[Sequence[Event]],
        projectors: Projectors,
        recorded_at: str,
        linked_up_to: int,
    ) -> int:
        """Empty this version's views and project every batch into them, in transaction `c`
        (which holds the tracking row); returns how many events were applied.

        Every event the chain links up to `linked_up_to` must be among the batches: one
        deleted since it was linked breaks the replay (`_checked_into_chain`, and here the
        newest), or the views would be built as if it had never been recorded."""
        fresh = [TABLES[name] for name in VIEW_TABLES if TABLES[name].append_only]
        applied = last = 0
        for name in VIEW_TABLES:
            if not TABLES[name].append_only:
                c.execute(f"DELETE FROM {self.qualified(name)}")
        targets = {spec.name: self._fresh_start(c, spec) for spec in fresh}
        self._rewind_tracking(c)
        chain = SqlRows(self, c)
        for events in batches:
            checked, broken = _checked_into_chain(self, chain, events, recorded_at, last)
            for written in projectors.send(events[:checked]):
                self._write(c, written, targets)
            chain.flush()
            if broken is not None:
                for _ in projectors.finish():
                    pass
                raise broken
            if events:
                applied, last = applied + len(events), events[-1][0]
        gone = self._first_link_after(c, last, linked_up_to)
        if gone is not None:
            for _ in projectors.finish():
                pass
            raise deleted_event(gone)
        for written in projectors.finish():
            self._write(c, written, targets)
        if last:
            self._insert_tracking(c, Tracking(self.tracking_name, last))  # type: ignore[attr-defined]
        for spec in TABLES.values():
            if spec.append_only:
                self._fresh_finish(c, spec)
            else:
                for statement in self.index_ddl(spec):
                    c.execute(statement)
        return applied

    def _write(self, c: Any, written: Written, targets: dict[str, str]) -> None:
        """Rows a projector handed back: new keys into emptied tables, the rest upserted."""
        for table, rows in written.appended.items():
            if rows:
                target = targets.get(table) or self.qualified(table)
                self.insert_new(c, TABLES[table], target, rows, True)
        for table, rows in written.replaced.items():
            if rows:
                self.execute_many(c, self.upsert(TABLES[table]), rows)

    def _allow_long_transaction(self, c: Any) -> None:
        """A rebuild waits on reading its next batch inside its transaction: nothing to lift."""

    @contextmanager
    def _roomy_cache(self, c: Any) -> Iterator[None]:
        """Room for a replay's pages in this connection's cache, while it lasts (`_replay`).

        Nothing to give by default: PostgreSQL's buffers are the server's."""
        yield

    def _fresh_start(self, c: Any, spec: Table) -> str:
        """Empty the table and drop its secondary indexes; returns where its rows go.

        In SQLite the rebuild's write transaction hides all of it from readers
        (WAL), so the table itself is refilled.
        """
        c.execute(f"DELETE FROM {self.qualified(spec.name)}")
        for number in range(len(spec.indexes)):
            c.execute(f"DROP INDEX IF EXISTS {self.table_name(spec.name)}_ix{number}")
        return self.qualified(spec.name)

    def _fresh_finish(self, c: Any, spec: Table) -> None:
        for statement in self.index_ddl(spec):
            c.execute(statement)

    def _apply_in(
        self, c: Any, items: Sequence[Item], recorded_at: str, rows: SqlRows | None = None
    ) -> int:
        """Apply the items after the tracked position; write their rows, then the position.

        `rows` carries cached rows from batch to batch of one build; each
        batch's changed rows are written at its end, before its position. A version
        built beside the serving one applies events the chain links already: one linked
        but no longer stored stops it there, as a rebuild stops (`_checked_into_chain`).
        """
        position = self._lock_position(c)
        self._lock_chain(c)
        if rows is None:
            rows = SqlRows(self, c)
        new = [item.position for item in items if item.position > position]
        rows.prefetch("chain", [position + 1, *new] if new else [])
        gone = rows.linked_without_event(position, new)
        applied = 0
        last = position
        for item in items:
            if item.position <= position:
                continue
            if gone is not None and item.position > gone:
                raise deleted_event(gone)
            record = item.record or self.stored_record(c, item.position)
            chain_record(rows, record, recorded_at)
            if item.error is not None:
                raise item.error
            if item.event is not None:
                project(rows, item.event, item.position)
            applied += 1
            last = item.position
        rows.flush()
        if applied:
            self._insert_tracking(c, Tracking(self.tracking_name, last))  # type: ignore[attr-defined]
        return applied

    def _head_position(self, c: Any) -> int:
        """Where the chain's head is (0: nothing linked yet)."""
        found = self.fetch(c, "SELECT position FROM {chain_head}")
        return int(found[0]["position"]) if found else 0

    def _first_link_after(self, c: Any, after: int, up_to: int) -> int | None:
        """The first linked position after `after`, up to `up_to` (None: none is linked)."""
        if up_to <= after:
            return None
        found = self.fetch(
            c,
            "SELECT MIN(position) AS position FROM {chain} WHERE position > ? AND position <= ?",
            (after, up_to),
        )
        return None if found[0]["position"] is None else int(found[0]["position"])

    def _lock_chain(self, c: Any) -> None:
        """Every version links events into the one chain: one applier at a time.

        In SQLite the tracking row's write lock is already the database's only
        write lock.
        """

    def event_hashes(self, c: Any, first: int, last: int) -> dict[int, str]:
        """The chain's hash of each linked event from `first` to `last`: read by column from
        the rows as the driver gives them, without a dictionary made of each (`fetch`)."""
        self.execute(
            c,
            "SELECT position, event_hash FROM {chain} WHERE position BETWEEN ? AND ?",
            (first, last),
        )
        return {row["position"]: row["event_hash"] for row in c.fetchall()}

    def stored_record(self, c: Any, position: int) -> StoredRecord:
        raise NotImplementedError

    def stored_events_after(self, position: int, limit: int) -> list[Event]:
        """The next `limit` stored events after `position`, as their fields, read straight
        from the application's table: the library's reader makes a dict and an object of
        each row, a third of the time a rebuild's writer spent on 2 M events."""
        raise NotImplementedError

    def count_events_after(self, position: int) -> int:
        raise NotImplementedError


class SQLiteViews(SqlViews, SQLiteTrackingRecorder):
    """Read models in the application's SQLite file (or an in-memory SQLite for `memory:`)."""

    def __init__(
        self,
        datastore: SQLiteDatastore,
        events_table: str | None = None,
        version: int = SCHEMA_VERSION,
    ) -> None:
        super().__init__(datastore)
        self.events_table = events_table
        self.version = version
        self.insert_tracking_statement = (
            f"INSERT INTO {TRACKING_TABLE} "
            "VALUES (:application_name, :notification_id) "
            "ON CONFLICT (application_name) DO UPDATE "
            "SET notification_id = :notification_id "
            f"WHERE {TRACKING_TABLE}.notification_id < :notification_id "
            "RETURNING notification_id"
        )
        self.select_max_tracking_id_statement = (
            f"SELECT MAX(notification_id) FROM {TRACKING_TABLE} WHERE application_name=?"
        )

    def _position_sql(self) -> str:
        return self.select_max_tracking_id_statement

    @contextmanager
    def transaction(self, commit: bool) -> Iterator[Any]:
        """A transaction whose `LOWER` lowers every letter, as PostgreSQL's does: SQLite's
        own lowers only A-Z, so «ålesund kommune sak 12/25» found no «Ålesund kommune
        sak 12/25». The connection comes from the library's pool, hence once per use."""
        with self.datastore.transaction(commit=commit) as cursor:
            cursor.sqlite_cursor.connection.create_function("LOWER", 1, _lower, deterministic=True)
            yield cursor

    @contextmanager
    def _roomy_cache(self, c: Any) -> Iterator[None]:
        """A page cache of up to `REPLAY_CACHE_KIB` for the replay, then the connection's own.

        SQLite's default cache (2 MB) holds fewer pages than a replay dirties (5,076 events:
        some 5 MB of audit rows and their indexes), so it wrote pages out to the log in the
        middle of the transaction and read them back to delete the old rows and to index
        the new: about 10 ms of a 230 ms rebuild (deleting 5.5 → 2 ms, indexing 27 → 23).
        The pages stay dirty until the commit, which writes them as before; then the
        smaller cache lets them go."""
        found = self.fetch(c, "PRAGMA cache_size")
        own = int(found[0]["cache_size"])
        c.execute(f"PRAGMA cache_size = -{REPLAY_CACHE_KIB}")
        try:
            yield
        finally:
            c.execute(f"PRAGMA cache_size = {own}")

    def construct_create_table_statements(self) -> list[str]:
        return [
            f"CREATE TABLE IF NOT EXISTS {TRACKING_TABLE} ("
            "application_name TEXT, notification_id INTEGER, "
            "PRIMARY KEY (application_name)) WITHOUT ROWID"
        ]

    def create_table(self) -> None:
        """The tracking table and this version's tables, made by whichever opener comes first.

        The library decides whether to make the tracking table before its transaction, so
        of two processes opening read models that do not exist yet, both decide to, and the
        second fails to record the table's first row, which the first has recorded
        (`IntegrityError`). Asked again, it finds the table made, as any later opener does.
        PostgreSQL's openers take turns instead (`schema_lock`)."""
        try:
            super().create_table()
        except IntegrityError:
            super().create_table()
        self.create_views()

    def column_type(self, spec: Table, column: str) -> str:
        return "INTEGER" if column in spec.ints else "TEXT"

    def stored_record(self, c: Any, position: int) -> StoredRecord:
        found = self.fetch(
            c, f"SELECT rowid, * FROM {self.events_table} WHERE rowid = ?", (position,)
        )
        return _record(found[0], found[0]["rowid"])

    def stored_events_after(self, position: int, limit: int) -> list[Event]:
        """The library stores an aggregate's ID as its hex digits: the chain hashes its text,
        written out once for each aggregate in the batch (most events share a plan's)."""
        with self.transaction(commit=False) as c:
            c.sqlite_cursor.row_factory = None  # plain tuples: this cursor is ours alone
            c.execute(
                "SELECT rowid, originator_id, originator_version, topic, state "
                f"FROM {self.events_table} WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (position, limit),
            )
            texts: dict[Any, str] = {}
            events: list[Event] = []
            for number, aggregate, version, topic, state in c.fetchall():
                text = texts.get(aggregate)
                if text is None:
                    text = texts[aggregate] = _uuid_text(aggregate)
                events.append((number, text, version, topic, bytes(state)))
            return events

    def count_events_after(self, position: int) -> int:
        with self.transaction(commit=False) as c:
            found = self.fetch(
                c, f"SELECT COUNT(*) AS n FROM {self.events_table} WHERE rowid > ?", (position,)
            )
        return int(found[0]["n"])


def _lower(value: object) -> object:
    """SQL's LOWER in Python's letters: NULL stays NULL, anything else is lowered as text."""
    return None if value is None else str(value).lower()


class PostgresViews(SqlViews, PostgresTrackingRecorder):
    """Read models in the application's PostgreSQL schema."""

    placeholder = "%s"
    builds_in_bulk = True

    def __init__(
        self,
        datastore: PostgresDatastore,
        *,
        tracking_table_name: str = TRACKING_TABLE,
        events_table: str = POSTGRES_EVENTS_TABLE,
        version: int = SCHEMA_VERSION,
    ) -> None:
        super().__init__(datastore, tracking_table_name=TRACKING_TABLE)
        self.events_table = events_table
        self.version = version
        self.max_tracking_id_statement = self.max_tracking_id_statement.as_string()  # type: ignore[assignment]

    def _position_sql(self) -> str:
        """The library's statement, made text once: kept composed, it was joined into bytes
        again on every read of the position, a fifth of the read's own time."""
        return str(self.max_tracking_id_statement)

    def _in_schema(self, name: str) -> str:
        return f'"{self.datastore.schema}".{name}'

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """Without BEGIN and ROLLBACK around it, as the library reads its own tracking
        position: the pool's connections commit each statement by themselves, and one
        statement reads one snapshot. A plan's position (`ReadModels.plan_positions`, asked
        for by every cached page about a plan) takes 0.4 ms instead of 1.3-1.7 on the
        national store."""
        with self.datastore.get_connection() as connection, connection.cursor() as cursor:
            yield cursor

    def _table_names(self, c: Any) -> list[str]:
        query = "SELECT tablename AS name FROM pg_tables WHERE schemaname = ?"
        rows = self.fetch(c, query, (self.datastore.schema,))
        return [str(row["name"]) for row in rows]

    def _lock_chain(self, c: Any) -> None:
        """Versions apply in turn while one is built beside another: the chain is theirs to share.

        Held to the commit; the tracking row is always locked first, so two
        appliers never wait on each other in opposite orders.
        """
        self.execute(c, "SELECT pg_advisory_xact_lock(hashtext(?))", (self.qualified("chain"),))

    def insert_new(
        self, cursor: Any, spec: Table, target: str, rows: list[tuple[Any, ...]], emptied: bool
    ) -> None:
        """Into a table new in this transaction (a rebuild), COPY: one stream, no upserts."""
        if not emptied:
            super().insert_new(cursor, spec, target, rows, emptied)
            return
        with cursor.copy(f"COPY {target} ({', '.join(spec.all_columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _allow_long_transaction(self, c: Any) -> None:
        """The library ends a session idle in a transaction after a few seconds (by default).

        A rebuild's transaction is idle while the next batch of events is read
        (another connection) and projected, which on a busy machine or a large
        plan's adoption takes longer; this transaction alone is exempt.
        """
        c.execute("SET LOCAL idle_in_transaction_session_timeout = 0")

    def _fresh_start(self, c: Any, spec: Table) -> str:
        """A new table without indexes, invisible to readers until the rebuild commits.

        Dropping the live table's indexes would lock its readers out for the
        whole rebuild; swapping in the new table at the end locks them out only
        for the swap.
        """
        fresh = self._in_schema(f"{self.table_name(spec.name)}_fresh")
        columns = ", ".join(f"{col} {self.column_type(spec, col)}" for col in spec.all_columns)
        c.execute(f"DROP TABLE IF EXISTS {fresh}")
        c.execute(f"CREATE TABLE {fresh} ({columns})")
        return fresh

    def _fresh_finish(self, c: Any, spec: Table) -> None:
        """Key and indexes on the new table, then it takes the old one's place and names."""
        name = self.table_name(spec.name)
        fresh = self._in_schema(f"{name}_fresh")
        c.execute(f"ALTER TABLE {fresh} ADD CONSTRAINT {name}_fresh_pkey "
                  f"PRIMARY KEY ({', '.join(spec.keys)})")  # fmt: skip
        for number, index in enumerate(spec.indexes):
            c.execute(f"CREATE INDEX {name}_fresh_ix{number} ON {fresh} ({', '.join(index)})")
        c.execute(f"DROP TABLE {self.qualified(spec.name)}")
        c.execute(f"ALTER TABLE {fresh} RENAME TO {name}")
        c.execute(f"ALTER INDEX {self._in_schema(name + '_fresh_pkey')} RENAME TO {name}_pkey")
        for number in range(len(spec.indexes)):
            old = self._in_schema(f"{name}_fresh_ix{number}")
            c.execute(f"ALTER INDEX {old} RENAME TO {name}_ix{number}")

    def create_table(self) -> None:
        with schema_lock(self.datastore):
            super().create_table()
            self.create_views()

    def _events(self) -> str:
        return f'"{self.datastore.schema}"."{self.events_table}"'

    def stored_record(self, c: Any, position: int) -> StoredRecord:
        found = self.fetch(
            c, f"SELECT * FROM {self._events()} WHERE notification_id = ?", (position,)
        )
        return _record(found[0], found[0]["notification_id"])

    def stored_events_after(self, position: int, limit: int) -> list[Event]:
        """PostgreSQL writes a UUID as the canonical text the chain hashes. The rows come in
        binary: as text, each event's state came as hex digits, twice its size, for the
        server to write out and the driver to read back (read 5,076 events: 17 ms, not 24)."""
        with (
            self.datastore.get_connection() as connection,
            connection.cursor(row_factory=tuple_row) as cursor,
        ):
            cursor.execute(
                "SELECT notification_id, originator_id::text, originator_version, topic, state "
                f"FROM {self._events()} WHERE notification_id > %s "
                "ORDER BY notification_id LIMIT %s",
                (position, limit),
                binary=True,
            )
            return [
                (number, aggregate, version, topic, bytes(state))
                for number, aggregate, version, topic, state in cursor.fetchall()
            ]

    def count_events_after(self, position: int) -> int:
        with self.transaction(commit=False) as c:
            found = self.fetch(
                c,
                f"SELECT COUNT(*) AS n FROM {self._events()} WHERE notification_id > ?",
                (position,),
            )
        return int(found[0]["n"])


def _checked_into_chain(
    views: SqlViews, chain: SqlRows, events: Sequence[Event], recorded_at: str, after: int
) -> tuple[int, ChainBrokenError | None]:
    """Check each event against its link (or link it); how many passed, and the first break.

    A rebuild replays events that are nearly all linked already: their hashes, made from
    the stored fields as read, are compared with the links' in one pass, and only the
    others become records (`StoredRecord`) and go through `chain_record`, in order. The
    links from just after the previous batch (`after`) to this one's last event each name
    an event of this batch: one that does not was deleted, and breaks the chain there.
    """
    if not events:
        return 0, None
    linked = views.event_hashes(chain.cursor, after + 1, events[-1][0])
    gone = first_unstored(linked, [event[0] for event in events])
    others = [n for n, event in enumerate(events) if linked.get(event[0]) != fields_hash(*event)]
    chain.prefetch("chain", [events[n][0] for n in others])
    for number in others:
        if gone is not None and events[number][0] > gone:
            break
        try:
            chain_record(chain, StoredRecord(*events[number]), recorded_at)
        except ChainBrokenError as broken:
            return number, broken
    if gone is not None:
        return sum(1 for event in events if event[0] < gone), deleted_event(gone)
    return len(events), None


def first_unstored(linked: Iterable[int], stored: Iterable[int]) -> int | None:
    """The first linked position with no stored event (None: each has its event): an event
    deleted after it was linked, which breaks the chain there. Asked of the events a batch
    read, by a catch-up (`SqlRows.linked_without_event`) and by a rebuild."""
    kept = set(stored)
    return min((position for position in linked if position not in kept), default=None)


def stored_fields(n: Notification) -> Event:
    """A notification as a stored event's fields (where the views cannot read the log)."""
    return (n.id, _uuid_text(n.originator_id), n.originator_version, n.topic, bytes(n.state))


def _record(row: Row, position: int) -> StoredRecord:
    return StoredRecord(
        position=int(position),
        originator_id=_uuid_text(row["originator_id"]),
        originator_version=int(row["originator_version"]),
        topic=row["topic"],
        state=bytes(row["state"]),
    )


def _uuid_text(value: Any) -> str:
    """Originator IDs as canonical UUID text, whichever way the database returns them.

    SQLite keeps the ID as text, which the library writes as the UUID's lower-case hex and
    finds an aggregate's events by, exactly: a text spelt otherwise (rewritten with
    `upper(originator_id)`, say) hides its event from its plan, so it is hashed as it is
    stored, and the chain breaks there instead of hashing as the same ID."""
    if isinstance(value, UUID):
        return str(value)
    text = str(value)
    parsed = UUID(text)
    return str(parsed) if text == parsed.hex else text

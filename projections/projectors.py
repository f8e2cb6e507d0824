"""A rebuild's projection, in this process or split over worker processes by aggregate.

A rebuild replays every event into empty tables. Linking the events into the
chain and writing the rows is one transaction, one connection, in order; but
decoding the events and running the handlers (most of a rebuild's time) only
needs the rows of the event's own aggregate: a plan's events read only that
plan's rows, a decision's its own, a community's its own (`handlers.owner`
names the one exception). So each aggregate is given to one projector, which
applies its events in position order into rows it holds in memory, and hands
back what the writer must write: the audit rows and the newest rows of the
write-only tables as it goes, every other table's rows once, at the end.

`projectors(app, 0)` projects in this process; `projectors(app, n)` starts `n`
processes and gives each new aggregate to the one with the fewest events so
far. Both hand back the same rows, and both raise a failed event's error: a
worker's error comes back to the writer, the one at the lowest position first.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.persistence import Mapper, Notification
from eventsourcing.utils import TopicError

from domain.application import Planlogg
from language import _
from projections.handlers import owner, project
from projections.rows import (
    TABLES,
    AppendOnlyError,
    Key,
    Row,
    Table,
    check_removable,
    copied,
    plain_row,
)
from projections.store import Event, SqlViews

PARALLEL_FROM = 20_000
"""A rebuild of at least this many events starts worker processes (when there are cores for
them). Measured on 2 cores: at 20,000 events (three plans) two workers took 0.78-0.95 of one
process's time; at 1,000, six times as long (starting them costs about a second)."""

DEPTH = 3
"""Batches a worker may be given before the writer waits for the oldest one's rows: bounds
what is held in flight, and keeps every worker busy while the writer writes."""

Tuples = list[tuple[Any, ...]]


def worker_count(events: int) -> int:
    """How many worker processes a rebuild of `events` events uses (0: none, project here)."""
    cores = os.cpu_count() or 1
    if events < PARALLEL_FROM or cores < 2:
        return 0
    return min(cores, 8)


@dataclass
class Written:
    """Rows for the writer: appended (new keys) and replaced (the newest of each key)."""

    appended: dict[str, Tuples] = field(default_factory=dict)
    replaced: dict[str, Tuples] = field(default_factory=dict)


class EventFailedError(Exception):
    """An event a worker could not project: its position, and its error as raised there."""

    def __init__(self, position: int, error: BaseException) -> None:
        super().__init__(position, error)
        self.position = position
        self.error = error


class PartitionRows:
    """The `Rows` port in memory, over tables that were empty when the rebuild began.

    Rows are kept exactly as the database would give them back (`plain_row`),
    or, when that is not certain, as their stored form decoded again, so a
    handler reads here what it would have read from the tables. Append-only and
    write-only tables are never read back: their rows are handed on (`take`).
    """

    def __init__(self) -> None:
        self.kept: dict[str, dict[Key, Row]] = {n: {} for n, t in TABLES.items() if not t.unread}
        self.appended: dict[str, Tuples] = {}
        self.replaced: dict[str, dict[Key, Row]] = {}
        self.handed_on: dict[str, set[Key]] = {n: set() for n, t in TABLES.items() if t.write_only}

    def get(self, table: str, key: Key) -> Row | None:
        row = self.kept[table].get(tuple(key))
        return copied(TABLES[table], row) if row is not None else None

    def put(self, table: str, row: Row) -> None:
        spec = TABLES[table]
        if spec.append_only:
            raise AppendOnlyError(table)
        if spec.write_only:
            self.replaced.setdefault(table, {})[spec.key_of(row)] = row
        else:
            plain = plain_row(spec, row)
            if plain is None:
                plain = _stored_and_read(spec, row)
            self.kept[table][spec.key_of(plain)] = plain

    def add(self, table: str, values: tuple[Any, ...]) -> None:
        self.appended.setdefault(table, []).append(values)

    def remove(self, table: str, key: Key) -> None:
        """The row is no longer kept: the tables began empty, so it is never written."""
        check_removable(TABLES[table])
        self.kept[table].pop(tuple(key), None)

    def select(self, table: str, **equals: Any) -> list[Row]:
        spec, wanted = TABLES[table], tuple(equals.items())
        return [
            copied(spec, row)
            for row in self.kept[table].values()
            if all(row[column] == value for column, value in wanted)
        ]

    def take(self) -> Written:
        """What was appended and replaced since the last take, encoded for the writer.

        A write-only row under a key not handed on before is appended too: the writer adds
        it without an upsert (on PostgreSQL, with the audit rows' COPY), which for a round's
        lights, one row per status report, cost the writer and the database most of their
        time on them."""
        replaced: dict[str, Tuples] = {}
        for table, rows in self.replaced.items():
            spec, seen = TABLES[table], self.handed_on[table]
            for key, row in rows.items():
                written_to = replaced if key in seen else self.appended
                written_to.setdefault(table, []).append(SqlViews.encode(spec, row))
            seen.update(rows)
        written = Written(self.appended, replaced)
        self.appended, self.replaced = {}, {}
        return written

    def final(self) -> Written:
        """Every kept row, encoded: the tables' contents once every event is applied."""
        return Written(
            appended={
                table: [SqlViews.encode(TABLES[table], row) for row in rows.values()]
                for table, rows in self.kept.items()
                if rows
            }
        )


def _stored_and_read(spec: Table, row: Row) -> Row:
    """The row as a table gives it back: each column stored as an integer or as text."""
    stored = {
        column: value if value is None else int(value) if kind is int else str(value)
        for (column, kind, _), value in zip(spec.shape, SqlViews.encode(spec, row), strict=True)
    }
    return SqlViews.decode(spec, stored)


class Projector:
    """Decodes and applies the events of the aggregates given to it, in position order."""

    def __init__(self, mapper: Mapper[Any]) -> None:
        self.mapper = mapper
        self.rows = PartitionRows()
        self.ids: dict[str, UUID] = {}
        """Each aggregate's ID as a UUID, parsed from its text once: given the text, the
        library's decoder would parse it again for every event."""

    def project(self, events: Sequence[Event]) -> Written:
        ids = self.ids
        for position, originator_id, version, topic, state in events:
            aggregate = ids.get(originator_id)
            if aggregate is None:
                aggregate = ids[originator_id] = UUID(originator_id)
            stored = Notification(aggregate, version, topic, state, position)
            try:
                event = self.mapper.to_domain_event(stored)
            except TopicError:
                continue
            except Exception as error:
                raise EventFailedError(position, error) from error
            try:
                project(self.rows, event, position, originator_id)
            except Exception as error:
                raise EventFailedError(position, error) from error
        return self.rows.take()


class Projectors(Protocol):
    """Where a rebuild's events are projected: `send` each batch, then `finish`."""

    def send(self, events: Sequence[Event]) -> Iterator[Written]: ...

    def finish(self) -> Iterator[Written]: ...


class ThisProcess:
    """One projector, in this process: what a small rebuild uses."""

    def __init__(self, mapper: Mapper[Any]) -> None:
        self.projector = Projector(mapper)

    def send(self, events: Sequence[Event]) -> Iterator[Written]:
        try:
            yield self.projector.project(events)
        except EventFailedError as failed:
            raise failed.error from None

    def finish(self) -> Iterator[Written]:
        yield self.projector.rows.final()


class WorkerProcesses:
    """Worker processes, each projecting the aggregates given to it.

    Messages go through queues (their feeder threads never block the sender),
    so the writer hands on the next batch while the workers answer the last:
    at most `DEPTH` batches are in flight. Every worker gets every batch (its
    share may be empty), so the answers of one batch come back together.
    """

    def __init__(self, app: Planlogg, count: int) -> None:
        context = multiprocessing.get_context("spawn")
        env = {**app.env, "PERSISTENCE_MODULE": "eventsourcing.popo"}
        self.inboxes = [context.Queue() for _ in range(count)]
        self.outboxes = [context.Queue() for _ in range(count)]
        self.processes = [
            context.Process(target=work, args=(inbox, outbox, env), daemon=True)
            for inbox, outbox in zip(self.inboxes, self.outboxes, strict=True)
        ]
        for process in self.processes:
            process.start()
        self.decode = app.mapper.to_domain_event
        self.owners: dict[str, int] = {}
        self.load = [0] * count
        self.in_flight = 0

    def send(self, events: Sequence[Event]) -> Iterator[Written]:
        shares: list[list[Event]] = [[] for _ in self.inboxes]
        for event in events:
            shares[self._worker_of(event)].append(event)
        for inbox, share in zip(self.inboxes, shares, strict=True):
            inbox.put(("events", share))
        self.in_flight += 1
        while self.in_flight > DEPTH:
            yield from self._answers()

    def finish(self) -> Iterator[Written]:
        while self.in_flight:
            yield from self._answers()
        for inbox in self.inboxes:
            inbox.put(("finish", None))
        for number in range(len(self.inboxes)):
            yield self._answer(number)[1]

    def close(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()
            process.join()
        for channel in (*self.inboxes, *self.outboxes):
            channel.close()
            channel.cancel_join_thread()

    def _worker_of(self, event: Event) -> int:
        position, originator_id, version, topic, state = event
        key = owner(
            topic,
            originator_id,
            lambda: self.decode(Notification(originator_id, version, topic, state, position)),
        )
        number = self.owners.get(key)
        if number is None:
            number = self.owners[key] = self.load.index(min(self.load))
        self.load[number] += 1
        return number

    def _answers(self) -> Iterator[Written]:
        """The oldest batch's answers; a failure there raises the lowest failed event's error."""
        answers = [self._answer(number) for number in range(len(self.outboxes))]
        self.in_flight -= 1
        failures = [answer for answer in answers if answer[0] == "failed"]
        if failures:
            while self.in_flight:
                self.in_flight -= 1
                failures += [self._answer(n) for n in range(len(self.outboxes))]
            _, error = min((f[1] for f in failures if f[0] == "failed"), key=_position)
            raise pickle.loads(error)
        for _kind, written in answers:
            yield written

    def _answer(self, number: int) -> tuple[str, Any]:
        while True:
            try:
                answer: tuple[str, Any] = self.outboxes[number].get(timeout=1)
            except queue.Empty:
                if not self.processes[number].is_alive():
                    raise WorkerStoppedError(self.processes[number].exitcode) from None
                continue
            return answer


def _position(failure: tuple[int, bytes]) -> int:
    return failure[0]


class WorkerStoppedError(RuntimeError):
    """A worker process ended without answering (killed, or out of memory)."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(
            _(
                "En arbeidsprosess stoppet uventet mens lesemodellene ble bygd på nytt "
                "(kode %(code)s).",
                code=exitcode,
            )
        )


def work(inbox: Any, outbox: Any, env: dict[str, str]) -> None:
    """A worker process: project each batch given, answer with its rows, until `finish`.

    After a failure it answers the batches still coming as skipped: the writer
    raises the failure once it has the answers of every batch it sent.

    What a batch leaves (the rows held) is moved out of the cyclic collector's
    sight (`gc.freeze`): handlers make no reference cycles, and rescanning a
    heap that only grows cost 6-8 % of a rebuild.
    """
    app = Planlogg(env=env)
    projector = Projector(app.mapper)
    failed = False
    while True:
        kind, events = inbox.get()
        if kind == "finish":
            outbox.put(("final", Written() if failed else projector.rows.final()))
            return
        if failed:
            outbox.put(("skipped", Written()))
            continue
        try:
            outbox.put(("written", projector.project(events)))
            gc.freeze()
        except EventFailedError as failure:
            failed = True
            outbox.put(("failed", (failure.position, _portable(failure.error))))


def _portable(error: BaseException) -> bytes:
    """The error as pickled bytes, or, when it cannot be pickled, its type and words."""
    try:
        pickled = pickle.dumps(error)
        pickle.loads(pickled)
    except Exception:
        return pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))
    return pickled


@contextmanager
def projectors(app: Planlogg, workers: int) -> Iterator[Projectors]:
    """`workers` worker processes for a rebuild's projection, or none (0): this process."""
    if workers < 1:
        yield ThisProcess(app.mapper)
        return
    pool = WorkerProcesses(app, workers)
    try:
        yield pool
    finally:
        pool.close()

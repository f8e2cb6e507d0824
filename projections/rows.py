"""The read-model tables, and the one small port the event handlers write through.

Handlers only ever `get`, `put` and `select` rows by key, and `add` the audit
trail's rows, so they run unchanged against the SQL tables (inside the catch-up
transaction), against a rebuild's rows in memory, and against plain dicts (unit
tests, and the "plan as of a moment" replay).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Any, Protocol

from domain.hearing import HearingState
from domain.measure import MeasureState
from domain.plan_state import PlanHeader, RoundState

Row = dict[str, Any]
Key = tuple[Any, ...]

SCHEMA_VERSION = 16
"""Bump when a table changes shape, or what a handler writes in it: the new version is built in
its own tables beside the old.

2: plans and measures keep their state as one JSON document of the domain's type.
3: communities keep their register of bodies (ids, names, aliases, contacts, merges).
4: hearings, with the draft as it was sent on hearing.
5: rounds keep their state (schedule, reminders); round_reports keeps each round's lights.
6: each version in its own tables (`rm_v6_measures`) and tracking row ("Planlogg v6").
7: plans, measures and communities keep the position of the last event that changed them.
8: the history's person, source and field indexes lead on to the plan and the order, so a
   plan's filtered page and its count are read from the index alone.
9: the decision a change cites is written as registered decisions are ("ASU sak 07/25"), an
   approval's as its body and case, so the decision filter finds every change citing it.
10: a round's reminder put off by the mail server and replaced by a later step's is kept as
   replaced ("superseded"), no longer as put off and to be tried again.
11: a hearing keeps the day it was sent (`HearingState.sent_on`), and the audit trail says it
   (`hearing_sent_on`); a hearing recorded before that day was kept has neither (None, no
   row) until a correction gives it one (`HearingSentDateCorrected`: its row, old → new).
12: measures keep their state as the version in force has it (`in_force`; None when they are in
   none), so the dashboard counts what bodies report on, as the plan does (`Plan.in_force`).
13: the audit trail says the day of a status report (`status_reported_on`, old → new) and an
   evaluation's words its day (`evaluated_on`): a report or an evaluation repeating the last
   one's words on a later day is a row, saying who gave it and when, and the public page's
   kept answer is renewed (`ReadModels.measures_changed_since`).
14: the people register (`people`): each person's details, roles, bodies, communities and
   målform, in the order they were added, so the administrators' list and the page of
   whom to ask are read as one query, not by loading every person.
15: the people register keeps each e-mail address case-folded (`email_key`), indexed with the
   subject, so the person a command names and the people at a reminder's addresses are found
   by the index (`ReadModels.people_named_by`, `people_at`), not by loading every person.
16: rounds keep the moment they were closed (`closed_at`; None while open), so the dashboard
   and `round show` say the day the last round closed."""


@dataclass(frozen=True)
class Table:
    """A read-model table: its key and other columns, and how each column is kept.

    `json` columns hold JSON; `states` columns hold one of the domain's frozen state
    types (stored as its JSON, handed to handlers as the typed object, so a row read
    and rewritten event after event is encoded once per write, not per event).
    """

    name: str
    keys: tuple[str, ...]
    columns: tuple[str, ...]
    json: frozenset[str] = frozenset()
    ints: frozenset[str] = frozenset()
    indexes: tuple[tuple[str, ...], ...] = ()
    states: Mapping[str, type] = field(default_factory=dict)
    append_only: bool = False
    """Rows are only ever added (`Rows.add`), each under a new key, and never read back by a
    handler: they are written as they come, never cached (the audit trail). Such a table
    is plain, so the values a handler adds are the values stored."""
    write_only: bool = False
    """Rows may be written again under the same key but are never read back by a handler:
    the newest of each key waits for the next write, and nothing is cached (an adopted
    version's document, a round's lights)."""

    def __post_init__(self) -> None:
        if self.append_only and (self.json or self.states):
            raise ValueError(f"{self.name}: an append-only table holds only text and integers")

    @property
    def unread(self) -> bool:
        """Handlers never read this table back."""
        return self.append_only or self.write_only

    @cached_property
    def all_columns(self) -> tuple[str, ...]:
        """Keys first, then the other columns: asked for each row a replay in memory keeps."""
        return (*self.keys, *self.columns)

    @cached_property
    def key_of(self) -> Callable[[Row], Key]:
        """A row's key as one tuple (KeyError if a key column is missing): asked of each row
        a rebuild's workers keep, two or three per event."""
        return _getter(self.keys)

    @cached_property
    def values_of(self) -> Callable[[Row], tuple[Any, ...]]:
        """A row's values in column order, keys first, as one tuple (KeyError if one is
        missing): the audit trail's millions of rows are each turned into one."""
        return _getter(self.all_columns)

    @cached_property
    def shape(self) -> tuple[tuple[str, type | None, bool], ...]:
        """Each column with the Python type a read gives (None: JSON), keys first."""
        return tuple((c, self._kind(c), c in self.keys) for c in self.all_columns)

    @cached_property
    def plain(self) -> bool:
        """Every column is text or an integer: a row is stored as its values, unencoded."""
        return not self.json and not self.states

    def _kind(self, column: str) -> type | None:
        if column in self.states:
            return self.states[column]
        return None if column in self.json else int if column in self.ints else str


def _getter(columns: tuple[str, ...]) -> Callable[[Row], tuple[Any, ...]]:
    """The values of `columns` in a row, as a tuple even for one column (for which an
    `itemgetter` gives the bare value)."""
    if len(columns) == 1:
        only = columns[0]
        return lambda row: (row[only],)
    return itemgetter(*columns)


_LAST = ("last_at", "last_by", "last_source", "last_event", "last_position")

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table("plan_keys", ("plan_id",), ("plan_key",)),
        Table(
            "plans",
            ("plan_key",),
            ("plan_id", "header", *_LAST),
            ints=frozenset({"last_position"}),
            states={"header": PlanHeader},
        ),
        Table("areas", ("plan_key", "number"), ("title", "removed"), ints=frozenset({"removed"})),
        Table(
            "goals",
            ("plan_key", "number"),
            ("area", "text", "removed"),
            ints=frozenset({"removed"}),
        ),
        Table(
            "measures",
            ("plan_key", "measure_id"),
            ("number", "goal", "area", "removed", "state", "in_force", *_LAST),
            ints=frozenset({"removed", "last_position"}),
            states={"state": MeasureState, "in_force": MeasureState},
        ),
        Table(
            "rounds",
            ("plan_key", "round_id"),
            ("deadline", "bodies", "decision", "closed", "opened_at", "closed_at", "state"),
            json=frozenset({"bodies"}),
            ints=frozenset({"closed"}),
            states={"state": RoundState},
        ),
        Table(
            "round_reports",
            ("plan_key", "round_id", "measure_id"),
            ("colour", "reported_on"),
            write_only=True,
        ),
        Table(
            "hearings",
            ("plan_key", "version"),
            ("sent_at", "state", "draft"),
            json=frozenset({"draft"}),
            ints=frozenset({"version"}),
            states={"state": HearingState},
        ),
        Table(
            "approvals",
            ("plan_key", "version", "body"),
            ("case_ref", "meeting_date", "approved_at"),
            ints=frozenset({"version"}),
        ),
        Table(
            "versions",
            ("plan_key", "version"),
            ("adopted_at", "in_force_from", "document"),
            json=frozenset({"document"}),
            ints=frozenset({"version"}),
            write_only=True,
        ),
        Table(
            "decisions",
            ("decision_id",),
            ("community", "case_ref", "body", "meeting_date", "text", "plan_key"),
        ),
        Table(
            "communities",
            ("community_id",),
            ("community_key", "name", "bodies", "last_position"),
            json=frozenset({"bodies"}),
            ints=frozenset({"last_position"}),
        ),
        Table(
            "people",
            ("person_id",),
            (
                *("added", "version", "issuer", "subject", "email", "email_key", "name"),
                *("roles", "bodies", "communities", "language"),
            ),
            json=frozenset({"roles", "bodies", "communities"}),
            ints=frozenset({"added", "version"}),
            indexes=(("email_key",), ("subject",)),
        ),
        Table(
            "audit",
            ("position", "seq"),
            (
                "event_id",
                "occurred_at",
                "actor",
                "source",
                "plan_key",
                "area",
                "goal",
                "measure_id",
                "measure_number",
                "field",
                "before_value",
                "after_value",
                "reason",
                "decision",
                "event_type",
            ),
            ints=frozenset({"position", "seq"}),
            append_only=True,
            indexes=(
                ("plan_key", "position"),
                ("plan_key", "measure_id", "position"),
                ("actor", "plan_key", "position", "seq"),
                ("source", "plan_key", "position", "seq"),
                ("field", "plan_key", "position", "seq"),
                ("occurred_at",),
            ),
        ),
        Table(
            "chain",
            ("position",),
            (
                "originator_id",
                "originator_version",
                "topic",
                "event_hash",
                "link_hash",
                "recorded_at",
            ),
            ints=frozenset({"position", "originator_version"}),
        ),
        Table(
            "chain_head",
            ("head",),
            ("position", "link_hash", "recorded_at"),
            ints=frozenset({"position"}),
        ),
        Table("meta", ("name",), ("value",)),
    )
}

CHAIN_TABLES = ("chain", "chain_head")
"""Never dropped by a rebuild: the chain is the evidence the rebuild is checked against."""

VIEW_TABLES = tuple(name for name in TABLES if name not in (*CHAIN_TABLES, "meta"))


def plain_row(spec: Table, row: Row) -> Row | None:
    """A fresh copy of `row` exactly as the database would give it back, or None if unsure.

    Rows are stored with JSON columns encoded (keys sorted) and decoded on the
    way back, so a tuple returns as a list and dict keys come back sorted; a
    state column's frozen value comes back equal to itself. A value whose round
    trip is not that simple (a str or int subclass, a non-text dict key, an int
    in a text column, a missing key) gives None: the caller then lets the
    database decide instead of a cache.
    """
    plain: Row = {}
    get = row.get
    try:
        for column, kind, is_key in spec.shape:
            value = get(column)
            if kind is None:
                if type(value) not in _JSON_SCALARS:
                    value = _plain_json(value)
            elif type(value) is not kind and (value is not None or is_key):
                return None
            plain[column] = value
    except (_NotPlainError, TypeError):  # TypeError: dict keys that cannot be sorted
        return None
    return plain


def plain_key(spec: Table, key: Key) -> bool:
    """Whether a key's values compare in Python as they do in the database."""
    return len(key) == len(spec.keys) and all(
        type(value) is kind for (_, kind, _), value in zip(spec.shape, key, strict=False)
    )


def copied(spec: Table, row: Row) -> Row:
    """A copy of a plain row that a handler may change without touching the original."""
    copy = dict(row)
    for column in spec.json:
        value = copy[column]
        if type(value) not in _JSON_SCALARS:
            copy[column] = _plain_json(value)
    return copy


class AppendOnlyError(TypeError):
    """A handler adds the rows of an append-only table (`Rows.add`); it never puts them."""

    def __init__(self, table: str) -> None:
        super().__init__(f"{table} is append-only: its rows are added, not put")


class _NotPlainError(Exception):
    """A JSON value that might not come back from the database as it went in."""


_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain_json(value: Any) -> Any:
    kind = type(value)
    if kind is list or kind is tuple:
        if not value:
            return []
        return [item if type(item) in _JSON_SCALARS else _plain_json(item) for item in value]
    if kind is dict:
        if not value:
            return {}
        plain = {}
        for name in sorted(value):
            if type(name) is not str:
                raise _NotPlainError
            item = value[name]
            plain[name] = item if type(item) in _JSON_SCALARS else _plain_json(item)
        return plain
    if kind in _JSON_SCALARS:
        return value
    raise _NotPlainError


class Rows(Protocol):
    """Key-value access to the read-model tables (JSON columns as Python values)."""

    def get(self, table: str, key: Key) -> Row | None: ...

    def put(self, table: str, row: Row) -> None: ...

    def add(self, table: str, values: tuple[Any, ...]) -> None:
        """A new row of an append-only table, as its values in the table's column order."""

    def select(self, table: str, **equals: Any) -> list[Row]: ...

    def remove(self, table: str, key: Key) -> None:
        """Delete the row of `key`, if any: what a table of current facts no longer holds (an
        approval withdrawn). Never of a table whose rows are only added or only written."""


class MemoryRows:
    """The read-model tables as dicts: for the as-of replay and for handler unit tests."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[Key, Row]] = {name: {} for name in TABLES}

    def get(self, table: str, key: Key) -> Row | None:
        row = self.tables[table].get(tuple(key))
        return dict(row) if row is not None else None

    def put(self, table: str, row: Row) -> None:
        spec = TABLES[table]
        if spec.append_only:
            raise AppendOnlyError(table)
        self.tables[table][spec.key_of(row)] = {c: row.get(c) for c in spec.all_columns}

    def add(self, table: str, values: tuple[Any, ...]) -> None:
        spec = TABLES[table]
        row = dict(zip(spec.all_columns, values, strict=True))
        self.tables[table][spec.key_of(row)] = row

    def select(self, table: str, **equals: Any) -> list[Row]:
        return [
            dict(row)
            for row in self.tables[table].values()
            if all(row.get(k) == v for k, v in equals.items())
        ]

    def remove(self, table: str, key: Key) -> None:
        check_removable(TABLES[table])
        self.tables[table].pop(tuple(key), None)

    def all(self, table: str) -> Iterable[Row]:
        return (dict(row) for row in self.tables[table].values())


def check_removable(spec: Table) -> None:
    """Rows are removed only from tables handlers read and rewrite: an append-only table is the
    record itself, and a write-only one keeps the newest row of each key."""
    if spec.unread:
        raise TypeError(f"rows of {spec.name} are never removed")

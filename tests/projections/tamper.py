"""Tamper with the stored events directly in the database, as an intruder with SQL access would.

Positions are SQLite's rowid or PostgreSQL's notification_id: the order the
notification log (and the hash chain) follows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit
from uuid import uuid4

import psycopg


class EventTable:
    def __init__(self, url: str) -> None:
        self.url = url
        self.postgres = url.startswith("postgres")
        if self.postgres:
            parts = urlsplit(url)
            schema = parse_qs(parts.query)["schema"][0]
            self.dsn = url.split("?")[0]
            self.events = f'"{schema}".planlogg_events'
            self.views = f'"{schema}".'
            self.pos = "notification_id"
        else:
            self.path = url.removeprefix("sqlite:///")
            self.events = "stored_events"
            self.views = ""
            self.pos = "rowid"

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        if self.postgres:
            with psycopg.connect(self.dsn, autocommit=False) as conn, conn.cursor() as cur:
                yield cur
        else:
            conn = sqlite3.connect(self.path)
            try:
                yield conn.cursor()
                conn.commit()
            finally:
                conn.close()

    def _q(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        with self._cursor() as cur:
            cur.execute(self._q(sql), params)

    def state(self, position: int) -> bytes:
        with self._cursor() as cur:
            cur.execute(
                self._q(f"SELECT state FROM {self.events} WHERE {self.pos} = ?"), (position,)
            )
            return bytes(cur.fetchone()[0])

    def alter(self, position: int, old: bytes, new: bytes) -> None:
        state = self.state(position)
        assert old in state
        self.execute(
            f"UPDATE {self.events} SET state = ? WHERE {self.pos} = ?",
            (state.replace(old, new), position),
        )

    def remove(self, position: int) -> None:
        self.execute(f"DELETE FROM {self.events} WHERE {self.pos} = ?", (position,))

    def insert(self, position: int) -> None:
        """Shift every event from `position` up by one and forge an event into the gap."""
        with self._cursor() as cur:
            cur.execute(
                self._q(
                    f"UPDATE {self.events} SET {self.pos} = {self.pos} + 100000 "
                    f"WHERE {self.pos} >= ?"
                ),
                (position,),
            )
            cur.execute(
                f"UPDATE {self.events} SET {self.pos} = {self.pos} - 99999 "
                f"WHERE {self.pos} > 100000"
            )
            cur.execute(
                self._q(
                    f"SELECT originator_id, topic, state FROM {self.events} WHERE {self.pos} = ?"
                ),
                (position - 1,),
            )
            _, topic, state = cur.fetchone()
            forged = uuid4()
            cur.execute(
                self._q(
                    f"INSERT INTO {self.events} ({self.pos}, originator_id, "
                    "originator_version, topic, state) VALUES (?, ?, ?, ?, ?)"
                ),
                (position, forged if self.postgres else forged.hex, 1, topic, bytes(state)),
            )

    def append_forged(self, topic_given: str | None = None) -> int:
        """Append a copy of the newest event as the next version of its aggregate.

        What an intruder with SQL access does after the newest chained event: the
        read models will chain it like any other. Returns its position. With `topic_given`,
        the copy is of that type instead (one a later Planlogg records).
        """
        with self._cursor() as cur:
            cur.execute(
                f"SELECT {self.pos}, originator_id, originator_version, topic, state "
                f"FROM {self.events} ORDER BY {self.pos} DESC LIMIT 1"
            )
            position, originator, version, stored_topic, state = cur.fetchone()
            cur.execute(
                self._q(
                    f"INSERT INTO {self.events} ({self.pos}, originator_id, "
                    "originator_version, topic, state) VALUES (?, ?, ?, ?, ?)"
                ),
                (position + 1, originator, version + 1, topic_given or stored_topic, bytes(state)),
            )
        return int(position) + 1

    def swap(self, first: int, second: int) -> None:
        with self._cursor() as cur:
            for old, new in ((first, -1), (second, first), (-1, second)):
                cur.execute(
                    self._q(f"UPDATE {self.events} SET {self.pos} = ? WHERE {self.pos} = ?"),
                    (new, old),
                )

    def rewrite_chain(self) -> None:
        """Throw the chain away (a rebuild then chains the tampered events afresh)."""
        self.execute(f"DELETE FROM {self.views}rm_chain")
        self.execute(f"DELETE FROM {self.views}rm_chain_head")

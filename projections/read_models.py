"""`ReadModels`: the read side of Planlogg, in the same database as the events.

    rm = ReadModels.open(app)      # once, in the composition root
    rm.catch_up()                  # apply new events (`projections.Follower` does it in a loop)
    rm.read_your_writes()          # where a caller must see what it has just written
    rm.current_plan("hf-2025")     # the working version, as of the last catch-up
    rm.version_in_force("hf-2025") # what the public sees: adopted snapshots only

Queries never catch up themselves: they answer from the position the read
models have reached, which `position()` and `lag()` tell.

Where the views live:
- SQLite: tables `rm_v6_*` in the application's own SQLite file, through its datastore.
- PostgreSQL: tables `rm_v6_*` in the application's own schema, through its datastore.
- Each shape of the read models has its own tables (the number is `SCHEMA_VERSION`):
  a new version is built beside the one serving, and answers once it is `ready()`.
- `memory:` (POPO, tests and demos): the events are Python objects, so the same
  SQL views run on a private in-memory SQLite database owned by this process;
  they vanish with it, like the events do.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple
from uuid import UUID, uuid4

from eventsourcing.persistence import Notification
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore
from eventsourcing.utils import TopicError

from domain.application import EVENT_PAGE, Planlogg
from domain.body_register import BodyRegister, body_from_json
from domain.dates import check_year
from domain.decision import CaseNumber, case_reference, parse_case
from domain.errors import NotFoundError, UnregisteredDecisionError, ValidationError
from domain.hearing import HearingState
from domain.norwegian_time import OSLO, in_oslo, oslo_today
from domain.numbering import parse_measure_number
from domain.plan import no_such_plan, plan_id
from domain.plan_state import PlanHeader, RoundState
from domain.state_json import to_json
from domain.vocabulary import PATIENT_GROUP_LABELS, TOPICS_6_2, source_word
from language import _
from projections.annual_report import (
    ReportInputs,
    build_adopted_plan,
    build_annual_report,
)
from projections.annual_report import report_years as reportable_years
from projections.audit_counts import AuditCounts
from projections.audit_labels import Names, field_label, reason_label, value_label
from projections.audit_pages import MAX_PAGES, FullPage
from projections.bounded import BoundedMap
from projections.chain import GENESIS, ChainBrokenError, ChainLink, StoredRecord, verify
from projections.csv_export import HISTORY_HEADERS, csv_text
from projections.dashboard import build_dashboard, ended_round
from projections.documents import (
    HISTORY_CURSOR,
    AdoptedVersionSummary,
    AuditPage,
    AuditQuery,
    AuditRow,
    ChainHead,
    ChainReport,
    ClosedRound,
    Dashboard,
    DecisionDoc,
    HearingDoc,
    ListedPerson,
    MeasureDoc,
    PlanDocument,
    PlanSummary,
    VersionDiff,
)
from projections.handlers import project, timestamp_text
from projections.heap import long_lived_set_aside
from projections.plan_documents import (
    approvals_in_order,
    document_from_dict,
    document_from_rows,
    measure_doc,
    measure_state,
    with_body_names,
)
from projections.projectors import projectors, worker_count
from projections.report_model import Report
from projections.rows import SCHEMA_VERSION, TABLES, MemoryRows, Row
from projections.status_history import status_history
from projections.store import (
    Event,
    Item,
    PostgresViews,
    SQLiteViews,
    SqlViews,
    stored_fields,
)
from projections.version_diff import diff_documents, diff_hearing

BATCH = 250
REBUILD_BATCH = 20_000
"""A rebuild is one transaction whatever its batches: larger ones write each changed row
(a measure reported on again and again) fewer times."""
BUILD_BATCH = 2_000
"""A build beside the serving version commits each batch: about a second of writing, so
the serving version's writers (SQLite has one at a time) never wait longer."""
Progress = Callable[[int, int], None]

PUBLIC_SUMMARY = ("key", "title", "owner", "first_year", "last_year", "version", "adopted_at")
"""What the public list of plans says of each plan's version in force, from its document; and
the day it is in force from (its adopting meeting), from its row."""
MAX_VERSION = 2**31 - 1
"""No plan gets near it; a larger number in a request cannot name a version."""
PEOPLE_AT_ONCE = 500
"""Addresses asked for in one query (`people_at`): SQLite takes at most 999 parameters in
older builds, PostgreSQL 65,535."""


def moment(value: datetime | date, end_of_day: bool = False) -> datetime:
    """A date or datetime as an aware UTC moment; naive values are Norwegian time."""
    if not isinstance(value, datetime):
        day = value + timedelta(days=1) if end_of_day else value
        value = datetime.combine(day, time(0), tzinfo=OSLO)
        return value.astimezone(UTC) - (timedelta(microseconds=1) if end_of_day else timedelta())
    if value.tzinfo is None:
        value = value.replace(tzinfo=OSLO)
    return value.astimezone(UTC)


class PlanPositions(NamedTuple):
    """What `ReadModels.plan_positions` finds about one plan."""

    exists: bool
    own: int
    communities: int


class ReadModels:
    """The queries of every read model, and the one way to bring them up to date."""

    def __init__(self, app: Planlogg, views: SqlViews) -> None:
        self.app = app
        self.views = views
        self.audit_counts = AuditCounts()
        self.full_pages: BoundedMap[FullPage] = BoundedMap(MAX_PAGES)
        self._replayed = 0
        """Events the first stretch of a build in this process has replayed, uncommitted."""

    @classmethod
    def open(cls, app: Planlogg, version: int = SCHEMA_VERSION) -> ReadModels:
        """Open (creating if needed) the read models in the application's own database.

        Call it once per application, in the composition root, and pass the
        result on: for `memory:` each call opens a new, empty set of views.
        `version` names other tables of the same shape (a test of a build beside
        the version serving).
        """
        views = _views_for(app, version)
        if not views.ready() and not app.recorder.max_notification_id():
            views.finish_build()
        return cls(app, views)

    # --- keeping up ----------------------------------------------------------------------

    def catch_up(self, progress: Progress | None = None) -> int:
        """Apply events recorded since the tracked position, a batch per transaction.

        A version not yet ready is built instead (`build`).
        """
        if not self.views.ready():
            return self.build(progress)
        start = position = self.views.position()
        total = self.lag() if progress else 0
        applied = 0
        while items := self._items_after(position, BATCH):
            applied += self.views.apply(items, timestamp_text(datetime.now(UTC)))
            position = max(items[-1].position, self.views.position())
            if progress:
                progress(min(applied, total), max(total, applied))
        if progress and start == position:
            progress(0, 0)
        return applied

    def build(self, progress: Progress | None = None, workers: int | None = None) -> int:
        """Fill this version's tables up to the newest event, then let it serve.

        Large batches, each its own transaction with its position, so a build
        can stop and resume, and runs beside the version still serving. On
        PostgreSQL a build from the start first replays, in one transaction and
        with `workers` processes, the events the chain already links (every
        event, linking it, where the chain has no link yet: `_build_first`).
        """
        position = self.views.position()
        total = self.lag() if progress else 0
        if position == 0:
            applied = self._build_first(total, progress, workers)
            position = self.views.position()
        else:
            applied = 0
        rows = None
        while items := self._items_after(position, BUILD_BATCH):
            rows, done = self.views.build_step(items, timestamp_text(datetime.now(UTC)), rows)
            applied += done
            position = items[-1].position
            if progress:
                progress(min(applied, total), max(total, applied))
        self.views.finish_build()
        return applied

    def _build_first(self, total: int, progress: Progress | None, workers: int | None) -> int:
        """The events up to the chain's head, replayed as a rebuild replays them
        (`SqlViews.build_first`); how many were applied (0: none, the batches do it all).

        The serving version links each new event into the chain under its lock; these
        are linked already, so this long transaction never holds that lock. A chain with
        no link yet (no version has applied an event: a log restored without its read
        models) is linked here, up to the newest event, under the lock. By default
        (`workers` None) only a log long enough for workers is replayed so
        (`worker_count`); `workers` says how many (0: this process).
        """
        if not self.views.builds_in_bulk:
            return 0
        head = self.chain_head().position
        last = head or self.app.recorder.max_notification_id() or 0
        count = worker_count(last) if workers is None else workers
        if last == 0 or (workers is None and count == 0):
            return 0

        def replayed(done: int, total: int) -> None:
            self._replayed = done
            if progress:
                progress(done, total)

        try:
            with projectors(self.app, count) as projecting:
                return self.views.build_first(
                    self._all_batches(total, replayed, last=last),
                    projecting,
                    timestamp_text(datetime.now(UTC)),
                    head,
                    links=head == 0,
                )
        finally:
            self._replayed = 0

    def build_progress(self) -> tuple[int, int]:
        """How many events this version has applied, and how many there are (while it is
        built). The first stretch of a PostgreSQL build commits only at its end, so while
        this process replays it, what it has replayed so far is counted."""
        position = self.views.position()
        return max(position, self._replayed), position + self.lag()

    def ready(self) -> bool:
        """Whether this version of the read models has caught up once and may answer."""
        return self.views.ready()

    @property
    def version(self) -> int:
        """The shape of these read models (`SCHEMA_VERSION` unless opened otherwise)."""
        return self.views.version

    def read_your_writes(self) -> int:
        """Apply everything recorded so far, before answering a caller who just wrote.

        The background `Follower` keeps the read models close behind; a command
        whose caller reads next (a web form, the API, a command-line read, the
        sync's Oversikt tab) calls this so its own change is there. Two callers
        at once are safe: each event is applied exactly once.
        """
        return self.catch_up()

    def _notifications_after(self, position: int, limit: int) -> Sequence[Notification]:
        """The next `limit` recorded events after `position`, as the library reads them."""
        return self.app.recorder.select_notifications(
            start=position, limit=limit, inclusive_of_start=False
        )

    def _stored_after(self, position: int, limit: int) -> Sequence[Event]:
        """The next `limit` recorded events after `position`, as stored (none: caught up):
        read by the views where they share the application's database, else by the library."""
        if self.views.events_table is not None:
            return self.views.stored_events_after(position, limit)
        return [stored_fields(n) for n in self._notifications_after(position, limit)]

    def _items_after(self, position: int, limit: int) -> list[Item]:
        """The next `limit` recorded events after `position`, each decoded (none: caught up)."""
        return [self._item(event) for event in self._stored_after(position, limit)]

    def _item(self, stored: Event) -> Item:
        position, aggregate, version, topic, state = stored
        record = StoredRecord(*stored)
        try:
            event = self.app.mapper.to_domain_event(
                Notification(aggregate, version, topic, state, position)
            )
        except TopicError:
            return Item(position, record, None)
        except Exception as error:
            return Item(position, record, None, error=error)
        return Item(position, record, event)

    def dump_tables(self) -> dict[str, list[dict[str, Any]]]:
        """Every read-model row, in key order: to compare two builds, or to inspect."""
        dump = {}
        for name, spec in TABLES.items():
            order = ", ".join(spec.keys)
            dump[name] = self._rows(name, f"1=1 ORDER BY {order}")
        return dump

    def rebuild(self, progress: Progress | None = None, workers: int | None = None) -> int:
        """Rebuild every view from the events in one transaction, checked against the chain.

        `workers` processes decode and apply the events (0: this process does);
        by default a large store uses a worker per core (`worker_count`). The cyclic
        collector is kept off meanwhile (`long_lived_set_aside`): projecting makes no
        reference cycles, yet its allocations set off collections, full ones among them.
        """
        total = self.app.recorder.max_notification_id() or 0
        count = worker_count(total) if workers is None else workers
        try:
            with long_lived_set_aside(), projectors(self.app, count) as projecting:
                return self.views.rebuild(
                    self._all_batches(total, progress),
                    projecting,
                    timestamp_text(datetime.now(UTC)),
                )
        finally:
            self.audit_counts.forget()
            self.full_pages.clear()

    def _all_batches(
        self, total: int, progress: Progress | None, last: int | None = None
    ) -> Iterator[Sequence[Event]]:
        """The stored events from the first, a batch at a time; up to position `last`."""
        position = done = 0
        while events := self._stored_after(position, REBUILD_BATCH):
            if last is not None and events[-1][0] > last:
                events = [event for event in events if event[0] <= last]
                if not events:
                    return
            yield events
            position = events[-1][0]
            done += len(events)
            if progress:
                progress(done, max(total, done))
            if last is not None and position >= last:
                return

    def position(self) -> int:
        """The last event the read models reflect: an answer cached on it stays true."""
        return self.views.position()

    def position_statement(self) -> tuple[str, tuple[Any, ...]]:
        """The statement `position` runs and its parameters (`SqlViews.position_statement`)."""
        return self.views.position_statement()

    def plan_positions(self, key: str) -> PlanPositions:
        """Whether plan `key` is there, and the positions its answers are cached on, in one
        statement: the first request about a plan after a change needs all of them, and
        each was a round trip of its own.

        `own` is the last event that changed what the plan's own pages and history show:
        the plan's own events, every audit row about it (decisions and sheet refusals about
        it are other aggregates' events), and the health communities' registers (the bodies
        named in it). An answer about one plan, cached on it, stays true while other plans
        change. `communities` is the communities' last change: a plan's målform depends on
        it alone (its owner is set when it is created; the owner's målform is a community
        event), so a målform cached on it stays while the plan's measures change.
        """
        found = self._fetch(
            "SELECT (SELECT COUNT(*) FROM {plans} WHERE plan_key = ?) AS plans, "
            "(SELECT MAX(last_position) FROM {plans} WHERE plan_key = ?) AS plan, "
            "(SELECT MAX(position) FROM {audit} WHERE plan_key = ?) AS audit, "
            "(SELECT MAX(last_position) FROM {communities}) AS communities",
            (key, key, key),
        )[0]
        communities = int(found["communities"] or 0)
        return PlanPositions(
            exists=bool(found["plans"]),
            own=max(int(found["plan"] or 0), int(found["audit"] or 0), communities),
            communities=communities,
        )

    def lag(self) -> int:
        """How many recorded events the read models have not applied yet."""
        position = self.views.position()
        if self.views.events_table is None:
            return len(self._notifications_after(position, 10**9))
        return self.views.count_events_after(position)

    def _fetch(self, text: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with self.views.reading() as c:
            return self.views.fetch(c, text, params)

    def _rows(
        self, table: str, where: str = "1=1", params: tuple[Any, ...] = ()
    ) -> list[dict[str, Any]]:
        spec = TABLES[table]
        return [
            self.views.decode(spec, row)
            for row in self._fetch(f"SELECT * FROM {{{table}}} WHERE {where}", params)
        ]

    # --- current plan --------------------------------------------------------------------

    def plans(self) -> list[PlanSummary]:
        summaries = []
        for row in sorted(self._rows("plans"), key=lambda p: p["plan_key"]):
            header: PlanHeader = row["header"]
            summaries.append(
                PlanSummary(
                    key=header.key,
                    title=header.title,
                    owner=header.owner,
                    stage=header.stage.value,
                    version=header.working_version,
                    adopted_version=header.adopted_version,
                    first_year=header.first_year,
                    last_year=header.last_year,
                    last_changed_at=row["last_at"],
                )
            )
        return summaries

    def current_plan(self, key: str) -> PlanDocument | None:
        """The working version: every current field, status and last change."""
        found = self._rows("plans", "plan_key = ?", (key,))
        if not found:
            return None
        return document_from_rows(
            found[0],
            self._rows("areas", "plan_key = ?", (key,)),
            self._rows("goals", "plan_key = ?", (key,)),
            self._rows("measures", "plan_key = ?", (key,)),
            kind="current",
        )

    def drafted_only(self, plan: PlanDocument) -> set[str]:
        """The IDs of the working version's measures (`current_plan`'s `plan`) that the version
        in force does not have: they take no status or evaluation until a version that has
        them is adopted (`Plan.reporting_measure`). Before the first adoption the draft is
        reported on: none."""
        if plan.adopted_version is None:
            return set()
        found = self._fetch(
            "SELECT measure_id FROM {measures}"
            " WHERE plan_key = ? AND removed = 0 AND in_force IS NULL",
            (plan.key,),
        )
        return {row["measure_id"] for row in found}

    def measures_changed_since(
        self, key: str, position: int
    ) -> dict[str, MeasureDoc | None] | None:
        """The measures of plan `key` changed after `position`, by ID, each with its latest
        state (`latest_measures`); None when anything else about the plan, or any
        community's register, changed too.

        Every change to a measure writes an audit row naming it, and every other change to
        the plan one naming none (see `plan_positions`), so a page that shows the plan as
        it stood at `position` need only show these measures anew. One statement finds them
        and reads them: the first request of a plan's page after a status report made one
        round trip for each.
        """
        found = self._fetch(
            "SELECT c.measure_id AS changed_id, m.* FROM ("
            "SELECT DISTINCT measure_id FROM {audit} WHERE plan_key = ? AND position > ? "
            "UNION SELECT '' AS measure_id FROM {communities} WHERE last_position > ?) c "
            "LEFT JOIN {measures} m ON m.plan_key = ? AND m.measure_id = c.measure_id",
            (key, position, position, key),
        )
        changed = {str(r["changed_id"]) for r in found}
        if "" in changed:
            return None
        spec = TABLES["measures"]
        read = {
            r["measure_id"]: measure_doc(self.views.decode(spec, r))
            for r in found
            if r["measure_id"] is not None
        }
        return {measure: read.get(measure) for measure in changed}

    def latest_measures(self, key: str) -> dict[str, MeasureDoc]:
        """Every measure of plan `key` by ID with its latest state: those the working version
        no longer shows too (removed, or under a removed goal or area). A measure in force
        is reported on and evaluated until a version without it is adopted
        (`Plan.reporting_measure`), so the progress a page shows of it goes on."""
        return {
            row["measure_id"]: measure_doc(row)
            for row in self._rows("measures", "plan_key = ?", (key,))
        }

    # --- audit history -------------------------------------------------------------------

    def history(self, query: AuditQuery) -> AuditPage:
        """One page of the filtered history, oldest first, with the filter's row count.

        A page after a cursor (`after`, the previous page's `next`) starts where the index
        says, so the thousandth page costs what the first does; an offset is counted off.
        One row more than the page is read to know whether another page follows; a page
        that found one is kept and given again with the total read afresh
        (`projections.audit_pages`).
        """
        where, params = self._audit_filter(query)
        total = self._audit_total(where, params)
        page_key = (where, params, query.after, query.offset, query.limit)
        kept = self.full_pages.get(page_key)
        if kept is None:
            rows, following = self._audit_page(query, where, params)
            if following is not None:
                self.full_pages.put(page_key, FullPage(rows, following))
        else:
            rows, following = kept
        return AuditPage(
            rows=rows, total=total, offset=query.offset, limit=query.limit, next=following
        )

    def _audit_page(
        self, query: AuditQuery, where: str, params: tuple[Any, ...]
    ) -> tuple[tuple[AuditRow, ...], str | None]:
        """The page's rows, and where the next page starts (None: this page is the last)."""
        if query.after:
            position, seq = _cursor(query.after)
            where += " AND (position, seq) > (?, ?)"
            params += (position, seq)
        page = " ORDER BY position, seq"
        if query.limit is not None:
            page += f" LIMIT {int(query.limit) + 1} OFFSET {int(query.offset)}"
        elif query.offset:
            page += (
                f" LIMIT -1 OFFSET {int(query.offset)}"
                if isinstance(self.views, SQLiteViews)
                else f" OFFSET {int(query.offset)}"
            )
        rows = self._fetch(f"SELECT * FROM {{audit}} WHERE {where}{page}", params)
        following = None
        if query.limit is not None and len(rows) > query.limit:
            rows = rows[: query.limit]
            if rows:
                following = f"{int(rows[-1]['position'])}.{int(rows[-1]['seq'])}"
        return tuple(_audit_row(r) for r in rows), following

    def _audit_total(self, where: str, params: tuple[Any, ...]) -> int:
        """How many audit rows the filter matches: the last count carried forward by the
        matching rows after it, and where the trail ends, read in one statement (one
        snapshot, so no row is counted twice or missed; see `projections.audit_counts`)."""
        key = (where, params)
        since = self.audit_counts.last(key)
        found = self._fetch(
            f"SELECT (SELECT COUNT(*) FROM {{audit}} WHERE {where} AND position > ?) AS n, "
            "(SELECT MAX(position) FROM {audit}) AS at",
            (*params, since.position),
        )
        return self.audit_counts.add(key, since, int(found[0]["n"]), int(found[0]["at"] or 0))

    def _audit_filter(self, q: AuditQuery) -> tuple[str, tuple[Any, ...]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("plan_key", q.plan),
            ("actor", q.actor),
            ("source", q.source),
            ("field", q.field),
        ):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if q.decision:
            clause, cases = self._decision_clause(q.decision, q.plan)
            clauses.append(clause)
            params.extend(cases)
        if q.measure:
            clause, named = _one_of(self._measures_named(q.plan, q.measure), by_plan=not q.plan)
            clauses.append(clause)
            params.extend(named)
        if q.since:
            clauses.append("occurred_at >= ?")
            params.append(timestamp_text(moment(q.since)))
        if q.until:
            clauses.append("occurred_at <= ?")
            params.append(timestamp_text(moment(q.until, end_of_day=True)))
        return " AND ".join(clauses) or "1=1", tuple(params)

    def _decision_clause(self, decision: str, plan: str | None) -> tuple[str, list[str]]:
        """The rows citing `decision`, by every way the trail may hold it (`_spellings`): a
        plan's decisions are its community's, by that community's register. Without a plan,
        each community's spellings hold for its own plans' rows only (two communities may
        call different bodies by one name), and the case as typed for every row."""
        typed = case_reference(decision)
        if plan:
            cases = sorted(_spellings(typed, self.plan_register(plan)))
            return f"LOWER(decision) IN ({_marks(cases)})", cases
        ors, params = ["LOWER(decision) = ?"], [typed.lower()]
        owners = self._plan_owners()
        for community, register in sorted(self._community_registers().items()):
            others = sorted(_spellings(typed, register) - {typed.lower()})
            plans = sorted(key for key, owner in owners.items() if owner == community)
            if others and plans:
                ors.append(
                    f"(plan_key IN ({_marks(plans)}) AND LOWER(decision) IN ({_marks(others)}))"
                )
                params += [*plans, *others]
        return f"({' OR '.join(ors)})", params

    def _measures_named(self, plan: str | None, ref: str) -> list[tuple[str, str]]:
        """The measures (plan and ID) a reference names: by its ID, or by a number it has or
        had. Measure IDs are each plan's own, and a number a measure had before it was
        renumbered or moved still names it, as the decisions made then cite it: every number
        a measure is given is an audit row of its `number` (from "" when it is added)."""
        number = _number(ref)
        in_plan, scope = (" AND plan_key = ?", (plan,)) if plan else ("", ())
        found = self._fetch(
            f"SELECT plan_key, measure_id FROM {{measures}} WHERE (measure_id = ? OR number = ?)"
            f"{in_plan} UNION SELECT plan_key, measure_id FROM {{audit}} WHERE field = 'number'"
            f" AND (before_value = ? OR after_value = ?){in_plan}",
            (ref.strip(), number, *scope, number, number, *scope),
        )
        return sorted({(r["plan_key"], r["measure_id"]) for r in found})

    def history_csv(self, query: AuditQuery, for_excel: bool = False) -> str:
        """The history as CSV for a spreadsheet, read as on the audit pages: headers, sources,
        fields and Planlogg's own values in the målform spoken, times in Norwegian time (the
        JSON keeps the codes and UTC, and the event types, which this leaves out:
        `HISTORY_HEADERS`). For Excel (`for_excel`) a time is written as Excel reads one,
        «2025-03-02 00:30:00», to the second (the position orders events of one second);
        ISO with its offset and fraction was left as text, neither sorted nor filtered as a
        time. The command line's plain CSV keeps ISO with the offset."""
        rows = self._all_rows(query)
        names = self.audit_names({row.plan for row in rows})
        written = _excel_time if for_excel else _iso_in_oslo
        return csv_text(
            list(HISTORY_HEADERS),
            (
                {
                    **row.to_dict(),
                    "occurred_at": written(row.occurred_at),
                    "source": source_word(row.source),
                    "field": field_label(row.field),
                    "before": value_label(row.field, row.before, names[row.plan]),
                    "after": value_label(row.field, row.after, names[row.plan]),
                    "reason": reason_label(row.reason, row.source),
                }
                for row in rows
            ),
            HISTORY_HEADERS,
            for_excel,
        )

    def audit_names(self, plans: set[str]) -> dict[str, Names]:
        """What the keys in the values of these plans' history rows stand for, by plan (""
        too: a community's own rows): the owner's bodies as registered now, every community's
        name, and (when the rows hold a community's own, "" among `plans`) every community's
        register, as those rows name their community and a merge the body merged into. Read
        when the rows are shown, so rows stored before a body was registered or renamed read
        by its name now."""
        communities = dict(self.communities())
        registers = self._community_registers() if "" in plans else {}
        names = {plan: Names(self.plan_register(plan), communities) for plan in plans - {""}}
        return {**names, "": Names(communities=communities, registers=registers)}

    def _community_registers(self) -> dict[str, BodyRegister]:
        """Every community's bodies as projected, by the community's key."""
        return {
            row["community_key"]: BodyRegister.of(body_from_json(b) for b in row["bodies"])
            for row in self._rows("communities")
        }

    def history_json(self, query: AuditQuery) -> str:
        rows = [row.to_dict() for row in self._all_rows(query)]
        return json.dumps(rows, ensure_ascii=False, indent=2)

    def _all_rows(self, query: AuditQuery) -> list[AuditRow]:
        return list(self.history(replace(query, offset=0, limit=None)).rows)

    def measure_timeline(self, key: str, measure_ref: str) -> list[AuditRow]:
        """Every change of one measure, oldest first: the measure with that ID, or the one
        that has that number now. A number no measure has now finds the measures that had
        it (as the history's filter does): a number given again after its measure moved
        names the new measure alone, or the timeline would read as one measure's."""
        return self._all_rows(AuditQuery(plan=key, measure=self._one_measure(key, measure_ref)))

    def _one_measure(self, key: str, ref: str) -> str:
        """The ID of the measure `ref` names now (by ID, else the one measure in the working
        version with that number); `ref` itself when none does."""
        found = self._fetch(
            "SELECT measure_id, removed FROM {measures}"
            " WHERE plan_key = ? AND (measure_id = ? OR number = ?)",
            (key, ref.strip(), _number(ref)),
        )
        by_id = [r["measure_id"] for r in found if r["measure_id"] == ref.strip()]
        active = [r["measure_id"] for r in found if not r["removed"]]
        named = by_id or (active if len(active) == 1 else [])
        return str(named[0]) if named else ref

    # --- adopted versions ----------------------------------------------------------------

    def adopted_versions(self, key: str) -> list[AdoptedVersionSummary]:
        """Each adopted version with the approvals it was adopted by, oldest first.

        Read from the approvals table, not from the frozen documents: a version's
        approvals are all recorded before it is adopted and never change after (each
        submission is a new version, a body approves it once), and a plan adopted ten
        times has ten documents of a megabyte each (decoding them was 0.27 s of its page).
        """
        versions = self._fetch(
            "SELECT version, adopted_at, in_force_from FROM {versions} WHERE plan_key = ?", (key,)
        )
        approvals = self._rows("approvals", "plan_key = ?", (key,))
        summaries = []
        for row in sorted(versions, key=lambda r: int(r["version"])):
            summaries.append(
                AdoptedVersionSummary(
                    version=int(row["version"]),
                    adopted_at=row["adopted_at"],
                    in_force_from=row["in_force_from"],
                    approvals=approvals_in_order(
                        a for a in approvals if a["version"] == int(row["version"])
                    ),
                )
            )
        return summaries

    def adopted_version(self, key: str, version: int) -> PlanDocument | None:
        """The version frozen exactly as it was adopted, with its approvals."""
        row = self._version_row(key, version)
        return document_from_dict(row["document"]) if row is not None else None

    def _version_row(self, key: str, version: int) -> dict[str, Any] | None:
        """The versions row of an adopted version. A number no version can have is not looked
        up: the database refuses an integer past 64 bits (OverflowError, a 500 for a visitor
        typing a long number in the address), and such a version is simply not there."""
        if not 0 < int(version) <= MAX_VERSION:
            return None
        found = self._rows("versions", "plan_key = ? AND version = ?", (key, int(version)))
        return found[0] if found else None

    def version_in_force(self, key: str, at: datetime | date | None = None) -> PlanDocument | None:
        """The adopted version in force at `at` (default: now). Never draft content.

        A version is in force from the meeting date of the approval that
        completed its adoption until the next adopted version takes over: one
        adopted at a meeting still to come is not in force before that day.
        """
        if at is None:
            day = oslo_today()
        elif isinstance(at, datetime):
            day = at.astimezone(OSLO).date() if at.tzinfo else at.date()
        else:
            day = at
        row = self._in_force_row(key, day)
        return document_from_dict(row["document"]) if row else None

    def _in_force_row(self, key: str, day: date) -> dict[str, Any] | None:
        """The versions row in force on `day`, its document decoded.

        Chosen from the versions' dates first, so only that one document is
        read: a plan adopted ten times has ten documents of a megabyte each.
        """
        newest = _in_force_on(self._version_dates(key), day)
        if newest is None:
            return None
        found = self._rows("versions", "plan_key = ? AND version = ?", (key, newest["version"]))
        return found[0] if found else None

    def _version_dates(self, key: str) -> list[dict[str, Any]]:
        """Each adopted version's number and the day it came in force (no document read)."""
        return self._fetch(
            "SELECT version, in_force_from FROM {versions} WHERE plan_key = ?", (key,)
        )

    def public_plans(self) -> list[dict[str, Any]]:
        """Each plan's version in force, described by that version only (no measures decoded)."""
        described = []
        today = oslo_today()
        for summary in self.plans():
            if summary.adopted_version is None:
                continue
            row = self._in_force_row(summary.key, today)
            if row is not None:
                document = row["document"]
                summary_of = {name: document.get(name) for name in PUBLIC_SUMMARY}
                described.append({**summary_of, "in_force_from": row["in_force_from"]})
        return described

    def diff_versions(self, key: str, a: int, b: int) -> VersionDiff:
        """What changed from adopted version `a` to `b`, the bodies named as people read them:
        a version keeps them as stored (names as typed, or the register's ids), so the same
        body kept in two ways showed as a change, and an id as the body's name."""
        first, second = self.adopted_version(key, a), self.adopted_version(key, b)
        if first is None or second is None:
            missing = a if first is None else b
            raise ValidationError(
                _("Versjon %(version)s av %(key)s er ikke vedtatt.", version=missing, key=key)
            )
        return self._named_diff(key, a, b, first, second)

    def _named_diff(
        self, key: str, a: int, b: int, first: PlanDocument, second: PlanDocument
    ) -> VersionDiff:
        """`first` (version `a`) against `second` (`b`), the bodies named as people read them."""
        register = self.plan_register(key)
        return diff_documents(
            key, a, b, with_body_names(first, register), with_body_names(second, register)
        )

    # --- hearings ------------------------------------------------------------------------

    def hearings(self, key: str) -> list[HearingDoc]:
        """Every hearing of the plan, oldest first."""
        rows = sorted(self._rows("hearings", "plan_key = ?", (key,)), key=lambda r: r["version"])
        return [_hearing_doc(key, row) for row in rows]

    def hearing(self, key: str, version: int | None = None) -> HearingDoc | None:
        """The hearing of a version (default: the newest), or None."""
        found = self.hearings(key)
        if version is not None:
            found = [h for h in found if h.version == version]
        return found[-1] if found else None

    def working_diff(self, key: str) -> VersionDiff | None:
        """What the working version (the one sent for approval, while it is) changes from the
        version adopted last: what an approver approves. None before the first adoption."""
        adopted = [int(row["version"]) for row in self._version_dates(key)]
        working = self.current_plan(key)
        if not adopted or working is None:
            return None
        last = max(adopted)
        first = self.adopted_version(key, last)
        if first is None:
            return None
        return self._named_diff(key, last, int(working.version), first, working)

    def hearing_diff(self, key: str, version: int) -> VersionDiff:
        """The draft sent on hearing against the version adopted after it (or today's draft)."""
        if not 0 < int(version) <= MAX_VERSION:
            raise ValidationError(
                _(
                    "Versjon %(version)s av %(key)s har ikke vært på høring.",
                    version=version,
                    key=key,
                )
            )
        rows = self._rows("hearings", "plan_key = ? AND version = ?", (key, int(version)))
        if not rows:
            raise ValidationError(
                _(
                    "Versjon %(version)s av %(key)s har ikke vært på høring.",
                    version=version,
                    key=key,
                )
            )
        adopted = [v.version for v in self.adopted_versions(key) if v.version >= int(version)]
        result = self.adopted_version(key, min(adopted)) if adopted else self.current_plan(key)
        if result is None:
            raise ValidationError(_("Fant ikke planen %(key)s.", key=key))
        register = self.plan_register(key)
        draft = with_body_names(document_from_dict(rows[0]["draft"]), register)
        against = "adopted" if adopted else "current"
        return diff_hearing(
            _hearing_doc(key, rows[0]), draft, with_body_names(result, register), against
        )

    # --- the plan as of a moment ---------------------------------------------------------

    def plan_as_of(self, key: str, when: datetime | date) -> PlanDocument | None:
        """Replay the plan's own events up to `when` through the same handlers."""
        limit = moment(when, end_of_day=not isinstance(when, datetime))
        rows = MemoryRows()
        seen = False
        for event in self._known_events_of(plan_id(key)):
            if event.timestamp > limit:
                break
            project(rows, event, 0)
            seen = True
        if not seen:
            return None
        return document_from_rows(
            rows.get("plans", (key,)) or {},
            rows.all("areas"),
            rows.all("goals"),
            rows.all("measures"),
            kind="as_of",
            as_of=timestamp_text(limit),
        )

    def _known_events_of(self, aggregate: UUID) -> Iterator[Any]:
        """An aggregate's events, oldest first, but those of a type this Planlogg does not
        know (a later Planlogg's), which the catch-up passes by too (`_item`): read a page at
        a time, as `Planlogg.events_of` reads them."""
        after = 0
        while stored := self.app.recorder.select_events(aggregate, gt=after, limit=EVENT_PAGE):
            for record in stored:
                with contextlib.suppress(TopicError):
                    yield self.app.mapper.to_domain_event(record)
            if len(stored) < EVENT_PAGE:
                return
            after = stored[-1].originator_version

    # --- dashboard -----------------------------------------------------------------------

    def dashboard(self, key: str, today: date | None = None) -> Dashboard:
        return build_dashboard(
            key,
            today or oslo_today(),
            self._areas_reported_on(key),
            self._rows("measures", "plan_key = ?", (key,)),
            self._rows("rounds", "plan_key = ?", (key,)),
            TOPICS_6_2,
            {g.value: label for g, label in PATIENT_GROUP_LABELS.items()},
            self.plan_register(key),
            self._rows("round_reports", "plan_key = ?", (key,)),
        )

    def closed_round(self, key: str, round_id: str) -> ClosedRound | None:
        """Round `round_id` of plan `key` once closed, as it ended (`Dashboard.closed_round`);
        None while it is open, or when the plan has no such round."""
        found = self._rows("rounds", "plan_key = ? AND round_id = ?", (key, round_id))
        if not found or not found[0]["closed"]:
            return None
        measures = self._rows("measures", "plan_key = ?", (key,))
        reports = self._rows("round_reports", "plan_key = ? AND round_id = ?", (key, round_id))
        return ended_round(found[0], measures, reports, self.plan_register(key))

    def _areas_reported_on(self, key: str) -> list[dict[str, Any]]:
        """The areas whose measures bodies report on, as rows (number, title, removed): the
        adopted version's, once there is one, as its measures are counted (a draft's new
        title or new area is not yet in force); before that, the draft's."""
        plans = self._rows("plans", "plan_key = ?", (key,))
        adopted = plans[0]["header"].adopted_version if plans else None
        found = self._version_row(key, adopted) if adopted is not None else None
        if found is None:
            return self._rows("areas", "plan_key = ?", (key,))
        return [
            {"number": area["number"], "title": area["title"], "removed": 0}
            for area in found["document"]["areas"]
        ]

    # --- decisions ---------------------------------------------------------------------

    def decisions(
        self, plan: str | None = None, *, community: str | None = None
    ) -> list[DecisionDoc]:
        """Registered decisions (of a plan: made for it or cited by its changes; of a
        `community`: every one it registered, for any of its plans or for none), by date,
        each with the changes that cite it."""
        if plan:
            found = self._plan_decision_rows(plan)
        elif community is not None:
            found = self._rows("decisions", "community = ?", (community,))
        else:
            found = self._rows("decisions", "1=1", ())
        found.sort(key=lambda r: (r["meeting_date"], r["case_ref"]))
        owners = self._plan_owners()
        return [self._decision(r, owners) for r in found]

    def community_decisions(self, community: str) -> list[DecisionDoc]:
        """The decisions community `community` has registered, newest meeting first, without
        the changes citing them: what a change of one of its plans may cite."""
        found = self._rows("decisions", "community = ?", (community,))
        found.sort(key=lambda r: (r["meeting_date"], r["case_ref"]), reverse=True)
        return [self._decision(r, cited=False) for r in found]

    def find_decision(self, reference: str, community: str | None = None) -> DecisionDoc | None:
        """The registered decision a cited reference names ("SSU sak 11/24"), or None.

        `community`: whose decision (a plan's owner: two communities each have an «SSU sak
        11/24», and the other's is not this one's); None: any community's. The body is
        compared as the community's register knows it: its short name, full name or alias,
        in any letter case, and with its letters composed or not, name the one decision.
        """
        cited = parse_case(case_reference(reference))
        where = "LOWER(case_ref) LIKE ?"
        params: tuple[str, ...] = (f"% {CaseNumber(cited.number, cited.year)}",)
        if community is not None:
            where, params = f"community = ? AND {where}", (community, *params)
        register = self.body_register(community) if community else BodyRegister()
        wanted = register.identity(cited.body)
        found = [
            row
            for row in self._rows("decisions", where, params)
            if register.identity(row["body"]) == wanted
        ]
        return self._decision(found[0]) if found else None

    def meeting_days(
        self, references: Iterable[str], community: str | None = None
    ) -> dict[str, str]:
        """The meeting day (ISO) of each registered decision among `references` (as recorded,
        "ASU sak 40/24"), by the reference in lower case: one read, for the sheet's Vedtak
        tab, which dates a decision by its meeting rather than by the change citing it.

        `community`: whose decisions (a plan's owner: two communities each have an «ASU sak
        40/24», met on different days, and the plan cites its own); None: any community's.
        """
        wanted = sorted({reference.lower() for reference in references})
        if not wanted:
            return {}
        marks = ", ".join("?" for _ in wanted)
        where, params = f"LOWER(case_ref) IN ({marks})", tuple(wanted)
        if community is not None:
            where, params = f"community = ? AND {where}", (community, *params)
        found = self._fetch(
            f"SELECT case_ref, meeting_date FROM {{decisions}} WHERE {where}", params
        )
        return {
            row["case_ref"].lower(): row["meeting_date"] for row in found if row["meeting_date"]
        }

    def registered_decision(self, reference: str, community: str | None = None) -> str:
        """The recorded form of a cited decision; refused when it is not registered.

        A change may cite only a decision the secretariat has registered, so
        every cited case number leads an auditor to the decision itself; a change of a
        plan, only one its community registered (`community`, the plan's owner: None only
        where no community is concerned), which the plan's decisions list.
        """
        self.read_your_writes()
        found = self.find_decision(reference, community)
        if found is None:
            raise UnregisteredDecisionError(
                _(
                    "Vedtaket «%(reference)s» er ikke registrert. Se om saksnummeret er skrevet "
                    "riktig, eller be sekretariatet registrere vedtaket først.",
                    reference=reference.strip(),
                ),
                reference.strip(),
                case_reference(reference),
            )
        return found.case

    def _plan_owners(self) -> dict[str, str]:
        """Each plan's key and the key of the community that owns it."""
        return {plan["plan_key"]: plan["header"].owner for plan in self._rows("plans", "1=1", ())}

    def _decision(
        self, row: Row, owners: Mapping[str, str] | None = None, *, cited: bool = True
    ) -> DecisionDoc:
        """A registered decision with the changes citing it (when `cited`): those of its
        community's plans (`owners`: `_plan_owners`, read once for a list) and of no plan (a
        community's own). Two communities each have an «ASU sak 12/22», so a change of the
        other's plan citing its own is not among this one's."""
        changes: list[Row] = []
        if cited:
            owners = self._plan_owners() if owners is None else owners
            owned = [key for key, owner in owners.items() if owner == row["community"]]
            marks = ", ".join("?" for _ in owned) or "''"
            changes = self._fetch(
                "SELECT * FROM {audit} WHERE LOWER(decision) = LOWER(?) AND event_type NOT IN "
                f"('DecisionRecorded', 'DecisionCorrected') AND (plan_key = '' OR plan_key IN "
                f"({marks})) ORDER BY position, seq",
                (row["case_ref"], *owned),
            )
        return DecisionDoc(
            community=row["community"],
            case=row["case_ref"],
            body=row["body"],
            meeting_date=row["meeting_date"],
            text=row["text"],
            plan=row["plan_key"],
            changes=tuple(_audit_row(r) for r in changes),
        )

    # --- bodies ------------------------------------------------------------------------

    def body_register(self, community: str) -> BodyRegister:
        """A community's bodies as projected; empty for a key that is no community."""
        found = self._rows("communities", "community_key = ?", (community,))
        if not found:
            return BodyRegister()
        return BodyRegister.of(body_from_json(b) for b in found[0]["bodies"])

    def round_state(self, key: str, round_id: str) -> RoundState | None:
        """A reporting round of plan `key` as projected: its schedule and every reminder with
        its outcome's note (what the mail server answered), which the dashboard leaves out."""
        found = self._rows("rounds", "plan_key = ? AND round_id = ?", (key, round_id))
        if not found:
            return None
        state: RoundState = found[0]["state"]
        return state

    def plan_register(self, key: str) -> BodyRegister:
        """The bodies of the community that owns a plan."""
        owner = self._plan_owner(key)
        return self.body_register(owner) if owner else BodyRegister()

    def _plan_owner(self, key: str) -> str:
        """The key of the community that owns plan `key`; "" for a key that is no plan."""
        plan = self._rows("plans", "plan_key = ?", (key,))
        return str(plan[0]["header"].owner) if plan else ""

    def communities(self) -> list[tuple[str, str]]:
        """Every community's key and name, by key."""
        rows = self._fetch("SELECT community_key, name FROM {communities} ORDER BY community_key")
        return [(r["community_key"], r["name"]) for r in rows]

    # --- people ------------------------------------------------------------------------

    def people(self) -> list[ListedPerson]:
        """Everyone who has been added, in the order they were added, as one query: loading
        each person took the administrators' list a second for 3,000 people."""
        return [
            ListedPerson(
                id=row["person_id"],
                issuer=row["issuer"],
                subject=row["subject"],
                email=row["email"],
                name=row["name"],
                roles=tuple(row["roles"]),
                bodies=tuple(row["bodies"]),
                communities=tuple(row["communities"]),
                language=row["language"],
                version=row["version"],
            )
            for row in (
                self.views.decode(TABLES["people"], found)
                for found in self._fetch("SELECT * FROM {people} ORDER BY added")
            )
        ]

    def people_named_by(self, reference: str) -> list[UUID]:
        """The people `reference` may name, in the order they were added: those whose subject
        it is, or whose e-mail address it is in any case (`Person.is_named_by` decides among
        them, as `Planlogg.find_person` does). One query by the register's indexes: loading
        every person took each `planlogg person grant` a second for 10,000 people."""
        key = reference.casefold()
        where = "subject = ? OR email_key = ?" if key else "subject = ?"
        params = (reference, key) if key else (reference,)
        rows = self._fetch(f"SELECT person_id FROM {{people}} WHERE {where} ORDER BY added", params)
        return [UUID(row["person_id"]) for row in rows]

    def people_at(self, addresses: Iterable[str]) -> list[UUID]:
        """The people whose e-mail address is one of `addresses` in any case, in the order they
        were added (a reminder run's readers, whose chosen målform its mails speak). Asked
        `PEOPLE_AT_ONCE` addresses at a time, within every database's limit of parameters."""
        keys = sorted({address.casefold() for address in addresses} - {""})
        found: list[tuple[int, str]] = []
        for start in range(0, len(keys), PEOPLE_AT_ONCE):
            chunk = tuple(keys[start : start + PEOPLE_AT_ONCE])
            marks = ", ".join("?" for _ in chunk)
            found += (
                (row["added"], row["person_id"])
                for row in self._fetch(
                    f"SELECT person_id, added FROM {{people}} WHERE email_key IN ({marks})", chunk
                )
            )
        return [UUID(person) for _added, person in sorted(found)]

    # --- documents for committees --------------------------------------------------------

    def annual_report(self, key: str, year: int, made_on: date) -> Report:
        """The year's report on a plan (see `projections.annual_report`), on the plan
        `_report_basis` chooses."""
        plan = self.current_plan(key)
        if plan is None:
            raise NotFoundError(no_such_plan(key))
        check_year(year)
        basis = _report_basis(year, made_on, self._version_dates(key), self._periods(key))
        version = self._version_row(key, basis.in_force) if basis.in_force else None
        return build_annual_report(
            ReportInputs(
                year=year,
                made_on=made_on,
                plan=plan,
                in_force=document_from_dict(version["document"]) if version else None,
                in_force_from=date.fromisoformat(version["in_force_from"][:10])
                if version
                else None,
                replaced_on=self._replaced_on(key, version, made_on) if version else None,
                stood=self._as_it_stood(key, basis),
                community=self._community_name(plan.owner),
                history=status_history(self._known_events_of(plan_id(key))),
                rounds=self._rows("rounds", "plan_key = ?", (key,)),
                decisions=self._plan_decision_rows(key),
                approvals=self._rows("approvals", "plan_key = ?", (key,)),
                head=self.chain_head(),
                register=self.plan_register(key),
                measures_now={
                    row["measure_id"]: measure_state(row)
                    for row in self._rows("measures", "plan_key = ?", (key,))
                },
                asked_in=self._asked_in(key, year),
            )
        )

    def report_years(self, key: str, made_on: date) -> list[int]:
        """The years an annual report on plan `key` can be made for on `made_on`, newest first
        (`projections.annual_report.report_years`): each year by the period of the plan its
        report is on (`_report_basis`), as `annual_report` refuses the others. Only the
        documents of the versions reports are on are read, each once."""
        found = self._rows("plans", "plan_key = ?", (key,))
        if not found:
            return []
        header: PlanHeader = found[0]["header"]
        dates, periods = self._version_dates(key), self._periods(key)
        versions: dict[int, tuple[int, int]] = {}

        def period_of(version: int) -> tuple[int, int]:
            if version not in versions:
                row = self._version_row(key, version)
                document = row["document"] if row else {}
                versions[version] = (
                    int(document.get("first_year", header.first_year)),
                    int(document.get("last_year", header.last_year)),
                )
            return versions[version]

        years = set(header.years).union(*(range(first, last + 1) for _at, first, last in periods))
        reported_on: dict[int, tuple[int, int]] = {}
        for year in (y for y in years if y <= made_on.year):
            basis = _report_basis(year, made_on, dates, periods)
            if basis.version is not None:
                reported_on[year] = period_of(basis.version)
            elif basis.stood_at is not None:
                reported_on[year] = _period_at(periods, basis.stood_at)
            else:
                reported_on[year] = (header.first_year, header.last_year)
        return reportable_years(reported_on, made_on)

    def _periods(self, key: str) -> list[tuple[str, int, int]]:
        """Each period plan `key` has had, oldest first: when it was set (as its event is
        stamped, as `plan_as_of` reads the events) and its first and last year. Read from the
        change log, without replaying the plan. A version's period is among them: the one the
        plan had when it was adopted."""
        rows = self._fetch(
            "SELECT occurred_at, after_value FROM {audit}"
            " WHERE plan_key = ? AND field = 'period' AND measure_id = ''"
            " ORDER BY position, seq",
            (key,),
        )
        periods = []
        for row in rows:
            first, last = str(row["after_value"]).split("–")
            periods.append((str(row["occurred_at"]), int(first), int(last)))
        return periods

    def _as_it_stood(self, key: str, basis: _ReportBasis) -> PlanDocument | None:
        """The plan as it stood at the end of a year no version was in force at the end of
        (`_ReportBasis.stood_at`), or the first version to come in force (for a plan entered
        after the year)."""
        if basis.stood_at is not None:
            return self.plan_as_of(key, basis.stood_at)
        if basis.first_version is not None:
            row = self._version_row(key, basis.first_version)
            return document_from_dict(row["document"]) if row else None
        return None

    def _asked_in(self, key: str, year: int) -> dict[str, PlanDocument]:
        """By round id, for the rounds with a deadline in `year`, the version in force at the
        deadline (each version's document read once)."""
        documents: dict[int, PlanDocument] = {}
        asked: dict[str, PlanDocument] = {}
        for r in self._rows("rounds", "plan_key = ?", (key,)):
            deadline = date.fromisoformat(str(r["deadline"])[:10])
            if deadline.year != year:
                continue
            row = self._in_force_row(key, deadline)
            if row is not None:
                version = int(row["version"])
                if version not in documents:
                    documents[version] = document_from_dict(row["document"])
                asked[r["round_id"]] = documents[version]
        return asked

    def _plan_decision_rows(self, key: str) -> list[dict[str, Any]]:
        """The decision rows of plan `key`: made for the plan, or cited by its changes.

        A decision registered for the community only (no `--plan`) and cited by the approval
        is the plan's decision too; read by `plan_key` alone, the committee documents said
        its text was not registered while `planlogg decision list PLAN` showed it. A cited one
        is the plan's community's own: two communities each have an «ASU sak 01/25», and the
        other's text stood in this plan's documents."""
        return self._rows(
            "decisions",
            "plan_key = ? OR (community = ? AND LOWER(case_ref) IN "
            "(SELECT DISTINCT LOWER(decision) FROM {audit} WHERE plan_key = ?))",
            (key, self._plan_owner(key), key),
        )

    def adopted_plan_report(self, key: str, version: int | None, made_on: date) -> Report:
        """An adopted version (default: the one in force) as a document for committees."""
        if version is None:
            row = self._in_force_row(key, made_on)
        else:
            row = self._version_row(key, version)
        if row is None:
            raise NotFoundError(
                _("Fant ikke versjon %(version)s av planen %(key)s.", version=version, key=key)
                if version is not None
                else _("Fant ingen gjeldende versjon av planen %(key)s.", key=key)
            )
        document = document_from_dict(row["document"])
        return build_adopted_plan(
            document,
            date.fromisoformat(row["in_force_from"][:10]),
            self._community_name(document.owner),
            self._plan_decision_rows(key),
            self.chain_head(),
            made_on,
            register=self.plan_register(key),
            replaced_on=self._replaced_on(key, row, made_on),
        )

    def _replaced_on(self, key: str, row: dict[str, Any], made_on: date) -> date | None:
        """The day a later version took over from the version in `row`, if one has by
        `made_on` (later as `_in_force_row` orders them: by the day in force, then number)."""
        this = _in_force_order(row)
        later = [
            r["in_force_from"][:10]
            for r in self._version_dates(key)
            if _in_force_order(r) > this and r["in_force_from"][:10] <= made_on.isoformat()
        ]
        return date.fromisoformat(min(later)) if later else None

    def _community_name(self, community_key: str) -> str:
        found = self._rows("communities", "community_key = ?", (community_key,))
        return str(found[0]["name"]) if found else community_key

    # --- tamper evidence -----------------------------------------------------------------

    def chain_head(self) -> ChainHead:
        return self.stored_head() or ChainHead(position=0, hash=GENESIS, recorded_at=None)

    def chain_link_for(self, aggregate_id: UUID) -> ChainHead | None:
        """The chain link at an aggregate's newest event, to publish beside that aggregate.

        Unlike the global head it moves only when that aggregate changes, so the
        sheet's Oversikt tab can show it without being rewritten after every sync.
        """
        found = self._rows(
            "chain",
            "originator_id = ? ORDER BY position DESC LIMIT 1",
            (str(aggregate_id),),
        )
        if not found:
            return None
        return ChainHead(
            position=found[0]["position"],
            hash=found[0]["link_hash"],
            recorded_at=found[0]["recorded_at"],
        )

    def stored_head(self) -> ChainHead | None:
        """The newest link the chain holds, as stored (None before the first event)."""
        found = self._rows("chain_head")
        if not found:
            return None
        return ChainHead(
            position=found[0]["position"],
            hash=found[0]["link_hash"],
            recorded_at=found[0]["recorded_at"],
        )

    def check_chain(
        self, expected_head: str | None = None, expected_position: int | None = None
    ) -> ChainReport:
        """Chain whatever events are new, then verify the whole chain.

        What an auditor asks for: without the catch-up, events recorded since the
        last one would only be counted as unchained. A catch-up that meets a broken
        chain stops; the verification then names the first bad position.
        """
        with contextlib.suppress(ChainBrokenError):
            self.read_your_writes()
        return self.verify_chain(expected_head, expected_position)

    def verify_chain(
        self, expected_head: str | None = None, expected_position: int | None = None
    ) -> ChainReport:
        """Recompute the chain from the stored events; never changes anything."""
        head = self.stored_head()
        return verify(
            self.stored_records(),
            self.chain_links(head.position if head else 0),
            head,
            expected_head,
            expected_position,
        )

    def stored_records(self) -> Iterator[StoredRecord]:
        """Every stored event as the chain hashes it, in order."""
        position = 0
        while batch := self._stored_after(position, 1000):
            for stored in batch:
                yield StoredRecord(*stored)
            position = batch[-1][0]

    def chain_links(self, up_to: int) -> Iterator[ChainLink]:
        """The chain's links up to position `up_to`, in order."""
        position = 0
        while True:
            batch = self._rows(
                "chain",
                "position > ? AND position <= ? ORDER BY position LIMIT 1000",
                (position, up_to),
            )
            if not batch:
                return
            for row in batch:
                yield ChainLink(**{k: row[k] for k in ChainLink.__dataclass_fields__})
            position = batch[-1]["position"]


def _in_force_order(row: dict[str, Any]) -> tuple[str, int]:
    """Which of two versions is in force when both have come in force: the later day, then
    the higher number."""
    return row["in_force_from"], int(row["version"])


def _spellings(typed: str, register: BodyRegister) -> set[str]:
    """Every way the trail may hold a citation of the case `typed` (as `case_reference`
    writes it), in lower case: written with each name `register` knows its body by (name,
    short name, aliases, and those of bodies merged into it), as a change cites a decision
    by the name its body was given by or had then; and as typed."""
    case = parse_case(typed)
    wanted = register.identity(case.body)
    return {typed.lower()} | {
        str(CaseNumber(case.number, case.year, name)).lower()
        for body in register.bodies.values()
        if register.identity(body.id) == wanted
        for name in body.names
    }


def _marks(values: Sequence[object]) -> str:
    """One placeholder per value, for an IN list."""
    return ", ".join("?" for _ in values)


def _in_force_on(dates: Iterable[dict[str, Any]], day: date) -> dict[str, Any] | None:
    """Of the versions' dates (`_version_dates`), those of the version in force on `day`."""
    come = [r for r in dates if r["in_force_from"][:10] <= day.isoformat()]
    return max(come, key=_in_force_order) if come else None


class _ReportBasis(NamedTuple):
    """The plan the annual report on a year is on (`_report_basis`); none of these: the
    working version as it stands."""

    in_force: int | None = None
    """The version in force at the year's end (in the current year, on the day it is made)."""
    stood_at: datetime | None = None
    """Else, in a year that has ended, its last moment: the plan as it stood then."""
    first_version: int | None = None
    """Else, for a plan Planlogg did not have at the year's end: the first version to come
    in force."""

    @property
    def version(self) -> int | None:
        """The adopted version the report is on, if it is on one."""
        return self.in_force or self.first_version


def _report_basis(
    year: int,
    made_on: date,
    dates: Sequence[dict[str, Any]],
    periods: Sequence[tuple[str, int, int]],
) -> _ReportBasis:
    """Which plan the report on `year` made on `made_on` is on, from the versions' dates
    (`ReadModels._version_dates`) and the plan's periods (`ReadModels._periods`).

    The version in force at the year's end (on `made_on`, in the current year). Without
    one: in the current year the working version as it stands (the year has not ended, and
    the plan of the year so far is the plan now); in a year that has ended the plan as it
    stood at its end, never a draft made since; for a plan Planlogg did not have then (its
    year entered afterwards), the first version to come in force, else the working
    version."""
    last_day = date(year, 12, 31)
    in_force = _in_force_on(dates, min(last_day, made_on))
    if in_force is not None:
        return _ReportBasis(in_force=int(in_force["version"]))
    if made_on <= last_day:
        return _ReportBasis()
    stood_at = moment(last_day, end_of_day=True)
    if periods and periods[0][0] <= timestamp_text(stood_at):
        return _ReportBasis(stood_at=stood_at)
    if dates:
        return _ReportBasis(first_version=int(min(dates, key=_in_force_order)["version"]))
    return _ReportBasis()


def _period_at(periods: Sequence[tuple[str, int, int]], at: datetime) -> tuple[int, int]:
    """The first and last year of the period the plan had at `at` (it had one by then)."""
    when = timestamp_text(at)
    _at, first, last = [p for p in periods if p[0] <= when][-1]
    return first, last


def _cursor(text: str) -> tuple[int, int]:
    """The position and seq a history page's `next` names ("1234.2")."""
    if re.fullmatch(HISTORY_CURSOR, text.strip(), re.ASCII) is None:
        raise ValidationError(
            _("Ugyldig sidemerke %(cursor)s: bruk sidemerket fra forrige side.", cursor=repr(text))
        )
    position, seq = text.strip().split(".")
    return int(position), int(seq)


def _one_of(measures: list[tuple[str, str]], by_plan: bool) -> tuple[str, list[str]]:
    """The history filter's clause for rows of `measures` (plan, ID), and its parameters;
    `by_plan` when the filter names no plan (an ID is one plan's own)."""
    if not measures:
        return "1=0", []
    if by_plan:
        pairs = " OR ".join("(plan_key = ? AND measure_id = ?)" for _ in measures)
        return f"({pairs})", [value for pair in measures for value in pair]
    marks = ", ".join("?" for _ in measures)
    return f"measure_id IN ({marks})", [measure_id for _, measure_id in measures]


def _number(ref: str) -> str:
    try:
        return parse_measure_number(ref).number
    except ValidationError:
        return ref.strip()


def _audit_row(row: dict[str, Any]) -> AuditRow:
    return AuditRow(
        position=int(row["position"]),
        event_id=row["event_id"],
        occurred_at=row["occurred_at"],
        actor=row["actor"],
        source=row["source"],
        plan=row["plan_key"] or "",
        area=row["area"] or "",
        goal=row["goal"] or "",
        measure_id=row["measure_id"] or "",
        measure_number=row["measure_number"] or "",
        field=row["field"],
        before=row["before_value"] or "",
        after=row["after_value"] or "",
        reason=row["reason"] or "",
        decision=row["decision"] or "",
        event_type=row["event_type"],
    )


def _hearing_doc(key: str, row: dict[str, Any]) -> HearingDoc:
    state: HearingState = row["state"]
    return HearingDoc(
        plan=key,
        version=state.version,
        deadline=state.deadline.isoformat(),
        sent_on=state.sent_on.isoformat() if state.sent_on is not None else None,
        sent_at=row["sent_at"],
        sent_by=state.sent_by,
        decision=state.decision,
        asked=state.asked,
        responses=tuple(to_json(r) for r in state.responses),
        unanswered=len(state.unanswered),
        original_deadline=state.sent_deadline.isoformat(),
    )


def _views_for(app: Planlogg, version: int) -> SqlViews:
    recorder = app.recorder
    views: SqlViews
    if isinstance(recorder, SQLiteApplicationRecorder):
        views = SQLiteViews(recorder.datastore, recorder.events_table_name, version)
    elif isinstance(recorder, PostgresApplicationRecorder):
        views = PostgresViews(
            recorder.datastore, events_table=recorder.events_table_name, version=version
        )
    else:
        memory = SQLiteDatastore(f"file:planlogg-views-{uuid4().hex}?mode=memory&cache=shared")
        views = SQLiteViews(memory, events_table=None, version=version)
    views.create_table()
    return views


def _iso_in_oslo(moment: str) -> str:
    """A stored time as ISO 8601 in Norwegian time, with its offset (and any fraction)."""
    return in_oslo(moment).isoformat()


def _excel_time(moment: str) -> str:
    """A stored time in Norwegian time as Excel reads a date and time, to the second."""
    return in_oslo(moment).strftime("%Y-%m-%d %H:%M:%S")

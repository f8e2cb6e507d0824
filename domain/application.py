"""The application service: every command Planlogg accepts, in one place.

The web, the sheet sync and the command line all call these methods with
plain values and a `Provenance`. Each plan command loads the plan, runs the
aggregate's rule-checked method and saves; when another writer saved first,
the command is re-run on the fresh plan (its rules are checked again), so a
concurrent edit is either merged or refused, never overwritten.
"""

from __future__ import annotations

import contextlib
import copy
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import (
    AggregateNotFoundError,
    Application,
    ProcessingEvent,
    project_aggregate,
)
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import (
    ApplicationRecorder,
    EventStore,
    IntegrityError,
    JSONTranscoder,
    Mapper,
    RecordConflictError,
    Transcoding,
)

from domain.body_register import (
    BodyContacts,
    BodyRegister,
    Merged,
    Unresolved,
    merged,
    name_key,
)
from domain.community import (
    ContactsChangedError,
    HealthCommunity,
    checked_keys,
    checked_registration,
    community_id,
)
from domain.dates import format_norwegian_date
from domain.decision import CaseNumber, Decision, decision_ids, parse_case
from domain.errors import ConcurrentEditError, NotFoundError, RefusedAt, ValidationError
from domain.hearing import HearingResponse, HearingState
from domain.measure import MeasureState
from domain.measure_form import apply_form
from domain.measure_sheet import (
    RESPONSIBLE,
    bodies_of,
    parse_bodies,
    render_bodies,
    show_bodies,
)
from domain.norwegian_time import format_oslo_date, oslo_today
from domain.numbering import is_measure_number, parse_measure_number
from domain.people import (
    PEOPLE_INDEX_ID,
    PeopleIndex,
    Person,
    Role,
    check_registered_bodies,
    cleaned_details,
    parse_role,
    person_id,
)
from domain.persistence import persistence_env, schema_lock
from domain.plan import ChangedSinceReadError, Plan, StatusEntry, no_such_plan, plan_id
from domain.plan_state import Approval, AreaState, GoalState, PlanHeader, RoundState
from domain.plan_table import PlanTable
from domain.provenance import Provenance, ProvenanceAsDict
from domain.reminders import DEFAULT_SCHEDULE
from domain.state_json import StateAsJSON
from domain.text import StorableMapper, excerpt
from domain.vocabulary import (
    BodyKind,
    Colour,
    EvaluationResult,
    PatientGroup,
    Recommendation,
    parse_colour,
    parse_evaluation_result,
    parse_patient_group,
    parse_recommendation,
)
from language import DEFAULT, Målform, _

T = TypeVar("T")

SAVE_ATTEMPTS = 10
EVENT_PAGE = 1_000
"""Events read per query when walking an aggregate's history (`Planlogg.events_of`)."""
RETRY_PAUSE = 0.005
"""Seconds before the first re-run after a concurrent save; doubles each time, with jitter."""


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


STATE_TYPES = (
    (PlanHeader, "plan_header"),
    (AreaState, "area_state"),
    (GoalState, "goal_state"),
    (MeasureState, "measure_state"),
    (RoundState, "round_state"),
    (HearingState, "hearing_state"),
)
"""The typed parts of a plan's state, as they are stored in its snapshots."""


@contextmanager
def _on_line(line: int) -> Iterator[None]:
    """A refusal while importing names the line of the file it came from."""
    try:
        yield
    except ValidationError as error:
        raise ValidationError(
            _("Linje %(line)s: %(reason)s", line=line, reason=error.message)
        ) from None


def _case_of(register: BodyRegister, case: str, body: str) -> CaseNumber:
    """The case number `case` names; refused when it is a case of another body than `body`.

    "ASU sak 12/25" given for PSU is a wrong body or a wrong case: keeping either
    would tie the decision or approval to the wrong committee's papers.
    """
    parsed = parse_case(case)
    named_other = register.identity(parsed.body) != register.identity(body)
    if parsed.body and body.strip() and named_other:
        raise RefusedAt(
            _(
                "Saksnummeret «%(case)s» er en sak i %(named)s, "
                "men organet er oppgitt som %(body)s. Velg %(named)s som organ, eller skriv "
                "saksnummeret fra møtet i %(body)s.",
                case=excerpt(case),
                named=excerpt(parsed.body),
                body=excerpt(body),
            ),
            "case",
        )
    return parsed


def _check_meeting_of(decision: Decision, meeting_date: date) -> None:
    """An approval citing a registered decision is of that decision's meeting: another day
    is a case number from another meeting (an earlier version's approval, say, «ASU sak
    12/22» again three years on) or a mistyped day, and either would put on record that
    one case decided twice."""
    if decision.meeting_date != meeting_date:
        raise RefusedAt(
            _(
                "%(case)s ble vedtatt i møtet %(recorded)s, ikke %(given)s. Skriv saksnummeret "
                "fra møtet %(given)s, eller rett møtedatoen.",
                case=decision.case,
                recorded=format_norwegian_date(decision.meeting_date),
                given=format_norwegian_date(meeting_date),
            ),
            "case",
        )


class Planlogg(Application[UUID]):
    """Action plans, decisions and approvals of the health communities."""

    name = "Planlogg"
    snapshotting_intervals = {Plan: 100}  # noqa: RUF012 (the library's own class attribute)
    env = {"AGGREGATE_CACHE_MAXSIZE": "256"}  # noqa: RUF012 (the library's own class attribute)
    """Loaded aggregates are kept and fast-forwarded with new events, not rebuilt each time."""

    @classmethod
    def from_url(cls, url: str, **extra_env: str) -> Planlogg:
        return cls(env={**persistence_env(url), **extra_env})

    def construct_mapper(self) -> Mapper[UUID]:
        """Every event passes the one text rule before it is stored (`domain.text`)."""
        return self.factory.mapper(
            transcoder=self.construct_transcoder(), mapper_class=StorableMapper
        )

    def construct_recorder(self) -> ApplicationRecorder:
        """Create the tables one process at a time (see `schema_lock`)."""
        with schema_lock(getattr(self.factory, "datastore", None)):
            return super().construct_recorder()

    def construct_snapshot_store(self) -> EventStore[UUID]:
        """The snapshots table too: two processes creating it at once collide on its type."""
        with schema_lock(getattr(self.factory, "datastore", None)):
            return super().construct_snapshot_store()

    def _take_snapshots(self, processing_event: ProcessingEvent[UUID]) -> None:
        """At most one snapshot per aggregate and save, of the state just saved, in memory.

        The library takes one snapshot per multiple of the interval an event
        reaches, each by loading the aggregate again at that version: a sheet
        cycle of a thousand commands on a large plan reloaded and encoded the
        whole plan ten times. The saved aggregate already holds exactly the
        state its recorded events give, so it is snapshotted as it is, once,
        whenever the save reached a multiple of the interval.
        """
        if self.snapshots is None:
            return
        reached = {
            event.originator_id
            for event in processing_event.events
            if (aggregate := processing_event.aggregates.get(event.originator_id)) is not None
            and (interval := self.snapshotting_intervals.get(type(aggregate))) is not None
            and event.originator_version % interval == 0
        }
        for aggregate_id in reached:
            self._put_snapshot(processing_event.aggregates[aggregate_id])

    def _put_snapshot(self, aggregate: object) -> None:
        """Store a snapshot of `aggregate`, unless one at its version is stored already.

        Two processes may snapshot one version (a save's, and a load that replayed the plan
        in the meantime: `_replayed_plan`); either snapshot is the same state. Raised, the
        conflict would fail a save whose events are already recorded, and `change_plan`
        would take it for a lost race and run the command again."""
        snapshot_class = getattr(type(aggregate), "Snapshot", type(self).snapshot_class)
        if snapshot_class is None:
            raise TypeError(f"{type(aggregate).__name__} has no snapshot class")
        if self.snapshots is not None:
            with contextlib.suppress(IntegrityError):
                self.snapshots.put([snapshot_class.take(aggregate)])

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(ProvenanceAsDict())
        transcoder.register(DateAsISO())
        for kind, name in STATE_TYPES:
            transcoder.register(StateAsJSON(kind, name))

    # --- loading -----------------------------------------------------------------------

    def events_of(
        self, originator_id: UUID, after: int = 0, upto: int | None = None, page: int = EVENT_PAGE
    ) -> Iterator[Any]:
        """An aggregate's events after version `after` (up to `upto`), oldest first.

        Read `page` at a time: the library's `events.get` fetches every row it selects
        before it yields the first, so a plan's ten years (100,000 events) read at once
        took 350 MB of a sync worker's memory for a moment.
        """
        while True:
            found = list(self.events.get(originator_id, gt=after, lte=upto, limit=page))
            yield from found
            if len(found) < page:
                return
            after = found[-1].originator_version

    def get_plan(self, key: str) -> Plan:
        try:
            plan: object = self.repository.get(plan_id(key))
        except AggregateNotFoundError:
            raise NotFoundError(no_such_plan(key)) from None
        if not isinstance(plan, Plan):
            raise NotFoundError(no_such_plan(key))
        if plan.in_force is None or plan.header.adopting_cases is None:
            return self._replayed_plan(plan)
        return plan

    def _replayed_plan(self, plan: Plan) -> Plan:
        """The plan read from its events alone, a page at a time, when its snapshot could not
        say what is in force (`plan_state_v4_to_v5`) or which cases adopted its versions
        (`plan_state_v5_to_v6`); cached, and snapshotted anew when it has
        moved on since, so the events are read once per process at most, and once in all
        after the plan's next save."""
        replayed: object = project_aggregate(None, self.events_of(plan.id))
        if (
            not isinstance(replayed, Plan)
            or replayed.in_force is None
            or replayed.header.adopting_cases is None
        ):
            raise RuntimeError(f"plan {plan.key}: its events give no plan")
        self._keep_saved(replayed)
        if self.snapshots is not None:
            newest = self.snapshots.recorder.select_events(plan.id, desc=True, limit=1)
            if not newest or newest[0].originator_version < replayed.version:
                self._put_snapshot(replayed)
        return copy.deepcopy(replayed)

    def plan_exists(self, key: str) -> bool:
        return plan_id(key) in self.repository

    def get_community(self, key: str) -> HealthCommunity:
        try:
            community: object = self.repository.get(community_id(key))
        except AggregateNotFoundError:
            raise NotFoundError(
                _('Fant ikke helsefellesskapet "%(key)s".', key=excerpt(key))
            ) from None
        if not isinstance(community, HealthCommunity):
            raise NotFoundError(_('Fant ikke helsefellesskapet "%(key)s".', key=excerpt(key)))
        return community

    def change_plan(
        self,
        key: str,
        change: Callable[[Plan], T],
        also: Callable[[Plan], Sequence[Aggregate]] | None = None,
    ) -> T:
        """Run `change` on the latest plan and save it, with any `also` aggregates, atomically.

        On a concurrent save the whole change is re-run on the fresh plan, so its
        rules (and any expected revision) are checked against what is stored now.
        A random, growing pause between attempts keeps busy writers from
        colliding again in lockstep.
        """
        for attempt in range(SAVE_ATTEMPTS):
            plan = self.get_plan(key)
            with bodies_of(self.body_register(plan.header.owner)):
                result = change(plan)
            extra = also(plan) if also else ()
            try:
                self.save(plan, *extra)
            except RecordConflictError:
                time.sleep(random.uniform(0, RETRY_PAUSE * 2**attempt))
                continue
            self._keep_saved(plan)
            return result
        raise ConcurrentEditError(
            _(
                "Planen %(plan)s ble endret av andre mange ganger på rad. Prøv igjen om litt.",
                plan=key,
            )
        )

    def _keep_saved(self, plan: Plan) -> None:
        """The saved plan becomes the cached one, so the next load does not replay this save.

        The library's cache is fast-forwarded from the store on each load; without
        this, the load after a sheet cycle of a thousand commands re-applied all of
        them. A plan older than one another thread has cached is harmless: the next
        load fast-forwards it from the store as usual.
        """
        if self.repository.cache is not None:
            self.repository.cache.put(plan.id, plan)

    def measure_id(self, plan: Plan, measure: str) -> str:
        """Accept either a stable ID ("T012") or the number users write ("2.1.2A")."""
        if measure in plan.measures:
            return measure
        return plan.find_measure(measure).id

    def reporting_measure_id(self, plan: Plan, measure: str) -> str:
        """As `measure_id`, a number read as the version in force numbers its measures:
        the one bodies report on, whatever the revision under way has renumbered."""
        if measure in plan.measures:
            return measure
        return plan.find_reporting_measure(measure).id

    # --- health communities and decisions ----------------------------------------------

    def register_community(
        self, key: str, name: str, by: Provenance, language: Målform = DEFAULT
    ) -> None:
        key, name = checked_registration(key, name)
        if community_id(key) in self.repository:
            raise ValidationError(
                _('Helsefellesskapet "%(key)s" finnes allerede.', key=excerpt(key))
            )
        community = HealthCommunity(key=key, name=name, by=by)
        community.choose_language(language, by)
        self.save(community)

    def choose_community_language(self, key: str, language: Målform, by: Provenance) -> bool:
        """The community writes in `language` from now on; True when that is a change."""
        return self._change_community(key, lambda c: c.choose_language(language, by))

    def community_language(self, key: str) -> Målform:
        """The målform a community writes in."""
        return self.get_community(key).language

    def plan_language(self, plan_key: str) -> Målform:
        """The målform of the community that owns a plan; bokmål for a plan with no community."""
        owner = self.get_plan(plan_key).header.owner
        if not owner:
            return DEFAULT
        try:
            return self.community_language(owner)
        except NotFoundError:
            return DEFAULT

    def add_body(
        self,
        community: str,
        name: str,
        kind: BodyKind | str,
        by: Provenance,
        short_name: str = "",
        aliases: Iterable[str] = (),
    ) -> str:
        """Register a body of a community; returns its stable id."""
        wanted = list(aliases)
        return self._change_community(
            community, lambda c: c.add_body(name, BodyKind(kind), by, short_name, wanted)
        )

    def set_body_contacts(
        self,
        community: str,
        body: str,
        reporters: Iterable[str],
        reminded: Iterable[str],
        by: Provenance,
        seen: tuple[Iterable[str] | None, Iterable[str] | None] = (None, None),
    ) -> bool:
        """Set who reports for a body and who is reminded; True when they changed.

        `seen`: the reporters and the reminded the caller read (None: not checked), checked
        inside the save, so a list someone else set since is not replaced unseen: refused
        naming who set it and the day, from the last event that set the body's addresses."""
        wanted = list(reporters), list(reminded)
        read = tuple(None if s is None else list(s) for s in seen)
        try:
            return self._change_community(
                community,
                lambda c: c.set_contacts(body, wanted[0], wanted[1], by, seen=(read[0], read[1])),
            )
        except ContactsChangedError as changed:
            body_id = changed.body.id
            found = self._last_event(
                community_id(community),
                ["BodyContactsSet"],
                lambda stored: stored.body_id == body_id,
            )
            if found is None:
                raise
            who, day = found.by.actor, format_oslo_date(found.timestamp)
            raise ConcurrentEditError(changed.told(who, day)) from None

    def merge_bodies(
        self, community: str, variants: Iterable[str], into: str, by: Provenance
    ) -> Merged:
        """Make spelling variants (or other bodies) aliases of one body; returns the variants
        that were new, and the bodies merged whole whose own addresses are reminded no more.

        `into` is named as registered before the merge: after an earlier merge it may be the
        other body's old name (A merged into B, then B "into A": nothing changes)."""
        wanted = list(variants)

        def merge(found: HealthCommunity) -> Merged:
            before, target = found.register, found.body(into)
            new = found.merge(wanted, into, by)
            return merged(before, found.register, target.id, new)

        return self._change_community(community, merge)

    def body_register(self, community: str) -> BodyRegister:
        """The bodies of a community; an empty register for a plan owner that is not one."""
        if community_id(community) not in self.repository:
            return BodyRegister()
        return self.get_community(community).register

    def body_contacts(self, community: str) -> dict[str, BodyContacts]:
        """Who reports for and who is reminded by each active body of a community, by body id.

        The query reminders of reporting rounds use: a round names body ids
        (or, from older events, names: resolve them with `body_register`).
        """
        return self.get_community(community).register.contacts()

    def unknown_bodies(self, key: str, names: Iterable[str]) -> list[Unresolved]:
        """The names a plan's community does not know, each with the nearest registered name.

        None while the community has registered no bodies: it does not use the register.
        """
        register = self.body_register(self.get_plan(key).header.owner)
        return register.references(names)[1] if register.bodies else []

    def _body_refs(self, plan: Plan, names: Iterable[str]) -> list[str]:
        """What a measure stores for typed body names: ids where registered, else the text."""
        return self.body_register(plan.header.owner).references(names)[0]

    def _body_ref(self, plan: Plan, name: str) -> str:
        return self._body_refs(plan, [name])[0] if name.strip() else name

    def _change_community(self, key: str, change: Callable[[HealthCommunity], T]) -> T:
        """Like `change_plan`: a concurrent save re-runs the change on the fresh community."""
        for attempt in range(SAVE_ATTEMPTS):
            found = self.get_community(key)
            result = change(found)
            if self._saved(attempt, found):
                return result
        raise ConcurrentEditError(
            _("Helsefellesskapet %(key)s ble endret av andre mange ganger.", key=key)
        )

    def record_decision(
        self,
        community: str,
        case: str,
        body: str,
        meeting_date: date,
        text: str,
        by: Provenance,
        plan: str = "",
    ) -> str:
        """Record a decision; returns its case reference, e.g. "SSU sak 11/24".

        A plan named must exist and be the community's (`check_decision_plan`). One case of
        one body is recorded once, whichever of the body's names it was given with. The
        meeting may be still to come: case numbers are given when the agenda is sent, and an
        approval may be recorded ahead of its meeting (the version is in force from that day).
        """
        self._check_decision_community(community, plan)
        self.check_decision_plan(community, plan)
        number, spelled, recorded = self._decision_case(community, case, body)
        decision = Decision.record(community, number, spelled, meeting_date, text, by, plan=plan)
        if recorded is not None:
            raise ValidationError(_("%(case)s er allerede registrert.", case=recorded.case))
        self.save(decision)
        return decision.case

    def check_decision_plan(self, community: str, plan: str) -> None:
        """The plan a decision is filed under ("" for none) exists and is the community's: a
        mistyped key would file the decision under a plan no one has, and another
        community's plan would list a decision its community never made."""
        if not plan:
            return
        if not self.plan_exists(plan):
            raise NotFoundError(no_such_plan(plan))
        if self.get_plan(plan).header.owner != community:
            raise ValidationError(
                _(
                    'Planen "%(plan)s" tilhører ikke helsefellesskapet "%(community)s". Et '
                    "vedtak kan bare gjelde en plan i sitt eget helsefellesskap.",
                    plan=excerpt(plan),
                    community=excerpt(community),
                )
            )

    def _check_decision_community(self, community: str, plan: str) -> None:
        """A decision belongs to a registered community, or to the community owning the plan
        it names (a plan may be owned by a community not registered): a mistyped community
        would hold it where no one looks."""
        if community_id(community) in self.repository:
            return
        if plan and self.plan_exists(plan) and self.get_plan(plan).header.owner == community:
            return
        raise NotFoundError(_('Fant ikke helsefellesskapet "%(key)s".', key=excerpt(community)))

    def _decision_case(
        self, community: str, case: str, body: str
    ) -> tuple[str, str, Decision | None]:
        """A decision's case number without its body, the body by the one name the register
        writes it with (its short name, else its name), and the decision recorded as that
        case, if there is one (`_recorded_decision`), read with one look at the register.

        The body is part of the decision's identity: written one way, "asu sak 27/22",
        "ASU sak 27/22" and "Administrativt samarbeidsutval sak 27/22" are the one case,
        and the second is caught. A case number naming another body than the one given is
        refused, not dropped.
        """
        register = self.body_register(community)
        parsed = _case_of(register, case, body)
        named = body if name_key(parsed.body) in ("", name_key(body)) else parsed.body
        found = register.resolve(named)
        spellings: tuple[str, ...] = ()
        if found is not None:
            named, spellings = found.short_name or found.name, found.names
        number, named = str(CaseNumber(parsed.number, parsed.year)), named.strip()
        return number, named, self._recorded_decision(community, number, named, spellings)

    def _recorded_decision(
        self, community: str, number: str, body: str, spellings: tuple[str, ...]
    ) -> Decision | None:
        """The decision recorded as case `number` of `body`, under its identity or one it was
        recorded under before bodies compared by `name_key`: the body spelled by any of its
        registered names (`spellings`)."""
        for wanted in decision_ids(community, parse_case(number, body), spellings):
            try:
                decision: object = self.repository.get(wanted)
            except AggregateNotFoundError:
                continue
            if isinstance(decision, Decision):
                return decision
        return None

    def get_decision(self, community: str, case: str, body: str = "") -> Decision:
        found = self._decision_case(community, case, body)[2]
        if found is None:
            raise NotFoundError(_("Fant ikke vedtaket %(case)s.", case=excerpt(case)))
        return found

    # --- plans -------------------------------------------------------------------------

    def create_plan(
        self, key: str, title: str, owner: str, first_year: int, last_year: int, by: Provenance
    ) -> UUID:
        if self.plan_exists(key):
            raise ValidationError(_('Det finnes allerede en plan med nøkkelen "%(key)s".', key=key))
        plan = Plan.start(key, title, owner, first_year, last_year, by)
        self.save(plan)
        return plan.id

    def import_plan(
        self,
        key: str,
        table: PlanTable,
        owner: str,
        by: Provenance,
        progress: Callable[[int], None] | None = None,
    ) -> Plan:
        """Create a plan from a parsed table in one transaction: all of it or nothing.

        A row's deadline (from a plan written as prose) becomes the measure's
        SMART deadline in the same transaction.
        """
        if table.problems:
            first = table.problems[0]
            raise ValidationError(
                _("Linje %(line)s: %(reason)s", line=first.line, reason=first.reason)
            )
        if self.plan_exists(key):
            raise ValidationError(_('Det finnes allerede en plan med nøkkelen "%(key)s".', key=key))
        years = table.years or ((table.period[0],) if table.period else ())
        if not years:
            raise ValidationError(_("Fant ingen årskolonner eller planperiode i filen."))
        first_year, last_year = table.period or (min(years), max(years))
        plan = Plan.start(
            key, table.title or key, owner, min(first_year, *years), max(last_year, *years), by
        )
        register = self.body_register(owner)
        for area in table.areas:
            with _on_line(area.line):
                plan.add_area(area.number, area.title, by)
        for goal in table.goals:
            with _on_line(goal.line):
                plan.add_goal(goal.number, goal.text, by)
        for done, row in enumerate(table.measures, start=1):
            with _on_line(row.line):
                measure_id = plan.add_measure(
                    row.number,
                    row.text,
                    by,
                    responsible=register.references(row.responsible)[0],
                    marks=row.marks,
                    timeframe_note=row.timeframe_note,
                    see_also=row.see_also,
                    references=row.references,
                )
                if row.deadline is not None:
                    plan.set_smart_criteria(measure_id, by, deadline=row.deadline)
            if progress:
                progress(done)
        self.save(plan)
        return plan

    def retitle_plan(self, key: str, title: str, by: Provenance, seen: str | None = None) -> str:
        """Give the plan a new title; returns the title before. `seen`: the title the caller
        read (None: not checked), so a title given since is never replaced unseen."""
        return self.change_plan_header(key, by, title, None, seen_title=seen)[0]

    def change_period(
        self,
        key: str,
        first_year: int,
        last_year: int,
        by: Provenance,
        seen: tuple[int, int] | None = None,
    ) -> tuple[int, int]:
        """Give the plan a new period; returns the first and last year before. `seen`: the
        period the caller read (None: not checked), as `retitle_plan` says."""
        period = (first_year, last_year)
        return self.change_plan_header(key, by, None, period, seen_period=seen)[1]

    def change_plan_header(
        self,
        key: str,
        by: Provenance,
        title: str | None,
        period: tuple[int, int] | None,
        seen_title: str | None = None,
        seen_period: tuple[int, int] | None = None,
    ) -> tuple[str, tuple[int, int]]:
        """A new title, a new period, or both, in one save (None: left as it is, and not
        checked); each changed one checked against what the caller read of it, so neither
        is saved when one being changed was set since. A part left as it is overwrites
        nothing, so one set since does not stop the other. Returns the title and the period
        before."""

        def change(plan: Plan) -> tuple[str, tuple[int, int]]:
            header = plan.header
            before = (header.title, (header.first_year, header.last_year))
            with self._changed_named(plan):
                if title is not None:
                    plan.retitle(title, by, seen_title)
                if period is not None:
                    plan.change_period(*period, by, seen_period)
            return before

        return self.change_plan(key, change)

    @contextmanager
    def _changed_named(self, plan: Plan) -> Iterator[None]:
        """A title, period or round's reminders changed since the caller read them, refused
        naming who changed them and the day, from the last event that set them (read
        backwards: a refusal is rare)."""
        try:
            yield
        except ChangedSinceReadError as changed:
            found = self._last_event(plan.id, changed.events)
            if found is None:
                raise
            by, day = found.by.actor, format_oslo_date(found.timestamp)
            raise ConcurrentEditError(changed.told(by, day)) from None

    def _last_event(
        self,
        originator_id: UUID,
        names: Iterable[str],
        where: Callable[[Any], bool] = lambda stored: True,
    ) -> Any:
        """The newest of an aggregate's events of one of `names` (and `where` holds for);
        None when it has none."""
        wanted, upto = set(names), None
        while True:
            found = list(self.events.get(originator_id, lte=upto, desc=True, limit=EVENT_PAGE))
            for stored in found:
                if type(stored).__name__ in wanted and where(stored):
                    return stored
            if len(found) < EVENT_PAGE:
                return None
            upto = found[-1].originator_version - 1

    # Each area and goal command returns the revision its own save left: read inside the
    # save, never a later one of someone else's (as `_change_measure` says of measures).

    def add_area(self, key: str, number: str, title: str, by: Provenance) -> int:
        return self.change_plan(key, lambda plan: plan.add_area(number, title, by))

    def rename_area(
        self,
        key: str,
        number: str,
        title: str,
        by: Provenance,
        expected_revision: int | None = None,
    ) -> int:
        return self.change_plan(
            key, lambda plan: plan.rename_area(number, title, by, expected_revision)
        )

    def add_goal(self, key: str, number: str, text: str, by: Provenance) -> int:
        return self.change_plan(key, lambda plan: plan.add_goal(number, text, by))

    def reword_goal(
        self,
        key: str,
        number: str,
        text: str,
        by: Provenance,
        expected_revision: int | None = None,
    ) -> int:
        return self.change_plan(
            key, lambda plan: plan.reword_goal(number, text, by, expected_revision)
        )

    def remove_goal(
        self, key: str, number: str, by: Provenance, expected_revision: int | None = None
    ) -> int:
        return self.change_plan(key, lambda plan: plan.remove_goal(number, by, expected_revision))

    def add_measure(self, key: str, number: str, text: str, by: Provenance, **fields: Any) -> str:
        """Add a measure; returns its stable ID. `fields`: responsible, marks, see_also …

        Responsible bodies are stored by id where the community has registered them.
        """

        def add(plan: Plan) -> str:
            given = dict(fields)
            if "responsible" in given:
                given["responsible"] = self._body_refs(plan, given["responsible"])
            return plan.add_measure(number, text, by, **given)

        return self.change_plan(key, add)

    def reword_measure(
        self,
        key: str,
        measure: str,
        text: str,
        by: Provenance,
        expected_revision: int | None = None,
    ) -> int:
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.reword_measure(measure_id, text, by, expected_revision),
        )

    def move_measure(
        self,
        key: str,
        measure: str,
        number: str,
        by: Provenance,
        expected_revision: int | None = None,
    ) -> int:
        """Move a measure by giving it a number under another goal (or just renumber it)."""
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.renumber_measure(
                measure_id, number, by, expected_revision
            ),
        )

    def remove_measure(
        self, key: str, measure: str, by: Provenance, expected_revision: int | None = None
    ) -> int:
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.remove_measure(measure_id, by, expected_revision),
        )

    def restore_measure(
        self, key: str, measure: str, by: Provenance, expected_revision: int | None = None
    ) -> int:
        """Restore a removed measure, named by its ID ("T012") or the number it had ("2.1.2A")."""
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.restore_measure(measure_id, by, expected_revision),
            find=self._removed_measure_id,
        )

    def _change_measure(
        self,
        key: str,
        measure: str,
        command: Callable[[Plan, str], object],
        find: Callable[[Plan, str], str] | None = None,
    ) -> int:
        """Run `command` on the measure `measure` names (an ID or a number, found by `find`,
        by default `measure_id`) and save; returns the measure's revision as saved. Read
        inside the save, it is this change's revision, never a later one of someone else's:
        a caller handing it on as an ETag would otherwise let its next edit overwrite that."""

        def change(plan: Plan) -> int:
            measure_id = (find or self.measure_id)(plan, measure)
            command(plan, measure_id)
            return plan.measure(measure_id).revision

        return self.change_plan(key, change)

    def _removed_measure_id(self, plan: Plan, measure: str) -> str:
        """The removed measure a number names: the one removed with it, asked when several were."""
        if measure in plan.measures or not is_measure_number(measure):
            return plan.measure(measure).id
        number = parse_measure_number(measure).number
        removed = [m.id for m in plan.measures.values() if m.removed and m.number == number]
        if not removed:
            return plan.find_measure(measure).id
        if len(removed) > 1:
            raise ValidationError(
                _(
                    "Flere fjernede tiltak har nummeret %(number)s (%(ids)s). Oppgi ID-en.",
                    number=number,
                    ids=", ".join(removed),
                )
            )
        return removed[0]

    def assign_responsible(
        self,
        key: str,
        measure: str,
        bodies: Iterable[str],
        by: Provenance,
        expected_revision: int | None = None,
    ) -> int:
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.assign_responsible(
                measure_id, self._body_refs(plan, bodies), by, expected_revision
            ),
        )

    def set_timeframe(
        self,
        key: str,
        measure: str,
        marks: dict[int, str] | None,
        by: Provenance,
        note: str | None = None,
        expected_revision: int | None = None,
    ) -> int:
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.set_timeframe(
                measure_id, marks, by, note, expected_revision
            ),
        )

    def edit_measure(
        self,
        key: str,
        measure: str,
        typed: Mapping[str, str],
        by: Provenance,
        expected_revision: int | None = None,
        today: date | None = None,
    ) -> int:
        """Save a filled-in measure form (entry name → text as typed), all of it or nothing.

        Each changed field becomes its own command (`domain.measure_form`), checked
        against the revision the person saw; returns the measure's revision after.
        """
        return self.change_plan(
            key,
            lambda plan: (
                apply_form(
                    plan,
                    self.measure_id(plan, measure),
                    self._typed_bodies(plan, measure, typed),
                    by,
                    today or oslo_today(),
                    expected_revision,
                ).revision
            ),
        )

    def _typed_bodies(
        self, plan: Plan, measure: str, typed: Mapping[str, str]
    ) -> Mapping[str, str]:
        """A form's typed responsible bodies, with registered names written as their ids.

        Bodies that resolve to the ones the form showed are left as shown, so a
        form saved untouched, or in another spelling, changes nothing.
        """
        if RESPONSIBLE not in typed:
            return typed
        register = self.body_register(plan.header.owner)
        shown = show_bodies(plan.measure(self.measure_id(plan, measure)).responsible)
        names = parse_bodies(typed[RESPONSIBLE])
        same = [register.identity(n) for n in parse_bodies(shown)]
        if [register.identity(n) for n in names] == same:
            return {**typed, RESPONSIBLE: shown}
        return {**typed, RESPONSIBLE: render_bodies(register.references(names)[0])}

    def link_measure(
        self,
        key: str,
        measure: str,
        see_also: list[str],
        references: list[str],
        by: Provenance,
        expected_revision: int | None = None,
    ) -> int:
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.link_measure(
                measure_id, see_also, references, by, expected_revision
            ),
        )

    def set_smart_criteria(
        self,
        key: str,
        measure: str,
        by: Provenance,
        indicator: str = "",
        target: str = "",
        deadline: date | None = None,
        expected_revision: int | None = None,
    ) -> int:
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.set_smart_criteria(
                measure_id, by, indicator, target, deadline, expected_revision
            ),
        )

    def set_evaluation_plan(
        self,
        key: str,
        measure: str,
        fields: dict[str, str],
        by: Provenance,
        expected_revision: int | None = None,
    ) -> int:
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.set_evaluation_plan(
                measure_id, fields, by, expected_revision
            ),
        )

    def tag_measure(
        self,
        key: str,
        measure: str,
        patient_groups: Iterable[PatientGroup | str],
        topics: Iterable[int | str],
        by: Provenance,
        expected_revision: int | None = None,
    ) -> int:
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.tag_measure(
                measure_id,
                [
                    g if isinstance(g, PatientGroup) else parse_patient_group(g)
                    for g in patient_groups
                ],
                list(topics),
                by,
                expected_revision,
            ),
        )

    def report_status(
        self,
        key: str,
        measure: str,
        colour: Colour | str,
        comment: str,
        by: Provenance,
        reported_on: date | None = None,
        body: str = "",
        seen: str | None = None,
        today: date | None = None,
    ) -> int:
        """Report a traffic-light status; colours are accepted as users type them.

        `seen`: the `status_tag` of the open round's report the caller was shown ("" for
        none), so one made since is not replaced unseen (checked inside the save).
        `today`: the caller's clock (default: today in Norway); the report is not after it."""
        parsed = colour if isinstance(colour, Colour) else parse_colour(colour)
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.report_status(
                measure_id,
                parsed,
                comment,
                reported_on or today or oslo_today(),
                by,
                body=self._reporting_body(plan, measure_id, body),
                seen=seen,
                today=today,
            ),
            find=self.reporting_measure_id,
        )

    def report_statuses(
        self,
        key: str,
        entries: Sequence[StatusEntry],
        by: Provenance,
        reported_on: date | None = None,
        body: str = "",
        round_id: str | None = None,
        today: date | None = None,
    ) -> list[str]:
        """A body's reports on several measures in one save, all or nothing: each entry's
        `seen` is checked against the plan the save writes to, and a save that lost a race
        re-runs on the fresh plan (`change_plan`), so a report made meanwhile is refused
        (`ConcurrentEditError`), never replaced unseen. Returns the IDs of the measures
        reported (an entry already standing as the round's report is not recorded again).
        `round_id`: the round the reports are for, refused once it is no longer open;
        `today`: the caller's clock (default: today in Norway)."""
        day = reported_on or today or oslo_today()

        def change(plan: Plan) -> list[str]:
            resolved = []
            for entry in entries:
                measure_id = self.reporting_measure_id(plan, entry.measure)
                reporting = self._reporting_body(plan, measure_id, entry.body or body)
                resolved.append(
                    StatusEntry(measure_id, entry.colour, entry.comment, entry.seen, reporting)
                )
            return plan.report_statuses(resolved, day, by, today=today, round_id=round_id)

        return self.change_plan(key, change)

    def _reporting_body(self, plan: Plan, measure_id: str, typed: str) -> str:
        """The body a report speaks for, as the measure names it when it is one of its own.

        A measure imported before the register names its bodies as typed; a report
        for one of them, given by id or any spelling, is that body's report.
        """
        if not typed.strip():
            return typed
        register = self.body_register(plan.header.owner)
        wanted = register.identity(typed)
        own = plan.reporting_measure(measure_id).responsible
        return next((r for r in own if register.identity(r) == wanted), self._body_ref(plan, typed))

    def evaluate_measure(
        self,
        key: str,
        measure: str,
        year: int,
        result: EvaluationResult | str,
        led_to: str,
        recommendation: Recommendation | str,
        body: str,
        by: Provenance,
        evaluated_on: date | None = None,
        replace: bool = False,
        seen: str | None = None,
        today: date | None = None,
    ) -> int:
        """A body's evaluation of a measure for one year; words accepted as people write them.
        `today`: the caller's clock (the web's), which a day after it is refused by and which
        an evaluation without a day is dated; else today in Norway.

        `seen`: the tag of the year's evaluation the caller was shown (`evaluation_tag`), so
        one given since is not replaced unseen."""
        found = result if isinstance(result, EvaluationResult) else parse_evaluation_result(result)
        advice = (
            recommendation
            if isinstance(recommendation, Recommendation)
            else parse_recommendation(recommendation)
        )
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.evaluate_measure(
                measure_id,
                year,
                found,
                led_to,
                advice,
                body,
                evaluated_on or today or oslo_today(),
                by,
                replace=replace,
                seen=seen,
                today=today,
            ),
            find=self.reporting_measure_id,
        )

    def open_reporting_round(
        self,
        key: str,
        deadline: date,
        bodies: Iterable[str],
        by: Provenance,
        schedule: tuple[int, ...] = DEFAULT_SCHEDULE,
    ) -> str:
        wanted = list(bodies)
        return self.change_plan(
            key,
            lambda plan: plan.open_reporting_round(
                deadline, self._body_refs(plan, wanted), by, schedule
            ),
        )

    def set_reminder_schedule(
        self,
        key: str,
        days: tuple[int, ...],
        by: Provenance,
        read: str | None = None,
        replacing: tuple[int, ...] | None = None,
    ) -> None:
        """`read`: the round the caller read as open, and `replacing`: the reminders the
        caller read, each checked inside the save (None: whatever is there then)."""

        def change(plan: Plan) -> None:
            with self._changed_named(plan):
                plan.set_reminder_schedule(days, by, read, replacing)

        self.change_plan(key, change)

    def intend_reminder(
        self,
        key: str,
        round_id: str,
        body: str,
        step: int,
        recipients: tuple[str, ...],
        by: Provenance,
        resend: bool = False,
    ) -> int:
        """Saved before the mail is handed over; two senders racing cannot both save it."""
        return self.change_plan(
            key,
            lambda plan: plan.intend_reminder(
                round_id, self._round_body(plan, body), step, recipients, by, resend
            ),
        )

    def record_reminder_outcome(
        self,
        key: str,
        round_id: str,
        body: str,
        step: int,
        attempt: int,
        delivered: bool,
        note: str,
        by: Provenance,
    ) -> None:
        self.change_plan(
            key,
            lambda plan: plan.record_reminder_outcome(
                round_id, self._round_body(plan, body), step, attempt, delivered, note, by
            ),
        )

    def defer_reminder(
        self,
        key: str,
        round_id: str,
        body: str,
        step: int,
        attempt: int,
        note: str,
        by: Provenance,
    ) -> None:
        """The server put the reminder off (4xx) after its intent: sent again on the next run."""
        self.change_plan(
            key,
            lambda plan: plan.defer_reminder(
                round_id, self._round_body(plan, body), step, attempt, note, by
            ),
        )

    def confirm_reminder_delivered(
        self, key: str, body: str, step: int, by: Provenance, attempt: int | None = None
    ) -> None:
        """`body` as people name it (name, short name, alias or id); `attempt`: the attempt
        the person saw, checked inside the save (None: the one standing)."""

        self.change_plan(
            key,
            lambda plan: plan.confirm_reminder_delivered(
                self._round_body(plan, body), step, by, attempt
            ),
        )

    def _round_body(self, plan: Plan, body: str) -> str:
        """The open round's own reference for a body given by id, name, short name or alias."""
        round_id = plan.open_round_id()
        if round_id is None:
            return body
        register = self.body_register(plan.header.owner)
        wanted = register.identity(body)
        named = plan.rounds[round_id].bodies
        return next((b for b in named if register.identity(b) == wanted), body)

    def close_reporting_round(self, key: str, by: Provenance, read: str | None = None) -> str:
        """The round closed; `read`: the round the caller read as open, checked inside the
        save (None: whichever is open then)."""
        return self.change_plan(key, lambda plan: plan.close_reporting_round(by, read))

    def record_conflict(
        self, key: str, measure_id: str, field: str, kept: str, lost: str, by: Provenance
    ) -> str:
        return self.change_plan(
            key, lambda plan: plan.record_conflict(measure_id, field, kept, lost, by)
        )

    def resolve_conflict(self, key: str, measure: str, conflict_id: str, by: Provenance) -> int:
        return self._change_measure(
            key,
            measure,
            lambda plan, measure_id: plan.resolve_conflict(measure_id, conflict_id, by),
        )

    # --- approval flow -----------------------------------------------------------------

    def send_on_hearing(
        self,
        key: str,
        deadline: date,
        by: Provenance,
        asked: Iterable[str] = (),
        sent_on: date | None = None,
        revision: int | None = None,
    ) -> None:
        """Send the draft on hearing to the bodies and organisations named in `asked`, on
        `sent_on` (default: today in Norway); `revision`: the draft's endringsnummer the
        caller read (None: not checked)."""
        parties = list(asked)
        self.change_plan(
            key,
            lambda plan: plan.send_on_hearing(
                deadline, by, parties, sent_on=sent_on, revision=revision
            ),
        )

    def receive_hearing_response(
        self,
        key: str,
        respondent: str,
        text: str,
        by: Provenance,
        received_on: date | None = None,
        attachments: Iterable[str] = (),
    ) -> str:
        """Record a response to the plan's hearing; returns its ID (F1, F2 …)."""
        references = list(attachments)
        return self.change_plan(
            key,
            lambda plan: plan.receive_hearing_response(
                respondent, received_on or oslo_today(), text, by, references
            ),
        )

    def answer_hearing_response(
        self,
        key: str,
        response_id: str,
        text: str,
        by: Provenance,
        answered_on: date | None = None,
        replace: bool = False,
        seen: str | None = None,
    ) -> None:
        """The secretariat's answer to a hearing response; `seen`: the answer the caller saw
        ("" for none), so one given since is not replaced unseen."""
        self.change_plan(
            key,
            lambda plan: plan.answer_hearing_response(
                response_id, text, answered_on or oslo_today(), by, replace=replace, seen=seen
            ),
        )

    def extend_hearing_deadline(
        self, key: str, deadline: date, by: Provenance, seen: date | None = None
    ) -> date:
        """Extend the open hearing's deadline for everyone; returns the deadline in force
        before. `seen`: the deadline the caller read, so an extension made since is not
        extended again unseen."""
        return self.change_plan(key, lambda plan: plan.extend_hearing_deadline(deadline, by, seen))

    def correct_hearing_sent_date(
        self,
        key: str,
        sent_on: date,
        by: Provenance,
        seen: date | None,
        version: int | None = None,
    ) -> HearingState:
        """Correct the day a hearing (of `version`, default the newest) was sent, or give
        it to a hearing recorded without it; returns the hearing as it was before. `seen`:
        the day the caller read (None: unknown), so a correction made since is never
        replaced unseen; `by.reason` says why."""
        return self.change_plan(
            key, lambda plan: plan.correct_hearing_sent_date(sent_on, by, seen, version)
        )

    def withdraw_hearing_response(
        self, key: str, response_id: str, reason: str, by: Provenance
    ) -> HearingResponse:
        """Withdraw a response registered by mistake, saying why; it stays in the record.
        Returns the response as it was before."""
        return self.change_plan(
            key, lambda plan: plan.withdraw_hearing_response(response_id, reason, by)
        )

    def hearing(self, key: str, version: int | None = None) -> HearingState:
        """The hearing of a version of the plan (default: the newest), from the event store."""
        return self.get_plan(key).hearing(version)

    def submit(
        self,
        key: str,
        required_bodies: Iterable[str],
        by: Provenance,
        version: int | None = None,
        revision: int | None = None,
    ) -> int:
        """Send the working content for approval by the named bodies, each named once;
        `version` and `revision`: the version it is sent as and the draft's endringsnummer,
        as the caller read them (None: not checked)."""
        wanted = list(required_bodies)
        return self.change_plan(
            key,
            lambda plan: plan.submit(
                self._distinct_bodies(plan, wanted), by, version=version, revision=revision
            ),
        )

    def _distinct_bodies(self, plan: Plan, names: list[str]) -> list[str]:
        """Each body once, as first written: "ASU" and "asu" are one body, which approves once."""
        register = self.body_register(plan.header.owner)
        found: dict[str, str] = {}
        for name in names:
            found.setdefault(register.identity(name) if name.strip() else name, name)
        return list(found.values())

    def approve(
        self, key: str, version: int, body: str, case: str, meeting_date: date, by: Provenance
    ) -> bool:
        """Record a body's approval of a version; True when the version is now adopted.

        The body is the required body it names in any spelling (name, short name,
        alias; case and spaces aside), so "asu" approves for "ASU"; and the case is cited
        as the community registered the decision (`_decision_case`: «Administrativt
        samarbeidsutval sak 12/25» when it was recorded by that name before the short name
        ASU was registered), else as the register writes its body ("osu sak 4/25" is "OSU
        sak 04/25"), so the approval cites the one decision in the one spelling.
        """

        def approve(plan: Plan) -> bool:
            required = self._required_body(plan, body)
            number, spelled, recorded = self._decision_case(plan.header.owner, case, required)
            if recorded is not None:
                plan.check_case_not_adopting(recorded.case, version)
                _check_meeting_of(recorded, meeting_date)
                cited = recorded.case
            else:
                cited = f"{spelled} {number}" if spelled else number
            return plan.approve(version, required, cited, meeting_date, by)

        return self.change_plan(key, approve)

    def withdraw_approval(
        self,
        key: str,
        version: int,
        body: str,
        reason: str,
        by: Provenance,
        seen: Approval | None = None,
    ) -> tuple[str, Approval]:
        """Withdraw a body's approval registered by mistake, saying why, until the version is
        adopted; the body, named in any spelling as for `approve`, waits again. Returns the
        body as the submission names it and the approval withdrawn. `seen`: the approval the
        caller saw withdrawn (None: unknown)."""

        def withdraw(plan: Plan) -> tuple[str, Approval]:
            required = self._required_body(plan, body)
            return required, plan.withdraw_approval(version, required, reason, by, seen)

        return self.change_plan(key, withdraw)

    def _required_body(self, plan: Plan, body: str) -> str:
        submission = plan.header.submission
        if submission is None or not body.strip():
            return body
        register = self.body_register(plan.header.owner)
        wanted = register.identity(body)
        named = submission.required_bodies
        return next((b for b in named if register.identity(b) == wanted), body)

    def publish(self, key: str, by: Provenance) -> None:
        self.change_plan(key, lambda plan: plan.publish(by))

    def start_revision(self, key: str, by: Provenance, seen: int | None = None) -> int:
        """Open the next draft; `seen`: the adopted version the caller read (None: not
        checked)."""
        return self.change_plan(key, lambda plan: plan.start_revision(by, seen))

    # --- people and their roles --------------------------------------------------------

    def get_person(self, person: UUID) -> Person:
        try:
            found: object = self.repository.get(person)
        except AggregateNotFoundError:
            raise NotFoundError(_("Fant ikke personen.")) from None
        if not isinstance(found, Person):
            raise NotFoundError(_("Fant ikke personen."))
        return found

    def people(self) -> list[Person]:
        """Everyone who has been added, in the order they were added."""
        if PEOPLE_INDEX_ID not in self.repository:
            return []
        index: object = self.repository.get(PEOPLE_INDEX_ID)
        if not isinstance(index, PeopleIndex):
            raise NotFoundError(_("Fant ikke personregisteret."))
        return [self.get_person(person) for person in index.person_ids]

    def find_person(
        self, reference: str, named_by: Callable[[str], Iterable[UUID]] | None = None
    ) -> Person:
        """A person named by their e-mail address, their subject or their Planlogg ID.

        `named_by`: the IDs of the people a reference may name (at least every person
        `Person.is_named_by` says it names; the read models' register, by its index), of whom
        only those are loaded; without it, everyone is loaded and asked."""
        wanted = reference.strip()
        try:
            return self.get_person(UUID(wanted))
        except ValueError:
            pass
        among = self.people() if named_by is None else map(self.get_person, named_by(wanted))
        matches = [p for p in among if p.is_named_by(wanted)]
        if not matches:
            raise NotFoundError(
                _(
                    'Fant ingen person med e-postadressen eller ID-en "%(wanted)s".',
                    wanted=excerpt(wanted),
                )
            )
        if len(matches) > 1:
            raise ValidationError(
                _(
                    'Flere personer har e-postadressen "%(wanted)s". '
                    "Bruk ID-en (subject) i stedet.",
                    wanted=wanted,
                )
            )
        return matches[0]

    def add_person(self, issuer: str, subject: str, email: str, name: str, by: Provenance) -> UUID:
        """Add a person before they sign in (e.g. the first administrator)."""
        for attempt in range(SAVE_ATTEMPTS):
            if person_id(issuer, subject) in self.repository:
                raise ValidationError(
                    _('Personen "%(subject)s" finnes allerede.', subject=excerpt(subject))
                )
            added = self._try_add_person(attempt, issuer, subject, email, name, by)
            if added is not None:
                return added.id
        raise ConcurrentEditError(_("Personregisteret ble endret av andre mange ganger på rad."))

    def record_sign_in(
        self, issuer: str, subject: str, email: str, name: str, by: Provenance
    ) -> Person:
        """The person who just signed in: added on their first sign-in, details kept current."""
        email, name = cleaned_details(email, name)
        for attempt in range(SAVE_ATTEMPTS):
            if person_id(issuer, subject) not in self.repository:
                added = self._try_add_person(attempt, issuer, subject, email, name, by)
                if added is not None:
                    return added
                continue
            person = self.get_person(person_id(issuer, subject))
            if not person.change_details(email, name, by) or self._saved(attempt, person):
                return person
        raise ConcurrentEditError(_("Personen ble endret av andre mange ganger på rad."))

    def grant_roles(
        self,
        person: UUID,
        roles: Iterable[Role | str],
        by: Provenance,
        communities: Iterable[str] | None = None,
    ) -> list[Role]:
        """Grant roles; returns those the person did not hold before. With `communities`, the
        person's roles reach only those communities from now on, set first in the same save
        (empty: every community)."""
        wanted = [r if isinstance(r, Role) else parse_role(r) for r in roles]
        keys = None if communities is None else self._registered(communities)

        def change(found: Person) -> list[Role]:
            if keys is not None:
                found.assign_communities(keys, by)
            return found.grant(wanted, by)

        return self._change_person(person, change, by)

    def revoke_roles(self, person: UUID, roles: Iterable[Role | str], by: Provenance) -> list[Role]:
        """Revoke roles; returns those the person held."""
        wanted = [r if isinstance(r, Role) else parse_role(r) for r in roles]
        return self._change_person(person, lambda p: p.revoke(wanted, by), by)

    def check_reporting_bodies(
        self,
        bodies: Iterable[str],
        communities: Iterable[str],
        every_community: Callable[[], Iterable[str]],
    ) -> None:
        """Refuse a body none of the person's communities has registered, naming the nearest
        registered name (`check_registered_bodies`): the one rule for the pages and the command
        line, asked before they set a person's bodies.

        `communities` are those the person's roles reach; none means every community, which
        `every_community` lists (the read models know them all, the application each by key).
        """
        keys = [key.strip() for key in communities if key.strip()] or list(every_community())
        check_registered_bodies(bodies, [self.body_register(key) for key in keys])

    def assign_reporting_bodies(self, person: UUID, bodies: Iterable[str], by: Provenance) -> bool:
        """Set the bodies a person reports status for; True when the set changed."""
        wanted = list(bodies)
        return self._change_person(person, lambda p: p.assign_bodies(wanted, by), by)

    def assign_communities(self, person: UUID, communities: Iterable[str], by: Provenance) -> bool:
        """Limit a person's roles to these registered communities (none: every community);
        True when the set changed."""
        keys = self._registered(communities)
        return self._change_person(person, lambda p: p.assign_communities(keys, by), by)

    def choose_person_language(
        self, person: UUID, language: Målform | None, by: Provenance
    ) -> bool:
        """A person reads in `language` (None: their community's); True when that changed."""
        return self._change_person(person, lambda p: p.choose_language(language, by), by)

    def record_sign_out(self, person: UUID, at: datetime, by: Provenance) -> None:
        """The person signed out at `at`: every page session of theirs begun until then ends."""
        self._change_person(person, lambda p: p.sign_out(at, by), by)

    def change_access(
        self,
        person: UUID,
        roles: Iterable[Role | str],
        bodies: Iterable[str],
        by: Provenance,
        expected_version: int | None = None,
        communities: Iterable[str] | None = None,
        administrator_scope: Iterable[str] = (),
    ) -> bool:
        """Give a person exactly these roles and bodies (and `communities`, unless None), in one
        transaction; True if changed.

        With `expected_version` (the person's version the administrator saw), a
        person changed since is refused, so the whole set cannot undo that change.
        An administrator limited to `administrator_scope` (empty: every community) changes
        only people whose roles stay within it, before and after (`Person.check_held_within`).
        """
        wanted = {r if isinstance(r, Role) else parse_role(r) for r in roles}
        listed = list(bodies)
        keys = None if communities is None else self._registered(communities)
        scope = frozenset(administrator_scope)

        def change(found: Person) -> bool:
            if found.holds(wanted, listed, keys):
                return False
            found.check_version(self._seen_past_sign_outs(found, expected_version))
            found.check_held_within(scope)
            limited = keys is not None and found.assign_communities(keys, by)
            granted = found.grant(wanted - found.role_set, by)
            revoked = found.revoke(found.role_set - wanted, by)
            reassigned = found.assign_bodies(listed, by)
            found.check_given_within(scope)
            return bool(limited or granted or revoked or reassigned)

        return self._change_person(person, change, by)

    def _registered(self, communities: Iterable[str]) -> list[str]:
        """The community keys as typed, each refused unless the community is registered: a
        mistyped key would limit a person to a community no plan belongs to, and a blank one
        (an empty variable in a script) would be dropped, leaving none: every community."""
        keys = checked_keys(communities)
        for key in keys:
            if community_id(key) not in self.repository:
                raise NotFoundError(_('Fant ikke helsefellesskapet "%(key)s".', key=excerpt(key)))
        return keys

    def _seen_past_sign_outs(self, person: Person, seen: int | None) -> int | None:
        """The version an administrator saw, or the person's version now when the person has
        only signed out since: a sign-out changes nothing an administrator sets, so it is
        no concurrent edit to refuse their form for. The events are read only then."""
        if seen is None or seen >= person.version:
            return seen
        since = self.events_of(person.id, after=seen, upto=person.version)
        if all(type(change).__name__ == "SignedOut" for change in since):
            return person.version
        return seen

    def _change_person(self, person: UUID, change: Callable[[Person], T], by: Provenance) -> T:
        """Like `change_plan`: a concurrent save re-runs the change on the fresh person.

        A change after which the person no longer administers every community is saved
        with the people index (`PeopleIndex.remove_administrator`), so that two such
        changes made at the same moment cannot both leave the other as the last one.
        """
        for attempt in range(SAVE_ATTEMPTS):
            found = self.get_person(person)
            administered = found.administers_every_community
            result = change(found)
            also: tuple[PeopleIndex, ...] = ()
            if administered and not found.administers_every_community:
                also = (self._administrator_removed(found, by),)
            if self._saved(attempt, found, *also):
                return result
        raise ConcurrentEditError(_("Personen ble endret av andre mange ganger på rad."))

    def _administrator_removed(self, person: Person, by: Provenance) -> PeopleIndex:
        """The people index, having noted that `person` no longer administers every community;
        read before everyone else, so a removal saved after it makes this save conflict."""
        index: object = self.repository.get(PEOPLE_INDEX_ID)
        if not isinstance(index, PeopleIndex):
            raise NotFoundError(_("Fant ikke personregisteret."))
        others = [self.get_person(other) for other in index.person_ids if other != person.id]
        index.remove_administrator(person, others, by)
        return index

    def _try_add_person(
        self, attempt: int, issuer: str, subject: str, email: str, name: str, by: Provenance
    ) -> Person | None:
        """Save a new person and list them in the index in one transaction; None on a conflict."""
        person = Person.add(issuer, subject, email, name, by)
        index = (
            self.repository.get(PEOPLE_INDEX_ID)
            if PEOPLE_INDEX_ID in self.repository
            else PeopleIndex(by=by)
        )
        index.include(person.id, by)
        return person if self._saved(attempt, person, index) else None

    def _saved(self, attempt: int, *aggregates: Aggregate) -> bool:
        """Save atomically; False (after a growing random pause) when another writer came first."""
        try:
            self.save(*aggregates)
        except RecordConflictError:
            time.sleep(random.uniform(0, RETRY_PAUSE * 2**attempt))
            return False
        return True

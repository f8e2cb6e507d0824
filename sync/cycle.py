"""One sync cycle: read the sheet, merge, save events and baseline together, write back.

    1. read everything (one request); find Planlogg's columns by header
       (`sync.columns`: the user's own columns are left alone, a lost column refuses);
    2. decide (pure, `sync.merge`); refuse on mass deletion;
    3. when the sheet changed something: ask who edited, then apply the edits
       to the plan and move the baseline in ONE transaction
       (`app.change_plan(..., also=[link])`), re-deciding on the fresh plan;
    4. plan the writes from the store as it is now (pure, `sync.writeplan`);
    5. record the merged cells about to be written as pending in the baseline,
       then write cells, notes and row deletions; the backend re-reads first and
       skips any cell a person changed meanwhile;
    6. move the baseline for what was written, settle the pending cells, and
       store the Sist endra stamps.

A cycle speaks the målform of the plan's community: Melding, the notes, Oversikt and Vedtak
and every refusal are written in it, and rewritten in the other when the community changes
målform. The header row is not: columns are found by their header in either målform.

Crash points: during 3 nothing is stored and the cycle is simply repeated.
After 3 the sheet still shows the user's text, the baseline already holds it,
and the store holds the result: the next cycle sees "store changed only" and
writes the canonical value (conflicts likewise: the baseline holds the losing
text, so the store's value is written, and the conflict is not recorded twice).
A new measure whose ID was not yet written is recognised by its number (the
row without ID claims the vanished baseline row). After 5 sheet and store
agree, but the baseline still holds the older text; were the store to change
again first, the sheet's cell would look like a person's edit and become a
false conflict. The pending cells prevent that: the next cycle starts by
moving the baseline to every pending cell the sheet shows exactly. Nothing is
applied twice, no edit is lost, and nothing the sync wrote is taken for an edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from domain.application import Planlogg
from domain.measure_sheet import RESPONSIBLE, bodies_of, unknown_bodies
from domain.norwegian_time import oslo_today
from domain.own_reasons import SEVERAL_EDITED, SHEET_CHANGED
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.text import SHORT_TEXT, cleaned_name, escaped, excerpt
from language import Målform, _, current, speaking
from projections import ReadModels
from projections.documents import ChainHead
from projections.heap import long_lived_set_aside
from sync.apply import Outcome, apply_decision
from sync.backend import SheetBackend, SheetSnapshot
from sync.cells import RenderedRows
from sync.columns import Placement, known_columns, place
from sync.layout import Layout
from sync.link import SheetLink, load_link, migrate_link, refusal_key, snapshot_if_due
from sync.lock import sync_lock
from sync.merge import Message, SheetRow, StoreView, decide
from sync.tabs import DecisionLog, pad, refuse_foreign_tabs, render_tabs, same_table
from sync.writeplan import WritePlan, pending_cells, plan_writes, written_earlier

OSLO = ZoneInfo("Europe/Oslo")


@dataclass
class _RenderedTabs:
    """The tabs as of a plan version, and the decision log to grow from there; with what
    else they were rendered from (the chain's link at that version, the day)."""

    version: int = 0
    log: DecisionLog = field(default_factory=DecisionLog)
    tabs: dict[str, list[list[str]]] = field(default_factory=dict)
    målform: Målform | None = None
    chain_link: ChainHead | None = None
    today: date | None = None


@dataclass(frozen=True)
class CycleReport:
    """What one cycle did; `summary()` is the one line the CLI prints."""

    label: str
    rows_read: int = 0
    applied: int = 0
    written: int = 0
    conflicts: int = 0
    rejected: int = 0
    skipped: int = 0
    requests: int = 0

    def summary(self) -> str:
        line = _(
            "«%(label)s»: %(rows)s rader lest, %(applied)s endringer tatt inn, "
            "%(written)s celler skrevet, %(conflicts)s konflikter, %(rejected)s avvist, "
            "%(requests)s API-forespørsler",
            label=self.label,
            rows=self.rows_read,
            applied=self.applied,
            written=self.written,
            conflicts=self.conflicts,
            rejected=self.rejected,
            requests=self.requests,
        )
        if self.skipped:
            line += _(
                ", %(skipped)s celler venter til neste synkronisering (endret mens vi "
                "synkroniserte)",
                skipped=self.skipped,
            )
        return line + "."


def store_view(plan: Plan, layout: Layout, rendered: RenderedRows | None = None) -> StoreView:
    """The store as the sheet would show it; `rendered` keeps rows between cycles."""
    render = (rendered or RenderedRows()).render
    rows = {m.id: render(plan, m, layout) for m in plan.active_measures()}
    removed = frozenset(mid for mid, state in plan.measures.items() if state.removed)
    disputed = frozenset(mid for mid in removed if plan.measures[mid].conflicts)
    as_removed = {mid: render(plan, plan.measures[mid], layout) for mid in removed}
    return StoreView(rows=rows, removed=removed, disputed=disputed, as_removed=as_removed)


def sheet_rows(placement: Placement, rows: list[list[str]]) -> list[SheetRow]:
    return [
        SheetRow(number, placement.cells(row), placement.has_own_content(row))
        for number, row in enumerate(rows, start=2)
    ]


class SheetSync:
    """Runs sync cycles for one application's plans; made once, in the composition root.

    It keeps, per plan, the Oversikt and Vedtak tabs it rendered last, so a
    cycle reads only the plan's new events to render them again.
    """

    def __init__(self, app: Planlogg, read_models: ReadModels) -> None:
        self.app = app
        self.read_models = read_models
        self._tabs: dict[UUID, _RenderedTabs] = {}
        self._rows: dict[UUID, RenderedRows] = {}

    def cycle(
        self,
        backend: SheetBackend,
        plan_key: str,
        allow_removals: bool = False,
        today: Callable[[], date] = oslo_today,
    ) -> CycleReport:
        """One cycle under the sheet's sync lock, in the målform of the plan's community.
        Raises SyncRefused, SheetBusy, BackendError."""
        with (
            speaking(self.app.plan_language(plan_key)),
            sync_lock(self.app, backend.target, backend.label),
        ):
            return self.cycle_holding_lock(backend, plan_key, allow_removals, today)

    def cycle_holding_lock(
        self,
        backend: SheetBackend,
        plan_key: str,
        allow_removals: bool = False,
        today: Callable[[], date] = oslo_today,
    ) -> CycleReport:
        """One cycle for a caller that already holds the sheet's sync lock: a restore's
        first cycle, which no other sync may come before. Raises SyncRefused, BackendError;
        SheetBusy when the read follows a restore to a tab another sync holds
        (`_read_locked`)."""
        register = self.app.body_register(self.app.get_plan(plan_key).header.owner)
        with (
            speaking(self.app.plan_language(plan_key)),
            bodies_of(register),
            long_lived_set_aside(),
            ExitStack() as held,
        ):
            return self._cycle(backend, plan_key, allow_removals, today, held)

    def _read_locked(self, backend: SheetBackend, held: ExitStack) -> SheetSnapshot:
        """The sheet, read under the lock of the target the cycle goes on to write.

        A read may follow a restore made elsewhere to another tab, and so another target
        (Excel Online's names its tab): its lock is taken too, held to the end of the
        cycle (SheetBusy if another sync has it), and the tab read again under it, since
        what was read before may be older than that sync's writes (1 request more, once)."""
        locked = backend.target
        snapshot = backend.read()
        while backend.target != locked:
            locked = backend.target
            held.enter_context(sync_lock(self.app, locked, backend.label))
            snapshot = backend.read()
        return snapshot

    def _cycle(
        self,
        backend: SheetBackend,
        plan_key: str,
        allow_removals: bool,
        today: Callable[[], date],
        held: ExitStack,
    ) -> CycleReport:
        app = self.app
        requests_before = backend.requests
        snapshot = self._read_locked(backend, held)
        plan = app.get_plan(plan_key)
        layout = Layout.for_years(plan.years)
        rendered = self._rows.setdefault(plan.id, RenderedRows())
        migrate_link(app, plan_key, backend.target, backend.legacy_targets)
        link = load_link(app, plan_key, backend.target)
        if not link.base:
            refuse_foreign_tabs(snapshot.tabs)
        placement = place(layout, snapshot.header, snapshot.width, known_columns(link.base))
        rows = sheet_rows(placement, snapshot.rows)
        if link.pending:
            _settle_pending(app, link, rows)
        decision = decide(
            layout, rows, store_view(plan, layout, rendered), link.base, allow_removals
        )
        outcome = Outcome(
            messages=list(decision.messages),
            rejected=len(decision.messages),
            new_ids=dict(decision.claims),
        )
        by: Provenance | None = None
        if decision.touches_store:
            editors = backend.editors(link.editors_marker)
            by = sheet_provenance(editors.names, backend.label)
            outcome = _save_edits(
                app, plan_key, layout, rows, backend.target, by, editors.marker, allow_removals,
                today(), rendered,
            )  # fmt: skip
        elif decision.moves_base:
            outcome = apply_decision(plan, layout, decision, _nobody(backend.label), today())
            _save_link(app, link, outcome.base)
        plan = app.get_plan(plan_key)
        link = load_link(app, plan_key, backend.target)
        refusals = refusals_of(outcome.messages)
        if any(refusal_key(r) not in link.refused for r in refusals):
            if by is None:
                by = sheet_provenance(backend.editors(link.editors_marker).names, backend.label)
            link.record_refusals(plan_key, refusals, by)
        stamps = {**link.stamps, **measure_stamps(app.events_of(plan.id, link.stamped_version))}
        messages = outcome.messages + conflict_messages(plan) + body_messages(plan)
        wplan = plan_writes(
            layout, placement, rows, snapshot.last_row, store_view(plan, layout, rendered),
            link.base, stamps,
            messages, outcome.new_ids,
        )  # fmt: skip
        wplan.writes.tabs = self._changed_tabs(plan, snapshot.tabs, today())
        wplan.writes.remember_read(snapshot)
        written, skipped, moves = 0, 0, {}
        before = link.version or 0
        if wplan.writes:
            _expect(app, link, wplan)
            result = backend.write(wplan.writes)
            written, skipped = len(result.written), result.skipped
            moves = _confirmed(wplan, result)
        link.move(moves, stamps=stamps, stamped_version=plan.version, settle=True)
        if link.pending_events:
            app.save(link)
            snapshot_if_due(app, link, before)
        return CycleReport(
            label=backend.label,
            rows_read=len(rows),
            applied=outcome.applied,
            written=written,
            conflicts=outcome.conflicts,
            rejected=outcome.rejected,
            skipped=skipped,
            requests=backend.requests - requests_before,
        )

    def _changed_tabs(
        self, plan: Plan, found: dict[str, list[list[str]]], today: date
    ) -> dict[str, list[list[str]]]:
        wanted = self._wanted_tabs(plan, today)
        changed: dict[str, list[list[str]]] = {}
        for title, rows in wanted.items():
            old = found.get(title, [])
            if not same_table(rows, old):
                width = max([len(r) for r in rows + old] or [1])
                changed[title] = pad(rows, max(len(rows), len(old)), width)
        return changed

    def _wanted_tabs(self, plan: Plan, today: date) -> dict[str, list[list[str]]]:
        """The tabs for this plan version, reading only the events since the last rendering.

        The Oversikt tab publishes the audit chain's link at the plan's newest
        event, so the read models must first have applied this cycle's own writes.
        The tabs are rendered again when the community changed målform, and on a new
        day: a version adopted at a meeting still to come is in force from that day.
        """
        rendered = self._tabs.get(plan.id)
        if rendered is None or rendered.version > plan.version:
            rendered = self._tabs[plan.id] = _RenderedTabs()
        if rendered.version < plan.version or not rendered.tabs or rendered.målform != current():
            rendered.log.add(self.app.events_of(plan.id, rendered.version, plan.version))
            self.read_models.read_your_writes()
            rendered.chain_link = self.read_models.chain_link_for(plan.id)
            rendered.version = plan.version
            rendered.tabs = {}
        if not rendered.tabs or today != rendered.today:
            meetings = self.read_models.meeting_days(rendered.log.references, plan.header.owner)
            rendered.tabs = render_tabs(plan, rendered.log, rendered.chain_link, meetings, today)
            rendered.today, rendered.målform = today, current()
        return rendered.tabs


def _save_edits(
    app: Planlogg,
    plan_key: str,
    layout: Layout,
    rows: list[SheetRow],
    target: str,
    by: Provenance,
    marker: str,
    allow_removals: bool,
    today: date,
    rendered: RenderedRows,
) -> Outcome:
    """Apply the sheet's edits and move the baseline in one transaction, deciding afresh."""
    state: dict[str, Any] = {}

    def change(plan: Plan) -> Outcome:
        link = load_link(app, plan_key, target)
        view = store_view(plan, layout, rendered)
        decision = decide(layout, rows, view, link.base, allow_removals)
        outcome = apply_decision(plan, layout, decision, by, today)
        link.move(outcome.base, editors_marker=marker)
        state["link"] = link
        return outcome

    return app.change_plan(plan_key, change, also=lambda plan: [state["link"]])


def _settle_pending(app: Planlogg, link: SheetLink, rows: list[SheetRow]) -> None:
    """The last cycle stopped between writing and settling: what it wrote is agreed text."""
    link.move(dict(written_earlier(link.pending, rows)), settle=True)
    app.save(link)


def _expect(app: Planlogg, link: SheetLink, wplan: WritePlan) -> None:
    """Store the merged cells about to be written before writing them (see module doc)."""
    link.expect(pending_cells(wplan))
    if link.pending_events:
        app.save(link)


def _save_link(app: Planlogg, link: SheetLink, base: dict[str, dict[str, str] | None]) -> None:
    link.move(base)
    if link.pending_events:
        app.save(link)


def _confirmed(wplan: Any, result: Any) -> dict[str, dict[str, str] | None]:
    """The baseline moves `result` confirms. A new measure's row is confirmed by its ID cell,
    for every column, but not for a cell of that row that was to be written and was not
    (withheld after a wait: a person typed in it): that column stays out of the baseline,
    so the next cycle sees the store's text and the person's as a conflict."""
    planned = {(c.row, c.column) for c in wplan.writes.cells}
    moves: dict[str, dict[str, str] | None] = {}
    for (row, column), (measure_id, cells) in wplan.confirms.items():
        if (row, column) in result.written:
            current = moves.get(measure_id) or {}
            kept = {
                name: text
                for name, text in cells.items()
                if (cell := (row, wplan.placement.positions.get(name, -1))) not in planned
                or cell in result.written
            }
            moves[measure_id] = {**current, **kept}
    for row in result.deleted:
        moves[wplan.drops[row]] = None
    return moves


def sheet_provenance(names: tuple[str, ...], label: str) -> Provenance:
    """Attribute sheet edits to whoever the backend says edited; several are all named.

    The names and the sheet's label come from file metadata, which the person cannot
    correct where they typed it, so they are cleaned rather than refused.
    """
    people = tuple(dict.fromkeys(cleaned_name(name) for name in names))
    if not people:
        return _nobody(label)
    reason = _shortened(_(SHEET_CHANGED, sheet=cleaned_name(label)), people)
    return Provenance(_listed(people), Source.SHEET, reason=reason)


def _listed(people: tuple[str, ...]) -> str:
    names = ", ".join(people)
    return names if len(names) <= SHORT_TEXT else names[: SHORT_TEXT - 1] + "…"


def _shortened(reason: str, people: tuple[str, ...]) -> str:
    if len(people) > 1:
        reason += _(SEVERAL_EDITED, people=", ".join(people))
    return reason if len(reason) <= SHORT_TEXT else reason[: SHORT_TEXT - 1] + "…"


def _nobody(label: str) -> Provenance:
    name = cleaned_name(label)[:200]
    return Provenance(
        _("Regnearket «%(sheet)s»", sheet=name),
        Source.SHEET,
        reason=_(SHEET_CHANGED, sheet=name),
    )


def refusals_of(messages: list[Message]) -> list[dict[str, str]]:
    """The refused input among the messages, as auditors will read it.

    What was typed is kept with unstorable characters written out and cut to a
    safe length, so a refusal never carries what made it a refusal into a store.
    """
    return [
        {
            "measure_id": message.measure_id or "",
            "row": str(message.row or ""),
            "column": message.column,
            "typed": escaped(message.typed, 500),
            "reason": escaped(message.text, 2000),
        }
        for message in messages
        if message.typed is not None
    ]


def measure_stamps(events: Iterable[Any]) -> dict[str, list[str]]:
    """Sist endra / Endra av per measure, from the plan's events since the last cycle."""
    stamps: dict[str, list[str]] = {}
    for event in events:
        measure_id = getattr(event, "measure_id", None)
        by = getattr(event, "by", None)
        if measure_id and by is not None:
            when = event.timestamp.astimezone(OSLO).strftime("%d.%m.%Y %H:%M")
            stamps[measure_id] = [when, by.actor]
    return stamps


def body_messages(plan: Plan) -> list[Message]:
    """A responsible body no registered body is named by stays named on its row, with the
    nearest registered name, until it is merged or retyped (never guessed)."""
    return [
        Message(unknown.sheet_message, column=RESPONSIBLE, measure_id=mid)
        for mid, state in plan.measures.items()
        if not state.removed
        for unknown in unknown_bodies(state.responsible)
    ]


CONFLICT_QUOTE = 500
"""How much of each text a conflict's message quotes. The whole of both is in the change
log; a row with a conflict in every text column, each over 10,000 characters, must still fit
Melding in one cell (Excel holds 32,767 characters; Google refuses a write of over 50,000,
and with it the whole cycle's write)."""


def conflict_messages(plan: Plan) -> list[Message]:
    """Open conflicts stay on their row until someone resolves them in Planlogg, also on
    the row of a removed measure (which stays for as long, see `sync.writeplan`)."""
    return [
        Message(
            _(
                "Konflikt %(conflict)s: «%(lost)s» fra regnearket ble ikke tatt inn, fordi "
                "cellen samtidig ble endret i Planlogg til «%(kept)s». Teksten din er tatt vare på "
                "i endringsloggen. Merk konflikten som løst i Planlogg når dere har avgjort.",
                conflict=c.id,
                lost=excerpt(c.lost, CONFLICT_QUOTE),
                kept=excerpt(c.kept, CONFLICT_QUOTE),
            ),
            column=c.field,
            measure_id=mid,
        )
        for mid, state in plan.measures.items()
        for c in state.conflicts
    ]

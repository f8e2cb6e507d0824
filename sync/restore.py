"""`planlogg sync restore`: lay the plan out again when its sheet is damaged past syncing.

After a mass deletion, a wrecked header or a range pasted over the plan, the sync refuses
(rightly) and the people who did it are left without a way back. Restoring puts the plan
out again, on a new tab of the same spreadsheet or in a new workbook file, and loses
nothing typed in the damaged tab: every cell that differs both from what sheet and store
last agreed on (an edit not yet synced) and from the store is recorded as a conflict
(`EditConflictRecorded`: the stored value stays, the sheet's text is kept in the event and
shown in Melding on the new tab until someone resolves it). Columns are read by header
where the header still has them; rows without a known ID are counted, and stay where
they are. The damaged tab itself is left exactly as it was.

A text is kept as the cycle keeps a conflict's losing side: characters no store can hold
written out, and one longer than any field may hold not kept but named in the report (the
damaged tab, left as it was, still has it).

A restore run again after it stopped with the plan on its new tab (no rows there, and
no baseline) lays the plan out on that tab instead of making another; its report names that
tab by the title it has when read (`SheetSnapshot.title`, renamed since or not). A new tab
is named in the report by the title the backend gave it (`relocate`: a number added when
the title asked for is taken).
A restore that stops before it kept anything (the sheet busy with another sync, or its
first read failed) says so, and to run it again: no later round tries a restore.
On a new tab, the link's baseline is emptied once the new tab exists, so the first cycle
writes every measure; a new file has a new identity and a new link. Until then the damaged
tab keeps its baseline: a restore that stops before (`RestoreStopped`: the new tab could not
be made) leaves the cycle refusing the damaged tab as before, rather than taking a range
pasted over the plan for new measures and every change made in Planlogg meanwhile for a
conflict, and a restore run again finds the same unsynced edits (kept once: `record_once`)
and those typed since. The sheet's sync lock (and the new file's) is held from the first
read to the end of that first cycle, so no other sync comes between the conflicts and the
new tab; where the new tab is a target of its own (Excel Online), its lock is taken as soon
as it exists.
The new tab's header, and everything the restore writes, is in the målform of the plan's
community at the time of the restore; the damaged tab's columns are found by their header
in either målform.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.application import Planlogg
from domain.errors import PlanloggError
from domain.measure_sheet import clean_text
from domain.norwegian_time import oslo_today
from domain.own_reasons import RESTORED
from domain.plan import Plan
from domain.provenance import Provenance, Source
from language import _, ngettext, speaking
from sync.apply import check_losing_text, losing_text, record_once
from sync.backend import BackendError, SheetBackend, SheetBusy, SheetSnapshot
from sync.cells import same_meaning
from sync.cycle import CycleReport, SheetSync, store_view
from sync.layout import ID, Layout
from sync.link import load_link, migrate_link
from sync.lock import sync_lock
from sync.loop import lay_out
from sync.merge import Conflict, StoreView


@dataclass(frozen=True)
class RestoreReport:
    """What a restore kept and where the plan is now; `summary()` is what people read."""

    label: str
    kept: int
    unplaced: int
    cycle: CycleReport
    refused: tuple[str, ...] = ()
    """Unsynced edits no field may hold (too long), each with its row: the damaged tab,
    left as it was, still has them."""
    tab: str = ""
    """The tab the plan was laid out on, by the title it has; empty when it was laid out in
    a new file."""

    def summary(self) -> str:
        if self.tab:
            place = ngettext(
                "Planen er lagt ut på nytt i fanen «%(tab)s» i «%(sheet)s» "
                "(%(num)s celle skrevet).",
                "Planen er lagt ut på nytt i fanen «%(tab)s» i «%(sheet)s» "
                "(%(num)s celler skrevet).",
                self.cycle.written,
                tab=self.tab,
                sheet=self.label,
            )
        else:
            place = ngettext(
                "Planen er lagt ut på nytt i «%(sheet)s» (%(num)s celle skrevet).",
                "Planen er lagt ut på nytt i «%(sheet)s» (%(num)s celler skrevet).",
                self.cycle.written,
                sheet=self.label,
            )
        return f"{place} {self.what_was_kept()}"

    def what_was_kept(self, at_most: int | None = None) -> str:
        """What became of the damaged tab's edits and rows (`what_was_kept`), naming at most
        `at_most` of the edits that could not be kept (all when None) and counting the rest."""
        named = self.refused if at_most is None else self.refused[:at_most]
        return what_was_kept(self.kept, self.unplaced, named, len(self.refused))


def what_was_kept(
    kept: int, unplaced: int, refused: Sequence[str], refusals: int | None = None
) -> str:
    """What became of the damaged tab's unsynced edits and rows, in the målform spoken: the
    command line's summary and the page's notice alike. `refused` may be the first of
    `refusals` (all of them when None): the rest are only counted."""
    said = [
        ngettext(
            "%(num)s endring fra den skadde fanen som ikke var synkronisert, er tatt vare på "
            "som konflikt.",
            "%(num)s endringer fra den skadde fanen som ikke var synkronisert, er tatt vare på "
            "som konflikter.",
            kept,
        )
    ]
    if unplaced:
        said.append(
            ngettext(
                "%(num)s rad uten kjent ID står igjen i den skadde fanen.",
                "%(num)s rader uten kjent ID står igjen i den skadde fanen.",
                unplaced,
            )
        )
    total = len(refused) if refusals is None else refusals
    if total:
        said.append(
            ngettext(
                "%(num)s endring kunne ikke tas vare på, og står igjen i den skadde fanen: "
                "%(refusals)s",
                "%(num)s endringer kunne ikke tas vare på, og står igjen i den skadde fanen: "
                "%(refusals)s",
                total,
                refusals=" ".join(refused),
            )
        )
    if total > len(refused):
        said.append(_("Og %(more)s til.", more=total - len(refused)))
    return " ".join(said)


class RestoreStopped(PlanloggError):
    """A restore that stopped after it kept the damaged tab's unsynced edits: the new tab
    could not be made, laid out or written. What it kept stays kept, and no later round
    tries the restore again: people run it again (`said` tells them so, in one place for
    the command line and the page's button). `busy` when what stopped it was a sheet busy
    elsewhere (`SheetBusy`): the command line exits as for a concurrent edit.
    `before_keeping` when it stopped before it kept anything (`before_anything_kept`)."""

    def __init__(
        self,
        cause: str,
        kept: int,
        unplaced: int,
        refused: tuple[str, ...] = (),
        busy: bool = False,
        before_keeping: bool = False,
    ) -> None:
        self.cause, self.kept, self.unplaced, self.refused = cause, kept, unplaced, refused
        self.busy, self.before_keeping = busy, before_keeping
        super().__init__(self.said())

    @classmethod
    def before_anything_kept(cls, cause: str, busy: bool = False) -> RestoreStopped:
        """A restore stopped by the sheet's lock or its first read: nothing kept, nothing
        written, and people run it again."""
        return cls(cause, 0, 0, busy=busy, before_keeping=True)

    def said(self, at_most: int | None = None, button: bool = False) -> str:
        """What stopped the restore, what it kept (naming at most `at_most` of the edits it
        could not keep) and to run it again: the command, or the page's `button`."""
        if self.before_keeping:
            stopped = _(
                "Planen ble ikke lagt ut på nytt, og ingenting er tatt vare på: %(cause)s",
                cause=self.cause,
            )
            if button:
                again = _("Trykk «Legg planen ut på nytt i regnearket» igjen.")
            else:
                again = _("Kjør «planlogg sync restore» på nytt.")
            return f"{stopped} {again}"
        stopped = _("Planlogg stoppet før planen var lagt ut på nytt: %(cause)s", cause=self.cause)
        named = self.refused if at_most is None else self.refused[:at_most]
        kept = what_was_kept(self.kept, self.unplaced, named, len(self.refused))
        if button:
            again = _(
                "Trykk «Legg planen ut på nytt i regnearket» igjen; det som alt er tatt vare "
                "på, blir ikke tatt vare på to ganger."
            )
        else:
            again = _(
                "Kjør «planlogg sync restore» på nytt; det som alt er tatt vare på, blir ikke "
                "tatt vare på to ganger."
            )
        return f"{stopped} {kept} {again}"


def restore(
    sheet_sync: SheetSync,
    backend: SheetBackend,
    plan_key: str,
    tab: str = "",
    to: SheetBackend | None = None,
    today: Callable[[], date] = oslo_today,
) -> RestoreReport:
    """Keep the damaged sheet's unsynced edits as conflicts, then lay the plan out again on
    a new tab (`tab`, by default the plan key and today's date) or in `to`.

    A refusal of its own (the sheet busy with another sync) speaks the målform of whoever
    asked, as the page or command that shows it does; what it stores (the provenance of
    the conflicts) speaks the plan community's, and so do the lay-out and the cycle, as
    they speak wherever they run."""
    return _restore(sheet_sync, backend, plan_key, tab, to, today)


def _restore(
    sheet_sync: SheetSync,
    backend: SheetBackend,
    plan_key: str,
    tab: str,
    to: SheetBackend | None,
    today: Callable[[], date],
) -> RestoreReport:
    app = sheet_sync.app
    with ExitStack() as held:
        try:
            held.enter_context(sync_lock(app, backend.target, backend.label))
            if to is not None:
                held.enter_context(sync_lock(app, to.target, to.label))
            snapshot = backend.read()
        except (BackendError, SheetBusy) as error:
            busy = isinstance(error, SheetBusy)
            raise RestoreStopped.before_anything_kept(error.cause, busy) from error
        migrate_link(app, plan_key, backend.target, backend.legacy_targets)
        made_before = to is None and _left_empty(app, plan_key, backend.target, snapshot)
        with speaking(app.plan_language(plan_key)):
            by = Provenance(
                _("Regnearket «%(sheet)s»", sheet=backend.label),
                Source.SHEET,
                reason=_(RESTORED),
            )
        state: dict[str, Any] = {}

        def keep(plan: Plan) -> int:
            link = load_link(app, plan_key, backend.target)
            layout = Layout.for_years(plan.years)
            found, unplaced = unsynced(layout, snapshot, store_view(plan, layout), link.base)
            kept, refused = [], []
            for conflict in found:
                lost = losing_text(conflict)
                try:
                    check_losing_text(conflict, lost)
                except PlanloggError as error:
                    refused.append(
                        _("Rad %(row)s: %(refusal)s", row=conflict.row, refusal=error.message)
                    )
                    continue
                record_once(plan, conflict, lost, by)
                kept.append(conflict)
            state["refused"] = tuple(refused)
            state["unplaced"] = unplaced
            return len(kept)

        kept = app.change_plan(plan_key, keep)
        made = snapshot.title if made_before else ""
        try:
            if to is None and not made_before:
                asked = tab or f"{plan_key} {today():%d.%m.%Y}"
                locked = backend.target
                made = backend.relocate(asked)
                if backend.target != locked:
                    held.enter_context(sync_lock(app, backend.target, backend.label))
                _forget_base(app, plan_key, locked)
            target = to or backend
            lay_out(app, target, plan_key)
            report = sheet_sync.cycle_holding_lock(target, plan_key, today=today)
        except PlanloggError as error:
            busy = isinstance(error, SheetBusy)
            cause = error.cause if isinstance(error, (BackendError, SheetBusy)) else error.message
            stopped = RestoreStopped(cause, kept, state["unplaced"], state["refused"], busy)
            raise stopped from error
    return RestoreReport(
        target.label, kept, int(state["unplaced"]), report, state["refused"], tab=made
    )


def _left_empty(app: Planlogg, plan_key: str, target: str, snapshot: SheetSnapshot) -> bool:
    """Whether the plan's tab has no rows (at most a header) and was never synced: a new
    tab a restore made and then could not lay out or write (it stopped), which a restore
    run again lays the plan out on rather than leaving it empty beside another new one."""
    if any(cell.strip() for row in snapshot.rows for cell in row):
        return False
    return not load_link(app, plan_key, target).base


def _forget_base(app: Planlogg, plan_key: str, target: str) -> None:
    """Empty the baseline of the sheet the plan has left for a new tab, so the first cycle
    writes every measure there (pending writes settled: they were the old tab's)."""
    link = load_link(app, plan_key, target)
    link.move(dict.fromkeys(link.base), settle=True)
    if link.pending_events:
        app.save(link)


def unsynced(
    layout: Layout, snapshot: SheetSnapshot, store: StoreView, base: dict[str, dict[str, str]]
) -> tuple[list[Conflict], int]:
    """The damaged tab's edits that neither side has: (as conflicts, rows without known ID).

    Pure. Only the editable columns still found by header count; a measure whose ID stands
    on several rows is skipped (which row holds the edit is unknown)."""
    wanted = set(layout.editable) | {ID}
    recognised = layout.recognised
    where: dict[str, int] = {}
    for index, cell in enumerate(snapshot.header):
        name = recognised.get(clean_text(cell), "")
        if name in wanted and name not in where:
            where[name] = index
    if ID not in where:
        return [], sum(1 for row in snapshot.rows if any(c.strip() for c in row))
    rows: dict[str, list[tuple[int, list[str]]]] = {}
    unplaced = 0
    for number, row in enumerate(snapshot.rows, start=2):
        measure_id = _at(row, where[ID])
        if measure_id in store.rows and measure_id in base:
            rows.setdefault(measure_id, []).append((number, row))
        elif any(c.strip() for c in row):
            unplaced += 1
    found: list[Conflict] = []
    for measure_id, placed in rows.items():
        if len(placed) != 1:
            continue
        number, row = placed[0]
        for column, index in where.items():
            if column == ID:
                continue
            text = _at(row, index)
            agreed = base[measure_id].get(column, "")
            stored = store.rows[measure_id].get(column, "")
            if text != agreed and not same_meaning(layout, column, text, stored):
                found.append(Conflict(measure_id, number, column, stored, text))
    return found, unplaced


def _at(row: list[str], index: int) -> str:
    return clean_text(row[index]) if index < len(row) else ""

"""The link between one plan and one sheet: the baseline both sides last agreed on.

The baseline lives in the event store, not in a side file, so it is saved in
the same transaction as the events a sheet edit produced
(`app.change_plan(key, change, also=lambda plan: [link])`): after a crash
either both are stored or neither is, and the next cycle starts from a
consistent point. Its events carry only the cells that moved.

Writing the sheet cannot share that transaction, so the cells about to be
written are recorded first (`expect`) and settled with the baseline move that
follows the write. A crash in between leaves them pending: the next cycle
takes a cell that shows exactly its pending text as written by the sync, not
as a person's edit (which would otherwise look like a conflict as soon as the
store moved on).

A link is found by the sheet's `target`. Older versions of Planlogg built the
target from the tab's title and the workbook's path, so a renamed tab or a moved
file lost its baseline. A backend names those older targets (`legacy_targets`);
the first cycle under the stable target moves the old link's baseline over
(`BaseAdopted` on the new link, `LinkRetired` on the old one, saved together).
The old link's events stay as they were, readable as before.
"""

from __future__ import annotations

import hashlib
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate, event

from domain.aggregate_copy import copy_for_command
from domain.provenance import Provenance

SNAPSHOT_EVERY = 50

Rows = dict[str, dict[str, str]]


def link_id(plan_key: str, target: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"/planlogg/sheet-links/{plan_key}/{target}")


class SheetLink(Aggregate):
    """Per row ID and merged column, the text sheet and store agreed on; plus sync stamps."""

    @staticmethod
    def create_id(plan_key: str, target: str) -> UUID:
        return link_id(plan_key, target)

    @event("SheetLinked")
    def __init__(self, plan_key: str, target: str) -> None:
        self.plan_key = plan_key
        self.target = target
        self.base: Rows = {}
        self.stamps: dict[str, list[str]] = {}
        self.stamped_version = 0
        self.editors_marker = ""

    def __deepcopy__(self, memo: dict[int, Any]) -> SheetLink:
        """A copy a cycle may change (see `Plan.__deepcopy__`): the outer dicts copied.

        The events replace a row's cells and a row's stamp rather than change them in
        place, and the pending writes are replaced whole, so the rows are shared: a
        10,000-row baseline costs one dict copy per load, not 10,000.
        """
        return copy_for_command(self, ("base", "stamps", "refused_keys"))

    @property
    def refused(self) -> frozenset[str]:
        """The refusals already recorded for auditors (one key each), so none is recorded twice."""
        return frozenset(self.__dict__.get("refused_keys", ()))

    def record_refusals(
        self, plan_key: str, refusals: list[dict[str, str]], by: Provenance
    ) -> None:
        """Keep, for auditors, sheet input the sync refused; each distinct refusal once."""
        new = [r for r in refusals if refusal_key(r) not in self.refused]
        if new:
            self._record_refusals(plan_key=plan_key, refusals=new, by=by)

    @event("SheetInputRefused")
    def _record_refusals(
        self, plan_key: str, refusals: list[dict[str, str]], by: Provenance
    ) -> None:
        self.refused_keys = [*self.refused, *(refusal_key(r) for r in refusals)]

    @property
    def pending(self) -> Rows:
        """Per row ID and merged column, the text a write not yet settled put into the sheet."""
        pending: Rows = self.__dict__.get("pending_writes", {})
        return pending

    def expect(self, cells: Rows) -> None:
        """Record, before writing them, the merged cells the sync is about to write."""
        if cells and cells != self.pending:
            self._expect(cells=cells)

    @event("WritesPending")
    def _expect(self, cells: Rows) -> None:
        self.pending_writes = {row_id: dict(texts) for row_id, texts in cells.items()}

    def move(
        self,
        rows: dict[str, dict[str, str] | None],
        stamps: dict[str, list[str]] | None = None,
        stamped_version: int | None = None,
        editors_marker: str | None = None,
        settle: bool = False,
    ) -> None:
        """Record what both sides now agree on; nothing is recorded when nothing moved.

        `settle` clears the pending writes: the caller knows what became of them.
        """
        changed = {
            row_id: cells
            for row_id, cells in rows.items()
            if (cells is None and row_id in self.base)
            or (
                cells is not None
                and any(self.base.get(row_id, {}).get(c) != v for c, v in cells.items())
            )
            or (cells is not None and row_id not in self.base)
        }
        new_stamps = {k: v for k, v in (stamps or {}).items() if self.stamps.get(k) != v}
        version = stamped_version if stamped_version != self.stamped_version else None
        marker = editors_marker if editors_marker != self.editors_marker else None
        settled = settle and bool(self.pending)
        if changed or new_stamps or version is not None or marker is not None or settled:
            self._move(
                rows=changed,
                stamps=new_stamps,
                stamped_version=version,
                editors_marker=marker,
                settled=settled,
            )

    @event("BaseMoved")
    def _move(
        self,
        rows: dict[str, dict[str, str] | None],
        stamps: dict[str, list[str]],
        stamped_version: int | None,
        editors_marker: str | None,
        settled: bool = False,
    ) -> None:
        for row_id, cells in rows.items():
            if cells is None:
                self.base.pop(row_id, None)
                self.stamps.pop(row_id, None)
            else:
                self.base[row_id] = {**self.base.get(row_id, {}), **cells}
        self.stamps.update({k: list(v) for k, v in stamps.items()})
        if stamped_version is not None:
            self.stamped_version = stamped_version
        if editors_marker is not None:
            self.editors_marker = editors_marker
        if settled:
            self.pending_writes = {}

    def adopt(self, previous: SheetLink) -> None:
        """Take over the baseline of the link an older target held (see the module doc)."""
        self._adopt(
            from_target=previous.target,
            base=previous.base,
            stamps=previous.stamps,
            stamped_version=previous.stamped_version,
            editors_marker=previous.editors_marker,
            pending=previous.pending,
        )

    @event("BaseAdopted")
    def _adopt(
        self,
        from_target: str,
        base: Rows,
        stamps: dict[str, list[str]],
        stamped_version: int,
        editors_marker: str,
        pending: Rows,
    ) -> None:
        self.base = {row_id: dict(cells) for row_id, cells in base.items()}
        self.stamps = {row_id: list(stamp) for row_id, stamp in stamps.items()}
        self.stamped_version = stamped_version
        self.editors_marker = editors_marker
        self.pending_writes = {row_id: dict(cells) for row_id, cells in pending.items()}

    @property
    def successor(self) -> str:
        """The target this link's baseline moved to, or "" while it is in use."""
        successor: str = self.__dict__.get("retired_to", "")
        return successor

    def retire(self, successor: str) -> None:
        self._retire(successor=successor)

    @event("LinkRetired")
    def _retire(self, successor: str) -> None:
        self.retired_to = successor


def refusal_key(refusal: dict[str, str]) -> str:
    """Where (measure or row, column) and what was typed: the same refusal has the same key."""
    where = refusal["measure_id"] or f"rad {refusal['row']}"
    typed = hashlib.sha256(refusal["typed"].encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{where}|{refusal['column']}|{typed}"


def find_link(app: Application[Any], plan_key: str, target: str) -> SheetLink | None:
    try:
        link: object = app.repository.get(link_id(plan_key, target))
    except AggregateNotFoundError:
        return None
    if not isinstance(link, SheetLink):
        raise TypeError(f"{link_id(plan_key, target)} is not a sheet link")
    return link


def migrate_link(
    app: Application[Any], plan_key: str, target: str, legacy: tuple[str, ...]
) -> None:
    """Move the baseline of a link kept under an older target to `target`, once."""
    if find_link(app, plan_key, target) is not None:
        return
    for old in legacy:
        previous = find_link(app, plan_key, old)
        if previous is not None and not previous.successor:
            link = SheetLink(plan_key=plan_key, target=target)
            link.adopt(previous)
            previous.retire(target)
            app.save(link, previous)
            return


def load_link(app: Application[Any], plan_key: str, target: str) -> SheetLink:
    """The stored link, or a new unsaved one for a sheet never synced."""
    found = find_link(app, plan_key, target)
    return found if found is not None else SheetLink(plan_key=plan_key, target=target)


def snapshot_if_due(app: Application[Any], link: SheetLink, before: int) -> None:
    """Links gain an event most cycles; a snapshot now and then keeps loading them cheap."""
    if app.snapshots is not None and link.version // SNAPSHOT_EVERY > before // SNAPSHOT_EVERY:
        app.take_snapshot(link.id, version=link.version)


def linked(app: Application[Any], plan_key: str, target: str) -> bool:
    """Whether the store holds a link of the plan to the sheet `target` (a cycle has run for
    it there): one event read, not the link's baseline."""
    return bool(app.recorder.select_events(link_id(plan_key, target), limit=1))

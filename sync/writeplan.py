"""Pure: what to write into the sheet once the store is up to date, and what that confirms.

A merged cell is written only where the sheet still shows the baseline (the
user has not touched it) and the store says something else; a cell holding
rejected input differs from the baseline and is therefore never overwritten.
Measures new in the store are appended; rows of measures removed in the store
are deleted when untouched. Each write carries the baseline move it confirms,
applied only after the write succeeded.

Positions come from the `Placement` (columns found by header): only Planlogg's columns
are ever written, and a removed measure's row that holds something in the user's own
columns, or has an open conflict, is kept (with a message) rather than deleted. Notes
are written only on the cells a message names and cleared only where Planlogg wrote one;
any other note is the user's, and so is whatever a person wrote in a note Planlogg wrote on
(`sync.backend.kept_note`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from domain.numbering import number_sort_key
from language import N_, _
from sync.backend import CellWrite, NoteWrite, SheetWrites
from sync.cells import clean_text
from sync.columns import Placement
from sync.layout import CHANGED_AT, CHANGED_BY, ID, MESSAGE, NUMBER, Layout, heading
from sync.merge import Message, SheetRow, StoreView, texts_of

KEPT_FOR_OWN_COLUMNS = N_(
    "Tiltaket er fjernet i Planlogg. Raden står igjen fordi den har innhold i dine egne "
    "kolonner; slett den selv når du ikke trenger den lenger."
)
KEPT_FOR_CONFLICT = N_(
    "Tiltaket er fjernet i Planlogg. Raden står igjen til konflikten er merket som løst, "
    "og blir da slettet."
)


@dataclass
class WritePlan:
    placement: Placement
    writes: SheetWrites = field(default_factory=SheetWrites)
    confirms: dict[tuple[int, int], tuple[str, dict[str, str]]] = field(default_factory=dict)
    """(row, column) → (measure ID, baseline cells): the baseline move a write confirms."""
    drops: dict[int, str] = field(default_factory=dict)
    """Deleted row → the measure ID whose baseline row goes with it."""
    rows_written: set[int] = field(default_factory=set)
    """Rows with at least one cell write, so a row's ID check is added without a search."""


def plan_writes(
    layout: Layout,
    placement: Placement,
    sheet: list[SheetRow],
    last_row: int,
    store: StoreView,
    base: dict[str, dict[str, str]],
    stamps: dict[str, list[str]],
    messages: list[Message],
    new_ids: dict[int, str],
) -> WritePlan:
    """Linear in the rows: messages are looked up by row and by measure, not searched."""
    plan = WritePlan(placement, SheetWrites(id_column=placement.id_column))
    for column in placement.added:
        _write(layout, plan, 1, column, heading(column), "")
    if placement.added:
        plan.writes.row_ids[1] = ID
    placed: set[str] = set()
    ids = Counter(row.id for row in sheet if row.id and not row.left_behind(layout))
    indexed = _Messages(messages)
    for row in sheet:
        if row.left_behind(layout):  # the measure is elsewhere, or gone: the ID goes too
            _write(layout, plan, row.number, ID, "", row.id)
            plan.writes.row_ids[row.number] = row.id
            continue
        measure_id = row.id or new_ids.get(row.number, "")
        if ids[row.id] > 1:
            measure_id = ""
        own = indexed.of_row(row.number, measure_id)
        if not measure_id:
            if own:
                _stamp_row(layout, plan, row, ["", "", ""], own)
            continue
        placed.add(measure_id)
        if not row.id:
            _write(layout, plan, row.number, ID, measure_id, row.cells.get(ID, ""))
            plan.writes.row_ids[row.number] = ""
        if measure_id in store.rows and row.id in ("", measure_id):
            _refresh_row(layout, plan, row, measure_id, store, base, stamps, own)
        elif measure_id in store.removed and _untouched(layout, row, base.get(measure_id)):
            kept = _kept_because(row, measure_id, store)
            if kept:
                _stamp_row(layout, plan, row, ["", "", ""], [*own, *kept])
                continue
            plan.writes.delete_rows.append(row.number)
            plan.writes.row_ids[row.number] = row.id
            plan.drops[row.number] = measure_id
        elif own:
            _stamp_row(layout, plan, row, ["", "", ""], own)
    missing = sorted(
        (m for m in store.rows if m not in placed and m not in base),
        key=lambda m: number_sort_key(store.rows[m][NUMBER]),
    )
    for offset, measure_id in enumerate(missing, start=1):
        _append_row(
            layout,
            plan,
            last_row + offset,
            measure_id,
            store,
            stamps,
            indexed.by_measure.get(measure_id, []),
        )
    return plan


def pending_cells(plan: WritePlan) -> dict[str, dict[str, str]]:
    """Per measure, the merged cells this plan writes: recorded as pending before writing."""
    cells: dict[str, dict[str, str]] = {}
    for measure_id, texts in plan.confirms.values():
        cells.setdefault(measure_id, {}).update(texts)
    return cells


def written_earlier(
    pending: dict[str, dict[str, str]], sheet: list[SheetRow]
) -> dict[str, dict[str, str]]:
    """The pending cells the sheet shows exactly: a write that was not settled (the cycle
    stopped after it) did happen, so the baseline moves to them. A cell showing anything
    else, or a row whose ID is missing or doubled, is left to the ordinary merge."""
    rows: dict[str, list[SheetRow]] = {}
    for row in sheet:
        if row.id in pending:
            rows.setdefault(row.id, []).append(row)
    written: dict[str, dict[str, str]] = {}
    for measure_id, texts in pending.items():
        found = rows.get(measure_id, [])
        if len(found) != 1:
            continue
        shown = {c: t for c, t in texts.items() if found[0].text(c) == t}
        if shown:
            written[measure_id] = shown
    return written


class _Messages:
    """The messages indexed by sheet row and by measure, each list in the original order."""

    def __init__(self, messages: list[Message]) -> None:
        self.by_row: dict[int, list[tuple[int, Message]]] = {}
        self.unplaced: dict[str, list[tuple[int, Message]]] = {}
        self.by_measure: dict[str, list[Message]] = {}
        for index, message in enumerate(messages):
            if message.row is not None:
                self.by_row.setdefault(message.row, []).append((index, message))
            elif message.measure_id:
                self.unplaced.setdefault(message.measure_id, []).append((index, message))
            if message.measure_id:
                self.by_measure.setdefault(message.measure_id, []).append(message)

    def of_row(self, number: int, measure_id: str) -> list[Message]:
        """Those for this row, and those for its measure that name no row."""
        found = self.by_row.get(number, []) + (
            self.unplaced.get(measure_id, []) if measure_id else []
        )
        return [message for _, message in sorted(found, key=lambda pair: pair[0])]


def _untouched(layout: Layout, row: SheetRow, base_row: dict[str, str] | None) -> bool:
    return base_row is not None and row.agrees_with(base_row, layout.merged)


def _kept_because(row: SheetRow, measure_id: str, store: StoreView) -> list[Message]:
    """Why the untouched row of a removed measure is not deleted, if it is not: an open
    conflict is shown in its Melding until resolved, and the user's own columns are theirs."""
    reasons = []
    if measure_id in store.disputed:
        reasons.append(Message(_(KEPT_FOR_CONFLICT), measure_id=measure_id))
    if row.own:
        reasons.append(Message(_(KEPT_FOR_OWN_COLUMNS), measure_id=measure_id))
    return reasons


def _refresh_row(
    layout: Layout,
    plan: WritePlan,
    row: SheetRow,
    measure_id: str,
    store: StoreView,
    base: dict[str, dict[str, str]],
    stamps: dict[str, list[str]],
    own: list[Message],
) -> None:
    stored = store.rows[measure_id]
    base_row = base.get(measure_id)
    if base_row is not None and row.texts(layout.merged) != texts_of(stored, layout.merged):
        _write_store_changes(layout, plan, row, measure_id, stored, base_row)
    _stamp_row(layout, plan, row, [*stamps.get(measure_id, ["", ""]), ""], own)


def _write_store_changes(
    layout: Layout,
    plan: WritePlan,
    row: SheetRow,
    measure_id: str,
    stored: dict[str, str],
    base_row: dict[str, str],
) -> None:
    """Write what the store changed where the sheet still shows what both last agreed on.

    Only rows whose sheet and store differ come here; most rows of a cycle do not.
    """
    for column in layout.merged:
        text = row.text(column)
        if text == base_row.get(column, "") and stored[column] != text:
            _write(
                layout,
                plan,
                row.number,
                column,
                stored[column],
                row.cells.get(column, ""),
                confirm=measure_id,
            )
            plan.writes.row_ids.setdefault(row.number, row.id)


def _stamp_row(
    layout: Layout, plan: WritePlan, row: SheetRow, stamp: list[str], own: list[Message]
) -> None:
    """Sist endra, Endra av and Melding; notes follow the Melding so they are only rewritten
    when it changes."""
    melding = melding_text(own)
    for column, text in zip((CHANGED_AT, CHANGED_BY), stamp[:2], strict=True):
        if clean_text(row.cells.get(column, "")) != text:
            _write(layout, plan, row.number, column, text, row.cells.get(column, ""))
    shown = row.cells.get(MESSAGE, "")
    if clean_text(shown) != melding:
        _write(layout, plan, row.number, MESSAGE, melding, shown)
        _notes(layout, plan, row.number, own, _said(layout, clean_text(shown)))
    if row.number in plan.rows_written:
        plan.writes.row_ids.setdefault(row.number, row.id)


def _append_row(
    layout: Layout,
    plan: WritePlan,
    number: int,
    measure_id: str,
    store: StoreView,
    stamps: dict[str, list[str]],
    own: list[Message],
) -> None:
    at, by = stamps.get(measure_id, ["", ""])
    values = {
        **store.rows[measure_id],
        ID: measure_id,
        CHANGED_AT: at,
        CHANGED_BY: by,
        MESSAGE: melding_text(own),
    }
    for column in layout.header:
        if values.get(column):
            _write(layout, plan, number, column, values[column], "")
    plan.confirms[(number, plan.placement.index(ID))] = (
        measure_id,
        {c: store.rows[measure_id][c] for c in layout.merged},
    )
    plan.writes.row_ids[number] = ""
    if own:
        _notes(layout, plan, number, own, {})


def _write(
    layout: Layout,
    plan: WritePlan,
    row: int,
    column: str,
    text: str,
    expected: str,
    confirm: str | None = None,
) -> None:
    index = plan.placement.index(column)
    plan.writes.cells.append(CellWrite(row, index, text, expected))
    plan.rows_written.add(row)
    if confirm:
        plan.confirms[(row, index)] = (confirm, {column: text})


def _notes(
    layout: Layout, plan: WritePlan, row: int, own: list[Message], said: dict[str, frozenset[str]]
) -> None:
    """A note on each column a message names; the notes Planlogg wrote before (the columns
    of `said`) and no longer wants are cleared. Only Planlogg's message in a note is its
    own: a person's note on such a cell stays, below Planlogg's message while there is one
    (`sync.backend.kept_note`), and a note on any other cell is never written."""
    by_column: dict[str, list[str]] = {}
    for message in own:
        by_column.setdefault(message.column or MESSAGE, []).append(message.text)
    for column in layout.header:
        if column in by_column or column in said:
            text = "\n".join(by_column.get(column, []))
            earlier = said.get(column, frozenset())
            plan.writes.notes.append(
                NoteWrite(row, plan.placement.index(column), text, earlier=earlier)
            )


def _said(layout: Layout, melding: str) -> dict[str, frozenset[str]]:
    """The columns Planlogg put a note on when it wrote `melding`, the row's Melding as read,
    each with the lines that note's message may hold.

    A cycle's read has no notes (the backends read them only to write them, which costs
    Google a request), and Melding is Planlogg's own record of what it said on the row, kept
    on the row through sorts: a line `Header: text` comes from a note on that column (header
    in either målform), any other line from one on Melding itself. The later lines of a
    message of several lines have no header: they count as one on Melding (Melding is
    read-only, and at worst Planlogg's message in a note of its own column is cleared) and
    as lines of every column's note. A person's note is never taken for Planlogg's unless
    its first lines are, word for word, lines of Melding.
    """
    prefixes = sorted(
        ((f"{text}: ", column) for text, column in layout.recognised.items()),
        key=lambda pair: -len(pair[0]),
    )
    lines: dict[str, set[str]] = {}
    loose: set[str] = set()
    for line in filter(None, melding.split("\n")):
        found = next(((p, c) for p, c in prefixes if line.startswith(p)), None)
        if found is None:
            loose.add(line)
            lines.setdefault(MESSAGE, set())
        else:
            lines.setdefault(found[1], set()).add(line[len(found[0]) :])
    return {
        column: frozenset(texts | loose)
        for column, texts in lines.items()
        if column not in (CHANGED_AT, CHANGED_BY)
    }


def melding_text(messages: list[Message]) -> str:
    lines: list[str] = []
    for message in messages:
        line = f"{heading(message.column)}: {message.text}" if message.column else message.text
        if line not in lines:
            lines.append(line)
    return "\n".join(lines)

"""The pure core of the sync: three views of every cell in, a decision out. No I/O.

Per (row ID, merged column) it compares the sheet now, the store now and the
baseline both last agreed on:

- sheet == base                      → nothing from the sheet (a store change is written later);
- sheet means the same as the store  → converged: the baseline moves;
- only the sheet changed             → an edit to apply (or a Norwegian message when invalid);
  the store counts as unchanged when it means what the baseline holds, so a store that
  now shows a value in the other målform (the community changed målform: "raud" where
  the baseline holds "rød") takes the sheet's edit rather than calling it a conflict;
- both changed, differently          → a conflict: the store wins, the sheet's text is kept.

A row deleted from the sheet removes its measure, unless Planlogg changed the measure since
the last agreement: then the measure stays, each changed column is a conflict (the deletion
lost) and the row is written back, just as an edit to a measure removed in Planlogg is a
conflict rather than lost.

A column the baseline holds no cell of for a known row (one the sheet just gained: a new
year, a new field) counts as agreed empty, so the store's value is written into it.

Identity is the ID column, never the row number; rows without ID are new
measures unless their number names a measure whose row just vanished (its ID
was never written back, or was cleared). Duplicate and unknown IDs are
reported and suspend removals, because identity is then in doubt.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import repeat

from domain.errors import ValidationError
from domain.measure_sheet import REFERENCES, SEE_ALSO
from domain.text import excerpt
from language import _
from sync.cells import clean_text, one_line, parse_cell, same_meaning
from sync.layout import ID, NUMBER, TEXT, Layout, SyncRefused, heading

MASS_REMOVAL_MIN = 3
MASS_REMOVAL_SHARE = 0.2
"""Refuse when at least this many rows and more than this share of the rows vanish at once."""


def texts_of(cells: dict[str, str], columns: tuple[str, ...]) -> list[str]:
    """The texts of `columns` in a row of cells, empty where it has none.

    A cycle compares every row of the sheet, the store and the baseline column by
    column; this reads a row's columns in one pass in C rather than one Python step
    per cell, which made up most of a 10,000-row cycle.
    """
    return list(map(cells.get, columns, repeat("")))


@dataclass(frozen=True)
class SheetRow:
    """One data row as users see it: its 1-based row number and cell texts by column."""

    number: int
    cells: dict[str, str]
    own: bool = False
    """The row holds something in the user's own columns (so the sync never deletes it)."""
    cleaned: dict[str, str] = field(init=False, compare=False, repr=False)
    """Each cell's text as `text` gives it, worked out once (a cycle asks many times)."""
    id: str = field(init=False, compare=False, repr=False)
    """The measure's ID as the row shows it ("" for a new row), read once."""

    def __post_init__(self) -> None:
        cells = self.cells
        if one_line("\x00".join(cells.values())):
            cleaned = dict(zip(cells, map(str.strip, cells.values()), strict=True))
        else:
            cleaned = {column: clean_text(text) for column, text in cells.items()}
        object.__setattr__(self, "cleaned", cleaned)
        object.__setattr__(self, "id", cells.get(ID, "").strip())

    def text(self, column: str) -> str:
        return self.cleaned.get(column, "")

    def texts(self, columns: tuple[str, ...]) -> list[str]:
        """The cleaned texts of `columns`, in their order (see `texts_of`)."""
        return texts_of(self.cleaned, columns)

    def agrees_with(self, base_row: dict[str, str], columns: tuple[str, ...]) -> bool:
        """Whether every column shows what sheet and store last agreed on (most rows do)."""
        return self.texts(columns) == texts_of(base_row, columns)

    def is_blank(self, columns: tuple[str, ...]) -> bool:
        return not any(self.text(c) for c in columns)

    def left_behind(self, layout: Layout) -> bool:
        """Only the ID is left on the row: its content was cut from Nr onward (the ID column
        is grey and often hidden) and perhaps pasted on another row, or cleared. The row is
        no longer the measure: the measure is where its number is now, or it is gone."""
        return bool(self.id) and self.is_blank(layout.editable)


@dataclass(frozen=True)
class StoreView:
    """The store rendered into the merged columns: active measures, and removed IDs."""

    rows: dict[str, dict[str, str]]
    removed: frozenset[str] = frozenset()
    disputed: frozenset[str] = frozenset()
    """Removed measures with an open conflict: their rows stay until it is resolved."""
    as_removed: dict[str, dict[str, str]] = field(default_factory=dict)
    """Removed measures rendered as they were when removed: a row put back is merged against
    it, so what was typed in the row as it was put back is applied, not lost."""


@dataclass(frozen=True)
class Message:
    """A Norwegian explanation shown on a sheet row (by row number) or a measure's row."""

    text: str
    column: str = ""
    row: int | None = None
    measure_id: str | None = None
    typed: str | None = None
    """What the person typed, when the message refuses it (recorded for auditors)."""


@dataclass(frozen=True)
class Edit:
    """Sheet-only changes of one row: column → (the user's text, its parsed value)."""

    measure_id: str
    row: int
    cells: dict[str, tuple[str, object]]


@dataclass(frozen=True)
class Conflict:
    measure_id: str
    row: int | None
    """The sheet row holding the losing text; None when the loss is the row's deletion."""
    column: str
    kept: str
    lost: str


@dataclass(frozen=True)
class NewMeasure:
    row: int
    cells: dict[str, str]
    values: dict[str, object]


@dataclass
class Reconciliation:
    """What to do with one sheet read: converge, apply, record as conflicts, create, remove."""

    converged: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    edits: list[Edit] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    creations: list[NewMeasure] = field(default_factory=list)
    restores: list[str] = field(default_factory=list)
    removals: list[str] = field(default_factory=list)
    forgotten: list[str] = field(default_factory=list)
    claims: dict[int, str] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)

    @property
    def touches_store(self) -> bool:
        return bool(
            self.edits or self.conflicts or self.creations or self.restores or self.removals
        )

    @property
    def moves_base(self) -> bool:
        return bool(self.converged or self.forgotten or self.touches_store)


def decide(
    layout: Layout,
    sheet: list[SheetRow],
    store: StoreView,
    base: dict[str, dict[str, str]],
    allow_mass_removal: bool = False,
) -> Reconciliation:
    """What to apply, given the sheet, the store and the baseline. Raises SyncRefused."""
    decision = Reconciliation()
    by_id: dict[str, list[SheetRow]] = defaultdict(list)
    unidentified: list[SheetRow] = []
    for row in sheet:
        if row.id and not row.left_behind(layout):
            by_id[row.id].append(row)
        elif not row.is_blank(layout.editable):
            unidentified.append(row)
    doubt = _report_identity_problems(by_id, store, decision)
    vanished = [i for i in base if i not in by_id]
    claimed = _claim_rows_without_id(layout, unidentified, vanished, base, decision)
    shown_by = _shown_by(base)
    for measure_id, rows in by_id.items():
        if len(rows) != 1 or not _known(measure_id, store):
            continue
        if _displaced(measure_id, rows[0], base, shown_by, decision):
            doubt = True  # the measure whose text the row shows is not gone, whatever its row
        else:
            _merge_row(layout, measure_id, rows[0], store, base.get(measure_id), decision)
    for row in unidentified:
        if row.number in claimed:
            _merge_row(
                layout, claimed[row.number], row, store, base.get(claimed[row.number]), decision
            )
        else:
            _new_measure(layout, row, decision)
    gone = [i for i in vanished if i not in claimed.values()]
    _remove_vanished(layout, gone, store, base, doubt, allow_mass_removal, decision)
    _follow_numbers_moved(decision, store, base, by_id)
    return decision


def _follow_numbers_moved(
    decision: Reconciliation,
    store: StoreView,
    base: dict[str, dict[str, str]],
    by_id: dict[str, list[SheetRow]],
) -> None:
    """A link typed in the sheet names measures by the numbers the sheet showed: one Planlogg
    gave a measure since (moved or renumbered on the web), while the sheet still shows the
    old one, is the measure's number now; else the link would point at no measure, or at
    whichever took the old number later. (A number the sheet shows changed, typed there or
    written the same as the web's, is the number the person saw; a number given in the sheet
    in the same cycle is followed by the renumbering itself.)"""
    moved = {
        shown: now
        for measure_id, row in base.items()
        if (shown := row.get(NUMBER, ""))
        and measure_id in store.rows
        and (now := store.rows[measure_id].get(NUMBER, "")) != shown
        and all(r.text(NUMBER) == shown for r in by_id.get(measure_id, ()))
    }
    if not moved:
        return
    typed = [edit.cells for edit in decision.edits]
    for cells in typed:
        for column in LINKS:
            text, numbers = cells.get(column, ("", None))
            if isinstance(numbers, tuple):
                cells[column] = (text, tuple(moved.get(n, n) for n in numbers))
    for creation in decision.creations:
        for column in LINKS:
            numbers = creation.values.get(column)
            if isinstance(numbers, tuple):
                creation.values[column] = tuple(moved.get(n, n) for n in numbers)


LINKS = (SEE_ALSO, REFERENCES)
"""The columns that name other measures by number."""


def _shown_by(base: dict[str, dict[str, str]]) -> dict[tuple[str, str], str]:
    """Each measure's number and text as sheet and store last agreed on, to its ID."""
    return {(row.get(NUMBER, ""), row.get(TEXT, "")): mid for mid, row in base.items()}


def _displaced(
    measure_id: str,
    row: SheetRow,
    base: dict[str, dict[str, str]],
    shown_by: dict[tuple[str, str], str],
    decision: Reconciliation,
) -> bool:
    """The row shows another measure's number and text beside this measure's ID: the rows
    were sorted or moved without the ID column (grey, and often hidden), so the measures
    would take each other's texts. Nothing on the row is taken in, and the row says why."""
    shown = (row.text(NUMBER), row.text(TEXT))
    other = shown_by.get(shown)
    own = base.get(measure_id)
    if other is None or other == measure_id or own is None:
        return False
    if row.text(TEXT) == own.get(TEXT, ""):
        return False  # its own text under another's number: two rows traded numbers
    decision.messages.append(
        Message(
            _(
                "Raden viser tiltak %(number)s, men ID-en på raden er %(id)s, som er tiltak "
                "%(own)s. Er radene sortert eller flyttet uten ID-kolonnen? Ingenting på raden "
                "er tatt inn. Angre sorteringen, eller sorter hele rader, med ID-kolonnen.",
                number=shown[0],
                id=measure_id,
                own=own.get(NUMBER, ""),
            ),
            column=ID,
            row=row.number,
            typed=measure_id,
        )
    )
    return True


def _known(measure_id: str, store: StoreView) -> bool:
    return measure_id in store.rows or measure_id in store.removed


def _report_identity_problems(
    by_id: dict[str, list[SheetRow]], store: StoreView, decision: Reconciliation
) -> bool:
    doubt = False
    for measure_id, rows in by_id.items():
        if len(rows) > 1:
            doubt = True
            numbers = " og ".join(str(r.number) for r in rows)
            for row in rows:
                decision.messages.append(
                    Message(
                        _(
                            "ID-en %(id)s står på flere rader (%(rows)s). Ingen av dem blir "
                            "synkronisert før bare én rad har ID-en: tøm ID på en kopiert rad "
                            "(den blir da et nytt tiltak) eller slett den.",
                            id=excerpt(measure_id),
                            rows=numbers,
                        ),
                        column=ID,
                        row=row.number,
                        typed=measure_id,
                    )
                )
        elif not _known(measure_id, store):
            doubt = True
            decision.messages.append(
                Message(
                    _(
                        "Ukjent ID «%(id)s». ID-kolonnen skrives av Planlogg og skal ikke "
                        "endres. Sett tilbake den gamle ID-en, eller tøm cellen om raden er et "
                        "nytt tiltak.",
                        id=excerpt(measure_id),
                    ),
                    column=ID,
                    row=rows[0].number,
                    typed=measure_id,
                )
            )
    return doubt


def _claim_rows_without_id(
    layout: Layout,
    rows: list[SheetRow],
    vanished: list[str],
    base: dict[str, dict[str, str]],
    decision: Reconciliation,
) -> dict[int, str]:
    """A row without ID whose number is that of a vanished row is that measure."""
    claimed: dict[int, str] = {}
    for row in rows:
        for measure_id in vanished:
            if measure_id in claimed.values():
                continue
            if same_meaning(layout, NUMBER, row.text(NUMBER), base[measure_id].get(NUMBER, "")):
                claimed[row.number] = measure_id
                decision.claims[row.number] = measure_id
                break
    return claimed


def _merge_row(
    layout: Layout,
    measure_id: str,
    row: SheetRow,
    store: StoreView,
    base_row: dict[str, str] | None,
    decision: Reconciliation,
) -> None:
    stored = store.rows.get(measure_id)
    restoring = stored is None and base_row is None
    if restoring:
        decision.restores.append(measure_id)
        stored = base_row = store.as_removed.get(measure_id)
        if stored is None:
            return
    if base_row is not None and row.agrees_with(base_row, layout.merged):
        return
    edits: dict[str, tuple[str, object]] = {}
    for column in layout.merged:
        if restoring and column in layout.derived:
            continue  # rendered from today's goals and areas, not from what the row was
        sheet_text = row.text(column)
        base_text = None if base_row is None else base_row.get(column, "")
        if sheet_text == base_text:
            continue
        store_text = None if stored is None else stored.get(column, "")
        if store_text is not None and same_meaning(layout, column, sheet_text, store_text):
            decision.converged[measure_id][column] = sheet_text
        elif store_text is not None and _unchanged(layout, column, store_text, base_text):
            _sheet_only(layout, column, sheet_text, row.number, measure_id, edits, decision)
        else:
            kept = _("(tiltaket er fjernet i Planlogg)") if store_text is None else store_text
            decision.conflicts.append(Conflict(measure_id, row.number, column, kept, sheet_text))
    if edits:
        decision.edits.append(Edit(measure_id, row.number, edits))


def _unchanged(layout: Layout, column: str, store_text: str, base_text: str | None) -> bool:
    """The store still means what sheet and store last agreed on (perhaps in other words)."""
    if base_text is None:
        return False
    return store_text == base_text or same_meaning(layout, column, store_text, base_text)


def _sheet_only(
    layout: Layout,
    column: str,
    text: str,
    row: int,
    measure_id: str,
    edits: dict[str, tuple[str, object]],
    decision: Reconciliation,
) -> None:
    if column in layout.derived:
        decision.messages.append(
            Message(
                _(
                    "%(column)s følger av nummeret i %(number)s og blir ikke endret fra "
                    "regnearket. "
                    "Endre %(number)s for å flytte tiltaket, eller endre teksten i Planlogg.",
                    column=heading(column),
                    number=heading(NUMBER),
                ),
                column=column,
                row=row,
                measure_id=measure_id,
                typed=text,
            )
        )
        return
    try:
        edits[column] = (text, parse_cell(layout, column, text))
    except ValidationError as error:
        decision.messages.append(
            Message(error.message, column=column, row=row, measure_id=measure_id, typed=text)
        )


def _new_measure(layout: Layout, row: SheetRow, decision: Reconciliation) -> None:
    cells = {c: row.text(c) for c in layout.merged}
    values: dict[str, object] = {}
    problems = False
    for column in layout.editable:
        if column in (NUMBER, TEXT) or cells[column]:
            try:
                values[column] = parse_cell(layout, column, cells[column])
            except ValidationError as error:
                problems = True
                decision.messages.append(
                    Message(error.message, column=column, row=row.number, typed=cells[column])
                )
    if not problems:
        decision.creations.append(NewMeasure(row.number, cells, values))


def _remove_vanished(
    layout: Layout,
    gone: list[str],
    store: StoreView,
    base: dict[str, dict[str, str]],
    doubt: bool,
    allow_mass_removal: bool,
    decision: Reconciliation,
) -> None:
    active = [i for i in gone if i in store.rows]
    decision.forgotten.extend(i for i in gone if i not in store.rows)
    if not active or doubt:
        return
    if (
        not allow_mass_removal
        and len(active) >= MASS_REMOVAL_MIN
        and len(active) > MASS_REMOVAL_SHARE * len(base)
    ):
        raise SyncRefused(
            _(
                "%(gone)s av %(all)s rader er borte fra planfanen på en gang "
                "(er fanen tømt, eller er et filter eller en innliming over radene?). "
                "Synkroniseringen har ikke endret noe. Hent radene tilbake (angre eller se "
                "versjonshistorikken), eller kjør «planlogg sync --allow-removals» om de "
                "virkelig skal fjernes.",
                gone=len(active),
                all=len(base),
            )
        )
    for measure_id in active:
        changed = _changed_in_store(layout, store.rows[measure_id], base[measure_id])
        if changed:
            _keep_deleted_row(measure_id, changed, store.rows[measure_id], decision)
        else:
            decision.removals.append(measure_id)


def _changed_in_store(
    layout: Layout, stored: dict[str, str], base_row: dict[str, str]
) -> list[str]:
    """The editable columns whose store value no longer means what sheet and store last
    agreed on: Planlogg changed the measure since. Derived columns are left out, as a goal
    renamed in Planlogg is no change to the measure; so are columns the baseline holds no
    cell of (the sheet just gained them, and the store's value was never shown)."""
    return [
        column
        for column in layout.editable
        if column in base_row
        and not _unchanged(layout, column, stored.get(column, ""), base_row[column])
    ]


def _keep_deleted_row(
    measure_id: str, changed: list[str], stored: dict[str, str], decision: Reconciliation
) -> None:
    """A row deleted in the sheet while Planlogg changed its measure: the measure stays,
    each changed column becomes a conflict the deletion lost, and the baseline forgets the
    row, so the measure is written back as a new row with the conflicts in its Melding."""
    deleted = _("(raden er slettet i regnearket)")
    decision.conflicts.extend(
        Conflict(measure_id, None, column, stored.get(column, ""), deleted) for column in changed
    )
    decision.forgotten.append(measure_id)

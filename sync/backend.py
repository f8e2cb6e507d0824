"""The port every spreadsheet backend implements, and the values that cross it.

A backend reads all it needs in one go (`read`), says who edited since a
marker (`editors`), writes a batch of cells, notes and row deletions
(`write`), lays a sheet out (`lay_out`) and starts the plan afresh on a new tab
(`relocate`). It finds the plan's tab by a marker that survives renames, not by
its title, and its `target` names the spreadsheet by an identity of its own
(not a path or a tab title), so a renamed tab or a moved file is the same sheet.
`write` re-checks the cells it is about to overwrite and skips any that changed
since they were read, so a person typing during a cycle is never overwritten: the
skipped cell is the next cycle's work.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from domain.errors import ConcurrentEditError, PlanloggError
from language import _


class SheetBusy(ConcurrentEditError):
    """The sheet cannot be written now (open in Excel/LibreOffice, or another sync runs).

    As with `BackendError`, `cause` is why and `then` what becomes of it (for a cycle: that
    the changes are taken in later); `message` says both, and a restore says `cause` alone."""

    def __init__(self, cause: str, then: str = "") -> None:
        super().__init__(f"{cause} {then}" if then else cause)
        self.cause = cause
        self.then = then


class BackendError(PlanloggError):
    """The spreadsheet service failed after retries; nothing half-done was saved.

    `cause` is what failed, `then` what becomes of it (for a cycle: that the next round
    tries again); `message` says both. A caller for whom `then` is not true (a restore,
    which no later round tries again) says `cause` with its own words."""

    def __init__(self, cause: str, then: str = "") -> None:
        super().__init__(f"{cause} {then}" if then else cause)
        self.cause = cause
        self.then = then

    @classmethod
    def next_round(cls, cause: str) -> BackendError:
        """A failure that left nothing half-done, which the sync's next round tries again."""
        return cls(cause, _("Ingenting halvgjort er lagret; neste synkronisering prøver igjen."))


@dataclass(frozen=True)
class SheetSnapshot:
    """What a reader sees: the plan tab's header and data rows, and the other tabs' cells."""

    header: list[str]
    rows: list[list[str]]
    tabs: dict[str, list[list[str]]] = field(default_factory=dict)
    title: str = ""
    """The plan tab's title as read; "" when there is none."""

    @property
    def first_data_row(self) -> int:
        return 2

    @property
    def last_row(self) -> int:
        return 1 + len(self.rows)

    @property
    def width(self) -> int:
        """The widest row's length, header included (cells may stand past the header)."""
        return max([len(self.header), *(len(row) for row in self.rows)])


@dataclass(frozen=True)
class CellWrite:
    """Write `text` at (row, 0-based column) if the cell still shows `expected`."""

    row: int
    column: int
    text: str
    expected: str


NOTE_LINE = "─" * 12
"""The line between Planlogg's message and a person's own note on the same cell (the same in
both målformer, so a note keeps being read when its community changes målform)."""


@dataclass(frozen=True)
class NoteWrite:
    """Planlogg's message on the cell at (row, 0-based column): `text`, or "" to take it away.

    The cell's note may hold a person's own text too, which is never Planlogg's to change:
    the backend reads the note as it stands just before writing and writes `kept_note`.
    `earlier` are the lines Planlogg's message there may hold now (what the row's Melding
    said when it was read: Melding repeats every message of the row); a note's opening
    lines found there are Planlogg's, everything else is the person's."""

    row: int
    column: int
    text: str
    earlier: frozenset[str] = frozenset()


@dataclass
class SheetWrites:
    cells: list[CellWrite] = field(default_factory=list)
    notes: list[NoteWrite] = field(default_factory=list)
    delete_rows: list[int] = field(default_factory=list)
    row_ids: dict[int, str] = field(default_factory=dict)
    """The ID text each touched row had when read; a row whose ID moved is left alone."""
    tabs: dict[str, list[list[str]]] = field(default_factory=dict)
    id_column: int = 0
    """Where the ID column is (columns are found by header, so it may have moved)."""
    rows_read: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """Each row of `delete_rows`, and each row whose ID cell was read empty (a row Planlogg
    adds, or gives its first ID), as it was read, every cell of it (a person's own columns
    too; empty past the rows read): a row that no longer shows exactly this is not deleted,
    nor written (`still_valid`)."""
    header_read: tuple[str, ...] | None = None
    """The plan tab's header row as read (None: not recorded). Every write to the plan tab
    is placed by the columns this header had: one that shows otherwise now (a column
    inserted, moved or renamed during the cycle) gets none of them (`still_valid`)."""

    def __bool__(self) -> bool:
        return bool(self.cells or self.notes or self.delete_rows or self.tabs)

    def rest(
        self,
        sent: Iterable[CellWrite],
        cells: list[CellWrite],
        delete_rows: list[int],
        notes: list[NoteWrite] | None = None,
    ) -> SheetWrites:
        """`cells`, `delete_rows` and `notes`, the part not yet sent, as writes to check
        against the plan tab read again after `sent` was written (`still_valid`): each row
        recorded as read shows `sent` in it now, and a row whose ID cell `sent` filled is
        known by that ID. A backend that writes in several requests and had to wait between
        them (throttling) checks the rest this way: a person may have typed during the wait."""
        row_ids = dict(self.row_ids)
        rows_read = dict(self.rows_read)
        for cell in sent:
            if cell.column == self.id_column:
                row_ids[cell.row] = cell.text.strip()
            if cell.row in rows_read:
                read = list(rows_read[cell.row])
                read += [""] * (cell.column + 1 - len(read))
                read[cell.column] = cell.text
                rows_read[cell.row] = tuple(read)
        return SheetWrites(
            cells=cells,
            notes=notes or [],
            delete_rows=delete_rows,
            row_ids=row_ids,
            id_column=self.id_column,
            rows_read=rows_read,
            header_read=self.header_read,
        )

    def remember_read(self, snapshot: SheetSnapshot) -> None:
        """Record the header, each row to delete and each row without an ID as `snapshot`
        (the read this plan was made from) shows them, so the backend writes only while the
        header shows the same, deletes a row only while it shows the same, and writes a row
        without an ID only while nobody typed in it (`still_valid`): a person typing a
        new row below the table would otherwise find Planlogg's new measure written into it."""
        self.header_read = _trimmed(snapshot.header)
        unnamed = [row for row, wanted in self.row_ids.items() if not wanted]
        for row in (*self.delete_rows, *unnamed):
            index = row - snapshot.first_data_row
            if 0 <= index < len(snapshot.rows):
                self.rows_read[row] = tuple(snapshot.rows[index])
            elif index >= len(snapshot.rows):
                self.rows_read[row] = ()


@dataclass
class WriteResult:
    written: set[tuple[int, int]] = field(default_factory=set)
    deleted: set[int] = field(default_factory=set)
    skipped: int = 0


@dataclass(frozen=True)
class Editors:
    """Who edited since the last marker (several when several did), and the new marker."""

    names: tuple[str, ...]
    marker: str


@dataclass(frozen=True)
class SheetFormat:
    """What `lay_out` applies: header, dropdowns, colours and protected columns.

    `header` is the row a new (empty) tab gets, in the målform of the moment it is laid
    out; every index is the column's place in the sheet as it is (0-based), found by
    header when people moved columns. A header in the sheet may be another spelling of
    one of `header` (the other målform's): `aliases` maps each such spelling to it.
    """

    header: tuple[str, ...]
    status_column: int
    status_choices: tuple[str, ...]
    read_only_columns: tuple[int, ...]
    tabs: tuple[str, ...]
    dropdowns: tuple[tuple[int, tuple[str, ...]], ...] = ()
    """Columns holding one value from a list, and the values their dropdown offers."""
    aliases: tuple[tuple[str, str], ...] = ()
    """(a spelling found in a sheet, the entry of `header` it stands for)."""
    legacy: frozenset[str] = frozenset()
    """The spellings among `aliases` that older versions wrote («Område»): each is its
    column's only where no spelling of today stands, else a column of the person's own."""

    def placed(self, found: list[str]) -> SheetFormat:
        """The same format for a tab whose header row is `found`: each index moves to where
        its column's header stands now (people may have moved or added columns); a column
        not found is left out, and so is an older spelling beside today's (`legacy`), as the
        sync reads it (`sync.columns.place`). An empty header row gets the format as it is."""
        if not any(str(cell or "").strip() for cell in found):
            return self
        where = self._columns(found)

        def at(index: int) -> int | None:
            return where.get(self.header[index]) if index < len(self.header) else None

        status = at(self.status_column)
        return SheetFormat(
            header=self.header,
            status_column=-1 if status is None else status,
            status_choices=self.status_choices,
            read_only_columns=tuple(
                i for i in (at(c) for c in self.read_only_columns) if i is not None
            ),
            tabs=self.tabs,
            aliases=self.aliases,
            legacy=self.legacy,
            dropdowns=tuple(
                (i, choices)
                for i, choices in ((at(c), choices) for c, choices in self.dropdowns)
                if i is not None
            ),
        )

    def plan_columns(self, found: Sequence[object]) -> tuple[int, ...]:
        """Where (0-based) the plan's columns stand in a tab whose header row is `found`, by
        the same rule as `placed`. Columns people added are theirs, and Planlogg leaves their
        format alone."""
        return tuple(sorted(self._columns(found).values()))

    def _columns(self, found: Sequence[object]) -> dict[str, int]:
        """Each entry of `header` found in the header row `found`, and where (its leftmost
        spelling); an older spelling beside one of today's is a column of the person's."""
        cleaned = [str(cell or "").strip() for cell in found]
        alias = dict(self.aliases)
        today = {alias.get(name, name) for name in cleaned if name and name not in self.legacy}
        return {
            alias.get(name, name): i
            for i, name in reversed(list(enumerate(cleaned)))
            if name
            and (name in alias or name in self.header)
            and not (name in self.legacy and alias[name] in today)
        }


class SheetBackend(Protocol):
    """A spreadsheet holding one plan's worksheet plus the Vedtak and Oversikt tabs."""

    @property
    def target(self) -> str:
        """Stable identity of the sheet (for the baseline and the sync lock)."""
        ...

    @property
    def label(self) -> str:
        """How messages name the sheet, e.g. «plan.xlsx» or the spreadsheet's title."""
        ...

    @property
    def requests(self) -> int:
        """API requests made so far (0 for local files)."""
        ...

    @property
    def legacy_targets(self) -> tuple[str, ...]:
        """What older versions of Planlogg called this sheet (their links are migrated)."""
        ...

    def read(self) -> SheetSnapshot: ...

    def editors(self, since: str) -> Editors: ...

    def write(self, writes: SheetWrites) -> WriteResult: ...

    def lay_out(self, sheet_format: SheetFormat) -> None: ...

    def relocate(self, title: str) -> str:
        """Make a new, empty tab titled `title` the plan's tab (`sync restore`); the tab
        that was the plan's is left exactly as it is, for people to compare and delete.
        Returns the title the new tab got (a number added when `title` is taken)."""
        ...


def still_valid(writes: SheetWrites, grid: Sequence[Sequence[str]]) -> SheetWrites:
    """The part of `writes` that is still safe now that the sheet was read again (`grid`,
    its rows from row 1, each as wide as the sheet has cells in it).

    A plan tab whose header changed (a column inserted, moved or renamed under us) gets
    nothing: every cell would land in another column than the one it was meant for. A row
    whose ID cell changed (sorted, moved, deleted under us) gets nothing, nor does a row
    read without an ID that someone typed in since (its cells would become another
    measure's); a cell that no longer shows what was read is skipped. A row to delete is deleted
    only while every cell of it shows what was read (`SheetWrites.rows_read`): its ID
    alone does not say that nobody typed in it during the cycle, and what they typed
    (a note in their own column, a Tiltak written anew) would go with the row. The
    caller writes the rest; the dropped part is found again by the next cycle (a row
    with something in the person's own columns is then kept, one edited is merged).
    """

    def cell_at(row: int, column: int) -> str:
        if row - 1 < len(grid) and column < len(grid[row - 1]):
            return grid[row - 1][column]
        return ""

    id_column = writes.id_column
    header_now = _trimmed(grid[0] if grid else ())
    if writes.header_read is not None and header_now != writes.header_read:
        return SheetWrites(tabs=writes.tabs, id_column=id_column, header_read=writes.header_read)
    rows_ok = {
        row
        for row, wanted in writes.row_ids.items()
        if cell_at(row, id_column).strip() == wanted and (wanted or _unchanged(writes, row, grid))
    }
    return SheetWrites(
        cells=[
            c for c in writes.cells if c.row in rows_ok and cell_at(c.row, c.column) == c.expected
        ],
        notes=[n for n in writes.notes if n.row in rows_ok],
        delete_rows=[r for r in writes.delete_rows if r in rows_ok and _unchanged(writes, r, grid)],
        row_ids={r: i for r, i in writes.row_ids.items() if r in rows_ok},
        tabs=writes.tabs,
        id_column=id_column,
        rows_read=writes.rows_read,
        header_read=writes.header_read,
    )


def _trimmed(row: Sequence[str]) -> tuple[str, ...]:
    """A row's cells without the empty ones at its end: a grid read again may be wider or
    narrower than the first read by cells nobody filled."""
    cells = list(row)
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _unchanged(writes: SheetWrites, row: int, grid: Sequence[Sequence[str]]) -> bool:
    """Whether `row` shows now what it showed when read, in every cell it has now: a
    person may have typed in a column past the widest the read found. A row whose reading
    was not recorded is taken as unchanged (its ID was checked)."""
    read = writes.rows_read.get(row)
    if read is None:
        return True
    now = grid[row - 1] if row - 1 < len(grid) else ()
    width = max(len(read), len(now))
    return [*now, *[""] * (width - len(now))] == [*read, *[""] * (width - len(read))]


def kept_note(shown: str, note: NoteWrite) -> str:
    """The note the cell gets: Planlogg's `note.text` first, then `NOTE_LINE`, then the
    person's own text from the note `shown` (`persons_note`); either alone without the line.

    Planlogg's part is known by its text, the same way on every backend: a Google note has
    no author; in Excel a note keeps its first author when someone edits it, and LibreOffice
    puts the last editor there, so a workbook note's author says neither whose text is in
    it nor whether a person added to Planlogg's message."""
    persons = persons_note(shown, note.earlier)
    if note.text and persons:
        return f"{note.text}\n{NOTE_LINE}\n{persons}"
    return note.text or persons


def persons_note(shown: str, earlier: Collection[str]) -> str:
    """What of the note `shown` is a person's, given the lines Planlogg's message there may
    hold (`earlier`): the opening lines found in `earlier` (and blank lines among them) are
    Planlogg's message; what follows it is the person's, without `NOTE_LINE` when that
    comes next. A note that does not open with Planlogg's message is the person's whole.

    So a person's note below the line comes back exactly as it was, and whatever a person
    typed into or after Planlogg's message (a line that is not Planlogg's) is kept, from
    that line on: taking Planlogg's message away never takes a person's words with it. At
    worst, when a person retyped Planlogg's message word for word, it is taken for Planlogg's,
    and when Melding was edited, Planlogg's old message stays in the note as the person's."""
    lines = shown.split("\n")
    ours = 0
    stop = len(lines)
    for index, line in enumerate(lines):
        if line in earlier:
            ours = index + 1
        elif line.strip():
            stop = index
            break
    if not ours:
        return shown
    if stop < len(lines) and lines[stop] == NOTE_LINE:
        stop += 1
    return "\n".join(lines[stop:])

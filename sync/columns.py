"""Where Planlogg's columns are in a sheet people work in: found by header, in any order.

People insert columns of their own anywhere ("Notat", "Kontaktperson"), drag Planlogg's
columns into another order, hide or widen them: the header row says where each column is
now. A column whose header Planlogg does not know is the user's own: the sync never writes,
clears or reads it, and keeps it through every cycle (rows move whole when people sort).

A column is known by its header in either målform (`Layout.recognised`): the header is written
once, in the målform of the community when the sheet is laid out, and a community that
changes målform later keeps its sheet's header as it is. A header older versions of Planlogg
wrote («Område», before the area column was called «Innsatsområde») is the column's only on a
sheet without its heading of today: beside «Innsatsområde», a column headed «Område» (a
region, a municipality) is the person's own, like any other.

A Planlogg column that is missing from the header is one of two things, and the baseline
tells them apart:
- new to this sheet (a year the plan's period grew by, or a column this version of
  Planlogg adds): the baseline holds no cell of it, so the sync adds its header to the right
  of everything in use, where it moves none of the user's columns;
- renamed or deleted by someone: the baseline holds cells of it, so the sync stops with a
  message naming the column (applying anything could lose or invent data).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property

from domain.measure_sheet import clean_text
from language import _, in_every_målform, ngettext
from sync.layout import ID, SHEET_HEADINGS, Layout, SyncRefused, heading


@dataclass(frozen=True)
class Placement:
    """Planlogg's columns by header → their 0-based position in the sheet."""

    positions: Mapping[str, int]
    added: tuple[str, ...] = ()
    """Planlogg columns the sheet lacks and this cycle adds (header written on row 1)."""
    planlogg: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def canonical(cls, layout: Layout) -> Placement:
        """A new sheet: Planlogg's columns in the layout's order."""
        positions = {h: i for i, h in enumerate(layout.header)}
        return cls(positions, planlogg=frozenset(positions.values()))

    def index(self, column: str) -> int:
        return self.positions[column]

    @property
    def id_column(self) -> int:
        return self.positions[ID]

    def cells(self, row: list[str]) -> dict[str, str]:
        """One sheet row's Planlogg cells by header (a column past the row's end is empty)."""
        if len(row) < self._width:
            row = row + [""] * (self._width - len(row))
        return dict(zip(self.positions, map(row.__getitem__, self.positions.values()), strict=True))

    @cached_property
    def _width(self) -> int:
        """The row length that holds every Planlogg column."""
        return max(self.positions.values(), default=-1) + 1

    def has_own_content(self, row: list[str]) -> bool:
        """Whether the row holds anything in the user's own columns."""
        inside = [row[i] for i in self._own_inside if i < len(row)]
        return any(map(str.strip, inside)) or any(map(str.strip, row[self._planlogg_end :]))

    @cached_property
    def _planlogg_end(self) -> int:
        """Past Planlogg's last column: every column from here on is the user's own."""
        return max(self.planlogg, default=-1) + 1

    @cached_property
    def _own_inside(self) -> tuple[int, ...]:
        """The user's own columns among Planlogg's."""
        return tuple(i for i in range(self._planlogg_end) if i not in self.planlogg)


def place(layout: Layout, header: list[str], width: int, known: Iterable[str]) -> Placement:
    """Find each of the layout's columns in `header` (by its heading in either målform, or
    by a header older versions wrote where neither heading is there); raise SyncRefused when
    one was lost, or when a column's header stands twice.

    `width` is the widest row's length (cells may stand past the header), and `known` the
    columns the baseline holds cells of.
    """
    cleaned = [clean_text(cell) for cell in header]
    if not any(cleaned):
        raise SyncRefused(
            _(
                "Planfanen har ingen overskriftsrad. Er fanen tom, legger «planlogg sync init» "
                "den opp. Står det rader i den, sett inn overskriftene igjen over kolonnene de "
                "hører til (%(headers)s), eller legg planen i en ny fane med «planlogg sync "
                "restore».",
                headers=", ".join(layout.headings),
            )
        )
    recognised = layout.recognised
    headed = {recognised[name] for name in cleaned if name in headings_now(recognised.get(name))}
    positions: dict[str, int] = {}
    doubled: list[str] = []
    for index, name in enumerate(cleaned):
        column = recognised.get(name)
        if column in headed and name not in headings_now(column):
            continue  # an older header beside today's: the person's own column
        if column is not None:
            if column in positions:
                doubled.append(name)
            else:
                positions[column] = index
    if doubled:
        raise SyncRefused(
            _(
                "Overskriften «%(header)s» står i flere kolonner, så synkroniseringen vet ikke "
                "hvilken som gjelder, og skriver ingenting. Gi den ene kolonnen et annet navn "
                "(den blir da din egen kolonne) eller slett den.",
                header=doubled[0],
            )
        )
    missing = [c for c in layout.header if c not in positions]
    seen = set(known)
    lost = [c for c in missing if c == ID or c in seen]
    if lost:
        raise _lost(lost)
    used = max([i + 1 for i, name in enumerate(cleaned) if name] + [width, len(positions)])
    for offset, column in enumerate(missing):
        positions[column] = used + offset
    return Placement(positions, tuple(missing), frozenset(positions.values()))


@cache
def headings_now(column: str | None) -> frozenset[str]:
    """The headers a column is laid out with today, in either målform (an ID or a year
    column has one); the other texts it is recognised by are the headers older versions
    wrote (`Layout.recognised`), the column's only where none of these stands (`place`, and
    the format, `SheetFormat.placed`)."""
    if column is None:
        return frozenset()
    found = SHEET_HEADINGS.get(column)
    return frozenset(in_every_målform(found).values()) if found else frozenset({column})


def _lost(columns: list[str]) -> SyncRefused:
    named = ", ".join(f"«{heading(c)}»" for c in columns)
    return SyncRefused(
        ngettext(
            "Overskriftene i planfanen er endret: kolonnen %(named)s finnes ikke lenger (omdøpt "
            "eller slettet?), så synkroniseringen skriver ingenting. Gi kolonnen navnet igjen, "
            "eller hent den tilbake (angre, eller se versjonshistorikken). Egne kolonner og en "
            "annen rekkefølge går fint; eller kjør «planlogg sync restore» for å legge planen "
            "ut på nytt.",
            "Overskriftene i planfanen er endret: kolonnene %(named)s finnes ikke lenger (omdøpt "
            "eller slettet?), så synkroniseringen skriver ingenting. Gi kolonnene navnene "
            "igjen, eller hent dem tilbake (angre, eller se versjonshistorikken). Egne kolonner "
            "og en annen rekkefølge går fint; eller kjør «planlogg sync restore» for å legge "
            "planen ut på nytt.",
            len(columns),
            named=named,
        )
    )


def known_columns(base: Mapping[str, Mapping[str, str]]) -> set[str]:
    """The merged columns the baseline holds a cell of: the sheet had them once."""
    return {column for cells in base.values() for column in cells}

"""The plan worksheet's columns: which exist, which users may edit, which the sync owns.

The header row is the contract between people and the sync. Its order is
fixed (one column per year of the plan's period sits between Ansvar and
Status); a sheet whose headers were renamed, removed or reordered is refused
rather than guessed at. Columns users add to the right of Melding are left
alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import RuleError

ID = "ID"
NUMBER = "Nr"
AREA = "Område"
GOAL = "Mål"
TEXT = "Tiltak"
RESPONSIBLE = "Ansvar"
STATUS = "Status"
COMMENT = "Statuskommentar"
CHANGED_AT = "Sist endra"
CHANGED_BY = "Endra av"
MESSAGE = "Melding"

DERIVED = (AREA, GOAL)
"""Shown for reading; they follow from the number, so editing them is refused."""

STAMPS = (CHANGED_AT, CHANGED_BY, MESSAGE)
"""Maintained by the sync alone and overwritten every cycle."""

DECISIONS_TAB = "Vedtak"
OVERVIEW_TAB = "Oversikt"

STATUS_CHOICES = ("grønn", "gul", "rød")


class SyncRefused(RuleError):
    """The sheet is in a state where applying anything could lose or invent data."""


@dataclass(frozen=True)
class Layout:
    """The columns of one plan's worksheet, in order."""

    years: tuple[int, ...]

    @classmethod
    def for_years(cls, years: range | tuple[int, ...]) -> Layout:
        return cls(years=tuple(years))

    @property
    def year_columns(self) -> tuple[str, ...]:
        return tuple(str(year) for year in self.years)

    @property
    def header(self) -> tuple[str, ...]:
        return (
            ID, NUMBER, AREA, GOAL, TEXT, RESPONSIBLE,
            *self.year_columns,
            STATUS, COMMENT, CHANGED_AT, CHANGED_BY, MESSAGE,
        )  # fmt: skip

    @property
    def merged(self) -> tuple[str, ...]:
        """Columns compared three ways (sheet, store, base)."""
        return tuple(c for c in self.header if c not in STAMPS and c != ID)

    @property
    def editable(self) -> tuple[str, ...]:
        return tuple(c for c in self.merged if c not in DERIVED)

    @property
    def read_only(self) -> tuple[str, ...]:
        return (ID, *DERIVED, *STAMPS)

    def index(self, column: str) -> int:
        return self.header.index(column)

    def check_header(self, found: list[str]) -> None:
        """Refuse a header that is not ours; extra columns after Melding are allowed."""
        expected = list(self.header)
        cleaned = [cell.strip() for cell in found]
        if cleaned[: len(expected)] == expected:
            return
        if not any(cleaned):
            raise SyncRefused(
                "Arket har ingen overskriftsrad. Køyr «planlogg sync init» for å leggje det opp, "
                "eller set inn overskriftene att: " + ", ".join(expected) + "."
            )
        raise SyncRefused(
            "Overskriftene i arket er endra, så synkroniseringa skriv ingenting. "
            f"Venta: {', '.join(expected)}. Fann: {', '.join(c for c in cleaned if c)}. "
            "Set overskriftene tilbake (same namn og rekkjefølgje)"
            + (
                ", eller køyr «planlogg sync init» om planperioden er endra."
                if _years_differ(expected, cleaned)
                else "."
            )
        )


def _years_differ(expected: list[str], found: list[str]) -> bool:
    def years(cells: list[str]) -> list[str]:
        return [c for c in cells if c.isdigit() and len(c) == 4]

    return years(expected) != years(found)

"""The plan worksheet's columns: which exist, which users may edit, which the sync owns.

The header row is the contract between people and the sync. The measure's
columns come from the declaration of its fields (`domain.measure`, each with
a `SheetForm` from `domain.measure_sheet`), in declaration order, between the
ID column and the columns the sync alone writes. A sheet whose headers were
renamed, removed or reordered is refused rather than guessed at. Columns
users add to the right of Melding are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from domain.errors import RuleError
from domain.measure_fields import FIELDS
from domain.measure_sheet import (
    AREA,
    COMMENT,
    GOAL,
    NUMBER,
    RESPONSIBLE,
    STATUS,
    STATUS_CHOICES,
    TEXT,
    Column,
    SheetForm,
)

__all__ = [
    "AREA",
    "CHANGED_AT",
    "CHANGED_BY",
    "COMMENT",
    "DECISIONS_TAB",
    "GOAL",
    "ID",
    "MESSAGE",
    "NUMBER",
    "OVERVIEW_TAB",
    "RESPONSIBLE",
    "STAMPS",
    "STATUS",
    "STATUS_CHOICES",
    "TEXT",
    "Layout",
    "SyncRefused",
]

ID = "ID"
CHANGED_AT = "Sist endra"
CHANGED_BY = "Endra av"
MESSAGE = "Melding"

STAMPS = (CHANGED_AT, CHANGED_BY, MESSAGE)
"""Maintained by the sync alone and overwritten every cycle."""

DECISIONS_TAB = "Vedtak"
OVERVIEW_TAB = "Oversikt"


class SyncRefused(RuleError):
    """The sheet is in a state where applying anything could lose or invent data."""


@dataclass(frozen=True)
class Layout:
    """The columns of one plan's worksheet, in order."""

    years: tuple[int, ...]

    @classmethod
    def for_years(cls, years: range | tuple[int, ...]) -> Layout:
        return cls(years=tuple(years))

    @cached_property
    def forms(self) -> tuple[tuple[str, SheetForm, tuple[Column, ...]], ...]:
        """Each field people see in the sheet: its name, its form and its columns."""
        return tuple(
            (f.name, f.declared.sheet, f.declared.sheet.columns(self.years))
            for f in FIELDS
            if f.declared.sheet is not None
        )

    @cached_property
    def columns(self) -> dict[str, Column]:
        """The measure's columns by header, in sheet order."""
        return {column.header: column for _, _, columns in self.forms for column in columns}

    @property
    def year_columns(self) -> tuple[str, ...]:
        return tuple(str(year) for year in self.years)

    @cached_property
    def header(self) -> tuple[str, ...]:
        return (ID, *self.columns, *STAMPS)

    @property
    def merged(self) -> tuple[str, ...]:
        """Columns compared three ways (sheet, store, base)."""
        return tuple(self.columns)

    @property
    def editable(self) -> tuple[str, ...]:
        return tuple(h for h, c in self.columns.items() if c.editable)

    @property
    def derived(self) -> tuple[str, ...]:
        """Shown for reading; they follow from other columns, so editing them is refused."""
        return tuple(h for h, c in self.columns.items() if not c.editable)

    @property
    def read_only(self) -> tuple[str, ...]:
        return (ID, *self.derived, *STAMPS)

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

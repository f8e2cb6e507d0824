"""The plan worksheet's columns: which exist, which users may edit, which the sync owns.

The measure's columns come from the declaration of its fields (`domain.measure`,
each with a `SheetForm` from `domain.measure_sheet`), ordered by the form's
position and then by declaration, between the ID column and the columns the
sync alone writes. That order is how a new sheet is laid out; in a sheet people
work in, columns are found by their header (`sync.columns`), in any order, and
columns Planlogg does not know are the user's own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from domain.errors import RuleError
from domain.measure_fields import FIELDS
from domain.measure_sheet import (
    AREA,
    COMMENT,
    GOAL,
    HEADINGS,
    NUMBER,
    RESPONSIBLE,
    STATUS,
    STATUS_CHOICES,
    TEXT,
    Column,
    SheetForm,
    spellings,
    status_choices,
    status_word,
)
from language import N_, _

if TYPE_CHECKING:
    pass

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
    "OWN_TAB_PREFIXES",
    "RESPONSIBLE",
    "STAMPS",
    "STATUS",
    "STATUS_CHOICES",
    "TAB_MARKS",
    "TEXT",
    "Layout",
    "SyncRefused",
    "claimed_by_another",
    "column_runs",
    "column_width",
    "heading",
    "is_own_tab_mark",
    "mark_name",
    "older_plan_marks",
    "own_tab_mark",
    "own_tab_owner",
    "own_tab_title",
    "plan_mark",
    "status_choices",
    "status_word",
]

ID = "ID"
CHANGED_AT = "Sist endra"
CHANGED_BY = "Endra av"
MESSAGE = "Melding"
"""The sync's own columns, by identity (see `domain.measure_sheet.NUMBER`)."""

STAMPS = (CHANGED_AT, CHANGED_BY, MESSAGE)
"""Maintained by the sync alone and overwritten every cycle."""

SHEET_HEADINGS: dict[str, str] = {
    **HEADINGS,
    CHANGED_AT: N_("Sist endret"),
    CHANGED_BY: N_("Endret av"),
    MESSAGE: N_("Melding"),
}
"""Every column's header by identity, marked for translation (ID and years are as they are)."""

DECISIONS_TAB = "Vedtak"
OVERVIEW_TAB = "Oversikt"
"""The tabs' titles, which both målformer write alike: never translated."""
TAB_MARKS = {OVERVIEW_TAB: "PlanloggTab_Oversikt", DECISIONS_TAB: "PlanloggTab_Vedtak"}
"""The mark that makes a tab Planlogg's Oversikt or Vedtak, whatever its title now (a Google
named range over the tab, a workbook's defined name and code name): a tab of that title
without it is people's own, and is never written. One per spreadsheet: the tabs of the plan
that had the spreadsheet first (see `own_tab_owner`); a plan beside it has tabs of its own
(`own_tab_mark`, `own_tab_title`). Not `Planlogg_…`, which marks a plan's tab (`plan_mark`)."""
OWN_TAB_PREFIXES = {OVERVIEW_TAB: "PlanloggOversikt_", DECISIONS_TAB: "PlanloggVedtak_"}
"""How a plan's own mark for its Oversikt or Vedtak begins (`own_tab_mark`)."""
TAB_TITLE_LIMIT = 31
"""Excel's limit for a tab's title (Google allows 100)."""


def heading(column: str) -> str:
    """The header of a column (by identity) as the målform spoken now writes it."""
    found = SHEET_HEADINGS.get(column)
    return _(found) if found else column


PLAN_MARK_PREFIX = "Planlogg_"
PLAN_MARK_LENGTH = 31
"""Excel's limit for a code name, the strictest place a mark is written."""
_DIGEST_LENGTH = 8


def plan_mark(plan_key: str) -> str:
    """The name that marks a plan's tab (a Google named range, a workbook's defined name and
    code name, an Excel Online workbook name): letters, digits and _ only, at most 31
    characters, and one per plan key.

    A key of lower-case letters a–z and digits alone that fits is written whole; any other
    is squeezed into those and _ (every other character, upper-case letters lowered as
    Excel and Google compare names), cut to fit, and given a digest of the exact key. So
    keys that squeeze alike (`helse-nord`, `helse_nord`, `Helse nord`) have marks of their
    own, and no mark is spelled like another plan's numbered one in Excel Online
    (``<mark>_2`` …): a digest is 8 hexadecimal digits after an _, the whole key has none.
    The marks earlier versions wrote are `older_plan_marks`."""
    return _fitted(PLAN_MARK_PREFIX, plan_key)


def _fitted(prefix: str, plan_key: str) -> str:
    """`prefix` and the plan key as `plan_mark` writes it, within 31 characters."""
    squeezed = _squeezed(plan_key, prefix=prefix)
    if re.fullmatch(r"[a-z0-9]+", plan_key) and len(squeezed) <= PLAN_MARK_LENGTH:
        return squeezed
    return _with_digest(squeezed, plan_key)


def own_tab_mark(plan_key: str, title: str) -> str:
    """The mark of the plan's own Oversikt or Vedtak (`title`) in a spreadsheet it shares
    with other plans: ``PlanloggOversikt_<plan>`` or ``PlanloggVedtak_<plan>``, the key
    written as `plan_mark` writes it (a digest when it is not lower-case letters and digits,
    or too long), at most 31 characters. Put on the plan's own tab, and on the shared tab
    (`TAB_MARKS`) to say whose it is (`own_tab_owner`). It begins neither as a plan's mark
    nor as `TAB_MARKS`, and no plan's is another's numbered one in Excel Online."""
    return _fitted(OWN_TAB_PREFIXES[title], plan_key)


def is_own_tab_mark(plan_key: str, title: str, name: str) -> bool:
    """Whether `name` is the plan's own mark for `title`, or (in Excel Online, which adds
    ``…_2``, ``_3`` when a deleted tab is added again) one of its numbered ones; any case."""
    mark = re.escape(own_tab_mark(plan_key, title))
    return re.fullmatch(mark + r"(?:_\d+)?", name, re.IGNORECASE) is not None


def own_tab_owner(title: str, names: Iterable[str]) -> str | None:
    """Whose the tab carrying `names` is, as Oversikt or Vedtak (`title`): the first (in
    lower case) of the plans' own marks for `title` among them; None when it carries none
    (a tab of one plan alone, or of plans that shared it before they had tabs of their own).
    Two plans that marked one tab at once (in Excel Online each plan has a lock of its own)
    agree so on whose it is."""
    prefix = OWN_TAB_PREFIXES[title].lower()
    marks = sorted(n.lower() for n in names if n.lower().startswith(prefix))
    return marks[0] if marks else None


def own_tab_title(plan_key: str, title: str, limit: int = TAB_TITLE_LIMIT) -> str:
    """The title of a plan's own Oversikt or Vedtak: «Oversikt <plan key>», without the
    characters Excel refuses in a title ([]:*?/\\), cut to `limit` characters (31 in a
    workbook and Excel Online, 100 in Google)."""
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in f"{title} {plan_key}")
    return cleaned[:limit].rstrip()


def older_plan_marks(plan_key: str) -> tuple[str, ...]:
    """The marks earlier versions wrote for the plan's tab, where they differ from
    `plan_mark`: the key squeezed whole (Excel Online's, uncut), cut to 31 characters and
    given a digest when longer, and cut alone (`mark_name`). Keys that squeeze alike, or
    long keys that begin alike, share them, so a tab found by one is the plan's only when no
    other plan's mark is on it (`claimed_by_another`); it is then marked anew."""
    squeezed = _squeezed(plan_key, lower=False)
    cut = _with_digest(squeezed, plan_key)
    older = (squeezed, squeezed if len(squeezed) <= PLAN_MARK_LENGTH else cut, mark_name(plan_key))
    current = plan_mark(plan_key).lower()
    return tuple(m for m in dict.fromkeys(older) if m.lower() != current)


def claimed_by_another(plan_key: str, marks_on_tab: set[str]) -> bool:
    """Whether a tab's marks (names starting `Planlogg_`, any case) include another plan's:
    one that is not the plan's mark in any case, nor one of its older marks as spelled
    (plan `X`'s older ``Planlogg_X`` is plan `x`'s mark in another case)."""
    mark = plan_mark(plan_key).lower()
    older = set(older_plan_marks(plan_key))
    prefix = PLAN_MARK_PREFIX.lower()
    return any(
        m.lower().startswith(prefix) and m.lower() != mark and m not in older for m in marks_on_tab
    )


def _with_digest(squeezed: str, plan_key: str) -> str:
    """`squeezed` cut to leave room, then _ and a digest of the exact plan key: 31 characters."""
    digest = hashlib.sha256(plan_key.encode("utf-8")).hexdigest()[:_DIGEST_LENGTH]
    return f"{squeezed[: PLAN_MARK_LENGTH - _DIGEST_LENGTH - 1]}_{digest}"


def _squeezed(plan_key: str, lower: bool = True, prefix: str = PLAN_MARK_PREFIX) -> str:
    """`prefix` (``Planlogg_``) and the key in letters, digits and _ (every other character _)."""
    key = plan_key.lower() if lower else plan_key
    return prefix + re.sub(r"[^A-Za-z0-9_]", "_", key)


def mark_name(plan_key: str) -> str:
    """The mark the earliest versions wrote for a plan's tab: the key squeezed and cut to 31
    characters, so long keys that begin alike had one (see `older_plan_marks`)."""
    return _squeezed(plan_key, lower=False)[:PLAN_MARK_LENGTH]


def column_runs(columns: Iterable[int]) -> list[tuple[int, int]]:
    """`columns` (0-based) as runs of neighbours, each (first, past the last): one range
    each instead of one per column."""
    runs: list[tuple[int, int]] = []
    for column in sorted(set(columns)):
        if runs and runs[-1][1] == column:
            runs[-1] = (runs[-1][0], column + 1)
        else:
            runs.append((column, column + 1))
    return runs


@dataclass(frozen=True)
class Width:
    """A new tab's column: its width in characters, and whether long text wraps in it."""

    characters: float
    wrap: bool = False


WRAPPED = {
    AREA: Width(24, wrap=True),
    GOAL: Width(40, wrap=True),
    RESPONSIBLE: Width(24, wrap=True),
    COMMENT: Width(30, wrap=True),
    CHANGED_BY: Width(16, wrap=True),
    MESSAGE: Width(40, wrap=True),
}
"""Columns of long text that `Column.lines` does not tell (shown or written by Planlogg
alone, one line in a form): Mål holds up to 450 characters, Melding whole sentences, and
Endra av a name or a sheet («Reknearket «wb-nn.xlsx»»), which ran into Melding unwrapped."""
NARROW = {ID: Width(12), NUMBER: Width(8), STATUS: Width(10), CHANGED_AT: Width(16)}
YEAR = Width(8)
LINES_WIDTH = {8: Width(60, wrap=True), 2: Width(30, wrap=True)}
"""A column a form gives room for several lines of text (`Column.lines`): Tiltak (8 lines,
up to 685 characters), the SMART and evaluation parts (2)."""
DEFAULT = Width(16)


def column_width(header: str) -> Width:
    """How wide a new tab's column headed `header` (either målform) is laid out, and
    whether it wraps: one place for every backend. A header Planlogg does not know is a
    person's own column, and gets the default."""
    layout = Layout.for_years(())
    identity = layout.recognised.get(header.strip(), "")
    if re.fullmatch(r"[0-9]{4}", header.strip()):
        return YEAR
    found = WRAPPED.get(identity) or NARROW.get(identity)
    if found is not None:
        return found
    column = layout.columns.get(identity)
    lines = column.lines if column is not None else 1
    return LINES_WIDTH.get(lines, DEFAULT)


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
        declared = [
            (f.declared.sheet.position, index, f.name, f.declared.sheet)
            for index, f in enumerate(FIELDS)
            if f.declared.sheet is not None
        ]
        return tuple(
            (name, form, form.columns(self.years)) for _, _, name, form in sorted(declared)
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
        """Every column's identity, in the order of a new sheet."""
        return (ID, *self.columns, *STAMPS)

    @property
    def headings(self) -> tuple[str, ...]:
        """The header row of a new sheet, in the målform spoken now."""
        return tuple(heading(column) for column in self.header)

    @cached_property
    def recognised(self) -> dict[str, str]:
        """Each header text a column is found by → its identity: its heading in either
        målform (a sheet laid out in nynorsk keeps syncing when its community writes
        bokmål, and the reverse), and the header older versions of Planlogg wrote."""
        found: dict[str, str] = {}
        for column in self.header:
            for text in sorted(spellings(column, SHEET_HEADINGS)):
                found.setdefault(text, column)
        return found

    @cached_property
    def merged(self) -> tuple[str, ...]:
        """Columns compared three ways (sheet, store, base)."""
        return tuple(self.columns)

    @cached_property
    def editable(self) -> tuple[str, ...]:
        return tuple(h for h, c in self.columns.items() if c.editable)

    @cached_property
    def derived(self) -> tuple[str, ...]:
        """Shown for reading; they follow from other columns, so editing them is refused."""
        return tuple(h for h, c in self.columns.items() if not c.editable)

    @property
    def read_only(self) -> tuple[str, ...]:
        return (ID, *self.derived, *STAMPS)

    def index(self, column: str) -> int:
        return self.header.index(column)

    @property
    def dropdowns(self) -> dict[str, tuple[str, ...]]:
        """Columns holding one value from a list, and the values their dropdown offers."""
        return {
            h: tuple(value for value, _label in c.choices)
            for h, c in self.columns.items()
            if c.choices and not c.several
        }

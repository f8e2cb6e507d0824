"""Word's automatic list numbering, rebuilt: the "1.1" and "•" a reader sees but the file lacks.

In a .docx file a numbered paragraph holds no number, only a reference: the
paragraph's (or its style's) `w:numPr` names a numbering instance (`numId`)
and a level (`ilvl`). The numbering part defines, per abstract definition
and level, the start value, the format (decimal, letters, roman, bullet) and
the label pattern (`lvlText`, "%1.%2"); each instance (`w:num`) points to an
abstract definition and may override a level's start (`startOverride`) or the
whole level. python-docx reads none of this, so plan numbers such as "1.1"
would vanish; this module counts the paragraphs in document order as Word
does (ECMA-376 part 1, 17.9):

- counters belong to the abstract definition: instances that share one
  continue each other's count; an instance with a `startOverride` restarts
  the level at that value the first time the instance uses it;
- using a level restarts the deeper levels (unless `lvlRestart` says
  otherwise: 0 never, n after a use of level n or a higher one);
- "%n" in `lvlText` is the current count of level n in that level's format,
  or in decimal when the level is legal numbering (`isLgl`);
- bullets become "•" and, nested under another bullet level, "◦", whatever
  symbol font the document uses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml.etree import _Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER_RE = re.compile(r"%([1-9])")
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


@dataclass(frozen=True)
class Level:
    """One level of a list definition (`w:lvl`)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None
    legal: bool = False
    style: str = ""


@dataclass(frozen=True)
class Instance:
    """A numbering instance (`w:num`): its abstract definition and what it overrides."""

    abstract: str
    levels: Mapping[int, Level]
    start_overrides: Mapping[int, int] = field(default_factory=dict)

    def level(self, ilvl: int) -> Level | None:
        return self.levels.get(ilvl)

    def bullet_depth(self, ilvl: int) -> int:
        """How many bullet levels stand above this one in the same list."""
        return sum(1 for i, level in self.levels.items() if i < ilvl and level.fmt == "bullet")


@dataclass(frozen=True)
class ListReference:
    """Where a paragraph sits in a list: which instance and which level."""

    num_id: str
    ilvl: int


class Numbering:
    """The numbering definitions of one document, and its paragraph styles' list references."""

    def __init__(self, numbering: _Element | None, styles: _Element | None) -> None:
        self._styles = _styles_by_id(styles)
        abstracts = _abstract_definitions(numbering)
        nums = _children(numbering, "num")
        abstract_of = {n.get(f"{W}numId", ""): _val(n.find(f"{W}abstractNumId")) for n in nums}
        self._instances: dict[str, Instance] = {}
        for num in nums:
            num_id = num.get(f"{W}numId", "")
            abstract_id, levels = self._linked_levels(
                abstract_of[num_id] or "", abstracts, abstract_of
            )
            starts: dict[int, int] = {}
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"), 0)
                if (start := _val(override.find(f"{W}startOverride"))) is not None:
                    starts[ilvl] = _int(start, 1)
                if (lvl := override.find(f"{W}lvl")) is not None:
                    levels[ilvl] = _level(lvl)
            self._instances[num_id] = Instance(abstract_id, levels, starts)

    def instance(self, num_id: str) -> Instance | None:
        return self._instances.get(num_id)

    def reference(self, paragraph: _Element) -> ListReference | None:
        """The paragraph's list reference: its own `numPr`, else its style's (`numId` 0: none)."""
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{W}numId"))
            if num_id is not None:
                if num_id == "0":
                    return None
                return ListReference(num_id, _int(_val(num_pr.find(f"{W}ilvl")), 0))
        style_id = _val(paragraph.find(f"{W}pPr/{W}pStyle"))
        return self._style_reference(style_id) if style_id else None

    def _style_reference(self, style_id: str) -> ListReference | None:
        """A style's list reference, following `basedOn`; the level is the one linked to it."""
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen:
            seen.add(current)
            style = self._styles.get(current)
            if style is None:
                return None
            num_pr = style.find(f"{W}pPr/{W}numPr")
            num_id = _val(num_pr.find(f"{W}numId")) if num_pr is not None else None
            if num_id == "0":
                return None
            if num_id is not None and num_pr is not None:
                ilvl = _val(num_pr.find(f"{W}ilvl"))
                return ListReference(num_id, self._style_level(num_id, style_id, ilvl))
            current = _val(style.find(f"{W}basedOn"))
        return None

    def _style_level(self, num_id: str, style_id: str, ilvl: str | None) -> int:
        if ilvl is not None:
            return _int(ilvl, 0)
        instance = self._instances.get(num_id)
        if instance is not None:
            for index, level in instance.levels.items():
                if level.style == style_id:
                    return index
        return 0

    def _linked_levels(
        self,
        abstract_id: str,
        abstracts: dict[str, _Element],
        abstract_of: dict[str, str | None],
    ) -> tuple[str, dict[int, Level]]:
        """The abstract definition that holds the levels, and its levels.

        A definition with a `numStyleLink` holds none: it points through a list
        style to the definition that does (and whose counters it shares).
        """
        seen: set[str] = set()
        while abstract_id in abstracts and abstract_id not in seen:
            seen.add(abstract_id)
            definition = abstracts[abstract_id]
            link = _val(definition.find(f"{W}numStyleLink"))
            style = self._styles.get(link) if link else None
            linked = _val(style.find(f"{W}pPr/{W}numPr/{W}numId")) if style is not None else None
            if linked is None or not abstract_of.get(linked):
                levels = {_int(lvl.get(f"{W}ilvl"), 0): _level(lvl) for lvl in _lvls(definition)}
                return abstract_id, levels
            abstract_id = abstract_of[linked] or ""
        return abstract_id, {}


class ListCounter:
    """Counts list paragraphs in document order and gives each its label as Word shows it."""

    def __init__(self, numbering: Numbering) -> None:
        self._numbering = numbering
        self._counts: dict[str, dict[int, int]] = {}
        self._used: set[tuple[str, int]] = set()

    def label(self, reference: ListReference) -> str:
        """The number or bullet of the next paragraph at this list position ("" when none)."""
        instance = self._numbering.instance(reference.num_id)
        level = instance.level(reference.ilvl) if instance else None
        if instance is None or level is None:
            return ""
        counts = self._counts.setdefault(instance.abstract, {})
        ilvl = reference.ilvl
        first_use = (reference.num_id, ilvl) not in self._used
        self._used.add((reference.num_id, ilvl))
        if first_use and ilvl in instance.start_overrides:
            counts[ilvl] = instance.start_overrides[ilvl]
        elif ilvl in counts:
            counts[ilvl] += 1
        else:
            counts[ilvl] = level.start
        for deeper in [d for d in counts if d > ilvl]:
            if _restarts(instance.level(deeper), ilvl):
                del counts[deeper]
        return _render(instance, level, ilvl, counts)


def _restarts(level: Level | None, used: int) -> bool:
    if level is None or level.restart is None:
        return True
    return level.restart != 0 and used < level.restart


def _render(instance: Instance, level: Level, ilvl: int, counts: dict[int, int]) -> str:
    if level.fmt == "bullet":
        return "•" if instance.bullet_depth(ilvl) == 0 else "◦"
    if level.fmt == "none":
        return _PLACEHOLDER_RE.sub("", level.text).strip()

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        shown = instance.level(index) or Level()
        count = counts.get(index, shown.start)
        return format_number(count, "decimal" if level.legal else shown.fmt)

    return _PLACEHOLDER_RE.sub(value, level.text).strip()


def format_number(count: int, fmt: str) -> str:
    """A counter in a Word number format: decimal, decimalZero, letters, roman numerals."""
    if fmt == "decimalZero":
        return f"{count:02d}"
    if fmt in ("lowerLetter", "upperLetter") and count > 0:
        letters = chr(ord("a") + (count - 1) % 26) * ((count - 1) // 26 + 1)
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman") and count > 0:
        roman = _roman(count)
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt == "none":
        return ""
    return str(count)


def _roman(count: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while count >= value:
            out.append(numeral)
            count -= value
    return "".join(out)


def _level(lvl: _Element) -> Level:
    restart = _val(lvl.find(f"{W}lvlRestart"))
    legal = lvl.find(f"{W}isLgl")
    return Level(
        start=_int(_val(lvl.find(f"{W}start")), 1),
        fmt=_val(lvl.find(f"{W}numFmt")) or "decimal",
        text=_val(lvl.find(f"{W}lvlText")) or "",
        restart=_int(restart, 0) if restart is not None else None,
        legal=legal is not None and _val(legal) not in ("0", "false", "off"),
        style=_val(lvl.find(f"{W}pStyle")) or "",
    )


def _abstract_definitions(numbering: _Element | None) -> dict[str, _Element]:
    return {
        definition.get(f"{W}abstractNumId", ""): definition
        for definition in _children(numbering, "abstractNum")
    }


def _styles_by_id(styles: _Element | None) -> dict[str, _Element]:
    return {style.get(f"{W}styleId", ""): style for style in _children(styles, "style")}


def _children(parent: _Element | None, name: str) -> list[_Element]:
    return [] if parent is None else parent.findall(f"{W}{name}")


def _lvls(definition: _Element) -> list[_Element]:
    return _children(definition, "lvl")


def _val(element: _Element | None) -> str | None:
    return None if element is None else element.get(f"{W}val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default

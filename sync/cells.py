"""One canonical way to show a measure in the sheet's cells, and to read the cells back.

`render_measure` turns the store's measure into cell texts and `parse_cell`
reads a cell into the domain value it stands for, so that
`parse_cell(c, render(x)[c]) == x` for every value the domain allows (a
hypothesis property test keeps that true). Comparing meanings rather than
texts lets "Grønn" in a cell agree with "grønn" in the store.
"""

from __future__ import annotations

import re
from typing import Any

from domain.errors import ValidationError
from domain.measure import Measure
from domain.numbering import parse_measure_number
from domain.plan import Plan
from domain.timeframe import parse_year_mark
from domain.vocabulary import Colour, parse_colour
from sync.layout import AREA, COMMENT, GOAL, NUMBER, RESPONSIBLE, STATUS, TEXT, Layout

_BODY_SEPARATORS = re.compile(r"[,;\n]")
SPREADSHEET_ERRORS = frozenset(
    {
        "#NAME?",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#N/A",
        "#ERROR!",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
    }
)
"""What a cell shows when a formula typed into it fails; never a value to store."""


def clean_text(text: str) -> str:
    """Cells may carry Windows line ends and stray spaces; neither is meaning."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def render_measure(plan: Plan, measure: Measure, layout: Layout) -> dict[str, str]:
    """The merged columns of one measure as the sheet shows them."""
    area = plan.areas.get(measure.area, {})
    goal = plan.goals.get(measure.goal, {})
    row = {
        NUMBER: measure.number,
        AREA: f"{measure.area} {area.get('title', '')}".strip(),
        GOAL: f"{measure.goal} {goal.get('text', '')}".strip(),
        TEXT: measure.text,
        RESPONSIBLE: render_bodies(measure.responsible),
        STATUS: measure.status.colour.label if measure.status else "",
        COMMENT: measure.status.comment if measure.status else "",
    }
    for year in layout.years:
        row[str(year)] = measure.marks.get(year, "")
    return row


def render_bodies(bodies: tuple[str, ...] | list[str]) -> str:
    return ", ".join(bodies)


def parse_cell(column: str, text: str) -> Any:
    """The domain value a cell stands for; ValidationError (Norwegian) when it has none."""
    cleaned = clean_text(text)
    if cleaned in SPREADSHEET_ERRORS:
        raise ValidationError(
            f"Cella viser {cleaned}, ein formelfeil. Skriv vanleg tekst (utan = først)."
        )
    if column == NUMBER:
        return parse_number(cleaned)
    if column == TEXT:
        if not cleaned:
            raise ValidationError("Tiltaksteksten kan ikkje vere tom.")
        return cleaned
    if column == RESPONSIBLE:
        return parse_bodies(cleaned)
    if column == STATUS:
        return parse_colour(cleaned) if cleaned else None
    if column.isdigit():
        parse_year_mark(cleaned)
        return cleaned
    return cleaned


def parse_number(text: str) -> str:
    parsed = parse_measure_number(text)
    if parsed.references:
        raise ValidationError(
            f'Skriv berre tiltaksnummeret i Nr (t.d. 2.1.3A), ikkje "{text}". '
            "Tilvisingar til andre tiltak høyrer heime i teksten."
        )
    return parsed.number


def parse_bodies(text: str) -> tuple[str, ...]:
    seen: list[str] = []
    for part in _BODY_SEPARATORS.split(text):
        name = " ".join(part.split())
        if name and name not in seen:
            seen.append(name)
    return tuple(seen)


def same_meaning(column: str, first: str, second: str) -> bool:
    """Whether two cell texts stand for the same value (unreadable text only equals itself)."""
    if clean_text(first) == clean_text(second):
        return True
    try:
        return parse_cell(column, first) == parse_cell(column, second)
    except ValidationError:
        return False


def colour_label(colour: Colour | None) -> str:
    return colour.label if colour else ""

"""The printout of `planlogg import --dry-run`: the tree a plan file was understood as.

Plain lines, no colours or wrapping, so the user can read it, save it and
compare it with the source (every item names its line), and scripts and tests
can read it too.
"""

from __future__ import annotations

from domain.dates import format_norwegian_date
from domain.plan_outline import OutlineGoal, OutlineMeasure, Paragraph, PlanOutline

_STEP = "  "


def render_outline(outline: PlanOutline, *, skip_unplaced: bool = False) -> list[str]:
    """The tree, the text that was not placed, the problems and a summary.

    Unplaced lines stop an import unless it skips them (`skip_unplaced`).
    """
    period = _period(outline.period)
    lines = [f"Plan: {outline.title or '(utan tittel)'}{period}"]
    if outline.intro:
        lines.append("Innleiing (vert ikkje lagra):")
        lines.extend(_paragraph(p, 1) for p in outline.intro)
    for area in outline.areas:
        lines.append(f"Område {area.number} (linje {area.line}): {area.title}")
        for goal in area.goals:
            lines.extend(_goal(goal))
    if outline.unplaced:
        lines.append("Ikkje plassert:")
        lines.extend(f"{_STEP}Linje {u.line}: {u.text} ({u.reason})" for u in outline.unplaced)
        if skip_unplaced:
            lines.append(f"{_STEP}Desse linjene vert ikkje importerte (--skip-unplaced).")
        else:
            lines.append(
                f"{_STEP}Desse linjene stoppar importen: flytt eller fjern dei i fila, "
                "eller importer med --skip-unplaced."
            )
    if outline.problems:
        lines.append("Problem:")
        lines.extend(f"{_STEP}Linje {p.line}: {p.reason}" for p in outline.problems)
    lines.append(_summary(outline))
    return lines


def _goal(goal: OutlineGoal) -> list[str]:
    lines = [f"{_STEP}Mål {goal.number} (linje {goal.line}): {_first(goal.text)}"]
    lines.extend(_more(goal.text, 2))
    for measure in goal.measures:
        lines.extend(_measure(measure))
    for note in goal.notes:
        lines.append(f"{_STEP * 2}Merknad til målet (linje {note.line}, vert ikkje lagra enno):")
        lines.extend(_block(note.text, 3))
    return lines


def _measure(measure: OutlineMeasure) -> list[str]:
    step = _STEP * 3
    lines = [f"{_STEP * 2}Tiltak {measure.number} (linje {measure.line}): {_first(measure.text)}"]
    lines.extend(_more(measure.text, 3))
    if measure.responsible:
        lines.append(f"{step}Ansvar: {'; '.join(measure.responsible)}")
    if measure.marks:
        marks = ", ".join(f"{year} «{mark}»" for year, mark in sorted(measure.marks.items()))
        lines.append(f"{step}År: {marks}")
    if measure.deadline is not None:
        lines.append(f"{step}Frist: {format_norwegian_date(measure.deadline)}")
    if measure.timeframe_note:
        lines.append(f"{step}Tidsramme: {measure.timeframe_note}")
    if measure.description:
        lines.append(f"{step}Skildring (vert ikkje lagra enno):")
        lines.extend(_block(measure.description, 4))
    return lines


def _summary(outline: PlanOutline) -> str:
    descriptions = sum(1 for measure in outline.measures if measure.description)
    deadlines = sum(1 for measure in outline.measures if measure.deadline is not None)
    return (
        f"Samla: {len(outline.areas)} område, {len(outline.goals)} mål, "
        f"{len(outline.measures)} tiltak ({deadlines} med frist), "
        f"{len(outline.notes)} merknader til mål, {descriptions} skildringar, "
        f"{len(outline.unplaced)} linjer ikkje plasserte, {len(outline.problems)} problem."
    )


def _period(period: tuple[int, int] | None) -> str:
    if period is None:
        return ""
    first, last = period
    return f" ({first})" if first == last else f" ({first}–{last})"


def _paragraph(paragraph: Paragraph, depth: int) -> str:
    return f"{_STEP * depth}Linje {paragraph.line}: {' '.join(paragraph.text.split())}"


def _first(text: str) -> str:
    return text.split("\n", 1)[0]


def _more(text: str, depth: int) -> list[str]:
    """The lines of a text after its first (its list items and further paragraphs)."""
    rest = text.split("\n", 1)[1] if "\n" in text else ""
    return _block(rest, depth)


def _block(text: str, depth: int) -> list[str]:
    return [f"{_STEP * depth}{line}" for line in text.splitlines() if line.strip()]

"""The printout of `planlogg import --dry-run`: the tree a plan file was understood as.

Plain lines, no colours or wrapping, so the user can read it, save it and
compare it with the source (every item names its line), and scripts and tests
can read it too.
"""

from __future__ import annotations

from domain.dates import format_norwegian_date, period_words
from domain.plan_outline import OutlineGoal, OutlineMeasure, Paragraph, PlanOutline
from language import _, ngettext

_STEP = "  "


def render_outline(outline: PlanOutline, *, skip_unplaced: bool = False) -> list[str]:
    """The tree, the text that was not placed, the problems and a summary.

    Unplaced lines stop an import unless it skips them (`skip_unplaced`).
    """
    period = _period(outline.period)
    title = outline.title or _("(uten tittel)")
    lines = [_("Plan: %(title)s%(period)s", title=title, period=period)]
    if outline.intro:
        lines.append(_("Innledning (lagres ikke):"))
        lines.extend(_paragraph(p, 1) for p in outline.intro)
    for area in outline.areas:
        lines.append(
            _(
                "Innsatsområde %(number)s (linje %(line)s): %(title)s",
                number=area.number,
                line=area.line,
                title=area.title,
            )
        )
        for goal in area.goals:
            lines.extend(_goal(goal))
    if outline.unplaced:
        lines.append(_("Ikke plassert:"))
        lines.extend(
            _STEP
            + _("Linje %(line)s: %(text)s (%(reason)s)", line=u.line, text=u.text, reason=u.reason)
            for u in outline.unplaced
        )
        if skip_unplaced:
            lines.append(_STEP + _("Disse linjene blir ikke importert (--skip-unplaced)."))
        else:
            lines.append(
                _STEP
                + _(
                    "Disse linjene stopper importen: flytt eller fjern dem i filen, "
                    "eller importer med --skip-unplaced."
                )
            )
    if outline.problems:
        lines.append(_("Problemer:"))
        lines.extend(
            _STEP + _("Linje %(line)s: %(reason)s", line=p.line, reason=p.reason)
            for p in outline.problems
        )
    lines.append(_summary(outline))
    return lines


def _goal(goal: OutlineGoal) -> list[str]:
    lines = [
        _STEP
        + _(
            "Mål %(number)s (linje %(line)s): %(text)s",
            number=goal.number,
            line=goal.line,
            text=_first(goal.text),
        )
    ]
    lines.extend(_more(goal.text, 2))
    for measure in goal.measures:
        lines.extend(_measure(measure))
    for note in goal.notes:
        lines.append(
            _STEP * 2 + _("Merknad til målet (linje %(line)s, lagres ikke ennå):", line=note.line)
        )
        lines.extend(_block(note.text, 3))
    return lines


def _measure(measure: OutlineMeasure) -> list[str]:
    step = _STEP * 3
    lines = [
        _STEP * 2
        + _(
            "Tiltak %(number)s (linje %(line)s): %(text)s",
            number=measure.number,
            line=measure.line,
            text=_first(measure.text),
        )
    ]
    lines.extend(_more(measure.text, 3))
    if measure.responsible:
        lines.append(step + _("Ansvar: %(bodies)s", bodies="; ".join(measure.responsible)))
    if measure.marks:
        marks = ", ".join(f"{year} «{mark}»" for year, mark in sorted(measure.marks.items()))
        lines.append(step + _("År: %(marks)s", marks=marks))
    if measure.deadline is not None:
        deadline = format_norwegian_date(measure.deadline)
        lines.append(step + _("Frist: %(deadline)s", deadline=deadline))
    if measure.timeframe_note:
        lines.append(step + _("Tidsramme: %(note)s", note=measure.timeframe_note))
    if measure.description:
        lines.append(step + _("Beskrivelse (lagres ikke ennå):"))
        lines.extend(_block(measure.description, 4))
    return lines


def _summary(outline: PlanOutline) -> str:
    """The counts, each in the singular or the plural as its number asks ("1 merknad til mål",
    "2 merknader til mål"): "1 linjer" and "3 område" read as mistakes."""
    descriptions = sum(1 for measure in outline.measures if measure.description)
    deadlines = sum(1 for measure in outline.measures if measure.deadline is not None)
    return _(
        "Samlet: %(areas)s, %(goals)s mål, %(measures)s tiltak (%(deadlines)s med frist), "
        "%(notes)s, %(descriptions)s, %(unplaced)s, %(problems)s.",
        areas=ngettext("%(num)s innsatsområde", "%(num)s innsatsområder", len(outline.areas)),
        goals=len(outline.goals),
        measures=len(outline.measures),
        deadlines=deadlines,
        notes=ngettext("%(num)s merknad til mål", "%(num)s merknader til mål", len(outline.notes)),
        descriptions=ngettext("%(num)s beskrivelse", "%(num)s beskrivelser", descriptions),
        unplaced=ngettext(
            "%(num)s linje ikke plassert", "%(num)s linjer ikke plassert", len(outline.unplaced)
        ),
        problems=ngettext("%(num)s problem", "%(num)s problemer", len(outline.problems)),
    )


def _period(period: tuple[int, int] | None) -> str:
    if period is None:
        return ""
    return f" ({period_words(*period)})"


def _paragraph(paragraph: Paragraph, depth: int) -> str:
    text = " ".join(paragraph.text.split())
    return _STEP * depth + _("Linje %(line)s: %(text)s", line=paragraph.line, text=text)


def _first(text: str) -> str:
    return text.split("\n", 1)[0]


def _more(text: str, depth: int) -> list[str]:
    """The lines of a text after its first (its list items and further paragraphs)."""
    rest = text.split("\n", 1)[1] if "\n" in text else ""
    return _block(rest, depth)


def _block(text: str, depth: int) -> list[str]:
    return [f"{_STEP * depth}{line}" for line in text.splitlines() if line.strip()]

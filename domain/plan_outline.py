"""The tree a plan file was understood as: areas, goals, measures, and what did not fit.

Whether a plan arrives as a table or written as prose, `planlogg import
--dry-run` shows the same tree, so the user checks what will be stored before
anything is. The tree also holds what the plan says but Planlogg cannot store
yet (notes on goals, descriptions of measures, the introduction), and every
line that could not be placed, with its line number, so nothing is dropped
unseen.

`PlanOutline.to_table` gives the `PlanTable` that `Planlogg.import_plan`
stores; for a file read as a table that is the table itself, unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from domain.plan_table import AreaRow, GoalRow, MeasureRow, PlanTable, RowProblem, quoted_line
from language import _


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of canonical rich text (see domain.richtext) and the line it starts on."""

    line: int
    text: str


@dataclass(frozen=True)
class OutlineMeasure:
    """A measure as understood; `description` is not stored yet (no field for it)."""

    number: str
    text: str
    line: int
    marks: Mapping[int, str] = field(default_factory=dict)
    timeframe_note: str = ""
    deadline: date | None = None
    description: str = ""
    responsible: tuple[str, ...] = ()
    responsible_raw: str = ""
    see_also: tuple[str, ...] = ()
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutlineGoal:
    """A goal with its measures; `notes` are loose paragraphs on the goal, not stored yet."""

    number: str
    text: str
    line: int
    measures: tuple[OutlineMeasure, ...] = ()
    notes: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class OutlineArea:
    number: str
    title: str
    line: int
    goals: tuple[OutlineGoal, ...] = ()


@dataclass(frozen=True)
class UnplacedLine:
    """Text that belongs to no area, goal or measure; `reason` tells the user where it stood."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class PlanOutline:
    """A plan file as understood. Import only when `problems` is empty.

    `unplaced` lines are not problems in the text's structure, but importing
    without them leaves them out; `to_table` turns them into problems unless
    the user chose to skip them.
    """

    title: str
    period: tuple[int, int] | None
    areas: tuple[OutlineArea, ...]
    intro: tuple[Paragraph, ...] = ()
    unplaced: tuple[UnplacedLine, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    source: PlanTable | None = None

    @property
    def goals(self) -> tuple[OutlineGoal, ...]:
        return tuple(goal for area in self.areas for goal in area.goals)

    @property
    def measures(self) -> tuple[OutlineMeasure, ...]:
        return tuple(measure for goal in self.goals for measure in goal.measures)

    @property
    def notes(self) -> tuple[Paragraph, ...]:
        return tuple(note for goal in self.goals for note in goal.notes)

    def measure(self, number: str) -> OutlineMeasure:
        for measure in self.measures:
            if measure.number == number:
                return measure
        raise KeyError(number)

    def goal(self, number: str) -> OutlineGoal:
        for goal in self.goals:
            if goal.number == number:
                return goal
        raise KeyError(number)

    def to_table(self, *, skip_unplaced: bool = False) -> PlanTable:
        """The table `Planlogg.import_plan` stores: areas, goals and measures as far as they fit.

        Unplaced lines are problems (the import is refused) unless `skip_unplaced`.
        """
        if self.source is not None:
            return self.source
        unplaced = () if skip_unplaced else tuple(_unplaced_problem(u) for u in self.unplaced)
        measures = tuple(
            _measure_row(measure, goal) for goal in self.goals for measure in goal.measures
        )
        mark_years = {year for row in measures for year in row.marks}
        period_years = set(range(self.period[0], self.period[1] + 1)) if self.period else set()
        return PlanTable(
            title=self.title,
            period=self.period,
            years=tuple(sorted(mark_years | period_years)),
            areas=tuple(AreaRow(area.number, area.title, area.line) for area in self.areas),
            goals=tuple(
                GoalRow(goal.number, goal.number.split(".")[0], goal.text, goal.line)
                for goal in self.goals
            ),
            measures=measures,
            problems=tuple(sorted((*self.problems, *unplaced), key=lambda p: p.line)),
        )


def outline_from_table(table: PlanTable) -> PlanOutline:
    """The tree of a plan read as a table, for the same printout as prose; keeps the table."""
    areas = tuple(
        OutlineArea(
            area.number,
            area.title,
            area.line,
            tuple(
                OutlineGoal(
                    goal.number,
                    goal.text,
                    goal.line,
                    tuple(
                        _outline_measure(row) for row in table.measures if row.goal == goal.number
                    ),
                )
                for goal in table.goals
                if goal.area == area.number
            ),
        )
        for area in table.areas
    )
    return PlanOutline(
        title=table.title,
        period=table.period,
        areas=areas,
        problems=table.problems,
        source=table,
    )


def _outline_measure(row: MeasureRow) -> OutlineMeasure:
    return OutlineMeasure(
        number=row.number,
        text=row.text,
        line=row.line,
        marks=row.marks,
        timeframe_note=row.timeframe_note,
        deadline=row.deadline,
        responsible=row.responsible,
        responsible_raw=row.responsible_raw,
        see_also=row.see_also,
        references=row.references,
    )


def _measure_row(measure: OutlineMeasure, goal: OutlineGoal) -> MeasureRow:
    return MeasureRow(
        number=measure.number,
        goal=goal.number,
        area=goal.number.split(".")[0],
        text=measure.text,
        responsible=measure.responsible,
        responsible_raw=measure.responsible_raw,
        see_also=measure.see_also,
        references=measure.references,
        marks=dict(measure.marks),
        line=measure.line,
        timeframe_note=measure.timeframe_note,
        deadline=measure.deadline,
    )


def _unplaced_problem(unplaced: UnplacedLine) -> RowProblem:
    return RowProblem(
        unplaced.line,
        _(
            "Fant ingen plass til «%(text)s» (%(reason)s). "
            "Flytt eller fjern teksten, eller importer uten den.",
            text=quoted_line(unplaced.text),
            reason=unplaced.reason,
        ),
    )

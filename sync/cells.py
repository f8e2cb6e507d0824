"""One canonical way to show a measure in the sheet's cells, and to read the cells back.

`render_measure` turns the store's measure into cell texts and `parse_cell`
reads a cell into the domain value it stands for, each through the column's
form (`domain.measure_sheet`), so that `parse_cell(c, render(x)[c]) == x`
for every value the domain allows (a hypothesis property test keeps that
true). Comparing meanings rather than texts lets "Grønn" in a cell agree
with "grønn" in the store.
"""

from __future__ import annotations

from typing import Any

from domain.body_register import BodyRegister
from domain.errors import ValidationError
from domain.measure import MeasureState
from domain.measure_sheet import clean_text, one_line, read_cell, register_in_use
from domain.plan import Plan
from language import Målform, current
from sync.layout import Layout

__all__ = ["RenderedRows", "clean_text", "one_line", "parse_cell", "render_measure", "same_meaning"]


def render_measure(plan: Plan, measure: MeasureState, layout: Layout) -> dict[str, str]:
    """The merged columns of one measure as the sheet shows them."""
    return {header: column.show(plan, measure) for header, column in layout.columns.items()}


class RenderedRows:
    """Each measure's cells as last rendered, reused while nothing they show has changed.

    A cell shows only the measure and its area's and goal's texts (`render_measure`
    gets the plan for those two), and the plan's states are frozen objects replaced
    on every change and shared between loads of a cached plan. So a row whose
    measure, area and goal are the very objects of the last rendering renders the
    same: a sync cycle renders only what changed since the last one, not every row
    (and every row again when the community changed målform: a status reads "rød" in
    bokmål, "raud" in nynorsk, or its register of bodies: the Ansvar column shows a
    body's name, and a name merged into a body or registered since reads differently).
    """

    def __init__(self) -> None:
        self._years: tuple[int, ...] = ()
        self._målform: Målform | None = None
        self._register: BodyRegister | None = None
        self._rows: dict[str, tuple[tuple[object, ...], dict[str, str]]] = {}

    def render(self, plan: Plan, measure: MeasureState, layout: Layout) -> dict[str, str]:
        register = register_in_use()
        if register is not self._register:
            if register != self._register:
                self._rows.clear()
            self._register = register
        if layout.years != self._years or current() != self._målform:
            self._rows.clear()
            self._years = layout.years
            self._målform = current()
        area, goal = plan.areas.get(measure.area), plan.goals.get(measure.goal)
        found = self._rows.get(measure.id)
        if found is not None:
            (last_measure, last_area, last_goal), cells = found
            if last_measure is measure and last_area is area and last_goal is goal:
                return cells
        cells = render_measure(plan, measure, layout)
        self._rows[measure.id] = ((measure, area, goal), cells)
        return cells


def parse_cell(layout: Layout, column: str, text: str) -> Any:
    """The domain value a cell stands for; ValidationError (Norwegian) when it has none."""
    return read_cell(layout.columns[column], text)


def same_meaning(layout: Layout, column: str, first: str, second: str) -> bool:
    """Whether two cell texts stand for the same value (unreadable text only equals itself)."""
    if clean_text(first) == clean_text(second):
        return True
    try:
        return bool(parse_cell(layout, column, first) == parse_cell(layout, column, second))
    except ValidationError:
        return False

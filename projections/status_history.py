"""Every status report of a plan, in order: what the current-plan rows cannot tell.

The measures table keeps each measure's latest report only; the annual report
needs all of a year's reports (what each body said in each round). They are
read by replaying the plan's own events through the same handlers as the read
models, like the plan as of a moment, so each report carries the measure's
number and responsible bodies as they were when it was reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.measure import MeasureState
from domain.measure_fields import as_in_force
from language import _
from projections.handlers import project
from projections.rows import MemoryRows


@dataclass(frozen=True)
class ReportedStatus:
    """One status report as it was made."""

    measure_id: str
    number: str
    responsible: tuple[str, ...]
    colour: str
    comment: str
    reporter: str
    reported_on: date
    body: str
    round_id: str
    source: str
    recorded_at: datetime

    def bodies(self) -> tuple[str, ...]:
        """Whom the report speaks for: the body it names, else the measure's bodies."""
        return (self.body,) if self.body else self.responsible


def status_history(events: Iterable[Any]) -> list[ReportedStatus]:
    """The plan's status reports, in the order they were recorded.

    Which year a report belongs to is its own date (`reported_on`), not when it
    was recorded: a report typed in late for September counts for September.
    """
    rows = MemoryRows()
    found = []
    for event in events:
        project(rows, event, 0)
        if type(event).__name__ == "StatusReported":
            found.append(_reported(rows, event))
    return found


def _reported(rows: MemoryRows, event: Any) -> ReportedStatus:
    plan = rows.get("plan_keys", (str(event.originator_id),))
    row = rows.get("measures", (plan["plan_key"] if plan else "", event.measure_id))
    if row is None:
        raise LookupError(_("Tiltak %(id)s finnes ikke i avspillingen.", id=event.measure_id))
    state: MeasureState = row["state"]
    if row["in_force"] is not None:
        state = as_in_force(row["in_force"], state)
    return ReportedStatus(
        measure_id=state.id,
        number=state.number,
        responsible=state.responsible,
        colour=event.colour,
        comment=event.comment,
        reporter=event.by.actor,
        reported_on=event.reported_on,
        body=event.body,
        round_id=event.round_id,
        source=str(event.by.source),
        recorded_at=event.timestamp,
    )

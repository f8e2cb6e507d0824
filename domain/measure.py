"""Read-only views of a plan's parts, built from the aggregate's plain state.

The aggregate keeps its state as JSON-friendly dicts so snapshots need no
custom transcodings; callers get these frozen views instead of raw dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.vocabulary import Colour, PatientGroup

EVALUATION_FIELDS = (
    "objective",
    "methods",
    "start",
    "end",
    "data_sources",
    "reporting",
    "communication",
)
"""The evaluation plan ("Sånn gjer vi det i Helsefellesskapet"): målsetting, metodar,
tidsramme (start/slutt), datakjelder, rapportering, kommunikasjon og tilbakemelding."""


@dataclass(frozen=True)
class StatusReport:
    colour: Colour
    comment: str
    reporter: str
    reported_on: date
    body: str = ""
    round_id: str = ""


@dataclass(frozen=True)
class Smart:
    indicator: str = ""
    target: str = ""
    deadline: date | None = None


@dataclass(frozen=True)
class Measure:
    """One measure (tiltak) as it stands now."""

    id: str
    number: str
    goal: str
    text: str
    responsible: tuple[str, ...]
    marks: dict[int, str]
    timeframe_note: str
    see_also: tuple[str, ...]
    references: tuple[str, ...]
    smart: Smart
    evaluation: dict[str, str]
    patient_groups: tuple[PatientGroup, ...]
    topics: tuple[int, ...]
    status: StatusReport | None
    removed: bool
    revision: int
    conflicts: tuple[dict[str, Any], ...] = field(default=())

    @property
    def area(self) -> str:
        return self.goal.split(".")[0]

    def smart_gaps(self) -> tuple[str, ...]:
        """Which SMART criteria the measure misses, in the words the committees use.

        In practice a SMART measure has a clear responsible body, a measurable
        indicator or target, and a deadline.
        """
        gaps = []
        if not self.responsible:
            gaps.append("ansvar")
        if not (self.smart.indicator or self.smart.target):
            gaps.append("målbart")
        if self.smart.deadline is None:
            gaps.append("tidsbestemt")
        return tuple(gaps)


def measure_from_state(measure_id: str, state: dict[str, Any]) -> Measure:
    status = state.get("status")
    smart = state.get("smart") or {}
    return Measure(
        id=measure_id,
        number=state["number"],
        goal=state["goal"],
        text=state["text"],
        responsible=tuple(state["responsible"]),
        marks={int(year): raw for year, raw in state["marks"].items()},
        timeframe_note=state.get("timeframe_note", ""),
        see_also=tuple(state["see_also"]),
        references=tuple(state["references"]),
        smart=Smart(
            indicator=smart.get("indicator", ""),
            target=smart.get("target", ""),
            deadline=smart.get("deadline"),
        ),
        evaluation=dict(state.get("evaluation") or {}),
        patient_groups=tuple(PatientGroup(g) for g in state.get("patient_groups", ())),
        topics=tuple(state.get("topics", ())),
        status=StatusReport(
            colour=Colour(status["colour"]),
            comment=status["comment"],
            reporter=status["reporter"],
            reported_on=status["reported_on"],
            body=status.get("body", ""),
            round_id=status.get("round_id", ""),
        )
        if status
        else None,
        removed=state["removed"],
        revision=state["revision"],
        conflicts=tuple(state.get("conflicts", ())),
    )

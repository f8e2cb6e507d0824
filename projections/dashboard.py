"""The status dashboard of one plan, computed from the current-plan rows.

Bodies are counted by the body a reference resolves to in the community's
register (`domain.body_register`): "Fagråd pasient-samarbeid" typed before a
merge counts for "Fagråd for pasientsamarbeid", so no body is split or missed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from domain.body_register import BodyRegister
from domain.measure import MeasureState
from domain.numbering import number_sort_key
from domain.vocabulary import Colour
from projections.documents import (
    Dashboard,
    OpenRound,
    SmartGap,
    StatusCounts,
    Uncovered,
)
from projections.plan_documents import measure_state
from projections.rows import Row

COLOURS = ("green", "yellow", "red")


def _count(name: str, measures: Sequence[MeasureState]) -> StatusCounts:
    colours = [m.status.colour if m.status else None for m in measures]
    return StatusCounts(
        name=name,
        green=colours.count(Colour.GREEN),
        yellow=colours.count(Colour.YELLOW),
        red=colours.count(Colour.RED),
        not_reported=sum(1 for c in colours if c not in COLOURS),
    )


def _round_of(measure: MeasureState) -> str | None:
    return measure.status.round_id if measure.status else None


def _owners(measure: MeasureState, register: BodyRegister) -> set[str]:
    return {register.key_of(ref) for ref in measure.responsible}


def _has_reported(
    body: str, round_id: str, measures: Sequence[MeasureState], register: BodyRegister
) -> bool:
    """A body has reported when every measure it is responsible for has a report in the round.

    A body responsible for no measure has reported when a report names it.
    """
    own = [m for m in measures if body in _owners(m, register)]
    if own:
        return all(_round_of(m) == round_id for m in own)
    return any(
        register.key_of(m.status.body) == body
        for m in measures
        if m.status and _round_of(m) == round_id
    )


def _open_round(
    rounds: Sequence[Row], measures: Sequence[MeasureState], today: date, register: BodyRegister
) -> OpenRound | None:
    if not rounds:
        return None
    current = max(rounds, key=lambda r: r["opened_at"])
    deadline = date.fromisoformat(current["deadline"])
    bodies = list(dict.fromkeys(register.key_of(b) for b in current["bodies"]))
    missing = [b for b in bodies if not _has_reported(b, current["round_id"], measures, register)]
    return OpenRound(
        round_id=current["round_id"],
        deadline=current["deadline"],
        days_left=(deadline - today).days,
        decision=current["decision"] or "",
        bodies=tuple(register.label(b) for b in bodies),
        missing_bodies=tuple(register.label(b) for b in missing),
        body_ids=tuple(bodies),
        missing_body_ids=tuple(missing),
    )


def build_dashboard(
    key: str,
    today: date,
    areas: Sequence[Row],
    measures: Sequence[Row],
    open_rounds: Sequence[Row],
    topics: Mapping[int, str],
    groups: Mapping[str, str],
    register: BodyRegister,
) -> Dashboard:
    active = sorted(
        (measure_state(m) for m in measures if not m["removed"]),
        key=lambda m: number_sort_key(m.number),
    )
    live_areas = sorted((a for a in areas if not a["removed"]), key=lambda a: int(a["number"]))
    bodies = sorted({b for m in active for b in _owners(m, register)}, key=register.label)
    covered_topics = {t for m in active for t in m.topics}
    covered_groups = {g.value for m in active for g in m.patient_groups}
    return Dashboard(
        plan=key,
        today=today.isoformat(),
        by_area=tuple(
            _count(f"{a['number']} {a['title']}", [m for m in active if m.area == a["number"]])
            for a in live_areas
        ),
        by_body=tuple(
            _count(register.label(b), [m for m in active if b in _owners(m, register)])
            for b in bodies
        ),
        open_round=_open_round(open_rounds, active, today, register),
        not_smart=tuple(SmartGap(m.number, gaps) for m in active if (gaps := m.smart_gaps())),
        topics_without_measures=tuple(
            Uncovered(str(n), label)
            for n, label in sorted(topics.items())
            if n not in covered_topics
        ),
        groups_without_measures=tuple(
            Uncovered(code, label) for code, label in groups.items() if code not in covered_groups
        ),
    )

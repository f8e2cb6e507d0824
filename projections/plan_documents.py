"""Turn read-model rows (or a frozen JSON copy) into a `PlanDocument`.

The current plan, an adopted version and the plan as of a moment all come out
of this one builder, so they can be compared field by field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from typing import Any

from domain.body_register import BodyRegister
from domain.measure import MeasureState
from domain.numbering import number_sort_key
from domain.plan_state import PlanHeader
from domain.state_json import from_json
from projections.documents import (
    Approval,
    AreaDoc,
    GoalDoc,
    LastChange,
    MeasureDoc,
    PlanDocument,
)
from projections.rows import Row

_STATE_FIELDS = tuple(f.name for f in fields(MeasureState))


def _last_change(row: Row) -> LastChange | None:
    if not row.get("last_at"):
        return None
    return LastChange(
        at=row["last_at"],
        by=row["last_by"] or "",
        source=row["last_source"] or "",
        event_type=row["last_event"] or "",
    )


def measure_state(row: Row) -> MeasureState:
    """The measure a read-model row holds."""
    state: MeasureState = row["state"]
    return state


def measure_doc(row: Row) -> MeasureDoc:
    state = measure_state(row)
    return MeasureDoc(
        **{name: getattr(state, name) for name in _STATE_FIELDS}, last_change=_last_change(row)
    )


def _sorted(rows: Iterable[Row], column: str = "number") -> list[Row]:
    return sorted(rows, key=lambda r: number_sort_key(r[column]))


def approvals_in_order(rows: Iterable[Row]) -> tuple[Approval, ...]:
    """Approval rows as a version states them: by meeting date, then body.

    The frozen document and the list of adopted versions both say this, from the
    same rows, so they always agree.
    """
    ordered = sorted(rows, key=lambda a: (a["meeting_date"] or "", a["body"]))
    return tuple(
        Approval(body=a["body"], case=a["case_ref"], meeting_date=a["meeting_date"] or "")
        for a in ordered
    )


def document_from_rows(
    plan: Row,
    areas: Iterable[Row],
    goals: Iterable[Row],
    measures: Iterable[Row],
    *,
    kind: str,
    version: int | None = None,
    approvals: Sequence[Row] = (),
    adopted_at: str | None = None,
    as_of: str | None = None,
) -> PlanDocument:
    """Assemble areas → goals → active measures in the order users number them."""
    header: PlanHeader = plan["header"]
    live_goals = [g for g in goals if not g["removed"]]
    live_measures = [m for m in measures if not m["removed"]]
    area_docs = []
    for area in _sorted(a for a in areas if not a["removed"]):
        goal_docs = tuple(
            GoalDoc(
                number=goal["number"],
                text=goal["text"],
                measures=tuple(
                    measure_doc(m)
                    for m in _sorted(m for m in live_measures if m["goal"] == goal["number"])
                ),
            )
            for goal in _sorted(g for g in live_goals if g["area"] == area["number"])
        )
        area_docs.append(AreaDoc(number=area["number"], title=area["title"], goals=goal_docs))
    return PlanDocument(
        key=header.key,
        title=header.title,
        owner=header.owner,
        first_year=header.first_year,
        last_year=header.last_year,
        stage=header.stage.value,
        version=version if version is not None else header.working_version,
        adopted_version=header.adopted_version,
        published_version=header.published_version,
        areas=tuple(area_docs),
        last_change=_last_change(plan),
        kind=kind,
        approvals=approvals_in_order(approvals),
        adopted_at=adopted_at,
        as_of=as_of,
    )


def _last_from(data: dict[str, Any] | None) -> LastChange | None:
    return LastChange(**data) if data else None


def document_from_dict(data: dict[str, Any]) -> PlanDocument:
    """Read back a document stored with `to_dict()` (the frozen adopted versions)."""
    return PlanDocument(
        **{
            **data,
            "areas": tuple(
                AreaDoc(
                    number=a["number"],
                    title=a["title"],
                    goals=tuple(
                        GoalDoc(
                            number=g["number"],
                            text=g["text"],
                            measures=tuple(from_json(MeasureDoc, m) for m in g["measures"]),
                        )
                        for g in a["goals"]
                    ),
                )
                for a in data["areas"]
            ),
            "last_change": _last_from(data["last_change"]),
            "approvals": tuple(Approval(**a) for a in data["approvals"]),
        }
    )


def with_body_names(document: PlanDocument, register: BodyRegister) -> PlanDocument:
    """The document as people read it: each measure's responsible bodies by name, not id."""

    def measure(m: MeasureDoc) -> MeasureDoc:
        return replace(m, responsible=tuple(register.label(r) for r in m.responsible))

    return replace(
        document,
        areas=tuple(
            replace(
                area,
                goals=tuple(
                    replace(goal, measures=tuple(measure(m) for m in goal.measures))
                    for goal in area.goals
                ),
            )
            for area in document.areas
        ),
    )

"""Turn read-model rows (or a frozen JSON copy) into a `PlanDocument`.

The current plan, an adopted version and the plan as of a moment all come out
of this one builder, so they can be compared field by field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from domain.measure import measure_from_state
from domain.numbering import number_sort_key
from projections.documents import (
    Approval,
    AreaDoc,
    GoalDoc,
    LastChange,
    MeasureDoc,
    PlanDocument,
    StatusDoc,
)
from projections.rows import Row


def _last_change(row: Row) -> LastChange | None:
    if not row.get("last_at"):
        return None
    return LastChange(
        at=row["last_at"],
        by=row["last_by"] or "",
        source=row["last_source"] or "",
        event_type=row["last_event"] or "",
    )


def smart_gaps(row: Row) -> tuple[str, ...]:
    """The domain's own SMART rule, applied to a read-model row."""
    state = {**row, "references": row["refs"], "status": None}
    return measure_from_state(row["measure_id"], state).smart_gaps()


def measure_doc(row: Row) -> MeasureDoc:
    status = row["status"]
    return MeasureDoc(
        id=row["measure_id"],
        number=row["number"],
        goal=row["goal"],
        area=row["area"],
        text=row["text"],
        responsible=tuple(row["responsible"]),
        marks={str(y): v for y, v in sorted(row["marks"].items())},
        timeframe_note=row["timeframe_note"] or "",
        see_also=tuple(row["see_also"]),
        references=tuple(row["refs"]),
        smart={k: v or "" for k, v in row["smart"].items()},
        evaluation=dict(row["evaluation"]),
        patient_groups=tuple(row["patient_groups"]),
        topics=tuple(row["topics"]),
        status=StatusDoc(**status) if status else None,
        revision=row["revision"],
        conflicts=tuple(row["conflicts"]),
        smart_gaps=smart_gaps(row),
        last_change=_last_change(row),
    )


def _sorted(rows: Iterable[Row], column: str = "number") -> list[Row]:
    return sorted(rows, key=lambda r: number_sort_key(r[column]))


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
        key=plan["plan_key"],
        title=plan["title"],
        owner=plan["owner"],
        first_year=plan["first_year"],
        last_year=plan["last_year"],
        stage=plan["stage"],
        version=version if version is not None else plan["working_version"],
        adopted_version=plan["adopted_version"],
        published_version=plan["published_version"],
        areas=tuple(area_docs),
        last_change=_last_change(plan),
        kind=kind,
        approvals=tuple(
            Approval(body=a["body"], case=a["case_ref"], meeting_date=a["meeting_date"] or "")
            for a in approvals
        ),
        adopted_at=adopted_at,
        as_of=as_of,
    )


def _last_from(data: dict[str, Any] | None) -> LastChange | None:
    return LastChange(**data) if data else None


def document_from_dict(data: dict[str, Any]) -> PlanDocument:
    """Read back a document stored with `to_dict()` (the frozen adopted versions)."""

    def measure(m: dict[str, Any]) -> MeasureDoc:
        return MeasureDoc(
            **{
                **m,
                "responsible": tuple(m["responsible"]),
                "see_also": tuple(m["see_also"]),
                "references": tuple(m["references"]),
                "patient_groups": tuple(m["patient_groups"]),
                "topics": tuple(m["topics"]),
                "status": StatusDoc(**m["status"]) if m["status"] else None,
                "conflicts": tuple(m["conflicts"]),
                "smart_gaps": tuple(m["smart_gaps"]),
                "last_change": _last_from(m["last_change"]),
            }
        )

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
                            measures=tuple(measure(m) for m in g["measures"]),
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

"""Snapshots of plans taken before the state was typed (class version 1), read as version 2,
snapshots taken before a plan kept its hearings (version 2), read as version 3, and those
taken before each hearing kept the day it was sent (version 3), read as version 4 as they
are (that day unknown, as the hearings' events give it), and those taken before a plan kept
the measures of its version in force (version 4), read as version 5 where they can say,
and those taken before it kept the cases that adopted its versions (version 5), read as
version 6 where they can say.

Version 1 kept the plan's state as plain dicts; a stored snapshot of that
shape is turned into the typed state here, once, when it is loaded. The
events themselves never change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from domain.hearing import HearingState, hearing_key
from domain.measure import Conflict, MeasureState, Smart, StatusReport
from domain.plan_state import Approval, AreaState, GoalState, PlanHeader, RoundState, Submission
from domain.vocabulary import Colour, PatientGroup, Stage

_HEADER_KEYS = (
    "key",
    "title",
    "owner",
    "first_year",
    "last_year",
    "stage",
    "hearing_deadline",
    "content_revision",
    "working_version",
    "submission",
    "adopted_version",
    "published_version",
    "measure_seq",
    "conflict_seq",
)


def plan_state_v1_to_v2(state: dict[str, Any]) -> None:
    """Replace a version-1 snapshot state's dicts by the typed parts, in place."""
    header = {name: state.pop(name) for name in _HEADER_KEYS}
    header["stage"] = Stage(header["stage"])
    header["submission"] = _submission(header["submission"])
    state["header"] = PlanHeader(**header)
    state["areas"] = {n: AreaState(a["title"], a["removed"]) for n, a in state["areas"].items()}
    state["goals"] = {
        n: GoalState(g["area"], g["text"], g["removed"]) for n, g in state["goals"].items()
    }
    state["measures"] = {mid: _measure(mid, m) for mid, m in state["measures"].items()}
    state["rounds"] = {
        rid: RoundState(r["deadline"], tuple(r["bodies"]), r["decision"], r["closed"])
        for rid, r in state["rounds"].items()
    }


def _submission(data: Mapping[str, Any] | None) -> Submission | None:
    if data is None:
        return None
    return Submission(
        version=data["version"],
        content_revision=data["content_revision"],
        required_bodies=tuple(data["required_bodies"]),
        approvals={
            body: Approval(a["case"], a["meeting_date"]) for body, a in data["approvals"].items()
        },
    )


def _measure(measure_id: str, data: Mapping[str, Any]) -> MeasureState:
    smart = data.get("smart") or {}
    status = data.get("status")
    return MeasureState(
        id=measure_id,
        number=data["number"],
        goal=data["goal"],
        text=data["text"],
        responsible=tuple(data["responsible"]),
        marks={int(year): raw for year, raw in sorted(data["marks"].items())},
        timeframe_note=data.get("timeframe_note", ""),
        see_also=tuple(data["see_also"]),
        references=tuple(data["references"]),
        smart=Smart(smart.get("indicator", ""), smart.get("target", ""), smart.get("deadline")),
        evaluation=dict(data.get("evaluation") or {}),
        patient_groups=tuple(PatientGroup(g) for g in data.get("patient_groups", ())),
        topics=tuple(data.get("topics", ())),
        status=None
        if not status
        else StatusReport(
            colour=Colour(status["colour"]),
            comment=status["comment"],
            reporter=status["reporter"],
            reported_on=status["reported_on"],
            body=status.get("body", ""),
            round_id=status.get("round_id", ""),
        ),
        removed=data["removed"],
        revision=data["revision"],
        conflicts=tuple(Conflict(**c) for c in data.get("conflicts", ())),
    )


def plan_state_v2_to_v3(state: dict[str, Any]) -> None:
    """Give a version-2 snapshot its hearings.

    A version-2 snapshot knew only the deadline of the draft's hearing; the
    hearing is kept as the working version's, with no one named as asked
    (the events of that time named no one).
    """
    header: PlanHeader = state["header"]
    state["hearings"] = {}
    if header.hearing_deadline is not None:
        version = header.working_version
        state["hearings"][hearing_key(version)] = HearingState(version, header.hearing_deadline)


def plan_state_v3_to_v4(state: dict[str, Any]) -> None:
    """A version-3 snapshot reads as it was: nothing to set.

    Its hearings were sent before the day sent was kept (`SentOnHearing` version 2), so
    that day is unknown: each `HearingState` decodes with `sent_on` None, its default,
    exactly as a replay of its events gives it. Version 4 only marks snapshots taken since,
    whose hearings may say the day.
    """


def plan_state_v4_to_v5(state: dict[str, Any]) -> None:
    """Give a version-4 snapshot the measures of its version in force, where it can say.

    Before the first adoption nothing is in force. A plan adopted once, and standing
    adopted or published, is in force as it stands: its content cannot change until a
    revision starts, and no adoption has left a measure out. Otherwise the snapshot holds
    only the draft, or cannot say which measures an earlier adoption left out and until
    when: what is in force is unknown (None), and `Planlogg.get_plan` reads such a plan
    from its events instead.
    """
    header: PlanHeader = state["header"]
    measures: Mapping[str, MeasureState] = state["measures"]
    state["left_force"] = {}
    if header.adopted_version is None:
        state["in_force"] = {}
    elif header.adopted_version == 1 and header.stage in (Stage.ADOPTED, Stage.PUBLISHED):
        state["in_force"] = {mid: m for mid, m in measures.items() if not m.removed}
    else:
        state["in_force"] = None


def plan_state_v5_to_v6(state: dict[str, Any]) -> None:
    """Give a version-5 snapshot the cases that adopted its versions, where it can say: none
    before the first adoption. A plan adopted before cannot say which cases did (None), and
    `Planlogg.get_plan` reads it from its events instead, as for `plan_state_v4_to_v5`."""
    header: PlanHeader = state["header"]
    known: tuple[str, ...] | None = () if header.adopted_version is None else None
    state["header"] = replace(header, adopting_cases=known)

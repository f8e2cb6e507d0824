"""The rest of a plan's state: its header, areas, goals and reporting rounds.

Like a measure (`domain.measure`), each part is a frozen value with one pure
transition function that the `Plan` aggregate and the read models share, so
the stage, versions and submission they show can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from domain.change import Change
from domain.frozen import evolved
from domain.measure import FIRST_REVISION, MEASURE_EVENTS, PROGRESS_EVENTS
from domain.reminders import DEFAULT_SCHEDULE, REMINDER_EVENTS, Reminder, evolve_reminders
from domain.vocabulary import Stage

CONTENT_EVENTS = frozenset(
    {
        "PlanRetitled",
        "PeriodChanged",
        "AreaAdded",
        "AreaRenamed",
        "GoalAdded",
        "GoalReworded",
        "GoalRemoved",
        *(MEASURE_EVENTS - PROGRESS_EVENTS),
    }
)
"""Events that change what a committee adopts: each moves the content revision on."""


@dataclass(frozen=True)
class Approval:
    case: str
    meeting_date: date


@dataclass(frozen=True)
class Submission:
    """A version sent for approval: frozen at `content_revision`, approved body by body."""

    version: int
    content_revision: int
    required_bodies: tuple[str, ...]
    approvals: Mapping[str, Approval] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanHeader:
    """What a plan is, and where its working version stands in the approval flow."""

    key: str
    title: str
    owner: str
    first_year: int
    last_year: int
    stage: Stage = Stage.DRAFT
    hearing_deadline: date | None = None
    """The deadline the working draft was sent on hearing with in this revision; None when it
    has not been on hearing since the revision started (`Plan.current_hearing`). The hearing
    itself (`HearingState`) holds the day it was sent and the deadline in force."""
    content_revision: int = 0
    working_version: int = 1
    submission: Submission | None = None
    adopted_version: int | None = None
    adopting_cases: tuple[str, ...] | None = ()
    """The cases of the approvals that adopted each version so far, as they cite them («ASU
    sak 12/22»): a decision adopts one version, so none of them approves another. None
    only on a plan read from a snapshot taken before they were kept, of a plan adopted
    then (`plan_state_v5_to_v6`): such a plan is read from its events instead."""
    published_version: int | None = None
    measure_seq: int = 0
    conflict_seq: int = 0

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


@dataclass(frozen=True)
class AreaState:
    """An area (innsatsområde). Its revision counts its events, as a measure's counts its
    changes, so an edit made on what someone read before another's change is refused."""

    title: str
    removed: bool = False
    revision: int = FIRST_REVISION
    """A snapshot taken before areas had revisions reads each area at its first: the
    count goes on from there, and no tag from before could be held to match it."""


@dataclass(frozen=True)
class GoalState:
    """A goal (mål) of an area, with its revision counted as an area's is."""

    area: str
    text: str
    removed: bool = False
    revision: int = FIRST_REVISION


@dataclass(frozen=True)
class RoundState:
    """A reporting round: named bodies report status by the deadline a decision set.

    `schedule` holds the days before the deadline (negative: after) that bodies
    which have not reported are reminded; rounds opened before schedules existed
    keep the default. `reminders` holds each body's reminder per step.
    """

    deadline: date
    bodies: tuple[str, ...]
    decision: str
    closed: bool = False
    schedule: tuple[int, ...] = DEFAULT_SCHEDULE
    reminders: tuple[Reminder, ...] = ()

    def reminder(self, body: str, step: int) -> Reminder | None:
        return next((r for r in self.reminders if r.body == body and r.step == step), None)


def start_header(change: Change) -> PlanHeader:
    facts = change.facts
    return PlanHeader(
        key=facts["key"],
        title=facts["title"],
        owner=facts["owner"],
        first_year=facts["first_year"],
        last_year=facts["last_year"],
    )


def evolve_header(header: PlanHeader, change: Change) -> PlanHeader:
    """The header after any plan event (most leave it as it was, but for the revision)."""
    facts, name = change.facts, change.name
    if name in CONTENT_EVENTS:
        header = evolved(header, content_revision=header.content_revision + 1)
    if name == "PlanRetitled":
        return replace(header, title=facts["title"])
    if name == "PeriodChanged":
        return replace(header, first_year=facts["first_year"], last_year=facts["last_year"])
    if name == "MeasureAdded":
        return replace(header, measure_seq=header.measure_seq + 1)
    if name == "EditConflictRecorded":
        return replace(header, conflict_seq=header.conflict_seq + 1)
    if name == "SentOnHearing":
        return replace(header, stage=Stage.HEARING, hearing_deadline=facts["deadline"])
    if name == "VersionSubmitted":
        submission = Submission(
            facts["version"], facts["content_revision"], tuple(facts["required_bodies"])
        )
        return replace(
            header, stage=Stage.SUBMITTED, working_version=facts["version"], submission=submission
        )
    if name == "VersionApproved" and header.submission is not None:
        approval = Approval(facts["case"], facts["meeting_date"])
        approvals = {**header.submission.approvals, facts["body"]: approval}
        return replace(header, submission=replace(header.submission, approvals=approvals))
    if name == "ApprovalWithdrawn" and header.submission is not None:
        approvals = {b: a for b, a in header.submission.approvals.items() if b != facts["body"]}
        return replace(header, submission=replace(header.submission, approvals=approvals))
    if name == "VersionAdopted":
        adopting = (
            tuple(a.case for a in header.submission.approvals.values()) if header.submission else ()
        )
        return replace(
            header,
            stage=Stage.ADOPTED,
            adopted_version=facts["version"],
            adopting_cases=(*(header.adopting_cases or ()), *adopting),
        )
    if name == "VersionPublished":
        return replace(header, stage=Stage.PUBLISHED, published_version=facts["version"])
    if name == "RevisionStarted":
        return replace(
            header,
            stage=Stage.DRAFT,
            working_version=facts["version"],
            submission=None,
            hearing_deadline=None,
        )
    return header


def _next_revision(state: AreaState | GoalState | None) -> int:
    """The revision after one more event: an area or goal added again after its removal
    counts on, so a tag read before the removal never matches what was added since."""
    return FIRST_REVISION if state is None else state.revision + 1


def evolve_area(area: AreaState | None, change: Change) -> AreaState:
    """AreaAdded and AreaRenamed both give the area its title (and bring it back)."""
    return AreaState(title=change.facts["title"], revision=_next_revision(area))


def evolve_goal(goal: GoalState | None, change: Change) -> GoalState:
    facts = change.facts
    revision = _next_revision(goal)
    if change.name == "GoalAdded":
        return GoalState(area=facts["area"], text=facts["text"], revision=revision)
    if goal is None:
        raise ValueError(f"{change.name}: no goal {facts['number']}")
    if change.name == "GoalRemoved":
        return replace(goal, removed=True, revision=revision)
    return replace(goal, text=facts["text"], revision=revision)


def round_order(round_id: str) -> tuple[int, str]:
    """A round's place in the order rounds are opened (R1, R2 … R9, R10): one is open at a
    time, so the last opened is the open one or, with none open, the one closed last."""
    return len(round_id), round_id


def evolve_round(state: RoundState | None, change: Change) -> RoundState:
    facts = change.facts
    if change.name == "ReportingRoundOpened":
        return RoundState(facts["deadline"], tuple(facts["bodies"]), facts["by"].decision)
    if state is None:
        raise ValueError(f"{change.name}: no round {facts['round_id']}")
    if change.name == "ReminderScheduleSet":
        return replace(state, schedule=tuple(facts["days"]))
    if change.name in REMINDER_EVENTS:
        return replace(state, reminders=evolve_reminders(state.reminders, change.name, facts))
    return replace(state, closed=True)


AREA_EVENTS = frozenset({"AreaAdded", "AreaRenamed"})
GOAL_EVENTS = frozenset({"GoalAdded", "GoalReworded", "GoalRemoved"})
ROUND_EVENTS = frozenset(
    {"ReportingRoundOpened", "ReportingRoundClosed", "ReminderScheduleSet", *REMINDER_EVENTS}
)

"""What the read side hands out: frozen, JSON-ready views of plans, history and checks.

Callers (web pages, the JSON API, the sheet's Oversikt tab, the command line)
get these objects and never the tables behind them; `to_dict()` gives plain
data with ISO dates so every channel serialises them the same way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any

from domain.measure import MeasureState
from domain.measure_fields import DOCUMENTED
from domain.people import Role, shown_name
from domain.state_json import to_json


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


class JsonReady:
    """Mixin: `to_dict()` for frozen dataclasses, dates as ISO strings."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _field_value(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _field_value(value: Any) -> Any:
    """Plain data; a nested document's own `to_dict()` is plain already and not walked again
    (walking each level's result again made a plan's conversion grow with its depth). Most
    fields are text or numbers, given back at once: an audit row's sixteen fields went
    through five type checks each."""
    if type(value) in _PLAIN_TYPES:
        return value
    if isinstance(value, JsonReady | MeasureDoc):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_field_value(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return _plain(asdict(value))
    return _plain(value)


@dataclass(frozen=True)
class LastChange(JsonReady):
    at: str
    by: str
    source: str
    event_type: str


@dataclass(frozen=True)
class MeasureDoc(MeasureState):
    """A measure in a plan document: its state as the domain holds it, and its last change.

    Its JSON form (`to_dict`) has every documented field of `MeasureState`
    (see `domain.measure_fields`), the derived area and SMART gaps, and the
    last change; documents hold active measures only.
    """

    last_change: LastChange | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {name: to_json(getattr(self, name)) for name in DOCUMENTED}
        data["area"] = self.area
        data["smart_gaps"] = list(self.smart_gaps())
        data["last_change"] = self.last_change.to_dict() if self.last_change else None
        return data


@dataclass(frozen=True)
class GoalDoc(JsonReady):
    number: str
    text: str
    measures: tuple[MeasureDoc, ...]


@dataclass(frozen=True)
class AreaDoc(JsonReady):
    number: str
    title: str
    goals: tuple[GoalDoc, ...]


@dataclass(frozen=True)
class Approval(JsonReady):
    body: str
    case: str
    meeting_date: str


@dataclass(frozen=True)
class PlanDocument(JsonReady):
    """A whole plan: the working version, an adopted version, or the plan as of a moment.

    `kind` says which: "current", "adopted" or "as_of". `version` is the
    working version for "current"/"as_of" and the adopted version for "adopted".
    """

    key: str
    title: str
    owner: str
    first_year: int
    last_year: int
    stage: str
    version: int
    adopted_version: int | None
    published_version: int | None
    areas: tuple[AreaDoc, ...]
    last_change: LastChange | None
    kind: str
    approvals: tuple[Approval, ...] = ()
    adopted_at: str | None = None
    as_of: str | None = None

    def measures(self) -> tuple[MeasureDoc, ...]:
        return tuple(m for a in self.areas for g in a.goals for m in g.measures)

    def measure(self, ref: str) -> MeasureDoc | None:
        """Find a measure by stable ID ("T012") or by number ("2.1.2A")."""
        wanted = ref.replace(" ", "")
        for measure in self.measures():
            if wanted in (measure.id, measure.number):
                return measure
        return None


@dataclass(frozen=True)
class PlanSummary(JsonReady):
    key: str
    title: str
    owner: str
    stage: str
    version: int
    adopted_version: int | None
    first_year: int
    last_year: int
    last_changed_at: str | None


HISTORY_CURSOR = r"[0-9]{1,15}\.[0-9]{1,9}"
"""How a history page's `next` (and the `after` that starts the page after it) is written:
the last row's position and seq, "1234.2"."""


@dataclass(frozen=True)
class AuditQuery(JsonReady):
    """Filters for the audit history; `since`/`until` are inclusive."""

    plan: str | None = None
    measure: str | None = None
    actor: str | None = None
    source: str | None = None
    field: str | None = None
    decision: str | None = None
    since: datetime | date | None = None
    until: datetime | date | None = None
    offset: int = 0
    limit: int | None = 100
    after: str | None = None
    """A page's `next` ("position.seq"): the rows after it, found by the index, not counted."""


@dataclass(frozen=True)
class AuditRow(JsonReady):
    """One changed field of one event: who, when, from where, why, under which decision."""

    position: int
    event_id: str
    occurred_at: str
    actor: str
    source: str
    plan: str
    area: str
    goal: str
    measure_id: str
    measure_number: str
    field: str
    before: str
    after: str
    reason: str
    decision: str
    event_type: str


@dataclass(frozen=True)
class DecisionDoc(JsonReady):
    """A registered decision and the changes that cite it."""

    community: str
    case: str
    body: str
    meeting_date: str
    text: str
    plan: str
    changes: tuple[AuditRow, ...] = ()


@dataclass(frozen=True)
class ListedPerson(JsonReady):
    """A person as the people register lists them (`ReadModels.people`): who they are, what
    they may do and where. Their history is the person's own (`Planlogg.get_person`)."""

    id: str
    issuer: str
    subject: str
    email: str
    name: str
    roles: tuple[str, ...]
    bodies: tuple[str, ...]
    communities: tuple[str, ...]
    """The health communities (keys) their roles reach; empty: every community."""
    language: str
    """The målform they chose to read in (`nb`, `nn`); empty: their community's."""
    version: int
    """The person's version, which a change to their roles is made against."""

    @property
    def display_name(self) -> str:
        return shown_name(self.name, self.email, self.subject)

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(role) for role in self.roles)


@dataclass(frozen=True)
class AuditPage(JsonReady):
    rows: tuple[AuditRow, ...]
    total: int
    offset: int = 0
    limit: int | None = None
    next: str | None = None
    """Where the next page starts (pass as `after`); none when this page is the last."""


@dataclass(frozen=True)
class AdoptedVersionSummary(JsonReady):
    version: int
    adopted_at: str
    in_force_from: str
    approvals: tuple[Approval, ...]


@dataclass(frozen=True)
class FieldChange(JsonReady):
    number: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class MeasureRef(JsonReady):
    id: str
    number: str
    text: str


@dataclass(frozen=True)
class HearingDoc(JsonReady):
    """A hearing as auditors and the API read it: who was asked, responses and answers.

    `responses` are the domain's `HearingResponse` values in their JSON form
    (id, respondent, received_on, text, attachments, recorded_by, answer, withdrawal):
    a response withdrawn stays there with its `withdrawal`, and is not `unanswered`.
    `deadline` is the deadline in force, extended or not, which lateness is judged
    against; `original_deadline` the one the hearing was sent with (the same unless
    extended since). `sent_on` is the day the draft was sent on hearing (ISO), as the
    secretariat said, None when its hearing was recorded before that was kept
    (`SentOnHearing` version 2); `sent_at` the moment that was recorded (UTC), often days
    later.
    """

    plan: str
    version: int
    deadline: str
    sent_on: str | None
    sent_at: str
    sent_by: str
    decision: str
    asked: tuple[str, ...]
    responses: tuple[dict[str, Any], ...]
    unanswered: int
    original_deadline: str


@dataclass(frozen=True)
class PartRef(JsonReady):
    """An area ("area", its title) or a goal ("goal", its text) of a plan, by its number."""

    kind: str
    number: str
    text: str


@dataclass(frozen=True)
class VersionDiff(JsonReady):
    """What changed from version `a` to `b`; from a hearing draft, with the hearing beside it.

    `against` says what `b` is when `a` is a hearing draft: "adopted" (the
    version adopted after the hearing) or "current" (not adopted yet: the
    working draft).

    Above the measures, which a committee adopts too: areas and goals have no stable ID,
    so they are matched by number, and `parts_changed` names each change by the field the
    audit history names it by: "title" and "period" of the plan (number ""), "area_title"
    of an area, "goal_text" of a goal.
    """

    plan: str
    a: int
    b: int
    added: tuple[MeasureRef, ...]
    removed: tuple[MeasureRef, ...]
    changed: tuple[FieldChange, ...]
    hearing: HearingDoc | None = None
    against: str = "adopted"
    parts_added: tuple[PartRef, ...] = ()
    parts_removed: tuple[PartRef, ...] = ()
    parts_changed: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class StatusCounts(JsonReady):
    name: str
    green: int = 0
    yellow: int = 0
    red: int = 0
    not_reported: int = 0


@dataclass(frozen=True)
class ReminderView(JsonReady):
    """One reminder of a body: its step (days before the deadline) and where it stands."""

    step: int
    step_label: str
    status: str
    """intended ("kanskje sendt"), sent, partly_sent, failed, confirmed, or put off and how."""
    status_label: str
    attempt: int
    recipients: tuple[str, ...]
    """The latest attempt's addresses."""
    taken: tuple[str, ...] = ()
    """Once its addresses were answered apart ("delvis sendt"): those that took it."""
    put_off: dict[str, str] = field(default_factory=dict)
    """Addresses the mail server put off, with its answer: tried again on the next run."""
    refused: dict[str, str] = field(default_factory=dict)
    """Addresses the mail server refused for good, with its answer: only a resend tries them."""


@dataclass(frozen=True)
class BodyProgress(JsonReady):
    """How far one body of the open round has come: its measures reported, its reminders."""

    body: str
    reported: bool
    measures: int
    measures_reported: int
    reminders: tuple[ReminderView, ...]
    body_id: str = ""
    """The body's id in the community's register (the name as typed, when none has it):
    what the dashboard's buttons and the API name the body by."""
    missing: tuple[str, ...] = ()
    """The numbers of the body's measures still without a status in the round, in number
    order: whom the secretariat chases for what."""


@dataclass(frozen=True)
class OpenRound(JsonReady):
    round_id: str
    deadline: str
    days_left: int
    decision: str
    bodies: tuple[str, ...]
    missing_bodies: tuple[str, ...]
    body_ids: tuple[str, ...] = ()
    missing_body_ids: tuple[str, ...] = ()
    """The same bodies by id in the community's register (a name no body has stays as typed)."""
    schedule: tuple[int, ...] = ()
    progress: tuple[BodyProgress, ...] = ()
    unasked: tuple[str, ...] = ()
    """The numbers of the measures the round asks no body about because a body they name is
    not in the register (`domain.reminders.unasked`)."""


@dataclass(frozen=True)
class ClosedRound(JsonReady):
    """A round that is closed, as it ended: which bodies had reported every measure they
    answer for in it, by the same count as the open round's (`BodyProgress`, without the
    reminders: none goes out once a round is closed). `closed_on` is the day in Norway it
    was closed (ISO)."""

    round_id: str
    deadline: str
    closed_on: str
    decision: str
    bodies: tuple[str, ...]
    missing_bodies: tuple[str, ...]
    body_ids: tuple[str, ...] = ()
    missing_body_ids: tuple[str, ...] = ()
    progress: tuple[BodyProgress, ...] = ()


@dataclass(frozen=True)
class RoundColumn(JsonReady):
    round_id: str
    deadline: str


@dataclass(frozen=True)
class MeasureTrend(JsonReady):
    """A measure's light in each round (None: no report in that round), oldest first."""

    number: str
    text: str
    colours: tuple[str | None, ...]


@dataclass(frozen=True)
class SmartGap(JsonReady):
    number: str
    gaps: tuple[str, ...]


@dataclass(frozen=True)
class Uncovered(JsonReady):
    code: str
    label: str


@dataclass(frozen=True)
class Dashboard(JsonReady):
    plan: str
    today: str
    by_area: tuple[StatusCounts, ...]
    by_body: tuple[StatusCounts, ...]
    open_round: OpenRound | None
    not_smart: tuple[SmartGap, ...]
    topics_without_measures: tuple[Uncovered, ...]
    groups_without_measures: tuple[Uncovered, ...]
    rounds: tuple[RoundColumn, ...] = ()
    trend: tuple[MeasureTrend, ...] = ()
    closed_round: ClosedRound | None = None
    """While no round is open, the one closed last: who reported in it and who did not."""


@dataclass(frozen=True)
class ChainHead(JsonReady):
    """The newest link of the hash chain: publish it where the database cannot reach."""

    position: int
    hash: str
    recorded_at: str | None


@dataclass(frozen=True)
class ChainReport(JsonReady):
    ok: bool
    checked: int
    first_bad_position: int | None = None
    reason: str = ""
    head: ChainHead | None = None
    unchained: int = 0
    details: tuple[str, ...] = field(default=())
    verified_through: int | None = None
    """The newest position a head published outside the database vouches for (None: none
    was given). Events after it are intact by the chain alone, which whoever can write
    the database can rewrite with them."""
    unverified: int = 0
    """Stored events after `verified_through` (all of them when no head was given)."""

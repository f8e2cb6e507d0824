"""Event handlers of the read models: each event updates only the rows it affects.

One function per event type, dispatched by the event's class name. Every
handler updates the current-plan tables and writes one audit row per changed
field, with the value before (read from the current row) and after. Event
types a handler does not know (added to the domain later) are ignored on
purpose, so an old read model keeps working when the domain grows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from projections.plan_documents import document_from_rows
from projections.rows import Row, Rows

YES, NO = "ja", "nei"


def timestamp_text(moment: datetime) -> str:
    """A fixed-width UTC timestamp, so text order is time order in every database."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def as_text(value: Any) -> str:
    """A field value as auditors read it in a table or a CSV file."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(as_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {as_text(v)}" for k, v in sorted(value.items()))
    return str(value)


def iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


class Change:
    """One event being applied: its facts, and the audit rows it has written so far."""

    def __init__(self, rows: Rows, event: Any, position: int) -> None:
        self.rows = rows
        self.event = event
        self.position = position
        self.event_type = type(event).__name__
        self.at = timestamp_text(event.timestamp)
        by = getattr(event, "by", None)
        self.actor = by.actor if by else ""
        self.source = str(by.source) if by else ""
        self.reason = by.reason if by else ""
        self.decision = by.decision if by else ""
        self.event_id = f"{event.originator_id}/{event.originator_version}"
        self.seq = 0
        self._plan: Row | None = None

    # --- lookups -----------------------------------------------------------------------

    @property
    def plan_key(self) -> str:
        return self.plan["plan_key"]

    @property
    def plan(self) -> Row:
        if self._plan is None:
            found = self.rows.get("plan_keys", (str(self.event.originator_id),))
            if found is None:
                raise LookupError(f"Ingen plan med ID {self.event.originator_id} i lesemodellen.")
            plan = self.rows.get("plans", (found["plan_key"],))
            assert plan is not None
            self._plan = plan
        return self._plan

    def measure(self) -> Row:
        row = self.rows.get("measures", (self.plan_key, self.event.measure_id))
        if row is None:
            raise LookupError(f"Tiltak {self.event.measure_id} finst ikkje i lesemodellen.")
        return row

    # --- writing -----------------------------------------------------------------------

    def stamp(self, row: Row) -> Row:
        row.update(
            last_at=self.at,
            last_by=self.actor,
            last_source=self.source,
            last_event=self.event_type,
        )
        return row

    def save_plan(self, **changes: Any) -> None:
        plan = self.stamp({**self.plan, **changes})
        self.rows.put("plans", plan)
        self._plan = plan

    def save_measure(self, row: Row, touch: bool = True) -> None:
        if touch:
            row["revision"] = row["revision"] + 1
        self.rows.put("measures", self.stamp(row))
        self.save_plan()

    def audit(
        self,
        field: str,
        before: Any,
        after: Any,
        *,
        plan: str | None = None,
        measure: Row | None = None,
        area: str = "",
        goal: str = "",
        decision: str = "",
    ) -> None:
        """Record one changed field; unchanged values are not recorded."""
        before_text, after_text = as_text(before), as_text(after)
        if before_text == after_text:
            return
        self.seq += 1
        self.rows.put(
            "audit",
            {
                "position": self.position,
                "seq": self.seq,
                "event_id": self.event_id,
                "occurred_at": self.at,
                "actor": self.actor,
                "source": self.source,
                "plan_key": self.plan_key if plan is None else plan,
                "area": measure["area"] if measure else area,
                "goal": measure["goal"] if measure else goal,
                "measure_id": measure["measure_id"] if measure else "",
                "measure_number": measure["number"] if measure else "",
                "field": field,
                "before_value": before_text,
                "after_value": after_text,
                "reason": self.reason,
                "decision": decision or self.decision,
                "event_type": self.event_type,
            },
        )


Handler = Callable[[Change], None]
HANDLERS: dict[str, Handler] = {}


def handles(*names: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for name in names:
            HANDLERS[name] = handler
        return handler

    return register


def project(rows: Rows, event: Any, position: int) -> bool:
    """Apply one domain event to the read models; False when its type is not handled."""
    handler = HANDLERS.get(type(event).__qualname__)
    if handler is None:
        return False
    handler(Change(rows, event, position))
    return True


# --- plan header -------------------------------------------------------------------------


@handles("Plan.PlanCreated")
def plan_created(c: Change) -> None:
    e = c.event
    c.rows.put("plan_keys", {"plan_id": str(e.originator_id), "plan_key": e.key})
    c._plan = c.stamp(
        {
            "plan_key": e.key,
            "plan_id": str(e.originator_id),
            "title": e.title,
            "owner": e.owner,
            "first_year": e.first_year,
            "last_year": e.last_year,
            "stage": "draft",
            "working_version": 1,
            "adopted_version": None,
            "published_version": None,
            "hearing_deadline": None,
            "submission": None,
        }
    )
    c.rows.put("plans", c._plan)
    c.audit("title", "", e.title)
    c.audit("owner", "", e.owner)
    c.audit("period", "", f"{e.first_year}–{e.last_year}")


@handles("Plan.PlanRetitled")
def plan_retitled(c: Change) -> None:
    c.audit("title", c.plan["title"], c.event.title)
    c.save_plan(title=c.event.title)


@handles("Plan.PeriodChanged")
def period_changed(c: Change) -> None:
    e, plan = c.event, c.plan
    c.audit(
        "period",
        f"{plan['first_year']}–{plan['last_year']}",
        f"{e.first_year}–{e.last_year}",
    )
    c.save_plan(first_year=e.first_year, last_year=e.last_year)


# --- areas and goals ---------------------------------------------------------------------


@handles("Plan.AreaAdded", "Plan.AreaRenamed")
def area_titled(c: Change) -> None:
    e = c.event
    before = c.rows.get("areas", (c.plan_key, e.number))
    old = before["title"] if before and not before["removed"] else ""
    c.rows.put(
        "areas", {"plan_key": c.plan_key, "number": e.number, "title": e.title, "removed": 0}
    )
    c.audit("area_title", old, e.title, area=e.number)
    c.save_plan()


@handles("Plan.GoalAdded")
def goal_added(c: Change) -> None:
    e = c.event
    c.rows.put(
        "goals",
        {"plan_key": c.plan_key, "number": e.number, "area": e.area, "text": e.text, "removed": 0},
    )
    c.audit("goal_text", "", e.text, area=e.area, goal=e.number)
    c.save_plan()


@handles("Plan.GoalReworded", "Plan.GoalRemoved")
def goal_changed(c: Change) -> None:
    e = c.event
    goal = c.rows.get("goals", (c.plan_key, e.number))
    assert goal is not None
    if c.event_type == "GoalRemoved":
        c.audit("goal_removed", NO, YES, area=goal["area"], goal=e.number)
        goal["removed"] = 1
    else:
        c.audit("goal_text", goal["text"], e.text, area=goal["area"], goal=e.number)
        goal["text"] = e.text
    c.rows.put("goals", goal)
    c.save_plan()


# --- measures ----------------------------------------------------------------------------


@handles("Plan.MeasureAdded")
def measure_added(c: Change) -> None:
    e = c.event
    row: Row = {
        "plan_key": c.plan_key,
        "measure_id": e.measure_id,
        "number": e.number,
        "goal": e.goal,
        "area": e.goal.split(".")[0],
        "text": e.text,
        "responsible": list(e.responsible),
        "marks": dict(e.marks),
        "timeframe_note": e.timeframe_note,
        "see_also": list(e.see_also),
        "refs": list(e.references),
        "smart": {},
        "evaluation": {},
        "patient_groups": [],
        "topics": [],
        "status": None,
        "conflicts": [],
        "removed": 0,
        "revision": 1,
    }
    for field, value in (
        ("number", row["number"]),
        ("text", row["text"]),
        ("responsible", row["responsible"]),
        ("marks", row["marks"]),
        ("timeframe_note", row["timeframe_note"]),
        ("see_also", row["see_also"]),
        ("references", row["refs"]),
    ):
        c.audit(field, "", value, measure=row)
    c.save_measure(row, touch=False)


def _set_fields(c: Change, **fields: Any) -> None:
    """Audit and store changed measure fields (audit names map to row columns)."""
    row = c.measure()
    for field, value in fields.items():
        column = "refs" if field == "references" else field
        c.audit(field, row[column], value, measure=row)
    for field, value in fields.items():
        row["refs" if field == "references" else field] = value
    c.save_measure(row)


@handles("Plan.MeasureReworded")
def measure_reworded(c: Change) -> None:
    _set_fields(c, text=c.event.text)


@handles("Plan.MeasureRenumbered")
def measure_renumbered(c: Change) -> None:
    e = c.event
    _set_fields(c, number=e.number, goal=e.goal, area=e.goal.split(".")[0])


@handles("Plan.MeasureRemoved", "Plan.MeasureRestored")
def measure_removed(c: Change) -> None:
    removed = c.event_type == "MeasureRemoved"
    row = c.measure()
    c.audit("removed", bool(row["removed"]), removed, measure=row)
    row["removed"] = int(removed)
    c.save_measure(row)


@handles("Plan.ResponsibleAssigned")
def responsible_assigned(c: Change) -> None:
    _set_fields(c, responsible=list(c.event.bodies))


@handles("Plan.TimeframeSet")
def timeframe_set(c: Change) -> None:
    _set_fields(c, marks=dict(c.event.marks), timeframe_note=c.event.note)


@handles("Plan.MeasureLinked")
def measure_linked(c: Change) -> None:
    _set_fields(c, see_also=list(c.event.see_also), references=list(c.event.references))


@handles("Plan.SmartCriteriaSet")
def smart_set(c: Change) -> None:
    e = c.event
    row = c.measure()
    new = {"indicator": e.indicator, "target": e.target, "deadline": iso(e.deadline)}
    for part, value in new.items():
        c.audit(f"smart_{part}", row["smart"].get(part), value, measure=row)
    row["smart"] = new
    c.save_measure(row)


@handles("Plan.EvaluationPlanSet")
def evaluation_set(c: Change) -> None:
    row = c.measure()
    new = dict(c.event.fields)
    for part in sorted({*row["evaluation"], *new}):
        c.audit(f"evaluation_{part}", row["evaluation"].get(part), new.get(part), measure=row)
    row["evaluation"] = new
    c.save_measure(row)


@handles("Plan.MeasureTagged")
def measure_tagged(c: Change) -> None:
    e = c.event
    _set_fields(c, patient_groups=list(e.patient_groups), topics=list(e.topics))


@handles("Plan.StatusReported")
def status_reported(c: Change) -> None:
    e = c.event
    row = c.measure()
    old = row["status"] or {}
    c.audit("status", old.get("colour"), e.colour, measure=row)
    c.audit("status_comment", old.get("comment"), e.comment, measure=row)
    row["status"] = {
        "colour": e.colour,
        "comment": e.comment,
        "reporter": c.actor,
        "reported_on": iso(e.reported_on),
        "body": e.body,
        "round_id": e.round_id,
    }
    c.save_measure(row, touch=False)


@handles("Plan.EditConflictRecorded")
def conflict_recorded(c: Change) -> None:
    e = c.event
    row = c.measure()
    c.audit(f"conflict_{e.field}", e.lost, e.kept, measure=row)
    conflict = {"id": e.conflict_id, "field": e.field, "kept": e.kept, "lost": e.lost}
    row["conflicts"] = [*row["conflicts"], {**conflict, "by": c.actor}]
    c.save_measure(row, touch=False)


@handles("Plan.EditConflictResolved")
def conflict_resolved(c: Change) -> None:
    row = c.measure()
    c.audit("conflict", c.event.conflict_id, "løyst", measure=row)
    row["conflicts"] = [k for k in row["conflicts"] if k["id"] != c.event.conflict_id]
    c.save_measure(row, touch=False)


# --- reporting rounds --------------------------------------------------------------------


@handles("Plan.ReportingRoundOpened")
def round_opened(c: Change) -> None:
    e = c.event
    c.rows.put(
        "rounds",
        {
            "plan_key": c.plan_key,
            "round_id": e.round_id,
            "deadline": iso(e.deadline),
            "bodies": list(e.bodies),
            "decision": c.decision,
            "closed": 0,
            "opened_at": c.at,
        },
    )
    c.audit(
        "reporting_round", "", f"{e.round_id} open, frist {iso(e.deadline)}: {', '.join(e.bodies)}"
    )
    c.save_plan()


@handles("Plan.ReportingRoundClosed")
def round_closed(c: Change) -> None:
    found = c.rows.get("rounds", (c.plan_key, c.event.round_id))
    assert found is not None
    c.rows.put("rounds", {**found, "closed": 1})
    c.audit("reporting_round", f"{c.event.round_id} open", f"{c.event.round_id} lukka")
    c.save_plan()


# --- approval flow -----------------------------------------------------------------------


def _stage(c: Change, stage: str, **changes: Any) -> None:
    c.audit("stage", c.plan["stage"], stage)
    c.save_plan(stage=stage, **changes)


@handles("Plan.SentOnHearing")
def sent_on_hearing(c: Change) -> None:
    c.audit("hearing_deadline", c.plan["hearing_deadline"], iso(c.event.deadline))
    _stage(c, "hearing", hearing_deadline=iso(c.event.deadline))


@handles("Plan.VersionSubmitted")
def version_submitted(c: Change) -> None:
    e = c.event
    c.audit("version", c.plan["working_version"], e.version)
    c.audit("required_bodies", "", list(e.required_bodies))
    _stage(
        c,
        "submitted",
        working_version=e.version,
        submission={"version": e.version, "required_bodies": list(e.required_bodies)},
    )


@handles("Plan.VersionApproved")
def version_approved(c: Change) -> None:
    e = c.event
    c.rows.put(
        "approvals",
        {
            "plan_key": c.plan_key,
            "version": e.version,
            "body": e.body,
            "case_ref": e.case,
            "meeting_date": iso(e.meeting_date),
            "approved_at": c.at,
        },
    )
    c.audit(
        "approval",
        "",
        f"{e.body} godkjende versjon {e.version} ({e.case}, {iso(e.meeting_date)})",
        decision=c.decision or e.case,
    )
    c.save_plan()


@handles("Plan.VersionAdopted")
def version_adopted(c: Change) -> None:
    """Freeze the plan exactly as adopted: the content cannot change after submission."""
    e = c.event
    c.audit("adopted_version", c.plan["adopted_version"], e.version)
    _stage(c, "adopted", adopted_version=e.version)
    approvals = sorted(
        c.rows.select("approvals", plan_key=c.plan_key, version=e.version),
        key=lambda a: (a["meeting_date"] or "", a["body"]),
    )
    document = document_from_rows(
        c.plan,
        c.rows.select("areas", plan_key=c.plan_key),
        c.rows.select("goals", plan_key=c.plan_key),
        c.rows.select("measures", plan_key=c.plan_key),
        kind="adopted",
        version=e.version,
        approvals=approvals,
        adopted_at=c.at,
    )
    c.rows.put(
        "versions",
        {
            "plan_key": c.plan_key,
            "version": e.version,
            "adopted_at": c.at,
            "in_force_from": max((a["meeting_date"] or "" for a in approvals), default="")
            or c.at[:10],
            "document": document.to_dict(),
        },
    )


@handles("Plan.VersionPublished")
def version_published(c: Change) -> None:
    c.audit("published_version", c.plan["published_version"], c.event.version)
    _stage(c, "published", published_version=c.event.version)


@handles("Plan.RevisionStarted")
def revision_started(c: Change) -> None:
    c.audit("version", c.plan["working_version"], c.event.version)
    _stage(
        c,
        "draft",
        working_version=c.event.version,
        submission=None,
        hearing_deadline=None,
    )


# --- decisions and health communities ----------------------------------------------------


@handles("Decision.DecisionRecorded")
def decision_recorded(c: Change) -> None:
    e = c.event
    c.rows.put(
        "decisions",
        {
            "decision_id": str(e.originator_id),
            "community": e.community,
            "case_ref": e.case,
            "body": e.body,
            "meeting_date": iso(e.meeting_date),
            "text": e.text,
            "plan_key": e.plan,
        },
    )
    c.audit(
        "decision", "", f"{e.case} ({iso(e.meeting_date)}): {e.text}", plan=e.plan, decision=e.case
    )


@handles("Decision.DecisionCorrected")
def decision_corrected(c: Change) -> None:
    found = c.rows.get("decisions", (str(c.event.originator_id),))
    assert found is not None
    c.audit(
        "decision_text",
        found["text"],
        c.event.text,
        plan=found["plan_key"],
        decision=found["case_ref"],
    )
    c.rows.put("decisions", {**found, "text": c.event.text})


@handles("HealthCommunity.CommunityRegistered")
def community_registered(c: Change) -> None:
    e = c.event
    c.rows.put(
        "communities",
        {"community_id": str(e.originator_id), "community_key": e.key, "name": e.name},
    )
    c.audit("community", "", f"{e.key}: {e.name}", plan="")


@handles("HealthCommunity.BodyAdded", "HealthCommunity.BodyRetired")
def body_changed(c: Change) -> None:
    e = c.event
    community = c.rows.get("communities", (str(e.originator_id),))
    where = community["community_key"] if community else ""
    if c.event_type == "BodyAdded":
        c.audit("body", "", f"{where}: {e.name} ({e.kind})", plan="")
    else:
        c.audit("body", f"{where}: {e.name}", "", plan="")

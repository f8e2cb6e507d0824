"""Event handlers of the read models: each event updates only the rows it affects.

Every plan event moves the plan's header through the domain's own
`evolve_header`; every measure event goes through ONE handler that loads the
measure's state, runs the domain's `evolve` and stores the result, and writes
the audit rows as the field-by-field difference between old and new state,
worded as each field declares (`domain.measure_fields.audit_rows`). The other
plan events (areas, goals, rounds, the approval flow), the decisions, the
communities and the people have small handlers of their own. Event types no
handler knows (added to the domain later) are ignored on purpose, so an old read
model keeps working when the domain grows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from domain.audit_words import NO, STORED_MÅLFORM, YES, as_text
from domain.body_register import BODY_EVENTS, body_as_json, body_from_json, evolve_bodies
from domain.change import Change
from domain.dates import period_words
from domain.decision import cited
from domain.hearing import HearingResponse, HearingState, evolve_hearing
from domain.measure import MEASURE_EVENTS, MeasureState, evolve
from domain.measure_fields import audit_rows
from domain.own_reasons import REFUSED, REFUSED_FROM_ROW
from domain.plan import plan_id
from domain.plan_state import PlanHeader, RoundState, evolve_header, evolve_round, start_header
from domain.reminders import REMINDER_EVENTS, Reminder, ReminderStatus, step_label
from language import _, speaking
from projections.plan_documents import document_from_rows
from projections.rows import Row, Rows


def timestamp_text(moment: datetime) -> str:
    """A fixed-width UTC timestamp, so text order is time order in every database.

    Every stored event's timestamp is already in UTC: it is written out as it is (a
    rebuild does this for each of millions of events), without the keyword that keeps
    the microseconds where they are nought, which took a fifth of the time."""
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    if moment.microsecond:
        return moment.isoformat()
    return moment.isoformat(timespec="microseconds")


def iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


class Projecting:
    """One event being applied: its facts, the plan it belongs to, the audit rows so far."""

    def __init__(self, rows: Rows, event: Any, position: int, originator: str | None) -> None:
        self.rows = rows
        self.event = event
        self.change = Change.of(event)
        self.position = position
        self.event_type = type(event).__name__
        self.at = timestamp_text(event.timestamp)
        by = getattr(event, "by", None)
        if by is None:
            self.actor = self.source = self.reason = self.decision = ""
        else:
            self.actor, self.source = by.actor, str(by.source)
            self.reason, self.decision = by.reason, cited(by.decision) if by.decision else ""
        self.originator = str(event.originator_id) if originator is None else originator
        """The aggregate's ID as the tables hold it: written out once per event, or the
        stored event's own text of it (what `str` gives) where the caller has that."""
        self.event_id = f"{self.originator}/{event.originator_version}"
        self.seq = 0
        self.plan_key = ""
        self.header: PlanHeader | None = None

    # --- the plan this event belongs to ----------------------------------------------------

    def open_plan(self) -> PlanHeader:
        """Read the plan's row (created by PlanCreated) and keep its header."""
        found = self.rows.get("plan_keys", (self.originator,))
        if found is None:
            raise LookupError(
                _("Ingen plan med ID %(id)s i lesemodellen.", id=self.event.originator_id)
            )
        self.plan_key = found["plan_key"]
        plan = self.rows.get("plans", (self.plan_key,))
        if plan is None:
            raise LookupError(_("Ingen plan %(key)s i lesemodellen.", key=self.plan_key))
        header: PlanHeader = plan["header"]
        self.header = header
        return header

    def save_plan(self, header: PlanHeader) -> None:
        self.header = header
        self.rows.put(
            "plans",
            self.stamp(
                {
                    "plan_key": header.key,
                    "plan_id": self.originator,
                    "header": header,
                }
            ),
        )

    def stamp(self, row: Row) -> Row:
        """The event that last changed the row (twice per measure event: measure and plan)."""
        row["last_at"] = self.at
        row["last_by"] = self.actor
        row["last_source"] = self.source
        row["last_event"] = self.event_type
        row["last_position"] = self.position
        return row

    # --- the audit trail -----------------------------------------------------------------

    def audit(
        self,
        field: str,
        before: Any,
        after: Any,
        *,
        plan: str | None = None,
        measure: MeasureState | None = None,
        area: str = "",
        goal: str = "",
        decision: str = "",
        reason: str | None = None,
    ) -> None:
        """Record one changed field; unchanged values are not recorded.

        The row is handed on as its values in the table's column order (`TABLES["audit"]`):
        a rebuild writes two or three per event, and a dictionary of each, turned into
        those values again, cost a tenth of applying a status report."""
        before_text, after_text = as_text(before), as_text(after)
        if before_text == after_text:
            return
        self.seq += 1
        self.rows.add(
            "audit",
            (
                self.position,
                self.seq,
                self.event_id,
                self.at,
                self.actor,
                self.source,
                self.plan_key if plan is None else plan,
                measure.area if measure else area,
                measure.goal if measure else goal,
                measure.id if measure else "",
                measure.number if measure else "",
                field,
                before_text,
                after_text,
                self.reason if reason is None else reason,
                decision or self.decision,
                self.event_type,
            ),
        )


Handler = Callable[[Projecting], None]


def project(rows: Rows, event: Any, position: int, originator: str | None = None) -> bool:
    """Apply one domain event to the read models; False when its type is not handled.

    `originator` is the aggregate's ID as stored, the canonical text `str` would make of
    the event's UUID: a rebuild has it for every event and is spared making it again."""
    name = type(event).__qualname__
    handler = HANDLERS.get(name)
    if handler is not None:
        handler(Projecting(rows, event, position, originator))
        return True
    owner, _, kind = name.partition(".")
    if owner != "Plan" or kind not in PLAN_HANDLERS:
        return False
    p = Projecting(rows, event, position, originator)
    before = p.open_plan()
    after = evolve_header(before, p.change)
    PLAN_HANDLERS[kind](p, before, after)
    p.save_plan(after)
    return True


def measure_row(plan_key: str, state: MeasureState, in_force: MeasureState | None) -> Row:
    """The measures table's key columns, and the state itself as one JSON document, with the
    measure as the version in force has it (None: in no version in force)."""
    return {
        "plan_key": plan_key,
        "measure_id": state.id,
        "number": state.number,
        "goal": state.goal,
        "area": state.area,
        "removed": int(state.removed),
        "state": state,
        "in_force": in_force,
    }


def read_measure(row: Row) -> MeasureState:
    state: MeasureState = row["state"]
    return state


# --- plan header -------------------------------------------------------------------------


def plan_created(p: Projecting) -> None:
    e = p.event
    header = start_header(p.change)
    p.plan_key = header.key
    p.rows.put("plan_keys", {"plan_id": str(e.originator_id), "plan_key": header.key})
    p.save_plan(header)
    p.audit("title", "", e.title)
    p.audit("owner", "", e.owner)
    p.audit("period", "", period_words(e.first_year, e.last_year))


def plan_retitled(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    p.audit("title", before.title, after.title)


def period_changed(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    p.audit(
        "period",
        period_words(before.first_year, before.last_year),
        period_words(after.first_year, after.last_year),
    )


# --- areas and goals ---------------------------------------------------------------------


def area_titled(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    e = p.event
    found = p.rows.get("areas", (p.plan_key, e.number))
    old = found["title"] if found and not found["removed"] else ""
    p.rows.put("areas", {"plan_key": p.plan_key, "number": e.number, "title": e.title,
                         "removed": 0})  # fmt: skip
    p.audit("area_title", old, e.title, area=e.number)


def goal_added(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    e = p.event
    p.rows.put(
        "goals",
        {"plan_key": p.plan_key, "number": e.number, "area": e.area, "text": e.text, "removed": 0},
    )
    p.audit("goal_text", "", e.text, area=e.area, goal=e.number)


def goal_changed(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    e = p.event
    goal = p.rows.get("goals", (p.plan_key, e.number))
    if goal is None:
        raise LookupError(_("Mål %(number)s finnes ikke i lesemodellen.", number=e.number))
    if p.event_type == "GoalRemoved":
        p.audit("goal_removed", NO, YES, area=goal["area"], goal=e.number)
        goal["removed"] = 1
    else:
        p.audit("goal_text", goal["text"], e.text, area=goal["area"], goal=e.number)
        goal["text"] = e.text
    p.rows.put("goals", goal)


# --- measures: one handler for every measure event ---------------------------------------


def measure_changed(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    """Load, evolve, store; the audit rows are the difference between old and new state."""
    key = (p.plan_key, p.change.measure_id)
    found = None if p.event_type == "MeasureAdded" else p.rows.get("measures", key)
    if found is None and p.event_type != "MeasureAdded":
        raise LookupError(_("Tiltak %(id)s finnes ikke i lesemodellen.", id=p.change.measure_id))
    old = read_measure(found) if found is not None else None
    new = evolve(old, p.change)
    for field, before_text, after_text in audit_rows(old, new):
        p.audit(field, before_text, after_text, measure=old or new)
    in_force = found["in_force"] if found is not None else None
    p.rows.put("measures", p.stamp(measure_row(p.plan_key, new, in_force)))


# --- reporting rounds --------------------------------------------------------------------


def status_reported(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    """The measure as any measure event, and the light kept per round for the trend."""
    measure_changed(p, before, after)
    e = p.event
    if e.round_id:
        p.rows.put(
            "round_reports",
            {
                "plan_key": p.plan_key,
                "round_id": e.round_id,
                "measure_id": e.measure_id,
                "colour": e.colour,
                "reported_on": iso(e.reported_on),
            },
        )


def round_opened(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    e = p.event
    p.rows.put(
        "rounds",
        {
            "plan_key": p.plan_key,
            "round_id": e.round_id,
            "deadline": iso(e.deadline),
            "bodies": list(e.bodies),
            "decision": p.decision,
            "closed": 0,
            "opened_at": p.at,
            "closed_at": None,
            "state": evolve_round(None, p.change),
        },
    )
    p.audit(
        "reporting_round", "", f"{e.round_id} open, frist {iso(e.deadline)}: {', '.join(e.bodies)}"
    )


def round_closed(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    found = p.rows.get("rounds", (p.plan_key, p.event.round_id))
    if found is None:
        raise LookupError(_("Runde %(id)s finnes ikke i lesemodellen.", id=p.event.round_id))
    closed = {"closed": 1, "closed_at": p.at, "state": evolve_round(found["state"], p.change)}
    p.rows.put("rounds", {**found, **closed})
    p.audit("reporting_round", f"{p.event.round_id} open", f"{p.event.round_id} lukka")


def round_reminders(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    """The schedule and each reminder's fate, with an audit row saying what happened."""
    e = p.event
    found = p.rows.get("rounds", (p.plan_key, e.round_id))
    if found is None:
        raise LookupError(_("Runde %(id)s finnes ikke i lesemodellen.", id=e.round_id))
    old: RoundState = found["state"]
    new = evolve_round(old, p.change)
    p.rows.put("rounds", {**found, "state": new})
    with speaking(STORED_MÅLFORM):  # what the audit trail stores never changes with målform
        if p.event_type == "ReminderScheduleSet":
            p.audit("reminder_schedule", _steps(old.schedule), _steps(new.schedule))
            return
        was, now = old.reminder(e.body, e.step), new.reminder(e.body, e.step)
        if now is None:
            raise LookupError(f"{p.event_type}: ingen påminning til {e.body} i lesemodellen.")
        where = f"{e.round_id} {e.body}, {step_label(e.step)}"
        p.audit(
            "reminder",
            f"{where}: {was.status.label}" if was else "",
            f"{where}: {now.status.label}" + _to(now, p.event_type),
        )


def _to(reminder: Reminder, event_type: str) -> str:
    """Whom it went to: an intent's addresses; for a step its addresses answered apart
    ("delvis sendt"), those that took it."""
    if event_type == "ReminderIntended":
        return f" til {', '.join(reminder.recipients)}"
    if event_type == "ReminderRecipientsAnswered" and reminder.status is ReminderStatus.PARTLY_SENT:
        return f" til {', '.join(reminder.taken)}"
    return ""


def _steps(schedule: tuple[int, ...]) -> str:
    return ", ".join(step_label(step) for step in schedule)


# --- approval flow -----------------------------------------------------------------------


def _stage(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    p.audit("stage", before.stage, after.stage)


def sent_on_hearing(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    """Keep the hearing, and the draft exactly as it was sent, to compare with the adopted.
    A hearing recorded without the day it was sent (`SentOnHearing` version 2, `sent_on`
    None) has no «sendt på høring» row: an unchanged value is not recorded."""
    p.audit("hearing_sent_on", "", iso(p.event.sent_on))
    p.audit("hearing_deadline", iso(before.hearing_deadline), iso(after.hearing_deadline))
    p.audit("hearing_asked", "", list(p.event.asked))
    _stage(p, before, after)
    version = after.working_version
    plan = p.rows.get("plans", (p.plan_key,)) or {}
    draft = document_from_rows(
        {**plan, "header": after},
        p.rows.select("areas", plan_key=p.plan_key),
        p.rows.select("goals", plan_key=p.plan_key),
        p.rows.select("measures", plan_key=p.plan_key),
        kind="hearing",
        version=version,
    )
    p.rows.put(
        "hearings",
        {
            "plan_key": p.plan_key,
            "version": version,
            "sent_at": p.at,
            "state": evolve_hearing(None, p.change, version),
            "draft": draft.to_dict(),
        },
    )


def hearing_changed(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    """A response came in, was answered or withdrawn, the deadline was extended or the day
    sent corrected: the hearing evolves and auditors see each step (an extension as the old
    and new deadline, a correction as the old day, empty when unknown, and the new one;
    a withdrawal as why; the response withdrawn stays in the hearing, marked so)."""
    version = p.event.version
    found = p.rows.get("hearings", (p.plan_key, version))
    if found is None:
        raise LookupError(
            _("Høringen av versjon %(version)s finnes ikke i lesemodellen.", version=version)
        )
    old: HearingState = found["state"]
    new = evolve_hearing(old, p.change, version)
    if p.event_type == "HearingDeadlineExtended":
        p.audit("hearing_deadline", iso(old.deadline), iso(new.deadline))
        p.rows.put("hearings", {**found, "state": new})
        return
    if p.event_type == "HearingSentDateCorrected":
        p.audit("hearing_sent_on", iso(old.sent_on), iso(new.sent_on))
        p.rows.put("hearings", {**found, "state": new})
        return
    response_id = p.event.response_id
    if p.event_type == "HearingResponseReceived":
        p.audit(f"hearing_response_{response_id}", "", response_words(new.response(response_id)))
    elif p.event_type == "HearingResponseWithdrawn":
        p.audit(f"hearing_withdrawn_{response_id}", "", p.event.reason)
    else:
        previous = old.response(response_id).answer
        p.audit(
            f"hearing_answer_{response_id}",
            previous.text if previous else "",
            p.event.text,
        )
    p.rows.put("hearings", {**found, "state": new})


def response_words(response: HearingResponse) -> str:
    """A response as auditors read it in one cell: from whom, when, what, with what."""
    words = f"{response.respondent} ({iso(response.received_on)}): {response.text}"
    if response.attachments:
        words += f" [vedlegg: {', '.join(response.attachments)}]"
    return words


def version_submitted(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    p.audit("version", before.working_version, after.working_version)
    p.audit("required_bodies", "", list(p.event.required_bodies))
    _stage(p, before, after)


def approval_words(body: str, version: int, case: str, meeting: date) -> str:
    """An approval as the history stores it (`projections.audit_labels` words it as shown)."""
    return f"{body} godkjende versjon {version} ({case}, {iso(meeting)})"


def version_approved(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    e = p.event
    p.rows.put(
        "approvals",
        {
            "plan_key": p.plan_key,
            "version": e.version,
            "body": e.body,
            "case_ref": e.case,
            "meeting_date": iso(e.meeting_date),
            "approved_at": p.at,
        },
    )
    p.audit(
        "approval",
        "",
        approval_words(e.body, e.version, e.case, e.meeting_date),
        decision=p.decision or cited(e.case, e.body),
    )


def approval_withdrawn(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    """The approval is no longer among the version's: the body waits again. The history
    keeps it, as the value the withdrawal took away, with why."""
    e = p.event
    p.rows.remove("approvals", (p.plan_key, e.version, e.body))
    p.audit(
        "approval_withdrawn",
        approval_words(e.body, e.version, e.case, e.meeting_date),
        "",
        decision=cited(e.case, e.body),
        reason=e.reason,
    )


def version_adopted(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    """Freeze the plan exactly as adopted: the content cannot change after submission. Each
    measure keeps its state as adopted, or none when it is not in this version, as the plan
    does (`Plan.in_force`): bodies report on the version in force."""
    e = p.event
    p.audit("adopted_version", before.adopted_version, after.adopted_version)
    _stage(p, before, after)
    p.save_plan(after)
    approvals = p.rows.select("approvals", plan_key=p.plan_key, version=e.version)
    plan = p.rows.get("plans", (p.plan_key,))
    measures = p.rows.select("measures", plan_key=p.plan_key)
    for row in measures:
        state = read_measure(row)
        p.rows.put("measures", {**row, "in_force": None if state.removed else state})
    document = document_from_rows(
        plan or {},
        p.rows.select("areas", plan_key=p.plan_key),
        p.rows.select("goals", plan_key=p.plan_key),
        measures,
        kind="adopted",
        version=e.version,
        approvals=approvals,
        adopted_at=p.at,
    )
    p.rows.put(
        "versions",
        {
            "plan_key": p.plan_key,
            "version": e.version,
            "adopted_at": p.at,
            "in_force_from": max((a["meeting_date"] or "" for a in approvals), default="")
            or p.at[:10],
            "document": document.to_dict(),
        },
    )


def version_published(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    p.audit("published_version", before.published_version, after.published_version)
    _stage(p, before, after)


def revision_started(p: Projecting, before: PlanHeader, after: PlanHeader) -> None:
    p.audit("version", before.working_version, after.working_version)
    _stage(p, before, after)


# --- decisions and health communities ----------------------------------------------------


def decision_recorded(p: Projecting) -> None:
    e = p.event
    p.rows.put(
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
    p.audit(
        "decision", "", f"{e.case} ({iso(e.meeting_date)}): {e.text}", plan=e.plan, decision=e.case
    )


def decision_corrected(p: Projecting) -> None:
    found = p.rows.get("decisions", (p.originator,))
    if found is None:
        raise LookupError(_("Vedtak %(id)s finnes ikke i lesemodellen.", id=p.event.originator_id))
    p.audit(
        "decision_text",
        found["text"],
        p.event.text,
        plan=found["plan_key"],
        decision=found["case_ref"],
    )
    p.rows.put("decisions", {**found, "text": p.event.text})


def sheet_input_refused(p: Projecting) -> None:
    """What the sync refused from a sheet, kept for auditors: what was typed, by whom, why."""
    e = p.event
    for refusal in e.refusals:
        found = (
            p.rows.get("measures", (e.plan_key, refusal["measure_id"]))
            if refusal["measure_id"]
            else None
        )
        p.audit(
            f"refused_{refusal['column'] or 'rad'}",
            refusal["typed"],
            "",
            plan=e.plan_key,
            measure=read_measure(found) if found else None,
            reason=_refused(refusal),
        )


def _refused(refusal: dict[str, Any]) -> str:
    """A refusal's reason as the audit trail stores it, in `STORED_MÅLFORM` («Avvist frå rad
    4: …»); `projections.audit_labels.reason_label` restates it when shown."""
    with speaking(STORED_MÅLFORM):
        if refusal["row"]:
            return _(REFUSED_FROM_ROW, row=refusal["row"], reason=refusal["reason"])
        return _(REFUSED, reason=refusal["reason"])


def community_registered(p: Projecting) -> None:
    e = p.event
    p.rows.put(
        "communities",
        {
            "community_id": str(e.originator_id),
            "community_key": e.key,
            "name": e.name,
            "bodies": [],
            "last_position": p.position,
        },
    )
    p.audit("community", "", f"{e.key}: {e.name}", plan="")


def _community(p: Projecting) -> Row:
    community = p.rows.get("communities", (p.originator,))
    if community is None:
        raise LookupError(
            _("Helsefellesskap %(id)s finnes ikke i lesemodellen.", id=p.event.originator_id)
        )
    return community


def language_chosen(p: Projecting) -> None:
    """No row shows a community's målform, but every page about its plans is written in it:
    its `last_position` moves, so answers cached on a plan's position
    (`ReadModels.plan_positions`) are written anew in the målform chosen."""
    p.rows.put("communities", {**_community(p), "last_position": p.position})


def body_changed(p: Projecting) -> None:
    """A community's bodies through the domain's own `evolve_bodies`, and the audit rows."""
    community = _community(p)
    before = {b["id"]: body_from_json(b) for b in community["bodies"]}
    after = evolve_bodies(before, p.change.name, p.change.facts)
    bodies = [body_as_json(b) for b in after.values()]
    p.rows.put("communities", {**community, "bodies": bodies, "last_position": p.position})
    where = community["community_key"]
    for body_id, body in after.items():
        old = before.get(body_id)
        if old is None:
            p.audit("body", "", f"{where}: {body.name} ({body.kind.value})", plan="")
            continue
        for field, was, now in (
            ("body_aliases", old.aliases, body.aliases),
            ("body_reporters", old.reporters, body.reporters),
            ("body_reminded", old.reminded, body.reminded),
            ("body_merged_into", old.merged_into, body.merged_into),
        ):
            if was != now:
                p.audit(
                    field,
                    f"{where}: {body.name}: {as_text(was)}",
                    f"{where}: {body.name}: {as_text(now)}",
                    plan="",
                )
        if body.retired and not old.retired and not body.merged_into:
            p.audit("body", f"{where}: {body.name}", "", plan="")


# --- people ---------------------------------------------------------------------------


def person_added(p: Projecting) -> None:
    """A person in the people register, listed in the order they were added (`added`); the
    e-mail address also case-folded (`email_key`), as `Person.is_named_by` compares it, so the
    few people an address or a reference may name are found by the index."""
    e = p.event
    p.rows.put(
        "people",
        {
            "person_id": p.originator,
            "added": p.position,
            "version": e.originator_version,
            "issuer": e.issuer,
            "subject": e.subject,
            "email": e.email,
            "email_key": e.email.casefold(),
            "name": e.name,
            "roles": [],
            "bodies": [],
            "communities": [],
            "language": "",
        },
    )


def person_changed(p: Projecting) -> None:
    """A person's next event: what it sets, as the domain's `Person` sets it, and the
    person's version (a sign-out sets nothing listed, but an administrator's change to the
    person is checked against that version)."""
    found = p.rows.get("people", (p.originator,))
    if found is None:
        raise LookupError(_("Person %(id)s finnes ikke i lesemodellen.", id=p.event.originator_id))
    changed = PERSON_CHANGES[p.change.name](found, p.event)
    p.rows.put("people", {**found, **changed, "version": p.event.originator_version})


PERSON_CHANGES: dict[str, Callable[[Row, Any], Row]] = {
    "PersonDetailsChanged": lambda _, e: {
        "email": e.email,
        "email_key": e.email.casefold(),
        "name": e.name,
    },
    "RoleGranted": lambda found, e: {"roles": sorted({*found["roles"], e.role})},
    "RoleRevoked": lambda found, e: {"roles": [r for r in found["roles"] if r != e.role]},
    "ReportingBodiesAssigned": lambda _, e: {"bodies": list(e.bodies)},
    "CommunitiesAssigned": lambda _, e: {"communities": list(e.communities)},
    "LanguageChosen": lambda _, e: {"language": e.language},
    "SignedOut": lambda _, e: {},
}
"""What each of a person's events after `PersonAdded` changes in their row. Every one of a
person's event types is here, as the version listed must be the person's
(`test_people_register` checks the register against the people loaded)."""


PlanHandler = Callable[[Projecting, PlanHeader, PlanHeader], None]

PLAN_HANDLERS: dict[str, PlanHandler] = {
    "PlanRetitled": plan_retitled,
    "PeriodChanged": period_changed,
    "AreaAdded": area_titled,
    "AreaRenamed": area_titled,
    "GoalAdded": goal_added,
    "GoalReworded": goal_changed,
    "GoalRemoved": goal_changed,
    **dict.fromkeys(MEASURE_EVENTS, measure_changed),
    "StatusReported": status_reported,
    "ReportingRoundOpened": round_opened,
    "ReportingRoundClosed": round_closed,
    "ReminderScheduleSet": round_reminders,
    **dict.fromkeys(REMINDER_EVENTS, round_reminders),
    "SentOnHearing": sent_on_hearing,
    "HearingResponseReceived": hearing_changed,
    "HearingResponseAnswered": hearing_changed,
    "HearingDeadlineExtended": hearing_changed,
    "HearingResponseWithdrawn": hearing_changed,
    "HearingSentDateCorrected": hearing_changed,
    "VersionSubmitted": version_submitted,
    "VersionApproved": version_approved,
    "ApprovalWithdrawn": approval_withdrawn,
    "VersionAdopted": version_adopted,
    "VersionPublished": version_published,
    "RevisionStarted": revision_started,
}
"""Plan events after creation: each gets the header before and after the event."""

HANDLERS: dict[str, Handler] = {
    "Plan.PlanCreated": plan_created,
    "Decision.DecisionRecorded": decision_recorded,
    "Decision.DecisionCorrected": decision_corrected,
    "SheetLink.SheetInputRefused": sheet_input_refused,
    "HealthCommunity.CommunityRegistered": community_registered,
    "HealthCommunity.LanguageChosen": language_chosen,
    **{f"HealthCommunity.{name}": body_changed for name in BODY_EVENTS},
    "Person.PersonAdded": person_added,
    **{f"Person.{name}": person_changed for name in PERSON_CHANGES},
}
"""Events that open a plan, and the events of the other aggregates."""


READS_ANOTHER_AGGREGATE: dict[str, Callable[[Any], UUID]] = {
    "SheetLink.SheetInputRefused": lambda event: plan_id(event.plan_key),
}
"""Events whose handler reads the rows of another aggregate than their own, and which: what
the sync refused names the plan's measures."""


def owner(topic: str, originator_id: str, decoded: Callable[[], Any]) -> str:
    """The aggregate whose rows an event's handler reads and writes (see `projectors`).

    Every handler reads only its own aggregate's rows, except those named in
    `READS_ANOTHER_AGGREGATE`; events of one owner must be applied in order by
    one projector. An event that cannot be decoded is its own owner: its
    projector raises the same error.
    """
    other = READS_ANOTHER_AGGREGATE.get(topic.rpartition(":")[2])
    if other is None:
        return originator_id
    try:
        return str(other(decoded()))
    except Exception:
        return originator_id

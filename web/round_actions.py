"""Running a reporting round from the browser: opening one, closing it, changing its reminders.

The same application calls, and so the same checks, as `planlogg round open|close|schedule`
and the API: a round is opened under one of the community's registered decisions (offered
from the decisions register), a second round is refused while one is open, naming it, its
deadline and its decision (`Plan.check_no_round_open`), and what a round is opened with a
warning about is worked out once (`domain.reminders.opening_warnings`) and said on the
dashboard after the redirect. Closing is asked first, on a page of its own counting the
bodies that have not reported. Closing and changing the reminders carry the round read as
open: once another round is open, they are refused and nothing is recorded; a close of a
round closed already, with none opened since, is said as closed (sent twice).
Only editors of the plan's community may do any of it (`Permission.EDIT`, as in the API).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from domain.dates import format_norwegian_date, parse_norwegian_date
from domain.errors import ConcurrentEditError, RuleError, ValidationError
from domain.plan import ROUND_WITHOUT_BODIES, ROUND_WITHOUT_DECISION, Plan
from domain.plan_state import round_order
from domain.provenance import Provenance, Source
from domain.reminders import (
    DEFAULT_SCHEDULE,
    as_registered,
    opening_warnings,
    parse_schedule,
    step_label,
    steps_words,
)
from domain.text import excerpt
from language import N_, _
from web.auth import Caller, require
from web.form_labels import REASON, FormLabels
from web.form_values import FieldReader, read_provenance
from web.reading import read_models
from web.roles import Permission
from web.services import services

bp = Blueprint("round_actions", __name__)

OPEN_FORM = FormLabels(
    endpoint="round_actions.open_round",
    fields={
        "deadline": N_("Frist for å rapportere"),
        "decision": N_("Vedtaket runden følger"),
        "bodies": N_("Organer som skal rapportere"),
        "schedule": N_("Påminnelser"),
        "reason": REASON,
    },
    asked={"likevel": N_("Åpne runden likevel")},
)
"""Opening a round: each field's label, in the form's order; the box to open it all the same
is shown once the page has asked (a deadline passed, a reminder due already)."""
ANYWAY = "likevel"
OPEN_ANYWAY = OPEN_FORM.asked[ANYWAY]
CLOSE_FORM = FormLabels(endpoint="round_actions.close_round", hidden=frozenset({"runde"}))
"""Closing the round, once asked (`close_confirm`): a button carrying, hidden, the round read
as open."""
SCHEDULE_FORM = FormLabels(
    endpoint="round_actions.change_schedule",
    fields={"schedule": N_("Påminnelser")},
    hidden=frozenset({"runde", "shown_schedule"}),
)
"""Changing the open round's reminders, carrying, hidden, the round read as open and the
reminders shown."""
FORMS = (OPEN_FORM, CLOSE_FORM, SCHEDULE_FORM)

DONE = ("apnet", "lukket", "paaminnelser")
"""What the dashboard is told after the redirect (`?runde=…&id=R2`)."""
DEFAULT_DAYS = ",".join(str(d) for d in DEFAULT_SCHEDULE)


@dataclass(frozen=True)
class Typed:
    """What the secretariat filled in, as typed (the bodies as the ids the boxes carry)."""

    deadline: str = ""
    decision: str = ""
    bodies: tuple[str, ...] = ()
    schedule: str = DEFAULT_DAYS
    reason: str = ""

    @classmethod
    def from_form(cls) -> Typed:
        form = request.form
        return cls(
            form.get("deadline", "").strip(),
            form.get("decision", "").strip(),
            tuple(b.strip() for b in form.getlist("bodies") if b.strip()),
            form.get("schedule", "").strip(),
            form.get("reason", "").strip(),
        )


def _plan(key: str) -> Plan:
    return services().app.get_plan(key)


@bp.get("/planer/<key>/dashbord/runde/ny")
def open_form(key: str) -> str:
    require(Permission.EDIT)
    plan = _plan(key)
    try:
        plan.check_no_round_open()
    except RuleError as error:
        return _open_page(plan, Typed(bodies=_answering(plan)), open_already=error.message)
    return _open_page(plan, Typed(bodies=_answering(plan)))


@bp.post("/planer/<key>/dashbord/runde/ny")
def open_round(key: str) -> Any:
    caller = require(Permission.EDIT)
    plan = _plan(key)
    typed = Typed.from_form()
    read = _Read(typed, caller)
    if read.problems:
        return _open_page(plan, typed, problems=read.problems), read.status
    asked = _asked_first(plan, read)
    if asked:
        problems = {"deadline": asked}
        return _open_page(plan, typed, problems, anyway=_day(read.deadline)), 422
    try:
        round_id = services().app.open_reporting_round(
            key, read.deadline, typed.bodies, read.by, read.schedule
        )
    except RuleError as error:
        now = _plan(key)
        opened = _opened_already(now, typed, read)
        if opened is not None:
            return _done(key, "apnet", opened)
        return _open_page(now, typed, refused=error.message), 409
    except ValidationError as error:
        return _open_page(_plan(key), typed, refused=error.message), 422
    return _done(key, "apnet", round_id)


def _asked_first(plan: Plan, read: _Read) -> str:
    """What the page asks to be confirmed before it opens the round, at the deadline: a
    deadline passed, or a reminder due already (`OpeningWarnings.surprising`), which the
    bodies would get minutes after; "" when nothing is, or when it was confirmed for this
    deadline («Åpne runden likevel», ticked on the page that warned of it). While a round is
    open nothing is asked: opening is refused, or said as done when this form opened it."""
    header = plan.header
    today = services().today()
    warned = opening_warnings(
        read.deadline, read.schedule, today, header.first_year, header.last_year
    )
    confirmed = request.form.get(ANYWAY) == _day(read.deadline)
    if not warned.surprising or confirmed or plan.open_round_id() is not None:
        return ""
    said = []
    if read.deadline < today:
        said.append(
            _(
                "Fristen %(deadline)s er passert (i dag er %(today)s).",
                deadline=_day(read.deadline),
                today=_day(today),
            )
        )
    if warned.due is not None:
        said.append(
            _(
                "Organer som ikke har rapportert, får påminnelsen «%(step)s» neste gang "
                "påminnelser sendes, som kan være få minutter etter at runden er åpnet.",
                step=step_label(warned.due),
            )
        )
        said.append(
            _(
                "Rett fristen eller påminnelsene, eller kryss av for «%(anyway)s».",
                anyway=_(OPEN_ANYWAY),
            )
        )
    else:
        said.append(_("Rett fristen, eller kryss av for «%(anyway)s».", anyway=_(OPEN_ANYWAY)))
    return " ".join(said)


def _day(day: date) -> str:
    return format_norwegian_date(day)


def _opened_already(plan: Plan, typed: Typed, read: _Read) -> str | None:
    """The open round, when it is the one this form would open (its deadline, decision,
    bodies and reminders): the form was sent twice (a double click, or again after a slow
    answer), and the first send opened it. It is then said as opened, as a measure or an
    evaluation form sent twice is said as saved."""
    round_id = plan.open_round_id()
    if round_id is None:
        return None
    state = plan.rounds[round_id]
    register = services().app.body_register(plan.header.owner)
    same_bodies = {register.identity(b) for b in state.bodies} == {
        register.identity(b) for b in typed.bodies
    }
    wanted = (read.deadline, read.by.decision, read.schedule)
    return (
        round_id
        if same_bodies and (state.deadline, state.decision, state.schedule) == wanted
        else None
    )


class _Read:
    """The open form's fields read, each refusal kept under its field's name (`problems`):
    the decision and the bodies as the plan refuses a round without them, in its words."""

    def __init__(self, typed: Typed, caller: Caller) -> None:
        fields = FieldReader()
        today = services().today()
        self.deadline = fields.read(
            "deadline",
            lambda: parse_norwegian_date(typed.deadline, default_year=today.year),
            date.min,
        )
        self.by = read_provenance(fields, caller) or Provenance(caller.name, Source.WEB)
        if not typed.decision:
            fields.read("decision", _refuse(ValidationError(_(ROUND_WITHOUT_DECISION))), None)
        if not typed.bodies:
            fields.read("bodies", _refuse(ValidationError(_(ROUND_WITHOUT_BODIES))), None)
        none: tuple[int, ...] = ()
        self.schedule = fields.read("schedule", lambda: parse_schedule(typed.schedule), none)
        self.problems = fields.problems
        self.status = fields.status


def _refuse(error: Exception) -> Any:
    def read() -> None:
        raise error

    return read


def _answering(plan: Plan) -> tuple[str, ...]:
    """The registered bodies that answer for a measure reported on: those a round asks, unless
    the secretariat says otherwise (the boxes checked when the form opens)."""
    register = services().app.body_register(plan.header.owner)
    measures = as_registered(plan.reporting_measures(), register)
    answering = {register.key_of(b) for m in measures for b in m.responsible}
    return tuple(b.id for b in register.in_name_order() if b.id in answering)


def _open_page(
    plan: Plan, typed: Typed, problems: dict[str, str] | None = None, refused: str = "",
    open_already: str = "", anyway: str = "",
) -> str:  # fmt: skip
    """The form to open a round, as typed; `anyway`, the deadline a box «Åpne runden likevel»
    confirms, once the page has asked about it (`_asked_first`)."""
    register = services().app.body_register(plan.header.owner)
    decisions = [
        (d.case, _decision_words(d.case, d.meeting_date, d.text))
        for d in read_models().community_decisions(plan.header.owner)
    ]
    if typed.decision and typed.decision not in {case for case, _words in decisions}:
        decisions.insert(0, (typed.decision, excerpt(typed.decision)))  # kept as sent
    return render_template(
        "dashboard/round_open.html",
        plan=plan,
        typed=typed,
        labels=OPEN_FORM.fields,
        bodies=register.in_name_order(),
        decisions=decisions,
        problems=problems or {},
        refused=refused,
        open_already=open_already,
        anyway=anyway,
        anyway_label=OPEN_ANYWAY,
    )


def _decision_words(case: str, meeting: str, text: str) -> str:
    """A decision as the choice offers it: its case, its meeting's day and how its text
    begins, so the secretariat can tell «ASU sak 40/24» from «ASU sak 41/24»."""
    day = date.fromisoformat(meeting).strftime("%d.%m.%Y") if meeting else ""
    said = f"{case} ({day})" if day else case
    if not text.strip():
        return said
    begins = excerpt(text, 60)
    if begins != text.strip():  # cut at a word, not inside one
        begins = begins[:-1].rsplit(" ", 1)[0] + " …"
    return f"{said}: {begins}"


@bp.get("/planer/<key>/dashbord/runde/lukk")
def close_confirm(key: str) -> str:
    """Asked before a round is closed: a closed round is not opened again, and a new one
    starts every body at nothing reported. How many have not reported is the dashboard's own
    count (`Dashboard.open_round`), and the form carries the round it names, as read."""
    require(Permission.EDIT)
    plan = _plan(key)
    found = read_models().dashboard(key, services().today()).open_round
    return render_template("dashboard/round_close.html", plan=plan, round=found)


@bp.post("/planer/<key>/dashbord/runde/lukk")
def close_round(key: str) -> Response:
    caller = require(Permission.EDIT)
    _plan(key)
    read = _round_read()
    try:
        round_id = services().app.close_reporting_round(
            key, Provenance(caller.name, Source.WEB), read
        )
    except RuleError:
        if not _closed_already(_plan(key), read):
            raise
        round_id = read.upper()
    return _done(key, "lukket", round_id)


def _closed_already(plan: Plan, read: str) -> bool:
    """The round read is closed, none is open and none was opened since: the close was sent
    twice (a double click, or again after a slow answer), or a colleague closed it first. It
    is then said as closed, as an open form sent twice is said as opened; the command line
    and the API refuse it, saying it was closed already."""
    found = plan.rounds.get(read.upper())
    return (
        found is not None
        and found.closed
        and plan.open_round_id() is None
        and max(plan.rounds, key=round_order) == read.upper()
    )


def _round_read() -> str:
    read = request.form.get("runde", "").strip()
    if not read or len(read) > 20:
        raise ValidationError(_("Skjemaet mangler runden. Last siden på nytt."))
    return read


@bp.get("/planer/<key>/dashbord/runde/paaminnelser")
def schedule_form(key: str) -> str:
    """The open round's reminders; `?dager=3,-1` fills in a schedule to keep (the warning
    of a reminder due already links here with the steps still to come)."""
    require(Permission.EDIT)
    plan = _plan(key)
    round_id = plan.open_round_id()
    if round_id is None:
        return _schedule_page(plan, None, "")
    days = request.args.get("dager")
    shown = _days(plan.rounds[round_id].schedule)
    return _schedule_page(plan, round_id, excerpt(days, 200) if days is not None else shown, shown)


def _days(schedule: tuple[int, ...]) -> str:
    """A schedule as the form holds it: "14,3,-1"."""
    return ",".join(str(d) for d in schedule)


@bp.post("/planer/<key>/dashbord/runde/paaminnelser")
def change_schedule(key: str) -> Any:
    caller = require(Permission.EDIT)
    plan = _plan(key)
    read = _round_read()
    typed = request.form.get("schedule", "").strip()
    if "shown_schedule" not in request.form:
        raise ValidationError(_("Skjemaet mangler påminnelsene du leste. Last siden på nytt."))
    shown = excerpt(request.form["shown_schedule"], 200)
    try:
        days = parse_schedule(typed)
        replacing = parse_schedule(shown)
    except ValidationError as error:
        problems = {"schedule": error.message}
        return _schedule_page(plan, read, typed, shown, problems=problems), 422
    by = Provenance(caller.name, Source.WEB)
    try:
        services().app.set_reminder_schedule(key, days, by, read, replacing)
    except (RuleError, ConcurrentEditError) as error:
        now = _plan(key)  # the form as typed, now for the round open now, if any
        round_id = now.open_round_id()
        now_shown = _days(now.rounds[round_id].schedule) if round_id else ""
        return _schedule_page(now, round_id, typed, now_shown, refused=error.message), 409
    except ValidationError as error:
        return _schedule_page(_plan(key), read, typed, shown, refused=error.message), 422
    return _done(key, "paaminnelser", _plan(key).open_round_id() or read)


def _schedule_page(
    plan: Plan, round_id: str | None, typed: str, shown: str = "",
    problems: dict[str, str] | None = None, refused: str = "",
) -> str:  # fmt: skip
    """The schedule form for `round_id`, the round read as open (the one the form was
    sent for, when it is refused); `shown`, the reminders the person read, carried along
    so one changed by someone else since is refused, not overwritten."""
    found = plan.rounds.get(round_id or "")
    found = found if found is not None and not found.closed else None
    return render_template(
        "dashboard/round_schedule.html",
        plan=plan,
        round_id=round_id,
        round=found,
        steps=steps_words(found.schedule) if found else "",
        typed=typed,
        shown=shown,
        labels=SCHEDULE_FORM.fields,
        problems=problems or {},
        refused=refused,
    )


def _done(key: str, outcome: str, round_id: str) -> Response:
    services().read_models.read_your_writes()
    return redirect(
        url_for("dashboard.dashboard", key=key, runde=outcome, id=round_id, _anchor="runde"),
        code=303,
    )


def round_done(key: str) -> dict[str, Any] | None:
    """What a round's form did, told on the dashboard after the redirect: only of a round the
    plan has, as it stands (opened: the open one, with what it is opened with a warning
    about; closed: a closed one), never words the address made up."""
    outcome, named = request.args.get("runde", ""), request.args.get("id", "")
    if outcome not in DONE:
        return None
    plan = _plan(key)
    found = plan.rounds.get(named)
    if found is None or (outcome == "lukket") != found.closed:
        return None
    said: dict[str, Any] = {"outcome": outcome, "round_id": named, "warnings": []}
    if outcome == "paaminnelser":
        said["steps"] = steps_words(found.schedule)
    if outcome == "apnet":
        said["warnings"] = _opening_warnings(plan, named)
    return said


def _opening_warnings(plan: Plan, round_id: str) -> list[dict[str, str]]:
    """What `planlogg round open` warns of, said on the page: a reminder due already links
    to the schedule form with the steps still to come filled in."""
    found = plan.rounds[round_id]
    header = plan.header
    warned = opening_warnings(
        found.deadline, found.schedule, services().today(), header.first_year, header.last_year
    )
    said = [{"text": warned.passed()}] if warned.passed() else []
    if warned.due is not None:
        days = ",".join(str(d) for d in warned.to_come)
        said.append({
            "text": _(
                "Organer som ikke har rapportert, får påminnelsen «%(step)s» neste gang "
                "påminnelser sendes. Skal de ikke få den, behold bare påminnelsene som kommer "
                "(%(to_come)s), før det.",
                step=step_label(warned.due),
                to_come=steps_words(warned.to_come),
            ),
            "link": url_for("round_actions.schedule_form", key=plan.key, dager=days),
        })  # fmt: skip
    if warned.after_period():
        said.append({"text": warned.after_period()})
    return said

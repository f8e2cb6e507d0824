"""The secretariat's steps of the plan's cycle in the browser: starting a revision, sending
the draft on hearing and for approval, and recording that the adopted version is published.

Each is one application call, the one `planlogg revise|hearing send|submit|publish` makes,
so the same rules refuse the same things. Each form carries what it was read on (a hidden
field, as the approval form carries the version): the version a revision starts from, the
version a draft is sent as and its endringsnummer, so a draft changed since is not sent
unseen (refused, naming the change). A form sent twice (a double click, two editors at once)
is said as done when the first send did what this one would, never done twice. Only editors
of the plan's community may do any of it (`Permission.EDIT`, as in the API).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from domain.dates import format_norwegian_date, parse_norwegian_date
from domain.errors import ConcurrentEditError, RuleError, ValidationError
from domain.hearing import check_sent_date
from domain.plan import EDITABLE_STAGES, Plan
from domain.provenance import Provenance, Source
from domain.vocabulary import Stage
from language import N_, _
from web.auth import require
from web.form_labels import FormLabels
from web.form_values import FieldReader, read_provenance, tell_of_unknown_bodies, whole_number
from web.roles import Permission
from web.services import services

bp = Blueprint("plan_cycle", __name__)

WHY = {"reason": N_("Begrunnelse"), "decision": N_("Vedtak endringen følger av")}
"""Why a step is taken, kept in the change log: the labels of the working version's forms."""
REVISION_FORM = FormLabels(
    endpoint="plan_cycle.start_revision", fields=WHY, hidden=frozenset({"version"})
)
"""«Start revisjon»: why, and, hidden, the version the revision starts from as read."""
SUBMIT_FORM = FormLabels(
    endpoint="plan_cycle.submit",
    fields={
        "bodies": N_("Organer som må godkjenne"),
        "others": N_("Andre organer"),
        **WHY,
    },
    hidden=frozenset({"version", "revision"}),
)
"""«Send til godkjenning»: the bodies, why, and, hidden, the version the draft is sent as
and its endringsnummer, as the page showed them."""
HEARING_FORM = FormLabels(
    endpoint="plan_cycle.send_on_hearing",
    fields={
        "deadline": N_("Høringsfrist"),
        "sent_on": N_("Sendt på høring"),
        "bodies": N_("Høringsinstanser"),
        "others": N_("Andre høringsinstanser"),
        **WHY,
    },
    hidden=frozenset({"revision"}),
)
"""«Send på høring»: the deadline, the day the draft was sent, who is asked, why, and,
hidden, the draft's endringsnummer as the page showed it."""
PUBLISH_FORM = FormLabels(endpoint="plan_cycle.publish", hidden=frozenset({"version"}))
"""«Publiser»: a button carrying, hidden, the adopted version read."""
FORMS: tuple[FormLabels, ...] = (REVISION_FORM, SUBMIT_FORM, HEARING_FORM, PUBLISH_FORM)

REVISABLE = (Stage.ADOPTED, Stage.PUBLISHED)


def _plan(key: str) -> Plan:
    return services().app.get_plan(key)


def _version_read() -> int:
    return whole_number(
        request.form.get("version", ""), _("Skjemaet mangler versjonen du så. Last siden på nytt.")
    )


@bp.post("/planer/<key>/revisjon")
def start_revision(key: str) -> Any:
    """A new draft while the adopted version stays in force. Refused as `planlogg revise` is
    (a plan that is not adopted); a revision started since from the version read, by a
    second press or another editor, is said as started."""
    caller = require(Permission.EDIT)
    _plan(key)
    try:
        read = _version_read()
    except ValidationError as error:
        return _working(key, revision=_given_back({}, error.message)), 422
    fields = FieldReader()
    by = read_provenance(fields, caller)
    if fields.problems or by is None:
        return _working(key, revision=_given_back(fields.problems)), fields.status
    try:
        version = services().app.start_revision(key, by, read)
    except ConcurrentEditError as error:
        services().read_models.read_your_writes()  # the page shows the version adopted now
        return _working(key, revision=_given_back({}, error.message)), 409
    except RuleError as error:
        now = _plan(key).header
        if now.stage in EDITABLE_STAGES and now.working_version == read + 1:
            return _done(key, _revision_started(now.working_version))
        return _working(key, revision=_given_back({}, error.message)), 409
    return _done(key, _revision_started(version))


@bp.post("/planer/<key>/publiser")
def publish(key: str) -> Any:
    """Record that the adopted version is published, as `planlogg publish` does; the version
    read published since (a second press) is said as published."""
    caller = require(Permission.EDIT)
    _plan(key)
    try:
        read = _version_read()
    except ValidationError as error:
        return _working(key, publish={"message": error.message}), 422
    try:
        services().app.publish(key, Provenance(caller.name, Source.WEB))
    except RuleError as error:
        now = _plan(key).header
        if now.stage == Stage.PUBLISHED and now.working_version == read:
            return _done(key, _published(read))
        return _working(key, publish={"message": error.message}), 409
    return _done(key, _published(_plan(key).header.working_version))


def _published(version: int) -> str:
    return _("Versjon %(version)s er publisert.", version=version)


def _revision_started(version: int) -> str:
    return _("Revisjon startet: utkast til versjon %(version)s.", version=version)


def _given_back(problems: dict[str, str], message: str = "") -> dict[str, Any]:
    """A folded form of the working version given back open: its refusals and what was typed."""
    return {
        "problems": problems,
        "message": message,
        "reason": request.form.get("reason", ""),
        "decision": request.form.get("decision", ""),
    }


def _working(key: str, **forms: dict[str, Any]) -> str:
    from web.working_plan import page

    return page(key, cycle=forms)


def _done(key: str, notice: str) -> Response:
    services().read_models.read_your_writes()
    flash(notice)
    return redirect(url_for("working_plan.show", key=key), code=303)


@dataclass(frozen=True)
class Typed:
    """What the secretariat chose and typed: the bodies checked (as the register writes
    them), the others typed one a line, and why."""

    bodies: tuple[str, ...] = ()
    others: str = ""
    reason: str = ""
    decision: str = ""

    @classmethod
    def from_form(cls) -> Typed:
        form = request.form
        checked = tuple(b.strip() for b in form.getlist("bodies") if b.strip())
        return cls(checked, form.get("others", "").strip(), form.get("reason", ""),
                   form.get("decision", ""))  # fmt: skip

    @property
    def names(self) -> list[str]:
        """Every body named, the checked first, each typed line after them."""
        typed = (line.strip() for line in self.others.splitlines())
        return [*self.bodies, *(name for name in typed if name)]


@dataclass(frozen=True)
class Read:
    """The version a draft is sent as and its endringsnummer, as a page shows them and its
    form carries them."""

    version: int
    revision: int

    @classmethod
    def of(cls, plan: Plan) -> Read:
        submission = plan.header.submission
        version = plan.header.working_version if submission is None else submission.version + 1
        return cls(version, plan.header.content_revision)

    @classmethod
    def from_form(cls) -> Read:
        missing = _("Skjemaet mangler versjonen du så. Last siden på nytt.")
        return cls(whole_number(request.form.get("version", ""), missing), cls.revision_from_form())

    @staticmethod
    def revision_from_form() -> int:
        missing = _("Skjemaet mangler versjonen du så. Last siden på nytt.")
        return whole_number(request.form.get("revision", ""), missing)


def _offered(plan: Plan, chosen: list[str]) -> tuple[list[dict[str, Any]], str]:
    """The community's registered bodies as boxes (each checked when `chosen` names it, in any
    spelling), and the names `chosen` has that no registered body has, one a line."""
    register = services().app.body_register(plan.header.owner)
    wanted = {register.identity(name) for name in chosen}
    boxes = [
        {
            "id": body.id,
            "value": body.short_name or body.name,
            "label": f"{body.name} ({body.short_name})" if body.short_name else body.name,
            "checked": body.id in wanted,
        }
        for body in register.in_name_order()
    ]
    registered = {body.id for body in register.in_name_order()}
    others = [name for name in chosen if register.identity(name) not in registered]
    return boxes, "\n".join(others)


@bp.get("/planer/<key>/send-til-godkjenning")
def submit_form(key: str) -> str:
    """The form; on a draft sent for approval before, the bodies it was sent to are chosen."""
    require(Permission.EDIT)
    plan = _plan(key)
    submission = plan.header.submission
    asked = list(submission.required_bodies) if submission else []
    return _submit_page(plan, Typed(), asked, Read.of(plan))


@bp.post("/planer/<key>/send-til-godkjenning")
def submit(key: str) -> Any:
    """The draft sent for approval by the bodies checked and typed, as `planlogg submit`
    sends it; refused when the draft was changed or sent since the page was read."""
    caller = require(Permission.EDIT)
    plan = _plan(key)
    typed = Typed.from_form()
    try:
        read = Read.from_form()
    except ValidationError as error:
        return _submit_page(plan, typed, typed.names, Read.of(plan), refused=error.message), 422
    fields = FieldReader()
    if not typed.names:
        none = ValidationError(_("Minst ett organ må godkjenne planen."))
        fields.read("bodies", _refuse(none), None)
    by = read_provenance(fields, caller)
    if fields.problems or by is None:
        page = _submit_page(plan, typed, typed.names, read, problems=fields.problems)
        return page, fields.status
    try:
        version = services().app.submit(key, typed.names, by, read.version, read.revision)
    except ConcurrentEditError as error:
        now = _plan(key)
        if _submitted_already(now, typed, read):
            return _done(key, _submitted(read.version, now))
        page = _submit_page(now, typed, typed.names, Read.of(now), refused=error.message)
        return page, 409
    except RuleError as error:
        return _submit_page(_plan(key), typed, typed.names, read, refused=error.message), 409
    except ValidationError as error:
        at = {"others": error.message} if typed.others else {}
        page = _submit_page(_plan(key), typed, typed.names, read, problems=at,
                            refused="" if at else error.message)  # fmt: skip
        return page, 422
    notice = _submitted(version, _plan(key))
    services().read_models.read_your_writes()
    flash(notice)
    tell_of_unknown_bodies(key, typed.names)
    return redirect(url_for("working_plan.show", key=key), code=303)


def _submitted(version: int, plan: Plan) -> str:
    submission = plan.header.submission
    bodies = ", ".join(submission.required_bodies) if submission else ""
    return _(
        "Versjon %(version)s er sendt til godkjenning hos %(bodies)s.",
        version=version,
        bodies=bodies,
    )


def _submitted_already(plan: Plan, typed: Typed, read: Read) -> bool:
    """Whether the version submitted now is the one this form would submit: the version and
    endringsnummer it carries, to the same bodies (a form sent twice)."""
    submission = plan.header.submission
    if submission is None:
        return False
    register = services().app.body_register(plan.header.owner)
    same = {register.identity(b) for b in submission.required_bodies} == {
        register.identity(b) for b in typed.names
    }
    return same and (submission.version, submission.content_revision) == (
        read.version, read.revision,
    )  # fmt: skip


def _refuse(error: Exception) -> Any:
    def read() -> None:
        raise error

    return read


def _submit_page(
    plan: Plan, typed: Typed, chosen: list[str], read: Read,
    problems: dict[str, str] | None = None, refused: str = "",
) -> str:  # fmt: skip
    """The form; `chosen`: the bodies checked or typed (on a fresh page: those the last
    submission named); `read`: the version and endringsnummer it carries."""
    boxes, others = _offered(plan, chosen)
    sendable = plan.header.stage in EDITABLE_STAGES
    return render_template(
        "editing/plan_submit.html",
        plan=plan,
        read=read,
        boxes=boxes,
        others=typed.others if request.method == "POST" else others,
        typed=typed,
        labels=SUBMIT_FORM.fields,
        problems=problems or {},
        refused=refused,
        not_sendable=""
        if sendable
        else _(
            "Planen er %(stage)s; start en revisjon før ny innsending.",
            stage=plan.header.stage.label,
        ),
        submission=plan.header.submission,
    )


@dataclass(frozen=True)
class HearingTyped:
    """The deadline and the day sent, as typed."""

    deadline: str = ""
    sent_on: str = ""

    @classmethod
    def from_form(cls) -> HearingTyped:
        return cls(
            request.form.get("deadline", "").strip(), request.form.get("sent_on", "").strip()
        )


@bp.get("/planer/<key>/send-paa-horing")
def hearing_form(key: str) -> str:
    """The form, the day sent filled in with today."""
    require(Permission.EDIT)
    plan = _plan(key)
    today = HearingTyped(sent_on=format_norwegian_date(services().today()))
    return _hearing_page(plan, today, Typed(), [], plan.header.content_revision)


@bp.post("/planer/<key>/send-paa-horing")
def send_on_hearing(key: str) -> Any:
    """The draft sent on hearing, as `planlogg hearing send` sends it: the day sent not after
    today nor after the deadline, each said at its field; a draft changed since the page was
    read is refused, and a form sent twice sends once."""
    caller = require(Permission.EDIT)
    plan = _plan(key)
    days, typed = HearingTyped.from_form(), Typed.from_form()
    try:
        revision = Read.revision_from_form()
    except ValidationError as error:
        page = _hearing_page(plan, days, typed, typed.names, plan.header.content_revision,
                             refused=error.message)  # fmt: skip
        return page, 422
    fields = FieldReader()
    today = services().today()
    deadline = fields.read("deadline", lambda: _day(days.deadline, today), None)
    sent_on = fields.read("sent_on", lambda: _day(days.sent_on, today), None)
    if sent_on is not None and sent_on > today:
        fields.read("sent_on", lambda: check_sent_date(sent_on, sent_on, today), None)
    elif sent_on is not None and deadline is not None:
        fields.read("deadline", lambda: check_sent_date(sent_on, deadline, today), None)
    by = read_provenance(fields, caller)
    if fields.problems or by is None or deadline is None or sent_on is None:
        page = _hearing_page(plan, days, typed, typed.names, revision, problems=fields.problems)
        return page, fields.status
    try:
        services().app.send_on_hearing(
            key, deadline, by, asked=typed.names, sent_on=sent_on, revision=revision
        )
    except (RuleError, ConcurrentEditError) as error:
        now = _plan(key)
        if _sent_already(now, typed, deadline, sent_on, revision):
            return _done(key, _sent(now.header.working_version, typed.names, deadline))
        stale = isinstance(error, ConcurrentEditError)
        page = _hearing_page(now, days, typed, typed.names,
                             now.header.content_revision if stale else revision,
                             refused=error.message)  # fmt: skip
        return page, 409
    except ValidationError as error:
        at = {"others": error.message} if typed.others else {}
        page = _hearing_page(_plan(key), days, typed, typed.names, revision, problems=at,
                             refused="" if at else error.message)  # fmt: skip
        return page, 422
    return _done(key, _sent(plan.header.working_version, typed.names, deadline))


def _day(typed: str, today: date) -> date:
    return parse_norwegian_date(typed, default_year=today.year)


def _sent(version: int, asked: list[str], deadline: date) -> str:
    words = {"version": version, "deadline": format_norwegian_date(deadline)}
    if asked:
        return _(
            "Versjon %(version)s er sendt på høring til %(asked)s, med frist %(deadline)s.",
            asked=", ".join(asked),
            **words,
        )
    return _("Versjon %(version)s er sendt på høring, med frist %(deadline)s.", **words)


def _sent_already(plan: Plan, typed: Typed, deadline: date, sent_on: date, revision: int) -> bool:
    """Whether the draft on hearing now is the one this form would send, as it would send
    it: its endringsnummer, deadline, day sent and those asked (a form sent twice)."""
    if plan.header.stage != Stage.HEARING or plan.header.content_revision != revision:
        return False
    hearing = plan.hearing()
    asked = {name.casefold() for name in typed.names}
    return (
        hearing.version == plan.header.working_version
        and (hearing.deadline, hearing.sent_on) == (deadline, sent_on)
        and {name.casefold() for name in hearing.asked} == asked
    )


def _hearing_page(
    plan: Plan, days: HearingTyped, typed: Typed, chosen: list[str], revision: int,
    problems: dict[str, str] | None = None, refused: str = "",
) -> str:  # fmt: skip
    """The form; `revision`: the draft's endringsnummer it carries."""
    boxes, others = _offered(plan, chosen)
    stage = plan.header.stage
    return render_template(
        "editing/plan_hearing.html",
        plan=plan,
        version=plan.header.working_version,
        revision=revision,
        days=days,
        boxes=boxes,
        others=typed.others if request.method == "POST" else others,
        typed=typed,
        labels=HEARING_FORM.fields,
        problems=problems or {},
        refused=refused,
        not_sendable=""
        if stage == Stage.DRAFT
        else _("Bare et utkast kan sendes på høring (planen er %(stage)s).", stage=stage.label),
    )


def cycle_forms(plan: dict[str, Any], given: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What the working version offers of the plan's cycle for its stage (`plan`: the read
    model's plan), with each form given back after a refusal (`given`, by form) open."""
    stage = Stage(plan["stage"])
    empty: dict[str, Any] = {"problems": {}, "message": "", "reason": "", "decision": ""}
    return {
        "revision": given.get("revision", empty if stage in REVISABLE else None),
        "revision_open": "revision" in given,
        "revisable": stage in REVISABLE,
        "labels": WHY,
        "submit": stage in EDITABLE_STAGES,
        "hearing": stage == Stage.DRAFT,
        "publish": given.get("publish", {})
        if stage == Stage.ADOPTED or "publish" in given
        else None,
    }

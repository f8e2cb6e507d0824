"""Recording approvals in the browser: which body approved the submitted version, and when.

The form carries the version the approver saw (a hidden field, like
If-Match): when the plan was submitted anew, changed after submission, or
the body's approval was recorded by someone else in the meantime (or other
saves crowded this one out), the domain refuses the approval, nothing is
recorded, and the page shows the submission as it stands now with what the
approver typed beside it. Every approval is the signed-in person's, from the
web, under the decision it names. The body is chosen, never preselected (a
form shown again after a refusal offered the next body, with the case and date
typed for another); a field refused is refused beside it, every one at once.

An approval registered by mistake is withdrawn from the same page, saying why, until the
version is adopted; the form carries the approval the approver saw (its case and meeting
day), as the approval form carries the version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for

from domain.body_register import BodyRegister
from domain.dates import parse_norwegian_date
from domain.decision import CaseNumber, parse_case
from domain.errors import ConcurrentEditError, RefusedAt, RuleError, ValidationError
from domain.plan import Plan
from domain.plan_state import Approval
from domain.provenance import Provenance, Source
from domain.vocabulary import Stage
from language import N_, _
from projections.documents import DecisionDoc
from web.auth import require
from web.form_labels import REASON, FormLabels
from web.form_values import FieldReader, whole_number
from web.roles import Permission
from web.services import services

bp = Blueprint("approval_form", __name__)

PAGE = "editing/approval_form.html"
FORM = FormLabels(
    endpoint="approval_form.approve",
    fields={
        "body": N_("Organ"),
        "case": N_("Saksnummer"),
        "meeting_date": N_("Møtedato"),
        "reason": REASON,
    },
)
"""Each field's label, on the form and where the summary of refusals names it."""
WITHDRAWAL_FORM = FormLabels(
    endpoint="approval_form.withdraw",
    fields={"reason": N_("Hvorfor trekkes godkjenningen tilbake?")},
    hidden=frozenset({"version", "body", "case", "meeting_date"}),
)
"""The form under each approval that withdraws it: the approval it withdraws is carried."""
FORMS: tuple[FormLabels, ...] = (FORM, WITHDRAWAL_FORM)


@dataclass(frozen=True)
class Typed:
    """What the approver filled in."""

    version: str
    body: str
    case: str
    meeting_date: str
    reason: str

    @classmethod
    def from_form(cls) -> Typed:
        return cls(*(request.form.get(name, "").strip() for name in cls.__dataclass_fields__))

    @property
    def decision(self) -> str:
        """The decision the approval follows from, written as decisions are registered:
        "ASU sak 12/25" for "sak 12/25", "asu sak 12/25" and "ASU-sak 12/25" alike.

        The decision's list of changes finds the approvals citing it in that form only; a
        case written otherwise left the approval out of it. A case of another body than
        the approving one is refused by the domain.
        """
        if not self.case:
            raise ValidationError(_("Godkjenningen må ha et saksnummer (f.eks. sak 11/24)."))
        case = parse_case(self.case, self.body)
        return str(CaseNumber(case.number, case.year, self.body))


@bp.get("/planer/<key>/godkjenning")
def show(key: str) -> str:
    require(Permission.APPROVE)
    return _page(services().app.get_plan(key))


@bp.get("/planer/<key>/godkjenning/endringer")
def changes(key: str) -> str:
    """What the working version (the one sent for approval, while it is) changes from the
    version adopted last, for the approver to read before recording an approval: the
    comparison of adopted versions and a hearing's page are the auditors' and editors'."""
    require(Permission.APPROVE)
    plan = services().app.get_plan(key)
    services().read_models.read_your_writes()
    return render_template(
        "editing/approval_changes.html",
        plan=plan,
        diff=_to_dict(services().read_models.working_diff(key)),
    )


def _to_dict(found: Any) -> dict[str, Any] | None:
    return found.to_dict() if found is not None else None


@bp.post("/planer/<key>/godkjenning")
def approve(key: str) -> Any:
    caller = require(Permission.APPROVE)
    app = services().app
    typed = Typed.from_form()
    fields = FieldReader()
    fields.read("body", lambda: _body(typed), "")
    decision = fields.read("case", lambda: typed.decision, "")
    meeting = fields.read("meeting_date", lambda: _meeting_date(typed), date.min)
    by = fields.read(
        "reason", lambda: Provenance(caller.name, Source.WEB, typed.reason, decision), None
    )
    if fields.problems or by is None:
        return _page(app.get_plan(key), typed, problems=fields.problems, version=typed.version), 422
    try:
        version = _version(typed)
        adopted = app.approve(key, version, typed.body, typed.case, meeting, by)
    except (RuleError, ConcurrentEditError) as error:
        return _page(app.get_plan(key), typed, refused=error.message, version=typed.version), 409
    except RefusedAt as error:
        problems = {error.field: error.message}
        return _page(app.get_plan(key), typed, problems=problems, version=typed.version), 422
    except ValidationError as error:
        return _page(app.get_plan(key), typed, error=error.message, version=typed.version), 422
    services().read_models.read_your_writes()
    flags: dict[str, Any] = {"godkjent": typed.body, **({"vedtatt": "1"} if adopted else {})}
    return redirect(url_for("approval_form.show", key=key, **flags), code=303)


@bp.post("/planer/<key>/godkjenning/trekk-tilbake")
def withdraw(key: str) -> Any:
    """Withdraw one body's approval, registered by mistake, saying why. The form carries the
    version and the approval the approver saw (its case and meeting day): an approval
    registered anew since, with the meeting day corrected too, or a version adopted since,
    is refused and nothing is withdrawn."""
    caller = require(Permission.APPROVE)
    app = services().app
    body, reason = request.form.get("body", "").strip(), request.form.get("reason", "").strip()
    try:
        version, seen = _withdrawn_as_seen()
    except ValidationError as error:
        return _page(app.get_plan(key), withdrawal=Withdrawal(body, reason, error.message)), 422
    try:
        by = Provenance(caller.name, Source.WEB, reason)
        approving, _withdrawn = app.withdraw_approval(key, version, body, reason, by, seen)
    except (RuleError, ConcurrentEditError) as error:
        return _page(app.get_plan(key), withdrawal=Withdrawal(body, reason, error.message)), 409
    except ValidationError as error:
        problem = Withdrawal(body, reason, error.message, at_reason=True)
        return _page(app.get_plan(key), withdrawal=problem), 422
    services().read_models.read_your_writes()
    return redirect(url_for("approval_form.show", key=key, trukket=approving), code=303)


def _withdrawn_as_seen() -> tuple[int, Approval]:
    """The version and the approval the withdrawal form carries, as the page showed them."""
    missing = _("Skjemaet mangler godkjenningen du trekker tilbake. Last siden på nytt.")
    version = whole_number(request.form.get("version", "").strip(), missing)
    try:
        meeting = date.fromisoformat(request.form.get("meeting_date", "").strip())
    except ValueError:
        raise ValidationError(missing) from None
    return version, Approval(request.form.get("case", "").strip(), meeting)


@dataclass(frozen=True)
class Withdrawal:
    """A withdrawal refused: whose approval, the reason typed (given back), and why; a reason
    missing is said at the reason field of that body's form (`at_reason`), any other
    refusal above the approvals."""

    body: str
    reason: str
    message: str
    at_reason: bool = False


def _body(typed: Typed) -> str:
    """The body chosen; the list starts on no body, so that a form shown again after a
    refusal never approves for a body the approver did not pick."""
    if not typed.body:
        raise ValidationError(_("Velg organet som godkjente versjonen."))
    return typed.body


def _version(typed: Typed) -> int:
    return whole_number(
        typed.version, _("Skjemaet mangler versjonen du godkjenner. Last siden på nytt.")
    )


def _meeting_date(typed: Typed) -> date:
    if not typed.meeting_date:
        raise ValidationError(_("Skriv datoen for møtet der vedtaket ble gjort."))
    return parse_norwegian_date(typed.meeting_date)


def _page(
    plan: Plan,
    typed: Typed | None = None,
    error: str = "",
    refused: str = "",
    problems: dict[str, str] | None = None,
    version: str = "",
    withdrawal: Withdrawal | None = None,
) -> str:
    """The page; `version` is the version a form given back after a refusal carries on (the one
    the approver opened: a version submitted since is then refused when it is saved, not
    approved on a decision about another). Otherwise the form carries the version submitted."""
    submission = plan.header.submission
    approved = dict(submission.approvals) if submission else {}
    waiting = [b for b in submission.required_bodies if b not in approved] if submission else []
    submitted = plan.header.stage == Stage.SUBMITTED
    changed = submitted and _changed_since_submission(plan)
    done = _approved_body(approved)
    decisions = _RegisteredDecisions.of(plan)
    return render_template(
        PAGE,
        plan=plan,
        stage=plan.header.stage.value,
        submission=submission,
        submitted=submitted,
        changed=changed,
        approved=approved,
        waiting=waiting if submitted and not changed else [],
        typed=typed,
        version=version or (submission.version if submission else ""),
        error=error,
        refused=refused,
        problems=problems or {},
        labels=FORM.fields,
        reason=request.form.get("reason", ""),
        done=done,
        adopted=bool(done) and _adopted_now(plan),
        withdrawal=withdrawal,
        withdrawal_labels=WITHDRAWAL_FORM.fields,
        withdrawn=_withdrawn_body(waiting if submitted else []),
        offered=decisions.of_bodies(waiting, plan),
        cited={body: decisions.find(a.case, body) for body, a in approved.items()},
        typed_decision=decisions.find(typed.case, typed.body) if typed else None,
    )


@dataclass(frozen=True)
class _RegisteredDecisions:
    """The decisions the plan's community registered (without the changes citing them),
    newest meeting first, found as the domain finds a case: by its body as the register knows
    it (any of its names) and its number and year. What the approver is shown of each: the
    decision an approval cites, the decisions of the bodies still to approve, the case typed."""

    decisions: tuple[DecisionDoc, ...]
    register: BodyRegister

    @classmethod
    def of(cls, plan: Plan) -> _RegisteredDecisions:
        owner = plan.header.owner
        found = services().read_models.community_decisions(owner)
        return cls(tuple(found), services().app.body_register(owner))

    def _case(self, case: str, body: str) -> tuple[str, int, int] | None:
        try:
            parsed = parse_case(case, body)
        except ValidationError:
            return None
        return self.register.identity(parsed.body), parsed.number, parsed.year

    def find(self, case: str, body: str) -> DecisionDoc | None:
        """The registered decision `case` of `body` names ("sak 12/25" of ASU), if any."""
        wanted = self._case(case, body) if case.strip() and body.strip() else None
        found = (d for d in self.decisions if wanted and self._case(d.case, d.body) == wanted)
        return next(found, None)

    def of_bodies(self, bodies: list[str], plan: Plan) -> list[DecisionDoc]:
        """The decisions of `bodies` for the plan or for no plan: not a case that adopted an
        earlier version, which approves no other."""
        wanted = {self.register.identity(body) for body in bodies}
        adopting = {case.casefold() for case in plan.header.adopting_cases or ()}
        return [
            d
            for d in self.decisions
            if self.register.identity(d.body) in wanted
            and d.plan in ("", plan.key)
            and d.case.casefold() not in adopting
        ]


def _changed_since_submission(plan: Plan) -> bool:
    """Whether the content moved on after the version was submitted: every approval of it
    is then refused, so the page says so instead of offering a form that cannot succeed."""
    submission = plan.header.submission
    return submission is not None and submission.content_revision != plan.header.content_revision


def _approved_body(approved: dict[str, Any]) -> str:
    """The body the address says just approved, when its approval of the version is stored:
    the notice names a recorded approval, never a body the address made up."""
    body = request.args.get("godkjent", "")
    return body if body in approved else ""


def _withdrawn_body(waiting: list[str]) -> str:
    """The body the address says had its approval withdrawn, when it is waiting again."""
    body = request.args.get("trukket", "")
    return body if body in waiting else ""


def _adopted_now(plan: Plan) -> bool:
    """Whether the address says the approval adopted the plan and the plan is indeed adopted,
    as that submitted version (a draft's page never says the plan is adopted)."""
    submission = plan.header.submission
    return (
        request.args.get("vedtatt") == "1"
        and submission is not None
        and plan.header.stage in (Stage.ADOPTED, Stage.PUBLISHED)
        and plan.header.adopted_version == submission.version
    )

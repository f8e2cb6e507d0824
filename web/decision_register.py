"""The register of decisions in the browser: the secretariat (editors) reads the decisions of
a plan's health community and registers new ones, «Registrer vedtak».

The page lists every decision the community registered (for this plan, another of its plans
or none), newest meeting first, each shown as the auditors' page shows it
(`audit/_decision.html`): body, case number, meeting day, text, plan and the changes citing
it. The form asks for the body (the community's register offered), the case number, the
meeting day, the text and, if any, the plan; each field is read as the command reads it, so
every mistake is said at its field at once, and the decision is then recorded by the one
command the command line and the API call (`Planlogg.record_decision`), which decides: a case
registered already, or a case number naming another body, is refused at the case number. A
refused form is given back as it was filled in. A decision is registered once and never
overwritten (no form changes a registered decision's text), so there is no stale read to
refuse: a form sent twice (a double click, a reload) finds its own decision registered, as
typed, and is told it is registered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

from domain.dates import parse_norwegian_date
from domain.decision import Decision, parse_case
from domain.errors import NotFoundError, ValidationError
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.text import BODY, CASE, LONG_TEXT, checked
from language import N_, _
from web.auth import Caller, decisions_within, reached_plans, require
from web.form_labels import FormLabels
from web.form_values import FieldReader
from web.history import named_decisions
from web.reading import community_name
from web.roles import Permission
from web.services import services

bp = Blueprint("decision_register", __name__)

PAGE = "editing/decisions.html"
FORM = FormLabels(
    endpoint="decision_register.record",
    fields={
        "body": N_("Organ"),
        "case": N_("Saksnummer"),
        "meeting_date": N_("Møtedato"),
        "text": N_("Vedtakstekst"),
        "plan": N_("Plan"),
    },
)
"""«Registrer vedtak»: each field's label, on the form and where the summary names it."""
TEXT = N_("Vedtaksteksten")
"""What a text refused is refused as, in the words of the domain's own check."""


@dataclass(frozen=True)
class Typed:
    """What the editor filled in (or, on a new form, what the page offers)."""

    body: str = ""
    case: str = ""
    meeting_date: str = ""
    text: str = ""
    plan: str = ""

    @classmethod
    def from_form(cls) -> Typed:
        return cls(*(request.form.get(name, "") for name in cls.__dataclass_fields__))


@dataclass(frozen=True)
class Read:
    """The fields as the command takes them."""

    body: str
    case: str
    meeting_date: date
    text: str
    plan: str


@bp.get("/planer/<key>/vedtak")
def show(key: str) -> str:
    caller = require(Permission.EDIT)
    plan = services().app.get_plan(key)
    return _page(plan, caller, Typed(plan=key))


@bp.post("/planer/<key>/vedtak")
def record(key: str) -> Any:
    caller = require(Permission.EDIT)
    app = services().app
    plan = app.get_plan(key)
    community = plan.header.owner
    typed = Typed.from_form()
    fields = FieldReader()
    read = _read(community, typed, fields)
    if read is None:
        return _page(plan, caller, typed, fields.problems), 422
    by = Provenance(caller.name, Source.WEB)
    try:
        reference = app.record_decision(
            community, read.case, read.body, read.meeting_date, read.text, by, plan=read.plan
        )
    except ValidationError as error:  # all else was read above: the case is registered, or
        # it names another body than the one given (`RefusedAt` the case)
        found = _registered(community, read)
        if found is None or not _as_typed(found, read):
            shown = anchor(found.case) if found is not None else ""
            return _page(plan, caller, typed, {"case": error.message}, registered=shown), 422
        reference = found.case
    except NotFoundError as error:  # a plan owned by a community not registered, none chosen
        return _page(plan, caller, typed, message=error.message), 422
    services().read_models.read_your_writes()
    flash(_("Registrerte %(reference)s.", reference=reference))
    return redirect(f"{url_for('decision_register.show', key=key)}#{anchor(reference)}", code=303)


def _read(community: str, typed: Typed, fields: FieldReader) -> Read | None:
    """Every field read as the command reads it, each refusal kept at its field (`fields`);
    None when any was."""
    body = fields.read("body", lambda: _body(typed.body), "")
    case = fields.read("case", lambda: _case(typed.case, body), "")
    meeting = fields.read("meeting_date", lambda: _meeting_date(typed.meeting_date), date.min)
    text = fields.read("text", lambda: _text(typed.text), "")
    plan = fields.read("plan", lambda: _plan(community, typed.plan), "")
    if fields.problems:
        return None
    return Read(body, case, meeting, text, plan)


def _body(typed: str) -> str:
    if not typed.strip():
        raise ValidationError(_("Vedtaket må ha et organ (f.eks. SSU)."))
    return checked(typed, FORM.fields["body"], max_length=BODY)


def _text(typed: str) -> str:
    return checked(typed, TEXT, max_length=LONG_TEXT, lines=True, required=True)


def _case(typed: str, body: str) -> str:
    """The case number as typed, when it is one (of the body given, or naming its own)."""
    case = checked(typed, FORM.fields["case"], max_length=CASE)
    parse_case(case, body)
    return case


def _meeting_date(typed: str) -> date:
    """The meeting day; one written without a year is of this year, as on the command line."""
    return parse_norwegian_date(typed, default_year=services().today().year)


def _plan(community: str, typed: str) -> str:
    """The plan chosen ("" for none), when it is one of the community's."""
    plan = typed.strip()
    try:
        services().app.check_decision_plan(community, plan)
    except NotFoundError as error:
        raise ValidationError(error.message) from None
    return plan


def _registered(community: str, read: Read) -> Decision | None:
    """The decision registered as the case typed, if any."""
    try:
        return services().app.get_decision(community, read.case, read.body)
    except (NotFoundError, ValidationError):
        return None


def _as_typed(found: Decision, read: Read) -> bool:
    """Whether `found` is the decision this form registered, sent twice: the case registered
    with the meeting day, text and plan typed. Any other registered case is refused."""
    return (found.meeting_date, found.text, found.plan) == (read.meeting_date, read.text, read.plan)


def anchor(case: str) -> str:
    """A decision's place on the page, from its case: «ASU sak 41/24» → `vedtak-asu-sak-41-24`."""
    return "vedtak-" + re.sub(r"[^\w]+", "-", case.casefold()).strip("-")


def _page(
    plan: Plan,
    caller: Caller,
    typed: Typed,
    problems: dict[str, str] | None = None,
    message: str = "",
    registered: str = "",
) -> str:
    """The register and the form; refusals in the order of the form's fields. `registered`:
    the place on the page of the decision a case refused as registered already is."""
    community = plan.header.owner
    found = [d.to_dict() for d in services().read_models.decisions(community=community)]
    decisions = named_decisions(decisions_within(caller, found))
    decisions.reverse()
    plans = [p for p in reached_plans(caller) if p["owner"] == community]
    history = caller.can(Permission.AUDIT)
    limited = bool(caller.communities)
    refused = problems or {}
    return render_template(
        PAGE,
        plan=plan,
        community=community_name(community),
        decisions=[
            {
                **d,
                "anchor": anchor(d["case"]),
                "history": url_for(
                    "audit.history", decision=d["case"], plan=plan.key if limited else None
                )
                if history
                else None,
            }
            for d in decisions
        ],
        plans=plans,
        plan_titles={p["key"]: p["title"] for p in plans},
        bodies=services().app.body_register(community).in_name_order(),
        typed=typed,
        problems={name: refused[name] for name in FORM.fields if name in refused},
        message=message,
        labels=FORM.fields,
        registered=registered,
        linked=True,
    )

"""People and their roles on the web: the administrators' pages, and the page a signed-in
person without any role sees (whom to ask for access).

Every change is a command of the application stamped with the administrator
as actor and "web" as source; the forms post with a CSRF token and work
without JavaScript. People are read through the application (`people()`),
not a read model, and each person's page shows their own events: who gave
or took which role, when and why.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from domain.errors import ValidationError
from domain.people import Person, Role
from domain.provenance import Provenance, Source
from language import _
from web.auth import NotAuthenticated, SignedInPerson, current_caller, require
from web.login import identity_provider, landing_page
from web.roles import Permission, role_label, roles_label
from web.services import services

bp = Blueprint("people", __name__)
OSLO = ZoneInfo("Europe/Oslo")
ROLE_CHOICES = (Role.REPORTER, Role.EDITOR, Role.APPROVER, Role.AUDITOR, Role.ADMINISTRATOR)


@bp.get("/ingen-tilgang")
def no_access() -> Any:
    caller = current_caller()
    if not isinstance(caller, SignedInPerson):
        raise NotAuthenticated(_("Du må logge inn for å se dette."))
    if caller.roles:
        return redirect(landing_page(caller))
    person = services().app.get_person(caller.id)
    admins = [p for p in services().app.people() if Role.ADMINISTRATOR in p.role_set]
    return render_template("people/no_access.html", person=person, admins=admins), 403


@bp.get("/admin/personer")
def index() -> str:
    require(Permission.ADMINISTER)
    provider = identity_provider()
    return render_template(
        "people/index.html",
        people=services().app.people(),
        roles_label=roles_label,
        issuer=provider.issuer if provider else "",
    )


@bp.post("/admin/personer")
def add() -> Response:
    by = _by(require(Permission.ADMINISTER).name)
    person = services().app.add_person(
        request.form.get("issuer", ""),
        request.form.get("subject", ""),
        request.form.get("email", ""),
        request.form.get("name", ""),
        by,
    )
    return redirect(url_for("people.person", person=person))


@bp.get("/admin/personer/<uuid:person>")
def person(person: UUID) -> str:
    require(Permission.ADMINISTER)
    found = services().app.get_person(person)
    return render_template(
        "people/person.html",
        person=found,
        choices=[(role, role_label(role)) for role in ROLE_CHOICES],
        history=_history(found),
        saved=request.args.get("lagret") == "1",
    )


@bp.post("/admin/personer/<uuid:person>")
def change(person: UUID) -> Response:
    caller = require(Permission.ADMINISTER)
    by = _by(caller.name)
    wanted = {Role(value) for value in request.form.getlist("role") if value in set(Role)}
    held = services().app.get_person(person).role_set
    if _is_self(caller, person) and Role.ADMINISTRATOR in held - wanted:
        raise ValidationError(
            _("Du kan ikke fjerne din egen administratorrolle. Be en annen administrator.")
        )
    bodies = request.form.get("bodies", "").splitlines()
    services().app.change_access(person, wanted, bodies, by)
    return redirect(url_for("people.person", person=person, lagret="1"))


def _by(actor: str) -> Provenance:
    return Provenance(actor, Source.WEB, reason=request.form.get("reason", "").strip())


def _is_self(caller: object, person: UUID) -> bool:
    return isinstance(caller, SignedInPerson) and caller.id == person


def _history(person: Person) -> list[dict[str, str]]:
    """The person's own events, newest first, as people read them."""
    rows = []
    change: Any
    for change in services().app.events_of(person.id):
        moment: datetime = change.timestamp
        rows.append(
            {
                "when": moment.astimezone(OSLO).strftime("%d.%m.%Y %H:%M"),
                "what": _describe(change),
                "actor": change.by.actor,
                "reason": change.by.reason,
            }
        )
    return rows[::-1]


def _describe(change: Any) -> str:
    kind = type(change).__name__
    if kind == "PersonAdded":
        return _("lagt til i Planlogg")
    if kind == "PersonDetailsChanged":
        return _(
            "navn og e-post er nå %(name)s %(email)s", name=change.name, email=change.email
        ).strip()
    if kind == "RoleGranted":
        return _("fikk rollen %(role)s", role=role_label(Role(change.role)))
    if kind == "RoleRevoked":
        return _("mistet rollen %(role)s", role=role_label(Role(change.role)))
    if kind == "LanguageChosen":
        return {"nb": _("leser bokmål"), "nn": _("leser nynorsk")}.get(
            change.language, _("leser helsefellesskapets målform")
        )
    if getattr(change, "bodies", None):
        return _("rapporterer for %(bodies)s", bodies=", ".join(change.bodies))
    return _("rapporterer ikke for noe organ")

"""People and their roles on the web: the administrators' pages, and the page a signed-in
person without any role sees (whom to ask for access).

Every change is a command of the application stamped with the administrator
as actor and "web" as source; the forms post with a CSRF token and work
without JavaScript. The list is read from the people register (`ReadModels.people`), one
query however many are listed, and narrowed to a name, e-mail address or ID and to those
without a role (`Wanted`); each person's page loads the person and shows their own
events: who gave or took which role, when and why. A change made here is on the list the
administrator is sent back to (`read_your_writes`).

An administrator sets the health communities a person's roles reach (none ticked: every
community). One limited to some communities chooses among their own, and the application
refuses them anyone whose roles reach further (`Planlogg.change_access`). They read only
the people their communities share (`_readable`): another community's people, their e-mail
and roles, are that community's business.

The forms leave checking to Planlogg (`novalidate`), so every refusal is in Norwegian and
named at its field. A reporter's bodies must be registered in the person's communities
(`Planlogg.check_reporting_bodies`, as on the command line), where a community registers
bodies at all: a name no register knows leaves the reporter nothing to report for. The
list reads each body under its registered name where the name typed is one of its names.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from domain.body_register import BodyRegister
from domain.errors import ConcurrentEditError, PlanloggError, ValidationError
from domain.people import Person, PersonFieldError, Role
from domain.provenance import Provenance, Source
from language import N_, _
from projections import ListedPerson
from projections.audit_labels import reason_label
from web.auth import (
    Caller,
    NotAllowed,
    NotAuthenticated,
    SignedInPerson,
    current_caller,
    reaches,
    require,
)
from web.form_labels import REASON, FormLabels
from web.form_values import whole_number
from web.login import identity_provider, landing_page
from web.reading import cached_by, read_models, read_position
from web.roles import Permission, role_label, roles_label
from web.services import services

bp = Blueprint("people", __name__)
OSLO = ZoneInfo("Europe/Oslo")
ROLE_CHOICES = (Role.REPORTER, Role.EDITOR, Role.APPROVER, Role.AUDITOR, Role.ADMINISTRATOR)
ADD_FORM = FormLabels(
    endpoint="people.add",
    fields={
        "issuer": N_("Innloggingstjeneste (issuer)"),
        "subject": N_("ID hos innloggingstjenesten (subject)"),
        "name": N_("Navn"),
        "email": N_("E-post"),
        "reason": N_("Begrunnelse"),
    },
)
"""The add form's entries and their labels; given back as typed when the person is refused."""
CHANGE_FORM = FormLabels(
    endpoint="people.change",
    fields={
        "role": N_("Roller"),
        "community": N_("Helsefellesskap rollene gjelder i"),
        "bodies": N_("Rapporterer for (ett organ per linje)"),
        "reason": REASON,
    },
)
"""The labels of a person's form: their roles, communities and bodies, and why."""


@bp.get("/ingen-tilgang")
def no_access() -> Any:
    caller = current_caller()
    if not isinstance(caller, SignedInPerson):
        raise NotAuthenticated(_("Du må logge inn for å se dette."))
    if caller.roles:
        return redirect(landing_page(caller))
    person = services().app.get_person(caller.id)
    return render_template("people/no_access.html", person=person, admins=_administrators()), 403


@dataclass(frozen=True)
class Administrator:
    """An administrator as someone without a role reads them: whom to ask, and for where."""

    name: str
    email: str
    where: str
    """The communities their roles reach, by name; "" for every community."""


def _administrators() -> list[Administrator]:
    """Everyone who may give roles, with the communities they give them in: across the
    country, a newcomer asks their own community's administrators. Those of every community
    first, then by community and name.

    Made once per position of the read models, however often it is asked for: anyone signed
    in without a role lands here and may reload. What is kept is this short list, not the
    people."""
    return cached_by(("administrators", read_position()), _listed_administrators)


def _listed_administrators() -> list[Administrator]:
    names = dict(read_models().communities())
    found = [
        Administrator(p.display_name, p.email, ", ".join(names.get(c, c) for c in p.communities))
        for p in read_models().people()
        if Role.ADMINISTRATOR in p.role_set
    ]
    return sorted(found, key=lambda a: (a.where != "", a.where, a.name))


@bp.get("/admin/personer")
def index() -> str:
    return _index_page(require(Permission.ADMINISTER))


@bp.post("/admin/personer")
def add() -> Response | tuple[str, int]:
    caller = require(Permission.ADMINISTER)
    typed = {name: request.form.get(name, "") for name in ADD_FORM.fields}
    try:
        person = services().app.add_person(
            typed["issuer"], typed["subject"], typed["email"], typed["name"], _by(caller.name)
        )
    except ValidationError as error:
        return _index_page(caller, typed, *_refusal(error)), 422
    read_models().read_your_writes()
    return redirect(url_for("people.person", person=person))


def _refusal(error: PlanloggError) -> tuple[str, dict[str, str]]:
    """A refusal as a form shows it: the message above the form, and each refused field's
    message by the field (then the message above only points to them)."""
    if isinstance(error, PersonFieldError):
        return _("Noen felt kan ikke lagres slik de er fylt ut. Se meldingene ved feltene."), (
            error.problems
        )
    return error.message, {}


@dataclass(frozen=True)
class Wanted:
    """Whom the administrators' list is narrowed to (`?search=…&roleless=1`): those whose
    name, e-mail address or ID (the subject, or Planlogg's own, which the command line
    prints) holds `text`, in any letter case, and with
    `roleless`, only those without a role yet, waiting to be given some. Among thousands,
    the newcomer who just asked for access is found by name."""

    text: str = ""
    roleless: bool = False

    @classmethod
    def asked(cls) -> Wanted:
        return cls(request.args.get("search", "").strip(), request.args.get("roleless") == "1")

    @property
    def narrows(self) -> bool:
        return bool(self.text) or self.roleless

    def matches(self, person: ListedPerson) -> bool:
        if self.roleless and person.roles:
            return False
        text = _searchable(self.text)
        named = (person.display_name, person.email, person.subject, person.id)
        return not text or any(text in _searchable(value) for value in named)


def _searchable(text: str) -> str:
    """Text as a search compares it: in one letter case, and with «å» one letter however it
    was written (an identity provider may send it as «a» and a combining ring, as a Mac
    writes it, and a browser sends what is typed composed)."""
    return unicodedata.normalize("NFC", text.casefold())


def _index_page(
    caller: Caller,
    typed: dict[str, str] | None = None,
    message: str = "",
    problems: Mapping[str, str] | None = None,
) -> str:
    """The list, narrowed as asked, and the add form; a refused form comes back with what
    was typed."""
    provider = identity_provider()
    readable = [found for found in read_models().people() if _shares_a_community(caller, found)]
    wanted = Wanted.asked()
    return render_template(
        "people/index.html",
        people=[found for found in readable if wanted.matches(found)],
        readable=len(readable),
        wanted=wanted,
        roles_label=roles_label,
        communities_label=communities_label,
        bodies_label=_bodies_label(),
        typed=typed or {"issuer": provider.issuer if provider else ""},
        message=message,
        problems=problems or {},
        labels=ADD_FORM.fields,
    )


def _bodies_label() -> Callable[[ListedPerson], str]:
    """A reporter's bodies as the list reads them: each under its registered name where the
    name typed is one of a body's names (an alias, a short name, another letter case) in
    the registers of the person's communities (of every community, for one limited to
    none), else as typed. Each register is read once for the whole list."""
    registers = {
        key: read_models().body_register(key) for key, _name in read_models().communities()
    }

    def label(person: ListedPerson) -> str:
        where = [registers[c] for c in person.communities if c in registers]
        names = [_registered_name(typed, where or registers.values()) for typed in person.bodies]
        return ", ".join(dict.fromkeys(names))

    return label


def _registered_name(typed: str, registers: Iterable[BodyRegister]) -> str:
    found = (register.resolve(typed) for register in registers)
    return next((body.name for body in found if body is not None), typed)


def communities_label(communities: Iterable[str]) -> str:
    """The communities a person's roles reach as people read them: "st-olavs, vestre-viken",
    or "alle" when they are limited to none."""
    return ", ".join(communities) or _("alle")


@bp.get("/admin/personer/<uuid:person>")
def person(person: UUID) -> str:
    caller = require(Permission.ADMINISTER)
    found = _readable(caller, person)
    return _person_page(caller, found, Access(found.role_set, found.bodies, found.communities))


def _shares_a_community(caller: Caller, found: Person | ListedPerson) -> bool:
    """Whether the administrator may read the person: everyone, for one limited to no
    community; else those whose roles reach one of theirs (every community, when the person
    is limited to none) and those with no roles yet, waiting to be given some."""
    return (
        not caller.communities
        or not found.role_set
        or not found.communities
        or any(reaches(caller, community) for community in found.communities)
    )


def _readable(caller: Caller, person: UUID) -> Person:
    """The person, if the administrator may read them; refused (403) naming neither them nor
    their communities: a person's ID follows from their sign-in subject, so a refusal that
    named them would tell anyone who knew a subject who that is and where they work."""
    found = services().app.get_person(person)
    if not _shares_a_community(caller, found):
        raise NotAllowed(
            _(
                "Personen hører til et helsefellesskap du ikke har tilgang til (du har tilgang "
                "til %(allowed)s).",
                allowed=", ".join(sorted(caller.communities)),
            )
        )
    return found


@dataclass(frozen=True)
class Access:
    """What the person's form sets: roles, bodies and communities (none: every community)."""

    roles: frozenset[Role]
    bodies: Sequence[str]
    communities: Sequence[str]

    @classmethod
    def sent(cls) -> Access:
        """As the administrator's form sent it."""
        return cls(
            frozenset(Role(value) for value in request.form.getlist("role") if value in set(Role)),
            request.form.get("bodies", "").splitlines(),
            [key for key in request.form.getlist("community") if key.strip()],
        )


@bp.post("/admin/personer/<uuid:person>")
def change(person: UUID) -> Response | tuple[str, int]:
    caller = require(Permission.ADMINISTER)
    wanted = Access.sent()
    shown = _readable(caller, person)
    try:
        seen = _seen_version(shown)
    except ValidationError as error:
        return _person_page(caller, shown, wanted, error.message), 422
    try:
        _keep_own_administrator_role(caller, person, wanted.roles)
        services().app.check_reporting_bodies(wanted.bodies, wanted.communities, _every_community)
        changed = services().app.change_access(
            person, wanted.roles, wanted.bodies, _by(caller.name), seen,
            communities=wanted.communities, administrator_scope=caller.communities,
        )  # fmt: skip
    except ConcurrentEditError as error:
        found = services().app.get_person(person)
        message = _changed_since(found, seen) or error.message
        return _person_page(caller, found, wanted, message), 409
    except PlanloggError as error:
        found = services().app.get_person(person)
        return _person_page(caller, found, wanted, *_refusal(error), version=seen), 422
    read_models().read_your_writes()
    return redirect(url_for("people.person", person=person, lagret="1" if changed else "0"))


def _every_community() -> list[str]:
    """Every registered community's key: a person's bodies are matched in all their registers
    when no community is ticked (a person limited to none reports in all of them)."""
    return [key for key, _name in read_models().communities()]


def _person_page(
    caller: Caller,
    found: Person,
    access: Access,
    message: str = "",
    problems: Mapping[str, str] | None = None,
    version: int | None = None,
) -> str:
    """The person's page; after a refused save, with the roles, bodies and communities the
    form sent.

    A form refused for what was typed carries on the `version` its administrator saw, so a
    change someone else made meanwhile is still refused when it is saved again, not undone
    unseen. Otherwise the form carries the version shown now: after a refusal that lists
    the changes made since (or could not tell), it can be looked over and saved again.
    """
    return render_template(
        "people/person.html",
        person=found,
        version=found.version if version is None else version,
        roles=set(access.roles),
        bodies="\n".join(access.bodies),
        communities=set(access.communities),
        community_choices=_community_choices(caller, found),
        reason=request.form.get("reason", ""),
        message=message,
        problems=problems or {},
        choices=[(role, role_label(role)) for role in ROLE_CHOICES],
        labels=CHANGE_FORM.fields,
        history=_history(found),
        saved=request.args.get("lagret", ""),
    )


def _community_choices(caller: Caller, found: Person) -> list[tuple[str, str]]:
    """The registered communities the administrator may tick (key, name): all of them, or
    their own; and those the person has already, so that the form shows what is set."""
    return [
        (key, name)
        for key, name in read_models().communities()
        if reaches(caller, key) or key in found.communities
    ]


def _seen_version(found: Person) -> int:
    """The person's version on the page the administrator saved (a hidden field).

    Without it nothing tells whether someone changed the person since that page was
    fetched, so nothing is saved; the form comes back with the choices as sent and the
    version shown now, to be looked over against the changes listed and saved again.
    """
    return whole_number(
        request.form.get("version", ""),
        _(
            "Ingenting er lagret: skjemaet var ufullstendig, så Planlogg kan ikke se om noen "
            "endret %(name)s etter at du hentet siden. Valgene dine står i skjemaet; se over "
            "dem og endringene nederst på siden, og lagre på nytt.",
            name=found.display_name,
        ),
        max_digits=9,
    )


def _keep_own_administrator_role(caller: object, person: UUID, wanted: frozenset[Role]) -> None:
    held = services().app.get_person(person).role_set
    if _is_self(caller, person) and Role.ADMINISTRATOR in held - wanted:
        raise ValidationError(
            _("Du kan ikke fjerne din egen administratorrolle. Be en annen administrator.")
        )


def _changed_since(found: Person, seen: int) -> str:
    """Who changed the person since the administrator's page, and what: the refusal's words."""
    changes = list(services().app.events_of(found.id, after=seen))
    if not changes:
        return ""
    actors = dict.fromkeys(change.by.actor for change in changes)
    return _(
        "Ingenting er lagret: %(name)s ble endret av %(actors)s etter at du hentet siden "
        "(%(changes)s). Valgene dine står i skjemaet; se over dem og lagre på nytt.",
        name=found.display_name,
        actors=", ".join(actors),
        changes="; ".join(_describe(change) for change in changes),
    )


def _by(actor: str) -> Provenance:
    """Who makes the change and why; a reason Planlogg cannot keep is refused at its field."""
    try:
        return Provenance(actor, Source.WEB, reason=request.form.get("reason", "").strip())
    except ValidationError as error:
        raise PersonFieldError({"reason": error.message}) from None


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
                "reason": reason_label(change.by.reason, change.by.source),
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
    if kind == "SignedOut":
        return _("logget ut")
    if kind == "CommunitiesAssigned":
        if change.communities:
            return _("har tilgang til %(communities)s", communities=", ".join(change.communities))
        return _("har tilgang til alle helsefellesskap")
    if kind == "LanguageChosen":
        return {"nb": _("leser bokmål"), "nn": _("leser nynorsk")}.get(
            change.language, _("leser helsefellesskapets målform")
        )
    if getattr(change, "bodies", None):
        return _("rapporterer for %(bodies)s", bodies=", ".join(change.bodies))
    return _("rapporterer ikke for noe organ")

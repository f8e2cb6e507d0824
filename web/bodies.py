"""The register of a health community's bodies (organregisteret) in the browser, for its
secretariat: what `planlogg community body add|contacts|merge|list` does, for those who
edit the community's plans (`Permission.EDIT`, reaching the community).

The register page lists the bodies (name, level, short name, aliases, who reports and who
is reminded) and the spellings the community's plans name that no body has, each with the
nearest registered name (`BodyRegister.references`, as the forms and the sheet say it).
Each change has its own page and form, and is one command of the application, with the
command line's checks: a body added (`Planlogg.add_body`), a body's addresses set
(`Planlogg.set_body_contacts`: the lists as the page showed them ride along hidden, so
lists set by someone else since are refused, naming who and the day, never overwritten),
and spellings or another body merged into one (`Planlogg.merge_bodies`, whose warning of
addresses no longer reminded is said as the command line says it, pointing to this page).
A refused form comes back as it was filled in, the refusal at its field where it has one;
a saved one sends its person back to the register with a notice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from domain.body_register import Body, BodyRegister, Unresolved, name_key, suggested
from domain.community import HealthCommunity, address_list
from domain.errors import ConcurrentEditError, NotFoundError, PlanloggError, ValidationError
from domain.vocabulary import BODY_KIND_LABELS, BodyKind
from language import N_, _
from web.auth import require
from web.form_labels import FormLabels
from web.form_values import FieldReader, read_provenance
from web.reading import read_models
from web.roles import Permission
from web.services import services

bp = Blueprint("bodies", __name__)

WHY = {"reason": N_("Begrunnelse"), "decision": N_("Vedtak endringen følger av")}
ADD_FORM = FormLabels(
    endpoint="bodies.add",
    fields={
        "name": N_("Navn"),
        "kind": N_("Nivå"),
        "short_name": N_("Kortnavn"),
        "aliases": N_("Andre navn (ett per linje)"),
        **WHY,
    },
    worded={"kind": BODY_KIND_LABELS},
)
"""A new body: its name, level, short name and other names, and why."""
CONTACTS_FORM = FormLabels(
    endpoint="bodies.set_contacts",
    fields={
        "reporters": N_("Rapporterer (e-post, én per linje)"),
        "reminded": N_("Påminnes (e-post, én per linje)"),
        **WHY,
    },
    hidden=frozenset({"shown_reporters", "shown_reminded"}),
)
"""A body's addresses; the lists as the page showed them ride along hidden."""
MERGE_FORM = FormLabels(
    endpoint="bodies.merge",
    fields={
        "variants": N_("Skrivemåter eller organer (én per linje)"),
        "into": N_("Slå sammen inn i"),
        **WHY,
    },
)
"""Spellings (or other bodies) made aliases of one body."""
FORMS: tuple[FormLabels, ...] = (ADD_FORM, CONTACTS_FORM, MERGE_FORM)
"""The labels of this module's page forms (`web.form_labels`)."""


def _typed(form: FormLabels, **offered: str) -> dict[str, str]:
    """A form's fields as sent (or as the page offers them, before it is sent)."""
    if request.method == "POST":
        return {name: request.form.get(name, "") for name in form.fields}
    return {name: offered.get(name, "") for name in form.fields}


def _community(key: str) -> HealthCommunity:
    return services().app.get_community(key)


def _done(key: str, *notices: str) -> Response:
    read_models().read_your_writes()
    for notice in notices:
        flash(notice)
    return redirect(url_for("bodies.register", key=key), code=303)


# --- the register --------------------------------------------------------------------


@dataclass(frozen=True)
class Spelling:
    """A name the community's plans give a responsible body that no body has: as typed
    first, where it stands (plan and measure numbers), and the nearest registered name."""

    unresolved: Unresolved
    uses: tuple[tuple[str, tuple[str, ...]], ...]
    suggestion_id: str

    @property
    def suggested(self) -> str:
        return suggested(self.unresolved.suggestion) if self.unresolved.suggestion else ""


@bp.get("/helsefellesskap/<key>/organer")
def register(key: str) -> str:
    require(Permission.EDIT)
    community = _community(key)
    return render_template(
        "bodies/register.html",
        key=key,
        community=community,
        bodies=community.register.in_name_order(),
        kind_label=_kind_label,
        spellings=_unregistered(key, community.register),
        merge_link=_merge_link,
    )


def _kind_label(body: Body) -> str:
    return BODY_KIND_LABELS[body.kind]


def _unregistered(key: str, register: BodyRegister) -> list[Spelling]:
    """The responsible bodies the working versions of the community's plans name that no
    body has, in the order the plans name them: each spelling once (as names compare), with
    the measures naming it by plan."""
    uses: dict[str, dict[str, list[str]]] = {}
    typed: dict[str, str] = {}
    models = read_models()
    for plan in models.plans():
        document = models.current_plan(plan.key) if plan.owner == key else None
        for measure in document.measures() if document else ():
            for ref in measure.responsible:
                if register.resolve(ref) is not None:
                    continue
                spelling = typed.setdefault(name_key(ref), ref)
                uses.setdefault(spelling, {}).setdefault(plan.key, []).append(measure.number)
    found = []
    for unresolved in register.references(uses)[1]:
        near = register.find(unresolved.suggestion) if unresolved.suggestion else None
        found.append(
            Spelling(
                unresolved,
                tuple((plan, tuple(numbers)) for plan, numbers in uses[unresolved.typed].items()),
                near.id if near else "",
            )
        )
    return found


def _merge_link(key: str, spelling: Spelling) -> str:
    """The merge form, offering the spelling, and the nearest body as the one to merge into."""
    asked = {"skrivemate": spelling.unresolved.typed}
    if spelling.suggestion_id:
        asked["inn"] = spelling.suggestion_id
    return f"{url_for('bodies.merging', key=key)}?{urlencode(asked)}"


# --- a new body ----------------------------------------------------------------------


@bp.get("/helsefellesskap/<key>/organer/nytt")
def new(key: str) -> str:
    require(Permission.EDIT)
    return _new_page(key, _typed(ADD_FORM))


@bp.post("/helsefellesskap/<key>/organer/nytt")
def add(key: str) -> Response | tuple[str, int]:
    caller = require(Permission.EDIT)
    typed = _typed(ADD_FORM)
    fields = FieldReader()
    kind = fields.read("kind", lambda: _kind(typed["kind"]), None)
    by = read_provenance(fields, caller, community=key)
    if fields.problems or kind is None or by is None:
        return _new_page(key, typed, fields.problems), fields.status
    try:
        services().app.add_body(
            key, typed["name"], kind, by, typed["short_name"], typed["aliases"].splitlines()
        )
    except ValidationError as error:
        if not _added_already(key, typed, kind):
            return _new_page(key, typed, message=error.message), 422
    return _done(
        key, _("%(name)s er lagt til i organregisteret.", name=" ".join(typed["name"].split()))
    )


def _added_already(key: str, typed: Mapping[str, str], kind: BodyKind) -> bool:
    """Whether the register has the body this form would add, as typed (its name, level,
    short name and aliases): the form was sent twice (a double click), and the first send
    added it. It is then said as added, as a decision or a round sent twice is."""
    found = services().app.body_register(key).find(typed["name"])
    aliases = [" ".join(a.split()) for a in typed["aliases"].splitlines() if a.strip()]
    return found is not None and (
        found.name, found.kind, found.short_name, set(found.aliases)
    ) == (" ".join(typed["name"].split()), kind, " ".join(typed["short_name"].split()),
          set(aliases))  # fmt: skip


def _kind(typed: str) -> BodyKind:
    if typed not in set(BodyKind):
        raise ValidationError(_("Velg nivået til organet."))
    return BodyKind(typed)


def _new_page(
    key: str, typed: Mapping[str, str], problems: Mapping[str, str] | None = None, message: str = ""
) -> str:
    return render_template(
        "bodies/new.html",
        key=key,
        community=_community(key),
        typed=typed,
        problems=problems or {},
        message=message,
        labels=ADD_FORM.fields,
        kinds=list(BODY_KIND_LABELS.items()),
    )


# --- a body's addresses --------------------------------------------------------------


@bp.get("/helsefellesskap/<key>/organer/<body_id>/adresser")
def contacts(key: str, body_id: str) -> str:
    require(Permission.EDIT)
    body = _community(key).body(body_id)
    shown = _shown(body)
    return _contacts_page(key, body, {**_typed(CONTACTS_FORM), **shown}, shown)


def _shown(body: Body) -> dict[str, str]:
    """The body's addresses as a form shows them: one a line (and carries them hidden)."""
    return {"reporters": "\n".join(body.reporters), "reminded": "\n".join(body.reminded)}


@bp.post("/helsefellesskap/<key>/organer/<body_id>/adresser")
def set_contacts(key: str, body_id: str) -> Response | tuple[str, int]:
    caller = require(Permission.EDIT)
    body = _community(key).body(body_id)
    typed = _typed(CONTACTS_FORM)
    carried = {
        "reporters": request.form.get("shown_reporters", ""),
        "reminded": request.form.get("shown_reminded", ""),
    }
    fields = FieldReader()
    nothing: list[str] = []
    reporters = fields.read("reporters", lambda: address_list(typed["reporters"]), nothing)
    reminded = fields.read("reminded", lambda: address_list(typed["reminded"]), nothing)
    by = read_provenance(fields, caller, community=key)
    if fields.problems or by is None:
        return _contacts_page(key, body, typed, carried, fields.problems), fields.status
    try:
        seen = (address_list(carried["reporters"]), address_list(carried["reminded"]))
        changed = services().app.set_body_contacts(key, body.id, reporters, reminded, by, seen=seen)
    except ConcurrentEditError as error:
        now = _community(key).body(body.id)
        return _contacts_page(key, now, typed, _shown(now), message=error.message, stale=True), 409
    except PlanloggError as error:
        return _contacts_page(key, body, typed, carried, message=error.message), 422
    if changed:
        return _done(key, _("Adressene til %(name)s er lagret.", name=body.name))
    return _done(key, _("%(name)s hadde allerede disse adressene.", name=body.name))


def _contacts_page(
    key: str,
    body: Body,
    typed: Mapping[str, str],
    shown: Mapping[str, str],
    problems: Mapping[str, str] | None = None,
    message: str = "",
    stale: bool = False,
) -> str:
    """The body's addresses form; `shown`: the lists it carries as read (after a refusal
    for lists set since, those stored now, so that saving again replaces them knowingly)."""
    return render_template(
        "bodies/contacts.html",
        key=key,
        community=_community(key),
        body=body,
        kind=_kind_label(body),
        typed=typed,
        shown=shown,
        problems=problems or {},
        message=message,
        stale=stale,
        labels=CONTACTS_FORM.fields,
    )


# --- merging spellings ---------------------------------------------------------------


@bp.get("/helsefellesskap/<key>/organer/alias")
def merging(key: str) -> str:
    require(Permission.EDIT)
    offered = {
        "variants": "\n".join(request.args.getlist("skrivemate")),
        "into": request.args.get("inn", ""),
    }
    return _merge_page(key, _typed(MERGE_FORM, **offered))


@bp.post("/helsefellesskap/<key>/organer/alias")
def merge(key: str) -> Response | tuple[str, int]:
    caller = require(Permission.EDIT)
    typed = _typed(MERGE_FORM)
    fields = FieldReader()
    nothing: list[str] = []
    variants = fields.read("variants", lambda: _variants(typed["variants"]), nothing)
    into = fields.read("into", lambda: _into(key, typed["into"]), "")
    by = read_provenance(fields, caller, community=key)
    if fields.problems or by is None:
        return _merge_page(key, typed, fields.problems), fields.status
    try:
        merged = services().app.merge_bodies(key, variants, into, by)
    except PlanloggError as error:
        return _merge_page(key, typed, message=error.message), 422
    if merged.variants:
        names = ", ".join(dict.fromkeys(merged.variants))
        said = _("%(variants)s hører nå til %(into)s.", variants=names, into=merged.into)
    else:
        said = _("Alle skrivemåtene hørte allerede til %(into)s.", into=merged.into)
    return _done(key, said, *(left_out.page_message for left_out in merged.unreminded))


def _into(key: str, typed: str) -> str:
    """The id of the body chosen to merge into, refused at its field when none is."""
    try:
        return _community(key).body(typed).id if typed.strip() else _none_chosen()
    except NotFoundError as error:
        raise ValidationError(error.message) from None


def _none_chosen() -> str:
    raise ValidationError(_("Velg organet skrivemåtene skal høre til."))


def _variants(typed: str) -> list[str]:
    found = [line for line in typed.splitlines() if line.strip()]
    if not found:
        raise ValidationError(_("Skriv minst én skrivemåte eller ett organ som skal slås sammen."))
    return found


def _merge_page(
    key: str, typed: Mapping[str, str], problems: Mapping[str, str] | None = None, message: str = ""
) -> str:
    community = _community(key)
    return render_template(
        "bodies/merge.html",
        key=key,
        community=community,
        bodies=community.register.in_name_order(),
        typed=typed,
        problems=problems or {},
        message=message,
        labels=MERGE_FORM.fields,
    )

"""Log in to the pages: through the organisation's identity provider (`web.login`), or,
for administrators, with an API token in a CSRF-protected form. Both start a signed,
expiring session; signing out is a CSRF-protected form too. A signed-in person's profile
page (`/profil`) keeps the målform they read in (`web.language`).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for

from language import N_, _, målform_of
from web.auth import NotAuthenticated, SignedInPerson, current_caller, log_in
from web.form_labels import FormLabels
from web.language import NAMES, choose_for_person, remember
from web.login import landing_page, login_page, safe_target, sign_out

bp = Blueprint("session", __name__)

LOG_IN_FORM = FormLabels(endpoint="session.log_in_submit", anonymous=True)
"""The API-token login, sent by someone not signed in: nothing in it is given back (its token
is a secret, where to go next is hidden: `web.csrf`)."""
LOG_OUT_FORM = FormLabels(endpoint="session.log_out_submit")
"""Signing out: a button, no fields."""
PROFILE_FORM = FormLabels(
    endpoint="session.profile_submit",
    fields={"malform": N_("Målform på sidene")},
    worded={"malform": NAMES},
)
"""The profile's one choice: the målform the person reads the pages in."""


@bp.get("/logg-inn")
def log_in_form() -> Any:
    return login_page(safe_target(request.args.get("next", "")))


@bp.post("/logg-inn")
def log_in_submit() -> Any:
    target = safe_target(request.form.get("next", ""))
    token = log_in(request.form.get("token", ""))
    if token is None:
        unknown = _("Ukjent token, eller et token som er trukket tilbake.")
        return login_page(target, error=unknown, status=401)
    return redirect(target or landing_page(token))


@bp.post("/logg-ut")
def log_out_submit() -> Any:
    if current_caller() is None:
        return redirect(url_for("public.index"))
    return sign_out()


@bp.get("/profil")
def profile() -> Any:
    """Who is signed in, and the målform they read in (a choice, or their community's)."""
    caller = current_caller()
    if caller is None:
        raise NotAuthenticated(_("Du må logge inn for å gjøre dette."))
    person = caller if isinstance(caller, SignedInPerson) else None
    return render_template(
        "session/profile.html",
        caller=caller,
        person=person,
        names=NAMES,
        labels=PROFILE_FORM.fields,
        saved=request.args.get("lagret") == "1",
    )


@bp.post("/profil")
def profile_submit() -> Any:
    caller = current_caller()
    if caller is None:
        raise NotAuthenticated(_("Du må logge inn for å gjøre dette."))
    if not isinstance(caller, SignedInPerson):
        abort(409, description=_("Bare personer som er logget inn, har en profil."))
    wanted = request.form.get("malform", "")
    målform = målform_of(wanted)
    if wanted and målform is None:
        abort(400, description=_("Velg bokmål, nynorsk eller helsefellesskapets målform."))
    choose_for_person(caller, målform)
    remember(målform)
    return redirect(url_for("session.profile", lagret=1))

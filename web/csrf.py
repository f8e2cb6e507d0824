"""CSRF protection for every page form that writes (the API uses bearer tokens instead).

One random token per session, put in each form as a hidden field and
compared in constant time on every unsafe request outside /api.

A form refused for its token is still refused (400, nothing stored), but the
person is told why in plain words, and given back what they typed: most often
their session ran out (it ends a fixed time after sign-in) while they were
writing, and the form was everything they had done in that time. The page
says whether they are signed out or the page is older than their last sign-in,
lists the fields they filled in, under the labels the form's module declares for its
page (`web.form_labels`, given to `init_app` by the app factory; never hidden fields, the
token or a password), and offers to sign in again, back to the form, or to load the form
again.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from urllib.parse import urlsplit

from flask import Flask, current_app, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException

from domain.errors import NotFoundError
from domain.measure import MeasureState
from language import _, ngettext
from web.auth import EXPIRED_KEY, current_caller, is_api_request, may
from web.form_labels import FormLabels
from web.login import safe_target
from web.roles import Permission
from web.services import services

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
PAGE = "errors/expired_form.html"
FORMS = "planlogg.forms"
"""Where the app keeps its page forms' labels, by endpoint (`app.extensions[FORMS]`)."""

NEVER_SHOWN = frozenset({FIELD, "next", "revision", "version", "step"})
"""Hidden fields the forms carry (where to go next, the revision or version read, a reminder's
step): nothing the person typed."""
SECRETS = frozenset({"token", "password", "passord"})
"""Password fields (the administrators' API-token login): never written back on a page."""
SHOWN_COPIES = ("vist-", "vist:")
"""Prefixes of the hidden copies of what a form showed (`web.measure_editing.SHOWN`,
`web.status_reporting`, `web.evaluation_form.SHOWN`); a field equal to its copy is unchanged."""


@dataclass(frozen=True)
class Typed:
    """One field as the person filled it in; `label` is "" when the form's label is unknown."""

    name: str
    label: str
    value: str


def csrf_token() -> str:
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    token: str = session[FIELD]
    return token


def check_csrf() -> tuple[str, int, dict[str, str]] | None:
    """Refuse an unsafe page request without the session's token.

    A request that no route takes (no such page, or a method the page does not allow)
    writes nothing, so it is answered as such (404, 405), not as a form to sign in again for.
    """
    if request.method in SAFE_METHODS or is_api_request() or request.routing_exception:
        return None
    sent = request.form.get(FIELD) or request.headers.get(HEADER, "")
    expected = session.get(FIELD, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        return refused_form()
    return None


def refused_form() -> tuple[str, int, dict[str, str]]:
    """The refusal as a page: why, in plain words, what was typed, and the way back."""
    form = page_forms(current_app).get(request.endpoint or "")
    signed_out = current_caller() is None and not (form and form.anonymous)
    target = form_page()
    typed = typed_fields(form)
    page = render_template(
        PAGE,
        reason=_why(signed_out),
        signed_out=signed_out,
        labelled=[field for field in typed if field.label],
        unlabelled=[field for field in typed if not field.label],
        login=url_for("session.log_in_form", next=target) if target else "",
        reload=target or url_for("public.index"),
    )
    return page, 400, {"Cache-Control": "no-store"}


def _why(signed_out: bool) -> str:
    if not signed_out:
        return _(
            "Siden ble åpnet før du sist logget inn, for eksempel i et annet vindu, eller den "
            "har vært åpen for lenge. Ingenting er lagret."
        )
    if session.get(EXPIRED_KEY):
        return _(
            "Du ble logget ut fordi en innlogging varer i %(duration)s. Ingenting er lagret.",
            duration=_session_duration(),
        )
    return _(
        "Du er ikke logget inn lenger: en innlogging varer i %(duration)s, og den slutter når "
        "du logger ut i et annet vindu. Ingenting er lagret.",
        duration=_session_duration(),
    )


def _session_duration() -> str:
    """How long a session lasts, in whole hours when it is so set (PLANLOGG_SESSION_HOURS)."""
    minutes = round(current_app.permanent_session_lifetime.total_seconds() / 60)
    if minutes % 60:
        return ngettext("%(count)s minutt", "%(count)s minutter", minutes, count=minutes)
    return ngettext("%(count)s time", "%(count)s timer", minutes // 60, count=minutes // 60)


def form_page() -> str:
    """The page the form was on (this site's, as the browser says: pages send their address
    to this site only), else the form's own address when it is a page too; "" when neither."""
    try:
        referrer = urlsplit(request.referrer or "")
    except ValueError:  # a Referer that is no address («http://[/planer») names no page
        referrer = urlsplit("")
    if referrer.netloc == request.host:
        path = referrer.path + (f"?{referrer.query}" if referrer.query else "")
        if safe_target(path):
            return path
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        adapter.match(request.path, method="GET")
    except HTTPException:
        return ""
    return safe_target(request.full_path.rstrip("?"))


def typed_fields(form: FormLabels | None) -> list[Typed]:
    """The fields the person filled in or changed, under the labels `form` declares (the form
    sent to this request's endpoint, `web.form_labels`): none when it declares none."""
    labels = _labels(form)
    shown = cache(_shown_measures)
    found = []
    for name in request.form:
        values = [value for value in request.form.getlist(name) if value.strip()]
        if not values or _left_out(name, labels) or _unchanged(name, values):
            continue
        worded = [_worded(name, value, form) for value in values]
        found.append(Typed(name, _label(name, labels, form, shown), ", ".join(worded)))
    return found


def _labels(form: FormLabels | None) -> dict[str, str | None]:
    """Each field's label in the målform spoken, by its name; None: a hidden field."""
    if form is None:
        return {}
    return {
        **dict.fromkeys(form.hidden),
        **{name: _(label) for name, label in {**form.fields, **form.asked}.items()},
        **(form.entries() if form.entries else {}),
    }


def _left_out(name: str, labels: Mapping[str, str | None]) -> bool:
    hidden = name in labels and labels[name] is None
    return hidden or name in NEVER_SHOWN or name in SECRETS or name.startswith(SHOWN_COPIES)


def _unchanged(name: str, values: list[str]) -> bool:
    """Whether the field holds what the form showed in it (its hidden copy says so)."""
    copies = (request.form.get(prefix + name) for prefix in SHOWN_COPIES)
    return any(copy is not None and [copy] == values for copy in copies)


def _label(
    name: str,
    labels: Mapping[str, str | None],
    form: FormLabels | None,
    shown: Callable[[], Mapping[str, MeasureState]],
) -> str:
    label = labels.get(name)
    if label:
        return label
    per_measure = form.per_measure if form else {}
    for prefix, words in per_measure.items():
        if name.startswith(prefix):
            measure_id = name.removeprefix(prefix)
            found = shown().get(measure_id)
            return _(words, number=str(found.number) if found is not None else measure_id)
    return ""


def _shown_measures() -> Mapping[str, MeasureState]:
    """The measures of the plan in the address, by ID, as its forms show them; none if there
    is no such plan. A field named after a measure is labelled with its number; the ID
    otherwise. Read once per refused form (`typed_fields`): a form may send a thousand
    fields, and anyone may post one, signed in or not.

    Whoever posts is told nothing they may not read: a caller who may not read the draft
    (often one signed out meanwhile) gets the numbers the version in force gives, which
    anyone may read, and the ID of a measure only the draft has."""
    key = (request.view_args or {}).get("key", "")
    try:
        plan = services().app.get_plan(key)
    except NotFoundError:
        return {}
    return plan.measures if may(Permission.READ_DRAFT) else (plan.in_force or {})


def _worded(name: str, value: str, form: FormLabels | None) -> str:
    """A choice sent as a code, in the words `form` declares it offered it in."""
    words = form.words(name) if form else {}
    return words.get(value, value)


def page_forms(app: Flask) -> Mapping[str, FormLabels]:
    """The labels of `app`'s page forms, by the endpoint each is sent to (`init_app`)."""
    forms: Mapping[str, FormLabels] = app.extensions[FORMS]
    return forms


def init_app(app: Flask, forms: Mapping[str, FormLabels]) -> None:
    """Check every unsafe page request's token; `forms`: each page form's labels, by endpoint."""
    app.extensions[FORMS] = MappingProxyType(dict(forms))
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.before_request(check_csrf)

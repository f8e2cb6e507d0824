"""Every error becomes one answer, decided here: JSON under /api, a page elsewhere.

    domain ValidationError, marshmallow ValidationError  → 422 (field by field)
    RuleError, ConcurrentEditError                       → 409
    NotFoundError                                        → 404
    mail server unreachable or not set up / hand-over cut → 503 / 502
    NotAuthenticated / NotAllowed                        → 401 / 403
    any HTTP error (bad JSON, CSRF, unknown route)       → its own status

Nothing is stored on any of these paths: the domain validates before it
records, and the schemas check the shape before a command is called.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from flask import (
    Flask,
    Response,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from marshmallow import ValidationError as SchemaError
from werkzeug.exceptions import HTTPException

from domain.errors import (
    ConcurrentEditError,
    NotFoundError,
    PlanloggError,
    RefusedAt,
    RuleError,
    ValidationError,
)
from language import N_, _
from notify.mail import HandOverUncertain, MailUnavailable
from web.auth import AuthError, NoRoleYet, NotAuthenticated, PlanToChoose, is_api_request
from web.filter_labels import filter_label
from web.reports.pdf import PdfUnavailable

_STATUS: tuple[tuple[type[PlanloggError], int, str], ...] = (
    (ValidationError, 422, "validation"),
    (ConcurrentEditError, 409, "conflict"),
    (RuleError, 409, "rule"),
    (NotFoundError, 404, "not_found"),
    (MailUnavailable, 503, "mail_unavailable"),
    (HandOverUncertain, 502, "mail_uncertain"),
    (PdfUnavailable, 503, "pdf_unavailable"),
)

TITLES = {
    400: N_("Ugyldig forespørsel"),
    401: N_("Innlogging kreves"),
    403: N_("Ingen tilgang"),
    404: N_("Fant ikke siden"),
    405: N_("Metoden er ikke tillatt"),
    409: N_("Endringen ble avvist"),
    413: N_("For mye data"),
    415: N_("Feil innholdstype"),
    422: N_("Ugyldige data"),
    429: N_("For mange forsøk"),
    500: N_("Intern feil"),
    502: N_("Usikkert om e-posten ble sendt"),
    503: N_("Tjenesten er utilgjengelig"),
}
"""The heading of an error page, and the message of an HTTP error that brings none."""
ERROR = N_("Feil")


def title(status: int) -> str:
    """The error's heading in the målform spoken."""
    return _(TITLES.get(status, ERROR))


def error_response(
    status: int,
    kind: str,
    message: str,
    fields: dict[str, Any] | None = None,
    heading: str = "",
) -> Response | tuple[Any, int]:
    """One error, shaped for whoever asked; a page's heading is the status's unless given."""
    if is_api_request():
        body: dict[str, Any] = {"status": status, "kind": kind, "message": message}
        if fields:
            body["fields"] = fields
        response = jsonify({"error": body})
        response.status_code = status
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="planlogg"'
        return response
    html = render_template(
        "errors/error.html",
        status=status,
        title=heading or title(status),
        message=_shown(message),
        fields=[
            (filter_label(name), problems_text(found)) for name, found in (fields or {}).items()
        ],
    )
    return html, status


def _shown(message: str) -> str:
    """A message as a page may hold it: a control character it quotes from an address (a
    %00 in a plan's key) shown as the replacement mark, as a browser would show it; a page
    holding one is not valid HTML."""
    return _CONTROLS.sub("\ufffd", message)


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def problems_text(found: Any) -> str:
    """A field's messages as one text, however deep marshmallow nested them."""
    if isinstance(found, dict):
        return " ".join(problems_text(value) for value in found.values())
    if isinstance(found, list | tuple):
        return " ".join(problems_text(value) for value in found)
    return str(found)


def _domain_error(error: PlanloggError) -> Response | tuple[Any, int]:
    """A refusal of one value the command names (`RefusedAt`) names its field in the API's
    `fields`, as a schema's refusal does (a page says the message once, as it is)."""
    status, kind = next(((s, k) for t, s, k in _STATUS if isinstance(error, t)), (400, "error"))
    fields = None
    if isinstance(error, RefusedAt) and is_api_request():
        fields = {error.field: [error.message]}
    return error_response(status, kind, error.message, fields)


def _schema_error(error: SchemaError) -> Response | tuple[Any, int]:
    messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    return error_response(422, "validation", _("Noen felt har ugyldige verdier."), messages)


def _auth_error(error: AuthError) -> Any:
    if isinstance(error, NotAuthenticated) and not is_api_request():
        return redirect(url_for("session.log_in_form", next=request.full_path.rstrip("?")))
    if isinstance(error, NoRoleYet) and not is_api_request():
        return redirect(url_for("people.no_access"))
    if isinstance(error, PlanToChoose) and not is_api_request():
        return _plan_to_choose(error)
    return error_response(error.status, "auth", error.message)


def _plan_to_choose(error: PlanToChoose) -> Any:
    """A page of every community's plans, asked for by someone who reaches only some: the
    page about the one plan they reach, or a choice of the plans they reach. The address
    was theirs to edit («plan=PLANNØKKEL»), which people who never type one could not."""
    links = [
        (plan["title"], _with_plan(plan["key"]))
        for plan in sorted(error.plans, key=lambda plan: plan["key"])
    ]
    if len(links) == 1 and request.method == "GET":
        return redirect(links[0][1])
    if links:
        message = _(
            "Dette gjelder alle helsefellesskap, men du har bare tilgang til planene under. "
            "Velg en av dem."
        )
    else:
        message = _(
            "Dette gjelder alle helsefellesskap, og du har ikke tilgang til noen plan ennå."
        )
    html = render_template(
        "errors/error.html", status=403, title=title(403), message=message, choices=links
    )
    return html, 403


def _with_plan(key: str) -> str:
    """This address, asking about plan `key`."""
    query = [(k, v) for k, v in request.args.items(multi=True) if k != "plan"]
    return f"{quote(request.path)}?{urlencode([*query, ('plan', key)])}"


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    message = error.description or ""
    if message == type(error).description or not message:
        message = title(status) + "."
    response = make_response(error_response(status, "http", message))
    if status == 405:
        response.headers["Allow"] = ", ".join(sorted(getattr(error, "valid_methods", None) or ()))
    return response


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(PlanloggError, _domain_error)
    app.register_error_handler(SchemaError, _schema_error)
    app.register_error_handler(AuthError, _auth_error)
    app.register_error_handler(HTTPException, _http_error)

"""The OpenAPI document, generated from the routes' `@operation` declarations.

Every /api rule with a declaration becomes a path; request bodies, query
parameters and responses come from the marshmallow schemas through apispec's
MarshmallowPlugin. Served at GET /api/openapi.json, in the målform of the request: the
summaries, descriptions and tags are declared in bokmål with `N_` and the finished document
is translated (`in_målform`); names, codes and keys stay as they are.
"""

from __future__ import annotations

import re
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from werkzeug.routing import Rule

from language import N_, _
from web.api.etags import PATTERN as ETAG_PATTERN
from web.api.operation import Operation
from web.schemas.base import ErrorSchema

_ARGUMENT = re.compile(r"<(?:(?P<converter>[a-z]+):)?(?P<name>\w+)>")
_INTEGER_CONVERTERS = {"int"}

_ERRORS = {
    400: N_("Ugyldig forespørsel (f.eks. ikke gyldig JSON)."),
    401: N_("Mangler eller ukjent API-token."),
    403: N_("Tokenets rolle gir ikke tilgang."),
    404: N_("Fant ikke planen, versjonen eller tiltaket."),
    409: N_("Avvist av en regel, eller noen andre endret det samme først."),
    413: N_("Innholdet er større enn 2 MB."),
    415: N_("Innholdet er ikke JSON."),
    422: N_("Ugyldige verdier; feltvise feilmeldinger i error.fields."),
    429: N_(
        "For mange forespørsler fra samme adresse (PLANLOGG_RATELIMIT_API); "
        "prøv igjen etter så mange sekunder som Retry-After sier."
    ),
    502: N_(
        "Forbindelsen med e-posttjeneren ble brutt under leveringen: påminnelsen er "
        "«kanskje sendt»."
    ),
    503: N_(
        "E-post er ikke satt opp (PLANLOGG_SMTP_URL), eller tjeneren svarer ikke; "
        "ingenting er sendt."
    ),
}
_ETAG = {
    "description": N_(
        "Endringsnummeret til det som ble lest eller endret; send det tilbake i If-Match."
    ),
    "schema": {"type": "string", "pattern": ETAG_PATTERN},
}
_RETRY_AFTER = {
    "description": N_("Antall sekunder å vente før neste forespørsel."),
    "schema": {"type": "integer", "minimum": 1},
}
_READ = ("summary", "description")
"""What people read in the document: translated into the målform of the request."""


def build_spec(app: Flask) -> dict[str, Any]:
    spec = APISpec(
        title="Planlogg API",
        version="1",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={
            "description": N_(
                "Handlingsplaner for helsefellesskap: den vedtatte planen, "
                "endringsloggen og kommandoene. Skriving krever et API-token "
                "(roller: redaktør, godkjenner, revisor)."
            )
        },
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Error", schema=ErrorSchema)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions.get(rule.endpoint)
        declared: Operation | None = getattr(view, "openapi", None)
        if declared is None or not rule.rule.startswith("/api/"):
            continue
        operations = {
            method.lower(): _operation(rule, declared)
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        }
        spec.path(path=_ARGUMENT.sub(r"{\g<name>}", rule.rule), operations=operations)
    translated: dict[str, Any] = in_målform(spec.to_dict())
    return translated


def in_målform(document: Any, key: str = "") -> Any:
    """The document with every summary, description and tag in the målform spoken now."""
    if isinstance(document, dict):
        return {name: in_målform(value, name) for name, value in document.items()}
    if isinstance(document, list):
        return [in_målform(item, key) for item in document]
    if isinstance(document, str) and (key in _READ or key == "tags"):
        return _(document)
    return document


def _operation(rule: Rule, declared: Operation) -> dict[str, Any]:
    parameters = _path_parameters(rule)
    if declared.query is not None:
        parameters.append({"in": "query", "schema": declared.query})
    if declared.if_match:
        parameters.append(
            {
                "in": "header",
                "name": "If-Match",
                "required": False,
                "schema": {"type": "string", "pattern": ETAG_PATTERN},
                "description": N_(
                    "Endringsnummeret (ETag) til det som endres (tiltaket, innsatsområdet eller "
                    "målet); endringen avvises med 409 om det er endret siden."
                ),
            }
        )
    responses: dict[str, Any] = {str(declared.status): _success(declared)}
    for status in _error_statuses(rule, declared):
        responses[str(status)] = {
            "description": _ERRORS[status],
            "content": {"application/json": {"schema": "Error"}},
        }
        if status == 429:
            responses["429"]["headers"] = {"Retry-After": _RETRY_AFTER}
    result: dict[str, Any] = {
        "summary": declared.summary,
        "tags": [declared.tag],
        "operationId": rule.endpoint.replace(".", "_"),
        "parameters": parameters,
        "responses": responses,
    }
    if declared.description:
        result["description"] = declared.description
    if declared.body is not None:
        result["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": declared.body}},
        }
    if declared.permission is not None:
        result["security"] = [{"bearer": []}]
        result["x-permission"] = declared.permission.value
    return result


def _success(declared: Operation) -> dict[str, Any]:
    content: dict[str, Any] = {}
    if declared.response is not None:
        schema: Any = declared.response
        if declared.many:
            schema = {"type": "array", "items": declared.response}
        content["application/json"] = {"schema": schema}
    else:
        content["application/json"] = {"schema": {"type": "object"}}
    for media_type, description in declared.extra_media.items():
        content[media_type] = {"schema": {"type": "string", "description": description}}
    success: dict[str, Any] = {"description": declared.summary, "content": content}
    if declared.etag:
        success["headers"] = {"ETag": _ETAG}
    return success


def _error_statuses(rule: Rule, declared: Operation) -> list[int]:
    statuses = [400]
    if declared.permission is not None:
        statuses += [401, 403]
    if rule.arguments:
        statuses.append(404)
    if declared.conflicts:
        statuses.append(409)
    if declared.body is not None:
        statuses += [413, 415]
    if declared.body is not None or declared.query is not None or declared.conflicts:
        statuses.append(422)
    statuses.append(429)
    if declared.mails:
        statuses += [502, 503]
    return statuses


MAX_PATH_INTEGER = 2**31 - 1


def _path_parameters(rule: Rule) -> list[dict[str, Any]]:
    parameters = []
    for match in _ARGUMENT.finditer(rule.rule):
        integer = match["converter"] in _INTEGER_CONVERTERS
        parameters.append(
            {
                "in": "path",
                "name": match["name"],
                "required": True,
                "schema": {"type": "integer", "minimum": 0, "maximum": MAX_PATH_INTEGER}
                if integer
                else {"type": "string"},
            }
        )
    return parameters

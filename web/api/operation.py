"""`@operation(...)`: one declaration per API endpoint, used both to run it and to document it.

The decorator checks the caller's permission, loads the query string and
the JSON body through their schemas, and dumps the result through the
response schema; the same declaration becomes the endpoint's entry in the
OpenAPI document (`web.api.openapi`), so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from eventsourcing.persistence import RecordConflictError
from flask import Response, abort, current_app, jsonify, request
from marshmallow import Schema

from domain.errors import ConcurrentEditError
from language import _
from web.auth import require
from web.bounded_json import FieldTwiceError
from web.compression import Piece, compressed, plain, send
from web.reading import cached
from web.roles import Permission
from web.services import services


@dataclass(frozen=True)
class Operation:
    summary: str
    tag: str
    permission: Permission | None = None
    body: type[Schema] | None = None
    query: type[Schema] | None = None
    response: type[Schema] | None = None
    many: bool = False
    status: int = 200
    conflicts: bool = False
    if_match: bool = False
    etag: bool = False
    """Answers with the revision of what it read or changed as `ETag` (what `If-Match` sends
    back), so the document declares the header."""
    mails: bool = False
    """Sends e-mail: may answer 503 (no mail server) or 502 (hand-over cut off)."""
    description: str = ""
    extra_media: dict[str, str] = field(default_factory=dict)
    cached: bool = True
    """GET answers are kept until the read models move; a check of the database itself is not."""
    per_plan: bool = False
    """The answer shows only the plan in the path (its events, its audit rows, its community's
    bodies): kept until that plan changes, whatever else does (`web.reading.plan_position`)."""


@dataclass(frozen=True)
class KeptAnswer:
    """An answer read into memory and compressed once, to be sent again until the read
    models move (`web.reading.cached`)."""

    body: Piece
    status: int
    headers: list[tuple[str, str]]
    """Its own headers (the content type among them), but not the body's length."""


def _kept(response: Response) -> KeptAnswer:
    """The answer kept; compressed too unless it names its one form with an `ETag` (a
    measure's revision, which `If-Match` checks): a gzip form would need a tag of its own."""
    response.direct_passthrough = False
    headers = [(name, value) for name, value in response.headers if name != "Content-Length"]
    piece = plain if "ETag" in response.headers else compressed
    return KeptAnswer(piece(response.get_data()), response.status_code, headers)


def json_body() -> Any:
    """The request's JSON value; an empty body counts as {} (commands without fields)."""
    if not request.get_data(cache=True):
        return {}
    if not request.is_json:
        abort(415, description=_("Send JSON med «Content-Type: application/json»."))
    try:
        return current_app.json.loads(request.get_data(cache=True))
    except FieldTwiceError as twice:
        abort(400, description=_("Feltet «%(name)s» står mer enn én gang.", name=twice.name))
    except ValueError:
        abort(400, description=_("Innholdet er ikke gyldig JSON."))


def saved_once(view: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    """The view's result; a save that lost to another one made at the same moment is a 409.

    A command that creates something (a plan, a decision) first looks whether it exists,
    then saves: two requests can both find it free, and the store refuses the second save.
    Nothing of the loser is stored; it is told so, not answered with a 500.
    """
    try:
        return view(**kwargs)
    except RecordConflictError:
        raise ConcurrentEditError(
            _(
                "Noen andre lagret det samme i samme øyeblikk. Ingenting er lagret; "
                "hent på nytt og prøv igjen."
            )
        ) from None


LANGUAGE_PARAMETER = "lang"
"""`?lang=nb|nn` chooses the målform of any page or answer (the web's own hook reads it), so
no query schema is asked about it."""


def query_args() -> dict[str, str]:
    """The query string as a dict; an empty value (a blank form field) means "not given"."""
    return {
        name: value
        for name, value in request.args.items()
        if value.strip() and name != LANGUAGE_PARAMETER
    }


def operation(**declaration: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    spec = Operation(**declaration)

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def run(**path: Any) -> Any:
            kwargs: dict[str, Any] = dict(path)
            if spec.permission is not None:
                kwargs["token"] = require(spec.permission)

            def answer() -> Response:
                """The view's answer, its query and body loaded first: a kept answer was made
                for this address, whose query loaded then, so it is sent without loading it."""
                if spec.query is not None:
                    kwargs["query"] = services().schema(spec.query).load(query_args())
                if spec.body is not None:
                    kwargs["body"] = services().schema(spec.body).load(json_body())
                result = saved_once(view, kwargs)
                if isinstance(result, Response):
                    return result
                payload = (
                    services().schema(spec.response, many=spec.many).dump(result)
                    if spec.response
                    else result
                )
                response = jsonify(payload)
                response.status_code = spec.status
                return response

            if request.method not in ("GET", "HEAD"):
                response = answer()
                services().read_models.read_your_writes()
                return response
            if not spec.cached:
                return answer()
            # An operation with a query refuses a parameter it does not know (422, not kept),
            # so its whole address is what it reads; one without a query reads none, and is
            # kept under its bare path: a made-up parameter neither makes it again nor takes
            # a kept place of its own.
            found = cached(
                lambda: _kept(answer()),
                keep=lambda kept: kept.status == 200,
                plan=path["key"] if spec.per_plan else None,
                reads=None if spec.query is not None else (),
            )
            return send([found.body], status=found.status, headers=found.headers)

        run.openapi = spec  # type: ignore[attr-defined]
        return run

    return decorate

"""Graph's error envelope, raised as an exception so handlers can bail out from any depth.

Every error is ``{"error": {"code", "message", "innerError": {...}}}`` (OData v4). The
workbook API nests a more specific code in ``innerError`` (``accessConflict``,
``invalidSessionReCreatable`` …); clients are told to look for the most detailed code they
understand, never at ``message``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

TOP_CODES = {
    400: "invalidRequest",
    401: "InvalidAuthenticationToken",
    403: "accessDenied",
    404: "itemNotFound",
    405: "methodNotAllowed",
    409: "conflict",
    412: "resourceModified",
    423: "resourceLocked",
    424: "FailedDependency",
    429: "tooManyRequests",
    500: "internalServerError",
    501: "notImplemented",
    503: "serviceNotAvailable",
    504: "gatewayTimeout",
}

MESSAGES = {
    400: "The request is malformed or incorrect.",
    401: "Access token is empty or invalid.",
    404: "The resource could not be found.",
    409: "The current state conflicts with what the request expects.",
    412: "ETag does not match the current item's value.",
    423: "The resource that is being accessed is locked.",
    424: "The request failed because it depends on another request that failed.",
    429: "The app or user has been throttled.",
    500: "An internal server error occurred while processing the request.",
    501: "The requested feature isn't implemented.",
    503: "The service is not available. Try the request again after a delay.",
    504: "The service wasn't able to complete the request within the time limit.",
}


class GraphError(Exception):
    """An error answer: status, envelope and extra headers (``Retry-After``)."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
        super().__init__(body["error"]["message"])
        self.status = status
        self.body = body
        self.headers = headers


def graph_error(
    status: int,
    code: str | None = None,
    message: str | None = None,
    inner: str | None = None,
    retry_after: float | None = None,
) -> GraphError:
    """An error with Graph's envelope; ``inner`` is the detailed code nested one level down."""
    inner_error: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        "request-id": str(uuid.uuid4()),
    }
    if inner:
        inner_error = {"code": inner, "message": message or MESSAGES.get(status, ""), **inner_error}
    body = {
        "error": {
            "code": code or TOP_CODES.get(status, "generalException"),
            "message": message or MESSAGES.get(status, "Error"),
            "innerError": inner_error,
        }
    }
    headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
    return GraphError(status, body, headers)


def bad_request(message: str) -> GraphError:
    return graph_error(400, "invalidRequest", message, inner="badRequestUncategorized")


def not_found(what: str) -> GraphError:
    return graph_error(404, "itemNotFound", f"{what} could not be found.")

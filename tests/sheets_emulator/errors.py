"""Google's error envelopes, raised as exceptions so handlers can bail out from any depth.

Sheets v4 answers with ``{"error": {"code", "message", "status"[, "details"]}}``; Drive v3 with
``{"error": {"code", "message", "errors": [{"domain", "reason", ...}]}}``. gspread reads ``code``
from the body (not the HTTP status) to decide about retries, so ``code`` always equals the status.
"""

from __future__ import annotations

from typing import Any

STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}

DEFAULT_MESSAGES = {
    400: "Request contains an invalid argument.",
    403: "The caller does not have permission",
    404: "Requested entity was not found.",
    429: "Resource has been exhausted (e.g. check quota).",
    500: "Internal error encountered.",
    503: "The service is currently unavailable.",
    504: "Deadline expired before operation could complete.",
}


class ApiError(Exception):
    """An HTTP error answer with a ready-made JSON body."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body["error"]["message"])
        self.status = status
        self.body = body


def sheets_error(
    status: int, message: str | None = None, details: list[dict[str, Any]] | None = None
) -> ApiError:
    """A Sheets-style (google.rpc.Status) error."""
    error: dict[str, Any] = {
        "code": status,
        "message": message or DEFAULT_MESSAGES.get(status, "Error"),
        "status": STATUS_NAMES.get(status, "UNKNOWN"),
    }
    if details:
        error["details"] = details
    return ApiError(status, {"error": error})


def invalid_argument(message: str) -> ApiError:
    """The 400 INVALID_ARGUMENT gspread sees for bad ranges and bad batchUpdate requests."""
    return sheets_error(400, message)


def bad_field(field: str, message: str) -> ApiError:
    """A 400 naming the offending JSON field, as Google does for payload type errors."""
    violation = {"field": field, "description": message}
    detail = {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [violation]}
    return sheets_error(400, message, [detail])


def spreadsheet_not_found() -> ApiError:
    return sheets_error(404)


def drive_error(status: int, message: str, reason: str, location: str | None = None) -> ApiError:
    """A Drive v3-style error (has ``errors`` instead of ``status``)."""
    item: dict[str, Any] = {"message": message, "domain": "global", "reason": reason}
    if location:
        item["location"] = location
        item["locationType"] = "parameter"
    return ApiError(status, {"error": {"code": status, "message": message, "errors": [item]}})


RATE_LIMITS = {
    "rateLimitExceeded": "Rate Limit Exceeded",
    "userRateLimitExceeded": "User Rate Limit Exceeded",
}
"""Drive's 403 rate-limit reasons and their messages (developers.google.com/drive/api/guides/
handle-errors; domain ``usageLimits``). Google documents them as temporary: back off and retry."""


def rate_limit_error(reason: str) -> ApiError:
    """Drive's 403 for a rate limit: not missing access, though the status says forbidden."""
    message = RATE_LIMITS[reason]
    item = {"domain": "usageLimits", "reason": reason, "message": message}
    return ApiError(403, {"error": {"code": 403, "message": message, "errors": [item]}})


def drive_file_not_found(file_id: str) -> ApiError:
    return drive_error(404, f"File not found: {file_id}.", "notFound", "fileId")

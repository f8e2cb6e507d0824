"""The WSGI application: routing, request log, fault injection and quotas around the handlers.

Order per request: read the body → route → record → armed fault? → quota → handler. Requests
under ``/_emulator/`` are the emulator's own control surface (request counts for a standalone
emulator); they are neither recorded nor faulted.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import traceback
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from . import drive_api, sheets_api
from .errors import ApiError, sheets_error
from .faults import Fault, Faults
from .quota import Quota
from .store import Store
from .wire import ApiRequest, ApiResponse

Handler = Callable[[Store, ApiRequest], ApiResponse]
StartResponse = Callable[..., Any]

_SPREADSHEET = r"^/v4/spreadsheets/(?P<id>[^/:]+)"
_FILE = r"^/drive/v3/files/(?P<id>[^/]+)"
ROUTES: list[tuple[str, re.Pattern[str], Handler]] = [
    ("GET", re.compile(_SPREADSHEET + "$"), sheets_api.get_spreadsheet),
    ("POST", re.compile(_SPREADSHEET + ":batchUpdate$"), sheets_api.batch_update_spreadsheet),
    ("GET", re.compile(_SPREADSHEET + "/values:batchGet$"), sheets_api.values_batch_get),
    ("POST", re.compile(_SPREADSHEET + "/values:batchUpdate$"), sheets_api.values_batch_update),
    ("POST", re.compile(_SPREADSHEET + "/values:batchClear$"), sheets_api.values_batch_clear),
    ("POST", re.compile(_SPREADSHEET + "/values/(?P<range>.+):append$"), sheets_api.values_append),
    ("POST", re.compile(_SPREADSHEET + "/values/(?P<range>.+):clear$"), sheets_api.values_clear),
    ("GET", re.compile(_SPREADSHEET + "/values/(?P<range>.+)$"), sheets_api.values_get),
    ("PUT", re.compile(_SPREADSHEET + "/values/(?P<range>.+)$"), sheets_api.values_update),
    ("POST", re.compile(r"^/drive/v3/files$"), drive_api.create_file),
    ("GET", re.compile(r"^/drive/v3/files$"), drive_api.list_files),
    ("GET", re.compile(_FILE + "$"), drive_api.get_file),
    ("PATCH", re.compile(_FILE + "$"), drive_api.update_file),
    ("DELETE", re.compile(_FILE + "$"), drive_api.delete_file),
    ("POST", re.compile(_FILE + "/copy$"), drive_api.copy_file),
    ("GET", re.compile(_FILE + "/comments$"), drive_api.list_comments),
    ("GET", re.compile(_FILE + "/revisions$"), drive_api.list_revisions),
    ("GET", re.compile(_FILE + "/revisions/(?P<revision>[^/]+)$"), drive_api.get_revision),
]


@dataclass(frozen=True)
class RecordedRequest:
    """One API call as the emulator saw it; ``status`` 0 means no response was sent."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: bytes | None
    status: int
    kind: str


def request_kind(method: str, path: str) -> str:
    """Quota class of a call: ``drive``, else ``read`` for GET and ``write`` otherwise."""
    if path.startswith(("/drive/", "/upload/")):
        return "drive"
    return "read" if method == "GET" else "write"


def _route(method: str, raw_path: str) -> tuple[Handler, dict[str, str]] | None:
    for route_method, pattern, handler in ROUTES:
        match = pattern.match(raw_path)
        if match and route_method == method:
            args = {k: urllib.parse.unquote(v) for k, v in match.groupdict().items()}
            return handler, args
    return None


class EmulatorApp:
    """WSGI callable; shares its store, request log, faults and quota with ``SheetsEmulator``."""

    def __init__(self, store: Store, stopping: threading.Event) -> None:
        self.store = store
        self.stopping = stopping
        self.faults = Faults()
        self.quota: Quota | None = None
        self.requests: list[RecordedRequest] = []
        self.internal_errors: list[str] = []
        self._log_lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"].upper()
        raw_uri = environ.get("RAW_URI") or environ.get("PATH_INFO", "")
        raw_path = raw_uri.split("?", 1)[0]
        query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        body = self._read_body(environ)
        if raw_path.startswith("/_emulator/"):
            return self._send(start_response, self._control(method, raw_path, query))
        path = urllib.parse.unquote(raw_path)
        kind = request_kind(method, path)
        fault = self.faults.take(method, path)
        if fault is not None and fault.kind == "status":
            if fault.applied:
                self._handle(method, raw_path, query, body, kind)
            response = _error_response(fault.error(kind))
            if fault.retry_after is not None:
                response.headers["Retry-After"] = str(fault.retry_after)
        elif fault is None or fault.applied:
            response = self._handle(method, raw_path, query, body, kind)
        else:
            response = ApiResponse(0, None)
        status = 0 if fault is not None and fault.kind in ("timeout", "reset") else response.status
        self._record(RecordedRequest(method, path, query, body or None, status, kind))
        if fault is not None and fault.kind in ("timeout", "reset", "truncate"):
            return self._misbehave(fault, environ, start_response, response)
        return self._send(start_response, response)

    @staticmethod
    def _read_body(environ: dict[str, Any]) -> bytes:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        return environ["wsgi.input"].read(length) if length > 0 else b""

    def _record(self, recorded: RecordedRequest) -> None:
        with self._log_lock:
            self.requests.append(recorded)

    def _handle(
        self, method: str, raw_path: str, query: dict[str, list[str]], body: bytes, kind: str
    ) -> ApiResponse:
        routed = _route(method, raw_path)
        if routed is None:
            return _error_response(sheets_error(404, "Method not found."))
        handler, args = routed
        try:
            if self.quota is not None and kind != "drive":
                self.quota.admit(kind)
            self._check_may_write(kind, args)
            return handler(self.store, ApiRequest(method, args, query, body))
        except ApiError as error:
            return _error_response(error)
        except Exception as error:  # an emulator bug: answer like Google, fail the test later
            self.internal_errors.append(traceback.format_exc())
            return _error_response(sheets_error(500, f"Emulator internal error: {error!r}"))

    def _check_may_write(self, kind: str, args: dict[str, str]) -> None:
        """A Viewer's Sheets write gets Google's recorded 403 PERMISSION_DENIED."""
        with self.store.lock:
            spreadsheet = self.store.spreadsheets.get(args.get("id", ""))
            if kind == "write" and spreadsheet is not None and spreadsheet.view_only:
                raise sheets_error(403)

    def _control(self, method: str, raw_path: str, query: dict[str, list[str]]) -> ApiResponse:
        """``GET /_emulator/requests[?kind=read]`` and ``DELETE /_emulator/requests``."""
        if raw_path != "/_emulator/requests":
            return _error_response(sheets_error(404, "Method not found."))
        if method == "DELETE":
            with self._log_lock:
                self.requests.clear()
            return ApiResponse(204, None)
        kind = (query.get("kind") or [None])[0]
        with self._log_lock:
            chosen = [r for r in self.requests if kind is None or r.kind == kind]
        listed = [
            {**asdict(r), "body": r.body.decode("utf-8", "replace") if r.body else None}
            for r in chosen
        ]
        return ApiResponse(200, {"count": len(chosen), "requests": listed})

    @staticmethod
    def _send(start_response: StartResponse, response: ApiResponse) -> list[bytes]:
        payload = response.encode()
        start_response(f"{response.status} {_REASONS.get(response.status, 'Error')}",
                       _headers(response, len(payload)))  # fmt: skip
        return [payload]

    def _misbehave(
        self,
        fault: Fault,
        environ: dict[str, Any],
        start_response: StartResponse,
        response: ApiResponse,
    ) -> Iterable[bytes]:
        connection: socket.socket = environ["werkzeug.socket"]
        if fault.kind == "timeout":
            self.stopping.wait(fault.seconds)
        if fault.kind in ("timeout", "reset"):
            _drop(connection)
            return []
        payload = response.encode()
        cut = payload[: max(1, len(payload) // 2)]
        announced = len(payload) if fault.close else len(cut)
        start_response(f"{response.status} {_REASONS.get(response.status, 'Error')}",
                       _headers(response, announced))  # fmt: skip
        return _cut_off(cut, connection) if fault.close else [cut]


def _cut_off(cut: bytes, connection: socket.socket) -> Iterator[bytes]:
    yield cut
    _drop(connection)


def _drop(connection: socket.socket) -> None:
    """End the TCP connection now; werkzeug's later writes then fail quietly."""
    with contextlib.suppress(OSError):  # the client may already have gone away
        connection.shutdown(socket.SHUT_RDWR)


def _headers(response: ApiResponse, length: int) -> list[tuple[str, str]]:
    headers = [("Content-Length", str(length))]
    if response.payload is not None:
        headers.append(("Content-Type", "application/json; charset=UTF-8"))
    headers.extend(response.headers.items())
    return headers


def _error_response(error: ApiError) -> ApiResponse:
    return ApiResponse(error.status, error.body)


_REASONS = {
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

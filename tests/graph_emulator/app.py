"""The Graph WSGI application: authentication, routing, ``$batch``, the request log, faults
and throttling around the drive and workbook handlers.

Order per HTTP request: decode → armed fault? → authenticate (``401`` without a valid bearer
token) → ``$batch`` or one call → record. Inside a batch every request gets its own status
fault, throttling and answer; ``dependsOn`` runs requests in order and answers ``424`` for
those whose dependency failed; without it the answers come back in shuffled order, as Graph
allows. Paths under ``/_emulator/`` are the control surface of a standalone emulator.
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import socket
import threading
import traceback
import urllib.parse
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from . import drive_api, workbook_api
from .errors import GraphError, bad_request, graph_error
from .faults import Fault, Faults, Throttle
from .identity import Identity
from .model import Store
from .wire import Request, Response, ok

MAX_BATCH = 20
_EXPIRED = "Access token has expired or is not yet valid."
_ITEM = re.compile(r"^/(?:drives/(?P<drive>[^/]+)|me/drive)/items/(?P<item>[^/]+)(?P<rest>/.*)?$")
_SHARE = re.compile(r"^/shares/(?P<token>[^/]+)/driveItem$")
_REASONS = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request",
            401: "Unauthorized", 404: "Not Found", 409: "Conflict", 412: "Precondition Failed",
            423: "Locked", 429: "Too Many Requests", 500: "Internal Server Error",
            503: "Service Unavailable", 504: "Gateway Timeout"}  # fmt: skip


@dataclass(frozen=True)
class RecordedRequest:
    """One HTTP request as the emulator saw it; ``status`` 0 = no answer was sent.
    ``items`` lists a batch's requests as ``(method, path, status)``."""

    method: str
    path: str
    status: int
    items: tuple[tuple[str, str, int], ...] = ()
    session: str = ""


class GraphApp:
    def __init__(self, store: Store, identity: Identity, stopping: threading.Event, seed: int):
        self.store = store
        self.identity = identity
        self.stopping = stopping
        self.faults = Faults()
        self.throttle: Throttle | None = None
        self.requests: list[RecordedRequest] = []
        self.internal_errors: list[str] = []
        self._log_lock = threading.Lock()
        self._random = random.Random(seed)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"].upper()
        raw = environ.get("RAW_URI") or environ.get("PATH_INFO", "")
        raw_path, _, query = raw.partition("?")
        if raw_path.startswith("/_emulator/"):
            return self._send(start_response, self._control(method, raw_path))
        path = urllib.parse.unquote(raw_path)
        request = Request(
            method=method,
            path=path.removeprefix("/v1.0"),
            params=dict(urllib.parse.parse_qsl(query or environ.get("QUERY_STRING", ""))),
            headers=_headers(environ),
            root=f"http://{environ.get('HTTP_HOST', '127.0.0.1')}/v1.0",
        )
        fault = self.faults.take(method, request.path, whole_request=True)
        if fault is not None and fault.kind == "status":
            if fault.applied:
                self._handle(request, environ)
            self._forget_session(fault, request)
            response = _error_response(fault.error())
        elif fault is None or fault.applied:
            response = self._handle(request, environ)
        else:
            response = Response(0)
        broken = fault if fault is not None and fault.kind in ("timeout", "reset") else None
        self._record(request, response, 0 if broken else response.status)
        if broken is not None:
            return self._misbehave(broken, environ)
        return self._send(start_response, response)

    # --- one request ---------------------------------------------------------------------

    def _handle(self, request: Request, environ: dict[str, Any]) -> Response:
        if not environ.get("PATH_INFO", "").startswith("/v1.0/"):
            return _error_response(graph_error(400, "BadRequest", "Only /v1.0 is emulated."))
        try:
            request.body = _body(environ)
        except GraphError as error:
            return _error_response(error)
        token = request.header("Authorization").removeprefix("Bearer ").strip()
        request.user = self.identity.user_for(token) if token else None
        if request.user is None:
            return _error_response(graph_error(401, "InvalidAuthenticationToken", _EXPIRED))
        if request.path == "/$batch" and request.method == "POST":
            return self._batch(request)
        return self.dispatch(request)

    def dispatch(self, request: Request) -> Response:
        """One API call (alone or inside a batch), throttled, answered or refused."""
        try:
            if self.throttle is not None:
                self.throttle.admit()
            with self.store.lock:
                return route(self.store, request)
        except GraphError as error:
            return _error_response(error)
        except Exception as error:  # an emulator bug: answer 500, fail the test on exit
            self.internal_errors.append(traceback.format_exc())
            return _error_response(graph_error(500, message=f"Emulator internal error: {error!r}"))

    # --- $batch --------------------------------------------------------------------------

    def _batch(self, outer: Request) -> Response:
        try:
            items = _batch_items(outer.json().get("requests"))
        except GraphError as error:
            return _error_response(error)
        answers: dict[str, dict[str, Any]] = {}
        for item in items:
            failed = [d for d in item.get("dependsOn", []) if answers[d]["status"] >= 400]
            if failed:
                answers[item["id"]] = _answer(item["id"], _error_response(graph_error(424)))
                continue
            answers[item["id"]] = _answer(item["id"], self._batch_item(outer, item))
        ordered = [answers[i["id"]] for i in items]
        if not any("dependsOn" in i for i in items):
            self._random.shuffle(ordered)
        return ok({"responses": ordered})

    def _batch_item(self, outer: Request, item: dict[str, Any]) -> Response:
        url = str(item["url"])
        raw_path, _, query = ("/" + url.lstrip("/")).partition("?")
        headers = {k.lower(): str(v) for k, v in (item.get("headers") or {}).items()}
        headers.setdefault("authorization", outer.header("Authorization"))
        request = Request(
            method=str(item["method"]).upper(),
            path=urllib.parse.unquote(raw_path),
            params=dict(urllib.parse.parse_qsl(query)),
            headers=headers,
            body=item.get("body"),
            user=outer.user,
            root=outer.root,
        )
        fault = self.faults.take(request.method, request.path, whole_request=False)
        if fault is None:
            return self.dispatch(request)
        if fault.applied:
            self.dispatch(request)
        self._forget_session(fault, request)
        return _error_response(fault.error())

    def _forget_session(self, fault: Fault, request: Request) -> None:
        """A fault saying the session is invalid makes it so, as it would be in Graph."""
        session_id = request.header("workbook-session-id")
        if session_id and (fault.inner or "").startswith("invalidSession"):
            with self.store.lock:
                session = self.store.sessions.get(session_id)
                if session is not None:
                    session.closed = True

    # --- log, control, broken connections ------------------------------------------------

    def _record(self, request: Request, response: Response, status: int) -> None:
        items: tuple[tuple[str, str, int], ...] = ()
        if request.path == "/$batch" and isinstance(request.body, dict) and response.body:
            sent = {str(i.get("id")): i for i in request.body.get("requests") or []}
            items = tuple(
                (str(sent[r["id"]]["method"]), str(sent[r["id"]]["url"]), int(r["status"]))
                for r in sorted(response.body.get("responses", []), key=lambda r: _order(sent, r))
            )
        recorded = RecordedRequest(
            request.method, request.path, status, items, request.header("workbook-session-id")
        )
        with self._log_lock:
            self.requests.append(recorded)

    def _control(self, method: str, raw_path: str) -> Response:
        """``GET /_emulator/requests`` (the log) and ``DELETE /_emulator/requests``."""
        if raw_path != "/_emulator/requests":
            return _error_response(graph_error(404))
        with self._log_lock:
            if method == "DELETE":
                self.requests.clear()
                return Response(204)
            listed = [asdict(r) for r in self.requests]
        return ok({"count": len(listed), "requests": listed})

    @staticmethod
    def _send(start_response: Any, response: Response) -> list[bytes]:
        payload = response.encode()
        headers = [("Content-Length", str(len(payload))), *response.headers.items()]
        start_response(f"{response.status} {_REASONS.get(response.status, 'Error')}", headers)
        return [payload]

    def _misbehave(self, fault: Fault, environ: dict[str, Any]) -> list[bytes]:
        if fault.kind == "timeout":
            self.stopping.wait(fault.seconds)
        with contextlib.suppress(OSError):
            environ["werkzeug.socket"].shutdown(socket.SHUT_RDWR)
        return []


def route(store: Store, request: Request) -> Response:
    """Which handler answers this path."""
    if request.path == "/me" and request.method == "GET":
        return drive_api.me(store, request)
    share = _SHARE.match(request.path)
    if share and request.method == "GET":
        return drive_api.shared_item(store, request, share["token"])
    match = _ITEM.match(request.path)
    if match is None:
        raise graph_error(400, "BadRequest", f"Resource not found: {request.path!r}.")
    drive = match["drive"]
    book = store.workbook(drive, match["item"]) if drive else store.by_item(match["item"])
    if book is None:
        raise graph_error(404, "itemNotFound", "The resource could not be found.")
    rest = match["rest"] or ""
    if rest == "" and request.method == "GET":
        return drive_api.get_item(store, request, book)
    if rest == "" and request.method == "PATCH":
        return drive_api.update_item(store, request, book)
    if rest == "/versions" and request.method == "GET":
        return drive_api.versions(store, request, book)
    if rest.startswith("/workbook/"):
        return workbook_api.handle(store, request, book, rest.removeprefix("/workbook/"))
    raise graph_error(400, "BadRequest", f"Resource not found for the segment {rest!r}.")


def _batch_items(requests: Any) -> list[dict[str, Any]]:
    if not isinstance(requests, list) or not requests:
        raise bad_request("Invalid batch payload format.")
    if len(requests) > MAX_BATCH:
        raise graph_error(
            400, "BadRequest", f"The number of requests in the batch exceeds {MAX_BATCH}."
        )
    seen: set[str] = set()
    for item in requests:
        if not isinstance(item, dict) or not {"id", "method", "url"} <= item.keys():
            raise bad_request("Every batch request needs an id, a method and a url.")
        if str(item["id"]) in seen:
            raise bad_request(f"The batch request id {item['id']!r} is repeated.")
        if item.get("body") is not None and not any(
            k.lower() == "content-type" for k in (item.get("headers") or {})
        ):
            raise bad_request("A batch request with a body needs a Content-Type header.")
        if any(str(d) not in seen for d in item.get("dependsOn") or []):
            raise bad_request("dependsOn must name an earlier request of the batch.")
        seen.add(str(item["id"]))
        item["id"] = str(item["id"])
    return requests


def _answer(item_id: str, response: Response) -> dict[str, Any]:
    answer: dict[str, Any] = {"id": item_id, "status": response.status, "headers": response.headers}
    if response.body is not None:
        answer["body"] = response.body
    return answer


def _order(sent: dict[str, Any], response: dict[str, Any]) -> int:
    return list(sent).index(response["id"])


def _headers(environ: dict[str, Any]) -> dict[str, str]:
    headers = {
        key[5:].replace("_", "-").lower(): str(value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = environ["CONTENT_TYPE"]
    return headers


def _body(environ: dict[str, Any]) -> Any:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except ValueError:
        raise bad_request("Unable to read JSON request payload.") from None


def _error_response(error: GraphError) -> Response:
    return Response(error.status, error.body, {"Content-Type": "application/json", **error.headers})

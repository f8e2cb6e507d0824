"""A real OpenID Connect provider on loopback (`oidc-provider-mock`), with a log of what it gets.

The provider does not enforce PKCE, so the tests check what reaches it: a small
recording layer in front of it keeps every request's method, path, query, form
and the status and redirect it answered, for the authorization request (the browser's) and
the token request (Planlogg's own) alike.
"""

from __future__ import annotations

import base64
import hashlib
import io
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl

import authlib.deprecate
from werkzeug.serving import BaseWSGIServer, make_server

with warnings.catch_warnings():
    warnings.simplefilter("ignore", authlib.deprecate.AuthlibDeprecationWarning)
    import oidc_provider_mock  # still imports authlib's deprecated jose and httpx modules

CLIENT_ID = "planlogg-test"
CLIENT_SECRET = "test-hemmelegheit"


@dataclass(frozen=True)
class Received:
    """One request the provider answered."""

    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    status: int
    location: str


def s256(verifier: str) -> str:
    """The PKCE S256 challenge of a verifier (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class _Recorder:
    """WSGI middleware: note each request and the status it got, then pass it on unchanged."""

    def __init__(self, app: Callable[..., Any], log: list[Received]) -> None:
        self.app = app
        self.log = log
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        is_form = environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded")
        seen = {
            "method": environ["REQUEST_METHOD"],
            "path": environ.get("PATH_INFO", ""),
            "query": dict(parse_qsl(environ.get("QUERY_STRING", ""))),
            "form": dict(parse_qsl(body.decode("utf-8"))) if is_form else {},
        }

        def recording_start(status: str, headers: Any, exc_info: Any = None) -> Any:
            location = next((v for k, v in headers if k.lower() == "location"), "")
            with self.lock:
                self.log.append(Received(**seen, status=int(status.split()[0]), location=location))
            return start_response(status, headers, exc_info)

        return self.app(environ, recording_start)


class RecordingProvider:
    """The provider on 127.0.0.1 with the given users (subject → claims), while in `with`."""

    def __init__(self, users: dict[str, dict[str, object]]) -> None:
        self.log: list[Received] = []
        app = oidc_provider_mock.app(
            require_nonce=True,
            user_claims=[oidc_provider_mock.User(sub=s, claims=c) for s, c in users.items()],
        )
        self.server: BaseWSGIServer = make_server(
            "127.0.0.1", 0, _Recorder(app, self.log), threaded=True
        )
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def config(self, name: str = "Testinnlogging") -> dict[str, str]:
        """The Flask settings that point Planlogg at this provider."""
        return {
            "OIDC_ISSUER": self.issuer,
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_NAME": name,
        }

    def received(self, method: str, path: str) -> list[Received]:
        return [r for r in self.log if (r.method, r.path) == (method, path)]

    def authorization_requests(self) -> list[Received]:
        """The browser's visits to the authorization page (the form it is shown first)."""
        return self.received("GET", "/oauth2/authorize")

    def token_requests(self) -> list[Received]:
        return self.received("POST", "/oauth2/token")

    def __enter__(self) -> RecordingProvider:
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def users(*people: tuple[str, str, str]) -> dict[str, dict[str, object]]:
    """Users as (subject, name, e-mail) triples."""
    return {sub: {"name": name, "email": email} for sub, name, email in people}

"""Entra-like identity endpoints for MSAL, served over loopback HTTPS by the emulator.

* ``GET /{tenant}/v2.0/.well-known/openid-configuration`` — OIDC discovery;
* ``GET /common/discovery/instance`` — instance discovery, answered for the loopback host;
* ``POST /{tenant}/oauth2/v2.0/devicecode`` — starts a device-code sign-in;
* ``POST /{tenant}/oauth2/v2.0/token`` — the ``device_code`` grant (``authorization_pending``
  until a person approved the code, then tokens) and the ``refresh_token`` grant (refresh
  tokens rotate: a used one is spent).

Tokens are opaque random strings (the ID token is a JWT whose signature is not real: MSAL does
not verify it). ``client_info`` carries the user's object id and the tenant, as Entra's does,
so MSAL's cache keys accounts the same way. Only registered client ids are served.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .model import User

DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
StartResponse = Callable[..., Any]


@dataclass
class DeviceCode:
    device_code: str
    user_code: str
    client_id: str
    scopes: list[str]
    expires_at: float
    approved_by: User | None = None
    pending_polls: int = 0


@dataclass
class Grant:
    user: User
    client_id: str
    scopes: list[str]
    expires_at: float


@dataclass
class Identity:
    """The tenant's sign-in service: registered apps, people, device codes and tokens."""

    tenant_id: str
    clock: Callable[[], float] = time.time
    access_token_seconds: int = 3600
    device_code_interval: int = 1
    clients: set[str] = field(default_factory=set)
    approve_as: User | None = None
    """Who approves a new device code at once (None: codes wait for `approve`)."""
    pending_polls: int = 0
    """How many polls answer ``authorization_pending`` before an auto-approved code works."""
    base_url: str = ""
    failing_refreshes: int = 0
    """How many refresh-token requests to answer 503 ``temporarily_unavailable`` first."""
    codes: dict[str, DeviceCode] = field(default_factory=dict)
    access: dict[str, Grant] = field(default_factory=dict)
    refresh: dict[str, Grant] = field(default_factory=dict)
    log: list[tuple[str, str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    # --- what tests and Graph ask --------------------------------------------------------

    def issue(self, user: User, client_id: str = "", scopes: Iterable[str] = ()) -> str:
        """An access token for `user` without any sign-in (for tests that skip MSAL)."""
        with self.lock:
            return self._tokens(user, client_id, list(scopes))["access_token"]

    def user_for(self, access_token: str) -> User | None:
        with self.lock:
            grant = self.access.get(access_token)
            return grant.user if grant and grant.expires_at > self.clock() else None

    def approve(self, user_code: str, user: User) -> None:
        with self.lock:
            code = next(c for c in self.codes.values() if c.user_code == user_code)
            code.approved_by = user

    def expire_access_tokens(self) -> None:
        with self.lock:
            for grant in self.access.values():
                grant.expires_at = 0.0

    def revoke_sign_ins(self) -> None:
        """An administrator revokes every session (or the password changed): refresh tokens
        are refused with ``invalid_grant`` and access tokens stop working."""
        with self.lock:
            self.refresh.clear()
            for grant in self.access.values():
                grant.expires_at = 0.0

    def grants(self, grant_type: str) -> int:
        """How many token requests of this grant type were answered with tokens."""
        return sum(1 for _, kind, outcome in self.log if kind == grant_type and outcome == "ok")

    # --- WSGI ----------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        method = environ["REQUEST_METHOD"].upper()
        path = urllib.parse.unquote(environ.get("PATH_INFO", ""))
        query = dict(urllib.parse.parse_qsl(environ.get("QUERY_STRING", "")))
        length = int(environ.get("CONTENT_LENGTH") or 0)
        form = dict(urllib.parse.parse_qsl(environ["wsgi.input"].read(length).decode()))
        status, payload = self._route(method, path, query, form)
        body = json.dumps(payload).encode()
        start_response(
            f"{status} {'OK' if status == 200 else 'Error'}",
            [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
        )
        return [body]

    def _route(
        self, method: str, path: str, query: dict[str, str], form: dict[str, str]
    ) -> tuple[int, dict[str, Any]]:
        parts = path.strip("/").split("/")
        if method == "GET" and path == "/common/discovery/instance":
            return 200, self._instance(query.get("authorization_endpoint", ""))
        if len(parts) < 2 or parts[0] not in (self.tenant_id, "organizations", "common"):
            return 400, _error("invalid_tenant", f"AADSTS90002: Tenant '{parts[0]}' not found.")
        tenant, rest = parts[0], "/".join(parts[1:])
        if method == "GET" and rest == "v2.0/.well-known/openid-configuration":
            return 200, self._configuration(tenant)
        with self.lock:
            if method == "POST" and rest == "oauth2/v2.0/devicecode":
                return self._device_code(form)
            if method == "POST" and rest == "oauth2/v2.0/token":
                status, answer = self._token(form)
                self.log.append((method, form.get("grant_type", ""), answer.get("error", "ok")))
                return status, answer
        return 404, _error("invalid_request", f"No such endpoint: {path}")

    def _configuration(self, tenant: str) -> dict[str, Any]:
        root = f"{self.base_url}/{tenant}"
        return {
            "issuer": f"{self.base_url}/{self.tenant_id}/v2.0",
            "authorization_endpoint": f"{root}/oauth2/v2.0/authorize",
            "token_endpoint": f"{root}/oauth2/v2.0/token",
            "device_authorization_endpoint": f"{root}/oauth2/v2.0/devicecode",
            "jwks_uri": f"{root}/discovery/v2.0/keys",
            "response_types_supported": ["code", "id_token", "code id_token", "token id_token"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "tenant_region_scope": "EU",
        }

    def _instance(self, authorization_endpoint: str) -> dict[str, Any]:
        parsed = urllib.parse.urlsplit(authorization_endpoint)
        tenant = (parsed.path.strip("/").split("/") or [self.tenant_id])[0] or self.tenant_id
        return {
            "tenant_discovery_endpoint": (
                f"{self.base_url}/{tenant}/v2.0/.well-known/openid-configuration"
            ),
            "api-version": "1.1",
            "metadata": [
                {
                    "preferred_network": parsed.netloc,
                    "preferred_cache": parsed.netloc,
                    "aliases": [parsed.netloc],
                }
            ],
        }

    def _device_code(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        client_id = form.get("client_id", "")
        if client_id not in self.clients:
            return 400, _unknown_client(client_id)
        code = DeviceCode(
            device_code=secrets.token_urlsafe(24),
            user_code=secrets.token_hex(4).upper(),
            client_id=client_id,
            scopes=form.get("scope", "").split(),
            expires_at=self.clock() + 900,
            approved_by=self.approve_as,
            pending_polls=self.pending_polls,
        )
        self.codes[code.device_code] = code
        uri = f"{self.base_url}/devicelogin"
        return 200, {
            "device_code": code.device_code,
            "user_code": code.user_code,
            "verification_uri": uri,
            "expires_in": 900,
            "interval": self.device_code_interval,
            "message": (
                f"To sign in, use a web browser to open the page {uri} and enter the code "
                f"{code.user_code} to authenticate."
            ),
        }

    def _token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        client_id = form.get("client_id", "")
        if client_id not in self.clients:
            return 400, _unknown_client(client_id)
        grant_type = form.get("grant_type")
        if grant_type == DEVICE_CODE_GRANT:
            code = self.codes.get(form.get("device_code", ""))
            if code is None or code.client_id != client_id:
                return 400, _error("bad_verification_code", "AADSTS70019: unknown device code.")
            if code.expires_at < self.clock():
                return 400, _error("expired_token", "AADSTS70020: the device code expired.")
            if code.approved_by is None or code.pending_polls > 0:
                code.pending_polls -= 1
                return 400, _error(
                    "authorization_pending", "AADSTS70016: OAuth 2.0 device flow error."
                )
            del self.codes[code.device_code]
            return 200, self._tokens(code.approved_by, client_id, code.scopes)
        if grant_type == "refresh_token":
            if self.failing_refreshes > 0:
                self.failing_refreshes -= 1
                return 503, _error(
                    "temporarily_unavailable", "AADSTS90033: A transient error has occurred."
                )
            grant = self.refresh.pop(form.get("refresh_token", ""), None)
            if grant is None or grant.client_id != client_id:
                return 400, _error("invalid_grant", "AADSTS70000: the refresh token is invalid.")
            scopes = form.get("scope", "").split() or grant.scopes
            return 200, self._tokens(grant.user, client_id, scopes)
        return 400, _error("unsupported_grant_type", f"AADSTS70003: {grant_type!r}.")

    def _tokens(self, user: User, client_id: str, scopes: list[str]) -> dict[str, Any]:
        now = self.clock()
        granted = [s for s in scopes if s not in ("offline_access",)]
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        self.access[access] = Grant(user, client_id, granted, now + self.access_token_seconds)
        self.refresh[refresh] = Grant(user, client_id, granted, now + 90 * 86400)
        claims = {
            "aud": client_id,
            "iss": f"{self.base_url}/{self.tenant_id}/v2.0",
            "iat": int(now),
            "nbf": int(now),
            "exp": int(now) + 3600,
            "name": user.display_name,
            "oid": user.id,
            "preferred_username": user.email,
            "sub": user.id,
            "tid": self.tenant_id,
            "ver": "2.0",
        }
        return {
            "token_type": "Bearer",
            "scope": " ".join(granted),
            "expires_in": self.access_token_seconds,
            "ext_expires_in": self.access_token_seconds,
            "access_token": access,
            "refresh_token": refresh,
            "id_token": ".".join(
                (_b64({"typ": "JWT", "alg": "RS256", "kid": "emulator"}), _b64(claims), "c2ln")
            ),
            "client_info": _b64({"uid": user.id, "utid": self.tenant_id}),
        }


def _b64(value: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def _error(code: str, description: str) -> dict[str, Any]:
    return {"error": code, "error_description": description, "error_codes": [], "timestamp": ""}


def _unknown_client(client_id: str) -> dict[str, Any]:
    return _error(
        "unauthorized_client",
        f"AADSTS700016: Application with identifier '{client_id}' was not found in the directory.",
    )

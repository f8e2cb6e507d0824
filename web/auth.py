"""Who is asking: a bearer token on /api, a signed session cookie on the pages.

The API accepts only `Authorization: Bearer <token>`, so a browser's cookie
can never make an API write (no CSRF surface there). Pages keep only the
token's id in the session and look it up on every request, so a revoked
token stops working at once.
"""

from __future__ import annotations

from flask import g, request, session

from web.services import services
from web.tokens import ApiToken, Permission, authenticate

SESSION_KEY = "token_id"


class AuthError(Exception):
    """Base of the two refusals; `status` is the HTTP status."""

    status = 401

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAuthenticated(AuthError):
    status = 401


class NotAllowed(AuthError):
    status = 403


def is_api_request() -> bool:
    return request.path.startswith("/api/") or request.path == "/api"


def current_token() -> ApiToken | None:
    """The caller's active token, looked up once per request."""
    if "planlogg_token" not in g:
        g.planlogg_token = _bearer_token() if is_api_request() else _session_token()
    token: ApiToken | None = g.planlogg_token
    return token


def require(permission: Permission) -> ApiToken:
    """The caller's token if it grants `permission`; raises 401 or 403 otherwise."""
    token = current_token()
    if token is None:
        raise NotAuthenticated("Du må logge inn (API-token) for å gjøre dette.")
    if not token.can(permission):
        raise NotAllowed(
            f"Rollen {token.role.label} har ikke tilgang til dette ({permission.value})."
        )
    return token


def can(permission: Permission) -> bool:
    token = current_token()
    return token is not None and token.can(permission)


def _bearer_token() -> ApiToken | None:
    header = request.headers.get("Authorization", "")
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        if header:
            raise NotAuthenticated("Bruk «Authorization: Bearer <token>».")
        return None
    token = authenticate(services().tokens, credentials.strip())
    if token is None:
        raise NotAuthenticated("Ukjent eller tilbakekalt API-token.")
    return token


def _session_token() -> ApiToken | None:
    token_id = session.get(SESSION_KEY)
    if not token_id:
        return None
    token = services().tokens.get(token_id)
    if token is None or not token.active:
        session.pop(SESSION_KEY, None)
        return None
    return token


def log_in(token_text: str) -> ApiToken | None:
    """Start a page session for a valid token (a fresh session, against fixation)."""
    token = authenticate(services().tokens, token_text.strip())
    if token is not None:
        session.clear()
        session[SESSION_KEY] = token.id
        g.planlogg_token = token
    return token


def log_out() -> None:
    session.clear()
    g.planlogg_token = None

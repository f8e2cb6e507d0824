"""Per-client limits on guessing tokens and on the API (Flask-Limiter), answered 429.

Without them 300 wrong tokens a second were answered. Two limits, counted
per client address:

- failed logins — a wrong token on `/logg-inn` or a 401 anywhere under
  `/api` — share one budget (`PLANLOGG_RATELIMIT_LOGIN`, 10 per minute);
  only failures count, so people who log in are never slowed;
- every API request (`PLANLOGG_RATELIMIT_API`, 600 per minute).

Nothing else is limited, and nothing else is looked at (`not_limited`).

A refused request gets 429, `Retry-After` in seconds and a Norwegian message.
The counts live in memory (`memory://`, one process; kept by
`web.rate_limit_memory`, which starts no thread), or in a store every
process shares, `PLANLOGG_RATELIMIT_STORAGE=redis://127.0.0.1:6379`, which
`planlogg serve --workers N` requires so that N workers do not allow N times
the limit.
"""

from __future__ import annotations

import math
import os
import time
from typing import Any, cast

from flask import Blueprint, Flask, Response, current_app, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address

from domain.errors import PlanloggError
from language import _, ngettext
from web import rate_limit_memory

MEMORY = "memory://"
LOGIN_SCOPE = "innlogging"
API_BLUEPRINTS = ("api_reads", "api_commands", "api_docs")
LOGIN_ENDPOINT = "session.log_in_submit"


class RateLimitStorageError(PlanloggError):
    """The shared store for the limits (Redis) does not answer."""


def storage_uri(environ: dict[str, str] | None = None) -> str:
    environ = dict(os.environ) if environ is None else environ
    return environ.get("PLANLOGG_RATELIMIT_STORAGE", "").strip() or MEMORY


def limits_uri(uri: str) -> str:
    """The `limits` storage for `uri`: counts in this process are `web.rate_limit_memory`'s."""
    return f"{rate_limit_memory.SCHEME}://" if uri.strip() == MEMORY else uri


def default_config(environ: dict[str, str] | None = None) -> dict[str, Any]:
    environ = dict(os.environ) if environ is None else environ
    return {
        "RATELIMIT_STORAGE_URI": storage_uri(environ),
        "RATELIMIT_KEY_PREFIX": environ.get("PLANLOGG_RATELIMIT_PREFIX", "planlogg"),
        "PLANLOGG_RATELIMIT_LOGIN": environ.get("PLANLOGG_RATELIMIT_LOGIN", "10 per minute"),
        "PLANLOGG_RATELIMIT_API": environ.get("PLANLOGG_RATELIMIT_API", "600 per minute"),
    }


def _login_limit() -> str:
    return str(current_app.config["PLANLOGG_RATELIMIT_LOGIN"])


def _api_limit() -> str:
    return str(current_app.config["PLANLOGG_RATELIMIT_API"])


def _failed(response: Response) -> bool:
    return response.status_code == 401


def not_limited() -> bool:
    """Whether no limit applies to this request: neither the API nor the log-in form.

    Pages, their stylesheet and the rest are let through before Flask-Limiter looks
    for limits, which it otherwise does on every request and finds none: 80 µs of each,
    measured on a bare Flask app (122 → 201 µs a request).
    """
    return request.blueprint not in API_BLUEPRINTS and request.endpoint != LOGIN_ENDPOINT


def init_app(app: Flask) -> Limiter:
    """Attach the limiter to `app`; call after the blueprints are registered."""
    for key, value in default_config().items():
        app.config.setdefault(key, value)
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=limits_uri(app.config["RATELIMIT_STORAGE_URI"]),
        key_prefix=app.config["RATELIMIT_KEY_PREFIX"],
        strategy="sliding-window-counter",
        headers_enabled=False,
    )
    limiter.request_filter(not_limited)
    failures = limiter.shared_limit(_login_limit, scope=LOGIN_SCOPE, deduct_when=_failed)
    failures(_blueprint(app, "session"))
    for name in API_BLUEPRINTS:
        failures(_blueprint(app, name))
        limiter.limit(_api_limit)(_blueprint(app, name))

    def too_many(error: RateLimitExceeded) -> Any:
        return _too_many(limiter)

    app.register_error_handler(RateLimitExceeded, too_many)
    app.extensions["planlogg_limiter"] = limiter
    return limiter


def check_storage(limiter: Limiter, uri: str) -> None:
    """Refuse to serve when the shared store does not answer: the limits would not hold."""
    if not limiter.storage.check():
        raise RateLimitStorageError(
            _(
                "Fikk ikke kontakt med lagringen for grensene mot gjetting av token "
                "(%(uri)s). Sjekk at Redis kjører, eller ta bort PLANLOGG_RATELIMIT_STORAGE "
                "og kjør én prosess (uten --workers).",
                uri=uri,
            )
        )


def _too_many(limiter: Limiter) -> Any:
    from web.errors import error_response

    breached = limiter.current_limit
    reset_at = breached.reset_at if breached is not None else time.time() + 60
    wait = max(1, math.ceil(reset_at - time.time()))
    answer = error_response(
        429,
        "rate_limit",
        ngettext(
            "For mange forsøk fra din adresse. Vent %(num)s sekund og prøv igjen.",
            "For mange forsøk fra din adresse. Vent %(num)s sekunder og prøv igjen.",
            wait,
        ),
    )
    response = answer if isinstance(answer, Response) else current_app.make_response(answer)
    response.headers["Retry-After"] = str(wait)
    return response


def _blueprint(app: Flask, name: str) -> Blueprint:
    """A registered blueprint, as the limiter's decorators take it."""
    return cast(Blueprint, app.blueprints[name])

"""Per-client limits on guessing tokens and on the API (Flask-Limiter), answered 429.

Without them 300 wrong tokens a second were answered. Two limits, counted
per client address:

- failed logins — a wrong token on `/logg-inn` or a 401 anywhere under
  `/api` — share one budget (`PLANLOGG_RATELIMIT_LOGIN`, 10 per minute);
  only failures count, so people who log in are never slowed;
- every API request (`PLANLOGG_RATELIMIT_API`, 600 per minute).

Nothing else is limited, and nothing else is looked at (`not_limited`).

A refused request gets 429, `Retry-After` in seconds and a Norwegian message.
The counts live in each process's memory (`memory://`, kept by
`web.rate_limit_memory`, which starts no thread), or in a store every
process shares, `PLANLOGG_RATELIMIT_STORAGE=redis://127.0.0.1:6379`.

N workers never allow N times a limit. Counting in memory, each of the N
workers of `planlogg serve --workers N` allows its share, 1/N of each limit
(`Budgets`): no more in total, and no round trip. Counting in Redis, each
request costs two round trips (the failed-token budget is tested, then the
request counted): measured on a 2-core machine, 0.76 ms more of a worker's CPU
each request than counting in memory (the demo's history answer took 2,036
against 1,279 µs in process), and two workers counting in memory answered
1.26-1.47 times the history requests a second of two counting in Redis. So
Redis is for several machines (or for a client that must get the whole budget
on one connection).
What memory counts give up: a client whose requests all reach one worker (one
kept-alive connection) gets that worker's share, 5 failed tokens a minute
instead of 10 with two workers.
"""

from __future__ import annotations

import ipaddress
import math
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, current_app, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse_many

from domain.errors import PlanloggError, ValidationError
from domain.persistence import shown_url
from domain.text import excerpt
from language import _, ngettext
from web import rate_limit_memory

MEMORY = "memory://"
LOGIN_SCOPE = "innlogging"
API_SCOPE = "api"
"""One budget of API requests per client, whichever API blueprint answers them."""
API_BLUEPRINTS = ("api_reads", "api_commands", "api_docs")
LOGIN_ENDPOINT = "session.log_in_submit"


class RateLimitStorageError(PlanloggError):
    """The shared store for the limits (Redis) does not answer."""


class RateLimitSettingError(ValidationError):
    """A limit setting that cannot be read."""


@dataclass(frozen=True)
class Budgets:
    """The limits as one process enforces them: all of each, or its share (`shared`)."""

    login: str
    api: str


def shared(limit: str, workers: int, variable: str) -> str:
    """`limit` (the setting `variable`) as each of `workers` processes counting apart enforces
    it, so that together they allow no more (`_share`).
    """
    try:
        items = parse_many(limit)
    except ValueError:
        raise RateLimitSettingError(
            _(
                "%(variable)s=%(limit)s er ikke en grense Planlogg kan lese. Skriv antall og "
                "tidsrom på engelsk, for eksempel «10 per minute» eller «600/minute».",
                variable=variable,
                limit=excerpt(limit),
            )
        ) from None
    if workers == 1:
        return limit
    return ";".join(_share(item, workers) for item in items)


def _share(item: RateLimitItem, workers: int) -> str:
    """One worker's share of `item`: its amount divided by `workers`, rounded down; or, when
    that is less than one, one in a window as many times longer as it takes, rounded up
    (10 a minute over 16 workers: one in 96 seconds each)."""
    if item.amount >= workers:
        return f"{item.amount // workers} per {item.multiples} {item.GRANULARITY.name}"
    return f"1 per {math.ceil(item.get_expiry() * workers / item.amount)} second"


def budgets(config: Mapping[str, Any], workers: int) -> Budgets:
    """What one of `workers` processes allows under `config`: shares when each counts in its
    own memory, the whole limits when they share a store."""
    apart = workers if in_memory(str(config["RATELIMIT_STORAGE_URI"])) else 1
    return Budgets(
        login=shared(config["PLANLOGG_RATELIMIT_LOGIN"], apart, "PLANLOGG_RATELIMIT_LOGIN"),
        api=shared(config["PLANLOGG_RATELIMIT_API"], apart, "PLANLOGG_RATELIMIT_API"),
    )


def in_memory(uri: str) -> bool:
    """Whether `uri` keeps the counts in this process (`memory://`, however it is spelt)."""
    return not uri.strip() or urlsplit(uri.strip()).scheme.lower() == "memory"


def storage_uri(environ: dict[str, str] | None = None) -> str:
    environ = dict(os.environ) if environ is None else environ
    return environ.get("PLANLOGG_RATELIMIT_STORAGE", "").strip() or MEMORY


def limits_uri(uri: str) -> str:
    """The `limits` storage for `uri`: counts in this process are `web.rate_limit_memory`'s."""
    return f"{rate_limit_memory.SCHEME}://" if in_memory(uri) else uri


def default_config(environ: dict[str, str] | None = None) -> dict[str, Any]:
    environ = dict(os.environ) if environ is None else environ
    return {
        "RATELIMIT_STORAGE_URI": storage_uri(environ),
        "RATELIMIT_KEY_PREFIX": environ.get("PLANLOGG_RATELIMIT_PREFIX", "planlogg"),
        "PLANLOGG_RATELIMIT_LOGIN": environ.get("PLANLOGG_RATELIMIT_LOGIN", "10 per minute"),
        "PLANLOGG_RATELIMIT_API": environ.get("PLANLOGG_RATELIMIT_API", "600 per minute"),
        "PLANLOGG_RATELIMIT_WORKERS": 1,
    }


def _budgets() -> Budgets:
    return cast(Budgets, current_app.extensions["planlogg_budgets"])


def _login_limit() -> str:
    return _budgets().login


def _api_limit() -> str:
    return _budgets().api


def _failed(response: Response) -> bool:
    return response.status_code == 401


def not_limited() -> bool:
    """Whether no limit applies to this request: neither the API nor the log-in form.

    Pages, their stylesheet and the rest are let through before Flask-Limiter looks
    for limits, which it otherwise does on every request and finds none: 80 µs of each,
    measured on a bare Flask app (122 → 201 µs a request).
    """
    return request.blueprint not in API_BLUEPRINTS and request.endpoint != LOGIN_ENDPOINT


def client_address() -> str:
    """Whom a request's limits count against: its IPv4 address, or the /64 network of its IPv6
    address. An IPv6 client has a whole /64 to itself (SLAAC, privacy addresses): counted per
    address, moving to the next one of its own network would start a fresh budget."""
    address = get_remote_address()
    try:
        found = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(found, ipaddress.IPv6Address) and found.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{found}/64", strict=False))
    return address


def init_app(app: Flask) -> Limiter:
    """Attach the limiter to `app`; call after the blueprints are registered.

    `PLANLOGG_RATELIMIT_WORKERS` is how many workers serve, this one among them (`serve
    --workers N` puts N in each one's settings; it is not read from the environment):
    with the counts in memory, each allows its share.
    """
    for key, value in default_config().items():
        app.config.setdefault(key, value)
    app.extensions["planlogg_budgets"] = budgets(
        app.config, int(app.config["PLANLOGG_RATELIMIT_WORKERS"])
    )
    limiter = Limiter(
        client_address,
        app=app,
        storage_uri=limits_uri(app.config["RATELIMIT_STORAGE_URI"]),
        key_prefix=app.config["RATELIMIT_KEY_PREFIX"],
        strategy="sliding-window-counter",
        headers_enabled=False,
    )
    limiter.request_filter(not_limited)
    failures = limiter.shared_limit(_login_limit, scope=LOGIN_SCOPE, deduct_when=_failed)
    failures(_blueprint(app, "session"))
    requests = limiter.shared_limit(_api_limit, scope=API_SCOPE)
    for name in API_BLUEPRINTS:
        failures(_blueprint(app, name))
        requests(_blueprint(app, name))

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
                "(%(uri)s). Sjekk at Redis kjører, eller ta bort PLANLOGG_RATELIMIT_STORAGE: "
                "da teller hver prosess i sitt eget minne.",
                uri=shown_url(uri),
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

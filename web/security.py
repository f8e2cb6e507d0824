"""Security headers on every response.

The CSP allows no inline script or style at all: pages use one stylesheet
and no JavaScript, and the dashboard's SVG charts use presentation
attributes and classes only. Forms post to this site only; the one
exception is the page of a person signed in through the identity provider,
whose sign-out form leads on to the provider's own sign-out page (browsers
apply `form-action` to the redirects that follow a form, too).
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, Response, g, request

FORM_ACTION_KEY = "planlogg_form_action"


def content_security_policy(form_action: Iterable[str] = ()) -> str:
    return "; ".join(
        (
            "default-src 'none'",
            "style-src 'self'",
            "img-src 'self' data:",
            "script-src 'self'",
            " ".join(("form-action 'self'", *sorted(set(form_action)))),
            "frame-ancestors 'none'",
            "base-uri 'none'",
        )
    )


HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def allow_form_action(*origins: str) -> None:
    """Let this response's forms lead to `origins` too (e.g. the identity provider's sign-out)."""
    g.setdefault(FORM_ACTION_KEY, set()).update(origins)


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault(
        "Content-Security-Policy", content_security_policy(g.get(FORM_ACTION_KEY, ()))
    )
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)

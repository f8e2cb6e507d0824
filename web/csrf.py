"""CSRF protection for every page form that writes (the API uses bearer tokens instead).

One random token per session, put in each form as a hidden field and
compared in constant time on every unsafe request outside /api.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, request, session

from language import _
from web.auth import is_api_request

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def csrf_token() -> str:
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    token: str = session[FIELD]
    return token


def check_csrf() -> None:
    if request.method in SAFE_METHODS or is_api_request():
        return
    sent = request.form.get(FIELD) or request.headers.get(HEADER, "")
    expected = session.get(FIELD, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(400, description=_("Skjemaet er utløpt eller ugyldig (CSRF). Last siden på nytt."))


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.before_request(check_csrf)

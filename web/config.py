"""The web app's settings: defaults from the environment, overridable by `create_app(config)`."""

from __future__ import annotations

import math
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from domain.errors import ValidationError
from domain.persistence import data_dir, database_url
from domain.text import excerpt
from language import _

SECRET_FILE = "secret_key"
MAX_SESSION_HOURS = 24 * 30


def secret_key(environ: dict[str, str] | None = None) -> str:
    """PLANLOGG_SECRET_KEY, else a key kept in the data folder (shared by local workers)."""
    environ = dict(os.environ) if environ is None else environ
    if environ.get("PLANLOGG_SECRET_KEY"):
        return environ["PLANLOGG_SECRET_KEY"]
    path = data_dir(environ) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return Path(path).read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        key = secrets.token_urlsafe(48)
        file.write(key)
    return key


def default_config(environ: dict[str, str] | None = None) -> dict[str, Any]:
    environ = dict(os.environ) if environ is None else environ
    return {
        "DATABASE_URL": database_url(environ),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": environ.get("PLANLOGG_SECURE_COOKIES", "") == "1",
        "SESSION_COOKIE_NAME": "planlogg_session",
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "JSON_SORT_KEYS": False,
        "PERMANENT_SESSION_LIFETIME": session_lifetime(environ),
        # Flask's default sends the whole session cookie again with every answer: a page
        # answered after the browser signed out in another tab would sign it in again.
        "SESSION_REFRESH_EACH_REQUEST": False,
        "LANGUAGE": environ.get("PLANLOGG_LANG", "").strip(),
        **oidc_config(environ),
        **mail_config(environ),
    }


def mail_config(environ: dict[str, str]) -> dict[str, str]:
    """The mail server reminders go through (the same settings as `planlogg round remind`);
    without PLANLOGG_SMTP_URL the dashboard cannot resend a reminder."""
    return {
        "SMTP_URL": environ.get("PLANLOGG_SMTP_URL", "").strip(),
        "MAIL_FROM": environ.get("PLANLOGG_MAIL_FROM", "").strip(),
        "PUBLIC_URL": environ.get("PLANLOGG_PUBLIC_URL", "").strip(),
    }


def session_lifetime(environ: dict[str, str]) -> timedelta:
    """PLANLOGG_SESSION_HOURS (default 8): a page session ends this long after sign-in.

    Refused at the start unless it is more than 0 and at most `MAX_SESSION_HOURS`: Python
    reads "nan" and "inf" as numbers, and they (or a huge number) stopped the start with an
    English traceback instead; a session longer than a month is no session lifetime at all.
    """
    text = environ.get("PLANLOGG_SESSION_HOURS", "").strip() or "8"
    try:
        hours = float(text)
    except ValueError:
        hours = math.nan
    if not 0 < hours <= MAX_SESSION_HOURS:
        raise ValidationError(
            _(
                "PLANLOGG_SESSION_HOURS må være et antall timer over 0 og høyst %(max)s "
                "(30 dager), f.eks. 8, ikke «%(text)s».",
                max=MAX_SESSION_HOURS,
                text=excerpt(text),
            )
        )
    return timedelta(hours=hours)


def oidc_config(environ: dict[str, str]) -> dict[str, str]:
    """The identity provider (OpenID Connect); sign-in is offered when issuer and client are set.

    PLANLOGG_OIDC_REDIRECT_URI is only needed behind a proxy that hides the public address.
    """
    return {
        "OIDC_ISSUER": environ.get("PLANLOGG_OIDC_ISSUER", "").strip(),
        "OIDC_CLIENT_ID": environ.get("PLANLOGG_OIDC_CLIENT_ID", "").strip(),
        "OIDC_CLIENT_SECRET": environ.get("PLANLOGG_OIDC_CLIENT_SECRET", "").strip(),
        "OIDC_NAME": environ.get("PLANLOGG_OIDC_NAME", "").strip() or "organisasjonskonto",
        "OIDC_SCOPE": environ.get("PLANLOGG_OIDC_SCOPE", "").strip() or "openid profile email",
        "OIDC_REDIRECT_URI": environ.get("PLANLOGG_OIDC_REDIRECT_URI", "").strip(),
    }

"""Log in to the pages with an API token; a CSRF-protected form starts a signed session."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, url_for

from web.auth import current_token, log_in, log_out

bp = Blueprint("session", __name__)


def _safe_next(target: str | None) -> str:
    """Only ever redirect within this site (no open redirect)."""
    if not target:
        return url_for("audit.history")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("audit.history")
    return target


@bp.get("/logg-inn")
def log_in_form() -> str:
    return render_template("session/login.html", next=request.args.get("next", ""), error="")


@bp.post("/logg-inn")
def log_in_submit() -> Any:
    target = request.form.get("next", "")
    if log_in(request.form.get("token", "")) is None:
        page = render_template(
            "session/login.html", next=target, error="Ukjent eller tilbakekalt token."
        )
        return page, 401
    return redirect(_safe_next(target))


@bp.post("/logg-ut")
def log_out_submit() -> Any:
    if current_token() is not None:
        log_out()
    return redirect(url_for("public.index"))

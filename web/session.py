"""Log in to the pages: through the organisation's identity provider (`web.login`), or,
for administrators, with an API token in a CSRF-protected form. Both start a signed,
expiring session; signing out is a CSRF-protected form too.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, request, url_for

from web.auth import current_caller, log_in
from web.login import login_page, safe_target, sign_out

bp = Blueprint("session", __name__)


@bp.get("/logg-inn")
def log_in_form() -> Any:
    return login_page(safe_target(request.args.get("next", "")))


@bp.post("/logg-inn")
def log_in_submit() -> Any:
    target = safe_target(request.form.get("next", ""))
    if log_in(request.form.get("token", "")) is None:
        return login_page(target, error="Ukjent eller tilbakekalt token.", status=401)
    return redirect(target or url_for("audit.history"))


@bp.post("/logg-ut")
def log_out_submit() -> Any:
    if current_caller() is None:
        return redirect(url_for("public.index"))
    return sign_out()

"""The web app's settings: defaults from the environment, overridable by `create_app(config)`."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from domain.persistence import data_dir, database_url

SECRET_FILE = "secret_key"


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
    }

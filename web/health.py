"""GET /healthz: is the database reachable, how far behind are the read models,
and how did the last sheet sync go. 503 when the database is down.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, jsonify

from web.services import services

bp = Blueprint("health", __name__)
log = logging.getLogger("planlogg.web")


@bp.get("/healthz")
def healthz() -> Any:
    found = services()
    report: dict[str, Any] = {"database": _database(found.app)}
    try:
        report["projections"] = {"lag": found.read_models.lag()}
    except Exception as error:
        log.warning("Projections lag unavailable: %s", error)
        report["projections"] = {"lag": None, "error": str(error)}
    runner = found.background.get("projections")
    if runner is not None:
        report["projections"].update(runner.status())
    report["sync"] = found.sync.status() if found.sync is not None else None
    healthy = report["database"]["ok"]
    report["status"] = "ok" if healthy else "error"
    return jsonify(report), 200 if healthy else 503


def _database(app: Any) -> dict[str, Any]:
    """Ask the event store for its newest notification id: a real round trip."""
    try:
        position = app.recorder.max_notification_id()
    except Exception as error:
        log.warning("Database check failed: %s", error)
        return {"ok": False, "error": str(error)}
    return {"ok": True, "position": position or 0}

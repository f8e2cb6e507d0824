"""GET /healthz: is the database reachable, how far behind are the read models,
how did the last sheet sync go, and is the chain's head being published. 503 when
the database is down, and while this version's read models are still being built
("building": a load balancer keeps sending people to the previous version meanwhile).
The status is "degraded" while the read models' follower fails (its last catch-up raised):
the server still serves (200), but from read models that no longer move, so changes made
since are not shown. A loop that has stopped reporting (hung in a call that never returns:
`web.status_board.Heartbeats`) is shown failing as if its last run had failed, with when it
last reported: the follower or the kept answers' renewal as "degraded", the sync, the heads'
publication and the reminders each in its own part.

Anyone may ask, so the public answer holds only states and counts. Error
texts can quote what someone typed in the sheet (an unadopted draft) or name
the database's host and user: they are shown only to someone who may read drafts
(not to anyone merely signed in, which with ID-porten is anyone in Norway).
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, jsonify

from web.auth import can, reaches_every_community
from web.roles import Permission
from web.services import services

bp = Blueprint("health", __name__)
log = logging.getLogger("planlogg.web")


@bp.get("/healthz")
def healthz() -> Any:
    found = services()
    detail = can(Permission.READ_DRAFT) and reaches_every_community()
    report: dict[str, Any] = {"database": _database(found.app, detail)}
    try:
        report["projections"] = {"lag": found.read_models.lag(), "ok": True}
    except Exception as error:
        log.warning("Projections lag unavailable: %s", error)
        report["projections"] = {"lag": None, "ok": False}
        if detail:
            report["projections"]["error"] = str(error)
    watch = found.background.get("heartbeats")
    runner = found.background.get("projections")
    following = True
    if runner is not None:
        status = runner.status()
        following = status.get("error") is None
        report["projections"]["last_catch_up_at"] = status.get("last_catch_up_at")
        report["projections"]["ok"] &= following
        if detail:
            report["projections"]["error"] = status.get("error")
    stuck = _late(watch, "projections") or _late(watch, "answers")
    if stuck is not None:
        following = report["projections"]["ok"] = False
        if detail:
            report["projections"]["error"] = stuck
    renewal = found.background.get("answers")
    if renewal is not None:
        report["projections"].update(renewal.status())
    report["projections"]["version"] = found.read_models.version
    report["projections"]["ready"] = ready = _ready(found.read_models)
    report["sync"] = _sync(found.sync, detail, _late(watch, "sync"))
    heads = found.background.get("heads")
    if heads is not None:
        report["heads"] = _heads(heads.status(), detail, _late(watch, "heads"))
    if watch is not None and "reminders" in watch:
        report["reminders"] = _reminders(_late(watch, "reminders"), detail)
    healthy = report["database"]["ok"]
    report["status"] = _status(healthy, ready, following)
    return jsonify(report), 200 if healthy and ready else 503


def _status(healthy: bool, ready: bool, following: bool) -> str:
    """The worst of: the database down ("error"), this version's read models still being built
    ("building"), the follower failing ("degraded"); else "ok"."""
    if not healthy:
        return "error"
    if not ready:
        return "building"
    return "ok" if following else "degraded"


def _ready(read_models: Any) -> bool:
    """False while this version's read models are still being built (see `web.readiness`)."""
    try:
        return bool(read_models.ready())
    except Exception as error:
        log.warning("Projections readiness unavailable: %s", error)
        return False


def _late(watch: Any, name: str) -> str | None:
    """What to say of the loop `name` when it has stopped reporting, else None."""
    return None if watch is None else watch.late(name)


def _sync(loop: Any, detail: bool, stuck: str | None) -> dict[str, Any] | None:
    if loop is None:
        return None
    status = dict(loop.status() if detail else loop.public_status())
    if stuck is not None:
        status["state"] = "error"
        if detail:
            status["last_error"] = stuck
    return status


def _heads(status: dict[str, Any], detail: bool, stuck: str | None) -> dict[str, Any]:
    """Whether the chain's head is being published: a heads file or URL that fails leaves
    the events after the last published head unprovable, and must not show only in the log.
    A failure does not make the server unhealthy (it still serves): the answer stays 200."""
    if stuck is not None:
        status = {**status, "ok": False, "error": stuck}
    return status if detail else {k: v for k, v in status.items() if k != "error"}


def _reminders(stuck: str | None, detail: bool) -> dict[str, Any]:
    """Whether the loop that sends due reminders still runs (it runs where PLANLOGG_SMTP_URL
    is set); a hung one does not make the server unhealthy either."""
    return {"ok": stuck is None, "error": stuck} if detail else {"ok": stuck is None}


def _database(app: Any, detail: bool) -> dict[str, Any]:
    """Ask the event store for its newest notification id: a real round trip."""
    try:
        position = app.recorder.max_notification_id()
    except Exception as error:
        log.warning("Database check failed: %s", error)
        return {"ok": False, "error": str(error)} if detail else {"ok": False}
    return {"ok": True, "position": position or 0}

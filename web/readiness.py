"""While this version of the read models is still being built, pages and the API wait.

A new Planlogg whose read models changed shape builds them in new tables in
the background (`projections.ReadModels.build`) while the previous version's
processes keep serving. Until the build has caught up, this process answers
503 with how far it has come and when to ask again, and `/healthz` says
"building", so a load balancer keeps sending people to the previous version.
"""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal
from flask import Flask, make_response, request

from language import _, current
from web.errors import error_response
from web.services import services

RETRY_AFTER_SECONDS = 10
OPEN_WHILE_BUILDING = frozenset({"health.healthz", "static"})


def init_app(app: Flask) -> None:
    app.before_request(_wait_until_ready)


def _wait_until_ready() -> Any:
    if request.endpoint in OPEN_WHILE_BUILDING:
        return None
    read_models = services().read_models
    if read_models.ready():
        return None
    done, total = read_models.build_progress()
    message = _(
        "Planlogg er oppdatert til en ny versjon og gjør klar planene og endringsloggen: "
        "%(done)s av %(total)s hendelser er lest inn. Prøv igjen om litt.",
        done=format_decimal(done, locale=current()),
        total=format_decimal(total, locale=current()),
    )
    heading = _("Oppdatering pågår")
    response = make_response(error_response(503, "building", message, heading=heading))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response

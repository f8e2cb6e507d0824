"""GET /api/openapi.json: the API described from its own routes and schemas."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify

from language import current
from web.api.openapi import build_spec

bp = Blueprint("api_docs", __name__, url_prefix="/api")


@bp.get("/openapi.json")
def openapi() -> Any:
    """The document in the målform of the request, built once per målform."""
    built = current_app.extensions.setdefault("planlogg_openapi", {})
    if current() not in built:
        built[current()] = build_spec(current_app)
    return jsonify(built[current()])

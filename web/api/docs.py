"""GET /api/openapi.json: the API described from its own routes and schemas."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify

from web.api.openapi import build_spec

bp = Blueprint("api_docs", __name__, url_prefix="/api")


@bp.get("/openapi.json")
def openapi() -> Any:
    spec = current_app.extensions.setdefault("planlogg_openapi", build_spec(current_app))
    return jsonify(spec)

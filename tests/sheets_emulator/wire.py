"""The decoded request a handler sees and the answer it gives, independent of the server."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .errors import sheets_error


@dataclass
class ApiRequest:
    """One API call after routing: path arguments are already percent-decoded."""

    method: str
    args: dict[str, str]
    params: dict[str, list[str]]
    body: bytes = b""

    def param(self, name: str, default: str | None = None) -> str | None:
        values = self.params.get(name)
        return values[-1] if values else default

    def flag(self, name: str) -> bool:
        """Booleans arrive as ``True``/``true``/``False`` (Python's str() via requests)."""
        return str(self.param(name, "false")).lower() == "true"

    def json(self) -> dict[str, Any]:
        """The JSON body (``{}`` when there is none); 400 like Google when it is not JSON."""
        if not self.body.strip():
            return {}
        try:
            value = json.loads(self.body)
        except ValueError:
            raise sheets_error(400, "Invalid JSON payload received. Unexpected token.") from None
        if not isinstance(value, dict):
            raise sheets_error(400, "Invalid JSON payload received. Expected an object.")
        return value


@dataclass
class ApiResponse:
    """Status, JSON payload (None = empty body) and extra headers."""

    status: int
    payload: dict[str, Any] | None
    headers: dict[str, str] = field(default_factory=dict)

    def encode(self) -> bytes:
        """Pretty-printed like Google's responses; empty for 204."""
        if self.payload is None:
            return b""
        return json.dumps(self.payload, indent=2, ensure_ascii=False).encode("utf-8")


def ok(payload: dict[str, Any]) -> ApiResponse:
    return ApiResponse(200, payload)

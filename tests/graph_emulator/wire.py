"""A decoded Graph request and the answer to it, shared by plain requests and ``$batch`` items."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .errors import bad_request
from .model import User


@dataclass
class Request:
    """Path is percent-decoded and relative to the version root (``/drives/…``)."""

    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    body: Any = None
    user: User | None = None
    root: str = ""
    """The absolute version root (``http://127.0.0.1:PORT/v1.0``) for links we hand out."""

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    def json(self) -> dict[str, Any]:
        if self.body is None:
            return {}
        if not isinstance(self.body, dict):
            raise bad_request("The request body must be a JSON object.")
        return self.body


@dataclass
class Response:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def encode(self) -> bytes:
        return b"" if self.body is None else json.dumps(self.body, ensure_ascii=False).encode()


def ok(body: Any, status: int = 200) -> Response:
    return Response(status, body, {"Content-Type": "application/json"})


def no_content() -> Response:
    return Response(204)

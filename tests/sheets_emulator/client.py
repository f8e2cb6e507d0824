"""A requests.Session that sends Google API traffic to the emulator and refuses everything else.

The project's code keeps its real Google URLs; only the session decides where they go. Any
other host (including Google's OAuth endpoints) raises ``ForeignHostRefused`` so a test can
never reach the internet by accident. Proxies from the environment are ignored for the same
reason.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

import requests

GOOGLE_API_HOSTS = ("sheets.googleapis.com", "www.googleapis.com")


class ForeignHostRefused(RuntimeError):
    """A request to a host that is neither a Google API host nor the emulator."""


class RoutingSession(requests.Session):
    """Rewrites ``https://sheets.googleapis.com/...`` and ``https://www.googleapis.com/...``
    (Drive, including ``/upload``) to the emulator's base URL."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url.rstrip("/")
        self.trust_env = False

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        request.url = self.route(request.url or "")
        return super().send(request, **kwargs)

    def route(self, url: str) -> str:
        """The emulator URL for ``url``; raises ForeignHostRefused for any other host."""
        parts = urllib.parse.urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == self.base_url:
            return url
        if parts.scheme == "https" and parts.hostname in GOOGLE_API_HOSTS and parts.port is None:
            target = self.base_url + parts.path
            return f"{target}?{parts.query}" if parts.query else target
        raise ForeignHostRefused(f"the Sheets emulator session refuses {parts.netloc or url!r}")

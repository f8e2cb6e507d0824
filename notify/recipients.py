"""Whom a reminder goes to: a small port, so the body register can grow behind it.

The register of bodies (`domain.community`) is being extended with ids and
aliases; reminders only need the addresses of one body of one community.
"""

from __future__ import annotations

from typing import Protocol

from domain.application import Planlogg
from domain.errors import NotFoundError


class Recipients(Protocol):
    def addresses(self, community_key: str, body_name: str) -> tuple[str, ...]:
        """The addresses to remind for a body; empty when none are registered."""
        ...


class RegisteredRecipients:
    """The addresses kept on each body in the health community's register."""

    def __init__(self, app: Planlogg) -> None:
        self.app = app

    def addresses(self, community_key: str, body_name: str) -> tuple[str, ...]:
        try:
            community = self.app.get_community(community_key)
        except NotFoundError:
            return ()
        return community.reminder_addresses(body_name)

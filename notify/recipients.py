"""Whom a reminder goes to: a small port, so the body register can grow behind it.

Reminders need the addresses of one body of one community, and the register to
count a round's bodies and the measures' bodies as one body whatever the spelling.
"""

from __future__ import annotations

from typing import Protocol

from domain.application import Planlogg
from domain.body_register import BodyRegister
from domain.reminders import reminded_at


class Recipients(Protocol):
    def register(self, community_key: str) -> BodyRegister:
        """The community's bodies, to count round bodies and measures by id."""
        ...

    def addresses(self, community_key: str, body_ref: str) -> tuple[str, ...]:
        """The addresses to remind for a body; empty when none are registered."""
        ...


class RegisteredRecipients:
    """The addresses kept on each body in the health community's register."""

    def __init__(self, app: Planlogg) -> None:
        self.app = app

    def register(self, community_key: str) -> BodyRegister:
        return self.app.body_register(community_key)

    def addresses(self, community_key: str, body_ref: str) -> tuple[str, ...]:
        """The body's reminded addresses, else its reporters' (a body by id, name or alias),
        read as what is shown of its reminders reads them (`reminded_at`)."""
        return reminded_at(self.register(community_key), body_ref)

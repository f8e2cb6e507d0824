"""The health community (helsefellesskap) and its bodies."""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.errors import NotFoundError, ValidationError
from domain.provenance import Provenance
from domain.vocabulary import BodyKind


def community_id(key: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"/planlogg/communities/{key}")


class HealthCommunity(Aggregate):
    """A hospital trust and its municipalities, with the committees they run."""

    @staticmethod
    def create_id(key: str) -> UUID:
        return community_id(key)

    @event("CommunityRegistered")
    def __init__(self, key: str, name: str, by: Provenance) -> None:
        self.key = key
        self.name = name
        self.bodies: dict[str, dict[str, Any]] = {}

    def add_body(self, name: str, kind: BodyKind, by: Provenance) -> None:
        name = name.strip()
        if not name:
            raise ValidationError("Organet må ha eit namn.")
        if name in self.bodies and not self.bodies[name]["retired"]:
            raise ValidationError(f"{name} finst alt i {self.name}.")
        self._add_body(name=name, kind=BodyKind(kind).value, by=by)

    @event("BodyAdded")
    def _add_body(self, name: str, kind: str, by: Provenance) -> None:
        self.bodies[name] = {"kind": kind, "retired": False}

    def retire_body(self, name: str, by: Provenance) -> None:
        if name not in self.bodies or self.bodies[name]["retired"]:
            raise NotFoundError(f"{name} er ikkje eit organ i {self.name}.")
        self._retire_body(name=name, by=by)

    @event("BodyRetired")
    def _retire_body(self, name: str, by: Provenance) -> None:
        self.bodies[name]["retired"] = True

    def active_bodies(self) -> dict[str, BodyKind]:
        return {
            name: BodyKind(state["kind"])
            for name, state in self.bodies.items()
            if not state["retired"]
        }

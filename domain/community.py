"""The health community (helsefellesskap) and its bodies."""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.errors import NotFoundError, ValidationError
from domain.provenance import Provenance
from domain.text import checked
from domain.vocabulary import BodyKind

MAX_ADDRESSES = 20
"""More addresses than this on one body is a mistake, not a committee."""


def email_addresses(addresses: list[str] | tuple[str, ...], what: str) -> list[str]:
    """Plain addresses (name@domain), each once: a reminder must not go astray."""
    found: list[str] = []
    for raw in addresses:
        address = checked(raw, what, max_length=254)
        local, at, domain = address.partition("@")
        if not (local and at and "." in domain) or any(c in address for c in ' <>,;"'):
            raise ValidationError(f"«{address}» er ikkje ei e-postadresse (namn@domene.no).")
        if address.casefold() not in (a.casefold() for a in found):
            found.append(address)
    if len(found) > MAX_ADDRESSES:
        raise ValidationError(f"Høgst {MAX_ADDRESSES} adresser per organ.")
    return found


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

    def set_body_contacts(
        self, name: str, reporters: list[str], reminded: list[str], by: Provenance
    ) -> None:
        """Who reports for a body, and who is reminded when it has not reported."""
        if name not in self.bodies or self.bodies[name]["retired"]:
            raise NotFoundError(f"{name} er ikkje eit organ i {self.name}.")
        self._set_body_contacts(
            name=name,
            reporters=email_addresses(reporters, "E-postadressa til rapportøren"),
            reminded=email_addresses(reminded, "E-postadressa for påminningar"),
            by=by,
        )

    @event("BodyContactsSet")
    def _set_body_contacts(
        self, name: str, reporters: list[str], reminded: list[str], by: Provenance
    ) -> None:
        self.bodies[name]["reporters"] = list(reporters)
        self.bodies[name]["reminded"] = list(reminded)

    def reminder_addresses(self, name: str) -> tuple[str, ...]:
        """Who is reminded for a body: its reminded addresses, else its reporters."""
        state = self.bodies.get(name)
        if state is None or state["retired"]:
            return ()
        return tuple(state.get("reminded") or state.get("reporters") or ())

    def active_bodies(self) -> dict[str, BodyKind]:
        return {
            name: BodyKind(state["kind"])
            for name, state in self.bodies.items()
            if not state["retired"]
        }

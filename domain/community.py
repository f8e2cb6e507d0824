"""The health community (helsefellesskap) and the register of its bodies.

Each body has a stable id (`body_slug` of the name it was registered with),
a kind, a short name, aliases, and the e-mail addresses of who reports for it
and who is reminded to. Spelling variants people typed become aliases of one
body by a merge, which is itself an event; a registered body merged into
another keeps its id, and references to it resolve to the body it went into.

Bodies added before ids existed ("BodyAdded", name and kind) are replayed as
they were, with the id their name gives; new bodies are "BodyRegistered".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.body_register import Body, BodyRegister, body_slug, evolve_bodies, name_key
from domain.errors import ConcurrentEditError, NotFoundError, ValidationError
from domain.provenance import Provenance
from domain.text import KEY, checked, checked_body, excerpt, is_one_word
from domain.vocabulary import BodyKind
from language import DEFAULT, N_, Målform, _, målform_of

EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
EMAIL_LENGTH = 254


def community_id(key: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"/planlogg/communities/{key}")


def _name(text: str, what: str = N_("Navnet på organet")) -> str:
    return " ".join(checked_body(text, what).split())


def email_addresses(
    addresses: list[str] | tuple[str, ...], what: str = N_("E-postadressen")
) -> list[str]:
    """E-mail addresses as written, each checked once, without repeats."""
    seen: list[str] = []
    for address in addresses:
        cleaned = checked(address, what, max_length=EMAIL_LENGTH).strip()
        if not EMAIL.match(cleaned):
            raise ValidationError(
                _(
                    "«%(address)s» er ikke en e-postadresse (f.eks. leder@kommune.no).",
                    address=excerpt(cleaned),
                )
            )
        if cleaned.lower() not in (s.lower() for s in seen):
            seen.append(cleaned)
    return seen


def address_list(typed: str) -> list[str]:
    """Addresses typed in one text, as `body list` prints them ("a@x.no, b@y.no") or one per
    line ("" for none), each an address: one cut short by a narrow terminal ("leiar.fag…")
    is refused as input, not taken for a list someone else changed."""
    return email_addresses([a for a in re.split(r"[,;\s]+", typed) if a])


def _addresses(addresses: Iterable[str]) -> frozenset[str]:
    return frozenset(a.strip().casefold() for a in addresses if a.strip())


def _replaced_unseen(
    stored: Sequence[str], wanted: Sequence[str], seen: Sequence[str] | None
) -> bool:
    """Whether a list of addresses stored would be replaced though it is not the one the
    caller read (order and case aside)."""
    if seen is None or _addresses(stored) == _addresses(seen):
        return False
    return _addresses(stored) != _addresses(wanted)


class ContactsChangedError(ConcurrentEditError):
    """A body's addresses set by someone else since the caller read them: `told` names who
    and the day, which the application finds in the community's events."""

    def __init__(self, body: Body) -> None:
        self.body = body
        super().__init__(self.told(None, None))

    def told(self, who: str | None, when: str | None) -> str:
        """The refusal, naming who set the addresses and the day (Norwegian time) when known."""
        words = {
            "name": self.body.name,
            "reporters": ", ".join(self.body.reporters) or _("ingen"),
            "reminded": ", ".join(self.body.reminded) or _("ingen"),
            "who": who,
            "date": when,
        }
        if who:
            return _(
                "Adressene til %(name)s ble endret av %(who)s %(date)s etter at du hentet dem. "
                "Nå er det %(reporters)s som rapporterer, og %(reminded)s som blir påminnet. "
                "Ingenting er lagret. Se over adressene, og prøv på nytt om du fortsatt vil.",
                **words,
            )
        return _(
            "Adressene til %(name)s er endret av noen andre siden du hentet dem. Nå er det "
            "%(reporters)s som rapporterer, og %(reminded)s som blir påminnet. Ingenting er "
            "lagret. Se over adressene, og prøv på nytt om du fortsatt vil.",
            **words,
        )


def checked_keys(keys: Iterable[str]) -> list[str]:
    """Community keys as typed, trimmed; a blank one refused. Roles or a token limited to
    communities reach those named, and none named means every community: a blank key (an
    empty variable in a script) dropped would widen them to all, and kept would name none."""
    trimmed = [key.strip() for key in keys]
    if "" in trimmed:
        raise ValidationError(
            _(
                "Et helsefellesskap uten nøkkel kan ikke velges. Skriv nøkkelen, for "
                "eksempel st-olavs."
            )
        )
    return trimmed


def checked_registration(key: str, name: str) -> tuple[str, str]:
    """A new community's key and name as stored, or a refusal: the key names it in every
    command, address and plan («planlogg plan create … st-olavs»), so, as a plan's key, it
    is one word of at most 80 characters; the name is what people read."""
    key = checked(key, N_("Nøkkelen til helsefellesskapet"), max_length=KEY, required=True)
    if not is_one_word(key):
        raise ValidationError(
            _(
                '"%(key)s" kan ikke brukes som nøkkel for et helsefellesskap (ingen mellomrom '
                "eller /).",
                key=excerpt(key),
            )
        )
    name = checked(name, N_("Navnet på helsefellesskapet"), required=True)
    return key, name


class HealthCommunity(Aggregate):
    """A hospital trust and its municipalities, with the committees they run."""

    @staticmethod
    def create_id(key: str) -> UUID:
        return community_id(key)

    language: Målform = DEFAULT
    """The målform the community writes in (St. Olavs bokmål, Helse Fonna nynorsk); its
    pages, sheets, mails, documents and commands speak it. Bokmål until chosen."""

    @event("CommunityRegistered")
    def __init__(self, key: str, name: str, by: Provenance) -> None:
        self.key = key
        self.name = name
        self.bodies: dict[str, Body] = {}

    def choose_language(self, language: Målform, by: Provenance) -> bool:
        """Write in `language` from now on; False when the community already did."""
        if language == self.language:
            return False
        self._choose_language(language=language, by=by)
        return True

    @event("LanguageChosen")
    def _choose_language(self, language: str, by: Provenance) -> None:
        self.language = målform_of(language) or DEFAULT

    def _evolve(self, event_name: str, **facts: Any) -> None:
        self.bodies = evolve_bodies(self.bodies, event_name, facts)

    @property
    def register(self) -> BodyRegister:
        return BodyRegister(dict(self.bodies))

    def body(self, name: str) -> Body:
        """The active body with this name, short name, alias or id."""
        found = self.register.find(name) or self.bodies.get(name.strip())
        if found is None or found.retired:
            raise NotFoundError(
                _(
                    "«%(name)s» er ikke et organ i %(community)s.",
                    name=excerpt(name),
                    community=self.name,
                )
            )
        return found

    def add_body(
        self,
        name: str,
        kind: BodyKind,
        by: Provenance,
        short_name: str = "",
        aliases: list[str] | tuple[str, ...] = (),
    ) -> str:
        """Register a body; returns its id. No two active bodies share a name or alias."""
        name = _name(name)
        if not name:
            raise ValidationError(_("Organet må ha et navn."))
        short = _name(short_name, N_("Kortnavnet"))
        others = [a for a in dict.fromkeys(_name(a, N_("Aliaset")) for a in aliases) if a]
        for taken in (name, short, *others):
            if taken and self.register.find(taken) is not None:
                raise ValidationError(
                    _(
                        "«%(name)s» er allerede navnet på et organ i %(community)s.",
                        name=taken,
                        community=self.name,
                    )
                )
        body_id = body_slug(name)
        if not body_id:
            raise ValidationError(_("«%(name)s» kan ikke være navnet på et organ.", name=name))
        base, number = body_id, 2
        while body_id in self.bodies:
            body_id, number = f"{base}-{number}", number + 1
        self._register_body(
            body_id=body_id,
            name=name,
            kind=BodyKind(kind).value,
            short_name=short,
            aliases=others,
            by=by,
        )
        return body_id

    @event("BodyRegistered")
    def _register_body(
        self,
        body_id: str,
        name: str,
        kind: str,
        short_name: str,
        aliases: list[str],
        by: Provenance,
    ) -> None:
        self._evolve(
            "BodyRegistered",
            body_id=body_id,
            name=name,
            kind=kind,
            short_name=short_name,
            aliases=aliases,
        )

    @event("BodyAdded")
    def _add_body(self, name: str, kind: str, by: Provenance) -> None:
        """A body as it was added before bodies had ids (replayed, never recorded anew)."""
        self._evolve("BodyAdded", name=name, kind=kind)

    def set_contacts(
        self,
        name: str,
        reporters: list[str] | tuple[str, ...],
        reminded: list[str] | tuple[str, ...],
        by: Provenance,
        seen: tuple[Sequence[str] | None, Sequence[str] | None] = (None, None),
    ) -> bool:
        """Who reports for a body and who is reminded; False when nothing changed.

        `seen`: the reporters and the reminded the caller read (None: not checked). A list
        stored now that is not the one read, and that the change would replace with a
        different one, is refused (`ConcurrentEditError`), naming both lists stored."""
        body = self.body(name)
        wanted_reporters, wanted_reminded = email_addresses(reporters), email_addresses(reminded)
        if (tuple(wanted_reporters), tuple(wanted_reminded)) == (body.reporters, body.reminded):
            return False
        if _replaced_unseen(body.reporters, wanted_reporters, seen[0]) or _replaced_unseen(
            body.reminded, wanted_reminded, seen[1]
        ):
            raise ContactsChangedError(body)
        self._set_contacts(
            body_id=body.id, reporters=wanted_reporters, reminded=wanted_reminded, by=by
        )
        return True

    @event("BodyContactsSet")
    def _set_contacts(
        self, body_id: str, reporters: list[str], reminded: list[str], by: Provenance
    ) -> None:
        self._evolve("BodyContactsSet", body_id=body_id, reporters=reporters, reminded=reminded)

    def merge(self, variants: list[str] | tuple[str, ...], into: str, by: Provenance) -> list[str]:
        """Make spelling variants aliases of one body; returns the variants that were new.

        A variant that is a registered body of its own is merged whole: its
        names become aliases and references to its id resolve to `into`.
        """
        target = self.body(into)
        aliases: list[str] = []
        absorbed: list[str] = []
        for variant in (_name(v, N_("Skrivemåten")) for v in variants):
            if not variant:
                continue
            other = self.register.find(variant)
            if other is not None and other.id == target.id:
                continue
            if other is not None:
                if other.id not in absorbed:
                    absorbed.append(other.id)
            elif name_key(variant) not in (name_key(a) for a in aliases):
                aliases.append(variant)
        if not aliases and not absorbed:
            return []
        self._merge(body_id=target.id, aliases=aliases, absorbed=absorbed, by=by)
        return aliases + [self.bodies[b].name for b in absorbed]

    @event("BodiesMerged")
    def _merge(self, body_id: str, aliases: list[str], absorbed: list[str], by: Provenance) -> None:
        self._evolve("BodiesMerged", body_id=body_id, aliases=aliases, absorbed=absorbed)

    def retire_body(self, name: str, by: Provenance) -> None:
        self._retire_body(name=self.body(name).name, by=by)

    @event("BodyRetired")
    def _retire_body(self, name: str, by: Provenance) -> None:
        self._evolve("BodyRetired", name=name)

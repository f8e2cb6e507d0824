"""The bodies of a health community as a register: who is meant by a name people type.

A measure's responsible bodies are references: a body's id for what was
registered when the measure was changed, or the name as it was typed when no
registered body has that name (nothing typed is lost). Older events carry
names. `BodyRegister.resolve` finds the body behind any of these, through the
body's name, short name and aliases (case, spaces and how a letter is encoded
do not matter: `name_key`), and through merges; it never guesses. `suggest`
names the nearest registered name for a name it does not know, for people to
decide on (`community body merge`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from typing import Any

from domain.text import BODY, excerpt
from domain.vocabulary import BodyKind, fold
from language import _

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def name_key(text: str) -> str:
    """How names compare: 'Fagråd  for Pasientsamarbeid' and 'fagråd for pasientsamarbeid' alike,
    and «å» as one letter (NFC) or as «a» and a combining ring (NFD, as text copied from macOS
    files and some PDFs comes) alike: the two read the same to everyone. Only the key is
    normalised; names are stored as typed."""
    folded = unicodedata.normalize("NFD", text).casefold()
    return " ".join(unicodedata.normalize("NFC", folded).split())


def body_slug(name: str) -> str:
    """A body's id, made once from its first name: "Fagråd for X" → "fagrad-for-x"."""
    return _NOT_SLUG.sub("-", fold(name)).strip("-")


@dataclass(frozen=True)
class Body:
    """One body (organ): its id, names, kind, and who reports and who is reminded."""

    id: str
    name: str
    kind: BodyKind
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    reporters: tuple[str, ...] = ()
    reminded: tuple[str, ...] = ()
    retired: bool = False
    merged_into: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the body is known by: its name, its short name, its aliases."""
        return tuple(n for n in (self.name, self.short_name, *self.aliases) if n)


@dataclass(frozen=True)
class BodyContacts:
    """Who reports for a body and who is reminded to (for reminders of reporting rounds)."""

    name: str
    reporters: tuple[str, ...]
    reminded: tuple[str, ...]


@dataclass(frozen=True)
class Unresolved:
    """A typed name no registered body has, and the nearest registered name (if any)."""

    typed: str
    suggestion: str = ""

    @property
    def message(self) -> str:
        """As the command line says it, to those who can merge the spellings there."""
        return self._said(_("Slå sammen skrivemåter med «planlogg community body merge»."))

    @property
    def sheet_message(self) -> str:
        """As the spreadsheet and the pages say it, to a reporter and to the secretariat alike:
        who merges the spellings, and where (the secretariat was told to ask itself)."""
        return self._said(_("Sekretariatet kan slå sammen skrivemåtene i organregisteret."))

    def _said(self, advice: str) -> str:
        """The name as typed (and kept so), the nearest registered name, and `advice`."""
        said = [
            _(
                "«%(typed)s» er ikke et registrert organ; lagret som skrevet.",
                typed=excerpt(self.typed, BODY),
            )
        ]
        if self.suggestion:
            said.append(suggested(self.suggestion))
        said.append(advice)
        return " ".join(said)


def suggested(name: str) -> str:
    """The nearest registered name, offered after a name no body has."""
    return _("Mente du «%(suggestion)s»?", suggestion=name)


_AFTER_Z = str.maketrans({"æ": "{", "ø": "|", "å": "}"})
"""The three letters after z, in their order, as the three characters that follow z: a
code-point sort puts å before æ and ø."""


def alphabetical(text: str) -> str:
    """`text` as the Norwegian alphabet sorts it (æ, ø and å after z, in that order), whatever
    the letter case, an «å» written as «a» and a ring read as «å»: a key for `sorted`."""
    return unicodedata.normalize("NFC", text).casefold().translate(_AFTER_Z)


def _in_the_alphabet(body: Body) -> str:
    return alphabetical(body.name)


@dataclass(frozen=True)
class BodyRegister:
    """The bodies of one community by id, and what their names resolve to."""

    bodies: Mapping[str, Body] = field(default_factory=dict)

    @classmethod
    def of(cls, bodies: Iterable[Body]) -> BodyRegister:
        return cls({b.id: b for b in bodies})

    def active(self) -> list[Body]:
        return [b for b in self.bodies.values() if not b.retired]

    def in_name_order(self) -> list[Body]:
        """The active bodies as a list people look a name up in: by name, in the Norwegian
        alphabet (æ, ø and å after z, in that order), whatever the letter case, and an «å»
        written as «a» and a ring (as a Mac writes it) as «å»."""
        return sorted(self.active(), key=_in_the_alphabet)

    def find(self, name: str) -> Body | None:
        """The active body that has this name (or short name or alias), or None."""
        return self._by_name.get(name_key(name))

    @cached_property
    def _by_name(self) -> dict[str, Body]:
        """Each active body under every name it has, as `name_key` compares them; made once
        per register, since a sheet's cells look names up thousands of times a cycle."""
        found: dict[str, Body] = {}
        for body in self.active():
            for name in body.names:
                found.setdefault(name_key(name), body)
        return found

    @cached_property
    def most_name_parts(self) -> int:
        """The most comma-separated parts any active name has (1 when no name has a comma)."""
        return max(
            (name_key(n).count(",") + 1 for body in self.active() for n in body.names), default=1
        )

    def resolve(self, ref: str) -> Body | None:
        """The body a stored reference (an id, or a name as typed) stands for, after merges."""
        body = self.bodies.get(ref) or self._by_any_name(ref)
        seen: set[str] = set()
        while body is not None and body.merged_into and body.id not in seen:
            seen.add(body.id)
            body = self.bodies.get(body.merged_into)
        return body

    def _by_any_name(self, name: str) -> Body | None:
        """Active bodies first: a retired body's name may live on as another's alias."""
        found = self.find(name)
        if found is not None:
            return found
        wanted = name_key(name)
        return next(
            (b for b in self.bodies.values() if any(name_key(n) == wanted for n in b.names)),
            None,
        )

    def key_of(self, ref: str) -> str:
        """The body id behind a reference, or the reference itself when no body has it."""
        body = self.resolve(ref)
        return body.id if body else ref

    def identity(self, ref: str) -> str:
        """What two references share when they mean the same: the body id, else the name
        compared as names are (case and spaces aside)."""
        body = self.resolve(ref)
        return body.id if body else name_key(ref)

    def distinct(self, refs: Iterable[str]) -> list[str]:
        """Each body once, by the first reference to it: a round's bodies after one was merged
        into another of them are that one body, named as the round first named it."""
        first: dict[str, str] = {}
        for ref in refs:
            first.setdefault(self.identity(ref), ref)
        return list(first.values())

    def label(self, ref: str) -> str:
        """What people read for a reference: the body's name, or the text as typed."""
        body = self.resolve(ref)
        return body.name if body else ref

    def suggest(self, typed: str) -> str:
        """The nearest registered name to a name no body has ("" when none is near)."""
        names = {name_key(n): b.name for b in self.active() for n in b.names}
        near = difflib.get_close_matches(name_key(typed), list(names), n=1, cutoff=0.6)
        return names[near[0]] if near else ""

    def contacts(self) -> dict[str, BodyContacts]:
        """Every active body's contacts, by body id."""
        return {b.id: BodyContacts(b.name, b.reporters, b.reminded) for b in self.active()}

    def references(self, typed: Iterable[str]) -> tuple[list[str], list[Unresolved]]:
        """What to store for typed names (ids where registered), and the names left as typed."""
        refs: list[str] = []
        unknown: list[Unresolved] = []
        for name in typed:
            body = self.resolve(name)
            ref = body.id if body else name
            if body is None:
                unknown.append(Unresolved(name, self.suggest(name)))
            if ref not in refs:
                refs.append(ref)
        return refs, unknown


@dataclass(frozen=True)
class Unreminded:
    """A body merged into another whose own addresses the other does not have: its reminders
    now go to the other's addresses only, so these are reminded no more."""

    body: str
    addresses: tuple[str, ...]
    into: str

    @property
    def message(self) -> str:
        """As the command line says it, to those who set addresses there."""
        return _(
            "Adressene til %(body)s (%(addresses)s) blir ikke påminnet lenger: påminnelsene "
            "går til adressene til %(into)s. Skal de med, gi %(into)s alle adressene med "
            "«planlogg community body contacts».",
            body=self.body,
            addresses=", ".join(self.addresses),
            into=self.into,
        )

    @property
    def page_message(self) -> str:
        """As the register's page says it, where the addresses are set under «Endre adresser»."""
        return _(
            "Adressene til %(body)s (%(addresses)s) blir ikke påminnet lenger: påminnelsene "
            "går til adressene til %(into)s. Skal de med, gi %(into)s alle adressene under "
            "«Endre adresser».",
            body=self.body,
            addresses=", ".join(self.addresses),
            into=self.into,
        )


@dataclass(frozen=True)
class Merged:
    """What a merge did: the variants that were new to the body (its name: `into`), and the
    bodies merged whole whose own addresses are reminded no more."""

    variants: tuple[str, ...]
    into: str
    unreminded: tuple[Unreminded, ...] = ()


def merged(before: BodyRegister, after: BodyRegister, into: str, variants: Iterable[str]) -> Merged:
    """The merge into body `into` (an id) that turned `before` into `after`: each body active
    before and merged into it now whose own addresses it lacks (reminders for a merged body go
    to the addresses of the body it was merged into: say which are left out, rather than let
    them go quiet unnoticed)."""
    target = after.bodies[into]
    kept = {a.casefold() for a in (*target.reporters, *target.reminded)}
    left_out = []
    for absorbed in before.active():
        if after.bodies[absorbed.id].merged_into != into:
            continue
        own = dict.fromkeys((*absorbed.reporters, *absorbed.reminded))
        left = tuple(address for address in own if address.casefold() not in kept)
        if left:
            left_out.append(Unreminded(absorbed.name, left, target.name))
    return Merged(tuple(variants), target.name, tuple(left_out))


BODY_EVENTS = frozenset(
    {"BodyRegistered", "BodyAdded", "BodyContactsSet", "BodiesMerged", "BodyRetired"}
)
"""The events that change a community's bodies; `evolve_bodies` knows each of them."""


def evolve_bodies(
    bodies: Mapping[str, Body], name: str, facts: Mapping[str, Any]
) -> dict[str, Body]:
    """The bodies after one event: the one transition of the register, for the
    aggregate and the read models alike."""
    after = dict(bodies)
    if name == "BodyRegistered":
        after[facts["body_id"]] = Body(
            facts["body_id"],
            facts["name"],
            BodyKind(facts["kind"]),
            short_name=facts["short_name"],
            aliases=tuple(facts["aliases"]),
        )
    elif name == "BodyAdded":
        after[body_slug(facts["name"])] = Body(
            body_slug(facts["name"]), facts["name"], BodyKind(facts["kind"])
        )
    elif name == "BodyContactsSet":
        after[facts["body_id"]] = replace(
            after[facts["body_id"]],
            reporters=tuple(facts["reporters"]),
            reminded=tuple(facts["reminded"]),
        )
    elif name == "BodiesMerged":
        _merge(after, facts["body_id"], facts["aliases"], facts["absorbed"])
    elif name == "BodyRetired":
        found = BodyRegister(after).find(facts["name"])
        if found is not None:
            after[found.id] = replace(found, retired=True)
    else:
        raise ValueError(f"{name} is not a body event")
    return after


def _merge(bodies: dict[str, Body], into: str, aliases: list[str], absorbed: list[str]) -> None:
    names = [*bodies[into].aliases, *aliases]
    for other_id in absorbed:
        names.extend(bodies[other_id].names)
        bodies[other_id] = replace(bodies[other_id], retired=True, merged_into=into)
    bodies[into] = replace(bodies[into], aliases=tuple(dict.fromkeys(names)))


def body_as_json(body: Body) -> dict[str, Any]:
    return {**asdict(body), "kind": body.kind.value}


def body_from_json(data: Mapping[str, Any]) -> Body:
    return Body(
        **{
            **data,
            "kind": BodyKind(data["kind"]),
            "aliases": tuple(data["aliases"]),
            "reporters": tuple(data["reporters"]),
            "reminded": tuple(data["reminded"]),
        }
    )

"""People who sign in to Planlogg, the roles they hold and the bodies they report for.

A person is keyed by who vouches for them: the identity provider's issuer and
the subject it gives them, which never change and are never given to anyone
else. The e-mail address and name are kept for display only: they can change,
and an e-mail address never decides what someone may do.

Roles are granted and revoked as events, each stamped with who made the change,
so auditors can always answer who gave whom access, when and why. Signing out is an
event too: it ends every page session of the person begun until then (`web.auth`).

A person's roles may be limited to some health communities (`CommunitiesAssigned`); none
means every community, as for everyone added before communities could be set. An
administrator limited so gives roles only within their own communities, and Planlogg always
keeps one administrator for every community (`PeopleIndex.remove_administrator`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from enum import StrEnum
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlencode, urlsplit
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.aggregate_copy import copy_for_command
from domain.body_register import BodyRegister, suggested
from domain.community import EMAIL, EMAIL_LENGTH
from domain.errors import ConcurrentEditError, ValidationError
from domain.provenance import Provenance
from domain.text import (
    BODY,
    KEY,
    SHORT_TEXT,
    checked,
    checked_body,
    checked_name,
    cleaned_name,
    excerpt,
)
from language import N_, Målform, _, målform_of


def shown_name(name: str, email: str, subject: str) -> str:
    """The name people know a person by; the e-mail address or the subject when it is missing
    (`Person.display_name`, and the people listed from the read models)."""
    return name or email or subject


class Role(StrEnum):
    """What a person (or an API token) may do in Planlogg."""

    EDITOR = "editor"
    APPROVER = "approver"
    AUDITOR = "auditor"
    REPORTER = "reporter"
    ADMINISTRATOR = "administrator"


_ROLE_WORDS = {
    Role.EDITOR: {"editor", "redaktor"},
    Role.APPROVER: {"approver", "godkjennar", "godkjenner"},
    Role.AUDITOR: {"auditor", "revisor"},
    Role.REPORTER: {"reporter", "rapportor"},
    Role.ADMINISTRATOR: {"administrator", "admin"},
}


def _fold(text: str) -> str:
    text = text.strip().lower().replace("ø", "o")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def parse_role(text: str) -> Role:
    """A role as people write it, in English or Norwegian ("revisor", "rapportør")."""
    folded = _fold(text)
    for role, words in _ROLE_WORDS.items():
        if folded in words:
            return role
    raise ValidationError(
        _(
            'Ukjent rolle "%(typed)s". Velg en av: '
            "redaktør, godkjenner, revisor, rapportør, administrator.",
            typed=excerpt(text),
        )
    )


def normalise_issuer(issuer: str) -> str:
    """Issuers are compared as written, less a trailing slash."""
    return issuer.strip().rstrip("/")


def person_id(issuer: str, subject: str) -> UUID:
    """The stable ID of the person `subject` at the identity provider `issuer`."""
    key = urlencode({"iss": normalise_issuer(issuer), "sub": subject.strip()})
    return uuid5(NAMESPACE_URL, f"/planlogg/people?{key}")


PEOPLE_INDEX_ID = uuid5(NAMESPACE_URL, "/planlogg/people")


SUBJECT = 255
"""The longest subject an identity provider gives (OpenID Connect Core 1.0, section 2)."""
MAX_BODIES = 100
"""The most bodies one person reports for: a community registers a few dozen."""


class PersonFieldError(ValidationError):
    """Entries of a person's form that were refused, each with its message, by field name
    (issuer, subject, name, email, bodies): a form names every one at its field, the command
    line all of them in one message."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__(" ".join(problems.values()))
        self.problems = dict(problems)


def _is_loopback(host: str) -> bool:
    """This machine: the only place an identity provider may answer without https (tests)."""
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _is_issuer_address(text: str) -> bool:
    """An issuer as OpenID Connect has it: an https address with a host and no query or
    fragment; http only on this machine."""
    if any(char.isspace() or char in "?#" for char in text):
        return False
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return False
    if not host:
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and _is_loopback(host))


def checked_issuer(issuer: str) -> str:
    """The issuer as stored, or a refusal: a wrong one means the person can never sign in."""
    text = normalise_issuer(
        checked(issuer, N_("Innloggingstjenesten (issuer)"), max_length=SHORT_TEXT)
    )
    if not text:
        raise ValidationError(_("Personen må ha en innloggingstjeneste (issuer)."))
    if not _is_issuer_address(text):
        raise ValidationError(
            _(
                "Innloggingstjenesten (issuer) «%(typed)s» er ikke en https-adresse. Skriv hele "
                "adressen, slik innloggingstjenesten oppgir den.",
                typed=excerpt(text),
            )
        )
    return text


def checked_subject(subject: str) -> str:
    """The subject as stored, or a refusal: no provider gives a longer one."""
    text = checked(subject, N_("ID-en (subject)"), max_length=SUBJECT)
    if not text:
        raise ValidationError(_("Personen må ha en ID (subject) hos innloggingstjenesten."))
    return text


def checked_email(email: str) -> str:
    """The e-mail address as typed ("" for none), or a refusal unless it is shaped like one."""
    text = checked(email, N_("E-postadressen"), max_length=EMAIL_LENGTH)
    if text and not EMAIL.match(text):
        raise ValidationError(
            _(
                "«%(typed)s» er ikke en e-postadresse (f.eks. kari.nordmann@helse.no).",
                typed=excerpt(text),
            )
        )
    return text


def _all_checked(checks: Mapping[str, Callable[[], str]]) -> dict[str, str]:
    """Every field's checked value, or one refusal naming every field refused: a form with
    several mistakes is put right in one go, not one round trip per field."""
    values: dict[str, str] = {}
    problems: dict[str, str] = {}
    for field, check in checks.items():
        try:
            values[field] = check()
        except ValidationError as error:
            problems[field] = error.message
    if problems:
        raise PersonFieldError(problems)
    return values


def checked_details(email: str, name: str) -> tuple[str, str]:
    """The e-mail address and name as typed, or a Norwegian refusal.

    They name the person as the actor of every change she makes, in the log and
    on every page: one line each, and no longer than an address or a name can be.
    """
    found = _all_checked(
        {
            "name": lambda: checked_name(name, N_("Navnet"), max_length=SHORT_TEXT),
            "email": lambda: checked_email(email),
        }
    )
    return found["email"], found["name"]


def cleaned_details(email: str, name: str) -> tuple[str, str]:
    """The e-mail address and name an identity provider gives, made storable.

    Cleaned rather than refused: the person signing in cannot retype them, and a
    stray line break in the provider's directory must not lock her out. An address
    that is none is dropped: it would reach nobody.
    """
    address = cleaned_name(email, "")[:EMAIL_LENGTH]
    return (address if EMAIL.match(address) else ""), cleaned_name(name, "")


def _body_name(typed: str) -> str:
    """One body's name as stored, or a refusal quoting its start: no body has a longer name."""
    text = typed.strip()
    if len(text) > BODY:
        raise ValidationError(
            _(
                "Organet «%(typed)s» har et for langt navn: %(length)s tegn, men høyst "
                "%(max)s er lov.",
                typed=excerpt(text),
                length=len(text),
                max=BODY,
            )
        )
    return checked_body(text)


def _cleaned_communities(communities: Iterable[str]) -> list[str]:
    """Community keys as a person keeps them: sorted, each once, blanks left out."""
    return sorted(
        {checked(key, N_("Helsefellesskapet"), max_length=KEY) for key in communities} - {""}
    )


def checked_bodies(bodies: Iterable[str]) -> list[str]:
    """The bodies a person reports for, sorted and each once, or a refusal (at the field)."""
    try:
        names = sorted({_body_name(body) for body in bodies} - {""})
        if len(names) > MAX_BODIES:
            raise ValidationError(
                _(
                    "En person kan rapportere for høyst %(max)s organer, men %(count)s er oppgitt.",
                    max=MAX_BODIES,
                    count=len(names),
                )
            )
    except ValidationError as error:
        raise PersonFieldError({"bodies": error.message}) from None
    return names


def check_registered_bodies(bodies: Iterable[str], registers: Iterable[BodyRegister]) -> None:
    """Refuse a body none of the person's communities has registered, naming the nearest.

    A reporter's bodies are matched against each plan's community register: a name none
    knows lets her report for nothing. A community that registers no bodies compares names
    as typed, so where one such is among `registers` (or there are none) any name will do.
    """
    names = checked_bodies(bodies)
    used = list(registers)
    if not used or any(not register.bodies for register in used):
        return
    unknown = [n for n in names if not any(r.resolve(n) for r in used)]
    if unknown:
        said = [_unknown_body(name, used) for name in unknown]
        said.append(_("Skriv organet slik det står i organregisteret."))
        raise PersonFieldError({"bodies": " ".join(said)})


def _unknown_body(name: str, registers: list[BodyRegister]) -> str:
    suggestion = next(filter(None, (register.suggest(name) for register in registers)), "")
    said = _("«%(typed)s» er ikke et registrert organ.", typed=excerpt(name))
    return f"{said} {suggested(suggestion)}" if suggestion else said


class Person(Aggregate):
    """Someone who signs in through the organisation's identity provider."""

    @staticmethod
    def create_id(issuer: str, subject: str) -> UUID:
        return person_id(issuer, subject)

    @classmethod
    def add(cls, issuer: str, subject: str, email: str, name: str, by: Provenance) -> Person:
        """A person as typed, or one refusal naming every field that is wrong."""
        found = _all_checked(
            {
                "issuer": lambda: checked_issuer(issuer),
                "subject": lambda: checked_subject(subject),
                "name": lambda: checked_name(name, N_("Navnet"), max_length=SHORT_TEXT),
                "email": lambda: checked_email(email),
            }
        )
        person: Person = cls(by=by, **found)
        return person

    language: Målform | None = None
    """The målform this person reads in, whatever their community writes; None: the
    community's."""

    signed_out_at: datetime | None = None
    """When the person last signed out of the pages (by the web's clock, UTC): every page
    session of theirs begun until then is over, wherever its cookie went; None: never."""

    communities: tuple[str, ...] = ()
    """The health communities (keys) the person's roles reach, sorted; empty: every one. A
    person without `CommunitiesAssigned` (everyone added before it existed) reaches all."""

    @event("PersonAdded")
    def __init__(self, issuer: str, subject: str, email: str, name: str, by: Provenance) -> None:
        self.issuer = issuer
        self.subject = subject
        self.email = email
        self.name = name
        self.roles: list[str] = []
        self.bodies: list[str] = []

    @property
    def display_name(self) -> str:
        return shown_name(self.name, self.email, self.subject)

    def is_named_by(self, reference: str) -> bool:
        """True for the person's subject, Planlogg ID or e-mail address (any case)."""
        if reference in (self.subject, str(self.id)):
            return True
        return bool(self.email) and self.email.casefold() == reference.casefold()

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(role) for role in self.roles)

    def change_details(self, email: str, name: str, by: Provenance) -> bool:
        """Keep the display details up to date; True when something changed."""
        email, name = checked_details(email, name)
        if (email, name) == (self.email, self.name):
            return False
        self._change_details(email=email, name=name, by=by)
        return True

    @event("PersonDetailsChanged")
    def _change_details(self, email: str, name: str, by: Provenance) -> None:
        self.email = email
        self.name = name

    def check_version(self, expected_version: int | None) -> None:
        """Refuse a change made on a page that showed an older version of the person.

        An administrator's form sends the whole set of roles and bodies; saved
        over a change made meanwhile, it would silently undo that change.
        """
        if expected_version is not None and expected_version != self.version:
            raise ConcurrentEditError(
                _(
                    "%(name)s er endret av noen andre siden du hentet personen "
                    "(versjon %(expected)s, nå %(version)s). "
                    "Hent personen på nytt og prøv igjen.",
                    name=self.display_name,
                    expected=expected_version,
                    version=self.version,
                )
            )

    def grant(self, roles: Iterable[Role], by: Provenance) -> list[Role]:
        """Grant the roles the person does not hold yet; returns those granted."""
        granted = sorted({Role(r) for r in roles} - self.role_set)
        for role in granted:
            self._grant(role=role.value, by=by)
        return granted

    @event("RoleGranted")
    def _grant(self, role: str, by: Provenance) -> None:
        self.roles = sorted({*self.roles, role})

    def revoke(self, roles: Iterable[Role], by: Provenance) -> list[Role]:
        """Revoke the roles the person holds; returns those revoked."""
        revoked = sorted({Role(r) for r in roles} & self.role_set)
        for role in revoked:
            self._revoke(role=role.value, by=by)
        return revoked

    @event("RoleRevoked")
    def _revoke(self, role: str, by: Provenance) -> None:
        self.roles = [held for held in self.roles if held != role]

    def assign_bodies(self, bodies: Iterable[str], by: Provenance) -> bool:
        """Set the bodies the person reports for; True when the set changed."""
        cleaned = checked_bodies(bodies)
        if cleaned == self.bodies:
            return False
        self._assign_bodies(bodies=cleaned, by=by)
        return True

    @event("ReportingBodiesAssigned")
    def _assign_bodies(self, bodies: list[str], by: Provenance) -> None:
        self.bodies = list(bodies)

    def assign_communities(self, communities: Iterable[str], by: Provenance) -> bool:
        """Limit the person's roles to these communities (none: every community); True when
        the set changed."""
        cleaned = _cleaned_communities(communities)
        if tuple(cleaned) == self.communities:
            return False
        self._assign_communities(communities=cleaned, by=by)
        return True

    def holds(
        self, roles: Iterable[Role], bodies: Iterable[str], communities: Iterable[str] | None
    ) -> bool:
        """Whether the person has exactly this access already (`communities` None: as they
        are): a form sent twice, or a change someone else made alike meanwhile, then undoes
        nothing and is not refused for the version it was made on."""
        return (
            set(roles) == self.role_set
            and checked_bodies(bodies) == self.bodies
            and (
                communities is None or tuple(_cleaned_communities(communities)) == self.communities
            )
        )

    @event("CommunitiesAssigned")
    def _assign_communities(self, communities: list[str], by: Provenance) -> None:
        self.communities = tuple(communities)

    @property
    def administers_every_community(self) -> bool:
        """An administrator not limited to any community: Planlogg always keeps one."""
        return Role.ADMINISTRATOR in self.role_set and not self.communities

    def check_given_within(self, scope: frozenset[str]) -> None:
        """Refuse an administrator limited to `scope` (empty: every community) a change that
        leaves this person with roles beyond it: in another community, or in every one.

        A person without roles reaches nothing, so any administrator may give them roles.
        """
        if not scope or not self.roles:
            return
        outside = sorted(set(self.communities) - scope)
        if outside:
            raise ValidationError(
                _(
                    "Du har ikke tilgang til helsefellesskapet %(community)s og kan ikke endre "
                    "roller der for %(name)s. Be en administrator med tilgang dit.",
                    community=outside[0],
                    name=self.display_name,
                )
            )
        if not self.communities:
            raise ValidationError(
                _(
                    "Du kan bare gi roller i %(allowed)s. Velg helsefellesskap for %(name)s.",
                    allowed=", ".join(sorted(scope)),
                    name=self.display_name,
                )
            )

    def check_held_within(self, scope: frozenset[str]) -> None:
        """Refuse an administrator limited to `scope` any change to a person who holds roles
        beyond it now (checked before the change): narrowing or taking them would take away
        the person's access where the administrator has none."""
        if scope and self.roles and not self.communities:
            raise ValidationError(
                _(
                    "%(name)s har roller i alle helsefellesskap. "
                    "Bare en administrator for alle helsefellesskap kan endre dem.",
                    name=self.display_name,
                )
            )
        self.check_given_within(scope)

    def choose_language(self, language: Målform | None, by: Provenance) -> bool:
        """Read in `language` (None: the community's målform); False when unchanged."""
        if language == self.language:
            return False
        self._choose_language(language=language or "", by=by)
        return True

    @event("LanguageChosen")
    def _choose_language(self, language: str, by: Provenance) -> None:
        self.language = målform_of(language)

    def sign_out(self, at: datetime, by: Provenance) -> None:
        """End every page session begun until `at`, in any browser; kept in UTC (a time
        without a zone is local time).

        Recorded every time, even when an earlier sign-out already ended the session: each
        is a fact auditors may be asked about.
        """
        self._sign_out(at=at.astimezone(UTC), by=by)

    @event("SignedOut")
    def _sign_out(self, at: datetime, by: Provenance) -> None:
        # A server whose clock is behind may record a sign-out stamped before the last one:
        # that must not make the sessions the last one ended valid again.
        latest = self.signed_out_at
        self.signed_out_at = at if latest is None else max(at, latest)


class PeopleIndex(Aggregate):
    """Every person ever added, in order: how the people are listed without a read model."""

    @staticmethod
    def create_id() -> UUID:
        return PEOPLE_INDEX_ID

    @event("PeopleIndexStarted")
    def __init__(self, by: Provenance) -> None:
        self.person_ids: list[UUID] = []

    def __deepcopy__(self, memo: dict[int, Any]) -> PeopleIndex:
        """A copy a command may change: a new list of the same IDs (a UUID never changes).

        The application's aggregate cache hands out such a copy on every load, and every
        person added (at their first sign-in) loads the index twice: a deep copy rebuilt
        each UUID, 90 ms per person added once 1,200 were listed, growing with each one.
        """
        return copy_for_command(self, ("person_ids",))

    def include(self, person: UUID, by: Provenance) -> None:
        if person in self.person_ids:
            raise ValidationError(_("Personen er allerede registrert."))
        self._include(person_id=person, by=by)

    @event("PersonIndexed")
    def _include(self, person_id: UUID, by: Provenance) -> None:
        self.person_ids.append(person_id)

    def remove_administrator(
        self, person: Person, others: Iterable[Person], by: Provenance
    ) -> None:
        """Note that `person` no longer administers every community, unless none of `others`
        (everyone else, as stored now) still does: Planlogg must keep one.

        Saved with the person's change, in one transaction: two administrators who take
        each other's role at the same moment both add this event at the same version, so
        the second save is refused and, run again, sees that the other is gone.
        """
        if not any(other.administers_every_community for other in others):
            raise ValidationError(
                _(
                    "Planlogg må ha minst én administrator for alle helsefellesskap, og "
                    "%(name)s er den siste. Gi rollen til en annen først.",
                    name=person.display_name,
                )
            )
        self._remove_administrator(person_id=person.id, by=by)

    @event("AdministratorForEveryCommunityRemoved")
    def _remove_administrator(self, person_id: UUID, by: Provenance) -> None:
        """Nothing to keep: the event's version is what serialises the removals."""

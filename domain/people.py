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
from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum
from urllib.parse import urlencode
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.community import EMAIL_LENGTH
from domain.errors import ConcurrentEditError, ValidationError
from domain.provenance import Provenance
from domain.text import KEY, SHORT_TEXT, checked, checked_name, cleaned_name
from language import N_, Målform, _, målform_of


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
            typed=text.strip(),
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


def checked_details(email: str, name: str) -> tuple[str, str]:
    """The e-mail address and name as typed, or a Norwegian refusal.

    They name the person as the actor of every change she makes, in the log and
    on every page: one line each, and no longer than an address or a name can be.
    """
    return (
        checked(email, N_("E-postadressen"), max_length=EMAIL_LENGTH),
        checked_name(name, N_("Navnet"), max_length=SHORT_TEXT),
    )


def cleaned_details(email: str, name: str) -> tuple[str, str]:
    """The e-mail address and name an identity provider gives, made storable.

    Cleaned rather than refused: the person signing in cannot retype them, and a
    stray line break in the provider's directory must not lock her out.
    """
    return cleaned_name(email, "")[:EMAIL_LENGTH], cleaned_name(name, "")


class Person(Aggregate):
    """Someone who signs in through the organisation's identity provider."""

    @staticmethod
    def create_id(issuer: str, subject: str) -> UUID:
        return person_id(issuer, subject)

    @classmethod
    def add(cls, issuer: str, subject: str, email: str, name: str, by: Provenance) -> Person:
        issuer, subject = normalise_issuer(issuer), subject.strip()
        if not issuer:
            raise ValidationError(
                _("Personen må ha en utsteder (issuer) hos innloggingstjenesten.")
            )
        if not subject:
            raise ValidationError(_("Personen må ha en ID (subject) hos innloggingstjenesten."))
        email, name = checked_details(email, name)
        person: Person = cls(issuer=issuer, subject=subject, email=email, name=name, by=by)
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
        """The name people know them by; the e-mail address or the subject when it is missing."""
        return self.name or self.email or self.subject

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
        cleaned = sorted({body.strip() for body in bodies if body.strip()})
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
        cleaned = sorted(
            {checked(key, N_("Helsefellesskapet"), max_length=KEY) for key in communities} - {""}
        )
        if tuple(cleaned) == self.communities:
            return False
        self._assign_communities(communities=cleaned, by=by)
        return True

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

"""Who is asking: a bearer token on /api, a signed session cookie on the pages.

The API accepts only `Authorization: Bearer <token>`, so a browser's cookie
can never make an API write (no CSRF surface there). A page session names
either a person (signed in through the organisation's identity provider, see
`web.login`) or an API token (the administrators' form). Either way only the
id is kept in the cookie and looked up on every request, so a revoked token or
role stops working at once; and the session ends a fixed time after sign-in
(`PERMANENT_SESSION_LIFETIME`), however busy it has been. A person's sign-out is
recorded on the person (`Person.sign_out`), and a session begun until then is over on
the next request, in every tab and browser, a copied cookie too: the cookie is signed,
not revocable, but the person it names is read on every request anyway. Signing out of
a session begun with a token is kept with the token (`TokenStore.sign_out`) and ends
every session begun with that token until then alike.

A caller limited to some health communities (`Person.communities`, `ApiToken.communities`)
is refused here, in `require`, whatever the page or endpoint: a request about a plan of
another community (the `key` of `/planer/…`, `/revisjon/…` and `/api/plans/…`, the `plan`
of a query or JSON body), about another community (`/api/communities/<key>`, a body's
`owner` or `community`), or a read spanning every community's drafts or audit trail. The
adopted plans stay public: their pages ask for no permission.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import Any, Protocol
from uuid import UUID

from flask import current_app, g, request, session

from domain.errors import NotFoundError
from domain.people import Person, Role
from domain.provenance import Provenance, Source
from domain.text import cleaned_name
from language import N_, Målform, _
from web.reading import found_token, staff_plans
from web.roles import ROLE_PERMISSIONS, Permission, roles_label
from web.services import services
from web.tokens import ApiToken, authenticate

SESSION_KEY = "token_id"
PERSON_KEY = "person_id"
SIGNED_IN_AT = "signed_in_at"
BEGAN_AFTER = "began_after"
"""Set when the sign-in is ordered after a sign-out stamped by a clock ahead of this one."""
EXPIRED_KEY = "session_expired"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Caller(Protocol):
    """Whoever makes a request: an API token or a signed-in person."""

    @property
    def name(self) -> str:
        """The actor stamped on every change they make."""
        ...

    @property
    def roles_label(self) -> str: ...

    @property
    def communities(self) -> frozenset[str]:
        """The health communities (keys) the caller reaches; empty: every community."""
        ...

    def can(self, permission: Permission) -> bool: ...


@dataclass(frozen=True)
class SignedInPerson:
    """A person signed in through the identity provider, with the roles they hold now."""

    id: UUID
    display_name: str
    email: str
    roles: frozenset[Role]
    bodies: tuple[str, ...]
    language: Målform | None = None
    """The målform they chose to read in; None: their community's (`web.language`)."""
    communities: frozenset[str] = frozenset()
    """The health communities (keys) their roles reach; empty: every community."""

    @classmethod
    def of(cls, person: Person) -> SignedInPerson:
        return cls(
            person.id,
            cleaned_name(person.display_name, ""),
            person.email,
            person.role_set,
            tuple(person.bodies),
            person.language,
            frozenset(person.communities),
        )

    @property
    def name(self) -> str:
        if self.email and self.email != self.display_name:
            return f"{self.display_name} ({self.email})"
        return self.display_name

    @property
    def roles_label(self) -> str:
        return roles_label(self.roles)

    def can(self, permission: Permission) -> bool:
        return any(permission in ROLE_PERMISSIONS[role] for role in self.roles)


class AuthError(Exception):
    """Base of the refusals; `status` is the HTTP status."""

    status = 401

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAuthenticated(AuthError):
    status = 401

    def __init__(self, message: str, words: str = "") -> None:
        super().__init__(message)
        self.words = words
        """The message's own words (marked with `N_`), to say it again in another målform."""

    @classmethod
    def saying(cls, words: str) -> NotAuthenticated:
        """Refused with `words` (marked with `N_`), said in the målform spoken now."""
        return cls(_(words), words)


class NotAllowed(AuthError):
    status = 403


class NoRoleYet(NotAllowed):
    """A signed-in person who has not been given any role: shown whom to ask."""


class PlanToChoose(NotAllowed):
    """A read of every community's plans by someone who reaches only some: a page offers
    the plans they reach (`web.errors`); the API says to name one."""

    def __init__(self, message: str, plans: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.plans = plans


def is_api_request() -> bool:
    return request.path.startswith("/api/") or request.path == "/api"


def current_caller() -> Caller | None:
    """The caller's active token or signed-in person, looked up once per request; a refused
    token is refused again without a second look (the målform is chosen before the view's
    own check asks)."""
    if "planlogg_caller" not in g:
        try:
            g.planlogg_caller = _bearer_token() if is_api_request() else _session_caller()
        except NotAuthenticated as refused:
            g.planlogg_caller = refused
    caller: Caller | NotAuthenticated | None = g.planlogg_caller
    if isinstance(caller, NotAuthenticated):
        raise NotAuthenticated.saying(caller.words) if caller.words else caller
    return caller


def require(permission: Permission) -> Caller:
    """The caller if they may do `permission`; raises 401 or 403 otherwise."""
    caller = current_caller()
    if caller is None:
        if is_api_request():
            raise NotAuthenticated(_("Du må logge inn (API-token) for å gjøre dette."))
        raise NotAuthenticated(_("Du må logge inn for å gjøre dette."))
    if isinstance(caller, SignedInPerson) and not caller.roles:
        raise NoRoleYet(_("Du har ingen roller i Planlogg ennå."))
    if not caller.can(permission):
        raise NotAllowed(
            _("Rollen %(roles)s har ikke tilgang til dette.", roles=caller.roles_label)
        )
    _check_reach(caller, permission)
    return caller


def can(permission: Permission) -> bool:
    """Whether `require(permission)` would let the caller through on this request."""
    caller = current_caller()
    if caller is None or not caller.can(permission):
        return False
    try:
        _check_reach(caller, permission)
    except NotAllowed:
        return False
    return True


SPANNING_READS = (Permission.READ_DRAFT, Permission.AUDIT)
"""Reads that, naming no plan or community, show every community's (the audit trail of all
plans, the hash chain): only a caller reaching every community makes them."""
SPANNING_ENDPOINTS = frozenset({"audit.verify", "api_reads.verify"})
"""Reads of every community's events whatever plan the request names (the chain check)."""
PLAN_ADDRESSES = ("/planer/", "/revisjon/", "/api/plans/")
"""Addresses whose `key` is a plan's."""
COMMUNITY_ADDRESSES = ("/api/communities/", "/helsefellesskap/")
"""Addresses whose `key` is a health community's (the API's, and the register of bodies'
pages)."""


def may(permission: Permission) -> bool:
    """Whether the caller, if any, may do `permission` here, as `require` would let them:
    for what a page shows only to some (a draft's numbers), without refusing the rest."""
    try:
        require(permission)
    except AuthError:
        return False
    return True


def reaches_every_community() -> bool:
    """Whether the caller, if any, is limited to no community (what every community's error
    details, in `/healthz`, may be shown to)."""
    caller = current_caller()
    return caller is not None and not caller.communities


def reaches(caller: Caller, community: str) -> bool:
    """Whether the caller's roles reach `community` (a caller limited to none reaches all)."""
    return not caller.communities or community in caller.communities


def reached_plans(caller: Caller) -> list[dict[str, Any]]:
    """The plans (summaries, by key) whose community the caller reaches: every plan for a
    caller limited to none. What a limited person is offered wherever a page lists plans."""
    return [plan for plan in staff_plans() if reaches(caller, plan["owner"])]


def decisions_within(caller: Caller, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The decisions of communities the caller reaches, each with only the changes to plans
    the caller reaches; all of them for a caller limited to none. Case numbers repeat across
    communities, and a change to no plan (a body registered) names no community, so a
    limited caller is not shown it: it may be another community's, citing a case numbered
    alike."""
    if not caller.communities:
        return found
    plans = {plan["key"] for plan in reached_plans(caller)}
    return [
        {**d, "changes": [row for row in d["changes"] if row["plan"] in plans]}
        for d in found
        if reaches(caller, d["community"])
    ]


def _check_reach(caller: Caller, permission: Permission) -> None:
    """Refuse a caller limited to some communities a request about another one, or a read
    spanning every community."""
    if not caller.communities:
        return
    named = _named_communities()
    if named is None:
        if request.endpoint in SPANNING_ENDPOINTS:
            raise NotAllowed(
                _(
                    "Kontrollen gjelder hendelsene til alle helsefellesskap, men du har bare "
                    "tilgang til %(allowed)s. Be en administrator om tilgang til alle om du "
                    "trenger den.",
                    allowed=", ".join(sorted(caller.communities)),
                )
            )
        if permission in SPANNING_READS:
            raise PlanToChoose(
                _(
                    "Dette gjelder alle helsefellesskap, men du har bare tilgang til "
                    "%(allowed)s. Velg en plan derfra (plan=PLANNØKKEL).",
                    allowed=", ".join(sorted(caller.communities)),
                ),
                reached_plans(caller),
            )
        return
    outside = sorted(community for community in named if not reaches(caller, community))
    if outside:
        raise NotAllowed(
            _(
                "Du har ikke tilgang til helsefellesskapet %(community)s (bare til "
                "%(allowed)s). Be en administrator om tilgang om du trenger det.",
                community=outside[0],
                allowed=", ".join(sorted(caller.communities)),
            )
        )


def _named_communities() -> frozenset[str] | None:
    """The communities the request is about, looked up once per request; None when it names
    no plan or community (a plan that does not exist names none, and is not found later)."""
    if "planlogg_named" not in g:
        g.planlogg_named = _communities_named_now()
    named: frozenset[str] | None = g.planlogg_named
    return named


def _communities_named_now() -> frozenset[str] | None:
    """None also when the plans named are blank or do not exist: such a plan names no
    community, and the page or endpoint, finding no plan to filter by, reads every plan's
    (a blank `?plan=+` is dropped as no filter at all)."""
    if request.endpoint in SPANNING_ENDPOINTS:
        return None
    plans, communities = _named_in_address()
    body = _json_fields()
    query = request.args.get("plan", "")
    plans += [name.strip() for name in (query, body.get("plan")) if isinstance(name, str)]
    communities += [
        name.strip() for name in (body.get("owner"), body.get("community"))
        if isinstance(name, str) and name.strip()
    ]  # fmt: skip
    owners = {owner for owner in (_plan_owner(plan) for plan in plans if plan) if owner}
    return frozenset(communities) | owners or None


def _named_in_address() -> tuple[list[str], list[str]]:
    """The plans and communities the address's `key` names, by where it stands."""
    key = (request.view_args or {}).get("key")
    rule = request.url_rule.rule if request.url_rule is not None else ""
    if not isinstance(key, str) or not key:
        return [], []
    if rule.startswith(COMMUNITY_ADDRESSES):
        return [], [key]
    if rule.startswith(PLAN_ADDRESSES):
        return [key], []
    return [], []


def _json_fields() -> dict[str, Any]:
    """The fields of a JSON object sent as the body (an API command's); none otherwise, and
    none when it is no JSON: the endpoint's own schema refuses that afterwards."""
    if request.method in ("GET", "HEAD"):
        return {}
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


def _plan_owner(key: str) -> str:
    """The community owning plan `key`; "" when there is no such plan. An owner is set when
    the plan is created and never changes, so it is kept in the read cache once found."""

    def owner() -> str:
        try:
            return services().app.get_plan(key).header.owner
        except NotFoundError:
            return ""

    return services().read_cache.get_or_make(("plan owner", key), owner, keep=bool)


def has_session() -> bool:
    """True when the cookie names someone (the page may then differ from the public one)."""
    return bool(session.get(SESSION_KEY) or session.get(PERSON_KEY))


def _bearer_token() -> ApiToken | None:
    header = request.headers.get("Authorization", "")
    scheme, _space, credentials = header.partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        if header:
            raise NotAuthenticated.saying(N_("Bruk «Authorization: Bearer <token>»."))
        return None
    token = found_token(credentials.strip())
    if token is None:
        raise NotAuthenticated.saying(
            N_("Ukjent API-token, eller et token som er trukket tilbake.")
        )
    return token


def _session_caller() -> Caller | None:
    if not has_session():
        return None
    if _expired():
        session.clear()
        session[EXPIRED_KEY] = True
        return None
    if session.get(PERSON_KEY):
        return _session_person()
    token = services().tokens.get(session[SESSION_KEY])
    if token is None or not token.active or not _began_after(token.signed_out_at):
        session.clear()
        return None
    return token


def _session_person() -> SignedInPerson | None:
    try:
        person = services().app.get_person(UUID(session[PERSON_KEY]))
    except (NotFoundError, ValueError):
        session.clear()
        return None
    if not _began_after(person.signed_out_at):
        session.clear()
        return None
    return SignedInPerson.of(person)


def _began_after(signed_out_at: datetime | None) -> bool:
    """Whether this session began after the person or token it names was last signed out
    of (`_expired` has checked that it holds a time)."""
    if signed_out_at is None:
        return True
    return _order_stamp() > signed_out_at.timestamp()


def _order_stamp() -> float:
    """When this session began, as sign-outs are compared with it (`_began_after`)."""
    return float(session.get(BEGAN_AFTER, session[SIGNED_IN_AT]))


def _after_sign_out(signed_out_at: datetime | None, now: float) -> float | None:
    """Just after the last sign-out when the clock shows no later time than it (the same
    microsecond, or a server whose clock is behind the one that signed out), else None:
    someone who signs in again right after signing out is signed in. The session's
    lifetime still counts from now, or it would last as much longer as the other clock is
    ahead."""
    if signed_out_at is None or now > signed_out_at.timestamp():
        return None
    return math.nextafter(signed_out_at.timestamp(), math.inf)


def _sign_out_time() -> datetime:
    """Now, but never before this session began, rounded up to the microsecond a stored time
    keeps: the session signing out is then sure to be among those that end."""
    seconds = max(_now(), _order_stamp())
    return EPOCH + timedelta(microseconds=math.ceil(Fraction(seconds) * 1_000_000))


def _now() -> float:
    clock: Callable[[], float] = current_app.config.get("CLOCK") or time.time
    return clock()


def _expired() -> bool:
    signed_in_at = session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int | float):
        return True
    return _now() - signed_in_at > current_app.permanent_session_lifetime.total_seconds()


def start_session(signed_out_at: datetime | None, **values: Any) -> None:
    """A fresh session (against fixation) that ends a fixed time from now, and is counted as
    begun after `signed_out_at`, the last sign-out of whoever signs in."""
    session.clear()
    session.permanent = True
    now = _now()
    session[SIGNED_IN_AT] = now
    after = _after_sign_out(signed_out_at, now)
    if after is not None:
        session[BEGAN_AFTER] = after
    session.update(values)
    g.pop("planlogg_caller", None)


def session_expired() -> bool:
    """True once after a session ran out, so the login page can say why."""
    return bool(session.pop(EXPIRED_KEY, False))


def log_in(token_text: str) -> ApiToken | None:
    """Start a page session for a valid token."""
    token = authenticate(services().tokens, token_text.strip())
    if token is not None:
        start_session(token.signed_out_at, **{SESSION_KEY: token.id})
        g.planlogg_caller = token
    return token


def log_in_person(person: Person, **values: Any) -> SignedInPerson:
    """Start a page session for a person who just signed in at the identity provider."""
    start_session(person.signed_out_at, **{PERSON_KEY: str(person.id)}, **values)
    signed_in = SignedInPerson.of(person)
    g.planlogg_caller = signed_in
    return signed_in


def log_out() -> None:
    """End this session, and every other page session of the same person or token begun
    until now (other tabs, other browsers, copies of the cookie). A token still works on
    the API: it is revoked on its own (`planlogg token revoke`)."""
    caller = current_caller()
    if isinstance(caller, SignedInPerson):
        by = Provenance(caller.name, Source.WEB)
        services().app.record_sign_out(caller.id, _sign_out_time(), by)
    elif isinstance(caller, ApiToken):
        services().tokens.sign_out(caller.id, _sign_out_time())
    session.clear()
    g.planlogg_caller = None

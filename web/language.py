"""Which målform a request speaks, decided once before the request and ended after it.

The first of these that gives an answer decides:

1. `?lang=nb` or `?lang=nn` in the address: the visitor's own choice now. It is kept in a
   cookie for the next visits and, signed in, in the session for the rest of it. It never
   stores anything: any site can make a browser follow a link or load an image with it.
2. The målform a `?lang` chose earlier in this signed-in session.
3. The signed-in person's målform (`Person.language`), when they have chosen one: stored
   from the profile form only (`/profil`, a POST with a CSRF token, `choose_for_person`),
   so it follows them to any browser.
4. The cookie a `?lang` link left.
5. The målform of the health community the request is about: the community owning the plan
   in the address (`/planer/<key>/…`, `/revisjon/<key>/…`, `/api/plans/<key>/…`), or the
   community itself (`/api/communities/<key>/…`).
6. The app's default (`PLANLOGG_LANG`), else bokmål.

Pages and the API alike: the same hook runs for every request. `<html lang>` and the link
to the other målform on every page (`switch_link`) come from here too.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from flask import Flask, current_app, g, request, session
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from domain.application import Planlogg
from domain.errors import NotFoundError
from domain.provenance import Provenance, Source
from language import DEFAULT, Målform, begin_speaking, current, end_speaking, målform_of

PARAM = "lang"
COOKIE = "planlogg_lang"
COOKIE_AGE = 2 * 365 * 24 * 3600
"""Two years: a visitor who chose nynorsk should not have to choose again."""
SESSION_CHOICE = "lang"
"""The session's key for the målform a `?lang` chose while signed in."""
NAMES: dict[Målform, str] = {"nb": "Bokmål", "nn": "Nynorsk"}
"""Each målform named as it names itself (the link to it reads so in either målform)."""
OTHER: dict[Målform, Målform] = {"nb": "nn", "nn": "nb"}
_READ_QUERY = "planlogg_read_query"
_TOKEN = "planlogg_language_token"
_COOKIE_WANTED = "planlogg_language_cookie"
_CLEAR = ""


def asked_målform() -> Målform | None:
    """The målform `?lang=` asks for, or None (nothing asked, or not a målform)."""
    return målform_of(request.args.get(PARAM, ""))


def chosen_målform() -> Målform:
    """The målform this request speaks (the rules in the module's docstring)."""
    asked = asked_målform()
    if asked is not None:
        remember(asked)
        _keep_for_session(asked)
        return asked
    signed_in = _signed_in_choice()
    if signed_in is not None:
        return signed_in
    cookie = målform_of(request.cookies.get(COOKIE, ""))
    if cookie is not None:
        return cookie
    return community_målform() or default_målform()


def remember(målform: Målform | None) -> None:
    """Set the cookie to `målform` on this response (None: take the cookie away)."""
    setattr(g, _COOKIE_WANTED, målform or _CLEAR)


def community_målform() -> Målform | None:
    """The målform of the health community the address is about, if it names one."""
    from web.reading import cached_by, plan_positions, read_position
    from web.services import services

    rule, key = _addressed()
    if not key:
        return None
    if rule.startswith("/api/communities/"):
        kind = "community"
    elif rule.startswith(("/planer/", "/api/plans/", "/revisjon/")):
        kind = "plan"
    else:
        return None
    app = services().app
    if kind == "plan":
        positions = plan_positions(key)
        moved: object = (positions.exists, positions.communities)
    else:
        moved = read_position()
    answer = cached_by(("målform", kind, key, moved), lambda: _looked_up(app, kind, key) or "")
    return målform_of(str(answer))


SIGN_IN = "session.log_in_form"
"""The sign-in page: about the page it leads back to (`next`)."""


def _addressed() -> tuple[str, str]:
    """The rule and the key of the address, or, on the sign-in page, of the page it leads
    back to: a visitor sent to sign in from a nynorsk community's plan reads nynorsk, as its
    public pages a step before. An auditors' page about one plan picked by `?plan=` (the
    plan's history and decisions, linked from its pages) is about that plan too. ("", "")
    when the address names no key."""
    from web.login import safe_target

    args: Mapping[str, Any] = request.view_args or {}
    rule = request.url_rule.rule if request.url_rule is not None else ""
    query: Mapping[str, Any] = request.args
    if request.endpoint == SIGN_IN:
        target = safe_target(request.args.get("next", ""))
        if not target:
            return "", ""
        try:
            found, args = current_app.url_map.bind("").match(
                urlsplit(target).path, return_rule=True
            )
        except HTTPException:
            return "", ""
        rule = found.rule
        query = dict(parse_qsl(urlsplit(target).query))
    key = args.get("key")
    if not key and rule.startswith("/revisjon/"):
        key = query.get("plan")
    return (rule, key) if isinstance(key, str) and key else ("", "")


def _looked_up(app: Planlogg, kind: str, key: str) -> Målform | None:
    """The community's målform from its events, kept in the read cache: loading a plan and its
    community costs more than rendering a cached page. A plan's is kept until it is created
    or a community changes (`ReadModels.plan_positions`), so changes to plans leave
    it; a community's until the read models move."""
    try:
        return app.community_language(key) if kind == "community" else app.plan_language(key)
    except NotFoundError:
        return None


def default_målform() -> Målform:
    return målform_of(str(current_app.config.get("LANGUAGE", ""))) or DEFAULT


def _signed_in_person() -> Any:
    """The signed-in person (not an API token), or None; a refused caller counts as none."""
    from web.auth import AuthError, SignedInPerson, current_caller

    try:
        caller = current_caller()
    except AuthError:
        return None
    return caller if isinstance(caller, SignedInPerson) else None


def _signed_in_choice() -> Målform | None:
    """The målform a `?lang` chose in this session, else the person's own; None when not
    signed in as a person (a session that is over keeps no choice)."""
    person = _signed_in_person()
    if person is None:
        return None
    return målform_of(str(session.get(SESSION_CHOICE, ""))) or person.language


def _keep_for_session(målform: Målform) -> None:
    """Keep a signed-in person's `?lang` for the rest of this session (it ends with it)."""
    if _signed_in_person() is not None and session.get(SESSION_CHOICE) != målform:
        session[SESSION_CHOICE] = målform


def choose_for_person(person: Any, målform: Målform | None) -> bool:
    """Record a signed-in person's målform (None: their community's); True when it changed.

    Only for the profile form (a POST with a CSRF token). From then on the stored choice
    decides in this session too, over a `?lang` chosen earlier in it."""
    from web.services import services

    by = Provenance(person.name, Source.WEB)
    changed = services().app.choose_person_language(person.id, målform, by)
    if SESSION_CHOICE in session:
        session.pop(SESSION_CHOICE)
    g.pop("planlogg_caller", None)
    return changed


@dataclass(frozen=True)
class SwitchLink:
    """The link to the same page in the other målform."""

    målform: Målform
    name: str
    url: str


def switch_link() -> SwitchLink:
    """The current path and query with `lang` set to the other målform. The path is quoted
    again (`request.path` is decoded): a plan's key may hold "?", "#" or "%". On a page
    that reads only some parameters (`read_query`), only those are carried on."""
    other = OTHER[current()]
    read: frozenset[str] | None = g.get(_READ_QUERY)
    query = [
        (k, v)
        for k, v in request.args.items(multi=True)
        if k != PARAM and (read is None or k in read)
    ]
    query.append((PARAM, other))
    return SwitchLink(other, NAMES[other], f"{quote(request.path)}?{urlencode(query)}")


def read_query(names: Collection[str]) -> list[tuple[str, str]]:
    """The request's query parameters among `names`, in the order they came; from here on
    the only ones this request's links carry on besides `?lang` (`switch_link`). A page kept
    for every address that differs only in parameters it does not read must not hand one
    visitor's made-up parameters on to everyone else. `?lang` is not among them: what it
    changes is the målform the request speaks (`current()`), which such a page is kept by."""
    wanted = frozenset(names)
    setattr(g, _READ_QUERY, wanted)
    return [(k, v) for k, v in request.args.items(multi=True) if k in wanted]


def _begin() -> None:
    setattr(g, _TOKEN, begin_speaking(chosen_målform()))


def _set_cookie(response: Response) -> Response:
    wanted = g.get(_COOKIE_WANTED)
    if wanted is not None:
        if wanted == _CLEAR:
            response.delete_cookie(COOKIE, samesite="Lax")
        else:
            response.set_cookie(
                COOKIE,
                wanted,
                max_age=COOKIE_AGE,
                samesite="Lax",
                httponly=True,
                secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
            )
    response.vary.add("Cookie")
    return response


def _end(_error: BaseException | None = None) -> None:
    token = g.pop(_TOKEN, None)
    if token is not None:
        end_speaking(token)


def init_app(app: Flask) -> None:
    """Decide the målform first of all before-request hooks, so every refusal speaks it."""
    app.before_request_funcs.setdefault(None, []).insert(0, _begin)
    app.after_request(_set_cookie)
    app.teardown_request(_end)
    app.jinja_env.globals.update(målform=current, switch_link=switch_link)

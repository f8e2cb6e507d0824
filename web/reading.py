"""Small helpers the page and API views share for reading the read models."""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from typing import Any, TypeVar
from urllib.parse import urlencode

from flask import g, request

from domain.errors import NotFoundError
from domain.plan import no_such_plan
from language import _, current
from projections.read_models import PlanPositions
from web.language import read_query
from web.plan_page import with_progress
from web.services import services
from web.tokens import ApiToken, authenticate, authenticate_beside


def read_models() -> Any:
    return services().read_models


def cited_decision(text: str, community: str | None = None) -> str:
    """A decision a change cites, as it is registered; refused (409) when it is not.

    Registered by `community`: by default the community owning the plan the address names
    (`key`), as a plan may cite only its own community's decisions (another community's
    «SSU sak 11/24» is not this plan's, and its plan's decisions would never show it)."""
    if not text.strip():
        return ""
    if community is None:
        community = _addressed_plan_owner()
    return str(read_models().registered_decision(text, community))


def _addressed_plan_owner() -> str | None:
    """The owner of the plan the request's address names (`key`); None when it names none."""
    key = (request.view_args or {}).get("key")
    return None if key is None else services().app.get_plan(key).header.owner


def named(document: Any) -> Any:
    """A plan document with its responsible bodies by name (the read models hold ids)."""
    from projections.plan_documents import with_body_names

    return with_body_names(document, read_models().plan_register(document.key))


def version_in_force(key: str) -> Any:
    """The adopted version in force: the ONLY document public views may show."""
    document = read_models().version_in_force(key)
    if document is None:
        raise NotFoundError(_('Fant ingen vedtatt plan med nøkkelen "%(key)s".', key=key))
    return named(document)


def public_document(document: Any) -> dict[str, Any]:
    """An adopted version with each measure's latest progress: status report and evaluations.

    Progress on the plan in force is not plan content, so the newest value of
    each public progress field (`PUBLIC_PROGRESS`, from the measure's declaration)
    of each adopted measure is shown (`web.plan_page.with_progress`); nothing else
    is taken from the working draft.
    """
    return with_latest_progress(document.to_dict())


def with_latest_progress(data: dict[str, Any]) -> dict[str, Any]:
    """`public_document` of an adopted version already in its JSON form, which is left as it
    is (a plan's page keeps it to show changed measures anew)."""
    latest = read_models().latest_measures(data["key"])
    return {
        **data,
        "areas": [
            {
                **area,
                "goals": [
                    {
                        **goal,
                        "measures": [
                            with_progress(measure, latest.get(measure["id"]))
                            for measure in goal["measures"]
                        ],
                    }
                    for goal in area["goals"]
                ],
            }
            for area in data["areas"]
        ],
    }


def adopted_version(key: str, version: int) -> Any:
    document = read_models().adopted_version(key, version)
    if document is None:
        raise NotFoundError(
            _("Fant ingen vedtatt versjon %(version)s av planen %(key)s.", version=version, key=key)
        )
    return named(document)


def current_plan(key: str) -> Any:
    document = read_models().current_plan(key)
    if document is None:
        raise NotFoundError(no_such_plan(key))
    return named(document)


def public_plans() -> list[dict[str, Any]]:
    """Every plan with a version in force, described by that version only."""
    plans: list[dict[str, Any]] = read_models().public_plans()
    return plans


def community_name(key: str) -> str:
    """The health community's name, as the public reads it; its key when it is not registered."""
    try:
        return services().app.get_community(key).name
    except NotFoundError:
        return key


def is_community(owner: str) -> bool:
    """Whether a plan's owner is a registered community, with a register of bodies."""
    return any(key == owner for key, _name in read_models().communities())


def staff_plans() -> list[dict[str, Any]]:
    return [summary.to_dict() for summary in read_models().plans()]


T = TypeVar("T")


def read_position() -> int:
    """The read models' position, read once per request: what this request's answers are
    cached on (the målform of the address's community and the page itself)."""
    if "planlogg_read_position" not in g:
        g.planlogg_read_position = services().read_models.position()
    position: int = g.planlogg_read_position
    return position


def found_token(clear: str) -> ApiToken | None:
    """The active token for `clear` (`web.tokens.authenticate`). Where the token store and
    the read models share one database, the read models' position is read in the same
    statement and taken as this request's (`read_position` then reads nothing): a cached API
    answer read the token and then the position, a round trip each, a third of its time."""
    found = services()
    if not found.position_beside_tokens:
        return authenticate(found.tokens, clear)
    beside = found.read_models.position_statement()
    token, position = authenticate_beside(found.tokens, clear, beside)
    if position is not None:
        g.planlogg_read_position = int(position)
    return token


def plan_positions(key: str) -> PlanPositions:
    """Whether plan `key` is there and what its answers are cached on
    (`ReadModels.plan_positions`), looked up once per read-model position: a warm request
    reads only the read models' position (the lightest statement), and at national scale
    most new events are other plans', so an answer about this plan cached on it stays."""
    found: PlanPositions = cached_by(
        ("plan positions", key, read_position()),
        lambda: services().read_models.plan_positions(key),
    )
    return found


def known_plan(key: str) -> None:
    """Refuse (404) a key no plan has, from the read models' cached positions: the check of
    each API read and audit page about one plan."""
    if not plan_positions(key).exists:
        raise NotFoundError(no_such_plan(key))


def plan_position(key: str) -> int:
    """The last event that changed plan `key`'s own answers."""
    return plan_positions(key).own


def cached_by(key: Hashable, make: Callable[[], T]) -> T:
    """What `make` gives, kept in the read cache under `key` (which must say what it depends on),
    made once however many requests ask for it at the same time."""
    return services().read_cache.get_or_make(key, make)


def page_address(reads: Collection[str] | None = None) -> str:
    """The request's path and query; with `reads`, the query holds only those parameters, the
    only ones the answer depends on besides the målform, which `read_key` holds apart
    (`web.language.read_query`). Any other made up (`?x=1`, `?x=2`, …) then finds the answer
    kept for the address without it, instead of having the page rendered whole again and
    kept in a place of its own."""
    if reads is None:
        return request.full_path
    return f"{request.path}?{urlencode(read_query(reads))}"


def read_key(plan: str | None = None, reads: Collection[str] | None = None) -> Hashable:
    """Address (`page_address`), read-model position, day, and the målform the answer is
    written in.

    With `plan`, an answer about that plan only: the position is the plan's own.
    """
    position = read_position() if plan is None else ("plan", plan_position(plan))
    return (page_address(reads), position, services().today(), current())


def cached(
    render: Callable[[], T],
    keep: Callable[[T], bool] = lambda _: True,
    plan: str | None = None,
    reads: Collection[str] | None = None,
) -> T:
    """The stored answer for this request and read-model position, or a fresh one.

    `plan` names the plan the answer is about, when nothing else shows in it
    (see `plan_position`): other plans' changes then leave it cached, and an
    answer that is kept is made again after the plan's own (`web.kept_answers`).
    `reads` names the query parameters the answer depends on (`page_address`); None: all.
    """
    found = services().read_cache.get_or_make(read_key(plan, reads), render, keep)
    if plan is not None and keep(found):
        services().kept.remember(
            ("answer", page_address(reads)), lambda: cached(render, keep, plan, reads)
        )
    return found

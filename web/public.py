"""Public pages: the list of plans and the adopted plan in force. No login, no drafts.

Everything here comes from `version_in_force` / `adopted_version`, never
from the working draft, so a pending revision cannot leak into the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Blueprint, Response, render_template
from markupsafe import Markup

from domain.norwegian_time import oslo_today
from language import current
from projections.documents import AdoptedVersionSummary
from web.auth import can, current_caller, has_session, reached_plans
from web.compression import Piece, compressed, plain, send
from web.plan_page import PlanPage, cut_into_rows, patched
from web.reading import (
    adopted_version,
    cached,
    cached_by,
    community_name,
    page_address,
    plan_position,
    public_document,
    public_plans,
    read_models,
    read_position,
    version_in_force,
    with_latest_progress,
)
from web.roles import Permission
from web.services import services

bp = Blueprint("public", __name__)
T = TypeVar("T")
PAGE_READS: tuple[str, ...] = ()
"""The query parameters the public pages read: none but the målform's (`?lang`), whose målform
their key holds. Any other is left out of the key they are kept under
(`web.reading.page_address`)."""


@bp.get("/")
def index() -> str:
    return _for_anyone(
        lambda: render_template(
            "public/index.html",
            plans=public_plans(),
            working=_working_plans(),
            may_report=can(Permission.REPORT),
        )
    )


def _working_plans() -> list[dict[str, Any]]:
    """The working versions the caller may read: those of the communities they reach. A read
    of every plan's draft is refused to a caller limited to some communities (it names no
    plan), and they were shown none of their own either."""
    caller = current_caller()
    if caller is None or not caller.can(Permission.READ_DRAFT):
        return []
    return reached_plans(caller)


CHAIN_HEAD_MARK = Markup("<!--planlogg:chain-head-->")
"""Where a plan's page shows the chain's head: the page is kept until the plan changes, the
head moves with every event anywhere, so it is put in as each request finds it."""


@bp.get("/planer/<key>")
def plan(key: str) -> Response:
    return _with_chain_head(_for_anyone(lambda: _in_force(key, patch=not has_session()), key))


@bp.get("/planer/<key>/versjoner/<int:version>")
def version(key: str, version: int) -> Response:
    return _with_chain_head(
        _for_anyone(
            lambda: _cut(
                _render(adopted_version(key, version).to_dict(), False).encode(),
                kept=not has_session(),
            ),
            key,
        )
    )


def _for_anyone(render: Callable[[], T], plan: str | None = None) -> T:
    """Visitors who are not logged in all see the same page: render it once per position
    (the plan's own position, for a page about one plan)."""
    if has_session():
        return render()
    return cached(render, plan=plan, reads=PAGE_READS)


@dataclass(frozen=True)
class CutPage:
    """A rendered plan page, encoded once and cut where the chain's head goes."""

    before: Piece
    after: Piece | None
    """None: the page has no place for the head."""


def _cut(encoded: bytes, kept: bool) -> CutPage:
    return _cut_parts((encoded,), kept)


def _cut_parts(parts: Sequence[bytes], kept: bool) -> CutPage:
    """The page in `parts` cut at the chain head's mark, looked for from the last part: the
    footer comes after every measure row, and looking through all of a 1.4-MB page for it
    took 0.7 ms of each patched page. A page `kept` for every visitor is compressed too."""
    piece = compressed if kept else plain
    mark = CHAIN_HEAD_MARK.encode()
    for index in range(len(parts) - 1, -1, -1):
        before, found, after = parts[index].rpartition(mark)
        if found:
            return CutPage(
                piece(b"".join((*parts[:index], before))),
                piece(b"".join((after, *parts[index + 1 :]))),
            )
    return CutPage(piece(b"".join(parts)), None)


def _with_chain_head(page: CutPage) -> Response:
    """The page with the chain's head as it stands now, sent as three pieces: putting one line
    into a cached 1.4-MB page by copying and encoding it took 2 ms of each request."""
    if page.after is None:
        return send([page.before], mimetype="text/html")
    services().kept.remember("chain head", _chain_head)
    return send([page.before, _chain_head(), page.after], mimetype="text/html")


def _chain_head() -> Piece:
    """The footer with the chain's head, made once per read-model position and målform."""
    return cached_by(
        ("chain head", read_position(), current()),
        lambda: compressed(
            render_template(
                "public/_chain_head.html", chain_head=read_models().chain_head().to_dict()
            ).encode()
        ),
    )


def _in_force(key: str, patch: bool) -> CutPage:
    """The page of the version in force. For visitors (`patch`), the page last shown is kept
    cut at its rows, and after a change to measures only, just their rows are rendered
    again (`web.plan_page`); a signed-in person's page (with the working version's links) is
    rendered whole."""
    if not patch:
        return _cut(
            _render(public_document(version_in_force(key)), in_force=True).encode(), kept=False
        )
    kept = ("plan page", page_address(PAGE_READS), services().today(), current())
    position = plan_position(key)
    page = services().plan_pages.get(kept)
    changed = (
        read_models().measures_changed_since(key, page.position)
        if isinstance(page, PlanPage)
        else None
    )
    if not isinstance(page, PlanPage) or changed is None:
        page = _whole(key, position)
    else:
        shown = sorted(changed.keys() & page.rows.keys())
        page = patched(page, position, {measure: changed[measure] for measure in shown})
    services().plan_pages.put(kept, page)
    return _cut_parts(page.parts, kept=True)


def _whole(key: str, position: int) -> PlanPage:
    document = version_in_force(key)
    adopted = document.to_dict()
    page = _render(with_latest_progress(adopted), in_force=True, row_marks=True)
    measures = {
        measure["id"]: measure
        for area in adopted["areas"]
        for goal in area["goals"]
        for measure in goal["measures"]
    }
    plan = {name: adopted[name] for name in ("key", "first_year", "last_year")}
    return cut_into_rows(page, position, measures, plan)


def _render(document: dict[str, object], in_force: bool, row_marks: bool = False) -> str:
    """A plan's page: the version in force (`in_force`), or an adopted version by its number,
    which says whether it is in force today, comes in force on a day to come, or is replaced."""
    key = str(document["key"])
    versions = read_models().adopted_versions(key)
    return render_template(
        "public/plan.html",
        plan=document,
        owner_name=community_name(str(document["owner"])),
        in_force=in_force,
        standing=Standing(in_force=True) if in_force else _standing(document, versions),
        versions=[v.to_dict() for v in versions],
        chain_head_mark=CHAIN_HEAD_MARK,
        row_marks=row_marks,
    )


@dataclass(frozen=True)
class Standing:
    """An adopted version today: in force, coming in force on `coming_from` (ISO day), or else
    replaced by a newer one."""

    in_force: bool = False
    coming_from: str = ""


def _standing(document: dict[str, object], versions: Sequence[AdoptedVersionSummary]) -> Standing:
    """What an adopted version is today, decided as the plan's page chooses its version
    (`ReadModels.version_in_force`): of the versions in force by today, the one that came in
    force last, then the highest number. Each version's own page said "historisk", the one in
    force and one still to come alike."""
    today = oslo_today().isoformat()
    this = next((v for v in versions if v.version == document["version"]), None)
    if this is None:
        return Standing()
    if this.in_force_from[:10] > today:
        return Standing(coming_from=this.in_force_from[:10])
    begun = [(v.in_force_from, v.version) for v in versions if v.in_force_from[:10] <= today]
    return Standing(in_force=max(begun) == (this.in_force_from, this.version))

"""Auditors' pages: the filtered audit history with downloads, a measure's timeline,
the plan as of a date, the difference between two adopted versions, each hearing
(its responses and answers beside what changed after it), and the
tamper-evidence check. All need a login with the auditor role, but for a hearing and a
measure's timeline, which editors read too (`READ_BY_EDITORS`).

A refused filter (a date that is no date, a decision that is no case number) gives the
page's filter form back (422) with every entry as typed and each refused one marked with
its problem, so that nothing has to be typed again.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, render_template, request
from marshmallow import Schema
from marshmallow import ValidationError as SchemaError

from domain.body_register import alphabetical
from domain.decision import case_reference
from domain.errors import NotFoundError, ValidationError
from domain.hearing import marked_late
from domain.norwegian_time import format_oslo_date
from domain.plan import no_such_plan
from language import _
from projections.audit_labels import FIELD_LABELS, field_label, reason_label, value_label
from projections.chain import mismatch_reasons
from projections.documents import AuditPage, AuditRow
from projections.heads import checked_hash
from web.api.operation import query_args
from web.auth import current_caller, decisions_within, reached_plans, require
from web.errors import problems_text
from web.filter_labels import FILTER_LABELS, filter_label
from web.history import audit_query, export, named_decisions, named_page, named_rows, plan_begun
from web.reading import known_plan, named, read_models, staff_plans
from web.roles import Permission
from web.schemas import base as f
from web.schemas.base import StrictSchema
from web.schemas.queries import (
    AllHistoryQuerySchema,
    DecisionsQuerySchema,
    DiffQuerySchema,
    HistoryFilterSchema,
)

bp = Blueprint("audit", __name__, url_prefix="/revisjon")
OSLO = ZoneInfo("Europe/Oslo")
PAGING = ("offset", "limit", "after")
"""The history page's paging parameters: a download has every filtered row, so none of them."""
HISTORY_ENTRIES = ("plan", "measure", "actor", "source", "field", "decision", "since", "until")
"""The entries of the history's filter form (and `limit`) a refusal is marked on."""
Problems = dict[str, str]
"""What is wrong with each refused query parameter, by the parameter's name."""


@bp.app_template_global("field_names")
def _field_names() -> list[str]:
    """Every field's label in the målform spoken, in Norwegian order: what the history's
    «Felt» offers as the auditor types (a datalist: any other text is still read)."""
    return sorted({field_label(field) for field in FIELD_LABELS}, key=alphabetical)


@bp.app_template_filter("field_label")
def _field_label(field: str) -> str:
    """`{{ row.field|field_label }}`: "number" → "nummer" (the row keeps its identifier)."""
    return field_label(field or "")


@bp.app_template_filter("audit_value")
def _audit_value(text: str, field: str) -> str:
    """`{{ row.after|audit_value(row.field) }}`: "draft" → "utkast", "yellow" → "gul"; the
    views name the bodies first (`web.history.named_rows`), knowing each row's community."""
    return value_label(field or "", text or "")


@bp.app_template_filter("audit_reason")
def _audit_reason(text: str, source: str) -> str:
    """`{{ row.reason|audit_reason(row.source) }}`: a reason Planlogg wrote itself (the
    sheet sync's, an import's, a refusal the sync recorded) in the målform now; a person's
    as typed."""
    return reason_label(text or "", source or "")


class ExportFilterSchema(HistoryFilterSchema):
    plan = f.text(required=False, max_length=80)


class AsOfDaySchema(StrictSchema):
    dato = f.day(required=False, load_default=None)


READ_BY_EDITORS = frozenset({"audit.hearing", "audit.timeline"})
"""The pages the secretariat (editors) reads as well, of the plans of the communities their
roles reach (`web.auth.require` refuses a plan of another): a hearing's responses, which it
answers, beside what has changed since the draft was sent; and a measure's timeline, who
changed it before and why, which an editor changing it reads first.

Not reporters: their status form shows each measure's last report, and the whole trail
(every field's changes, with the names of those who made them) is the secretariat's and the
auditors' to read. The other auditors' pages (the history of a whole plan, its downloads)
stay the auditors'."""


@bp.before_request
def _auditors_only() -> None:
    caller = current_caller()
    editing = caller is not None and caller.can(Permission.EDIT)
    require(
        Permission.EDIT if request.endpoint in READ_BY_EDITORS and editing else Permission.AUDIT
    )


@bp.get("/")
def history() -> str | tuple[str, int]:
    typed = query_args()
    filters, problems = _history_filters(AllHistoryQuerySchema(), typed)
    if problems:
        return _refused_history(typed, problems)
    page = read_models().history(audit_query(filters))
    previous_page, next_page = _page_links(typed, page)
    return render_template(
        "audit/history.html",
        page=named_page(page.to_dict()),
        values=_shown(filters),
        problems={},
        **_plan_choice(),
        export_query=urlencode({k: v for k, v in typed.items() if k not in PAGING}),
        previous_page=previous_page,
        next_page=next_page,
        counted=not typed.get("after"),
    )


def _page_links(typed: dict[str, str], page: AuditPage) -> tuple[str | None, str | None]:
    """The queries of the previous and the next page (None: there is none), each with the
    filters as typed and one of `offset` and `after`, never both (that is refused).

    A page opened after a cursor (`after`, the API's `next`) does not know where it stands
    among the filtered rows: its next page is the one after its own `next`, and it has no
    previous one to link to. Other pages are counted off, as their row numbers are."""
    kept = {k: v for k, v in typed.items() if k not in ("offset", "after")}
    if typed.get("after"):
        return None, urlencode({**kept, "after": page.next}) if page.next else None
    limit = page.limit or 100
    previous = urlencode({**kept, "offset": max(page.offset - limit, 0)})
    following = urlencode({**kept, "offset": page.offset + limit})
    return (
        previous if page.offset > 0 else None,
        following if page.offset + len(page.rows) < page.total else None,
    )


@bp.get("/logg.<any(csv, json):file_format>")
def download(file_format: str) -> Response | tuple[str, int]:
    """Exactly the filtered rows; a refused filter gives the history's filter form back,
    as typed, where the auditor can put it right (not a file that is an error page)."""
    typed = query_args()
    filters, problems = _history_filters(ExportFilterSchema(), typed)
    if problems:
        return _refused_history(typed, problems)
    return export(audit_query(filters, paged=False), file_format, "planlogg-logg")


def _history_filters(schema: Schema, typed: dict[str, str]) -> tuple[dict[str, Any], Problems]:
    """The history's filters loaded, or what is wrong with each refused one, all at once.

    A decision is looked up by its case reference, which names its body: the read models
    would refuse any other without naming the field, so it is checked here, where the form
    can mark it beside the other refusals.
    """
    filters, problems = _loaded(schema, typed)
    decision = typed.get("decision", "")
    if decision and "decision" not in problems:
        try:
            case_reference(decision)
        except ValidationError as error:
            problems = {**problems, "decision": error.message}
    return ({} if problems else filters), problems


def _refused_history(typed: dict[str, str], problems: Problems) -> tuple[str, int]:
    """The history's filter form as typed, each refused entry marked, and no rows."""
    page = render_template(
        "audit/history.html",
        page=None,
        values=typed,
        problems=problems,
        refused=_summary(problems, (*HISTORY_ENTRIES, "limit")),
        **_plan_choice(),
    )
    return page, 422


def _shown(filters: dict[str, Any]) -> dict[str, str]:
    """Loaded filters as the form shows them: a day as ÅÅÅÅ-MM-DD, a field by its label."""
    shown = {name: str(value) for name, value in filters.items() if value not in (None, "")}
    if filters.get("field"):
        shown["field"] = field_label(filters["field"])
    return shown


def _loaded(schema: Schema, typed: dict[str, str]) -> tuple[dict[str, Any], Problems]:
    """`typed` loaded by `schema`, or (nothing loaded) each refused parameter's problem."""
    try:
        return schema.load(typed), {}
    except SchemaError as error:
        found = error.messages if isinstance(error.messages, dict) else {"": error.messages}
        return {}, {name: problems_text(messages) for name, messages in found.items()}


def _summary(problems: Problems, entries: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """The refusals as the page's error summary lists them, in the order the form has them:
    (the entry to link to, or "" when the form has none; the label; the problem)."""
    order = [*entries, *FILTER_LABELS]
    ranked = sorted(problems, key=lambda name: order.index(name) if name in order else len(order))
    return [
        (name if name in entries else "", filter_label(name), problems[name]) for name in ranked
    ]


@bp.get("/<key>/tiltak/<ref>")
def timeline(key: str, ref: str) -> str:
    """Every measure has a row from the day it was added: none means no such measure (in
    a plan that exists: a key no plan has is not found as such, as on every page of a plan).

    The page is headed by the number the measure has now, whether it was asked for by its
    ID (as the history links it) or by a number it had; rows of several measures (a number
    that was given again) are headed by the number asked for."""
    known_plan(key)
    entries = read_models().measure_timeline(key, ref)
    if not entries:
        raise NotFoundError(_("Fant ikke tiltak %(ref)s i planen %(key)s.", ref=ref, key=key))
    measures = {entry.measure_id for entry in entries}
    return render_template(
        "audit/timeline.html",
        key=key,
        title=_plan_title(key),
        ref=ref,
        number=_number_now(entries, ref) if len(measures) == 1 else ref,
        measure_id=measures.pop() if len(measures) == 1 else "",
        timeline=named_rows(_plain(entries)),
    )


def _number_now(entries: list[AuditRow], ref: str) -> str:
    """The number one measure's rows gave it last: its added row and each move are rows of
    the field "number", the number given after."""
    given = [entry.after for entry in entries if entry.field == "number" and entry.after]
    return given[-1] if given else ref


@bp.get("/<key>/per-dato")
def as_of(key: str) -> str | tuple[str, int]:
    """A key no plan has is not found before the date is read, typed or not, right or not."""
    known_plan(key)
    typed = query_args()
    chosen, problems = _loaded(AsOfDaySchema(), typed)
    if problems:
        page = render_template(
            "audit/as_of.html",
            key=key,
            title=_plan_title(key),
            day=None,
            plan=None,
            values=typed,
            problems=problems,
            refused=_summary(problems, ("dato",)),
        )
        return page, 422
    day = chosen["dato"]
    document = None
    if day is not None:
        moment = datetime.combine(day, time.max, tzinfo=OSLO)
        document = read_models().plan_as_of(key, moment)
        if document is None:
            return _before_the_plan(key, day, _shown(chosen))
    return render_template(
        "audit/as_of.html",
        key=key,
        title=_plan_title(key),
        day=day,
        plan=named(document).to_dict() if document else None,
        values=_shown(chosen),
        problems={},
    )


def _before_the_plan(key: str, day: date, values: dict[str, str]) -> tuple[str, int]:
    """The as-of form with the day as chosen, saying from when Planlogg has the plan (404, as
    in the API): not that it did not exist, since a plan entered in 2026 may have been
    adopted in 2022; a plan that never was is not found at all. The
    notice names the plan by its title, as the heading does; the command line, where plans
    are typed by key, says the same words of the key, and the API's message keeps it.
    (A plan that never was is refused first, by `known_plan`; this is its fallback.)"""
    created = plan_begun(key)
    if created is None:
        raise NotFoundError(no_such_plan(key))
    title = _plan_title(key)
    said = _(
        "Planlogg har planen %(plan)s fra %(created)s, da den ble lagt inn, og vet ikke "
        "hvordan den sto %(day)s. Velg en senere dato.",
        plan=title,
        day=day.strftime("%d.%m.%Y"),
        created=format_oslo_date(created),
    )
    page = render_template(
        "audit/as_of.html",
        key=key,
        title=title,
        day=day,
        plan=None,
        values=values,
        problems={},
        not_yet=said,
    )
    return page, 404


@bp.get("/<key>/endringer")
def diff(key: str) -> str | tuple[str, int]:
    known_plan(key)
    versions = [v.to_dict() for v in read_models().adopted_versions(key)]
    adopted = [v["version"] for v in versions]
    hearings = [
        {**h.to_dict(), "adopted_as": _adopted_after(h.version, adopted)}
        for h in read_models().hearings(key)
    ]
    result = None
    typed = query_args()
    problems: Problems = {}
    if typed.get("a") and typed.get("b"):
        pair, problems = _loaded(DiffQuerySchema(), typed)
        problems = problems or _not_adopted(pair, adopted)
        if not problems:
            result = read_models().diff_versions(key, pair["a"], pair["b"]).to_dict()
    page = render_template(
        "audit/diff.html",
        key=key,
        title=_plan_title(key),
        versions=versions,
        diff=result,
        hearings=hearings,
        values=typed,
        problems=problems,
        refused=_summary(problems, ("a", "b")),
    )
    return (page, 422) if problems else page


def _not_adopted(pair: dict[str, Any], adopted: list[int]) -> Problems:
    """A version asked for that was never adopted, refused at its field with the versions
    that were (an address typed or kept from before): the form is shown again, not an
    error page."""
    offered = ", ".join(str(version) for version in adopted) or "–"
    return {
        name: _(
            "Versjon %(version)s er ikke vedtatt. Vedtatte versjoner: %(offered)s.",
            version=pair[name],
            offered=offered,
        )
        for name in ("a", "b")
        if pair[name] not in adopted
    }


def _adopted_after(hearing: int, adopted: list[int]) -> int | None:
    """The version a hearing's draft was adopted as: the first adopted at or after the
    version sent on hearing, which is what the hearing's page compares the draft with
    (`ReadModels.hearing_diff`); None while none is, when the draft is compared with the
    working version. The comparison page links each hearing saying which it is."""
    return min((version for version in adopted if version >= hearing), default=None)


@bp.get("/<key>/horinger/<int:version>")
def hearing(key: str, version: int) -> str:
    """The hearing's responses and answers beside what changed from the draft sent on hearing
    (a key no plan has is not found as such, not as a version never on hearing)."""
    known_plan(key)
    found = read_models().hearing(key, version)
    if found is None:
        raise NotFoundError(
            _("Versjon %(version)s av %(plan)s har ikke vært på høring.", version=version, plan=key)
        )
    diff = read_models().hearing_diff(key, version).to_dict()
    shown = marked_late(found.to_dict())
    return render_template(
        "audit/hearing.html", key=key, title=_plan_title(key), hearing=shown, diff=diff
    )


@bp.get("/vedtak")
def decisions() -> str:
    """Every registered decision (of one plan, when chosen) with the changes it authorised,
    as far as the caller reaches: another community may number its cases as the chosen
    plan's does, and its decision and the changes citing it are not the caller's to read."""
    plan = DecisionsQuerySchema().load(query_args()).get("plan") or None
    choice = _plan_choice()
    found = [d.to_dict() for d in read_models().decisions(plan)]
    shown = decisions_within(require(Permission.AUDIT), found)
    titles = {p["key"]: p["title"] for p in choice["plans"]}
    return render_template(
        "audit/decisions.html",
        decisions=named_decisions(shown),
        plan=plan,
        plan_titles=titles,
        **choice,
    )


def _plan_title(key: str) -> str:
    """The plan's title, which headings name it by (as its own pages do): people know a plan
    by its title, and its key ("st-olavs-2022-2024") stays in the addresses. A plan the read
    models do not hold is named by its key, as typed."""
    return next((p["title"] for p in staff_plans() if p["key"] == key), key)


def _plan_choice() -> dict[str, Any]:
    """The pages' plan filter: the plans the caller reaches (`plans`), and whether the caller
    is `limited` to some communities. A limited caller is refused a read of every plan
    (`web.auth.SPANNING_READS`), so they are offered no "Alle planer", their filter starts
    at their first plan (`first_plan`), and the pages' links carry a plan."""
    caller = require(Permission.AUDIT)
    plans = reached_plans(caller)
    limited = bool(caller.communities)
    first_plan = plans[0]["key"] if limited and plans else None
    return {"plans": plans, "limited": limited, "first_plan": first_plan}


class VerifyQuerySchema(StrictSchema):
    """A checksum from a report or the checksum file, and the position it is of, as an
    auditor pastes them into the check's form (the report prints both)."""

    posisjon = f.integer(required=False, minimum=1, maximum=2**63 - 1, strict=False)
    kontrollsum = f.text(required=False, max_length=200)


@bp.get("/kontroll")
def verify() -> str | tuple[str, int]:
    """The whole chain checked; against a checksum published outside the database (a
    report's, the checksum file's) when one is pasted in, so that an auditor checks a
    report's checksum without a terminal. A checksum cut short or mistyped is refused at its
    field (422), never reported as a broken chain, as on the command line; nothing is
    checked then, so the page never shows a verdict beside «Ingenting er vist»."""
    typed = query_args()
    given, problems = _loaded(VerifyQuerySchema(), typed)
    head, position = given.get("kontrollsum"), given.get("posisjon")
    if not problems and position is not None and not head:
        problems = {"kontrollsum": _("Lim inn kontrollsummen som hører til posisjonen.")}
    if not problems and head:
        try:
            head = checked_hash(head)
        except ValidationError as error:
            problems = {"kontrollsum": error.message}
    report = None if problems else read_models().check_chain(head, position)
    page = render_template(
        "audit/verify.html",
        report=report.to_dict() if report else None,
        values=typed,
        problems=problems,
        refused=_summary(problems, ("posisjon", "kontrollsum")),
        compared=bool(head) and not problems,
        typo_possible=report is not None and bool(head) and report.reason in mismatch_reasons(),
    )
    return (page, 422) if problems else page


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value

"""Read endpoints. The adopted plan is public; drafts, history and checks need a token.

Public answers are dumped through the `Public*` schemas, which name every
field they show, and come only from adopted versions.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, Response, jsonify

from domain.body_register import body_as_json
from domain.errors import NotFoundError
from domain.norwegian_time import format_oslo_time
from domain.plan import no_such_plan, normal_number
from language import N_, _
from projections.read_models import moment as as_moment
from web.api.etags import measure_etag, revision_etag
from web.api.operation import operation
from web.auth import decisions_within
from web.history import audit_query, export, history_answer, plan_begun
from web.reading import (
    adopted_version,
    current_plan,
    known_plan,
    named,
    public_document,
    public_plans,
    read_models,
    version_in_force,
)
from web.roles import Permission
from web.schemas import documents as d
from web.schemas import queries as q
from web.services import services
from web.tokens import ApiToken

bp = Blueprint("api_reads", __name__, url_prefix="/api")

AUDIT = {"permission": Permission.AUDIT, "tag": N_("Revisjon")}
DRAFT = {"permission": Permission.READ_DRAFT, "tag": N_("Utkast")}


@bp.get("/plans")
@operation(summary=N_("Planer med en vedtatt versjon"), tag=N_("Offentlig"),
           response=d.PublicPlanSummarySchema, many=True)  # fmt: skip
def plans() -> list[dict[str, Any]]:
    return public_plans()


@bp.get("/plans/<key>/adopted")
@operation(summary=N_("Den vedtatte versjonen som gjelder"), tag=N_("Offentlig"),
           response=d.PublicPlanSchema, per_plan=True)  # fmt: skip
def adopted(key: str) -> dict[str, Any]:
    return public_document(version_in_force(key))


@bp.get("/plans/<key>/versions")
@operation(summary=N_("Alle vedtatte versjoner"), tag=N_("Offentlig"),
           response=d.AdoptedVersionSchema, many=True, per_plan=True)  # fmt: skip
def versions(key: str) -> list[dict[str, Any]]:
    found = [v.to_dict() for v in read_models().adopted_versions(key)]
    if not found:
        raise NotFoundError(_('Fant ingen vedtatt plan med nøkkelen "%(key)s".', key=key))
    return found


@bp.get("/plans/<key>/versions/<int:version>")
@operation(summary=N_("En vedtatt versjon"), tag=N_("Offentlig"), response=d.PublicPlanSchema,
           per_plan=True)  # fmt: skip
def version(key: str, version: int) -> dict[str, Any]:
    return dict(adopted_version(key, version).to_dict())


@bp.get("/plans/<key>/dashboard")
@operation(summary=N_("Statusoversikten for arbeidsversjonen"),
           query=q.DashboardQuerySchema, response=d.DashboardSchema, **DRAFT)  # fmt: skip
def dashboard(key: str, query: dict[str, Any], token: ApiToken) -> dict[str, Any]:
    current_plan(key)
    today = query["today"] or services().today()
    return dict(read_models().dashboard(key, today).to_dict())


@bp.get("/chain/head")
@operation(summary=N_("Kontrollsummen for kjeden (publiser den utenfor databasen)"),
           tag=N_("Offentlig"), response=d.ChainHeadSchema)  # fmt: skip
def chain_head() -> dict[str, Any]:
    return dict(read_models().chain_head().to_dict())


@bp.get("/plans/<key>/draft")
@operation(summary=N_("Arbeidsversjonen (ikke offentlig)"), response=d.PlanDocumentSchema, **DRAFT)
def draft(key: str, token: ApiToken) -> dict[str, Any]:
    return dict(current_plan(key).to_dict())


@bp.get("/plans/<key>/draft/measures/<ref>")
@operation(summary=N_("Et tiltak i arbeidsversjonen, med endringsnummeret som ETag"),
           response=d.MeasureSchema, etag=True, **DRAFT)  # fmt: skip
def draft_measure(key: str, ref: str, token: ApiToken) -> Response:
    measure = current_plan(key).measure(ref)
    if measure is None:
        raise NotFoundError(_("Fant ikke tiltak %(ref)s i planen %(key)s.", ref=ref, key=key))
    response = jsonify(d.MeasureSchema().dump(measure.to_dict()))
    response.headers["ETag"] = measure_etag(measure.id, measure.revision)
    return response


@bp.get("/plans/<key>/draft/areas/<number>")
@operation(summary=N_("Et innsatsområde i arbeidsversjonen, med endringsnummeret som ETag"),
           response=d.DraftAreaSchema, cached=False, etag=True, **DRAFT)  # fmt: skip
def draft_area(key: str, number: str, token: ApiToken) -> Response:
    """Read from the plan itself, which checks `If-Match`: the read models keep no revision
    of an area, and an answer kept in the cache could hand out one moved on since."""
    area = services().app.get_plan(key).area(number)
    found = {"number": normal_number(number), "title": area.title, "revision": area.revision}
    return _with_revision(d.DraftAreaSchema().dump(found), area.revision)


@bp.get("/plans/<key>/draft/goals/<number>")
@operation(summary=N_("Et mål i arbeidsversjonen, med endringsnummeret som ETag"),
           response=d.DraftGoalSchema, cached=False, etag=True, **DRAFT)  # fmt: skip
def draft_goal(key: str, number: str, token: ApiToken) -> Response:
    """Read from the plan itself, as an area is (`draft_area`)."""
    goal = services().app.get_plan(key).goal(number)
    found = {"number": normal_number(number), "area": goal.area, "text": goal.text,
             "revision": goal.revision}  # fmt: skip
    return _with_revision(d.DraftGoalSchema().dump(found), goal.revision)


def _with_revision(document: dict[str, Any], revision: int) -> Response:
    response = jsonify(document)
    response.headers["ETag"] = revision_etag(revision)
    return response


@bp.get("/plans/<key>/as-of")
@operation(summary=N_("Planen slik den var på et tidspunkt"), query=q.AsOfQuerySchema,
           response=d.PlanDocumentSchema, **AUDIT)  # fmt: skip
def as_of(key: str, query: dict[str, Any], token: ApiToken) -> dict[str, Any]:
    # Without an offset the time is Norwegian, as on the command line and the pages (it was
    # read as UTC here, an hour or two off from `planlogg show --as-of` of the same text); a
    # day without a time (a `date`) is the end of that day, as there too.
    at = query["at"]
    moment = as_moment(at, end_of_day=not isinstance(at, datetime))
    document = read_models().plan_as_of(key, moment)
    if document is None:
        raise NotFoundError(_before_the_plan(key, moment))
    return dict(named(document).to_dict())


def _before_the_plan(key: str, moment: datetime) -> str:
    """Why there is no plan at `moment`: it was created later (said with when), or never."""
    created = plan_begun(key)
    if created is None:
        return no_such_plan(key)
    return _(
        "Planlogg har planen %(key)s fra %(created)s, da den ble lagt inn, og vet ikke hvordan "
        "den sto %(when)s (norsk tid). Velg et senere tidspunkt.",
        key=key,
        when=format_oslo_time(moment),
        created=format_oslo_time(created),
    )


@bp.get("/plans/<key>/history")
@operation(summary=N_("Endringsloggen for en plan (filtrert, sidevis)"),
           query=q.HistoryQuerySchema, response=d.AuditPageSchema, per_plan=True,
           **AUDIT)  # fmt: skip
def plan_history(key: str, query: dict[str, Any], token: ApiToken) -> Response:
    known_plan(key)
    return history_answer(read_models().history(audit_query(query, plan=key)))


@bp.get("/plans/<key>/history/export")
@operation(summary=N_("Last ned nøyaktig de filtrerte radene (CSV eller JSON)"),
           query=q.ExportQuerySchema, response=d.AuditRowSchema, many=True,
           extra_media={"text/csv": N_("CSV med én rad per endret felt")}, per_plan=True,
           **AUDIT)  # fmt: skip
def plan_history_export(key: str, query: dict[str, Any], token: ApiToken) -> Response:
    known_plan(key)
    return export(audit_query(query, plan=key, paged=False), query["format"], f"{key}-logg")


@bp.get("/history")
@operation(summary=N_("Endringsloggen for alle planer (filtrert, sidevis)"),
           query=q.AllHistoryQuerySchema, response=d.AuditPageSchema, **AUDIT)  # fmt: skip
def history(query: dict[str, Any], token: ApiToken) -> Response:
    return history_answer(read_models().history(audit_query(query)))


@bp.get("/plans/<key>/measures/<ref>/timeline")
@operation(summary=N_("Et tiltaks tidslinje fra start til nå"), response=d.AuditRowSchema,
           many=True, per_plan=True, **AUDIT)  # fmt: skip
def timeline(key: str, ref: str, token: ApiToken) -> list[dict[str, Any]]:
    """Every measure has a row from the day it was added, so none means no such measure:
    404, as for the measure itself, not an empty history a client would take for one."""
    known_plan(key)
    rows = read_models().measure_timeline(key, ref)
    if not rows:
        raise NotFoundError(_("Fant ikke tiltak %(ref)s i planen %(key)s.", ref=ref, key=key))
    return [row.to_dict() for row in rows]


@bp.get("/plans/<key>/diff")
@operation(summary=N_("Forskjellen mellom to vedtatte versjoner"), query=q.DiffQuerySchema,
           response=d.VersionDiffSchema, per_plan=True, **AUDIT)  # fmt: skip
def diff(key: str, query: dict[str, Any], token: ApiToken) -> dict[str, Any]:
    for number in (query["a"], query["b"]):
        adopted_version(key, number)
    return dict(read_models().diff_versions(key, query["a"], query["b"]).to_dict())


@bp.get("/plans/<key>/hearings")
@operation(summary=N_("Planens høringer: hvem som ble spurt, uttalelser og svar"),
           response=d.HearingDocSchema, many=True, **AUDIT)  # fmt: skip
def hearings(key: str, token: ApiToken) -> list[dict[str, Any]]:
    known_plan(key)
    return [h.to_dict() for h in read_models().hearings(key)]


@bp.get("/plans/<key>/hearings/<int:version>")
@operation(
    summary=N_("Høringsutkastet mot versjonen vedtatt etter høringen, med uttalelser og svar"),
    response=d.VersionDiffSchema,
    **AUDIT,
)
def hearing(key: str, version: int, token: ApiToken) -> dict[str, Any]:
    known_plan(key)
    if read_models().hearing(key, version) is None:
        raise NotFoundError(
            _("Versjon %(version)s av %(key)s har ikke vært på høring.", version=version, key=key)
        )
    return dict(read_models().hearing_diff(key, version).to_dict())


@bp.get("/chain/verify")
@operation(summary=N_("Kontroller kjeden (manipulasjonssikring)"),
           response=d.ChainReportSchema, cached=False, **AUDIT)  # fmt: skip
def verify(token: ApiToken) -> dict[str, Any]:
    return dict(read_models().check_chain().to_dict())


@bp.get("/decisions")
@operation(summary=N_("Vedtaksregisteret, med endringene hvert vedtak ga grunnlag for"),
           query=q.DecisionsQuerySchema, response=d.RegisteredDecisionSchema, many=True,
           cached=False, **AUDIT)  # fmt: skip
def decisions(query: dict[str, Any], token: ApiToken) -> list[dict[str, Any]]:
    """A plan that is not there has no decisions: a filter, like the history's.

    A token limited to some communities gets only their decisions, each with only the
    changes to plans it reaches: case numbers repeat across communities, so a decision
    another community registered under the same number cites changes in its own plans. The
    answer depends on the caller, so it is not kept for the next one (`cached=False`)."""
    found = [d.to_dict() for d in read_models().decisions(query.get("plan") or None)]
    return decisions_within(token, found)


@bp.get("/communities/<key>/bodies")
@operation(summary=N_("Organregisteret til et helsefellesskap (med adresser)"),
           response=d.BodySchema, many=True, **DRAFT)  # fmt: skip
def bodies(key: str, token: ApiToken) -> list[dict[str, Any]]:
    if key not in dict(read_models().communities()):
        raise NotFoundError(_('Fant ikke helsefellesskapet "%(key)s".', key=key))
    return [body_as_json(b) for b in read_models().body_register(key).bodies.values()]

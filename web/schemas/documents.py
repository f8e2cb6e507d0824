"""What the read endpoints answer, dumped from the read models' `to_dict()`.

Public documents (`PublicPlanSchema`) list their fields explicitly, and a
public measure has only the fields its declaration marks public
(`web.schemas.measures`), so nothing about the working draft — its stage,
its last change, revisions, edit conflicts — can reach an anonymous reader by
accident; staff views use the full `PlanDocumentSchema`.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, pre_dump

from domain.hearing import HearingResponse, marked_late
from domain.measure import StatusReport, YearEvaluation
from domain.plan import evaluation_tag, status_tag
from domain.state_json import from_json
from language import N_
from web.schemas.measures import LastChangeSchema, measure_schema, part_schema

Str = fields.String
Int = fields.Integer


class ApprovalSchema(Schema):
    body = Str(metadata={"description": N_("Organet som godkjente.")})
    case = Str(metadata={"description": N_('Saksnummer, f.eks. "ASU sak 12/22".')})
    meeting_date = Str()


PublicMeasureSchema = measure_schema(public=True)


def _tag(evaluation: YearEvaluation | dict[str, Any]) -> str:
    """The tag of a stored evaluation, as the read model's `to_dict()` gives it."""
    stored = (
        evaluation
        if isinstance(evaluation, YearEvaluation)
        else from_json(YearEvaluation, evaluation)
    )
    return evaluation_tag(stored)


class EvaluationReadSchema(part_schema(YearEvaluation, public=False)):  # type: ignore[misc]
    """A year's evaluation in the staff read, with the tag a replacing command names."""

    tag = fields.Function(
        _tag,
        dump_only=True,
        metadata={
            "description": N_(
                "Kjennetegnet for evalueringen; send det som «replaces» for å erstatte den."
            )
        },
    )


def _status_tag(status: StatusReport | dict[str, Any]) -> str:
    """The tag of a stored status report, as the read model's `to_dict()` gives it."""
    if isinstance(status, StatusReport):
        return status_tag(status.colour, status.comment)
    return status_tag(status["colour"], status["comment"])


class StatusReadSchema(part_schema(StatusReport, public=False)):  # type: ignore[misc]
    """The status in the staff read, with the tag a status report names (`replaces`)."""

    tag = fields.Function(
        _status_tag,
        dump_only=True,
        metadata={
            "description": N_(
                "Kjennetegnet for statusen; send det som «replaces» når du rapporterer på nytt."
            )
        },
    )


class MeasureSchema(measure_schema(public=False)):  # type: ignore[misc]
    """A measure in the staff read: each evaluation, and the status, carries its tag
    (`replaces`)."""

    status = fields.Nested(
        StatusReadSchema, allow_none=True, metadata={"description": N_("Siste statusrapport.")}
    )

    evaluations = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(EvaluationReadSchema),
        metadata={"description": N_("Evalueringene, per år i evalueringsperioden.")},
    )


class PublicGoalSchema(Schema):
    number = Str()
    text = Str()
    measures = fields.List(fields.Nested(PublicMeasureSchema))


class GoalSchema(PublicGoalSchema):
    measures = fields.List(fields.Nested(MeasureSchema))


class PublicAreaSchema(Schema):
    number = Str()
    title = Str()
    goals = fields.List(fields.Nested(PublicGoalSchema))


class AreaSchema(PublicAreaSchema):
    goals = fields.List(fields.Nested(GoalSchema))


class DraftAreaSchema(Schema):
    """One area of the working draft, with the revision its `ETag` carries."""

    number = Str()
    title = Str()
    revision = Int(metadata={"description": N_("Innsatsområdets endringsnummer (også som ETag).")})


class DraftGoalSchema(Schema):
    """One goal of the working draft, with the revision its `ETag` carries."""

    number = Str()
    area = Str()
    text = Str()
    revision = Int(metadata={"description": N_("Målets endringsnummer (også som ETag).")})


class PublicPlanSchema(Schema):
    """The adopted version as everyone may read it."""

    key = Str()
    title = Str()
    owner = Str()
    first_year = Int()
    last_year = Int()
    version = Int(metadata={"description": N_("Den vedtatte versjonen.")})
    adopted_at = Str(allow_none=True)
    approvals = fields.List(fields.Nested(ApprovalSchema))
    areas = fields.List(fields.Nested(PublicAreaSchema))


class PlanDocumentSchema(PublicPlanSchema):
    """A plan as staff see it: working draft, adopted version or as of a moment."""

    kind = Str(metadata={"description": N_("current, adopted eller as_of")})
    stage = Str()
    adopted_version = Int(allow_none=True)
    published_version = Int(allow_none=True)
    last_change = fields.Nested(LastChangeSchema, allow_none=True)
    as_of = Str(allow_none=True)
    areas = fields.List(fields.Nested(AreaSchema))


class PublicPlanSummarySchema(Schema):
    key = Str()
    title = Str()
    owner = Str()
    first_year = Int()
    last_year = Int()
    version = Int(metadata={"description": N_("Versjonen som gjelder.")})
    adopted_at = Str(allow_none=True)
    in_force_from = Str(
        allow_none=True,
        metadata={"description": N_("Dagen versjonen gjelder fra: møtet som vedtok den.")},
    )


class AdoptedVersionSchema(Schema):
    version = Int()
    adopted_at = Str()
    in_force_from = Str()
    approvals = fields.List(fields.Nested(ApprovalSchema))


class AuditRowSchema(Schema):
    position = Int(metadata={"description": N_("Plass i endringsloggen.")})
    event_id = Str()
    occurred_at = Str()
    actor = Str(metadata={"description": N_("Hvem som gjorde endringen.")})
    source = Str(metadata={"description": N_("sheet, web, import, cli eller system")})
    plan = Str()
    area = Str()
    goal = Str()
    measure_id = Str()
    measure_number = Str()
    field = Str()
    before = Str()
    after = Str()
    reason = Str()
    decision = Str()
    event_type = Str()


class RegisteredDecisionSchema(Schema):
    community = Str(metadata={"description": N_("Helsefellesskapet.")})
    case = Str(metadata={"description": N_('Saksnummeret med organ, f.eks. "SSU sak 11/24".')})
    body = Str(metadata={"description": N_("Organet som gjorde vedtaket.")})
    meeting_date = Str(metadata={"description": N_("Møtedato (ÅÅÅÅ-MM-DD).")})
    text = Str(metadata={"description": N_("Hva organet vedtok.")})
    plan = Str(metadata={"description": N_("Planen vedtaket gjelder (tom: ingen bestemt).")})
    changes = fields.List(
        fields.Nested(AuditRowSchema),
        metadata={"description": N_("Endringene vedtaket ga grunnlag for.")},
    )


class BodySchema(Schema):
    id = Str(metadata={"description": N_("Stabil ID, laget én gang av navnet.")})
    name = Str()
    kind = Str(metadata={"description": N_(
"partnerskapsmote, strategisk, fagleg, lokalt, "
                                        "sekretariat, kommune eller helseforetak"
)})  # fmt: skip
    short_name = Str()
    aliases = fields.List(Str(), metadata={"description": N_("Andre navn og skrivemåter.")})
    reporters = fields.List(Str(), metadata={"description": N_("E-post til dem som rapporterer.")})
    reminded = fields.List(Str(), metadata={"description": N_("E-post til dem som påminnes.")})
    retired = fields.Boolean()
    merged_into = Str(metadata={"description": N_("ID-en organet er slått sammen inn i.")})


class AuditPageSchema(Schema):
    rows = fields.List(fields.Nested(AuditRowSchema))
    total = Int(metadata={"description": N_("Antall rader som passer filteret.")})
    offset = Int()
    limit = Int(allow_none=True)
    next = Str(
        allow_none=True,
        metadata={
            "description": N_("Sidemerket til neste side (send det som after); tomt på siste side.")
        },
    )


class MeasureRefSchema(Schema):
    id = Str()
    number = Str()
    text = Str()


class FieldChangeSchema(Schema):
    number = Str()
    field = Str()
    before = Str()
    after = Str()


class PartRefSchema(Schema):
    kind = Str(metadata={"description": N_("area (innsatsområde) eller goal (mål).")})
    number = Str()
    text = Str(metadata={"description": N_("Innsatsområdets tittel eller målets tekst.")})


HearingResponseDocSchema = part_schema(HearingResponse, False).from_dict(
    {
        "late": fields.Boolean(
            metadata={
                "description": N_(
                    "Kom inn etter høringsfristen (fristdagen regnes som i tide); "
                    "uttalelsen er registrert like fullt."
                )
            }
        )
    },
    name="HearingResponseDocSchema",
)
"""A response as the domain keeps it, and whether it came in after the deadline."""


class HearingDocSchema(Schema):
    """A hearing: who was asked, each response (with its attachments by reference) and
    the secretariat's answer to it; the responses' shape follows the domain's own type,
    and each says whether it came in late (after the deadline in force, extended or not).
    A response withdrawn stays, with why (`withdrawal`), and is not counted."""

    plan = Str()
    version = Int(metadata={"description": N_("Versjonen som ble sendt på høring.")})
    deadline = Str(
        metadata={
            "description": N_(
                "Høringsfristen som gjelder (ÅÅÅÅ-MM-DD), forlenget eller ikke; late er regnet "
                "mot den."
            )
        }
    )
    original_deadline = Str(
        metadata={
            "description": N_(
                "Fristen høringen ble sendt med (ÅÅÅÅ-MM-DD); lik deadline om den ikke er "
                "forlenget."
            )
        }
    )
    sent_on = Str(
        allow_none=True,
        metadata={
            "description": N_(
                "Dagen utkastet ble sendt på høring (ÅÅÅÅ-MM-DD); ingen uttalelse kom inn før den. "
                "Uten verdi for en høring registrert før dagen ble tatt vare på og ikke gitt en "
                "dag siden (se sent_at)."
            )
        },
    )
    sent_at = Str(metadata={"description": N_("Når sendingen ble registrert i Planlogg (UTC).")})
    sent_by = Str()
    decision = Str(metadata={"description": N_("Vedtaket som sendte utkastet på høring.")})
    asked = fields.List(Str(), metadata={"description": N_("Høringsinstansene.")})
    responses = fields.List(
        fields.Nested(HearingResponseDocSchema),
        metadata={
            "description": N_(
                "Alle uttalelser, også de trukket tilbake (med withdrawal: hvorfor, når, "
                "av hvem); de trukket tilbake telles ikke."
            )
        },
    )
    unanswered = Int(
        metadata={"description": N_("Uttalelser uten svar (de trukket tilbake telles ikke).")}
    )

    @pre_dump
    def _late(self, hearing: dict[str, Any], **_: Any) -> dict[str, Any]:
        return marked_late(hearing)


class VersionDiffSchema(Schema):
    plan = Str()
    a = Int()
    b = Int()
    added = fields.List(fields.Nested(MeasureRefSchema))
    removed = fields.List(fields.Nested(MeasureRefSchema))
    changed = fields.List(fields.Nested(FieldChangeSchema))
    parts_added = fields.List(
        fields.Nested(PartRefSchema),
        metadata={"description": N_("Nye innsatsområder og mål; de sammenlignes etter nummer.")},
    )
    parts_removed = fields.List(
        fields.Nested(PartRefSchema),
        metadata={"description": N_("Fjernede innsatsområder og mål.")},
    )
    parts_changed = fields.List(
        fields.Nested(FieldChangeSchema),
        metadata={
            "description": N_(
                "Endret i planen (title, period; uten nummer), i et innsatsområde "
                "(area_title) eller et mål (goal_text)."
            )
        },
    )
    hearing = fields.Nested(
        HearingDocSchema,
        allow_none=True,
        metadata={
            "description": N_("Høringen ved siden av endringene (når a er et høringsutkast).")
        },
    )
    against = Str(
        metadata={"description": N_(
"adopted: b er versjonen vedtatt etter høringen; "
                  "current: ikke vedtatt ennå, b er arbeidsversjonen."
)}
    )  # fmt: skip


class StatusCountsSchema(Schema):
    name = Str()
    green = Int()
    yellow = Int()
    red = Int()
    not_reported = Int()


class ReminderViewSchema(Schema):
    step = Int()
    step_label = Str()
    status = Str(
        metadata={
            "description": N_(
                "intended (kanskje sendt), sent, partly_sent (delvis sendt: noen adresser fikk "
                "den, andre ble utsatt eller avvist), failed, deferred (utsatt av e-posttjeneren), "
                "superseded (utsatt, så avløst av en senere påminnelse), unneeded (utsatt, "
                "så rapporterte organet), dropped (utsatt, så tatt ut av planen for "
                "påminnelser), unlisted (utsatt, så tatt ut av organets kontakter), confirmed"
            )
        }
    )
    status_label = Str()
    attempt = Int()
    recipients = fields.List(Str(), metadata={"description": N_("Adressene i siste forsøk.")})
    taken = fields.List(
        Str(),
        metadata={
            "description": N_(
                "Adressene som fikk påminnelsen, når e-posttjeneren svarte ulikt for adressene "
                "(partly_sent)."
            )
        },
    )
    put_off = fields.Dict(
        keys=Str(),
        values=Str(),
        metadata={
            "description": N_(
                "Adresser e-posttjeneren utsatte, med svaret: de prøves igjen ved neste "
                "utsending så lenge de er blant organets kontakter."
            )
        },
    )
    refused = fields.Dict(
        keys=Str(),
        values=Str(),
        metadata={
            "description": N_(
                "Adresser e-posttjeneren avviste for godt, med svaret: bare en ny sending prøver "
                "dem igjen."
            )
        },
    )


class BodyProgressSchema(Schema):
    body = Str()
    reported = fields.Bool()
    measures = Int()
    measures_reported = Int()
    reminders = fields.List(fields.Nested(ReminderViewSchema))
    body_id = Str(
        metadata={
            "description": N_("Organet som ID i registeret (for å bekrefte eller sende på nytt).")
        }
    )
    missing = fields.List(
        Str(),
        metadata={
            "description": N_("Numrene på organets tiltak som ennå mangler status i runden.")
        },
    )


class RoundColumnSchema(Schema):
    round_id = Str()
    deadline = Str()


class MeasureTrendSchema(Schema):
    number = Str()
    text = Str()
    colours = fields.List(Str(allow_none=True))


class OpenRoundSchema(Schema):
    round_id = Str()
    deadline = Str()
    days_left = Int()
    decision = Str()
    bodies = fields.List(Str())
    missing_bodies = fields.List(Str())
    body_ids = fields.List(
        Str(), metadata={"description": N_("Organene i runden, som ID i registeret.")}
    )
    missing_body_ids = fields.List(Str())
    schedule = fields.List(Int())
    progress = fields.List(fields.Nested(BodyProgressSchema))
    unasked = fields.List(
        Str(),
        metadata={
            "description": N_(
                "Numrene på tiltakene runden ikke spør noe organ om, fordi et organ tiltaket "
                "nevner som ansvarlig, ikke er i organregisteret (slå sammen skrivemåtene)."
            )
        },
    )


class ClosedRoundSchema(Schema):
    round_id = Str()
    deadline = Str()
    closed_on = Str(metadata={"description": N_("Dagen runden ble lukket (ÅÅÅÅ-MM-DD).")})
    decision = Str()
    bodies = fields.List(Str())
    missing_bodies = fields.List(Str())
    body_ids = fields.List(Str())
    missing_body_ids = fields.List(Str())
    progress = fields.List(fields.Nested(BodyProgressSchema))


class SmartGapSchema(Schema):
    number = Str()
    gaps = fields.List(Str())


class UncoveredSchema(Schema):
    code = Str()
    label = Str()


class DashboardSchema(Schema):
    plan = Str()
    today = Str()
    by_area = fields.List(fields.Nested(StatusCountsSchema))
    by_body = fields.List(fields.Nested(StatusCountsSchema))
    open_round = fields.Nested(OpenRoundSchema, allow_none=True)
    not_smart = fields.List(fields.Nested(SmartGapSchema))
    topics_without_measures = fields.List(fields.Nested(UncoveredSchema))
    groups_without_measures = fields.List(fields.Nested(UncoveredSchema))
    rounds = fields.List(fields.Nested(RoundColumnSchema))
    trend = fields.List(fields.Nested(MeasureTrendSchema))
    closed_round = fields.Nested(
        ClosedRoundSchema,
        allow_none=True,
        metadata={
            "description": N_(
                "Når ingen runde er åpen: runden som ble lukket sist, og hvem som hadde "
                "rapportert alle tiltakene sine i den."
            )
        },
    )


class ChainHeadSchema(Schema):
    position = Int()
    hash = Str()
    recorded_at = Str(allow_none=True)


class ChainReportSchema(Schema):
    ok = fields.Boolean()
    checked = Int()
    first_bad_position = Int(allow_none=True)
    reason = Str()
    head = fields.Nested(ChainHeadSchema, allow_none=True)
    unchained = Int()
    details = fields.List(Str())
    verified_through = Int(allow_none=True)
    unverified = Int()

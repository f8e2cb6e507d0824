"""What the write endpoints accept: one schema per command of the application.

Every command carries why it is made (`reason`) and, where it follows from
one, the decision ("SSU sak 11/24"); both are stored on the event.
Edits of measures, areas and goals take `expected_revision` (or an `If-Match`
header) so that a change made meanwhile by someone else is refused, never
overwritten; an answer replacing another names the one it replaces (`replaces`).
"""

from __future__ import annotations

from marshmallow import fields, validate

from domain import text as t
from domain.measure import EVALUATION_FIELDS
from domain.reminders import MAX_SCHEDULE_DAYS
from domain.vocabulary import TOPICS_6_2, PatientGroup
from language import N_
from web.schemas import base as f
from web.schemas.base import StrictSchema

YEAR_KEY = validate.Regexp(r"^[0-9]{4}$", error=N_("Årstall må skrives med fire sifre."))


def marks() -> fields.Dict:
    return fields.Dict(
        keys=fields.String(validate=YEAR_KEY),
        values=f.text(required=False, max_length=t.MARK),
        load_default=dict,
        metadata={"description": N_('Årsmerker, f.eks. {"2023": "x høst", "2024": "-"}.')},
        error_messages={"invalid": N_("Må være et objekt med årstall som nøkler.")},
    )


MEASURE_REVISION = N_("Avvis endringen om tiltaket har et annet endringsnummer nå.")
AREA_REVISION = N_("Avvis endringen om innsatsområdet har et annet endringsnummer nå.")
GOAL_REVISION = N_("Avvis endringen om målet har et annet endringsnummer nå.")


def revision(description: str = MEASURE_REVISION) -> fields.Integer:
    """The revision the caller read (what it changes names its own in `description`)."""
    return f.integer(
        required=False,
        minimum=1,
        load_default=None,
        allow_none=True,
        metadata={"description": description},
    )


class CommandSchema(StrictSchema):
    reason = f.text(required=False, metadata={"description": N_("Hvorfor endringen gjøres.")})
    decision = f.text(
        required=False, metadata={"description": N_('Vedtaket, f.eks. "SSU sak 11/24".')}
    )


class CreatePlanSchema(CommandSchema):
    key = fields.String(
        required=True,
        validate=validate.Regexp(
            r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$",
            error=N_("Plannøkkelen kan ha bokstaver a–z, tall, punktum, bindestrek og understrek."),
        ),
        error_messages={"required": N_("Feltet må fylles ut."), "invalid": N_("Må være tekst.")},
    )
    title = f.text()
    owner = f.text()
    first_year = f.year()
    last_year = f.year()


class PlanTitleCommandSchema(CommandSchema):
    title = f.text(metadata={"description": N_("Planens nye tittel.")})
    replaces = f.text(
        required=False,
        load_default=None,
        allow_none=True,
        metadata={
            "description": N_(
                "Tittelen du vil erstatte, slik du leste den; endringen avvises med 409 om "
                "planen har en annen tittel nå."
            )
        },
    )


class PeriodReadSchema(StrictSchema):
    """A plan period as the caller read it."""

    first_year = f.year()
    last_year = f.year()


class PlanPeriodCommandSchema(CommandSchema):
    first_year = f.year()
    last_year = f.year()
    replaces = fields.Nested(
        PeriodReadSchema,
        required=False,
        load_default=None,
        allow_none=True,
        metadata={
            "description": N_(
                "Planperioden du vil erstatte, slik du leste den; endringen avvises med 409 "
                "om planen har en annen periode nå."
            )
        },
    )


class NewAreaSchema(CommandSchema):
    number = f.text(max_length=10)
    title = f.text()


class TitleSchema(CommandSchema):
    title = f.text()
    expected_revision = revision(AREA_REVISION)


class NewGoalSchema(CommandSchema):
    number = f.text(max_length=20)
    text = f.long_text()


class TextSchema(CommandSchema):
    text = f.long_text()
    expected_revision = revision(GOAL_REVISION)


class GoalRemovalSchema(CommandSchema):
    expected_revision = revision(GOAL_REVISION)


class NewMeasureSchema(CommandSchema):
    number = f.text(max_length=40)
    text = f.long_text()
    responsible = f.text_list()
    marks = marks()
    see_also = f.text_list()
    references = f.text_list()


class RewordSchema(CommandSchema):
    text = f.long_text()
    expected_revision = revision()


class MoveSchema(CommandSchema):
    number = f.text(max_length=40)
    expected_revision = revision()


class RevisionOnlySchema(CommandSchema):
    expected_revision = revision()


class ResponsibleSchema(CommandSchema):
    bodies = f.text_list(required=True)
    expected_revision = revision()


class TimeframeSchema(CommandSchema):
    marks = fields.Dict(
        keys=fields.String(validate=YEAR_KEY),
        values=f.text(required=False, max_length=t.MARK),
        load_default=None,
        allow_none=True,
        metadata={
            "description": N_(
                'Årsmerker, f.eks. {"2023": "x høst", "2024": "-"}; uten «marks» '
                "står årsmerkene som de er (bare «note» endres)."
            )
        },
        error_messages={"invalid": N_("Må være et objekt med årstall som nøkler.")},
    )
    note = f.text(required=False, max_length=t.NOTE, allow_none=True, load_default=None)
    expected_revision = revision()


class LinksSchema(CommandSchema):
    see_also = f.text_list()
    references = f.text_list()
    expected_revision = revision()


class SmartSchema(CommandSchema):
    indicator = f.text(required=False, max_length=t.SMART_PART)
    target = f.text(required=False, max_length=t.SMART_PART)
    deadline = f.day(required=False, allow_none=True, load_default=None)
    expected_revision = revision()


class EvaluationSchema(CommandSchema):
    evaluation = fields.Dict(
        keys=fields.String(
            validate=validate.OneOf(EVALUATION_FIELDS, error=N_("Ukjent felt i evalueringsplanen."))
        ),
        values=f.text(required=False, max_length=t.COMMENT),
        required=True,
        data_key="fields",
    )
    expected_revision = revision()


class TagsSchema(CommandSchema):
    patient_groups = fields.List(
        fields.String(validate=validate.OneOf([g.value for g in PatientGroup])),
        load_default=list,
        metadata={"description": N_("barn_og_unge, psykisk_rus, skropelege_eldre, kroniske")},
    )
    topics = fields.List(
        fields.Integer(strict=True, validate=validate.OneOf(sorted(TOPICS_6_2))),
        load_default=list,
        metadata={"description": N_("Tema i § 6-2 (1–13).")},
    )
    expected_revision = revision()


class StatusReportSchema(CommandSchema):
    colour = f.text(max_length=20, metadata={"description": N_("grønn, gul eller rød.")})
    comment = f.text(required=False, max_length=t.COMMENT)
    reported_on = f.day(required=False, allow_none=True, load_default=None)
    body = f.text(required=False, metadata={"description": N_("Organet som rapporterer.")})
    replaces = f.text(
        required=False,
        load_default=None,
        allow_none=True,
        max_length=40,
        metadata={
            "description": N_(
                'Kjennetegnet (tag) for statusen i den åpne runden slik du leste den ("" om du '
                "ikke så noen); rapporten avvises med 409 om statusen som er lagret nå, er en "
                "annen."
            )
        },
    )


class OpenRoundCommandSchema(CommandSchema):
    decision = f.text(metadata={"description": N_("Vedtaket som ber om rapportering (påkrevd).")})
    deadline = f.day()
    bodies = f.text_list(required=True, min_items=1)


class CloseRoundCommandSchema(CommandSchema):
    round_id = f.text(
        required=False,
        load_default=None,
        allow_none=True,
        max_length=20,
        metadata={
            "description": N_(
                "Runden du leste som åpen, f.eks. R1. Er en annen runde åpen nå, avvises "
                "lukkingen med 409 og ingenting lagres. Uten feltet lukkes runden som er åpen "
                "når forespørselen leses."
            )
        },
    )


class ReminderCommandSchema(CommandSchema):
    body = f.text(
        max_length=t.BODY,
        metadata={
            "description": N_("Organet, helst som ID i registeret (body_id i statusoversikten).")
        },
    )
    step = f.integer(
        minimum=-MAX_SCHEDULE_DAYS,
        maximum=MAX_SCHEDULE_DAYS,
        metadata={"description": N_("Steget: dager før fristen (negativt: etter), f.eks. -1.")},
    )


class ConfirmReminderCommandSchema(ReminderCommandSchema):
    attempt = f.integer(
        required=False,
        minimum=1,
        load_default=None,
        allow_none=True,
        metadata={
            "description": N_(
                "Forsøket du så som «kanskje sendt» (attempt i svaret eller i "
                "statusoversikten). Er påminnelsen sendt på nytt siden, også mens den sendingen "
                "ennå pågår, avvises bekreftelsen med 409 og ingenting lagres. Uten feltet "
                "gjelder forsøket påminnelsen står på når forespørselen leses."
            )
        },
    )


class ResendReminderCommandSchema(ReminderCommandSchema):
    attempt = f.integer(
        required=False,
        minimum=1,
        load_default=None,
        allow_none=True,
        metadata={
            "description": N_(
                "Forsøket du så (attempt i svaret eller i statusoversikten). Er påminnelsen sendt "
                "på nytt siden, avvises sendingen med 422 og ingenting sendes. Uten feltet "
                "gjelder forsøket påminnelsen står på når forespørselen leses."
            )
        },
    )


class DecisionSchema(CommandSchema):
    community = f.text(max_length=t.KEY)
    case = f.text(
        max_length=t.CASE, metadata={"description": N_('Saksnummer, f.eks. "sak 11/24".')}
    )
    body = f.text(max_length=t.BODY)
    meeting_date = f.day()
    text = f.long_text()
    plan = f.text(required=False, max_length=t.KEY)


class HearingSchema(CommandSchema):
    deadline = f.day()
    sent_on = f.day(
        required=False,
        allow_none=True,
        load_default=None,
        metadata={
            "description": N_(
                "Dagen utkastet ble sendt på høring (ÅÅÅÅ-MM-DD), standard i dag: ikke etter "
                "i dag, og ikke etter høringsfristen. Ingen uttalelse kan ha kommet inn før den."
            )
        },
    )
    asked = f.text_list(
        max_items=200,
        metadata={"description": N_("Høringsinstansene (organer og organisasjoner).")},
    )


class HearingResponseCommandSchema(CommandSchema):
    respondent = f.text(metadata={"description": N_("Hvem uttalelsen kommer fra.")})
    text = f.long_text()
    received_on = f.day(required=False, allow_none=True, load_default=None)
    attachments = f.text_list(
        metadata={
            "description": N_("Vedlegg som filnavn eller adresse (bare henvisningen lagres).")
        }
    )


class HearingAnswerCommandSchema(CommandSchema):
    text = f.long_text()
    answered_on = f.day(required=False, allow_none=True, load_default=None)
    replace = fields.Boolean(load_default=False, metadata={"description": N_("Erstatt et svar.")})
    replaces = f.long_text(
        required=False,
        load_default=None,
        allow_none=True,
        metadata={
            "description": N_(
                "Svaret du vil erstatte, slik du leste det; endringen avvises med 409 om "
                "svaret som er lagret nå, er et annet."
            )
        },
    )


class HearingExtendCommandSchema(CommandSchema):
    deadline = f.day(
        metadata={
            "description": N_(
                "Den nye høringsfristen (ÅÅÅÅ-MM-DD), etter fristen som gjelder nå; den gjelder "
                "for alle som ble spurt."
            )
        }
    )
    replaces = f.day(
        required=False,
        load_default=None,
        allow_none=True,
        metadata={
            "description": N_(
                "Fristen du vil forlenge, slik du leste den; endringen avvises med 409 om "
                "fristen som gjelder nå, er en annen."
            )
        },
    )


class HearingSentDateCommandSchema(CommandSchema):
    sent_on = f.day(
        metadata={
            "description": N_(
                "Dagen utkastet ble sendt på høring (ÅÅÅÅ-MM-DD): ikke etter i dag, ikke etter "
                "høringsfristen det ble sendt med, og ikke etter at en uttalelse kom inn."
            )
        }
    )
    replaces = f.day(
        allow_none=True,
        metadata={
            "description": N_(
                "Dagen du retter, slik du leste den, uten verdi når ingen dag er registrert; "
                "endringen avvises med 409 om dagen som er registrert nå, er en annen."
            )
        },
    )
    version = f.integer(
        required=False,
        minimum=1,
        load_default=None,
        metadata={"description": N_("Høringen av denne versjonen (standard: den siste).")},
    )
    reason = f.text(
        metadata={
            "description": N_(
                "Hvorfor dagen rettes (f.eks. feil dato registrert); lagres i endringsloggen."
            )
        }
    )


class HearingWithdrawCommandSchema(CommandSchema):
    reason = f.text(
        metadata={
            "description": N_(
                "Hvorfor uttalelsen trekkes tilbake (f.eks. registrert to ganger); lagres med "
                "uttalelsen og i endringsloggen."
            )
        }
    )


class EvaluateCommandSchema(CommandSchema):
    year = f.year()
    result = f.text(
        max_length=40,
        metadata={
            "description": N_(
                "oppnådd, delvis oppnådd eller ikke oppnådd (achieved, partly, not_achieved)."
            )
        },
    )
    led_to = f.text(max_length=t.COMMENT, metadata={"description": N_("Hva tiltaket førte til.")})
    recommendation = f.text(
        max_length=40,
        metadata={"description": N_("videreføre, endre eller avslutte (continue, change, end).")},
    )
    body = f.text(max_length=t.BODY, metadata={"description": N_("Organet som evaluerer.")})
    evaluated_on = f.day(required=False, allow_none=True, load_default=None)
    replace = fields.Boolean(load_default=False, metadata={"description": N_("Erstatt årets.")})
    replaces = f.text(
        required=False,
        load_default=None,
        allow_none=True,
        max_length=40,
        metadata={
            "description": N_(
                'Kjennetegnet (tag) for evalueringen du vil erstatte, slik du leste den ("" om '
                "du ikke så noen); endringen avvises med 409 om evalueringen som er lagret nå, "
                "er en annen."
            )
        },
    )


class SubmitSchema(CommandSchema):
    bodies = f.text_list(required=True, min_items=1)


class ApproveSchema(CommandSchema):
    version = f.integer(minimum=1)
    body = f.text(max_length=t.BODY)
    case = f.text(max_length=t.CASE)
    meeting_date = f.day()


class ApprovalReadSchema(StrictSchema):
    """An approval as the caller read it: its case (in any spelling) and meeting day."""

    case = f.text(max_length=t.CASE)
    meeting_date = f.day()


class ApprovalWithdrawalSchema(CommandSchema):
    version = f.integer(minimum=1)
    body = f.text(max_length=t.BODY)
    reason = f.text(
        metadata={
            "description": N_(
                "Hvorfor godkjenningen trekkes tilbake (f.eks. registrert for feil organ); "
                "lagres i endringsloggen."
            )
        }
    )
    replaces = fields.Nested(
        ApprovalReadSchema,
        required=False,
        load_default=None,
        allow_none=True,
        metadata={
            "description": N_(
                "Godkjenningen du trekker tilbake, slik du leste den; avvises med 409 om "
                "organet har godkjent på nytt siden, også med samme sak og en annen møtedato."
            )
        },
    )

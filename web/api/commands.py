"""Write endpoints: each calls one command of the application, stamped as made on the web.

The actor is the token's name, the source is `web`, and the reason and
decision come from the request. Edits of measures, areas and goals honour
`expected_revision` (body) or `If-Match` (header): a stale revision is refused
with 409, and each answers with the revision its save left, as `ETag` too.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request
from marshmallow import ValidationError as SchemaError

from domain.application import Planlogg
from domain.dates import format_norwegian_date, period_words
from domain.decision import parse_case
from domain.errors import (
    AlreadyAnsweredError,
    AlreadyEvaluatedError,
    NotFoundError,
    RuleError,
    ValidationError,
)
from domain.measure import FIRST_REVISION
from domain.plan import normal_number
from domain.plan_state import Approval
from domain.provenance import Provenance, Source
from language import N_, _
from notify.sender import AttemptMovedOnError
from web.api.etags import bare_revision, check_same_measure, if_match, measure_etag, revision_etag
from web.api.operation import operation
from web.reading import cited_decision
from web.reminder_actions import confirm_reminder, reminder_now, resend_reminder
from web.roles import Permission
from web.schemas import commands as c
from web.schemas.results import CommandResultSchema
from web.services import services
from web.tokens import ApiToken

bp = Blueprint("api_commands", __name__, url_prefix="/api")

EDIT = {"permission": Permission.EDIT, "response": CommandResultSchema, "conflicts": True}
APPROVE = {"permission": Permission.APPROVE, "response": CommandResultSchema, "conflicts": True}
MEASURE = {**EDIT, "tag": N_("Tiltak"), "etag": True}


def _app() -> Planlogg:
    return services().app


def _by(token: ApiToken, body: dict[str, Any], community: str | None = None) -> Provenance:
    """Who acts, why, and the decision cited: one `community` registered (default: the
    owner of the plan the address names)."""
    decision = cited_decision(body.get("decision", ""), community)
    return Provenance(token.name, Source.WEB, body.get("reason", ""), decision)


def _expected_revision(body: dict[str, Any], ref: str, measure_id: str) -> int | None:
    """The revision the caller saw: the body field, else the If-Match header; an If-Match
    naming another measure than the one `ref` now is refused (`web.api.etags`)."""
    seen = if_match(request.headers.get("If-Match", ""))
    check_same_measure(seen, ref, measure_id)
    if body.get("expected_revision") is not None:
        return int(body["expected_revision"])
    return seen.revision if seen else None


def _seen_revision(body: dict[str, Any]) -> int | None:
    """The revision of an area or goal the caller saw: the body field, else If-Match."""
    seen = bare_revision(request.headers.get("If-Match", ""))
    if body.get("expected_revision") is not None:
        return int(body["expected_revision"])
    return seen


def _tagged(key: str, done: str, revision: int, status: int = 200) -> Response:
    """Answer an area or goal command with the revision its own save left, also as ETag
    (read after the save, it could be a later change's; see `_measure_done`)."""
    response = jsonify(CommandResultSchema().dump({"done": done, "key": key, "revision": revision}))
    response.status_code = status
    response.headers["ETag"] = revision_etag(revision)
    return response


def _measure_id(key: str, ref: str) -> str:
    """Resolve a number to the stable ID first, so a concurrent renumbering cannot redirect."""
    app = _app()
    return app.measure_id(app.get_plan(key), ref)


def _reported_measure_id(key: str, ref: str) -> str:
    """As `_measure_id`, for a status or an evaluation: a number as the version in force
    numbers its measures, the one bodies report on."""
    app = _app()
    return app.reporting_measure_id(app.get_plan(key), ref)


def _measure_done(key: str, measure_id: str, done: str, revision: int) -> Response:
    """Answer a measure edit with the revision its own save left (also as ETag): read after
    the save instead, it could be a later edit's, which the caller has not seen, and an
    If-Match with it would let the caller's next edit overwrite that one."""
    response = jsonify(
        CommandResultSchema().dump(
            {"done": done, "key": key, "measure_id": measure_id, "revision": revision}
        )
    )
    response.headers["ETag"] = measure_etag(measure_id, revision)
    return response


# --- plans, areas, goals --------------------------------------------------------------


@bp.post("/plans")
@operation(
    summary=N_("Opprett en plan (utkast)"),
    tag=N_("Planer"),
    body=c.CreatePlanSchema,
    status=201,
    **EDIT,
)
def create_plan(token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    _app().create_plan(
        body["key"], body["title"], body["owner"], body["first_year"], body["last_year"],
        _by(token, body, body["owner"]),
    )  # fmt: skip
    return {"done": _("Opprettet planen %(key)s.", key=body["key"]), "key": body["key"]}


@bp.post("/plans/<key>/title")
@operation(summary=N_("Gi planen en ny tittel"), tag=N_("Planer"),
           body=c.PlanTitleCommandSchema, **EDIT)  # fmt: skip
def retitle_plan(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    before = _app().retitle_plan(key, body["title"], _by(token, body), seen=body["replaces"])
    done = _("%(plan)s har fått ny tittel (før: «%(old)s»).", plan=key, old=before)
    return {"done": done, "key": key}


@bp.post("/plans/<key>/period")
@operation(summary=N_("Endre planperioden"), tag=N_("Planer"),
           body=c.PlanPeriodCommandSchema, **EDIT)  # fmt: skip
def change_period(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    read = body["replaces"]
    first, last = body["first_year"], body["last_year"]
    before = _app().change_period(
        key, first, last, _by(token, body),
        seen=(read["first_year"], read["last_year"]) if read else None,
    )  # fmt: skip
    done = _(
        "Planperioden for %(plan)s er endret fra %(old)s til %(new)s.",
        plan=key,
        old=period_words(*before),
        new=period_words(first, last),
    )
    return {"done": done, "key": key}


@bp.post("/plans/<key>/areas")
@operation(
    summary=N_("Legg til et innsatsområde"),
    tag=N_("Planer"),
    etag=True,
    body=c.NewAreaSchema,
    status=201,
    **EDIT,
)
def add_area(key: str, token: ApiToken, body: dict[str, Any]) -> Response:
    revision = _app().add_area(key, body["number"], body["title"], _by(token, body))
    done = _("La til innsatsområde %(number)s.", number=normal_number(body["number"]))
    return _tagged(key, done, revision, status=201)


@bp.put("/plans/<key>/areas/<number>")
@operation(summary=N_("Gi et innsatsområde ny tittel"), tag=N_("Planer"), body=c.TitleSchema,
           if_match=True, etag=True, **EDIT)  # fmt: skip
def rename_area(key: str, number: str, token: ApiToken, body: dict[str, Any]) -> Response:
    revision = _app().rename_area(
        key, number, body["title"], _by(token, body), _seen_revision(body)
    )
    done = _("Innsatsområde %(number)s har fått ny tittel.", number=normal_number(number))
    return _tagged(key, done, revision)


@bp.post("/plans/<key>/goals")
@operation(
    summary=N_("Legg til et mål"),
    tag=N_("Planer"),
    etag=True,
    body=c.NewGoalSchema,
    status=201,
    **EDIT,
)
def add_goal(key: str, token: ApiToken, body: dict[str, Any]) -> Response:
    revision = _app().add_goal(key, body["number"], body["text"], _by(token, body))
    done = _("La til mål %(number)s.", number=normal_number(body["number"]))
    return _tagged(key, done, revision, status=201)


@bp.put("/plans/<key>/goals/<number>")
@operation(summary=N_("Endre teksten i et mål"), tag=N_("Planer"), body=c.TextSchema,
           if_match=True, etag=True, **EDIT)  # fmt: skip
def reword_goal(key: str, number: str, token: ApiToken, body: dict[str, Any]) -> Response:
    revision = _app().reword_goal(key, number, body["text"], _by(token, body), _seen_revision(body))
    return _tagged(key, _("Endret mål %(number)s.", number=normal_number(number)), revision)


@bp.delete("/plans/<key>/goals/<number>")
@operation(summary=N_("Fjern et mål uten tiltak"), tag=N_("Planer"), body=c.GoalRemovalSchema,
           if_match=True, etag=True, **EDIT)  # fmt: skip
def remove_goal(key: str, number: str, token: ApiToken, body: dict[str, Any]) -> Response:
    revision = _app().remove_goal(key, number, _by(token, body), _seen_revision(body))
    return _tagged(key, _("Fjernet mål %(number)s.", number=normal_number(number)), revision)


# --- measures -------------------------------------------------------------------------


@bp.post("/plans/<key>/measures")
@operation(summary=N_("Legg til et tiltak"), body=c.NewMeasureSchema, status=201, **MEASURE)
def add_measure(key: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _app().add_measure(
        key,
        body["number"],
        body["text"],
        _by(token, body),
        responsible=body["responsible"],
        marks={int(y): mark for y, mark in body["marks"].items()},
        see_also=body["see_also"],
        references=body["references"],
    )
    response = _measure_done(
        key,
        measure_id,
        _("La til tiltak %(number)s (%(id)s).", number=body["number"], id=measure_id),
        FIRST_REVISION,
    )
    response.status_code = 201
    return response


@bp.post("/plans/<key>/measures/<ref>/text")
@operation(summary=N_("Endre teksten i et tiltak"), body=c.RewordSchema, if_match=True, **MEASURE)
def reword_measure(key: str, ref: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _measure_id(key, ref)
    app = _app()
    revision = app.reword_measure(
        key, measure_id, body["text"], _by(token, body), _expected_revision(body, ref, measure_id)
    )
    return _measure_done(key, measure_id, _("Endret teksten i %(ref)s.", ref=ref), revision)


@bp.post("/plans/<key>/measures/<ref>/number")
@operation(summary=N_("Gi tiltaket nytt nummer (flytt det)"), body=c.MoveSchema, if_match=True,
           **MEASURE)  # fmt: skip
def move_measure(key: str, ref: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _measure_id(key, ref)
    revision = _app().move_measure(
        key, measure_id, body["number"], _by(token, body), _expected_revision(body, ref, measure_id)
    )
    return _measure_done(
        key,
        measure_id,
        _("%(ref)s har nå nummer %(number)s.", ref=ref, number=body["number"]),
        revision,
    )


@bp.post("/plans/<key>/measures/<ref>/remove")
@operation(summary=N_("Fjern et tiltak (kan gjenopprettes)"), body=c.RevisionOnlySchema,
           if_match=True, **MEASURE)  # fmt: skip
def remove_measure(key: str, ref: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _measure_id(key, ref)
    revision = _app().remove_measure(
        key, measure_id, _by(token, body), _expected_revision(body, ref, measure_id)
    )
    return _measure_done(
        key, measure_id, _("Fjernet %(ref)s (%(id)s).", ref=ref, id=measure_id), revision
    )


@bp.post("/plans/<key>/measures/<ref>/restore")
@operation(summary=N_("Gjenopprett et fjernet tiltak (oppgi ID, f.eks. T012)"),
           body=c.RevisionOnlySchema, if_match=True, **MEASURE)  # fmt: skip
def restore_measure(key: str, ref: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _measure_id(key, ref)
    revision = _app().restore_measure(
        key, measure_id, _by(token, body), _expected_revision(body, ref, measure_id)
    )
    return _measure_done(key, measure_id, _("Gjenopprettet %(ref)s.", ref=ref), revision)


@bp.post("/plans/<key>/measures/<ref>/responsible")
@operation(
    summary=N_("Sett ansvarlige organer"), body=c.ResponsibleSchema, if_match=True, **MEASURE
)
def assign_responsible(key: str, ref: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _measure_id(key, ref)
    app = _app()
    revision = app.assign_responsible(
        key, measure_id, body["bodies"], _by(token, body), _expected_revision(body, ref, measure_id)
    )
    return _measure_done(key, measure_id, _("Ansvar for %(ref)s er lagret.", ref=ref), revision)


@bp.post("/plans/<key>/measures/<ref>/timeframe")
@operation(summary=N_("Sett tidsrammen (årsmerker)"), body=c.TimeframeSchema, if_match=True,
           **MEASURE)  # fmt: skip
def set_timeframe(key: str, ref: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _measure_id(key, ref)
    revision = _app().set_timeframe(
        key,
        measure_id,
        None if body["marks"] is None else {int(y): m for y, m in body["marks"].items()},
        _by(token, body),
        note=body["note"],
        expected_revision=_expected_revision(body, ref, measure_id),
    )
    return _measure_done(key, measure_id, _("Tidsrammen for %(ref)s er lagret.", ref=ref), revision)


@bp.post("/plans/<key>/measures/<ref>/links")
@operation(summary=N_("Sett «se også» og referanser"), body=c.LinksSchema, if_match=True,
           **MEASURE)  # fmt: skip
def link_measure(key: str, ref: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _measure_id(key, ref)
    revision = _app().link_measure(
        key, measure_id, body["see_also"], body["references"], _by(token, body),
        _expected_revision(body, ref, measure_id),
    )  # fmt: skip
    return _measure_done(
        key, measure_id, _("«Se også» og referanser for %(ref)s er lagret.", ref=ref), revision
    )


@bp.post("/plans/<key>/measures/<ref>/smart")
@operation(summary=N_("Sett SMART-feltene"), body=c.SmartSchema, if_match=True, **MEASURE)
def set_smart(key: str, ref: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _measure_id(key, ref)
    revision = _app().set_smart_criteria(
        key, measure_id, _by(token, body), body["indicator"], body["target"], body["deadline"],
        _expected_revision(body, ref, measure_id),
    )  # fmt: skip
    return _measure_done(
        key, measure_id, _("SMART-feltene for %(ref)s er lagret.", ref=ref), revision
    )


@bp.post("/plans/<key>/measures/<ref>/evaluation")
@operation(summary=N_("Sett evalueringsplanen"), body=c.EvaluationSchema, if_match=True,
           **MEASURE)  # fmt: skip
def set_evaluation(key: str, ref: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _measure_id(key, ref)
    revision = _app().set_evaluation_plan(
        key,
        measure_id,
        body["evaluation"],
        _by(token, body),
        _expected_revision(body, ref, measure_id),
    )
    return _measure_done(
        key, measure_id, _("Evalueringsplanen for %(ref)s er lagret.", ref=ref), revision
    )


@bp.post("/plans/<key>/measures/<ref>/evaluations")
@operation(summary=N_("Evaluer tiltaket for ett år (resultat, hva det førte til, anbefaling)"),
           body=c.EvaluateCommandSchema, **MEASURE)  # fmt: skip
def evaluate_measure(key: str, ref: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _reported_measure_id(key, ref)
    try:
        revision = _app().evaluate_measure(
            key, measure_id, body["year"], body["result"], body["led_to"],
            body["recommendation"], body["body"], _by(token, body),
            evaluated_on=body["evaluated_on"], replace=body["replace"], seen=body["replaces"],
            today=services().today(),
        )  # fmt: skip
    except AlreadyEvaluatedError as evaluated:
        raise RuleError(
            _(
                "Tiltak %(number)s er allerede evaluert for %(year)s. Send «replace»: true for å "
                "erstatte evalueringen.",
                number=evaluated.number,
                year=evaluated.year,
            )
        ) from None
    return _measure_done(
        key,
        measure_id,
        _("Evalueringen av %(ref)s for %(year)s er lagret.", ref=ref, year=body["year"]),
        revision,
    )


@bp.post("/plans/<key>/measures/<ref>/tags")
@operation(summary=N_("Merk med pasientgrupper og tema i § 6-2"), body=c.TagsSchema,
           if_match=True, **MEASURE)  # fmt: skip
def tag_measure(key: str, ref: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _measure_id(key, ref)
    revision = _app().tag_measure(
        key, measure_id, body["patient_groups"], body["topics"], _by(token, body),
        _expected_revision(body, ref, measure_id),
    )  # fmt: skip
    return _measure_done(key, measure_id, _("Merkingen av %(ref)s er lagret.", ref=ref), revision)


@bp.post("/plans/<key>/measures/<ref>/status")
@operation(summary=N_("Rapporter status (grønn, gul, rød)"), body=c.StatusReportSchema, **MEASURE)
def report_status(key: str, ref: str, token: ApiToken, body: dict[str, Any]) -> Response:
    measure_id = _reported_measure_id(key, ref)
    revision = _app().report_status(
        key,
        measure_id,
        body["colour"],
        body["comment"],
        _by(token, body),
        reported_on=body["reported_on"],
        body=body["body"],
        seen=body["replaces"],
        today=services().today(),
    )
    return _measure_done(key, measure_id, _("Status for %(ref)s er rapportert.", ref=ref), revision)


@bp.post("/plans/<key>/measures/<ref>/conflicts/<conflict>/resolve")
@operation(summary=N_("Marker en redigeringskonflikt som løst"), body=c.CommandSchema, **MEASURE)
def resolve_conflict(
    key: str, ref: str, conflict: str, token: ApiToken, body: dict[str, Any]
) -> Response:
    measure_id = _measure_id(key, ref)
    revision = _app().resolve_conflict(key, measure_id, conflict, _by(token, body))
    return _measure_done(
        key,
        measure_id,
        _("Konflikt %(conflict)s på %(ref)s er løst.", conflict=conflict, ref=ref),
        revision,
    )


# --- reporting rounds and decisions ---------------------------------------------------


@bp.post("/plans/<key>/rounds")
@operation(summary=N_("Åpne en rapporteringsrunde (krever vedtak)"), tag=N_("Rapportering"),
           body=c.OpenRoundCommandSchema, status=201, **EDIT)  # fmt: skip
def open_round(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    round_id = _app().open_reporting_round(key, body["deadline"], body["bodies"], _by(token, body))
    return {
        "done": _("Åpnet rapporteringsrunde %(round)s.", round=round_id),
        "key": key,
        "round_id": round_id,
    }


@bp.post("/plans/<key>/rounds/close")
@operation(summary=N_("Lukk den åpne rapporteringsrunden"), tag=N_("Rapportering"),
           body=c.CloseRoundCommandSchema, **EDIT,
           description=N_(
"Med round_id (runden du leste som åpen) avvises lukkingen med 409 når en annen runde "
           "er åpen nå, og ingenting lagres. Svaret sier hvilken runde som ble lukket "
           "(round_id)."
))  # fmt: skip
def close_round(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    round_id = _app().close_reporting_round(key, _by(token, body), body["round_id"])
    return {
        "done": _("Lukket rapporteringsrunde %(round)s.", round=round_id),
        "key": key,
        "round_id": round_id,
    }


def _reminder_done(key: str, body: str, step: int, done: str) -> dict[str, Any]:
    reminder = reminder_now(key, body, step)
    return {
        "done": done,
        "key": key,
        "body": reminder.body,
        "step": step,
        "reminder_status": reminder.status.value,
        "attempt": reminder.attempt,
    }


@bp.post("/plans/<key>/rounds/reminders/confirm")
@operation(summary=N_("Bekreft at en påminnelse som er «kanskje sendt», kom fram"),
           tag=N_("Rapportering"), body=c.ConfirmReminderCommandSchema, **EDIT,
           description=N_(
"Bare en påminnelse som er «kanskje sendt» (e-posttjeneren har ikke svart for alle "
           "adressene), kan bekreftes. En som er «delvis sendt», feilet eller utsatt, sendes på "
           "nytt i stedet. Med attempt (forsøket du så) avvises bekreftelsen med 409 når "
           "påminnelsen er sendt på nytt siden."
))  # fmt: skip
def confirm_reminder_sent(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    confirm_reminder(key, body["body"], body["step"], _by(token, body), body["attempt"])
    return _reminder_done(key, body["body"], body["step"], _("Påminnelsen er bekreftet sendt."))


@bp.post("/plans/<key>/rounds/reminders/resend")
@operation(summary=N_("Send en påminnelse som er «kanskje sendt», «delvis sendt», feilet eller "
                      "utsatt, én gang til"),
           tag=N_("Rapportering"), body=c.ResendReminderCommandSchema, mails=True, **EDIT,
           description=N_(
"En påminnelse som er «delvis sendt», går bare til adressene som ikke fikk den. "
           "Går gjennom e-posttjeneren i PLANLOGG_SMTP_URL (503 uten den, og "
           "ingenting registreres). Avviser tjeneren e-posten, er svaret 200 med "
           "reminder_status «failed». Med attempt (forsøket du så) avvises en sending "
           "med 422 når påminnelsen er sendt på nytt siden, også mens den sendingen "
           "ennå pågår."
))  # fmt: skip
def resend_reminder_mail(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    """An `attempt` the reminder has moved on from is a value the caller must read again:
    422 on that field (the dashboard's button, the same refusal, is a 409 rule)."""
    try:
        report = resend_reminder(key, body["body"], body["step"], _by(token, body), body["attempt"])
    except AttemptMovedOnError as moved_on:
        raise SchemaError({"attempt": [moved_on.message]}) from None
    if report.sent:
        done = _("Påminnelsen er sendt på nytt.")
    elif report.partly:
        partly = report.partly[0]
        done = _(
            "Påminnelsen er sendt på nytt til %(taken)s, men ikke til alle adressene: %(others)s",
            taken=", ".join(partly.taken),
            others=partly.others,
        )
    elif report.deferred:
        done = _put_off(key, body, "; ".join(reason for _reminder, reason in report.deferred))
    else:
        why = "; ".join(reason for _reminder, reason in report.failed)
        done = _("E-posttjeneren avviste påminnelsen: %(why)s", why=why)
    return _reminder_done(key, body["body"], body["step"], done)


def _put_off(key: str, body: dict[str, Any], why: str) -> str:
    """A resend the mail server put off (4xx): the next run tries it again when its intent
    was recorded first and it is still needed (the reminder stands deferred, or partly sent
    with addresses put off: `Reminder.tried_again`); recorded but no
    longer needed (its body has reported, a later step is due, its step left the schedule,
    the addresses put off left the body's contacts: said as such), no run sends it; put off
    before its intent was recorded, nothing was, and the client must send it again later."""
    now = reminder_now(key, body["body"], body["step"])
    if now.tried_again:
        return _(
            "E-posttjeneren ba om å få påminnelsen senere; den blir prøvd igjen ved neste "
            "utsending: %(why)s",
            why=why,
        )
    if now.left_contacts:
        return _(
            "E-posttjeneren ba om å få påminnelsen senere, og den er ikke sendt. Adressen er "
            "ikke lenger blant organets kontakter, så den blir ikke prøvd igjen: %(why)s",
            why=why,
        )
    if now.no_longer_needed:
        return _(
            "E-posttjeneren ba om å få påminnelsen senere, og den er ikke sendt. Den trengs "
            "ikke lenger og blir ikke prøvd igjen: %(why)s",
            why=why,
        )
    return _(
        "E-posttjeneren ba om å få påminnelsen senere, og den er ikke sendt. Send den på nytt "
        "litt senere: %(why)s",
        why=why,
    )


@bp.post("/decisions")
@operation(summary=N_("Registrer et vedtak"), tag=N_("Vedtak"), body=c.DecisionSchema, status=201,
           **EDIT)  # fmt: skip
def record_decision(token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    """An unknown community, or a plan that is none or another community's, is a value in the
    body the caller must put right: 422 on that field (the address names nothing that could
    be missing)."""
    community = body["community"]
    try:
        _app().check_decision_plan(community, body["plan"])
    except (NotFoundError, ValidationError) as wrong:
        raise SchemaError({"plan": [wrong.message]}) from None
    try:
        case = _app().record_decision(
            community, body["case"], body["body"], body["meeting_date"], body["text"],
            _by(token, body, community), plan=body["plan"],
        )  # fmt: skip
    except NotFoundError as unknown:
        raise SchemaError({"community": [unknown.message]}) from None
    return {"done": _("Registrerte %(case)s.", case=case), "case": case}


# --- approval flow --------------------------------------------------------------------


@bp.post("/plans/<key>/hearing")
@operation(
    summary=N_("Send utkastet på høring"), tag=N_("Godkjenning"), body=c.HearingSchema, **APPROVE
)
def send_on_hearing(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    _app().send_on_hearing(
        key, body["deadline"], _by(token, body), asked=body["asked"], sent_on=body["sent_on"]
    )
    return {"done": _("%(key)s er sendt på høring.", key=key), "key": key}


@bp.post("/plans/<key>/hearing/responses")
@operation(summary=N_("Registrer en høringsuttalelse"), tag=N_("Høring"),
           body=c.HearingResponseCommandSchema, status=201, **EDIT)  # fmt: skip
def receive_hearing_response(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    response_id = _app().receive_hearing_response(
        key, body["respondent"], body["text"], _by(token, body),
        received_on=body["received_on"], attachments=body["attachments"],
    )  # fmt: skip
    return {"done": _("Registrerte uttalelse %(id)s.", id=response_id), "key": key,
            "response_id": response_id}  # fmt: skip


@bp.post("/plans/<key>/hearing/responses/<response_id>/answer")
@operation(summary=N_("Svar på en høringsuttalelse"), tag=N_("Høring"),
           body=c.HearingAnswerCommandSchema, **EDIT)  # fmt: skip
def answer_hearing_response(
    key: str, response_id: str, token: ApiToken, body: dict[str, Any]
) -> dict[str, Any]:
    try:
        _app().answer_hearing_response(
            key, response_id, body["text"], _by(token, body),
            answered_on=body["answered_on"], replace=body["replace"], seen=body["replaces"],
        )  # fmt: skip
    except AlreadyAnsweredError as answered:
        raise RuleError(
            _(
                "Uttalelsen %(response)s fra %(respondent)s er allerede besvart. Send «replace»: "
                "true for å erstatte svaret.",
                response=answered.response,
                respondent=answered.respondent,
            )
        ) from None
    return {"done": _("Svaret på %(id)s er lagret.", id=response_id), "key": key,
            "response_id": response_id.strip().upper()}  # fmt: skip


@bp.post("/plans/<key>/hearing/deadline")
@operation(summary=N_("Forleng høringsfristen for alle som ble spurt"), tag=N_("Høring"),
           body=c.HearingExtendCommandSchema, **EDIT)  # fmt: skip
def extend_hearing_deadline(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    old = _app().extend_hearing_deadline(
        key, body["deadline"], _by(token, body), seen=body["replaces"]
    )
    done = _(
        "Høringsfristen for %(plan)s er forlenget fra %(old)s til %(new)s.",
        plan=key,
        old=format_norwegian_date(old),
        new=format_norwegian_date(body["deadline"]),
    )
    return {"done": done, "key": key}


@bp.post("/plans/<key>/hearing/sent-on")
@operation(summary=N_("Rett dagen utkastet ble sendt på høring"), tag=N_("Høring"),
           body=c.HearingSentDateCommandSchema, **EDIT)  # fmt: skip
def correct_hearing_sent_date(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    before = _app().correct_hearing_sent_date(
        key, body["sent_on"], _by(token, body), seen=body["replaces"], version=body["version"]
    )
    done = _(
        "Høringen av versjon %(version)s er registrert sendt %(new)s.",
        version=before.version,
        new=format_norwegian_date(body["sent_on"]),
    )
    return {"done": done, "key": key, "version": before.version}


@bp.post("/plans/<key>/hearing/responses/<response_id>/withdrawal")
@operation(summary=N_("Trekk tilbake en uttalelse registrert ved en feil"), tag=N_("Høring"),
           body=c.HearingWithdrawCommandSchema, **EDIT)  # fmt: skip
def withdraw_hearing_response(
    key: str, response_id: str, token: ApiToken, body: dict[str, Any]
) -> dict[str, Any]:
    withdrawn = _app().withdraw_hearing_response(key, response_id, body["reason"], _by(token, body))
    done = _(
        "Uttalelse %(id)s fra %(respondent)s er trukket tilbake.",
        id=withdrawn.id,
        respondent=withdrawn.respondent,
    )
    return {"done": done, "key": key, "response_id": withdrawn.id}


@bp.post("/plans/<key>/submissions")
@operation(summary=N_("Send planen til godkjenning"), tag=N_("Godkjenning"), body=c.SubmitSchema,
           status=201, **APPROVE)  # fmt: skip
def submit(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    version = _app().submit(key, body["bodies"], _by(token, body))
    return {
        "done": _("Versjon %(version)s er sendt til godkjenning.", version=version),
        "key": key,
        "version": version,
    }


@bp.post("/plans/<key>/approvals")
@operation(summary=N_("Registrer at et organ har godkjent en versjon"), tag=N_("Godkjenning"),
           body=c.ApproveSchema, **APPROVE)  # fmt: skip
def approve(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    _decided_by_its_case(key, body)
    version = body["version"]
    adopted = _app().approve(
        key,
        version,
        body["body"],
        body["case"],
        body["meeting_date"],
        _by(token, body),
    )
    done = _("%(body)s godkjente versjon %(version)s.", body=body["body"], version=version)
    if adopted:
        done += " " + _("Planen er nå vedtatt.")
    return {"done": done, "key": key, "version": version, "adopted": adopted}


@bp.post("/plans/<key>/approvals/withdrawal")
@operation(summary=N_("Trekk tilbake en godkjenning registrert ved en feil"),
           tag=N_("Godkjenning"), body=c.ApprovalWithdrawalSchema, **APPROVE)  # fmt: skip
def withdraw_approval(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    """Until the version is adopted; the body waits again, and may approve anew."""
    version, read = body["version"], body["replaces"]
    seen = Approval(read["case"], read["meeting_date"]) if read else None
    approving, withdrawn = _app().withdraw_approval(
        key, version, body["body"], body["reason"], _by(token, body), seen
    )
    done = _(
        "Godkjenningen fra %(body)s av versjon %(version)s (%(case)s) er trukket tilbake.",
        body=approving,
        version=version,
        case=withdrawn.case,
    )
    return {"done": done, "key": key, "version": version, "body": approving,
            "case": withdrawn.case}  # fmt: skip


def _decided_by_its_case(key: str, body: dict[str, Any]) -> None:
    """An approval is decided by its own case: a `decision` naming another case, or the same
    number in another body's papers (each body numbers its own), filed the approval under
    that decision. Bodies are compared as the plan's register knows them ("ASU" and its
    full name are one). Refused on the field (422)."""
    decision, approving = body.get("decision") or "", body["body"]
    try:
        cited, own = parse_case(decision, approving), parse_case(body["case"], approving)
    except ValidationError:
        return  # no decision given, or a case that is none: the command refuses the latter
    register = services().read_models.plan_register(key)
    if (register.identity(cited.body), cited.number, cited.year) == (
        register.identity(own.body),
        own.number,
        own.year,
    ):
        return
    message = _(
        "Godkjenningen viser til vedtaket %(decision)s, men saksnummeret er %(case)s. Oppgi "
        "det samme vedtaket, eller ikke noe vedtak.",
        decision=decision,
        case=str(own),
    )
    raise SchemaError({"decision": [message]})


@bp.post("/plans/<key>/publish")
@operation(
    summary=N_("Publiser den vedtatte versjonen"),
    tag=N_("Godkjenning"),
    body=c.CommandSchema,
    **APPROVE,
)
def publish(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    _app().publish(key, _by(token, body))
    return {"done": _("%(key)s er publisert.", key=key), "key": key}


@bp.post("/plans/<key>/revisions")
@operation(
    summary=N_("Start en revisjon (nytt utkast)"),
    tag=N_("Godkjenning"),
    body=c.CommandSchema,
    status=201,
    **APPROVE,
)
def start_revision(key: str, token: ApiToken, body: dict[str, Any]) -> dict[str, Any]:
    version = _app().start_revision(key, _by(token, body))
    done = _("Revisjon startet: utkast til versjon %(version)s.", version=version)
    return {"done": done, "key": key, "version": version}

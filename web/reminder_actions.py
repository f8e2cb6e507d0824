"""Confirming a reminder that is "kanskje sendt", or resending one that is not sent to every
address ("kanskje sendt", "delvis sendt", failed, put off), from the dashboard.

A reminder whose intent has no outcome may have reached the body before
Planlogg stopped; it is never resent by itself. The secretariat (whoever may
edit the plan) decides: confirm that it arrived, or send it once more. Resending
goes through the same `ReminderSender` as `planlogg round resend`, so the
intent is recorded before the mail leaves and two presses cannot both send.
The JSON API calls the same two functions (`web.api.commands`).
"""

from __future__ import annotations

from flask import Blueprint, redirect, request, url_for
from werkzeug.wrappers import Response

from domain.errors import NotFoundError, ValidationError
from domain.own_reasons import CONFIRMED_SENT, SENT_AGAIN
from domain.provenance import Provenance, Source
from domain.reminders import Reminder, step_label
from domain.text import BODY
from language import N_, _
from notify.due import standing_reminders, to_resend
from notify.mail import MailUnavailable
from notify.recipients import RegisteredRecipients
from notify.sender import ReminderSender, SendReport, check_resend
from web.auth import require
from web.form_labels import FormLabels
from web.form_values import whole_number
from web.reading import current_plan
from web.roles import Permission
from web.services import services

bp = Blueprint("reminder_actions", __name__)

CONFIRM_FORM = FormLabels(endpoint="reminder_actions.confirm", hidden=frozenset({"body", "forsok"}))
"""Confirming a reminder sent: the body (and the step) it is for, and the attempt shown,
hidden."""
RESEND_FORM = FormLabels(endpoint="reminder_actions.resend", hidden=frozenset({"body"}))
"""Sending a reminder again: the body (and the step) it is for, hidden."""

NO_MAIL = N_(
    "E-post er ikke satt opp på denne tjeneren (PLANLOGG_SMTP_URL mangler), så påminnelsen "
    "kan ikke sendes på nytt. Ingenting er registrert."
)
OUTCOMES = {
    "confirmed": "bekreftet",
    "sent": "sendt",
    "failed": "avvist",
    "deferred": "utsatt",
    "deferred_unrecorded": "utsatt-send-igjen",
    "deferred_given_up": "utsatt-trengs-ikke",
    "deferred_unlisted": "utsatt-ikke-kontakt",
    "partly": "delvis-sendt",
}
"""What the dashboard is told after the redirect (`?paaminnelse=…`). A mail the server put
off (4xx) is not refused for good: put off after its intent was recorded, the reminder is
"utsatt" and the next run sends it again ("deferred"), unless it is no longer needed (its
body has reported, a later step is due, its step left the schedule: "deferred_given_up"; the
addresses put off are no longer among the body's contacts: "deferred_unlisted"); put off
before, nothing is recorded and the reminder stays as it was, for the editor to send again
later ("deferred_unrecorded"). Taken for some addresses and not for others, it is "delvis
sendt" ("partly"), as the dashboard's table then says address by address."""


def confirm_reminder(
    key: str, body: str, step: int, by: Provenance, seen_attempt: int | None = None
) -> None:
    """Record that a "kanskje sendt" reminder did arrive (refused for any other).
    `seen_attempt`: the attempt the person was shown; one sent again since is refused."""
    services().app.confirm_reminder_delivered(key, body, step, by, seen_attempt)
    services().read_models.read_your_writes()


def resend_reminder(
    key: str, body: str, step: int, by: Provenance, seen_attempt: int | None = None
) -> SendReport:
    """Send a reminder that is "kanskje sendt", "delvis sendt", failed or put off once more,
    through the server's mail server (to none of the addresses that got it).

    A reminder resent since the person saw it, or already delivered, is refused before the
    mail server is asked for, as the sender refuses it (`check_resend`), and without
    PLANLOGG_SMTP_URL nothing is recorded: the intent is only saved when there is a server
    to hand the mail to. `seen_attempt` is the attempt the person was shown: a resend saved
    since then (another press, a colleague's) refuses this one."""
    found = services()
    now, name = _standing(key, body, step)
    check_resend(now, name, step, seen_attempt)
    if found.mailer is None:
        raise MailUnavailable(_(NO_MAIL))
    sender = ReminderSender(
        found.app,
        found.mailer,
        RegisteredRecipients(found.app),
        found.read_models,
        found.public_url,
        by,
        sheet_place=found.sheet_place,
    )
    try:
        return sender.resend(key, body, step, found.today(), seen_attempt)
    finally:
        found.read_models.read_your_writes()


def reminder_now(key: str, body: str, step: int) -> Reminder:
    """Where the reminder stands now (`body` by id, name or alias): one the mail server put
    off is `DEFERRED` only while the next run would send it (`notify.due.standing_reminders`).
    A body another of the round was merged into has a reminder under each name: the one a
    resend is for (`notify.due.to_resend`, as `ReminderSender.resend` chooses), so its
    failed reminder is not refused as sent because the merged body's was."""
    return _standing(key, body, step)[0]


def _standing(key: str, body: str, step: int) -> tuple[Reminder, str]:
    """The reminder as `reminder_now` finds it, and the body's name as people read it (the
    register's). None there (a page shown before the round changed): not found, said with
    the body's name and the step as people read them, never the form's ID and number."""
    found = services()
    plan = found.app.get_plan(key)
    register = found.app.body_register(plan.header.owner)
    wanted = register.key_of(body)
    reminder = to_resend(
        r
        for r in standing_reminders(plan, found.today(), register)
        if register.key_of(r.body) == wanted and r.step == step
    )
    if reminder is None:
        raise NotFoundError(
            _(
                "%(body)s har ingen påminnelse (%(step)s).",
                body=register.label(body),
                step=step_label(step),
            )
        )
    return reminder, register.label(body)


def _step() -> int:
    text = request.form.get("step", "").strip()
    try:
        return int(text)
    except ValueError:
        raise ValidationError(
            _("Steget «%(step)s» er ikke et tall. Last siden på nytt.", step=text[:20])
        ) from None


def _seen_attempt() -> int | None:
    """The attempt the page showed (`forsok` in the form's address); None without it."""
    text = request.values.get("forsok", "").strip()
    if not text:
        return None
    attempt = whole_number(
        text,
        _("Forsøket «%(attempt)s» er ikke et tall. Last siden på nytt.", attempt=text[:20]),
        max_digits=9,
    )
    if attempt < 1:
        raise ValidationError(_("Forsøkene telles fra 1. Last siden på nytt."))
    return attempt


def _body() -> str:
    body = request.form.get("body", "").strip()
    if not body or len(body) > BODY:
        raise ValidationError(_("Skjemaet mangler organet. Last siden på nytt."))
    return body


def _by(reason: str) -> Provenance:
    caller = require(Permission.EDIT)
    return Provenance(caller.name, Source.WEB, reason)


def _done(key: str, body: str, step: int, outcome: str) -> Response:
    return redirect(
        url_for(
            "dashboard.dashboard",
            key=key,
            paaminnelse=OUTCOMES[outcome],
            organ=body,
            steg=step,
            _anchor="runde",
        ),
        code=303,
    )


@bp.post("/planer/<key>/dashbord/paaminnelser/bekreft")
def confirm(key: str) -> Response:
    by = _by(_(CONFIRMED_SENT))
    current_plan(key)
    body, step = _body(), _step()
    seen = _seen_attempt()
    if seen is None:
        raise ValidationError(_("Skjemaet mangler forsøket. Last siden på nytt."))
    confirm_reminder(key, body, step, by, seen)
    return _done(key, body, step, "confirmed")


@bp.post("/planer/<key>/dashbord/paaminnelser/send")
def resend(key: str) -> Response:
    by = _by(_(SENT_AGAIN))
    current_plan(key)
    body, step = _body(), _step()
    report = resend_reminder(key, body, step, by, _seen_attempt())
    return _done(key, body, step, _outcome(key, body, step, report))


def _outcome(key: str, body: str, step: int, report: SendReport) -> str:
    """What became of a resend: sent, sent to some addresses only, put off (retried by the
    next run only when its putting off was recorded and it is still needed,
    `Reminder.tried_again`), or refused for good."""
    if report.sent:
        return "sent"
    if report.partly:
        return "partly"
    if not report.deferred:
        return "failed"
    now = reminder_now(key, body, step)
    if now.tried_again:
        return "deferred"
    if now.left_contacts:
        return "deferred_unlisted"
    return "deferred_given_up" if now.no_longer_needed else "deferred_unrecorded"

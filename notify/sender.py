"""Sending due reminders: mail composed and offered, intent recorded, mail handed over,
outcome recorded.

The intent event is saved before the mail leaves (DATA). The event store accepts
one event at each version of a plan, and the plan refuses a second intent for the
same body and step, so two senders (two processes, a restart, a repeated
command) cannot both get past that point: at most one mail per body and step.
If the process dies after the hand-over and before the outcome is saved, the
intent stays alone ("kanskje sendt") until a person confirms or resends it.

Everything that can fail before anything is delivered (composing the mail, the
server refusing our sender or a recipient for now, the connection breaking while
the envelope is offered) happens before the intent, so it leaves nothing
recorded and the reminder is still due on the next run. A refusal for now of DATA
or of the message comes after the intent: it is recorded (`ReminderDeferred`), and
the reminder is due again on the next run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from domain.application import Planlogg
from domain.errors import NotFoundError, RuleError
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.reminders import as_registered, has_reported, unreported
from language import N_, Målform, _, speaking
from notify.due import DueReminder, due_reminders
from notify.mail import (
    Deferred,
    HandOverUncertain,
    Mailer,
    MailSession,
    MailUnavailable,
    NotHandedOver,
)
from notify.recipients import Recipients
from notify.reminder_mail import reminder_message

REASON = N_("Påminnelse om statusrapport")
"""Why Planlogg itself records a reminder: stored in the plan's målform when it is sent."""

SYSTEM = Provenance("Planlogg", Source.SYSTEM, reason=REASON)
"""Planlogg sending by itself; its reason is written in the plan's målform (`_stamped`)."""


@dataclass
class SendReport:
    """What one run did: sent, refused by the server, skipped for want of an address."""

    sent: list[DueReminder] = field(default_factory=list)
    failed: list[tuple[DueReminder, str]] = field(default_factory=list)
    no_address: list[DueReminder] = field(default_factory=list)
    taken: list[DueReminder] = field(default_factory=list)
    """Recorded by another sender between our reading and our intent, or no longer due: the
    round closed, or its schedule lost the step."""
    deferred: list[tuple[DueReminder, str]] = field(default_factory=list)
    """Refused for now by the server: nothing recorded, so the next run tries again."""
    reported: list[DueReminder] = field(default_factory=list)
    """The body reported between our reading and our intent: not reminded after all."""


class ReminderSender:
    def __init__(
        self,
        app: Planlogg,
        mailer: Mailer,
        recipients: Recipients,
        public_url: str = "",
        by: Provenance = SYSTEM,
    ) -> None:
        self.app = app
        self.mailer = mailer
        self.recipients = recipients
        self.public_url = public_url
        self.by = by

    def due(self, key: str, today: date) -> list[DueReminder]:
        return due_reminders(self.app.get_plan(key), today, self.recipients)

    def send_due(self, key: str, today: date) -> SendReport:
        report = SendReport()
        due = self.due(key, today)
        report.no_address = [d for d in due if not d.recipients]
        ready = [d for d in due if d.recipients]
        if not ready:
            return report
        with self.mailer.session() as session:
            for reminder in ready:
                self._send(session, reminder, report, resending=None)
        return report

    def resend(
        self, key: str, body: str, step: int, today: date, seen_attempt: int | None = None
    ) -> SendReport:
        """A person's decision to send a "kanskje sendt" or failed reminder once more.

        `seen_attempt` is the attempt the person was shown (the dashboard's form gives it);
        without it, the one read here. Another resend saved since (a second press, a double
        click) is refused, so one decision sends one mail."""
        plan = self.app.get_plan(key)
        round_id, state = plan.open_round()
        register = self.recipients.register(plan.header.owner)
        wanted = register.identity(body)
        body = next((b for b in state.bodies if register.identity(b) == wanted), body)
        found = state.reminder(body, step)
        if found is None:
            raise RuleError(
                _(
                    "%(body)s har ingen påminnelse ved steg %(step)s å sende på nytt.",
                    body=body,
                    step=step,
                )
            )
        reminder = DueReminder(
            plan_key=key,
            plan_title=plan.header.title,
            round_id=round_id,
            deadline=state.deadline,
            body=body,
            body_name=register.label(body),
            step=step,
            due_on=today,
            recipients=self.recipients.addresses(plan.header.owner, body) or found.recipients,
            measures=tuple(
                (m.number, m.text)
                for m in unreported(
                    register.key_of(body),
                    round_id,
                    as_registered(plan.active_measures(), register),
                )
            ),
        )
        report = SendReport()
        with self.mailer.session() as session:
            self._send(
                session,
                reminder,
                report,
                resending=found.attempt if seen_attempt is None else seen_attempt,
            )
        return report

    def _send(
        self,
        session: MailSession,
        reminder: DueReminder,
        report: SendReport,
        resending: int | None,
    ) -> None:
        """`resending`: the attempt a person decided to send once more; None when the run
        sends what is due."""
        r = reminder
        målform = self.app.plan_language(r.plan_key)
        by = self._stamped(målform)
        with speaking(målform):
            message = reminder_message(r, self.mailer.sender, self.public_url)
        try:
            note = session.offer(message)
        except Deferred as later:
            report.deferred.append((r, later.message))
            return
        except NotHandedOver as refused:
            self._refused(r, refused.message, by, report, resending)
            return
        except MailUnavailable as lost:
            raise MailUnavailable(lost.message + " " + self._tried_again(r)) from None
        attempt = self._intend(r, by, report, resending)
        if attempt is None:
            session.withdraw()
            return
        try:
            session.deliver(message)
        except HandOverUncertain as uncertain:
            raise HandOverUncertain(
                uncertain.message
                + " "
                + _(
                    "Påminnelsen til %(body)s er «kanskje sendt»: bekreft den med round "
                    "confirm-sent eller send den med round resend.",
                    body=r.body_name,
                )
            ) from None
        except Deferred as later:
            self.app.defer_reminder(
                r.plan_key, r.round_id, r.body, r.step, attempt, later.message, by
            )
            report.deferred.append((r, later.message))
            return
        except NotHandedOver as refused:
            self._record_failed(r, attempt, refused.message, by, report)
            return
        self.app.record_reminder_outcome(
            r.plan_key, r.round_id, r.body, r.step, attempt, True, note, by
        )
        report.sent.append(r)

    def _intend(
        self, r: DueReminder, by: Provenance, report: SendReport, resending: int | None
    ) -> int | None:
        """The attempt's number, or None when another sender recorded this reminder first or
        the body has reported since the run read what was due.

        The body's reports are read in the same save as the intent, so a report saved a
        moment before it (while earlier bodies' mails went) stops the mail; a person's
        resend is their own decision and is not second-guessed, but it is refused when
        another resend was saved since the person saw the reminder."""

        def intend(plan: Plan) -> int | None:
            if resending is not None:
                _check_not_resent(plan, r, resending)
            elif self._reported(plan, r):
                return None
            resend = resending is not None
            return plan.intend_reminder(r.round_id, r.body, r.step, r.recipients, by, resend)

        try:
            attempt = self.app.change_plan(r.plan_key, intend)
        except (RuleError, NotFoundError):
            # recorded by another sender, or the round's schedule or round changed since
            if resending is not None:
                raise
            report.taken.append(r)
            return None
        if attempt is None:
            report.reported.append(r)
        return attempt

    def _reported(self, plan: Plan, r: DueReminder) -> bool:
        register = self.recipients.register(plan.header.owner)
        measures = as_registered(plan.active_measures(), register)
        return has_reported(register.key_of(r.body), r.round_id, measures)

    def _refused(
        self, r: DueReminder, why: str, by: Provenance, report: SendReport, resending: int | None
    ) -> None:
        """Every address refused for good: recorded as failed, for a person to see and resend."""
        attempt = self._intend(r, by, report, resending)
        if attempt is not None:
            self._record_failed(r, attempt, why, by, report)

    def _record_failed(
        self, r: DueReminder, attempt: int, why: str, by: Provenance, report: SendReport
    ) -> None:
        self.app.record_reminder_outcome(
            r.plan_key, r.round_id, r.body, r.step, attempt, False, why, by
        )
        report.failed.append((r, why))

    @staticmethod
    def _tried_again(r: DueReminder) -> str:
        return _(
            "Påminnelsen til %(body)s og de som gjenstår, blir prøvd på nytt neste gang.",
            body=r.body_name,
        )

    def _stamped(self, målform: Målform) -> Provenance:
        """Who sends: Planlogg itself gives its reason in the plan's målform; a person's own."""
        if self.by is not SYSTEM:
            return self.by
        with speaking(målform):
            return Provenance(SYSTEM.actor, SYSTEM.source, reason=_(REASON))


class AttemptMovedOnError(RuleError):
    """A person's resend named an attempt the reminder is no longer at: another resend was
    saved since they saw it (or it never had that attempt). Nothing was sent. The API
    refuses it on its `attempt` field (422); elsewhere it is a rule (409, refused)."""


def _check_not_resent(plan: Plan, r: DueReminder, seen: int) -> None:
    """Refuse a person's resend when the reminder has had another attempt since they saw it."""
    found = plan.rounds[r.round_id].reminder(r.body, r.step)
    if found is None or found.attempt == seen:
        return
    if found.attempt < seen:
        raise AttemptMovedOnError(
            _(
                "Påminnelsen til %(body)s har ikke hatt forsøk %(seen)s (siste er forsøk "
                "%(attempt)s).",
                body=r.body_name,
                seen=seen,
                attempt=found.attempt,
            )
        )
    raise AttemptMovedOnError(
        _(
            "Påminnelsen til %(body)s er sendt på nytt siden (forsøk %(attempt)s).",
            body=r.body_name,
            attempt=found.attempt,
        )
    )

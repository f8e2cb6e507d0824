"""Sending due reminders: mail composed and offered, intent recorded, mail handed over,
outcome recorded.

A person reminded for several bodies of the round gets one mail naming them all
(`_mails`: one mail per set of bodies an address is reminded for); the record stays
per body, each body's reminder intended and its outcome recorded as its own.

The intent event is saved before the mail leaves (DATA). The event store accepts
one event at each version of a plan, and the plan refuses a second intent for the
same body and step, so two senders (two processes, a restart, a repeated
command) cannot both get past that point: at most once per body and step.
If the process dies after the hand-over and before the outcome is saved, the
intent stays alone ("kanskje sendt") until a person confirms or resends it. Each body's
outcome is saved as soon as the last mail naming it has gone, so a run that dies
leaves only the bodies of the mails in flight that way.

A body is sent when every address it was reminded at took its mail. The server
answers each address on its own (RCPT), and a body's addresses may be spread over
several mails: when some took it and others were put off or refused, each address's
answer is recorded (`ReminderRecipientsAnswered`); the body is "delvis sendt", the
next run sends it to the addresses put off, alone, and those refused wait for a
person's resend, which goes to none of the addresses that have it.

Everything that can fail before anything is delivered (composing the mail, the
server refusing our sender or a recipient for now, the connection breaking while
the envelope is offered) happens before the intent, so it leaves nothing
recorded and the reminder is still due on the next run. A refusal for now of DATA
or of the message comes after the intent: it is recorded (`ReminderDeferred`), and
the reminder is due again on the next run.

One address must not hold back the others: when the connection breaks (closed, or no
answer in time) while the server is asked for one address (`AddressBrokeConnection`),
that address is put off (the next run tries it again), a new session is opened, and the
run carries on with the mail's other addresses and the other mails. Only when no new
session can be opened (the server is down for everyone), or the connection breaks at
anything but an address (MAIL, RSET), does the run stop: the mails not handed over are
put off, and `MailUnavailable` tells it.

Each mail speaks the målform its readers chose (`Person.language`, found by the address),
else the plan's health community's: the addresses of one mail are grouped by målform, one
mail for each (`_mails`). What Planlogg records stays in the plan's målform (`_stamped`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from email.message import EmailMessage
from types import TracebackType

from domain.application import Planlogg
from domain.body_register import BodyRegister
from domain.errors import NotFoundError, RuleError
from domain.norwegian_time import OSLO
from domain.own_reasons import REMINDER
from domain.people import Person
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.reminders import (
    Reminder,
    ReminderAnswers,
    ReminderStatus,
    as_registered,
    check_resendable,
    has_reported,
    some_addresses,
    step_label,
    unreported,
)
from domain.sheet_place import SheetPlace
from language import Målform, _, speaking
from notify.due import DueReminder, due_reminders, reminders_at, standing_reminder, to_resend
from notify.mail import (
    AddressBrokeConnection,
    Answers,
    Deferred,
    HandOverUncertain,
    Mailer,
    MailSession,
    MailUnavailable,
    NotHandedOver,
)
from notify.recipients import Recipients
from notify.reminder_mail import names, reminders_message
from projections import ReadModels

REASON = REMINDER
"""Why Planlogg itself records a reminder: stored in the plan's målform when it is sent."""

SYSTEM = Provenance("Planlogg", Source.SYSTEM, reason=REASON)
"""Planlogg sending by itself; its reason is written in the plan's målform (`_stamped`)."""


def oslo_now() -> datetime:
    """The moment a mail is written, in Norwegian time: its Date header."""
    return datetime.now(OSLO)


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
    partly: list[PartlySent] = field(default_factory=list)
    """Taken for some of the body's addresses and not for others: "delvis sendt"."""


@dataclass(frozen=True)
class PartlySent:
    """A body's reminder that some of its addresses took and others did not."""

    reminder: DueReminder
    taken: tuple[str, ...]
    """The addresses that took it in this run."""
    others: str
    """What became of the others, as the reminder now says it (`Reminder.apart_words`):
    "b@… utsatt av e-posttjeneren (prøves igjen)"."""


def spoken_at(people: Iterable[Person], community: Målform) -> Callable[[str], Målform]:
    """The målform each address reads: the one its people chose (`Person.language`), else
    the health community's. A person who chose nothing (one of two logins of the same
    person, say) does not count against one who chose: an address reads the community's
    only when those who chose disagree, or nobody chose, or it is nobody's."""
    chosen: dict[str, set[Målform]] = {}
    for person in people:
        if person.language is not None:
            chosen.setdefault(person.email.lower(), set()).add(person.language)

    def speaks(address: str) -> Målform:
        found = chosen.get(address.lower(), set())
        return next(iter(found)) if len(found) == 1 else community

    return speaks


class ReminderSender:
    def __init__(
        self,
        app: Planlogg,
        mailer: Mailer,
        recipients: Recipients,
        people_register: ReadModels,
        public_url: str = "",
        by: Provenance = SYSTEM,
        clock: Callable[[], datetime] = oslo_now,
        sheet_place: Callable[[str], SheetPlace | None] | None = None,
    ) -> None:
        self.app = app
        self.sheet_place = sheet_place
        """The spreadsheet a plan (by key) is synced with, for the mail to name and link
        (`sync.place.synced_place`, given by the composition root); None: none is named."""
        self.mailer = mailer
        self.recipients = recipients
        self.public_url = public_url
        self.by = by
        self.clock = clock
        """The moment each mail is written (its Date header): the real time, whatever day a
        run is told it is."""
        self.people_register = people_register
        """The read models whose people register names the people at a run's addresses
        (`_speaks`), so only they are loaded, not everyone."""

    def due(self, key: str, today: date) -> list[DueReminder]:
        return due_reminders(self.app.get_plan(key), today, self.recipients)

    def send_due(self, key: str, today: date) -> SendReport:
        """Every due reminder, one mail per person: an address reminded for several bodies
        gets one mail naming them all (`_mails`); each body's reminder is recorded as now."""
        report = SendReport()
        due = self.due(key, today)
        report.no_address = [d for d in due if not d.recipients]
        ready = [d for d in due if d.recipients]
        if not ready:
            return report
        speaks = self._speaks(key, [a for d in ready for a in d.recipients])
        with _Connection(self.mailer) as connection:
            for group, bodies in _mails(ready, speaks):
                self._send(connection, group, bodies, report, today, resending=None)
        return report

    def resend(
        self, key: str, body: str, step: int, today: date, seen_attempt: int | None = None
    ) -> SendReport:
        """A person's decision to send a reminder once more ("kanskje sendt", "delvis sendt",
        failed or put off; one sent is refused): that body's own mail, to the addresses of
        its contacts that do not have it (`_resent_to`); with none, it is refused
        (`_nobody_missing`) and no mail server is asked.

        `seen_attempt` is the attempt the person was shown (the dashboard's form gives it);
        without it, the one read here. Another resend saved since (a second press, a double
        click) is refused, so one decision sends one mail: up front, before the rule for a
        reminder sent (`check_resend`), and again in the save of the intent."""
        plan = self.app.get_plan(key)
        round_id, state = plan.open_round()
        register = self.recipients.register(plan.header.owner)
        found = to_resend(reminders_at(state, body, step, register))
        if found is None:
            raise RuleError(
                _(
                    "%(body)s har ingen påminnelse ved steg %(step)s å sende på nytt.",
                    body=register.label(body),
                    step=step,
                )
            )
        body = found.body  # the name it was sent to, which the plan keeps it under
        check_resend(found, register.label(body), step, seen_attempt)
        addresses = self.recipients.addresses(plan.header.owner, body)
        to = _resent_to(found, addresses)
        if not to:
            raise RuleError(_nobody_missing(register.label(body), step, addresses))
        reminder = DueReminder(
            plan_key=key,
            plan_title=plan.header.title,
            round_id=round_id,
            deadline=state.deadline,
            body=body,
            body_name=register.label(body),
            step=step,
            sent_on=today,
            recipients=to,
            measures=tuple(
                (m.number, m.text)
                for m in unreported(
                    register.key_of(body),
                    round_id,
                    as_registered(plan.reporting_measures(), register),
                )
            ),
        )
        report = SendReport()
        ((group, bodies),) = _mails([reminder], self._speaks(key, to))
        with _Connection(self.mailer) as connection:
            self._send(
                connection,
                group,
                bodies,
                report,
                today,
                resending=found.attempt if seen_attempt is None else seen_attempt,
            )
        return report

    def _speaks(self, key: str, addresses: Iterable[str]) -> Callable[[str], Målform]:
        """The målform each of `addresses` reads (`spoken_at`). Only the people at `addresses`
        are loaded, found by the people register (caught up first, so a choice just made
        counts)."""
        self.people_register.read_your_writes()
        people = map(self.app.get_person, self.people_register.people_at(addresses))
        return spoken_at(people, self.app.plan_language(key))

    def _send(
        self,
        connection: _Connection,
        group: list[_Mail],
        bodies: tuple[DueReminder, ...],
        report: SendReport,
        today: date,
        resending: int | None,
    ) -> None:
        """Mails that share `bodies` (in the round's order), one after the other; after each
        mail, the outcome of every body whose last mail it was, over the mails that named it,
        recorded in one save (`_settle`), so a process that dies between two mails leaves
        only the bodies still in flight "kanskje sendt". Should the server or the connection
        stop the run, what is known is recorded first: the mails not handed over are put off
        (the next run sends them), and the bodies of the one whose hand-over is unknown stay
        "kanskje sendt" for its addresses (what their other addresses answered is recorded).

        `today`: the day of the run or the resend, by which what became of a body is told as
        its reminder stands then (`_settle`). `resending`: the attempt a person decided to
        send once more; None when the run sends what is due."""
        first = group[0].reminders[0]
        by = self._stamped(self.app.plan_language(first.plan_key))
        fates = {r.body: _Fate(r) for r in bodies}
        for mail in group:
            for r in mail.reminders:
                fates[r.body].mails += 1
        moved: list[RuleError | NotFoundError] = []
        for index, mail in enumerate(group):
            try:
                self._send_mail(connection, mail, fates, by, report, resending)
            except MailUnavailable as lost:
                self._stopped(group[index:], lost.message, fates, by, report, moved, today)
                raise
            except HandOverUncertain as uncertain:
                self._stopped(
                    group[index + 1 :], uncertain.message, fates, by, report, moved, today
                )
                raise
            for r in mail.reminders:
                fates[r.body].gone += 1
            done = [f for f in fates.values() if f.gone == f.mails and not f.settled]
            self._settle(first.plan_key, done, by, report, moved, today)
        if moved:
            raise moved[0]

    def _stopped(
        self,
        untried: list[_Mail],
        why: str,
        fates: dict[str, _Fate],
        by: Provenance,
        report: SendReport,
        moved: list[RuleError | NotFoundError],
        today: date,
    ) -> None:
        """The run stops: the mails not handed over are put off (the next run sends their
        bodies), and what the others did is recorded for the bodies not yet recorded."""
        for mail in untried:
            for r in mail.reminders:
                fates[r.body].put_off(mail, why, None)
        first = next(iter(fates.values())).reminder
        left = [f for f in fates.values() if not f.settled]
        self._settle(first.plan_key, left, by, report, moved, today)
        if moved:
            raise moved[0]

    def _send_mail(
        self,
        connection: _Connection,
        mail: _Mail,
        fates: dict[str, _Fate],
        by: Provenance,
        report: SendReport,
        resending: int | None,
    ) -> None:
        """One mail: composed in its readers' målform and offered, its bodies' intents
        recorded, handed over; its outcome noted on each body it names (`_Fate`)."""
        live = [r for r in mail.reminders if not fates[r.body].dropped]
        if not live:
            return
        message = self._message(live, mail)
        session = connection.session
        try:
            answers = session.offer(message)
        except AddressBrokeConnection as broke:
            self._without(connection, mail, broke, fates, by, report, resending)
            return
        except Deferred as later:
            for r in live:
                fates[r.body].put_off(mail, later.message, later.answers)
            return
        except NotHandedOver as refused:
            self._intend([fates[r.body] for r in live], by, report, resending)
            for r in live:
                fates[r.body].refused(mail, refused.message, refused.answers)
            return
        except MailUnavailable as lost:
            raise MailUnavailable(lost.message + " " + self._tried_again(live)) from None
        self._intend([fates[r.body] for r in live], by, report, resending)
        going = [r for r in live if not fates[r.body].dropped]
        if not going:
            session.withdraw()
            return
        if len(going) < len(live):
            message = self._message(going, mail)
        for r in going:
            fates[r.body].answered(answers)
        offered = _not_answered(mail.to, answers)
        try:
            session.deliver(message)
        except HandOverUncertain as uncertain:
            for r in going:
                fates[r.body].uncertain += offered
            # "kanskje sendt" for these addresses, whatever its other addresses answered
            told = uncertain.message + " " + _maybe_sent(going)
            raise HandOverUncertain(told) from None
        except Deferred as later:
            for r in going:
                answered = _each(offered, later.reply or later.message, put_off=True)
                fates[r.body].put_off(mail, later.message, answered)
            return
        except NotHandedOver as refused:
            for r in going:
                answered = _each(offered, refused.reply or refused.message)
                fates[r.body].refused(mail, refused.message, answered)
            return
        for r in going:
            fates[r.body].taken += offered

    def _message(self, reminders: list[DueReminder], mail: _Mail) -> EmailMessage:
        """The mail to `mail.to` naming `reminders`, in the målform its readers read, dated
        by the sender's clock."""
        sheet = self.sheet_place(reminders[0].plan_key) if self.sheet_place else None
        with speaking(mail.målform):
            return reminders_message(
                reminders,
                mail.to,
                self.mailer.sender,
                self.public_url,
                written=self.clock(),
                sheet=sheet,
            )

    def _without(
        self,
        connection: _Connection,
        mail: _Mail,
        broke: AddressBrokeConnection,
        fates: dict[str, _Fate],
        by: Provenance,
        report: SendReport,
        resending: int | None,
    ) -> None:
        """The connection broke when the server was asked for `broke.address`, before
        anything of the mail was delivered or recorded: a new session, that address put off
        (the next run tries it again, as for a 4xx at RCPT), and the mail offered anew to its
        other addresses. Should no new session open (the server is down for everyone), the
        run stops as it always has (`MailUnavailable`: the mails left are put off)."""
        live = [r for r in mail.reminders if not fates[r.body].dropped]
        try:
            connection.renew()
        except MailUnavailable as lost:
            raise MailUnavailable(lost.message + " " + self._tried_again(live)) from None
        wanted = broke.address.lower()
        rest = tuple(a for a in mail.to if a.lower() != wanted)
        if not rest or len(rest) == len(mail.to):  # its only address, or not one of its own
            for r in live:
                fates[r.body].put_off(mail, broke.message, None)
            return
        put_off = Answers(put_off={a: broke.message for a in mail.to if a.lower() == wanted})
        for r in live:
            fates[r.body].answered(put_off)
        self._send_mail(connection, replace(mail, to=rest), fates, by, report, resending)

    def _intend(
        self, fates: list[_Fate], by: Provenance, report: SendReport, resending: int | None
    ) -> None:
        """The intents of the bodies not yet intended in this run, in one save: each body's
        attempt, or the body dropped when another sender recorded its reminder first or the
        body has reported since the run read what was due.

        The body's reports are read in the same save as the intent, so a report saved a
        moment before it (while earlier bodies' mails went) stops the mail; a person's
        resend is their own decision and is not second-guessed, but it is refused when
        another resend was saved since the person saw the reminder."""
        wanted = [f.reminder for f in fates if f.attempt is None and not f.dropped]
        if not wanted:
            return
        resend = resending is not None

        def intend(plan: Plan) -> list[tuple[DueReminder, int | None, bool]]:
            """(reminder, attempt or None, whether it was dropped for a report)."""
            done: list[tuple[DueReminder, int | None, bool]] = []
            for r in wanted:
                if resending is not None:
                    _check_not_resent(plan, r, resending)
                elif self._reported(plan, r):
                    done.append((r, None, True))
                    continue
                try:
                    attempt = plan.intend_reminder(
                        r.round_id, r.body, r.step, r.recipients, by, resend
                    )
                except (RuleError, NotFoundError):
                    # recorded by another sender, or the round's schedule or round changed
                    if resend:
                        raise
                    done.append((r, None, False))
                    continue
                done.append((r, attempt, False))
            return done

        by_body = {f.reminder.body: f for f in fates}
        for r, attempt, reported in self.app.change_plan(wanted[0].plan_key, intend):
            fate = by_body[r.body]
            if attempt is not None:
                fate.attempt = attempt
                continue
            fate.dropped = True
            (report.reported if reported else report.taken).append(r)

    def _settle(
        self,
        key: str,
        fates: list[_Fate],
        by: Provenance,
        report: SendReport,
        moved: list[RuleError | NotFoundError],
        today: date,
    ) -> None:
        """Each body's outcome over the addresses of the mails that carried it, recorded in
        one save: sent when every address took it, put off when every one was put off (the
        next run sends it), failed when every one was refused; when they were answered apart,
        each address's answer (`ReminderRecipientsAnswered`: "delvis sendt", or "kanskje
        sendt" while the hand-over to some is unknown). A body whose hand-over is unknown and
        which no address answered stays "kanskje sendt". A body never intended (every mail of
        it put off before its intent) is not recorded: still due. A body a person resent
        meanwhile is theirs: its refusal is added to `moved`, raised once the run has recorded
        the rest.

        What became of a body is told by its reminder as it stands once recorded, `today`
        and with the body's contacts read after the save (`standing_reminder`), as the round
        shows it right after: an address put off that left the contacts meanwhile is not
        "prøves igjen"."""
        outcomes: list[_Fate] = []
        for fate in fates:
            fate.settled = True
            if fate.dropped or (fate.uncertain and not fate.has_answers):
                continue
            if fate.attempt is None:
                if fate.later:
                    report.deferred.append((fate.reminder, fate.note(fate.later)))
                continue
            outcomes.append(fate)
        if not outcomes:
            return
        refused: list[RuleError | NotFoundError] = []
        after: dict[str, Reminder] = {}

        def record(plan: Plan) -> Plan:
            refused.clear()
            for fate in outcomes:
                r, attempt, note = fate.reminder, fate.attempt or 0, fate.outcome_note
                outcome = fate.outcome
                try:
                    if outcome == APART:
                        answers = fate.answers
                        plan.record_reminder_answers(
                            r.round_id, r.body, r.step, attempt, answers, by
                        )
                    elif outcome == DEFERRED:
                        plan.defer_reminder(r.round_id, r.body, r.step, attempt, note, by)
                    else:
                        plan.record_reminder_outcome(
                            r.round_id, r.body, r.step, attempt, outcome == SENT, note, by
                        )
                except (RuleError, NotFoundError) as error:
                    # a person resent it meanwhile: the reminder is theirs now
                    refused.append(error)
                    continue
                found = plan.rounds[r.round_id].reminder(r.body, r.step)
                if found is not None:
                    after[r.body] = found
            return plan

        saved = self.app.change_plan(key, record)
        if refused:
            moved.extend(refused)
            return
        # the community's bodies as they are after the save: read once, when a body is told apart
        register: BodyRegister | None = None
        for fate in outcomes:
            outcome, now = fate.outcome, after.get(fate.reminder.body)
            if now is not None and (outcome == APART or now.status is ReminderStatus.PARTLY_SENT):
                if register is None:
                    register = self.recipients.register(saved.header.owner)
                now = standing_reminder(saved, fate.reminder.round_id, now, today, register)
                self._told_apart(fate, now, report)
            elif outcome == SENT:
                report.sent.append(fate.reminder)
            elif outcome == DEFERRED:
                report.deferred.append((fate.reminder, fate.outcome_note))
            else:
                report.failed.append((fate.reminder, fate.outcome_note))

    @staticmethod
    def _told_apart(fate: _Fate, now: Reminder, report: SendReport) -> None:
        """A body whose addresses were answered apart (in this run, or this run's from an
        earlier one's), as it stands now: sent to some and not to others ("delvis sendt");
        taken by none and put off, or refused, for the others; or "kanskje sendt" for the
        addresses whose hand-over is unknown (the run stops)."""
        if now.status.delivered:
            report.sent.append(fate.reminder)
        elif fate.taken:
            taken = fate.answers.taken
            report.partly.append(PartlySent(fate.reminder, taken, now.apart_words()))
        elif fate.put_off_answers:
            report.deferred.append((fate.reminder, fate.outcome_note))
        elif fate.refused_answers:
            report.failed.append((fate.reminder, fate.outcome_note))

    def _reported(self, plan: Plan, r: DueReminder) -> bool:
        register = self.recipients.register(plan.header.owner)
        measures = as_registered(plan.reporting_measures(), register)
        return has_reported(register.key_of(r.body), r.round_id, measures)

    @staticmethod
    def _tried_again(reminders: list[DueReminder]) -> str:
        return _(
            "Påminnelsen til %(body)s og de som gjenstår, blir prøvd på nytt neste gang.",
            body=", ".join(r.body_name for r in reminders),
        )

    def _stamped(self, målform: Målform) -> Provenance:
        """Who sends: Planlogg itself gives its reason in the plan's målform; a person's own."""
        if self.by is not SYSTEM:
            return self.by
        with speaking(målform):
            return Provenance(SYSTEM.actor, SYSTEM.source, reason=_(REASON))


SENT, FAILED, DEFERRED, APART = "sent", "failed", "deferred", "apart"


class _Connection:
    """The session a run or a resend sends through; another one when an address broke it
    (`renew`)."""

    def __init__(self, mailer: Mailer) -> None:
        self.mailer = mailer
        self._open = ExitStack()

    def __enter__(self) -> _Connection:
        self.session: MailSession = self._open.enter_context(self.mailer.session())
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._open.__exit__(kind, error, trace)

    def renew(self) -> None:
        """Close the broken session and open a new one (`MailUnavailable` when it cannot)."""
        self._open.close()
        self.session = self._open.enter_context(self.mailer.session())


@dataclass(frozen=True)
class _Mail:
    """One mail of a run: the bodies it names, to the addresses reminded for exactly them
    that read the same målform."""

    reminders: tuple[DueReminder, ...]
    to: tuple[str, ...]
    målform: Målform


def _mails(
    ready: list[DueReminder], speaks: Callable[[str], Målform]
) -> list[tuple[list[_Mail], tuple[DueReminder, ...]]]:
    """The run's mails, one per person: each address gets one mail naming every body it is
    reminded for, and addresses reminded for the same bodies share it when they read the
    same målform (`speaks`: a body reminded at two addresses gets one mail to both, as
    before, or one in each målform). Grouped so the mails that share a body go one after
    the other and that body's outcome is settled once they have gone: each group's mails,
    and its bodies in the round's order."""
    bodies: dict[str, list[int]] = {}
    spelled: dict[str, str] = {}
    for i, r in enumerate(ready):
        for address in r.recipients:
            key = address.lower()
            spelled.setdefault(key, address)
            found = bodies.setdefault(key, [])
            if i not in found:
                found.append(i)
    to: dict[tuple[tuple[int, ...], Målform], list[str]] = {}
    for key, found in bodies.items():
        to.setdefault((tuple(found), speaks(key)), []).append(spelled[key])
    joined = list(range(len(ready)))

    def root(i: int) -> int:
        while joined[i] != i:
            i = joined[i]
        return i

    for named, _målform in to:
        for i in named[1:]:
            joined[root(i)] = root(named[0])
    groups: dict[int, tuple[list[_Mail], list[DueReminder]]] = {}
    for i, r in enumerate(ready):
        groups.setdefault(root(i), ([], []))[1].append(r)
    for (named, målform), addresses in to.items():
        mail = _Mail(tuple(ready[i] for i in named), tuple(addresses), målform)
        groups[root(named[0])][0].append(mail)
    return [(mails, tuple(bodies)) for mails, bodies in groups.values()]


@dataclass
class _Fate:
    """What became of one body's reminder in a run, address by address, over the mails that
    named it."""

    reminder: DueReminder
    mails: int = 0
    gone: int = 0
    """How many of its mails the run is done with (handed over, refused, put off)."""
    settled: bool = False
    """Its outcome is recorded (or it was left as it is: dropped, "kanskje sendt", due)."""
    attempt: int | None = None
    dropped: bool = False
    """Reported, or recorded by another sender, since the run read what was due."""
    uncertain: list[str] = field(default_factory=list)
    """Addresses of a mail whose hand-over is unknown (the connection broke)."""
    taken: list[str] = field(default_factory=list)
    """Addresses the server took the mail for."""
    put_off_answers: dict[str, str] = field(default_factory=dict)
    refused_answers: dict[str, str] = field(default_factory=dict)
    later: list[str] = field(default_factory=list)
    """Why each mail put off as a whole was put off (for the record of a body put off)."""
    not_taken: list[str] = field(default_factory=list)
    """Why each mail refused as a whole was refused (for the record of a failed body)."""

    def answered(self, answers: Answers) -> None:
        """The server's answers to the addresses of a mail it took for the others."""
        self.put_off_answers.update(answers.put_off)
        self.refused_answers.update(answers.refused)

    def put_off(self, mail: _Mail, why: str, answers: Answers | None) -> None:
        self.later.append(self._part(mail, why))
        if answers is None:
            answers = _each(mail.to, why, put_off=True)
        self.answered(answers)

    def refused(self, mail: _Mail, why: str, answers: Answers | None) -> None:
        self.not_taken.append(self._part(mail, why))
        self.answered(answers if answers is not None else _each(mail.to, why))

    def _part(self, mail: _Mail, why: str) -> str:
        """Why one mail did not go; named by its addresses when the body had several mails
        (a few of them, the rest counted: `some_addresses`)."""
        return f"{some_addresses(mail.to)}: {why}" if self.mails > 1 else why

    @property
    def has_answers(self) -> bool:
        return bool(self.taken or self.put_off_answers or self.refused_answers)

    @property
    def outcome(self) -> str:
        """Sent, put off or failed when every address was answered alike; else apart."""
        kinds = [bool(self.taken), bool(self.put_off_answers), bool(self.refused_answers)]
        if self.uncertain or sum(kinds) > 1:
            return APART
        if self.taken:
            return SENT
        return DEFERRED if self.put_off_answers else FAILED

    @property
    def answers(self) -> ReminderAnswers:
        """Each address's answer, spelled as the intent recorded it."""
        spelled = {a.lower(): a for a in self.reminder.recipients}

        def recorded(address: str) -> str:
            return spelled.get(address.lower(), address)

        return ReminderAnswers(
            taken=tuple(dict.fromkeys(recorded(a) for a in self.taken)),
            put_off={recorded(a): why for a, why in self.put_off_answers.items()},
            refused={recorded(a): why for a, why in self.refused_answers.items()},
        )

    @property
    def outcome_note(self) -> str:
        return self.note(self.later + self.not_taken)

    @staticmethod
    def note(parts: list[str]) -> str:
        return " ".join(part for part in parts if part)


def _each(addresses: tuple[str, ...] | list[str], why: str, put_off: bool = False) -> Answers:
    """One answer for every address of a mail (the server answered the message as a whole,
    or the run stopped before it was offered): refused, or put off."""
    answers = dict.fromkeys(addresses, why)
    return Answers(put_off=answers) if put_off else Answers(refused=answers)


def _not_answered(to: tuple[str, ...], answers: Answers) -> list[str]:
    """The addresses of a mail the server took at RCPT."""
    answered = {a.lower() for a in (*answers.refused, *answers.put_off)}
    return [a for a in to if a.lower() not in answered]


def _resent_to(found: Reminder, addresses: tuple[str, ...]) -> tuple[str, ...]:
    """Whom a person's resend goes to: the body's addresses now, but none that took the
    step's reminder. Never an address no longer among the body's contacts (one refused or
    put off that the secretariat took out): with every address listed having it, nobody
    (`_nobody_missing`)."""
    return found.not_had(addresses)


def _nobody_missing(body: str, step: int, addresses: tuple[str, ...]) -> str:
    """Why a resend has nobody to go to, as the plan words it when it refuses an attempt:
    every address of the body's contacts has the reminder, or the body has none left."""
    if not addresses:
        return _("%(body)s har ingen e-postadresse for påminnelser.", body=body)
    return _(
        "%(addresses)s har allerede fått påminnelsen til %(body)s (%(step)s).",
        addresses=some_addresses(addresses),
        body=body,
        step=step_label(step),
    )


def _maybe_sent(reminders: list[DueReminder]) -> str:
    if len(reminders) == 1:
        return _(
            "Påminnelsen til %(body)s er «kanskje sendt»: bekreft den med round "
            "confirm-sent eller send den med round resend.",
            body=reminders[0].body_name,
        )
    return _(
        "Påminnelsene til %(bodies)s er «kanskje sendt»: bekreft hver av dem med round "
        "confirm-sent eller send dem med round resend.",
        bodies=names(reminders),
    )


class AttemptMovedOnError(RuleError):
    """A person's resend named an attempt the reminder is no longer at: another resend was
    saved since they saw it (or it never had that attempt). Nothing was sent. The API
    refuses it on its `attempt` field (422); elsewhere it is a rule (409, refused)."""


def check_resend(found: Reminder, body_name: str, step: int, seen_attempt: int | None) -> None:
    """Refuse a person's resend before any mail server is asked (`ReminderSender.resend`,
    the dashboard's and the API's up front): first one resent since they saw it, which says
    so whatever became of that resend (`AttemptMovedOnError`); then one that may not be
    resent, by the plan's own rule and words (`check_resendable`). `seen_attempt`: the
    attempt the person was shown; None: the one read now."""
    if seen_attempt is not None:
        _check_attempt(found.attempt, seen_attempt, body_name)
    check_resendable(found, body_name, step)


def _check_not_resent(plan: Plan, r: DueReminder, seen: int) -> None:
    """Refuse a person's resend when the reminder has had another attempt since they saw it
    (in the save of its intent: a resend saved after the check up front)."""
    found = plan.rounds[r.round_id].reminder(r.body, r.step)
    if found is not None:
        _check_attempt(found.attempt, seen, r.body_name)


def _check_attempt(attempt: int, seen: int, body_name: str) -> None:
    """Refuse a person's resend of attempt `seen` when the reminder is at `attempt`."""
    if attempt == seen:
        return
    if attempt < seen:
        raise AttemptMovedOnError(
            _(
                "Påminnelsen til %(body)s har ikke hatt forsøk %(seen)s (siste er forsøk "
                "%(attempt)s).",
                body=body_name,
                seen=seen,
                attempt=attempt,
            )
        )
    raise AttemptMovedOnError(
        _(
            "Påminnelsen til %(body)s er sendt på nytt siden (forsøk %(attempt)s).",
            body=body_name,
            attempt=attempt,
        )
    )

"""Which reminders are due now, read from the plan itself (the write model).

Reading the aggregate rather than a read model means a report saved a moment
ago (from the sheet, the web or the command line) is seen, so a body that has
just reported is not reminded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain.body_register import BodyRegister
from domain.plan import Plan
from domain.plan_state import RoundState
from domain.reminders import (
    Reminder,
    as_registered,
    due_step,
    has_reported,
    reminded_at,
    standing,
    unreported,
)
from notify.recipients import Recipients


@dataclass(frozen=True)
class DueReminder:
    """One body to remind at one step, with what it has left to report."""

    plan_key: str
    plan_title: str
    round_id: str
    deadline: date
    body: str
    """The body as the round names it (an id, or a name from older events)."""
    body_name: str
    """What people read: the body's registered name."""
    step: int
    sent_on: date
    """The day the mail goes: the step's day, or later when a run sends the step late (the
    mail server was down, or the round was opened after the step's day), or a person resends
    it. The mail speaks of the deadline as passed or to come on this day, and names its step
    only on the step's own day (`notify.reminder_mail`)."""
    recipients: tuple[str, ...]
    measures: tuple[tuple[str, str], ...]
    """(number, text) of each of the body's measures without a report in the round."""


def due_reminders(plan: Plan, today: date, recipients: Recipients) -> list[DueReminder]:
    """Bodies of the open round that have not reported and have no reminder at the due step
    (or one the server put off: `ReminderDeferred`, or put off for some of its addresses; as
    it stands, that one is still to be tried, `domain.reminders.standing`).

    A reminder put off for some addresses while others took it or refused it for good
    (`Reminder.answered_apart`) is due to the addresses put off, and only to them.

    Bodies without an address are included with no recipients, so they can be
    shown; the sender skips them.
    """
    round_id = plan.open_round_id()
    if round_id is None:
        return []
    state = plan.rounds[round_id]
    step = due_step(state.schedule, state.deadline, today)
    if step is None:
        return []
    register = recipients.register(plan.header.owner)
    measures = as_registered(plan.reporting_measures(), register)
    due = []
    for body in register.distinct(state.bodies):
        key = register.key_of(body)
        found = reminders_at(state, body, step, register)
        if has_reported(key, round_id, measures) or any(not r.tried_again for r in found):
            continue
        if found:  # tried again under the name it was first tried under (`Plan.intend_reminder`)
            body = found[0].body
        to = recipients.addresses(plan.header.owner, body)
        if found and found[0].answered_apart:
            current = {a.lower() for a in to}
            to = tuple(a for a in found[0].put_off if a.lower() in current)
            if not to:  # a person took the addresses put off out of the body's contacts
                continue
        missing = unreported(key, round_id, measures)
        due.append(
            DueReminder(
                plan_key=plan.key,
                plan_title=plan.header.title,
                round_id=round_id,
                deadline=state.deadline,
                body=body,
                body_name=register.label(body),
                step=step,
                sent_on=today,
                recipients=to,
                measures=tuple((m.number, m.text) for m in missing),
            )
        )
    return due


def reminders_at(state: RoundState, body: str, step: int, register: BodyRegister) -> list[Reminder]:
    """The round's reminders to a body at a step, under every name the round gave it: a body
    merged since into another of the round's bodies is that one body, reminded once a step
    (the plan keeps each reminder under the name it was sent to)."""
    wanted = register.identity(body)
    return [r for r in state.reminders if r.step == step and register.identity(r.body) == wanted]


def to_resend(reminders: Iterable[Reminder]) -> Reminder | None:
    """Of a body's reminders at one step (one under each name the round gave it:
    `reminders_at`), the one a person's «Send på nytt» is for: the first not delivered, else
    the first; None when there is none. After a merge, the body's failed reminder is resent,
    not refused because the merged body's was sent. The dashboard's button, the API and
    `round resend` all choose by it, and refuse the one chosen before any mail server is
    asked (`notify.sender.check_resend`): resent since the person saw it (whatever became
    of that resend), else delivered."""
    found = list(reminders)
    return next((r for r in found if not r.status.delivered), next(iter(found), None))


def standing_reminders(plan: Plan, today: date, register: BodyRegister) -> tuple[Reminder, ...]:
    """The open round's reminders as they stand today (`domain.reminders.standing`): what
    people are shown, in the order the round recorded them. A reminder put off by the mail
    server says "prøves igjen" only while the next run would send it (to the body's contacts
    as the register has them: `due_reminders` reads them the same way through
    `RegisteredRecipients`)."""
    round_id, state = plan.open_round()
    return _as_they_stand(plan, round_id, state.reminders, today, register)


def standing_reminder(
    plan: Plan, round_id: str, reminder: Reminder, today: date, register: BodyRegister
) -> Reminder:
    """One reminder of the round as it stands today, as `standing_reminders` shows it."""
    (found,) = _as_they_stand(plan, round_id, (reminder,), today, register)
    return found


def _as_they_stand(
    plan: Plan,
    round_id: str,
    reminders: tuple[Reminder, ...],
    today: date,
    register: BodyRegister,
) -> tuple[Reminder, ...]:
    """The reminders by the bodies' reports, the round's schedule and the day, and each
    body's contacts as the register has them (`domain.reminders.standing`)."""
    state = plan.rounds[round_id]
    measures = as_registered(plan.reporting_measures(), register)
    due = due_step(state.schedule, state.deadline, today)
    return tuple(
        standing(
            r,
            reported=has_reported(register.key_of(r.body), round_id, measures),
            due=due,
            schedule=state.schedule,
            contacts=reminded_at(register, r.body),
        )
        for r in reminders
    )

"""Which reminders are due now, read from the plan itself (the write model).

Reading the aggregate rather than a read model means a report saved a moment
ago (from the sheet, the web or the command line) is seen, so a body that has
just reported is not reminded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.body_register import BodyRegister
from domain.plan import Plan
from domain.reminders import (
    Reminder,
    as_registered,
    due_on,
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
    due_on: date
    """The step's day; for a person's resend, the day it is sent again."""
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
    for body in _distinct(state.bodies, register):
        key = register.key_of(body)
        found = state.reminder(body, step)
        if has_reported(key, round_id, measures) or (found is not None and not found.tried_again):
            continue
        to = recipients.addresses(plan.header.owner, body)
        if found is not None and found.answered_apart:
            current = {a.lower() for a in to}
            to = tuple(a for a in found.put_off if a.lower() in current)
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
                due_on=due_on(state.deadline, step),
                recipients=to,
                measures=tuple((m.number, m.text) for m in missing),
            )
        )
    return due


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


def _distinct(bodies: tuple[str, ...], register: BodyRegister) -> list[str]:
    """The round's bodies once each: a body merged into another since the round opened is
    that body, by the first name the round gave it (as `Planlogg` records its reminders)."""
    first: dict[str, str] = {}
    for body in bodies:
        first.setdefault(register.identity(body), body)
    return list(first.values())

"""Reminders of a reporting round: its schedule, which step is due, and each step's fate.

A round's schedule is a list of days relative to its deadline: 14 and 3 days
before it, and 1 day after (-1). A step is due from its day on; when several
are due at once (a round opened late, or a deadline already past) only the
latest is sent, since the earlier ones have lost their point.

Delivery is at most once per body and step. The intent is recorded as an
event before the mail is handed to the server and marked sent after; a step
whose intent has no outcome may or may not have reached the server ("kanskje
sendt"), and only a person decides what happens to it (confirm or resend).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from domain.body_register import BodyRegister
from domain.errors import ValidationError
from domain.measure import MeasureState
from domain.text import excerpt
from language import N_, _, ngettext

DEFAULT_SCHEDULE = (14, 3, -1)
"""Days before the deadline (negative: after) a body that has not reported is reminded.

A round opened with this schedule records no ReminderScheduleSet, so stored rounds
rely on it: never change it (give new rounds another schedule explicitly instead)."""
MAX_SCHEDULE_DAYS = 366


class ReminderStatus(StrEnum):
    """Where one reminder (body and step) stands."""

    INTENDED = "intended"
    SENT = "sent"
    FAILED = "failed"
    CONFIRMED = "confirmed"
    DEFERRED = "deferred"
    """The server asked to be tried again later and took nothing: the next run sends it."""
    SUPERSEDED = "superseded"
    """Put off by the server, then a later step's reminder was intended to the body, or a
    later step became due (`standing`): only the latest due step is sent, so this one is
    never tried again."""
    UNNEEDED = "unneeded"
    """Put off by the server, then the body reported: a body that has reported is not
    reminded, so this one is not tried again (`standing`)."""
    DROPPED = "dropped"
    """Put off by the server, then its step was taken out of the round's schedule: only the
    schedule's steps are sent, so this one is not tried again (`standing`)."""

    @property
    def label(self) -> str:
        """The status in the målform spoken now."""
        return _(_STATUS_LABELS[self.value])

    @property
    def delivered(self) -> bool:
        return self in (ReminderStatus.SENT, ReminderStatus.CONFIRMED)

    @property
    def given_up(self) -> bool:
        """Put off by the server and, as it stands, never tried again (`standing`)."""
        return self in (ReminderStatus.UNNEEDED, ReminderStatus.SUPERSEDED, ReminderStatus.DROPPED)


_STATUS_LABELS = {
    "intended": N_("kanskje sendt"),
    "sent": N_("sendt"),
    "failed": N_("ikke sendt (feil)"),
    "confirmed": N_("sendt (bekreftet)"),
    "deferred": N_("utsatt av e-posttjeneren (prøves igjen)"),
    "superseded": N_("ikke sendt (utsatt av e-posttjeneren, avløst av en senere påminnelse)"),
    "unneeded": N_("ikke sendt (utsatt av e-posttjeneren, organet har rapportert siden)"),
    "dropped": N_(
        "ikke sendt (utsatt av e-posttjeneren, steget er tatt ut av planen for påminnelser)"
    ),
}


@dataclass(frozen=True)
class Reminder:
    """One body's reminder for one step of the schedule, and its latest attempt."""

    body: str
    step: int
    status: ReminderStatus
    attempt: int = 1
    recipients: tuple[str, ...] = ()
    note: str = ""


def parse_schedule(text: str) -> tuple[int, ...]:
    """Read "14,3,-1" (days before the deadline; negative after) into distinct steps."""
    steps: list[int] = []
    for part in text.replace(";", ",").split(","):
        word = part.strip()
        if not word:
            continue
        try:
            day = int(word)
        except ValueError:
            raise ValidationError(
                _(
                    "«%(word)s» er ikke et antall dager. Skriv f.eks. 14,3,-1 "
                    "(dager før fristen, negativt etter).",
                    word=excerpt(word),
                )
            ) from None
        if abs(day) > MAX_SCHEDULE_DAYS:
            raise ValidationError(
                _(
                    "%(day)s dager er for langt fra fristen (høyst ±%(max)s).",
                    day=excerpt(str(day)),
                    max=MAX_SCHEDULE_DAYS,
                )
            )
        if day not in steps:
            steps.append(day)
    return tuple(sorted(steps, reverse=True))


def step_label(step: int) -> str:
    """When a step falls, in the målform spoken now: "3 dager før fristen"."""
    if step > 0:
        return ngettext("%(num)s dag før fristen", "%(num)s dager før fristen", step)
    if step == 0:
        return _("på fristdagen")
    return ngettext("%(num)s dag etter fristen", "%(num)s dager etter fristen", -step)


def due_on(deadline: date, step: int) -> date:
    return deadline - timedelta(days=step)


def due_step(schedule: Sequence[int], deadline: date, today: date) -> int | None:
    """The latest step of the schedule whose day has come, or None before the first."""
    due = [step for step in schedule if due_on(deadline, step) <= today]
    return min(due) if due else None


def as_registered(measures: Sequence[MeasureState], register: BodyRegister) -> list[MeasureState]:
    """The measures with each body they name given by its id in the register.

    A measure names bodies by id (new events) or by a spelling as typed (older
    events, merged spellings); counting by id makes them one body, as the
    dashboard does. Round bodies are compared through `register.key_of` too.
    """
    found = []
    for measure in measures:
        status = measure.status
        if status is not None and status.body:
            status = replace(status, body=register.key_of(status.body))
        responsible = tuple(register.key_of(b) for b in measure.responsible)
        found.append(replace(measure, responsible=responsible, status=status))
    return found


def own_measures(body: str, measures: Sequence[MeasureState]) -> list[MeasureState]:
    return [m for m in measures if not m.removed and body in m.responsible]


def unreported(body: str, round_id: str, measures: Sequence[MeasureState]) -> list[MeasureState]:
    """The body's measures without a report in the round (from any channel, sheet included)."""
    return [
        m for m in own_measures(body, measures) if m.status is None or m.status.round_id != round_id
    ]


def has_reported(body: str, round_id: str, measures: Sequence[MeasureState]) -> bool:
    """Every measure the body is responsible for has a report in the round.

    A body responsible for no measure has reported when a report names it.
    """
    if own_measures(body, measures):
        return not unreported(body, round_id, measures)
    return any(
        m.status.body == body and m.status.round_id == round_id
        for m in measures
        if m.status and not m.removed
    )


def evolve_reminders(
    reminders: tuple[Reminder, ...], name: str, facts: Mapping[str, Any]
) -> tuple[Reminder, ...]:
    """The reminders of a round after one reminder event."""
    body, step = facts["body"], facts["step"]
    found = next((r for r in reminders if r.body == body and r.step == step), None)
    others = tuple(r for r in reminders if r is not found)
    if name == "ReminderIntended":
        new = Reminder(
            body, step, ReminderStatus.INTENDED, facts["attempt"], tuple(facts["recipients"])
        )
        return (*_superseded(others, body, step), new)
    if found is None:
        raise ValueError(f"{name}: no reminder for {body} at step {step}")
    status = {
        "ReminderSent": ReminderStatus.SENT,
        "ReminderFailed": ReminderStatus.FAILED,
        "ReminderDeliveryConfirmed": ReminderStatus.CONFIRMED,
        "ReminderDeferred": ReminderStatus.DEFERRED,
    }[name]
    return (*others, replace(found, status=status, note=str(facts.get("note", ""))))


def _superseded(reminders: tuple[Reminder, ...], body: str, step: int) -> tuple[Reminder, ...]:
    """The reminders once a later step's reminder is intended to the body: an earlier step
    the server put off is not tried again (only the latest due step is sent), so it no
    longer says "prøves igjen". Derived from the intent, so no event is needed for it."""
    return tuple(
        replace(r, status=ReminderStatus.SUPERSEDED)
        if r.body == body and r.step > step and r.status is ReminderStatus.DEFERRED
        else r
        for r in reminders
    )


def standing(
    reminder: Reminder, *, reported: bool, due: int | None, schedule: Sequence[int]
) -> Reminder:
    """The reminder as it stands, given whether its body has reported, the step due now and
    the round's schedule.

    One the server put off (`DEFERRED`) is tried again only by a run that finds its step the
    one due and the body not reported (`notify.due`); otherwise it never will be, and must
    not say "prøves igjen": the body has reported (`UNNEEDED`), its step is no longer in the
    schedule (`DROPPED`), or a later step is due and only that one is sent (`SUPERSEDED`, as
    when the later step's reminder is intended, whether or not the body has an address for
    it). A step still in the schedule whose day is ahead again (the deadline moved) is tried
    when it comes. Derived from the reports, the schedule and the day, which no reminder event
    records, so what the events left is kept as it was."""
    if reminder.status is not ReminderStatus.DEFERRED:
        return reminder
    if reported:
        return replace(reminder, status=ReminderStatus.UNNEEDED)
    if reminder.step not in schedule:
        return replace(reminder, status=ReminderStatus.DROPPED)
    if due is not None and due < reminder.step:
        return replace(reminder, status=ReminderStatus.SUPERSEDED)
    return reminder


REMINDER_EVENTS = frozenset(
    {
        "ReminderIntended",
        "ReminderSent",
        "ReminderFailed",
        "ReminderDeferred",
        "ReminderDeliveryConfirmed",
    }
)

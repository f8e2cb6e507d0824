"""Reminders of a reporting round: its schedule, which step is due, and each step's fate.

A round's schedule is a list of days relative to its deadline: 14 and 3 days
before it, and 1 day after (-1). A step is due from its day on; when several
are due at once (a round opened late, or a deadline already past) only the
latest is sent, since the earlier ones have lost their point.

Delivery is at most once per body and step. The intent is recorded as an
event before the mail is handed to the server and marked sent after; a step
whose intent has no outcome may or may not have reached the server ("kanskje
sendt"), and only a person decides what happens to it (confirm or resend).

Each address counts: a step is sent when every address it was meant for took it.
When the server takes it for some addresses and puts off or refuses others
(`ReminderRecipientsAnswered`), the step is "delvis sendt"; the addresses put off
are tried again on the next run, alone, and those refused for good wait for a
person's resend, which goes to none of the addresses that have it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from domain.body_register import BodyRegister
from domain.dates import format_norwegian_date, period_words
from domain.errors import RuleError, ValidationError
from domain.mail_answers import answer_meaning
from domain.measure import MeasureState
from domain.numbering import number_sort_key
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
    PARTLY_SENT = "partly_sent"
    """Some of its addresses took it, and others did not: put off (`Reminder.put_off`: the
    next run sends it to them, alone) or refused for good (`Reminder.refused`: only a person
    sends it again). Not sent until every address took it."""
    UNLISTED = "unlisted"
    """Put off by the server for addresses that have since been taken out of the body's
    contacts: a further attempt goes only to those addresses, and the next run sends only to
    contacts, so this one is not tried again (`standing`)."""

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
        return self in (
            ReminderStatus.UNNEEDED,
            ReminderStatus.SUPERSEDED,
            ReminderStatus.DROPPED,
            ReminderStatus.UNLISTED,
        )


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
    "partly_sent": N_("delvis sendt"),
    "unlisted": N_(
        "ikke sendt (utsatt av e-posttjeneren, adressen er ikke lenger blant organets kontakter)"
    ),
}


@dataclass(frozen=True)
class Reminder:
    """One body's reminder for one step of the schedule, and its latest attempt.

    What each address answered, over the step's attempts: `taken`, `put_off`, `refused`
    (an address is in one of them at most; one the latest attempt is still waiting for is
    in none). A step whose addresses all answered alike and were never answered apart
    keeps them there too; its `status` reads as it always has."""

    body: str
    step: int
    status: ReminderStatus
    attempt: int = 1
    recipients: tuple[str, ...] = ()
    """The latest attempt's addresses."""
    note: str = ""
    taken: tuple[str, ...] = ()
    """The addresses that took the step's reminder, in any attempt: never sent it again."""
    put_off: Mapping[str, str] = field(default_factory=dict)
    """Addresses the server put off (4xx, or the connection broke before them), with its
    answer: the next run sends the reminder to them, and only to them."""
    refused: Mapping[str, str] = field(default_factory=dict)
    """Addresses the server refused for good (5xx), with its answer: only a person's resend
    tries them again."""
    gave_up: ReminderStatus | None = None
    """Why the addresses put off of a reminder "delvis sendt" are not tried again, as
    `standing` or a later step's intent found (`UNNEEDED`, `SUPERSEDED`, `DROPPED`,
    `UNLISTED`); None while they are."""
    unlisted: tuple[str, ...] = ()
    """Addresses put off that are no longer among the body's contacts, as `standing` found
    them: no run sends it to them (the others put off are still tried). Never recorded."""

    @property
    def answered_apart(self) -> bool:
        """Some address has an answer of its own: a further attempt goes only to those put
        off, and a resend to none of those that took it."""
        return bool(self.taken and (self.put_off or self.refused)) or bool(
            self.put_off and self.refused
        )

    @property
    def tried_again(self) -> bool:
        """The next run sends it by itself: put off as a whole, or put off for some of its
        addresses (then to them alone), and still needed as far as the events know."""
        if self.status is ReminderStatus.DEFERRED:
            return True
        return (
            self.status is ReminderStatus.PARTLY_SENT
            and bool(self.put_off)
            and self.gave_up is None
        )

    @property
    def no_longer_needed(self) -> bool:
        """Put off, and then no longer needed (the body reported, a later step is due, the
        step left the schedule, the addresses put off left the body's contacts): as a whole
        (its status) or for the addresses put off of a step "delvis sendt" (`gave_up`). No
        run sends it again."""
        return self.given_up_as is not None

    @property
    def given_up_as(self) -> ReminderStatus | None:
        """Why a reminder put off is no longer tried (`no_longer_needed`); None otherwise."""
        if self.status.given_up:
            return self.status
        return self.gave_up

    @property
    def left_contacts(self) -> bool:
        """No longer tried because the addresses put off are no longer among the body's
        contacts (`standing`): said so, not as "no longer needed"."""
        return self.given_up_as is ReminderStatus.UNLISTED

    def not_had(self, addresses: Iterable[str]) -> tuple[str, ...]:
        """The addresses that have not taken this step's reminder (spelling of case aside)."""
        had = _folded(self.taken)
        return tuple(a for a in addresses if a.lower() not in had)

    @property
    def words(self) -> str:
        """Its status, and, when its addresses fared differently, what became of those that
        did not get it: "delvis sendt: b@… utsatt av e-posttjeneren (prøves igjen)"."""
        apart = self.apart_words()
        return f"{self.status.label}: {apart}" if apart else self.status.label

    def apart_words(self) -> str:
        """What became of each address that did not get it, where that is not what its
        status says ("" when nothing is apart)."""
        parts: list[str] = []
        if self.status is ReminderStatus.PARTLY_SENT:
            parts += [f"{address} {self._later(address).label}" for address in self.put_off]
        elif self.status is ReminderStatus.DEFERRED:
            parts += [f"{address} {ReminderStatus.UNLISTED.label}" for address in self.unlisted]
        if self.status is not ReminderStatus.FAILED and self.status is not (
            ReminderStatus.INTENDED
        ):
            parts += [refused_words(a, why) for a, why in self.refused.items()]
        return ", ".join(parts)

    def _later(self, address: str) -> ReminderStatus:
        """What becomes of an address put off: tried again, or why it is not."""
        if self.gave_up is not None:
            return self.gave_up
        if address in self.unlisted:
            return ReminderStatus.UNLISTED
        return ReminderStatus.DEFERRED


@dataclass(frozen=True)
class ReminderAnswers:
    """What the mail server answered for some addresses of one attempt, address by address
    (the answer as the server gave it, "451 4.3.0 …"; or why it was never asked)."""

    taken: tuple[str, ...] = ()
    put_off: Mapping[str, str] = field(default_factory=dict)
    refused: Mapping[str, str] = field(default_factory=dict)


SHOWN_ANSWER = 100
"""How much of a mail server's answer is shown beside an address: its code and the start of its
words («550 5.1.1 …»); some servers answer in several lines with links."""


def refused_words(address: str, why: str) -> str:
    """One address the server refused for good: what the answer means, where its code says
    (`answer_meaning`), and the start of the answer itself on one line."""
    meaning = answer_meaning(why)
    if meaning:
        return _(
            "%(address)s avvist av e-posttjeneren: %(meaning)s (%(why)s)",
            address=address,
            meaning=meaning,
            why=shown_answer(why),
        )
    return _(
        "%(address)s avvist av e-posttjeneren (%(why)s)",
        address=address,
        why=shown_answer(why),
    )


def shown_answer(why: str) -> str:
    """The start of a mail server's answer, on one line («550 5.1.1 …»)."""
    return excerpt(" ".join(why.split()), SHOWN_ANSWER)


MOST_ADDRESSES = 3
"""The addresses a refusal names one by one; the rest are counted (a body of a large
community may be reminded at hundreds)."""
SHOWN_ADDRESS = 60
"""How much of one address a refusal shows."""


def some_addresses(addresses: Sequence[str]) -> str:
    """Addresses as a refusal names them: the first few, the rest counted
    («a@…, b@…, c@… og 197 til»)."""
    return _some([excerpt(a, SHOWN_ADDRESS) for a in addresses[:MOST_ADDRESSES]], len(addresses))


def some_answers(answers: Mapping[str, str]) -> str:
    """Addresses with the server's answer to each, as a refusal of a whole envelope names
    them: the first few, each with the start of its answer, the rest counted
    («a@… (550 5.1.1 …), b@… (550 5.1.1 …), c@… (550 5.1.1 …) og 197 til»)."""
    named = list(answers.items())[:MOST_ADDRESSES]
    shown = [f"{excerpt(a, SHOWN_ADDRESS)} ({shown_answer(why)})" for a, why in named]
    return _some(shown, len(answers))


def _some(shown: list[str], count: int) -> str:
    """The first few of `count` addresses as shown, and how many more there are."""
    rest = count - len(shown)
    if rest <= 0:
        return ", ".join(shown)
    return _("%(addresses)s og %(more)s til", addresses=", ".join(shown), more=rest)


def _folded(addresses: Iterable[str]) -> set[str]:
    return {a.lower() for a in addresses}


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


def check_resendable(found: Reminder | None, body: str, step: int) -> None:
    """The rule for a person's resend, worded once for every place that refuses it (the
    plan, and the sender and the dashboard before any mail server is asked): only a reminder
    not taken by every address ("kanskje sendt", "delvis sendt", failed, put off) is sent
    once more. `body` as the caller can name it to people (the register's name where it has
    the register)."""
    if found is None or found.status.delivered:
        raise RuleError(
            _(
                "Bare en påminnelse som er «kanskje sendt», «delvis sendt», feilet eller "
                "utsatt, kan sendes på nytt (%(body)s, %(step)s).",
                body=body,
                step=step_label(step),
            )
        )


def due_on(deadline: date, step: int) -> date:
    return deadline - timedelta(days=step)


def due_step(schedule: Sequence[int], deadline: date, today: date) -> int | None:
    """The latest step of the schedule whose day has come, or None before the first."""
    due = [step for step in schedule if due_on(deadline, step) <= today]
    return min(due) if due else None


def steps_words(days: Sequence[int]) -> str:
    """A schedule as people read it: "14 dager før fristen, 1 dag etter fristen", or "ingen"."""
    return ", ".join(step_label(d) for d in days) or _("ingen")


@dataclass(frozen=True)
class OpeningWarnings:
    """What to tell whoever opens a round (`opening_warnings`): the round is opened all the
    same, but they may not expect what follows. Each way a round is opened (command line,
    page) says these in its own words where it offers its own way out."""

    deadline: date
    today: date
    due: int | None
    """The step the next run of reminders sends to the bodies that have not reported (its day
    has come already); None when none is due yet."""
    to_come: tuple[int, ...]
    """The schedule's steps whose day is still to come: the schedule that sends only them."""
    period: str
    """The plan's period when the deadline is after it (no annual report holds the round);
    "" when it is not."""

    @property
    def surprising(self) -> bool:
        """The deadline has passed, or a reminder's day has come already: the bodies that have
        not reported get a reminder on the next run, minutes after the round is opened. The
        page asks before it opens such a round; the command line and the API open it and say
        so after."""
        return self.deadline < self.today or self.due is not None

    def passed(self) -> str:
        """The deadline is before today; "" when it is not."""
        if self.deadline >= self.today:
            return ""
        return _(
            "Fristen %(deadline)s er allerede passert (i dag er %(today)s). "
            "Runden er åpnet likevel.",
            deadline=format_norwegian_date(self.deadline),
            today=format_norwegian_date(self.today),
        )

    def after_period(self) -> str:
        """The deadline is after the plan's period; "" when it is not."""
        if not self.period:
            return ""
        return _(
            "Fristen er etter planperioden %(period)s, og runden kommer ikke med "
            "i noen årsrapport.",
            period=self.period,
        )


def opening_warnings(
    deadline: date, schedule: Sequence[int], today: date, first_year: int, last_year: int
) -> OpeningWarnings:
    """What a round with `deadline` and `schedule`, opened `today` in a plan of the years
    `first_year`–`last_year`, should be opened with a warning about.

    A secretariat may record a round after the fact (decided at a meeting, typed in later),
    or open it late: then the bodies that have not reported would be reminded on the next
    run, which they may not expect, so the warning names the step and the steps still to
    come. And an annual report is made only for the years of the plan's period, so a round
    after it is in none.
    """
    return OpeningWarnings(
        deadline=deadline,
        today=today,
        due=due_step(schedule, deadline, today),
        to_come=tuple(d for d in schedule if due_on(deadline, d) > today),
        period=period_words(first_year, last_year) if deadline.year > last_year else "",
    )


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


def unreported_numbers(
    body: str, round_id: str, measures: Sequence[MeasureState]
) -> tuple[str, ...]:
    """The numbers of the body's measures without a report in the round, in number order:
    what the dashboard and the status form say the body still lacks."""
    missing = (m.number for m in unreported(body, round_id, measures))
    return tuple(sorted(missing, key=number_sort_key))


def unasked(
    bodies: Iterable[str], measures: Sequence[MeasureState], register: BodyRegister
) -> tuple[str, ...]:
    """The numbers of the measures a round asking `bodies` asks no body about because a body
    they name is one the register does not have, in number order; `measures` with their
    bodies by id (`as_registered`).

    A round compares bodies by id (`own_measures`), and a name no body has stays as typed,
    so such a measure is in no body's «mangler» list and nobody is reminded about it. Merging
    the spelling into a body of the round makes it asked at once. A measure some body of the
    round answers for is asked; one with no body at all is «Uten ansvarlig organ».
    """
    asked = {register.key_of(b) for b in bodies}
    found = (
        m.number
        for m in measures
        if not m.removed
        and asked.isdisjoint(m.responsible)
        and any(register.resolve(b) is None for b in m.responsible)
    )
    return tuple(sorted(found, key=number_sort_key))


def unasked_words(numbers: Sequence[str]) -> str:
    """The measures a round asks no body about (`unasked`), as the dashboard and `round show`
    say it; "" when there are none."""
    if not numbers:
        return ""
    return ngettext(
        "%(num)s tiltak blir ikke etterspurt i runden fordi organet som har ansvaret, ikke er "
        "i organregisteret: %(numbers)s.",
        "%(num)s tiltak blir ikke etterspurt i runden fordi organet som har ansvaret, ikke er "
        "i organregisteret: %(numbers)s.",
        len(numbers),
        numbers=", ".join(numbers),
    )


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
        recipients = tuple(facts["recipients"])
        new = Reminder(body, step, ReminderStatus.INTENDED, facts["attempt"], recipients)
        if found is not None and (found.taken or found.answered_apart):
            # the earlier attempts' answers stand for the addresses not tried now; a step
            # put off or refused as a whole starts afresh, as it always has
            trying = _folded(recipients)
            new = replace(
                new,
                taken=found.taken,
                put_off={a: w for a, w in found.put_off.items() if a.lower() not in trying},
                refused={a: w for a, w in found.refused.items() if a.lower() not in trying},
            )
        return (*_superseded(others, body, step), new)
    if found is None:
        raise ValueError(f"{name}: no reminder for {body} at step {step}")
    note = str(facts.get("note", ""))
    if name == "ReminderRecipientsAnswered":
        answered = _answered(
            found,
            taken=facts["taken"],
            put_off=facts["put_off"],
            refused=facts["refused"],
        )
        return (*others, replace(answered, status=_status(answered), note=note))
    if name in ("ReminderSent", "ReminderDeliveryConfirmed"):
        whole = ReminderStatus.SENT if name == "ReminderSent" else ReminderStatus.CONFIRMED
    elif name == "ReminderFailed":
        whole = ReminderStatus.FAILED
    else:  # ReminderDeferred
        whole = ReminderStatus.DEFERRED
    if not (found.taken or found.put_off or found.refused):
        # No address was ever answered apart: the outcome is the whole step's, and the state
        # is exactly what it was before addresses were answered apart (old stores, their
        # snapshots and read models built from them read the same).
        return (*others, replace(found, status=whole, note=note))
    everyone = found.not_had(
        a
        for a in found.recipients
        if a.lower() not in _folded(found.put_off) | _folded(found.refused)
    )
    if whole in (ReminderStatus.SENT, ReminderStatus.CONFIRMED):
        answered = _answered(found, taken=everyone)
    elif whole is ReminderStatus.FAILED:
        answered = _answered(found, refused=dict.fromkeys(everyone, note))
    else:
        answered = _answered(found, put_off=dict.fromkeys(everyone, note))
    status = _status(answered) if answered.answered_apart else whole
    return (*others, replace(answered, status=status, note=note))


def _answered(
    reminder: Reminder,
    taken: Iterable[str] = (),
    put_off: Mapping[str, str] | None = None,
    refused: Mapping[str, str] | None = None,
) -> Reminder:
    """The reminder with the server's answers for some of its addresses added: each address
    in one place only, its latest answer."""
    put_off, refused = dict(put_off or {}), dict(refused or {})
    now = _folded([*taken, *put_off, *refused])
    return replace(
        reminder,
        taken=(*reminder.taken, *(a for a in taken if a.lower() not in _folded(reminder.taken))),
        put_off={**{a: w for a, w in reminder.put_off.items() if a.lower() not in now}, **put_off},
        refused={**{a: w for a, w in reminder.refused.items() if a.lower() not in now}, **refused},
    )


def _status(reminder: Reminder) -> ReminderStatus:
    """Where a step stands by its addresses' answers: "kanskje sendt" while an address of its
    latest attempt has none, sent when every one took it, "delvis sendt" when some did."""
    answered = _folded(reminder.taken) | _folded(reminder.put_off) | _folded(reminder.refused)
    if any(a.lower() not in answered for a in reminder.recipients):
        return ReminderStatus.INTENDED
    if not reminder.put_off and not reminder.refused:
        return ReminderStatus.SENT
    if reminder.taken:
        return ReminderStatus.PARTLY_SENT
    return ReminderStatus.DEFERRED if reminder.put_off else ReminderStatus.FAILED


def _superseded(reminders: tuple[Reminder, ...], body: str, step: int) -> tuple[Reminder, ...]:
    """The reminders once a later step's reminder is intended to the body: an earlier step
    the server put off (as a whole, or for some addresses) is not tried again (only the
    latest due step is sent), so it no longer says "prøves igjen". Derived from the intent,
    so no event is needed for it."""
    return tuple(
        _given_up(r, ReminderStatus.SUPERSEDED) if r.body == body and r.step > step else r
        for r in reminders
    )


def _given_up(reminder: Reminder, why: ReminderStatus) -> Reminder:
    """A reminder put off that will not be tried again, for `why`; any other as it is."""
    if reminder.status is ReminderStatus.DEFERRED:
        return replace(reminder, status=why)
    if reminder.tried_again:
        return replace(reminder, gave_up=why)
    return reminder


def standing(
    reminder: Reminder,
    *,
    reported: bool,
    due: int | None,
    schedule: Sequence[int],
    contacts: Iterable[str] | None = None,
) -> Reminder:
    """The reminder as it stands, given whether its body has reported, the step due now,
    the round's schedule and the body's contacts now (`reminded_at`; None: not known).

    One the server put off (`DEFERRED`) is tried again only by a run that finds its step the
    one due and the body not reported (`notify.due`); otherwise it never will be, and must
    not say "prøves igjen": the body has reported (`UNNEEDED`), its step is no longer in the
    schedule (`DROPPED`), or a later step is due and only that one is sent (`SUPERSEDED`, as
    when the later step's reminder is intended, whether or not the body has an address for
    it). A step still in the schedule whose day is ahead again (the deadline moved) is tried
    when it comes. A reminder "delvis sendt" whose addresses put off would be tried again
    keeps its status and says why they will not be (`Reminder.gave_up`).

    A reminder whose addresses were answered apart is tried again only for the addresses
    put off that are still among the body's contacts (`notify.due`): those taken out are
    `Reminder.unlisted`, and when that is all of them, it is not tried again (`UNLISTED`).
    One put off as a whole goes to the body's contacts as they are then, so it is kept.

    Derived from the reports, the schedule, the day and the contacts, which no reminder
    event records, so what the events left is kept as it was."""
    if not reminder.tried_again:
        return reminder
    if reported:
        return _given_up(reminder, ReminderStatus.UNNEEDED)
    if reminder.step not in schedule:
        return _given_up(reminder, ReminderStatus.DROPPED)
    if due is not None and due < reminder.step:
        return _given_up(reminder, ReminderStatus.SUPERSEDED)
    if contacts is None or not reminder.answered_apart:
        return reminder
    current = _folded(contacts)
    unlisted = tuple(a for a in reminder.put_off if a.lower() not in current)
    if not unlisted:
        return reminder
    found = replace(reminder, unlisted=unlisted)
    if len(unlisted) < len(reminder.put_off):
        return found
    return _given_up(found, ReminderStatus.UNLISTED)


def reminded_at(register: BodyRegister, body: str) -> tuple[str, ...]:
    """The addresses a body (by id, name or alias) is reminded at now: those it is to be
    reminded at, else its reporters'; none for a body the register does not have."""
    found = register.contacts().get(register.key_of(body))
    if found is None:
        return ()
    return tuple(found.reminded or found.reporters)


REMINDER_EVENTS = frozenset(
    {
        "ReminderIntended",
        "ReminderSent",
        "ReminderFailed",
        "ReminderDeferred",
        "ReminderDeliveryConfirmed",
        "ReminderRecipientsAnswered",
    }
)

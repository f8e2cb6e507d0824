"""A hearing (høyring) of a plan's draft: who was asked, what they answered, what we replied.

A draft goes on hearing once per version (`SentOnHearing`), on the day the secretariat
says it was sent (often days before it is recorded here; unknown for a hearing recorded
before that day was kept, `SentOnHearing` version 2). Each response
(høyringsfråsegn) is recorded as it comes in, with its attachments named by
reference (a file name or an address, never the file), and the secretariat
answers each response. While the hearing is open the secretariat may extend its
deadline for everyone (`HearingDeadlineExtended`; the deadline it was sent with is
kept), and withdraw a response registered by mistake (`HearingResponseWithdrawn`,
with why): the response stays in the record, marked withdrawn, and is no longer
counted, answered, or its ID given again. A sent day typed wrong, or never said, is
corrected (`HearingSentDateCorrected`, with why) at any time: the day first recorded stays
in the history. Like a measure, a hearing is a frozen value with one
pure transition function that the `Plan` aggregate and the read models share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from domain.change import Change
from domain.dates import format_norwegian_date
from domain.errors import ConcurrentEditError, NotFoundError, RuleError, ValidationError
from domain.norwegian_time import oslo_today
from domain.text import excerpt
from language import N_, _

HEARING_EVENTS = frozenset(
    {
        "SentOnHearing",
        "HearingResponseReceived",
        "HearingResponseAnswered",
        "HearingDeadlineExtended",
        "HearingResponseWithdrawn",
        "HearingSentDateCorrected",
    }
)


@dataclass(frozen=True)
class HearingAnswer:
    """The secretariat's answer to one response (e.g. "teke til følgje i tiltak 2.1.3")."""

    text: str
    answered_on: date
    answered_by: str


@dataclass(frozen=True)
class HearingWithdrawal:
    """Why and when the secretariat withdrew a response registered by mistake (registered
    twice, from the wrong body, for the wrong plan), and who did."""

    reason: str
    withdrawn_on: date
    withdrawn_by: str


@dataclass(frozen=True)
class HearingResponse:
    """One response to the hearing: from whom, when, what it says, what came with it."""

    id: str
    respondent: str
    received_on: date
    text: str
    attachments: tuple[str, ...] = ()
    recorded_by: str = ""
    answer: HearingAnswer | None = None
    withdrawal: HearingWithdrawal | None = None
    """Set when the response was withdrawn: it stays in the record, but counts no more."""


@dataclass(frozen=True)
class HearingState:
    """The hearing of one version of the plan."""

    version: int
    deadline: date
    asked: tuple[str, ...] = ()
    sent_by: str = ""
    decision: str = ""
    responses: tuple[HearingResponse, ...] = ()
    original_deadline: date | None = None
    """The deadline the hearing was sent with, once `deadline` was extended (None: never
    extended, `deadline` is the one sent)."""
    sent_on: date | None = None
    """The day the draft was sent on hearing, as the secretariat said; no response came in
    before it. None (unknown) for a hearing recorded before it could say (`SentOnHearing`
    version 2, a plan snapshot of class version 3, a read model of schema 10): not the day
    it was recorded, which may be long after, so no response is refused against it."""

    def response(self, response_id: str) -> HearingResponse:
        for found in self.responses:
            if found.id == response_id:
                return found
        raise NotFoundError(_("Fant ikke uttalelsen %(response)s.", response=excerpt(response_id)))

    @property
    def active_responses(self) -> tuple[HearingResponse, ...]:
        """The responses that count: every one but those withdrawn."""
        return tuple(r for r in self.responses if r.withdrawal is None)

    @property
    def unanswered(self) -> tuple[HearingResponse, ...]:
        return tuple(r for r in self.active_responses if r.answer is None)

    @property
    def sent_deadline(self) -> date:
        """The deadline the hearing was sent with, extended since or not."""
        return self.original_deadline or self.deadline


LATE = N_("etter fristen")
"""What a response that came in after the hearing's deadline is marked with where shown."""

WITHDRAWN = N_("trukket tilbake")
"""What a response withdrawn (registered by mistake) is marked with where shown."""


def came_in_late(received_on: date, deadline: date) -> bool:
    """Whether a response that came in on `received_on` is late for the hearing's `deadline`.

    Both are Norwegian dates (the day typed, as the papers say it); the deadline's own day
    is in time. A late response is kept, bodies do answer late, and only marked as late:
    derived from the dates each time, so no event says it and none is needed.

    The deadline is the one in force when shown: the secretariat extends a deadline for
    everyone, so a response late for the deadline sent is in time once the deadline is
    extended past its day. The deadline sent stays in the record (`original_deadline`, and
    the audit history's old → new deadline).
    """
    return received_on > deadline


def marked_late(hearing: Mapping[str, Any]) -> dict[str, Any]:
    """A hearing in its JSON form (`deadline`, `responses` with ISO dates) with `late` on each
    response; the hearing given is not changed."""
    deadline = date.fromisoformat(str(hearing["deadline"]))
    responses = [
        {
            **response,
            "late": came_in_late(date.fromisoformat(str(response["received_on"])), deadline),
        }
        for response in hearing["responses"]
    ]
    return {**hearing, "responses": responses}


def check_answer_seen(response: HearingResponse, seen: str | None) -> None:
    """Refuse to answer `response` when someone else answered it since the caller saw its
    answer as `seen` ("" for none; None: the caller did not say, nothing is checked).

    The answer's text is what a person reads and can name again, so the text is compared
    (spacing and Windows line ends aside): an answer given again alike replaces nothing
    the caller did not see.
    """
    stored = response.answer
    if seen is None or stored is None or stored.text == seen.replace("\r\n", "\n").strip():
        return
    raise ConcurrentEditError(
        _(
            "Uttalelsen %(response)s fra %(respondent)s ble besvart av %(answered_by)s "
            "%(date)s etter at du hentet den: «%(text)s». Ingenting er lagret. Se over svaret, "
            "og erstatt det på nytt om du fortsatt vil.",
            response=response.id,
            respondent=response.respondent,
            answered_by=stored.answered_by,
            date=format_norwegian_date(stored.answered_on),
            text=stored.text,
        )
    )


def check_sent_date(sent_on: date, deadline: date, today: date | None = None) -> None:
    """Refuse a draft said to be sent on hearing after today in Norway (`today`:
    `oslo_today()`), or with a deadline before the day it was sent. Asked only of a hearing
    being sent, which always says the day (a hearing already recorded without one is
    never checked again).

    Both are mistyped dates (a draft not sent yet, a deadline passed before anyone was
    asked), never facts to keep; the deadline may be the day it was sent.
    """
    _check_sent_by_today(sent_on, today)
    if deadline >= sent_on:
        return
    raise ValidationError(
        _(
            "Høringsfristen kan ikke være %(deadline)s: planen ble sendt på høring %(sent)s.",
            deadline=format_norwegian_date(deadline),
            sent=format_norwegian_date(sent_on),
        )
    )


def _check_sent_by_today(sent_on: date, today: date | None) -> None:
    """Refuse a draft said to be sent on hearing after today in Norway (`today`:
    `oslo_today()`): it has not been sent yet."""
    today = oslo_today() if today is None else today
    if sent_on > today:
        raise ValidationError(
            _(
                "Planen kan ikke være sendt på høring %(sent)s, som er etter dagens dato "
                "(%(today)s).",
                sent=format_norwegian_date(sent_on),
                today=format_norwegian_date(today),
            )
        )


def check_sent_date_corrected(
    hearing: HearingState, sent_on: date, seen: date | None, today: date | None = None
) -> None:
    """Refuse to correct the day `hearing` was sent to `sent_on`: when the day recorded is
    not `seen`, the one the caller read (None: the caller read it as unknown), so a
    correction made since is never replaced unseen; when `sent_on` is the day recorded
    already; and when `sent_on` is after today in Norway (`today`: `oslo_today()`), after
    the deadline the hearing was sent with, or after a response that counts came in.

    Unlike the other checks here, `seen` is always compared: a hearing's day is corrected
    rarely and by hand, so the caller always says what it corrects (leaving it unsaid while a
    day is recorded is a mistake of the input, not an edit made since). The new day may be
    after the day the hearing was recorded: a secretariat that recorded the hearing before it
    mailed the draft corrects the record to the day it went out.
    """
    if seen is None and hearing.sent_on is not None:
        raise ValidationError(
            _(
                "Høringen av versjon %(version)s er registrert sendt %(sent)s. Ingenting er "
                "lagret. Oppgi dagen du retter, så ingen annens rettelse blir erstattet uten at "
                "du har sett den.",
                version=hearing.version,
                sent=format_norwegian_date(hearing.sent_on),
            )
        )
    if seen is not None and seen != hearing.sent_on:
        raise ConcurrentEditError(_sent_date_changed(hearing, seen))
    if sent_on == hearing.sent_on:
        raise RuleError(
            _(
                "Høringen av versjon %(version)s er allerede registrert sendt %(sent)s. "
                "Ingenting er endret.",
                version=hearing.version,
                sent=format_norwegian_date(sent_on),
            )
        )
    _check_sent_by_today(sent_on, today)
    if sent_on > hearing.sent_deadline:
        raise ValidationError(
            _(
                "Planen kan ikke være sendt på høring %(sent)s: høringsfristen den ble sendt "
                "med, er %(deadline)s.",
                sent=format_norwegian_date(sent_on),
                deadline=format_norwegian_date(hearing.sent_deadline),
            )
        )
    earlier = [r for r in hearing.active_responses if r.received_on < sent_on]
    if not earlier:
        return
    first = min(earlier, key=lambda r: r.received_on)
    raise ValidationError(
        _(
            "Planen kan ikke være sendt på høring %(sent)s: uttalelsen %(response)s fra "
            "%(respondent)s kom inn %(received)s.",
            sent=format_norwegian_date(sent_on),
            response=first.id,
            respondent=first.respondent,
            received=format_norwegian_date(first.received_on),
        )
    )


def _sent_date_changed(hearing: HearingState, seen: date) -> str:
    """Why a correction of the sent day was refused: the day read (`seen`) is not the day
    recorded, none (unknown) or another."""
    if hearing.sent_on is None:
        return _(
            "Dagen høringen av versjon %(version)s ble sendt, er ikke registrert, så "
            "%(seen)s kan ikke rettes. Ingenting er lagret. Oppgi bare den nye dagen.",
            version=hearing.version,
            seen=format_norwegian_date(seen),
        )
    return _(
        "Høringen av versjon %(version)s er registrert sendt %(sent)s nå, ikke %(seen)s som "
        "da du hentet den. Ingenting er lagret. Se over datoen, og rett den på nytt om du "
        "fortsatt vil.",
        version=hearing.version,
        sent=format_norwegian_date(hearing.sent_on),
        seen=format_norwegian_date(seen),
    )


def check_received_date(
    hearing: HearingState, received_on: date, today: date | None = None
) -> None:
    """Refuse a response to `hearing` said to come in after today in Norway (`today`:
    `oslo_today()`), or before the draft was sent on hearing (when known: a hearing
    recorded without its sent day, `sent_on` None, takes a response of any earlier day).

    A response that has not come in yet, or came in before anyone was asked, is a mistyped
    date (often the year), never a fact to keep.
    """
    today = oslo_today() if today is None else today
    if received_on > today:
        raise ValidationError(
            _(
                "En uttalelse kan ikke ha kommet inn %(received)s, som er etter dagens dato "
                "(%(today)s).",
                received=format_norwegian_date(received_on),
                today=format_norwegian_date(today),
            )
        )
    if hearing.sent_on is None or received_on >= hearing.sent_on:
        return
    raise ValidationError(
        _(
            "En uttalelse kan ikke ha kommet inn %(received)s: planen ble sendt på høring "
            "%(sent)s.",
            received=format_norwegian_date(received_on),
            sent=format_norwegian_date(hearing.sent_on),
        )
    )


def check_answer_date(
    response: HearingResponse, answered_on: date, today: date | None = None
) -> None:
    """Refuse an answer dated before the response it answers came in, or after today in
    Norway (`today`: `oslo_today()`).

    The dates are what the hearing's record shows of who said what when; an answer
    before its response, or one not given yet, is a mistyped date (often the year), never
    a fact to keep.
    """
    today = oslo_today() if today is None else today
    if answered_on > today:
        raise ValidationError(
            _(
                "Svaret kan ikke være datert %(answered)s, som er etter dagens dato (%(today)s).",
                answered=format_norwegian_date(answered_on),
                today=format_norwegian_date(today),
            )
        )
    if answered_on >= response.received_on:
        return
    raise ValidationError(
        _(
            "Svaret kan ikke være datert %(answered)s: uttalelsen %(response)s fra "
            "%(respondent)s kom inn %(received)s.",
            answered=format_norwegian_date(answered_on),
            response=response.id,
            respondent=response.respondent,
            received=format_norwegian_date(response.received_on),
        )
    )


def check_deadline_extended(hearing: HearingState, deadline: date, seen: date | None) -> None:
    """Refuse to extend `hearing` to `deadline`: when the deadline was changed since the
    caller read it as `seen` (None: the caller did not say, nothing is checked), or when
    `deadline` is not after the deadline in force (an extension gives more time)."""
    if seen is not None and seen != hearing.deadline:
        raise ConcurrentEditError(
            _(
                "Høringsfristen er %(deadline)s nå, ikke %(seen)s som da du hentet den. "
                "Ingenting er lagret. Se over fristen, og forleng den på nytt om du "
                "fortsatt vil.",
                deadline=format_norwegian_date(hearing.deadline),
                seen=format_norwegian_date(seen),
            )
        )
    if deadline > hearing.deadline:
        return
    raise ValidationError(
        _(
            "Den nye høringsfristen må være etter fristen som gjelder nå (%(deadline)s), "
            "men er %(new)s.",
            deadline=format_norwegian_date(hearing.deadline),
            new=format_norwegian_date(deadline),
        )
    )


def check_not_withdrawn(response: HearingResponse, answering: bool) -> None:
    """Refuse to answer (`answering`) or withdraw again a response already withdrawn,
    naming when, by whom and why it was."""
    withdrawal = response.withdrawal
    if withdrawal is None:
        return
    words = {
        "response": response.id,
        "respondent": response.respondent,
        "date": format_norwegian_date(withdrawal.withdrawn_on),
        "by": withdrawal.withdrawn_by,
        "reason": withdrawal.reason,
    }
    if answering:
        raise RuleError(
            _(
                "Uttalelsen %(response)s fra %(respondent)s er trukket tilbake "
                "(%(date)s av %(by)s: %(reason)s) og kan ikke besvares.",
                **words,
            )
        )
    raise RuleError(
        _(
            "Uttalelsen %(response)s fra %(respondent)s er allerede trukket tilbake "
            "(%(date)s av %(by)s: %(reason)s).",
            **words,
        )
    )


def hearing_key(version: int) -> str:
    """Hearings are kept by the version sent on hearing, as text (snapshots are JSON)."""
    return str(version)


def evolve_hearing(state: HearingState | None, change: Change, version: int) -> HearingState:
    """The hearing after `change`; `version` is the working version the plan is at."""
    facts = change.facts
    if change.name == "SentOnHearing":
        by = facts["by"]
        return HearingState(
            version=version,
            deadline=facts["deadline"],
            asked=tuple(facts["asked"]),
            sent_by=change.actor,
            decision=by.decision if by is not None else "",
            sent_on=facts["sent_on"],
        )
    if state is None:
        raise NotFoundError(
            _("Fant ingen høring av versjon %(version)s.", version=facts["version"])
        )
    if change.name == "HearingResponseReceived":
        response = HearingResponse(
            id=facts["response_id"],
            respondent=facts["respondent"],
            received_on=facts["received_on"],
            text=facts["text"],
            attachments=tuple(facts["attachments"]),
            recorded_by=change.actor,
        )
        return replace(state, responses=(*state.responses, response))
    if change.name == "HearingResponseAnswered":
        answer = HearingAnswer(facts["text"], facts["answered_on"], change.actor)
        return _with_response(state, facts["response_id"], answer=answer)
    if change.name == "HearingResponseWithdrawn":
        withdrawal = HearingWithdrawal(facts["reason"], facts["withdrawn_on"], change.actor)
        return _with_response(state, facts["response_id"], withdrawal=withdrawal)
    if change.name == "HearingDeadlineExtended":
        return replace(state, deadline=facts["deadline"], original_deadline=state.sent_deadline)
    if change.name == "HearingSentDateCorrected":
        return replace(state, sent_on=facts["sent_on"])
    raise ValueError(f"{change.name} is not a hearing event")


def _with_response(state: HearingState, response_id: str, **changes: Any) -> HearingState:
    """`state` with the response `response_id` changed as `changes` say."""
    return replace(
        state,
        responses=tuple(
            replace(r, **changes) if r.id == response_id else r for r in state.responses
        ),
    )

"""The action plan (handlingsplan) aggregate and its rules.

One aggregate holds the whole tree (areas → goals → measures), the status
reports, the reporting rounds and the approval flow, because the approval
rules ("every required body approved the same version") span all of it.

Its state is typed and frozen part by part (`PlanHeader`, `AreaState`,
`GoalState`, `MeasureState`, `RoundState`). Command methods check the rules;
each `@event` method only hands its facts to `_apply`, which runs the same
pure transition functions (`domain.measure.evolve`, `domain.plan_state`) that
the read models run on the stored events.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event
from eventsourcing.domain import Snapshot as LibrarySnapshot

from domain.aggregate_copy import copy_for_command
from domain.change import Change
from domain.dates import format_norwegian_date, period_words
from domain.decision import CaseNumber, parse_case
from domain.errors import (
    AlreadyAnsweredError,
    AlreadyEvaluatedError,
    ConcurrentEditError,
    NotFoundError,
    RefusedAt,
    RuleError,
    ValidationError,
)
from domain.hearing import (
    HEARING_EVENTS,
    HearingResponse,
    HearingState,
    check_answer_date,
    check_answer_seen,
    check_deadline_extended,
    check_not_withdrawn,
    check_received_date,
    check_sent_date,
    check_sent_date_corrected,
    evolve_hearing,
    hearing_key,
)
from domain.measure import (
    EVALUATION_FIELDS,
    MEASURE_EVENTS,
    MeasureState,
    StatusReport,
    YearEvaluation,
    evolve,
)
from domain.measure_fields import adopted_as_drafted, as_in_force
from domain.measure_sheet import show_bodies
from domain.norwegian_time import oslo_today
from domain.numbering import (
    MeasureNumber,
    NumberingError,
    number_sort_key,
    parse_measure_number,
)
from domain.plan_state import (
    AREA_EVENTS,
    GOAL_EVENTS,
    ROUND_EVENTS,
    Approval,
    AreaState,
    GoalState,
    PlanHeader,
    RoundState,
    Submission,
    evolve_area,
    evolve_goal,
    evolve_header,
    evolve_round,
    round_order,
    start_header,
)
from domain.plan_upcast import (
    plan_state_v1_to_v2,
    plan_state_v2_to_v3,
    plan_state_v3_to_v4,
    plan_state_v4_to_v5,
    plan_state_v5_to_v6,
)
from domain.provenance import Provenance
from domain.reminders import (
    DEFAULT_SCHEDULE,
    Reminder,
    ReminderAnswers,
    ReminderStatus,
    check_resendable,
    some_addresses,
    step_label,
    steps_words,
)
from domain.state_json import to_json
from domain.text import (
    CASE,
    COMMENT,
    KEY,
    LONG_TEXT,
    MARK,
    NOTE,
    SHORT_TEXT,
    SMART_PART,
    checked,
    checked_body,
    excerpt,
    is_one_word,
)
from domain.timeframe import parse_year_mark
from domain.vocabulary import (
    Colour,
    EvaluationResult,
    PatientGroup,
    Recommendation,
    Stage,
    parse_topic,
)
from language import N_, _

EDITABLE_STAGES = (Stage.DRAFT, Stage.HEARING, Stage.SUBMITTED)
MAX_ATTACHMENTS = 50
"""Attachments of one hearing response, each a file name or an address."""
MAX_NUMBER_DIGITS = 100
"""Digits of one part of an area or goal number read as a number (`normal_number`)."""


def plan_id(key: str) -> UUID:
    """Plans are found by their short key (e.g. "st-olavs-2022-2024")."""
    return uuid5(NAMESPACE_URL, f"/planlogg/plans/{key}")


def no_such_plan(key: str) -> str:
    """Why `key` finds nothing, in the words of every command, page and API answer."""
    return _('Fant ingen plan med nøkkelen "%(key)s".', key=excerpt(key))


def _bodies(bodies: list[str] | tuple[str, ...]) -> list[str]:
    seen: list[str] = []
    for body in bodies:
        name = checked_body(body)
        if name and name not in seen:
            seen.append(name)
    return seen


ROUND_WITHOUT_DECISION = N_("En rapporteringsrunde må åpnes med et vedtak (saksnummer).")
ROUND_WITHOUT_BODIES = N_("Rapporteringsrunden må ha minst ett organ som skal rapportere.")
"""Why a round is not opened without a decision, or without a body: said by the plan, and at
its field by a form that asks for them (`web.round_actions`)."""
STALE_CLOSE = N_(
    "Rapporteringsrunde %(read)s er lukket, og runde %(open)s er åpnet etter at du hentet "
    "den. Ingenting er lagret. Se over runde %(open)s, og lukk den om du fortsatt vil."
)
STALE_SCHEDULE = N_(
    "Rapporteringsrunde %(read)s er lukket, og runde %(open)s er åpnet etter at du hentet "
    "den. Ingenting er lagret. Se over påminnelsene i runde %(open)s, og endre dem om du "
    "fortsatt vil."
)
"""A change of the round read as open, refused when another is open now (`_open_round_read`)."""


TITLE_EVENTS = ("PlanRetitled", "PlanCreated")
PERIOD_EVENTS = ("PeriodChanged", "PlanCreated")
"""The events that give a plan its title, and its period: the last of them says who did."""


def same_title(one: str, other: str) -> bool:
    """Whether two titles are the same words (spacing aside), as a title read and one stored."""
    return " ".join(one.split()) == " ".join(other.split())


class ChangedSinceReadError(ConcurrentEditError):
    """Something is not what the caller read: `now` and `seen` as they are shown, `events` the
    names of the events that set it, so the application names who changed it and when
    (`told`) from the last of them."""

    def __init__(self, events: tuple[str, ...], now: str, seen: str):
        self.events, self.now, self.seen = events, now, seen
        super().__init__(self.told(None, None))

    def told(self, who: str | None, when: str | None) -> str:
        """The refusal, naming who changed it and the day (Norwegian time) when known."""
        raise NotImplementedError


class HeaderChangedError(ChangedSinceReadError):
    """The plan's title or period is not what the caller read (shown as «2022–2025»)."""

    def __init__(self, events: tuple[str, ...], now: str, seen: str, quoted: bool = False):
        self.quoted = quoted
        super().__init__(events, now, seen)

    def told(self, who: str | None, when: str | None) -> str:
        """The refusal, naming who changed it and the day (Norwegian time) when known."""
        words = {
            "now": f"«{self.now}»" if self.quoted else self.now,
            "seen": f"«{excerpt(self.seen, SHORT_TEXT)}»" if self.quoted else self.seen,
            "who": who,
            "date": when,
        }
        if self.quoted:
            said = (
                _(
                    "Tittelen ble endret av %(who)s %(date)s etter at du hentet den: den er nå "
                    "%(now)s, ikke %(seen)s.",
                    **words,
                )
                if who
                else _("Tittelen er nå %(now)s, ikke %(seen)s som da du hentet den.", **words)
            )
        elif who:
            said = _(
                "Planperioden ble endret av %(who)s %(date)s etter at du hentet den: den er nå "
                "%(now)s, ikke %(seen)s.",
                **words,
            )
        else:
            said = _("Planperioden er nå %(now)s, ikke %(seen)s som da du hentet den.", **words)
        return said + " " + _("Ingenting er lagret. Se over planen, og endre på nytt om du vil.")


class ScheduleChangedError(ChangedSinceReadError):
    """The open round's reminders are not those the caller read (shown as people read them,
    `steps_words`)."""

    def __init__(self, round_id: str, now: str, seen: str):
        self.round_id = round_id
        super().__init__(("ReminderScheduleSet", "ReportingRoundOpened"), now, seen)

    def told(self, who: str | None, when: str | None) -> str:
        words = {"round": self.round_id, "now": self.now, "seen": self.seen, "who": who,
                 "date": when}  # fmt: skip
        said = (
            _(
                "Påminnelsene i runde %(round)s ble endret av %(who)s %(date)s etter at du "
                "hentet dem: de er nå %(now)s, ikke %(seen)s.",
                **words,
            )
            if who
            else _(
                "Påminnelsene i runde %(round)s er nå %(now)s, ikke %(seen)s som da du hentet dem.",
                **words,
            )
        )
        return (
            said + " " + _("Ingenting er lagret. Se over påminnelsene, og endre på nytt om du vil.")
        )


def _period_ends_first(first_year: int, last_year: int) -> str:
    return _(
        "Perioden %(first)s–%(last)s slutter før den begynner.", first=first_year, last=last_year
    )


def normal_number(number: str) -> str:
    """An area or goal number as measure numbers name it: "01" is area 1, "1.02." goal 1.2.

    Stored as typed, "1.02" would be a goal no measure number ("1.2.1") could reach.
    A part too long to be any number (an address of thousands of digits) is left as
    typed: no area or goal has it, and Python refuses to read so long a number.
    """
    parts = number.strip().rstrip(".").split(".")
    if all(part.isdecimal() and len(part) <= MAX_NUMBER_DIGITS for part in parts):
        return ".".join(str(int(part)) for part in parts)
    return number.strip()


def _measure_under(number: str, under: str) -> MeasureNumber | None:
    """The measure number `number`.`under` (a measure in area or goal `number`), or None
    when no measure number can have `number` in it: "123", "1.123" and a superscript "²"
    (a digit to `isdigit`) are no area or goal a measure can reach."""
    if not number.isascii():
        return None
    try:
        return parse_measure_number(f"{number}.{under}")
    except NumberingError:
        return None


def _body_named(body: str) -> str:
    """A round's body as a refusal names it to people: the register's name for a body the
    round holds by its id (`bodies_of`, set by whoever holds the plan), else as written."""
    return show_bodies([body])


def _check_links(see_also: Iterable[str], references: Iterable[str]) -> None:
    """Each «se også» and «Ref.» is a measure number (`NumberingError` names the first that
    is not), whether a new measure or a link command gives it."""
    for link in (*see_also, *references):
        parse_measure_number(link)


def _number_taken(number: str) -> ValidationError:
    """The refusal of a measure number another active measure holds."""
    return ValidationError(_("Tiltaksnummeret %(number)s er allerede i bruk.", number=number))


def _measure_text(text: str) -> str:
    return checked(text, N_("Tiltaksteksten"), max_length=LONG_TEXT, lines=True, required=True)


AREA_CHANGED = N_(
    "Innsatsområde %(number)s er endret av noen andre siden du hentet det "
    "(endringsnummer %(expected)s, nå %(revision)s). Hent innsatsområdet på nytt og prøv igjen."
)
GOAL_CHANGED = N_(
    "Mål %(number)s er endret av noen andre siden du hentet det "
    "(endringsnummer %(expected)s, nå %(revision)s). Hent målet på nytt og prøv igjen."
)
"""An area's and a goal's refusal when it changed since it was read (`_check_part_revision`)."""


def _check_part_revision(
    refusal: str, number: str, revision: int, expected_revision: int | None
) -> None:
    """Refuse (with `refusal`, marked with `N_`) a change of an area or goal at another
    revision than the caller read; no expected revision checks nothing."""
    if expected_revision is not None and expected_revision != revision:
        raise ConcurrentEditError(
            _(refusal, number=number, expected=expected_revision, revision=revision)
        )


def _followed(link: str, renumbered: dict[str, str]) -> str:
    """A link after a renumbering: the new number when it named an old one (in any form a
    measure number may be typed in), else the link as it was stored."""
    try:
        number = parse_measure_number(link).number
    except ValidationError:
        return link
    return renumbered.get(number, link)


def _goal_text(text: str) -> str:
    return checked(text, N_("Målteksten"), max_length=LONG_TEXT, lines=True, required=True)


def _note(note: str) -> str:
    return checked(note, N_("Tidsrammen"), max_length=NOTE, lines=True)


def evaluation_tag(evaluation: YearEvaluation | None) -> str:
    """What a form that showed `evaluation` carries back, to tell whether it is still the
    one stored when the form is saved: a short digest of all of it, its evaluator too
    ("" for a year not evaluated). A year evaluated again alike tags alike: nothing the
    person did not see would be replaced."""
    if evaluation is None:
        return ""
    whole = json.dumps(to_json(evaluation), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(whole.encode()).hexdigest()[:16]


def status_tag(colour: Colour | str, comment: str) -> str:
    """What a caller shown a status report in the open round carries back, to tell whether it
    is still the round's report when the caller reports: a short digest of its light and
    comment ("" for no report). A report made again alike tags alike: the light and words
    the caller saw are what they replace. The status form sends back the light and comment
    it showed, and tags them here; the API's read of a measure gives the tag."""
    if not colour:
        return ""
    light = colour.value if isinstance(colour, Colour) else str(colour)
    whole = json.dumps([light, comment.replace("\r\n", "\n").strip()], ensure_ascii=False)
    return hashlib.sha256(whole.encode()).hexdigest()[:16]


def report_tag(report: StatusReport | None) -> str:
    """The `status_tag` of a stored report ("" for none)."""
    return status_tag(report.colour, report.comment) if report else ""


def replaced_unseen(stored: str, seen: str | None, typed: str) -> bool:
    """Whether a report tagged `typed` would replace the round's report tagged `stored` ("":
    none yet) though its reporter was shown the one tagged `seen` (None: not checked): the
    rule the save refuses by, and the status form marks its rows by after a refusal."""
    return seen is not None and stored not in ("", seen, typed)


@dataclass(frozen=True)
class StatusEntry:
    """One measure's report among several saved together (`Plan.report_statuses`).

    `measure`: its ID (the application also takes a number); `seen`: the `status_tag` of
    the open round's report the reporter was shown ("" for none; None: not checked);
    `body`: the body reporting, as the measure names it (the application fills it in)."""

    measure: str
    colour: Colour
    comment: str
    seen: str | None = None
    body: str = ""


def _reported_since_message(clashes: Sequence[tuple[MeasureState, StatusReport]]) -> str:
    """Why reports were refused: each measure reported since the caller saw it, by whom,
    when and as what."""
    found = " ".join(
        _(
            "Tiltak %(number)s ble rapportert av %(reporter)s %(date)s etter at du hentet "
            "statusen: %(colour)s, «%(comment)s».",
            number=state.number,
            reporter=stored.reporter,
            date=format_norwegian_date(stored.reported_on),
            colour=stored.colour.label,
            comment=stored.comment,
        )
        for state, stored in clashes
    )
    return (
        found
        + " "
        + _("Ingenting er lagret. Se over statusen, og rapporter på nytt om du fortsatt vil.")
    )


def _check_reported_by_today(reported_on: date, today: date | None) -> None:
    """Refuse a status dated after today in Norway (`today`: `oslo_today()`): a report is
    of progress made, and a day to come would leave it out of the year it was made in."""
    _check_by_today(
        reported_on,
        today,
        N_("En status kan ikke være rapportert %(day)s, som er etter dagens dato (%(today)s)."),
    )


def _check_evaluated_by_today(evaluated_on: date, today: date | None) -> None:
    """Refuse an evaluation dated after today in Norway (`today`: the caller's clock, else
    `oslo_today()`): the date is the day the year was judged, and one to come would evaluate
    a year that has not begun («--year 2026 --date 15.01.2026» typed in 2025)."""
    _check_by_today(
        evaluated_on,
        today,
        N_("En evaluering kan ikke være gjort %(day)s, som er etter dagens dato (%(today)s)."),
    )


def _check_by_today(day: date, today: date | None, refusal: str) -> None:
    """Refuse `day` when it is after today in Norway (`today`: `oslo_today()`), in the words
    of `refusal` (a marked message naming `%(day)s` and `%(today)s`)."""
    today = oslo_today() if today is None else today
    if day > today:
        raise ValidationError(
            _(refusal, day=format_norwegian_date(day), today=format_norwegian_date(today))
        )


def _check_each_measure_once(states: Sequence[MeasureState]) -> None:
    """Refuse reports naming one measure twice (by number and by ID, say): one light each."""
    seen: set[str] = set()
    for state in states:
        if state.id in seen:
            raise ValidationError(
                _("Tiltak %(number)s er med mer enn én gang.", number=state.number)
            )
        seen.add(state.id)


def evaluation_words(state: MeasureState, year: int, stored: YearEvaluation) -> dict[str, Any]:
    """What a message naming a year's stored evaluation says of it (`%(number)s`, `%(year)s`,
    `%(evaluator)s`, `%(result)s`, `%(led_to)s`, `%(recommendation)s`, `%(body)s`,
    `%(date)s`): the refusals that show the evaluation someone would replace name it alike."""
    return {
        "number": state.number,
        "year": year,
        "evaluator": stored.evaluator,
        "result": stored.result.label,
        "led_to": stored.led_to,
        "recommendation": stored.recommendation.label,
        "body": stored.body,
        "date": format_norwegian_date(stored.evaluated_on),
    }


def _check_evaluation_seen(state: MeasureState, year: int, seen: str | None) -> None:
    """Refuse an evaluation of a year someone else evaluated since the caller saw it."""
    stored = state.evaluations.get(year)
    if seen is None or stored is None or evaluation_tag(stored) == seen:
        return
    raise ConcurrentEditError(
        _(
            "Tiltak %(number)s ble evaluert for %(year)s av %(evaluator)s etter at du hentet "
            "evalueringene: %(result)s, «%(led_to)s», %(recommendation)s (%(body)s, %(date)s). "
            "Ingenting er lagret. Se over evalueringen, og erstatt den på nytt om du fortsatt "
            "vil.",
            **evaluation_words(state, year, stored),
        )
    )


class Plan(Aggregate):
    """A joint action plan of a health community, with its approval flow."""

    class_version = 6
    """Version 2 keeps typed state (snapshots of version 1 held plain dicts); version 3
    keeps the plan's hearings; version 4 the day each hearing was sent (None when its
    event did not say); version 5 the measures of the version in force; version 6 the cases
    that adopted its versions (`PlanHeader.adopting_cases`; a version-5 snapshot of a plan
    adopted before cannot say, and the plan is read from its events: `plan_state_v5_to_v6`).
    A version-3 snapshot reads as it is: its hearings' sent day is unknown, as their
    version-2 events give it (`plan_state_v3_to_v4`). A version-4 snapshot taken while a
    revision was under way cannot say what is in force, and the plan is read from its events
    instead (`plan_state_v4_to_v5`, `Planlogg.get_plan`)."""

    header: PlanHeader
    areas: dict[str, AreaState]
    goals: dict[str, GoalState]
    measures: dict[str, MeasureState]
    rounds: dict[str, RoundState]
    hearings: dict[str, HearingState]
    in_force: dict[str, MeasureState] | None
    """Each measure of the version adopted last, as it was adopted (empty before the first
    adoption); None only on a plan read from a snapshot that could not say."""
    left_force: dict[str, int]
    """Each measure an adoption left out of the plan in force, by the last year it was in
    force: it is still evaluated for the years it was (evaluations come after the year)."""

    class Snapshot(LibrarySnapshot):
        """A plan's snapshot, with a measure in force stored only where the draft has changed
        it (None where it stands as adopted): outside a revision none is, and a snapshot held
        every measure twice."""

        @classmethod
        def take(cls, aggregate: Any) -> Plan.Snapshot:
            snapshot = super().take(aggregate)
            snapshot.state["in_force"] = _stored_in_force(aggregate.in_force, aggregate.measures)
            return snapshot

        def mutate(self, _: None) -> Any:
            plan = super().mutate(_)
            if not isinstance(plan, Plan):
                raise TypeError(f"{self.topic} is no plan")
            plan.in_force = _read_in_force(plan.in_force, plan.measures)
            return plan

    @staticmethod
    def create_id(key: str) -> UUID:
        return plan_id(key)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        plan_state_v1_to_v2(state)

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        plan_state_v2_to_v3(state)

    @staticmethod
    def upcast_v3_v4(state: dict[str, Any]) -> None:
        plan_state_v3_to_v4(state)

    @staticmethod
    def upcast_v4_v5(state: dict[str, Any]) -> None:
        plan_state_v4_to_v5(state)

    @staticmethod
    def upcast_v5_v6(state: dict[str, Any]) -> None:
        plan_state_v5_to_v6(state)

    def __deepcopy__(self, memo: dict[int, Any]) -> Plan:
        """A copy a command may change: the containers are new, the frozen states shared.

        The application's aggregate cache hands out such a copy on every load, so
        a cached plan of thousands of measures costs a few dict copies, not a decode.
        The measures in force are shared: an adoption replaces them, never changes them.
        """
        return copy_for_command(self, ("areas", "goals", "measures", "rounds", "hearings"))

    @event("PlanCreated")
    def __init__(
        self,
        key: str,
        title: str,
        owner: str,
        first_year: int,
        last_year: int,
        by: Provenance,
    ) -> None:
        self.header = start_header(
            Change(
                "PlanCreated",
                {"key": key, "title": title, "owner": owner, "first_year": first_year,
                 "last_year": last_year},
            )
        )  # fmt: skip
        self.areas = {}
        self.goals = {}
        self.measures = {}
        self.rounds = {}
        self.hearings = {}
        self.in_force = {}
        self.left_force = {}

    @classmethod
    def start(
        cls, key: str, title: str, owner: str, first_year: int, last_year: int, by: Provenance
    ) -> Plan:
        """Validate, then create: the creation event is replayed and must not validate."""
        checked(key, N_("Plannøkkelen"), max_length=KEY, required=True)
        if not is_one_word(key):
            raise ValidationError(
                _(
                    '"%(key)s" kan ikke brukes som plannøkkel (ingen mellomrom eller /).',
                    key=excerpt(key),
                )
            )
        if last_year < first_year:
            raise ValidationError(_period_ends_first(first_year, last_year))
        return cls(
            key=key,
            title=checked(title, N_("Tittelen"), required=True),
            owner=checked(owner, N_("Eieren"), max_length=KEY, required=True),
            first_year=first_year,
            last_year=last_year,
            by=by,
        )

    # --- applying events ----------------------------------------------------------------

    def _apply(self, name: str, **facts: Any) -> None:
        """Every event after creation: the shared transition functions, part by part."""
        change = Change(name, facts)
        self.header = evolve_header(self.header, change)
        if name in MEASURE_EVENTS:
            measure_id = facts["measure_id"]
            self.measures[measure_id] = evolve(self.measures.get(measure_id), change)
        elif name in AREA_EVENTS:
            self.areas[facts["number"]] = evolve_area(self.areas.get(facts["number"]), change)
        elif name in GOAL_EVENTS:
            self.goals[facts["number"]] = evolve_goal(self.goals.get(facts["number"]), change)
        elif name in ROUND_EVENTS:
            round_id = facts["round_id"]
            self.rounds[round_id] = evolve_round(self.rounds.get(round_id), change)
        elif name in HEARING_EVENTS:
            version = facts.get("version", self.header.working_version)
            key = hearing_key(version)
            self.hearings[key] = evolve_hearing(self.hearings.get(key), change, version)
        elif name == "VersionAdopted":
            self._adopted()

    def _adopted(self) -> None:
        """The measures now in force; those left out in force until the day before the
        meeting that adopted this version (the latest of its approvals). A plan read from a
        snapshot that could not say what was in force cannot say what is left out either: it
        stays unknown, and is read from its events (`Planlogg.get_plan`)."""
        if self.in_force is None:
            return
        adopted = {mid: m for mid, m in self.measures.items() if not m.removed}
        submission = self.header.submission
        meetings = [a.meeting_date for a in submission.approvals.values()] if submission else []
        until = (max(meetings) - timedelta(days=1)).year if meetings else self.header.last_year
        left = {mid: until for mid in self.in_force or {} if mid not in adopted}
        kept = {mid: year for mid, year in self.left_force.items() if mid not in adopted}
        self.in_force, self.left_force = adopted, {**kept, **left}

    # --- reading -----------------------------------------------------------------------

    @property
    def key(self) -> str:
        return self.header.key

    @property
    def years(self) -> range:
        return self.header.years

    @property
    def stage(self) -> Stage:
        return self.header.stage

    def measure(self, measure_id: str) -> MeasureState:
        try:
            return self.measures[measure_id]
        except KeyError:
            raise NotFoundError(
                _("Fant ikke tiltak med ID %(id)s.", id=excerpt(measure_id))
            ) from None

    def active_measures(self) -> list[MeasureState]:
        return [state for state in self.measures.values() if not state.removed]

    def reporting_measures(self) -> list[MeasureState]:
        """The measures bodies report status on and evaluate: those of the version in force,
        as it has them, with their progress since (`as_in_force`). Before a version is
        adopted, the plan's measures as they stand: the draft is all there is. In number
        order (a measure a version added comes among its goal's, not last), as the plan,
        the dashboard and the annual report list them: the status form and the reminders
        ask for them in it."""
        in_force = self._in_force()
        if in_force is None:
            measures = self.active_measures()
        else:
            measures = [as_in_force(kept, self.measures[mid]) for mid, kept in in_force.items()]
        return sorted(measures, key=lambda state: number_sort_key(state.number))

    def reporting_measure(self, measure_id: str) -> MeasureState:
        """One measure as bodies report on it (`reporting_measures`); refused when it is not
        in the version in force: added by the revision under way, or removed before it."""
        in_force = self._in_force()
        if in_force is None:
            return self._check_active(measure_id, None)
        state = self.measure(measure_id)
        if measure_id not in in_force:
            raise RuleError(
                _(
                    "Tiltak %(number)s er ikke med i vedtatt versjon %(version)s, som det "
                    "rapporteres på. Det kan få status og evalueres når en versjon med tiltaket "
                    "er vedtatt.",
                    number=state.number,
                    version=self.header.adopted_version,
                )
            )
        return as_in_force(in_force[measure_id], state)

    def _evaluated_measure(self, measure_id: str, year: int) -> MeasureState:
        """The measure an evaluation of `year` is for: one of the plan reported on, or one a
        later version left out, for a year it was in force."""
        last = self.left_force.get(measure_id)
        if last is None:
            return self.reporting_measure(measure_id)
        state = self.measure(measure_id)
        if year > last:
            raise RuleError(
                _(
                    "Tiltak %(number)s var sist med i planen som gjaldt i %(last)s, og kan "
                    "ikke evalueres for %(year)s.",
                    number=state.number,
                    last=last,
                    year=year,
                )
            )
        return state

    def find_reporting_measure(self, number: str) -> MeasureState:
        """A measure bodies report on, by its number in the version in force, or in the draft
        when the version in force has no such number (a measure only the draft has is then
        refused by `reporting_measure`), else the one an adoption left out that had it (it is
        evaluated for the years it was in force). A number the version in force and the draft
        give different measures is refused: the caller may have read either."""
        wanted = parse_measure_number(number).number
        adopted = _numbered((self._in_force() or {}).values(), wanted)
        drafted = _numbered(self.active_measures(), wanted)
        if adopted is None:
            if drafted is not None:
                return drafted
            left = [self.measures[mid] for mid in self.left_force]
            left_out = [m for m in left if m.number == wanted]
            return left_out[0] if len(left_out) == 1 else self.find_measure(number)
        if drafted is not None and drafted.id != adopted.id:
            raise ValidationError(
                _(
                    "Nummeret %(number)s er tiltak %(in_force)s i versjon %(version)s, men "
                    "%(drafted)s i arbeidsversjonen. Oppgi ID-en til tiltaket du mener.",
                    number=wanted,
                    in_force=adopted.id,
                    version=self.header.adopted_version,
                    drafted=drafted.id,
                )
            )
        return self.reporting_measure(adopted.id)

    def _in_force(self) -> dict[str, MeasureState] | None:
        """The measures of the version in force; None before the first adoption."""
        if self.header.adopted_version is None:
            return None
        if self.in_force is None:
            raise RuntimeError(f"plan {self.key}: read from a snapshot that cannot say")
        return self.in_force

    def find_measure(self, number: str) -> MeasureState:
        """Look a measure up by the number users write, e.g. "2.1.2A"."""
        found = _numbered(self.active_measures(), parse_measure_number(number).number)
        if found is None:
            raise NotFoundError(
                _("Fant ikke tiltak %(number)s i planen %(plan)s.", number=number, plan=self.key)
            )
        return found

    # --- guards ------------------------------------------------------------------------

    def _check_editable(self) -> None:
        if self.stage not in EDITABLE_STAGES:
            raise RuleError(
                _(
                    "Planen er %(stage)s (versjon %(version)s). "
                    "Start en revisjon før innholdet kan endres.",
                    stage=self.stage.label,
                    version=self.header.working_version,
                )
            )

    def _check_revision(self, measure_id: str, expected_revision: int | None) -> MeasureState:
        state = self.measure(measure_id)
        if expected_revision is not None and expected_revision != state.revision:
            raise ConcurrentEditError(
                _(
                    "Tiltak %(number)s er endret av noen andre siden du hentet det "
                    "(endringsnummer %(expected)s, nå %(revision)s). "
                    "Hent tiltaket på nytt og prøv igjen.",
                    number=state.number,
                    expected=expected_revision,
                    revision=state.revision,
                )
            )
        return state

    def check_revision(self, measure_id: str, expected_revision: int | None) -> MeasureState:
        """The measure, if it still is at the revision the caller saw (If-Match).

        A change of several fields at once checks the revision once, before the
        first of its commands moves it on.
        """
        return self._check_revision(measure_id, expected_revision)

    def _check_active(self, measure_id: str, expected_revision: int | None) -> MeasureState:
        state = self._check_revision(measure_id, expected_revision)
        if state.removed:
            raise RuleError(
                _("Tiltak %(number)s er fjernet. Gjenopprett det først.", number=state.number)
            )
        return state

    def _check_number_free(self, number: str, except_id: str | None = None) -> None:
        for mid, state in self.measures.items():
            if mid != except_id and not state.removed and state.number == number:
                raise _number_taken(number)

    def _check_goal(self, goal: str) -> None:
        if goal not in self.goals or self.goals[goal].removed:
            raise ValidationError(
                _(
                    "Målet %(goal)s finnes ikke i planen. Legg til målet først.",
                    goal=excerpt(goal),
                )
            )

    def _check_marks(
        self, marks: dict[int, str], stored: Mapping[int, str] | None = None
    ) -> dict[str, str]:
        """Check each mark; a year outside the period is refused only for a new or changed
        mark, so a mark kept from before the period moved does not block the other years,
        and removing it (an empty mark) is allowed."""
        kept = stored or {}
        found: dict[str, str] = {}
        for year, raw in marks.items():
            mark = checked(raw, _("Årsmerket for %(year)s", year=year), max_length=MARK)
            if int(year) not in self.years and mark and kept.get(int(year)) != mark:
                raise ValidationError(self._outside_period(int(year)))
            parse_year_mark(mark)
            if mark:
                found[str(int(year))] = mark
        return found

    def _outside_period(self, year: int) -> str:
        return _(
            "%(year)s er utenfor planperioden %(period)s.",
            year=year,
            period=period_words(self.header.first_year, self.header.last_year),
        )

    # --- plan header -------------------------------------------------------------------

    def retitle(self, title: str, by: Provenance, seen: str | None = None) -> None:
        """Give the plan a new title; with `seen`, the title the caller read, not over a
        title given since (`HeaderChangedError`)."""
        self._check_editable()
        if seen is not None and not same_title(seen, self.header.title):
            raise HeaderChangedError(TITLE_EVENTS, self.header.title, seen, quoted=True)
        self._retitle(title=checked(title, N_("Tittelen"), required=True), by=by)

    @event("PlanRetitled")
    def _retitle(self, title: str, by: Provenance) -> None:
        self._apply("PlanRetitled", title=title, by=by)

    def change_period(
        self,
        first_year: int,
        last_year: int,
        by: Provenance,
        seen: tuple[int, int] | None = None,
    ) -> None:
        """Give the plan a new period; with `seen`, the first and last year the caller read,
        not over a period given since (`HeaderChangedError`)."""
        self._check_editable()
        now = (self.header.first_year, self.header.last_year)
        if seen is not None and tuple(seen) != now:
            raise HeaderChangedError(PERIOD_EVENTS, period_words(*now), period_words(*seen))
        if last_year < first_year:
            raise ValidationError(_period_ends_first(first_year, last_year))
        self._change_period(first_year=first_year, last_year=last_year, by=by)

    @event("PeriodChanged")
    def _change_period(self, first_year: int, last_year: int, by: Provenance) -> None:
        self._apply("PeriodChanged", first_year=first_year, last_year=last_year, by=by)

    # --- areas and goals ---------------------------------------------------------------

    def _live_area(self, number: str) -> bool:
        return number in self.areas and not self.areas[number].removed

    def area(self, number: str) -> AreaState:
        """A live area by its number as people write it ("01" is area 1)."""
        number = normal_number(number)
        if not self._live_area(number):
            raise NotFoundError(_("Innsatsområde %(number)s finnes ikke.", number=excerpt(number)))
        return self.areas[number]

    def goal(self, number: str) -> GoalState:
        """A live goal by its number as people write it ("1.02" is goal 1.2)."""
        number = normal_number(number)
        found = self.goals.get(number)
        if found is None or found.removed:
            raise NotFoundError(_("Mål %(number)s finnes ikke.", number=excerpt(number)))
        return found

    def _check_area_revision(self, number: str, expected_revision: int | None) -> None:
        """Refuse a change of an area someone else changed since the caller read it."""
        _check_part_revision(AREA_CHANGED, number, self.areas[number].revision, expected_revision)

    def _check_goal_revision(self, number: str, expected_revision: int | None) -> None:
        """Refuse a change of a goal someone else changed since the caller read it."""
        _check_part_revision(GOAL_CHANGED, number, self.goals[number].revision, expected_revision)

    def add_area(self, number: str, title: str, by: Provenance) -> int:
        """Add an area; returns its revision."""
        self._check_editable()
        number = number.strip().rstrip(".")
        measure = _measure_under(number, "1.1")
        if measure is None or measure.area != normal_number(number):
            raise ValidationError(
                _(
                    '"%(number)s" er ikke et nummer på et innsatsområde (0, 1, 2 …).',
                    number=excerpt(number),
                )
            )
        number = normal_number(number)
        if self._live_area(number):
            raise ValidationError(_("Innsatsområde %(number)s finnes allerede.", number=number))
        title = checked(title, N_("Tittelen på innsatsområdet"), required=True)
        self._add_area(number=number, title=title, by=by)
        return self.areas[number].revision

    @event("AreaAdded")
    def _add_area(self, number: str, title: str, by: Provenance) -> None:
        self._apply("AreaAdded", number=number, title=title, by=by)

    def rename_area(
        self, number: str, title: str, by: Provenance, expected_revision: int | None = None
    ) -> int:
        """Give an area a new title, if it still is at the revision the caller saw;
        returns its revision after."""
        self._check_editable()
        number = normal_number(number)
        self.area(number)
        self._check_area_revision(number, expected_revision)
        title = checked(title, N_("Tittelen på innsatsområdet"), required=True)
        if title == self.areas[number].title:
            return self.areas[number].revision
        self._rename_area(number=number, title=title, by=by)
        return self.areas[number].revision

    @event("AreaRenamed")
    def _rename_area(self, number: str, title: str, by: Provenance) -> None:
        self._apply("AreaRenamed", number=number, title=title, by=by)

    def add_goal(self, number: str, text: str, by: Provenance) -> int:
        """Add a goal (or add a removed one again); returns its revision."""
        self._check_editable()
        number = number.strip().rstrip(".")
        measure = _measure_under(number, "1")
        if measure is None or measure.goal != normal_number(number):
            raise ValidationError(
                _('"%(number)s" er ikke et målnummer (f.eks. 2.1).', number=excerpt(number))
            )
        number = normal_number(number)
        parts = number.split(".")
        if not self._live_area(parts[0]):
            raise ValidationError(
                _(
                    "Innsatsområde %(number)s finnes ikke. Legg til innsatsområdet først.",
                    number=parts[0],
                )
            )
        if number in self.goals and not self.goals[number].removed:
            raise ValidationError(_("Mål %(number)s finnes allerede.", number=number))
        self._add_goal(number=number, area=parts[0], text=_goal_text(text), by=by)
        return self.goals[number].revision

    @event("GoalAdded")
    def _add_goal(self, number: str, area: str, text: str, by: Provenance) -> None:
        self._apply("GoalAdded", number=number, area=area, text=text, by=by)

    def reword_goal(
        self, number: str, text: str, by: Provenance, expected_revision: int | None = None
    ) -> int:
        """Give a goal a new text, if it still is at the revision the caller saw; returns
        its revision after."""
        self._check_editable()
        number = normal_number(number)
        self.goal(number)
        self._check_goal_revision(number, expected_revision)
        text = _goal_text(text)
        if text == self.goals[number].text:
            return self.goals[number].revision
        self._reword_goal(number=number, text=text, by=by)
        return self.goals[number].revision

    @event("GoalReworded")
    def _reword_goal(self, number: str, text: str, by: Provenance) -> None:
        self._apply("GoalReworded", number=number, text=text, by=by)

    def remove_goal(self, number: str, by: Provenance, expected_revision: int | None = None) -> int:
        """Remove a goal without measures, if it still is at the revision the caller saw;
        returns its revision after (an edit read before the removal is refused)."""
        self._check_editable()
        number = normal_number(number)
        self.goal(number)
        self._check_goal_revision(number, expected_revision)
        if any(m.goal == number for m in self.active_measures()):
            raise RuleError(
                _("Mål %(number)s har fortsatt tiltak. Flytt eller fjern dem først.", number=number)
            )
        self._remove_goal(number=number, by=by)
        return self.goals[number].revision

    @event("GoalRemoved")
    def _remove_goal(self, number: str, by: Provenance) -> None:
        self._apply("GoalRemoved", number=number, by=by)

    # --- measures ----------------------------------------------------------------------

    def add_measure(
        self,
        number: str,
        text: str,
        by: Provenance,
        responsible: tuple[str, ...] | list[str] = (),
        marks: dict[int, str] | None = None,
        timeframe_note: str = "",
        see_also: tuple[str, ...] | list[str] = (),
        references: tuple[str, ...] | list[str] = (),
    ) -> str:
        """Add a measure under the goal its number belongs to; returns its stable ID."""
        self._check_editable()
        parsed = parse_measure_number(number)
        self._check_goal(parsed.goal)
        self._check_number_free(parsed.number)
        _check_links(see_also, references)
        measure_id = f"T{self.header.measure_seq + 1:03d}"
        self._add_measure(
            measure_id=measure_id,
            number=parsed.number,
            goal=parsed.goal,
            text=_measure_text(text),
            responsible=_bodies(responsible),
            marks=self._check_marks(marks or {}),
            timeframe_note=_note(timeframe_note),
            see_also=list(see_also),
            references=sorted({*references, *parsed.references}),
            by=by,
        )
        return measure_id

    @event("MeasureAdded")
    def _add_measure(
        self,
        measure_id: str,
        number: str,
        goal: str,
        text: str,
        responsible: list[str],
        marks: dict[str, str],
        timeframe_note: str,
        see_also: list[str],
        references: list[str],
        by: Provenance,
    ) -> None:
        self._apply(
            "MeasureAdded",
            measure_id=measure_id,
            number=number,
            goal=goal,
            text=text,
            responsible=responsible,
            marks=marks,
            timeframe_note=timeframe_note,
            see_also=see_also,
            references=references,
            by=by,
        )

    def reword_measure(
        self, measure_id: str, text: str, by: Provenance, expected_revision: int | None = None
    ) -> None:
        self._check_editable()
        state = self._check_active(measure_id, expected_revision)
        text = _measure_text(text)
        if text != state.text:
            self._reword_measure(measure_id=measure_id, text=text, by=by)

    @event("MeasureReworded")
    def _reword_measure(self, measure_id: str, text: str, by: Provenance) -> None:
        self._apply("MeasureReworded", measure_id=measure_id, text=text, by=by)

    def renumber_measure(
        self, measure_id: str, number: str, by: Provenance, expected_revision: int | None = None
    ) -> None:
        """Give a measure a new number; moving it to another goal is a renumbering.

        A "Ref." written with the number ("2.1.3A Ref. 1.2.1") is kept as a
        reference, as when the measure is added: the command names it, so
        dropping it would lose what was typed.
        """
        self._check_editable()
        state = self._check_active(measure_id, expected_revision)
        parsed = parse_measure_number(number)
        if parsed.number != state.number:
            self._check_goal(parsed.goal)
            self._check_number_free(parsed.number, except_id=measure_id)
            self._renumber_measure(
                measure_id=measure_id, number=parsed.number, goal=parsed.goal, by=by
            )
            self._follow_renumbering({state.number: parsed.number}, by)
        linked = self.measures[measure_id]
        new = [ref for ref in parsed.references if ref not in linked.references]
        if new:
            self._link_measure(
                measure_id=measure_id,
                see_also=list(linked.see_also),
                references=[*linked.references, *new],
                by=by,
            )

    def renumber_measures(self, numbers: dict[str, str], by: Provenance) -> None:
        """Give several measures new numbers together, as a sheet does when rows trade them.

        Checked as a whole (each number free once every measure has moved), then each
        recorded as its own renumbering: one at a time, two measures could never trade
        numbers, as each would find its new number still held by the other.
        """
        self._check_editable()
        moves = {}
        for measure_id, number in numbers.items():
            state = self._check_active(measure_id, None)
            parsed = parse_measure_number(number)
            if parsed.number != state.number:
                self._check_goal(parsed.goal)
                moves[measure_id] = parsed
        held = {s.number for mid, s in self.measures.items() if not s.removed and mid not in moves}
        wanted = [parsed.number for parsed in moves.values()]
        for number in wanted:
            if number in held or wanted.count(number) > 1:
                raise _number_taken(number)
        renumbered = {self.measures[mid].number: parsed.number for mid, parsed in moves.items()}
        for measure_id, parsed in moves.items():
            self._renumber_measure(
                measure_id=measure_id, number=parsed.number, goal=parsed.goal, by=by
            )
        self._follow_renumbering(renumbered, by)

    def _follow_renumbering(self, renumbered: dict[str, str], by: Provenance) -> None:
        """Every "ses sammen med" and "Ref." naming an old number names the new one.

        Links are kept as numbers (as written in the plan), so a measure that moved
        would otherwise leave them pointing at nothing, or at the next measure given
        its old number. Each measure whose links change records it as its own
        `MeasureLinked`, by whoever renumbered, so the history shows why they moved.
        All numbers move at once: measures trading numbers keep pointing at each other. A
        removed measure's links follow too (restored, it would point at whoever took the old
        number), and a link typed in another form ("1.2.1a") is matched as the number it is.
        """
        for measure_id, state in self.measures.items():
            see_also = [_followed(number, renumbered) for number in state.see_also]
            references = [_followed(number, renumbered) for number in state.references]
            if see_also != list(state.see_also) or references != list(state.references):
                self._link_measure(
                    measure_id=measure_id, see_also=see_also, references=references, by=by
                )

    @event("MeasureRenumbered")
    def _renumber_measure(self, measure_id: str, number: str, goal: str, by: Provenance) -> None:
        self._apply("MeasureRenumbered", measure_id=measure_id, number=number, goal=goal, by=by)

    def remove_measure(
        self, measure_id: str, by: Provenance, expected_revision: int | None = None
    ) -> None:
        """Removal is an event like any other: the measure can be restored."""
        self._check_editable()
        self._check_active(measure_id, expected_revision)
        self._remove_measure(measure_id=measure_id, by=by)

    @event("MeasureRemoved")
    def _remove_measure(self, measure_id: str, by: Provenance) -> None:
        self._apply("MeasureRemoved", measure_id=measure_id, by=by)

    def restore_measure(
        self, measure_id: str, by: Provenance, expected_revision: int | None = None
    ) -> None:
        """Bring a removed measure back, if it still is at the revision the caller saw: one
        restored, changed and removed again since is not brought back on an old view."""
        self._check_editable()
        state = self._check_revision(measure_id, expected_revision)
        if not state.removed:
            raise RuleError(_("Tiltak %(number)s er ikke fjernet.", number=state.number))
        self._check_goal(state.goal)
        self._check_number_free(state.number, except_id=measure_id)
        self._restore_measure(measure_id=measure_id, by=by)

    @event("MeasureRestored")
    def _restore_measure(self, measure_id: str, by: Provenance) -> None:
        self._apply("MeasureRestored", measure_id=measure_id, by=by)

    def assign_responsible(
        self,
        measure_id: str,
        bodies: list[str] | tuple[str, ...],
        by: Provenance,
        expected_revision: int | None = None,
    ) -> None:
        self._check_editable()
        state = self._check_active(measure_id, expected_revision)
        cleaned = _bodies(bodies)
        if tuple(cleaned) != state.responsible:
            self._assign_responsible(measure_id=measure_id, bodies=cleaned, by=by)

    @event("ResponsibleAssigned")
    def _assign_responsible(self, measure_id: str, bodies: list[str], by: Provenance) -> None:
        self._apply("ResponsibleAssigned", measure_id=measure_id, bodies=bodies, by=by)

    def set_timeframe(
        self,
        measure_id: str,
        marks: dict[int, str] | None,
        by: Provenance,
        note: str | None = None,
        expected_revision: int | None = None,
    ) -> None:
        """Set the year marks and/or the note; None leaves that part as it is.

        The users' wording of each mark is kept verbatim after validation.
        """
        self._check_editable()
        state = self._check_active(measure_id, expected_revision)
        checked = (
            {str(year): raw for year, raw in state.marks.items()}
            if marks is None
            else self._check_marks(marks, state.marks)
        )
        new_note = state.timeframe_note if note is None else _note(note)
        current = {str(year): raw for year, raw in state.marks.items()}
        if checked != current or new_note != state.timeframe_note:
            self._set_timeframe(measure_id=measure_id, marks=checked, note=new_note, by=by)

    @event("TimeframeSet")
    def _set_timeframe(
        self, measure_id: str, marks: dict[str, str], note: str, by: Provenance
    ) -> None:
        self._apply("TimeframeSet", measure_id=measure_id, marks=marks, note=note, by=by)

    def link_measure(
        self,
        measure_id: str,
        see_also: list[str] | tuple[str, ...],
        references: list[str] | tuple[str, ...],
        by: Provenance,
        expected_revision: int | None = None,
    ) -> None:
        self._check_editable()
        self._check_active(measure_id, expected_revision)
        _check_links(see_also, references)
        self._link_measure(
            measure_id=measure_id, see_also=list(see_also), references=list(references), by=by
        )

    @event("MeasureLinked")
    def _link_measure(
        self, measure_id: str, see_also: list[str], references: list[str], by: Provenance
    ) -> None:
        self._apply(
            "MeasureLinked", measure_id=measure_id, see_also=see_also, references=references, by=by
        )

    def set_smart_criteria(
        self,
        measure_id: str,
        by: Provenance,
        indicator: str = "",
        target: str = "",
        deadline: date | None = None,
        expected_revision: int | None = None,
    ) -> None:
        self._check_editable()
        self._check_active(measure_id, expected_revision)
        self._set_smart_criteria(
            measure_id=measure_id,
            indicator=checked(indicator, N_("Indikatoren"), max_length=SMART_PART, lines=True),
            target=checked(target, N_("Målverdien"), max_length=SMART_PART, lines=True),
            deadline=deadline,
            by=by,
        )

    @event("SmartCriteriaSet")
    def _set_smart_criteria(
        self, measure_id: str, indicator: str, target: str, deadline: date | None, by: Provenance
    ) -> None:
        self._apply(
            "SmartCriteriaSet",
            measure_id=measure_id,
            indicator=indicator,
            target=target,
            deadline=deadline,
            by=by,
        )

    def set_evaluation_plan(
        self,
        measure_id: str,
        fields: dict[str, str],
        by: Provenance,
        expected_revision: int | None = None,
    ) -> None:
        self._check_editable()
        self._check_active(measure_id, expected_revision)
        unknown = set(fields) - set(EVALUATION_FIELDS)
        if unknown:
            raise ValidationError(
                _(
                    "Ukjente felt i evalueringsplanen: %(fields)s.",
                    fields=", ".join(sorted(unknown)),
                )
            )
        self._set_evaluation_plan(
            measure_id=measure_id,
            fields={
                k: checked(v, N_("Evalueringsplanen"), max_length=COMMENT, lines=True)
                for k, v in fields.items()
            },
            by=by,
        )

    @event("EvaluationPlanSet")
    def _set_evaluation_plan(self, measure_id: str, fields: dict[str, str], by: Provenance) -> None:
        self._apply("EvaluationPlanSet", measure_id=measure_id, fields=fields, by=by)

    def tag_measure(
        self,
        measure_id: str,
        patient_groups: list[PatientGroup],
        topics: list[int | str],
        by: Provenance,
        expected_revision: int | None = None,
    ) -> None:
        self._check_editable()
        self._check_active(measure_id, expected_revision)
        self._tag_measure(
            measure_id=measure_id,
            patient_groups=sorted({PatientGroup(g).value for g in patient_groups}),
            topics=sorted({parse_topic(t) for t in topics}),
            by=by,
        )

    @event("MeasureTagged")
    def _tag_measure(
        self, measure_id: str, patient_groups: list[str], topics: list[int], by: Provenance
    ) -> None:
        self._apply(
            "MeasureTagged",
            measure_id=measure_id,
            patient_groups=patient_groups,
            topics=topics,
            by=by,
        )

    # --- status reporting --------------------------------------------------------------

    def report_status(
        self,
        measure_id: str,
        colour: Colour,
        comment: str,
        reported_on: date,
        by: Provenance,
        body: str = "",
        seen: str | None = None,
        today: date | None = None,
    ) -> None:
        """A status report is progress, not content: allowed whatever the approval stage.

        With `seen`, the `status_tag` of the open round's report the caller was shown ("" for
        none), not over a different report someone else made since. Not dated after `today`
        (default: today in Norway)."""
        entry = StatusEntry(measure_id, Colour(colour), comment, seen, body)
        [(_entry, state, body, comment)] = self._checked_reports([entry], reported_on, today)
        self._record_status(state.id, Colour(colour), comment, reported_on, body, by)

    def report_statuses(
        self,
        entries: Sequence[StatusEntry],
        reported_on: date,
        by: Provenance,
        today: date | None = None,
        round_id: str | None = None,
    ) -> list[str]:
        """Several measures' reports, all or nothing: every entry is checked, by the rules of
        `report_status` and against the report it saw, before any is recorded. A report that
        already stands as the round's report is not recorded again. Returns the IDs of the
        measures reported, in the order given.

        A measure has one light per round, whichever of its bodies reported it: another
        body's report made since the reporter's form was shown is replaced only knowingly.
        `round_id`: the round the reporter's form was for, still the open one (a form for a
        round closed meanwhile would otherwise report outside it, or into the next).
        """
        reported = []
        for entry, state, body, comment in self._checked_reports(
            entries, reported_on, today, round_id
        ):
            if report_tag(self._round_report(state)) == status_tag(entry.colour, comment):
                continue
            self._record_status(state.id, Colour(entry.colour), comment, reported_on, body, by)
            reported.append(state.id)
        return reported

    def _checked_reports(
        self,
        entries: Sequence[StatusEntry],
        reported_on: date,
        today: date | None,
        round_id: str | None = None,
    ) -> list[tuple[StatusEntry, MeasureState, str, str]]:
        """Each entry with its measure and the body and comment to store, once every rule a
        report is held to holds: not dated after today, for the round still open, each
        measure once, and none over a report made since the caller saw it."""
        _check_reported_by_today(reported_on, today)
        self._check_round_still_open(round_id)
        checked_entries = [
            (entry, *self._status_checked(entry.measure, entry.comment, entry.body))
            for entry in entries
        ]
        _check_each_measure_once([state for _entry, state, _body, _comment in checked_entries])
        clashes = [
            clash
            for entry, state, _body, comment in checked_entries
            if (clash := self._reported_since(state, Colour(entry.colour), comment, entry.seen))
        ]
        if clashes:
            raise ConcurrentEditError(_reported_since_message(clashes))
        return checked_entries

    def _check_round_still_open(self, round_id: str | None) -> None:
        """Refuse reports meant for a round that is no longer the open one."""
        if round_id is None or round_id == (self.open_round_id() or ""):
            return
        raise RuleError(
            _(
                "Runde %(round)s er avsluttet mens du fylte ut skjemaet. Ingenting er lagret.",
                round=round_id,
            )
        )

    def _status_checked(
        self, measure_id: str, comment: str, body: str
    ) -> tuple[MeasureState, str, str]:
        """The measure a report is for, and the report's body and comment as stored."""
        state = self.reporting_measure(measure_id)
        body = checked_body(body, N_("Organet"))
        comment = checked(comment, N_("Kommentaren"), max_length=COMMENT, lines=True)
        if body and state.responsible and body not in state.responsible:
            raise RuleError(
                _(
                    "%(body)s er ikke ansvarlig for tiltak %(number)s "
                    "(ansvarlig: %(responsible)s).",
                    body=show_bodies([body]),
                    number=state.number,
                    responsible=show_bodies(state.responsible),
                )
            )
        return state, body, comment

    def _round_report(self, state: MeasureState) -> StatusReport | None:
        """The measure's report in the open round (outside a round: the last one made
        outside a round), whichever body made it; None when it has none yet."""
        status = state.status
        if status is None or status.round_id != (self.open_round_id() or ""):
            return None
        return status

    def _reported_since(
        self, state: MeasureState, colour: Colour, comment: str, seen: str | None
    ) -> tuple[MeasureState, StatusReport] | None:
        """The round's report, when someone reported the measure since the caller saw it as
        `seen` and the caller's report would replace it with a different one; else None."""
        stored = self._round_report(state)
        if stored is None or not replaced_unseen(
            report_tag(stored), seen, status_tag(colour, comment)
        ):
            return None
        return state, stored

    def _record_status(
        self,
        measure_id: str,
        colour: Colour,
        comment: str,
        reported_on: date,
        body: str,
        by: Provenance,
    ) -> None:
        self._report_status(
            measure_id=measure_id,
            colour=Colour(colour).value,
            comment=comment,
            reported_on=reported_on,
            body=body,
            round_id=self.open_round_id() or "",
            by=by,
        )

    @event("StatusReported")
    def _report_status(
        self,
        measure_id: str,
        colour: str,
        comment: str,
        reported_on: date,
        body: str,
        round_id: str,
        by: Provenance,
    ) -> None:
        self._apply(
            "StatusReported",
            measure_id=measure_id,
            colour=colour,
            comment=comment,
            reported_on=reported_on,
            body=body,
            round_id=round_id,
            by=by,
        )

    def open_round_id(self) -> str | None:
        for round_id, state in self.rounds.items():
            if not state.closed:
                return round_id
        return None

    def open_reporting_round(
        self,
        deadline: date,
        bodies: list[str] | tuple[str, ...],
        by: Provenance,
        schedule: tuple[int, ...] = DEFAULT_SCHEDULE,
    ) -> str:
        """A decision asks named bodies to report status by a deadline."""
        self.check_no_round_open()
        if not by.decision:
            raise RuleError(_(ROUND_WITHOUT_DECISION))
        cleaned = _bodies(bodies)
        if not cleaned:
            raise ValidationError(_(ROUND_WITHOUT_BODIES))
        round_id = f"R{len(self.rounds) + 1}"
        self._open_reporting_round(round_id=round_id, deadline=deadline, bodies=cleaned, by=by)
        if tuple(schedule) != DEFAULT_SCHEDULE:
            self._set_reminder_schedule(round_id=round_id, days=list(schedule), by=by)
        return round_id

    def check_no_round_open(self) -> None:
        """Refuse a second round while one is open, naming it, its deadline and decision: the
        refusal of `open_reporting_round`, said before a form to open one is filled in too."""
        open_id = self.open_round_id()
        if open_id:
            raise RuleError(
                _(
                    "Rapporteringsrunde %(round)s (frist %(deadline)s, %(decision)s) er fortsatt "
                    "åpen. Lukk den før du åpner en ny.",
                    round=open_id,
                    deadline=format_norwegian_date(self.rounds[open_id].deadline),
                    decision=self.rounds[open_id].decision,
                )
            )

    @event("ReportingRoundOpened")
    def _open_reporting_round(
        self, round_id: str, deadline: date, bodies: list[str], by: Provenance
    ) -> None:
        self._apply(
            "ReportingRoundOpened", round_id=round_id, deadline=deadline, bodies=bodies, by=by
        )

    def close_reporting_round(self, by: Provenance, read: str | None = None) -> str:
        """Close the open round, and say which. With `read`, the round the caller read as
        open ("R1"): refused when the plan never had it, and, with nothing recorded, when
        another round is open now (it was closed and a new one opened since), or none is (it
        was closed since)."""
        round_id = self._open_round_read(read)
        self._close_reporting_round(round_id=round_id, by=by)
        return round_id

    def _open_round_read(self, read: str | None, stale: str = STALE_CLOSE) -> str:
        """The open round, which a change of it is made to; with `read`, the round the caller
        read as open: refused, as `close_reporting_round` says, when it is no longer the open
        one."""
        wanted = self._known_round(read)
        round_id = self.open_round_id()
        if round_id is None and wanted is not None:
            raise RuleError(
                _(
                    "Rapporteringsrunde %(read)s er allerede lukket, og ingen runde er åpen. "
                    "Ingenting er lagret.",
                    read=wanted,
                )
            )
        if round_id is None:
            raise RuleError(_("Ingen rapporteringsrunde er åpen."))
        if wanted is not None and wanted != round_id:
            raise ConcurrentEditError(_(stale, read=wanted, open=round_id))
        return round_id

    def _known_round(self, named: str | None) -> str | None:
        """The round a caller names ("r1" is R1), refused when the plan never had it; None
        when none is named ("" names none: as if not given)."""
        wanted = (named or "").strip().upper() or None
        if wanted is not None and wanted not in self.rounds:
            raise ValidationError(
                _(
                    "Planen %(plan)s har ingen rapporteringsrunde «%(round)s».",
                    plan=self.key,
                    round=excerpt(named or ""),
                )
            )
        return wanted

    def shown_round(self, named: str | None = None) -> str:
        """The round to show: the one named, open or closed (refused when the plan never had
        it); without one, the open round, else the round closed last."""
        wanted = self._known_round(named) or self.open_round_id()
        if wanted is None and self.rounds:
            wanted = max(self.rounds, key=round_order)
        if wanted is None:
            raise RuleError(_("Ingen rapporteringsrunde er åpen."))
        return wanted

    @event("ReportingRoundClosed")
    def _close_reporting_round(self, round_id: str, by: Provenance) -> None:
        self._apply("ReportingRoundClosed", round_id=round_id, by=by)

    # --- evaluation ---------------------------------------------------------------------

    def evaluate_measure(
        self,
        measure_id: str,
        year: int,
        result: EvaluationResult,
        led_to: str,
        recommendation: Recommendation,
        body: str,
        evaluated_on: date,
        by: Provenance,
        replace: bool = False,
        seen: str | None = None,
        today: date | None = None,
    ) -> None:
        """A body's evaluation of one year: progress, not content, so allowed in every stage.

        A year already evaluated is evaluated again only when the caller says so,
        so two evaluations of the same year never silently replace each other; and
        with `seen`, the tag of the year's evaluation the caller was shown
        (`evaluation_tag`), not when someone else evaluated the year since.
        """
        state = self._evaluated_measure(measure_id, year)
        if year not in self.years:
            raise ValidationError(self._outside_period(year))
        if year > evaluated_on.year:
            raise ValidationError(_("%(year)s kan ikke evalueres før året har begynt.", year=year))
        _check_evaluated_by_today(evaluated_on, today)
        _check_evaluation_seen(state, year, seen)
        if year in state.evaluations and not replace:
            raise AlreadyEvaluatedError(
                _(
                    "Tiltak %(number)s er allerede evaluert for %(year)s. "
                    "Velg å erstatte evalueringen om den nye skal gjelde.",
                    number=state.number,
                    year=year,
                ),
                state.number,
                year,
            )
        self._evaluate_measure(
            measure_id=measure_id,
            year=year,
            result=EvaluationResult(result).value,
            led_to=checked(led_to, N_("Hva tiltaket førte til"), max_length=COMMENT, lines=True,
                           required=True),
            recommendation=Recommendation(recommendation).value,
            body=checked_body(body, N_("Organet"), required=True),
            evaluated_on=evaluated_on,
            by=by,
        )  # fmt: skip

    @event("MeasureEvaluated")
    def _evaluate_measure(
        self,
        measure_id: str,
        year: int,
        result: str,
        led_to: str,
        recommendation: str,
        body: str,
        evaluated_on: date,
        by: Provenance,
    ) -> None:
        self._apply(
            "MeasureEvaluated",
            measure_id=measure_id,
            year=year,
            result=result,
            led_to=led_to,
            recommendation=recommendation,
            body=body,
            evaluated_on=evaluated_on,
            by=by,
        )

    # --- reminders of the open round (at most once per body and step) -----------------

    def open_round(self) -> tuple[str, RoundState]:
        round_id = self.open_round_id()
        if round_id is None:
            raise RuleError(_("Ingen rapporteringsrunde er åpen."))
        return round_id, self.rounds[round_id]

    def set_reminder_schedule(
        self,
        days: tuple[int, ...],
        by: Provenance,
        read: str | None = None,
        replacing: tuple[int, ...] | None = None,
    ) -> None:
        """The open round's reminders; `read`, the round the caller read as open, refused
        with nothing recorded when it is no longer the open one (`_open_round_read`);
        `replacing`, the reminders the caller read, refused when changed since to other
        reminders than those asked for (the same form sent twice changes nothing, and is
        not refused)."""
        round_id = self._open_round_read(read, STALE_SCHEDULE)
        state = self.rounds[round_id]
        if tuple(days) == state.schedule:  # as wanted already: a form sent twice, say
            return
        if replacing is not None and tuple(replacing) != state.schedule:
            raise ScheduleChangedError(
                round_id, steps_words(state.schedule), steps_words(replacing)
            )
        self._set_reminder_schedule(round_id=round_id, days=list(days), by=by)

    @event("ReminderScheduleSet")
    def _set_reminder_schedule(self, round_id: str, days: list[int], by: Provenance) -> None:
        self._apply("ReminderScheduleSet", round_id=round_id, days=days, by=by)

    def intend_reminder(
        self,
        round_id: str,
        body: str,
        step: int,
        recipients: tuple[str, ...],
        by: Provenance,
        resend: bool = False,
    ) -> int:
        """Record that a reminder is about to be handed over; returns its attempt number.

        Refused when the step already has a reminder, unless a person resends one that
        may not have arrived or did not reach every address, or the server put the last
        attempt off (`ReminderDeferred`: it took nothing) or put off some of its addresses
        (`ReminderRecipientsAnswered`: then the attempt goes to those addresses only): this
        is what keeps delivery at most once per body, step and address. No attempt goes to
        an address that took the step's reminder.
        """
        state = self._round_taking_reminders(round_id, body, step)
        if not recipients:
            raise RuleError(
                _("%(body)s har ingen e-postadresse for påminnelser.", body=_body_named(body))
            )
        found = state.reminder(body, step)
        if found is not None and not resend and not found.tried_again:
            raise RuleError(
                _(
                    "%(body)s har allerede en påminnelse (%(step)s): %(status)s.",
                    body=_body_named(body),
                    step=step_label(step),
                    status=found.status.label,
                )
            )
        if resend:
            check_resendable(found, _body_named(body), step)
        if found is not None:
            _check_recipients(found, recipients, resend, body)
        attempt = found.attempt + 1 if found is not None else 1
        self._intend_reminder(
            round_id=round_id,
            body=body,
            step=step,
            recipients=list(recipients),
            attempt=attempt,
            by=by,
        )
        return attempt

    @event("ReminderIntended")
    def _intend_reminder(
        self,
        round_id: str,
        body: str,
        step: int,
        recipients: list[str],
        attempt: int,
        by: Provenance,
    ) -> None:
        self._apply(
            "ReminderIntended",
            round_id=round_id,
            body=body,
            step=step,
            recipients=recipients,
            attempt=attempt,
            by=by,
        )

    def record_reminder_outcome(
        self,
        round_id: str,
        body: str,
        step: int,
        attempt: int,
        delivered: bool,
        note: str,
        by: Provenance,
    ) -> None:
        """The server took the mail (sent) or refused it for good before taking it (failed)."""
        self._check_attempt(round_id, body, step, attempt)
        record = self._reminder_sent if delivered else self._reminder_failed
        record(round_id=round_id, body=body, step=step, attempt=attempt, note=note, by=by)

    def defer_reminder(
        self, round_id: str, body: str, step: int, attempt: int, note: str, by: Provenance
    ) -> None:
        """The server refused the mail for now (4xx) after its intent was recorded: nothing
        was delivered, so the next run sends it again (as a new attempt), as it does one
        refused for now before its intent, which leaves nothing recorded."""
        self._check_attempt(round_id, body, step, attempt)
        self._defer_reminder(
            round_id=round_id, body=body, step=step, attempt=attempt, note=note, by=by
        )

    @event("ReminderDeferred")
    def _defer_reminder(
        self, round_id: str, body: str, step: int, attempt: int, note: str, by: Provenance
    ) -> None:
        self._apply(
            "ReminderDeferred",
            round_id=round_id, body=body, step=step, attempt=attempt, note=note, by=by,
        )  # fmt: skip

    def _check_attempt(self, round_id: str, body: str, step: int, attempt: int) -> None:
        """Refuse an outcome for an attempt other than the pending one."""
        found = self._pending_reminder(round_id, body, step)
        if found.attempt != attempt:
            raise RuleError(
                _(
                    "Påminnelsen til %(body)s er sendt på nytt siden (forsøk %(attempt)s).",
                    body=_body_named(body),
                    attempt=attempt,
                )
            )

    def record_reminder_answers(
        self,
        round_id: str,
        body: str,
        step: int,
        attempt: int,
        answers: ReminderAnswers,
        by: Provenance,
    ) -> None:
        """The server answered the attempt's addresses differently (took it for some, put
        it off or refused it for others), or answered only some of them before the hand-over
        of the rest became unknown: each address's answer is recorded; the reminder is sent
        once every address took it."""
        self._check_attempt(round_id, body, step, attempt)
        found = self._pending_reminder(round_id, body, step)
        meant = {a.lower() for a in found.recipients}
        named = [*answers.taken, *answers.put_off, *answers.refused]
        folded = [a.lower() for a in named]
        had = {a.lower() for a in found.taken}
        if (
            not named
            or any(a not in meant or a in had for a in folded)
            or len(set(folded)) != len(folded)
        ):
            raise ValueError(f"answers for {named}, not for the attempt's {found.recipients}")
        self._reminder_recipients_answered(
            round_id=round_id,
            body=body,
            step=step,
            attempt=attempt,
            taken=list(answers.taken),
            put_off=dict(answers.put_off),
            refused=dict(answers.refused),
            by=by,
        )

    @event("ReminderRecipientsAnswered")
    def _reminder_recipients_answered(
        self,
        round_id: str,
        body: str,
        step: int,
        attempt: int,
        taken: list[str],
        put_off: dict[str, str],
        refused: dict[str, str],
        by: Provenance,
    ) -> None:
        self._apply(
            "ReminderRecipientsAnswered",
            round_id=round_id, body=body, step=step, attempt=attempt, taken=taken,
            put_off=put_off, refused=refused, by=by,
        )  # fmt: skip

    @event("ReminderSent")
    def _reminder_sent(
        self, round_id: str, body: str, step: int, attempt: int, note: str, by: Provenance
    ) -> None:
        self._apply(
            "ReminderSent",
            round_id=round_id, body=body, step=step, attempt=attempt, note=note, by=by,
        )  # fmt: skip

    @event("ReminderFailed")
    def _reminder_failed(
        self, round_id: str, body: str, step: int, attempt: int, note: str, by: Provenance
    ) -> None:
        self._apply(
            "ReminderFailed",
            round_id=round_id, body=body, step=step, attempt=attempt, note=note, by=by,
        )  # fmt: skip

    def confirm_reminder_delivered(
        self, body: str, step: int, by: Provenance, attempt: int | None = None
    ) -> None:
        """A person has checked that a "kanskje sendt" reminder did arrive (for all its
        addresses, or those whose hand-over is unknown). One the server answered for every
        address ("delvis sendt", failed, put off) is not confirmed: it is resent instead.

        `attempt`: the attempt the person saw (None: the one standing). A reminder sent
        again since (even while that resend is in flight) is not confirmed unseen
        (`ConcurrentEditError`); one no longer to be confirmed at all is told as such first,
        so the refusal does not invite a confirmation that cannot be made."""
        round_id, _round = self.open_round()
        found = self._round_taking_reminders(round_id, body, step).reminder(body, step)
        if found is not None and found.status.delivered:
            raise RuleError(
                _(
                    "Påminnelsen til %(body)s (%(step)s) er alt sendt. Bare en påminnelse som er "
                    "«kanskje sendt», kan bekreftes sendt.",
                    body=_body_named(body),
                    step=step_label(step),
                )
            )
        if found is not None and found.status is not ReminderStatus.INTENDED:
            raise RuleError(
                _(
                    "Påminnelsen til %(body)s (%(step)s) kan ikke bekreftes sendt: "
                    "e-posttjeneren har svart for hver adresse. Bare en påminnelse som er "
                    "«kanskje sendt», kan bekreftes; en som er «delvis sendt», feilet eller "
                    "utsatt, kan sendes på nytt.",
                    body=_body_named(body),
                    step=step_label(step),
                )
            )
        if attempt is not None and found is not None and found.attempt != attempt:
            _refuse_confirming_another_attempt(body, step, attempt, found.attempt)
        self._pending_reminder(round_id, body, step)
        self._confirm_reminder_delivered(round_id=round_id, body=body, step=step, by=by)

    @event("ReminderDeliveryConfirmed")
    def _confirm_reminder_delivered(
        self, round_id: str, body: str, step: int, by: Provenance
    ) -> None:
        self._apply("ReminderDeliveryConfirmed", round_id=round_id, body=body, step=step, by=by)

    def _round_taking_reminders(self, round_id: str, body: str, step: int) -> RoundState:
        open_id, state = self.open_round()
        if open_id != round_id:
            raise RuleError(
                _(
                    "Runde %(round)s er ikke åpen (åpen runde: %(open)s).",
                    round=round_id,
                    open=open_id,
                )
            )
        if body not in state.bodies:
            raise NotFoundError(
                _(
                    "%(body)s skal ikke rapportere i runde %(round)s.",
                    body=excerpt(_body_named(body)),
                    round=round_id,
                )
            )
        if step not in state.schedule:
            raise NotFoundError(
                _(
                    "Runde %(round)s har ikke påminnelse %(step)s (plan: %(schedule)s).",
                    round=round_id,
                    step=step,
                    schedule=", ".join(str(s) for s in state.schedule) or _("ingen"),
                )
            )
        return state

    def _pending_reminder(self, round_id: str, body: str, step: int) -> Reminder:
        found = self._round_taking_reminders(round_id, body, step).reminder(body, step)
        if found is None or found.status is not ReminderStatus.INTENDED:
            raise RuleError(
                _(
                    "%(body)s har ingen påminnelse (%(step)s) som er «kanskje sendt».",
                    body=_body_named(body),
                    step=step_label(step),
                )
            )
        return found

    # --- edit conflicts (from the spreadsheet) -----------------------------------------

    def record_conflict(
        self, measure_id: str, field: str, kept: str, lost: str, by: Provenance
    ) -> str:
        """Keep the losing side of a two-sided edit so nothing typed is ever dropped."""
        self.measure(measure_id)
        conflict_id = f"K{self.header.conflict_seq + 1}"
        self._record_conflict(
            conflict_id=conflict_id, measure_id=measure_id, field=field, kept=kept, lost=lost, by=by
        )
        return conflict_id

    @event("EditConflictRecorded")
    def _record_conflict(
        self, conflict_id: str, measure_id: str, field: str, kept: str, lost: str, by: Provenance
    ) -> None:
        self._apply(
            "EditConflictRecorded",
            conflict_id=conflict_id,
            measure_id=measure_id,
            field=field,
            kept=kept,
            lost=lost,
            by=by,
        )

    def resolve_conflict(self, measure_id: str, conflict_id: str, by: Provenance) -> None:
        state = self.measure(measure_id)
        if not any(c.id == conflict_id for c in state.conflicts):
            raise NotFoundError(
                _(
                    "Fant ingen åpen konflikt %(conflict)s på tiltak %(number)s.",
                    conflict=conflict_id,
                    number=state.number,
                )
            )
        self._resolve_conflict(measure_id=measure_id, conflict_id=conflict_id, by=by)

    @event("EditConflictResolved")
    def _resolve_conflict(self, measure_id: str, conflict_id: str, by: Provenance) -> None:
        self._apply("EditConflictResolved", measure_id=measure_id, conflict_id=conflict_id, by=by)

    # --- approval flow -----------------------------------------------------------------

    class SentOnHearing(Aggregate.Event):
        """Version 3 says the day the draft was sent; version 2 named who was asked, and
        version 1 events had only the deadline."""

        class_version = 3
        sent_on: date | None
        """None for a version-2 event: it did not say, and the day it was recorded is not
        the day sent (a hearing was often recorded long after)."""
        deadline: date
        asked: list[str]
        by: Provenance

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["asked"] = []

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            """Version 2 did not say when the draft was sent: unknown (None), not the day it
            was recorded, which may be days or years after it was sent."""
            state["sent_on"] = None

    def send_on_hearing(
        self,
        deadline: date,
        by: Provenance,
        asked: list[str] | tuple[str, ...] = (),
        sent_on: date | None = None,
        today: date | None = None,
        revision: int | None = None,
    ) -> None:
        """Send the draft on hearing to the named bodies and organisations.

        `sent_on` is the day it was sent (default: `today`, by default today in Norway):
        the secretariat often records it days after it mailed the draft. Not after today,
        and not after `deadline`. `revision`: the draft's endringsnummer the caller read
        (None: not checked), so a draft changed since is not sent unseen.
        """
        if self.stage != Stage.DRAFT:
            raise RuleError(
                _(
                    "Bare et utkast kan sendes på høring (planen er %(stage)s).",
                    stage=self.stage.label,
                )
            )
        today = oslo_today() if today is None else today
        sent_on = today if sent_on is None else sent_on
        check_sent_date(sent_on, deadline, today)
        self._check_content_seen(revision)
        what = N_("Høringsinstansen")
        parties = [checked(name, what, max_length=SHORT_TEXT) for name in asked]
        self._send_on_hearing(
            sent_on=sent_on,
            deadline=deadline,
            asked=list(dict.fromkeys(p for p in parties if p)),
            by=by,
        )

    @event(SentOnHearing)
    def _send_on_hearing(
        self, sent_on: date | None, deadline: date, asked: list[str], by: Provenance
    ) -> None:
        self._apply("SentOnHearing", sent_on=sent_on, deadline=deadline, asked=asked, by=by)

    def current_hearing(self) -> HearingState:
        """The hearing of the working draft; refused when the draft has not been on hearing."""
        hearing = self._hearing_in_revision()
        if hearing is None:
            raise RuleError(
                _("Planen har ikke vært på høring i denne revisjonen. Send den på høring først.")
            )
        return hearing

    def _hearing_in_revision(self) -> HearingState | None:
        """The hearing of the working draft, or None when it has not been on hearing in this
        revision (`PlanHeader.hearing_deadline` is reset when a revision starts)."""
        if self.header.hearing_deadline is None or not self.hearings:
            return None
        return list(self.hearings.values())[-1]

    def hearing(self, version: int | None = None) -> HearingState:
        """The hearing of a version (default: the newest hearing)."""
        if version is None:
            if not self.hearings:
                raise NotFoundError(_("Planen %(plan)s har ikke vært på høring.", plan=self.key))
            return list(self.hearings.values())[-1]
        try:
            return self.hearings[hearing_key(version)]
        except KeyError:
            raise NotFoundError(
                _(
                    "Versjon %(version)s av %(plan)s har ikke vært på høring.",
                    version=version,
                    plan=self.key,
                )
            ) from None

    def receive_hearing_response(
        self,
        respondent: str,
        received_on: date,
        text: str,
        by: Provenance,
        attachments: list[str] | tuple[str, ...] = (),
        today: date | None = None,
    ) -> str:
        """Record a response to the current hearing; returns its ID (F1, F2 …).

        Responses come in while the draft is on hearing and, late ones, until
        the version is adopted; attachments are kept by reference only. None is
        dated after `today` (default: today in Norway), nor before the draft was sent.
        """
        hearing = self.current_hearing()
        if not self._hearing_open():
            raise RuleError(
                _(
                    "Høringen er over: planen er %(stage)s. "
                    "Uttalelser kan registreres til versjonen er vedtatt.",
                    stage=self.stage.label,
                )
            )
        check_received_date(hearing, received_on, today)
        if len(attachments) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("En uttalelse kan ha høyst %(max)s vedlegg.", max=MAX_ATTACHMENTS)
            )
        what = N_("Vedlegget")
        references = [checked(a, what, max_length=SHORT_TEXT) for a in attachments]
        response_id = f"F{sum(len(h.responses) for h in self.hearings.values()) + 1}"
        self._receive_hearing_response(
            version=hearing.version,
            response_id=response_id,
            respondent=checked(respondent, N_("Avsenderen"), max_length=SHORT_TEXT, required=True),
            received_on=received_on,
            text=checked(text, N_("Uttalelsen"), max_length=LONG_TEXT, lines=True, required=True),
            attachments=[r for r in references if r],
            by=by,
        )
        return response_id

    @event("HearingResponseReceived")
    def _receive_hearing_response(
        self,
        version: int,
        response_id: str,
        respondent: str,
        received_on: date,
        text: str,
        attachments: list[str],
        by: Provenance,
    ) -> None:
        self._apply(
            "HearingResponseReceived",
            version=version,
            response_id=response_id,
            respondent=respondent,
            received_on=received_on,
            text=text,
            attachments=attachments,
            by=by,
        )

    def answer_hearing_response(
        self,
        response_id: str,
        text: str,
        answered_on: date,
        by: Provenance,
        replace: bool = False,
        seen: str | None = None,
        today: date | None = None,
    ) -> None:
        """The secretariat's answer to one response; a second answer only when asked for,
        and with `seen`, the answer the caller saw, not over one given since. Dated
        neither before the response nor after `today` (default: today in Norway)."""
        hearing, response = self._hearing_of_response(response_id)
        check_not_withdrawn(response, answering=True)
        check_answer_seen(response, seen)
        check_answer_date(response, answered_on, today)
        if response.answer is not None and not replace:
            raise AlreadyAnsweredError(
                _(
                    "Uttalelsen %(response)s fra %(respondent)s er allerede besvart. "
                    "Velg å erstatte svaret om det nye skal gjelde.",
                    response=response.id,
                    respondent=response.respondent,
                ),
                response.id,
                response.respondent,
            )
        self._answer_hearing_response(
            version=hearing.version,
            response_id=response.id,
            text=checked(text, N_("Svaret"), max_length=LONG_TEXT, lines=True, required=True),
            answered_on=answered_on,
            by=by,
        )

    @event("HearingResponseAnswered")
    def _answer_hearing_response(
        self, version: int, response_id: str, text: str, answered_on: date, by: Provenance
    ) -> None:
        self._apply(
            "HearingResponseAnswered",
            version=version,
            response_id=response_id,
            text=text,
            answered_on=answered_on,
            by=by,
        )

    def _hearing_of_response(self, response_id: str) -> tuple[HearingState, HearingResponse]:
        """The response `response_id` ("f2", " F2 ") and the hearing it was registered in."""
        wanted = response_id.strip().upper()
        for hearing in self.hearings.values():
            for response in hearing.responses:
                if response.id == wanted:
                    return hearing, response
        raise NotFoundError(
            _(
                "Fant ikke uttalelsen %(response)s i %(plan)s.",
                response=excerpt(response_id),
                plan=self.key,
            )
        )

    def _hearing_open(self) -> bool:
        """Whether the working draft's hearing is open: on hearing or submitted, until the
        version is adopted (as responses are registered)."""
        return self.stage in (Stage.HEARING, Stage.SUBMITTED)

    def extend_hearing_deadline(
        self, deadline: date, by: Provenance, seen: date | None = None
    ) -> date:
        """Give everyone asked more time: the deadline in force moves to `deadline`, after it;
        returns the deadline in force before.

        Only while the hearing is open (as responses are registered); with `seen`, the
        deadline the caller read, not over an extension made since. The deadline the
        hearing was sent with stays in the record.
        """
        hearing = self.current_hearing()
        if not self._hearing_open():
            raise RuleError(
                _(
                    "Høringen er over: planen er %(stage)s. "
                    "Fristen kan forlenges til versjonen er vedtatt.",
                    stage=self.stage.label,
                )
            )
        check_deadline_extended(hearing, deadline, seen)
        self._extend_hearing_deadline(version=hearing.version, deadline=deadline, by=by)
        return hearing.deadline

    @event("HearingDeadlineExtended")
    def _extend_hearing_deadline(self, version: int, deadline: date, by: Provenance) -> None:
        self._apply("HearingDeadlineExtended", version=version, deadline=deadline, by=by)

    def correct_hearing_sent_date(
        self,
        sent_on: date,
        by: Provenance,
        seen: date | None,
        version: int | None = None,
        today: date | None = None,
    ) -> HearingState:
        """Correct the day the draft of `version` (default: the newest hearing) was sent on
        hearing, or give it to a hearing recorded before the day was kept; returns the
        hearing as it was before.

        At any time, the hearing open or over: the day is a fact of the record, not of the
        hearing's course. `seen` is the day the caller read (None: unknown), and `by` says
        why (a correction of the record needs a reason). The day first recorded stays in
        the history.
        """
        hearing = self.hearing(version)
        checked(by.reason, N_("Begrunnelsen"), required=True)
        check_sent_date_corrected(hearing, sent_on, seen, today)
        self._correct_hearing_sent_date(version=hearing.version, sent_on=sent_on, by=by)
        return hearing

    @event("HearingSentDateCorrected")
    def _correct_hearing_sent_date(self, version: int, sent_on: date, by: Provenance) -> None:
        self._apply("HearingSentDateCorrected", version=version, sent_on=sent_on, by=by)

    def withdraw_hearing_response(
        self, response_id: str, reason: str, by: Provenance, today: date | None = None
    ) -> HearingResponse:
        """Withdraw a response registered by mistake (twice, from the wrong body, for the
        wrong plan), saying why; returns the response as it was before. It stays in the
        record, marked withdrawn on `today` (default: today in Norway); it is no longer
        counted nor answered, and its ID is never given again. Only while its hearing is
        open, as responses are registered."""
        hearing, response = self._hearing_of_response(response_id)
        current = self.current_hearing()
        if not self._hearing_open():
            raise RuleError(
                _(
                    "Høringen er over: planen er %(stage)s. "
                    "Uttalelser kan trekkes tilbake til versjonen er vedtatt.",
                    stage=self.stage.label,
                )
            )
        if hearing.version != current.version:
            raise RuleError(
                _(
                    "Uttalelsen %(response)s hører til høringen av versjon %(version)s, "
                    "som er over. Uttalelser kan trekkes tilbake til versjonen er vedtatt.",
                    response=response.id,
                    version=hearing.version,
                )
            )
        check_not_withdrawn(response, answering=False)
        self._withdraw_hearing_response(
            version=hearing.version,
            response_id=response.id,
            reason=checked(reason, N_("Begrunnelsen"), required=True),
            withdrawn_on=oslo_today() if today is None else today,
            by=by,
        )
        return response

    @event("HearingResponseWithdrawn")
    def _withdraw_hearing_response(
        self, version: int, response_id: str, reason: str, withdrawn_on: date, by: Provenance
    ) -> None:
        self._apply(
            "HearingResponseWithdrawn",
            version=version,
            response_id=response_id,
            reason=reason,
            withdrawn_on=withdrawn_on,
            by=by,
        )

    def submit(
        self,
        required_bodies: list[str] | tuple[str, ...],
        by: Provenance,
        version: int | None = None,
        revision: int | None = None,
    ) -> int:
        """Freeze the working content as a version that the named bodies must approve.

        `version` and `revision`: the version the caller read it would be sent as, and the
        draft's endringsnummer they read (None: not checked), so a version submitted since
        is not sent twice and a draft changed since is not sent unseen."""
        if self.stage not in EDITABLE_STAGES:
            raise RuleError(
                _(
                    "Planen er %(stage)s; start en revisjon før ny innsending.",
                    stage=self.stage.label,
                )
            )
        bodies = _bodies(required_bodies)
        if not bodies:
            raise ValidationError(_("Minst ett organ må godkjenne planen."))
        if not self.active_measures():
            raise RuleError(_("Planen har ingen tiltak og kan ikke sendes til godkjenning."))
        submission = self.header.submission
        sent_as = self.header.working_version if submission is None else submission.version + 1
        if version is not None and version != sent_as:
            raise ConcurrentEditError(_submitted_since(submission, version, sent_as))
        self._check_content_seen(revision)
        self._submit(
            version=sent_as,
            content_revision=self.header.content_revision,
            required_bodies=bodies,
            by=by,
        )
        return sent_as

    def _check_content_seen(self, revision: int | None) -> None:
        """Refuse sending a draft changed since the caller read it at `revision`."""
        now = self.header.content_revision
        if revision is not None and revision != now:
            raise ConcurrentEditError(
                _(
                    "Utkastet er endret siden du hentet det (endringsnummer %(seen)s, nå "
                    "%(now)s). Ingenting er sendt. Se over utkastet, og send det på nytt om du "
                    "fortsatt vil.",
                    seen=revision,
                    now=now,
                )
            )

    @event("VersionSubmitted")
    def _submit(
        self, version: int, content_revision: int, required_bodies: list[str], by: Provenance
    ) -> None:
        self._apply(
            "VersionSubmitted",
            version=version,
            content_revision=content_revision,
            required_bodies=required_bodies,
            by=by,
        )

    def approve(
        self,
        version: int,
        body: str,
        case: str,
        meeting_date: date,
        by: Provenance,
    ) -> bool:
        """Record one body's approval; the plan is adopted when all required bodies agree.

        Returns True when this approval adopted the version.
        """
        submission = self.header.submission
        if self.stage != Stage.SUBMITTED or submission is None:
            raise RuleError(
                _(
                    "Planen er ikke sendt til godkjenning (planen er %(stage)s).",
                    stage=self.stage.label,
                )
            )
        _check_submitted_version(submission, version)
        if self.header.content_revision != submission.content_revision:
            raise RuleError(
                _(
                    "Versjon %(version)s er endret etter at den ble sendt til godkjenning. "
                    "Send planen inn på nytt før den kan godkjennes.",
                    version=version,
                )
            )
        body = checked_body(body, N_("Organet"))
        case = checked(case, N_("Saksnummeret"), max_length=CASE)
        if body not in submission.required_bodies:
            raise RuleError(
                _(
                    "%(body)s er ikke blant dem som skal godkjenne versjon %(version)s "
                    "(%(bodies)s).",
                    body=body,
                    version=version,
                    bodies=", ".join(submission.required_bodies),
                )
            )
        if body in submission.approvals:
            raise RuleError(
                _("%(body)s har allerede godkjent versjon %(version)s.", body=body, version=version)
            )
        if not case:
            raise ValidationError(_("Godkjenningen må ha et saksnummer (f.eks. sak 11/24)."))
        self._check_meeting_after_hearing(meeting_date)
        case = _approval_case(case, body)
        self.check_case_not_adopting(case, version)
        self._approve(version=version, body=body, case=case, meeting_date=meeting_date, by=by)
        approved = self.header.submission
        if approved is not None and set(approved.approvals) == set(approved.required_bodies):
            self._adopt(version=version, by=by)
            return True
        return False

    def check_case_not_adopting(self, case: str, version: int) -> None:
        """A case that adopted an earlier version approves no other: it is the decision of
        another meeting (the demo's «ASU sak 12/22», which adopted version 1, cited again
        for version 2, with its own meeting day given to match). `case` as approvals cite
        it (`_approval_case`)."""
        wanted = case.casefold()
        adopting = self.header.adopting_cases or ()
        if any(adopted.casefold() == wanted for adopted in adopting):
            raise RefusedAt(
                _(
                    "%(case)s vedtok en tidligere versjon av planen. Versjon %(version)s må "
                    "ha sitt eget vedtak: skriv saksnummeret fra møtet der den ble vedtatt.",
                    case=case,
                    version=version,
                ),
                "case",
            )

    def _check_meeting_after_hearing(self, meeting_date: date) -> None:
        """A body adopts what was on hearing after it was sent: a meeting day before it is a
        mistyped day (a year off, say), and the version would never come into force, since
        the version in force is the one adopted at the latest meeting."""
        hearing = self._hearing_in_revision()
        if hearing is None or hearing.sent_on is None:
            return
        if meeting_date < hearing.sent_on:
            raise RefusedAt(
                _(
                    "Møtedatoen kan ikke være %(meeting)s: versjon %(version)s ble sendt på "
                    "høring %(sent)s.",
                    meeting=format_norwegian_date(meeting_date),
                    version=hearing.version,
                    sent=format_norwegian_date(hearing.sent_on),
                ),
                "meeting_date",
            )

    @event("VersionApproved")
    def _approve(
        self, version: int, body: str, case: str, meeting_date: date, by: Provenance
    ) -> None:
        self._apply(
            "VersionApproved",
            version=version,
            body=body,
            case=case,
            meeting_date=meeting_date,
            by=by,
        )

    def withdraw_approval(
        self, version: int, body: str, reason: str, by: Provenance, seen: Approval | None = None
    ) -> Approval:
        """Withdraw an approval registered by mistake (the wrong body, case or meeting),
        saying why; returns the approval as it was. The body waits again and may approve
        anew. Only until the version is adopted: an adopted version is changed by a new
        revision, never by taking back the approval that adopted it. `seen`: the approval
        the caller saw, its case in any spelling (None: not known), so an approval registered
        anew since is never withdrawn unseen, though it cites the same case with the meeting
        day corrected."""
        submission = self.header.submission
        if self.stage != Stage.SUBMITTED or submission is None:
            raise RuleError(_withdrawal_too_late(self.stage, version, self.header.adopted_version))
        _check_submitted_version(submission, version)
        approval = submission.approvals.get(body)
        if approval is None:
            raise RuleError(
                _("%(body)s har ikke godkjent versjon %(version)s.", body=body, version=version)
            )
        if seen is not None and _seen_otherwise(seen, approval, body):
            raise ConcurrentEditError(
                _(
                    "Godkjenningen fra %(body)s er registrert på nytt siden du så den (nå "
                    "%(case)s, møte %(meeting)s). Se over godkjenningene før du trekker den "
                    "tilbake.",
                    body=body,
                    case=approval.case,
                    meeting=format_norwegian_date(approval.meeting_date),
                )
            )
        self._withdraw_approval(
            version=version,
            body=body,
            case=approval.case,
            meeting_date=approval.meeting_date,
            reason=checked(reason, N_("Begrunnelsen"), required=True),
            by=by,
        )
        return approval

    @event("ApprovalWithdrawn")
    def _withdraw_approval(
        self,
        version: int,
        body: str,
        case: str,
        meeting_date: date,
        reason: str,
        by: Provenance,
    ) -> None:
        self._apply(
            "ApprovalWithdrawn",
            version=version,
            body=body,
            case=case,
            meeting_date=meeting_date,
            reason=reason,
            by=by,
        )

    @event("VersionAdopted")
    def _adopt(self, version: int, by: Provenance) -> None:
        self._apply("VersionAdopted", version=version, by=by)

    def publish(self, by: Provenance) -> None:
        if self.stage != Stage.ADOPTED:
            raise RuleError(
                _(
                    "Bare en vedtatt plan kan publiseres (planen er %(stage)s).",
                    stage=self.stage.label,
                )
            )
        self._publish(version=self.header.working_version, by=by)

    @event("VersionPublished")
    def _publish(self, version: int, by: Provenance) -> None:
        self._apply("VersionPublished", version=version, by=by)

    def start_revision(self, by: Provenance, seen: int | None = None) -> int:
        """Open a new draft; the adopted version stays in force until the next is adopted.
        `seen`: the adopted version the caller read (None: not checked), so a revision is
        never started from a version adopted since unseen."""
        if self.stage not in (Stage.ADOPTED, Stage.PUBLISHED):
            raise RuleError(
                _(
                    "Bare en vedtatt plan kan revideres (planen er %(stage)s).",
                    stage=self.stage.label,
                )
            )
        if seen is not None and seen != self.header.working_version:
            raise ConcurrentEditError(
                _(
                    "Versjon %(now)s er vedtatt etter at du hentet planen (du så versjon "
                    "%(seen)s). Ingenting er startet. Se over planen, og start revisjonen på "
                    "nytt om du fortsatt vil.",
                    now=self.header.working_version,
                    seen=seen,
                )
            )
        self._start_revision(version=self.header.working_version + 1, by=by)
        return self.header.working_version

    @event("RevisionStarted")
    def _start_revision(self, version: int, by: Provenance) -> None:
        self._apply("RevisionStarted", version=version, by=by)


def _submitted_since(submission: Submission | None, seen: int, sent_as: int) -> str:
    """Why a submission read as version `seen` is refused when it would be `sent_as`."""
    if submission is not None and submission.version >= seen:
        return _(
            "Versjon %(version)s ble sendt til godkjenning hos %(bodies)s etter at du hentet "
            "planen. Ingenting er sendt på nytt. Se over planen, og send den på nytt om du "
            "fortsatt vil.",
            version=submission.version,
            bodies=", ".join(submission.required_bodies),
        )
    return _(
        "Planen sendes nå som versjon %(now)s, ikke %(seen)s som da du hentet den. Ingenting "
        "er sendt. Se over planen, og send den på nytt om du fortsatt vil.",
        now=sent_as,
        seen=seen,
    )


def _numbered(measures: Iterable[MeasureState], number: str) -> MeasureState | None:
    """The first of `measures` with `number` (as `parse_measure_number` writes it)."""
    return next((m for m in measures if m.number == number), None)


def _stored_in_force(
    in_force: dict[str, MeasureState] | None, measures: Mapping[str, MeasureState]
) -> dict[str, MeasureState | None] | None:
    """The measures in force as a snapshot stores them: None for one the draft has as adopted."""
    if in_force is None:
        return None
    return {
        mid: None if adopted_as_drafted(adopted, measures[mid]) else adopted
        for mid, adopted in in_force.items()
    }


def _read_in_force(
    stored: Mapping[str, MeasureState | None] | None, measures: Mapping[str, MeasureState]
) -> dict[str, MeasureState] | None:
    """The measures in force from a snapshot: the draft's own state where it stored none (its
    progress differs from the adopted state's, but only the content is read of it)."""
    if stored is None:
        return None
    return {mid: measures[mid] if adopted is None else adopted for mid, adopted in stored.items()}


def _check_recipients(
    found: Reminder, recipients: tuple[str, ...], resend: bool, body: str
) -> None:
    """A further attempt at a step goes to no address that took it; one the run makes by
    itself after some addresses answered apart goes only to those put off."""
    again = [a for a in recipients if a not in found.not_had([a])]
    if again:
        raise RuleError(
            _(
                "%(addresses)s har allerede fått påminnelsen til %(body)s (%(step)s).",
                addresses=some_addresses(again),
                body=_body_named(body),
                step=step_label(found.step),
            )
        )
    if resend or not found.answered_apart:
        return
    put_off = {a.lower() for a in found.put_off}
    if any(a.lower() not in put_off for a in recipients):
        raise RuleError(
            _(
                "Påminnelsen til %(body)s (%(step)s) prøves igjen bare til adressene "
                "e-posttjeneren utsatte: %(addresses)s.",
                body=_body_named(body),
                step=step_label(found.step),
                addresses=some_addresses(list(found.put_off)),
            )
        )


def _check_submitted_version(submission: Submission, version: int) -> None:
    """An approval, or its withdrawal, is of the version sent for approval, not another."""
    if version != submission.version:
        raise RuleError(
            _(
                "Versjon %(version)s er ikke den som er sendt til godkjenning "
                "(det er versjon %(submitted)s).",
                version=version,
                submitted=submission.version,
            )
        )


def _seen_otherwise(seen: Approval, standing: Approval, body: str) -> bool:
    """Whether the approval standing is another than the one the caller saw: another case
    (in any spelling of the same case it is the same), or the same case registered again
    with another meeting day."""
    try:
        case = _approval_case(seen.case, body)
    except ValidationError:
        return True
    return (case.casefold(), seen.meeting_date) != (
        standing.case.casefold(),
        standing.meeting_date,
    )


def _withdrawal_too_late(stage: Stage, version: int, adopted: int | None) -> str:
    """Why no approval of `version` can be withdrawn now: it is the version adopted, or no
    version awaits approval."""
    if version == adopted and stage in (Stage.ADOPTED, Stage.PUBLISHED):
        return _(
            "Versjon %(version)s er vedtatt, og godkjenningene av den kan ikke trekkes "
            "tilbake. Start en revisjon for å endre planen.",
            version=adopted,
        )
    if version == adopted:
        return _(
            "Versjon %(version)s er vedtatt, og godkjenningene av den kan ikke trekkes tilbake.",
            version=adopted,
        )
    return _(
        "Planen er ikke sendt til godkjenning (planen er %(stage)s), så ingen godkjenning "
        "kan trekkes tilbake.",
        stage=stage.label,
    )


def _approval_case(case: str, body: str) -> str:
    """The case that decided an approval, written the one way decisions are registered:
    "sak 12/25", "12/25", "asu sak 12/2025" and "ASU-sak 12/25" by ASU are all "ASU sak
    12/25". Kept as typed, one case showed in as many forms on the public page, and the
    decision's list of changes missed the approvals written otherwise. A body named in the
    case other than the approving one (its short name: "OSU sak 4/25" by "Overordna
    samarbeidsutval") is kept as written: the application spells it as the community's
    register does (`Planlogg.approve`)."""
    cited = parse_case(case, body)
    named = body if cited.body.casefold() == body.casefold() else cited.body
    return str(CaseNumber(cited.number, cited.year, named))


def _refuse_confirming_another_attempt(body: str, step: int, seen: int, attempt: int) -> None:
    """Why a confirmation naming attempt `seen` is refused when the reminder is at `attempt`:
    sent again since (a conflict), or never at that attempt (a value to read again)."""
    if attempt < seen:
        raise ValidationError(
            _(
                "Påminnelsen til %(body)s (%(step)s) har ikke hatt forsøk %(seen)s (siste er "
                "forsøk %(attempt)s).",
                body=_body_named(body),
                step=step_label(step),
                seen=seen,
                attempt=attempt,
            )
        )
    raise ConcurrentEditError(
        _(
            "Påminnelsen til %(body)s (%(step)s) er sendt på nytt siden du hentet den (nå "
            "forsøk %(attempt)s). Ingenting er lagret. Se over påminnelsen, og bekreft på nytt "
            "om du fortsatt vil.",
            body=_body_named(body),
            step=step_label(step),
            attempt=attempt,
        )
    )

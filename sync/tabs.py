"""The read-only tabs the sync keeps up to date: Oversikt (dashboard) and Vedtak (decisions).

Both are rendered from the store alone and overwritten whenever they differ,
so nothing typed there is ever read back. They hold no clock time: the day
decides only which adopted version is in force, so an unchanged plan renders
identical tabs, and costs no write, on every day but one a version comes in
force. They are written in the målform spoken (the community's), and rewritten
in the other when it changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from itertools import islice
from typing import Any

from domain.dates import format_norwegian_date, period_words
from domain.decision import cited
from domain.measure_sheet import COMMENT, STATUS_DATE
from domain.norwegian_time import format_oslo_date, format_oslo_time, in_oslo
from domain.plan import Plan
from domain.plan_state import round_order
from domain.vocabulary import Colour, Stage
from language import MÅLFORMER, N_, _, in_every_målform
from projections.documents import ChainHead
from sync.layout import (
    DECISIONS_TAB,
    OVERVIEW_TAB,
    STATUS,
    TEXT,
    SyncRefused,
    heading,
    status_word,
)

_EVENT_WORDS = {
    "VersionApproved": N_("Godkjente versjon"),
    "ReportingRoundOpened": N_("Åpnet rapporteringsrunde"),
    "RevisionStarted": N_("Startet revisjon"),
    "VersionSubmitted": N_("Sendte versjon til godkjenning"),
    "VersionAdopted": N_("Vedtok versjon"),
    "VersionPublished": N_("Publiserte versjon"),
}
OTHER_DECISION = N_("Endring i planen")
"""What a decision was used for when its event is none of `_EVENT_WORDS`."""

TAB_WIDTHS = {OVERVIEW_TAB: (36, 14, 10, 10, 10, 16), DECISIONS_TAB: (18, 12, 32, 16)}
"""A new Oversikt's and Vedtak's column widths (characters), from A: room for their labels
(«Kontrollsum (endringsloggen)», «Sendte versjon til godkjenning») and the counts. The
checksum stands last in its row and shows whole over the empty cells to its right."""
TAB_WRAPPED = {OVERVIEW_TAB: frozenset({0}), DECISIONS_TAB: frozenset()}
"""The columns (0-based) of Oversikt and Vedtak whose text wraps: Oversikt's A, where an
area's name («1 Helhetlige pasientforløp og andre aktuelle samhandlingstiltak for
prioriterte pasientgrupper») is longer than any width that leaves room for the counts."""
AREA_LABEL = N_("Innsatsområde")
NOT_REPORTED = N_("ikke rapportert")
"""The words the documents and the command line use for an area and a measure without status."""


def is_heading_row(title: str, first: str) -> bool:
    """Whether a row of Planlogg's tab `title` (Oversikt, Vedtak) whose first cell shows
    `first` is a header row, in either målform: Oversikt's table header starts
    with «Innsatsområde», Vedtak's with «Vedtak»."""
    word = {OVERVIEW_TAB: AREA_LABEL, DECISIONS_TAB: DECISION_HEADER[0]}.get(title)
    return word is not None and first in in_every_målform(word).values()


class Count(str):
    """A count in Oversikt: compared as the text a sheet reads back, written as a number
    (`as_written`), so Excel neither flags it as a number stored as text nor leaves it out
    of a sum."""


def as_written(cell: str) -> str | int:
    """A tab's cell as a backend writes it: a `Count` as a number, other text as it is."""
    return int(cell) if isinstance(cell, Count) else cell


PLAN_LABEL = N_("Plan")
STAGE_LABEL = N_("Stadium")
IN_FORCE = N_("Versjon i kraft")
NONE_ADOPTED = N_("Ingen versjon er vedtatt ennå")
ADOPTED_ON = N_("versjon %(version)s, vedtatt %(date)s")
"""Oversikt's row on the version in force: the stage alone says «utkast» while a revision is
drafted, and never which version the community works by."""
NONE_IN_FORCE = N_("Ingen versjon gjelder ennå")
NEXT_VERSION = N_("Neste versjon")
COMING_FROM = N_("versjon %(version)s, gjelder fra %(date)s")
"""A version adopted at a meeting still to come: in force from that day, as the public plan
says («gjelder fra»), not before."""
DECISION_HEADER = (N_("Vedtak"), N_("Dato"), N_("Hva"), N_("Gjelder versjon"))
FOREIGN_TAB = N_(
    "Regnearket har allerede en fane «%(tab)s» som ikke er Planloggs. Gi den et annet navn, "
    "så legger Planlogg ut sin egen. Ingenting er skrevet."
)

STAGE_WORDS = {
    Stage.DRAFT: N_("utkast"),
    Stage.HEARING: N_("på høring"),
    Stage.SUBMITTED: N_("sendt til godkjenning"),
    Stage.ADOPTED: N_("vedtatt"),
    Stage.PUBLISHED: N_("publisert"),
}


def render_tabs(
    plan: Plan,
    log: DecisionLog,
    chain_link: ChainHead | None = None,
    meetings: Mapping[str, str] | None = None,
    today: date | None = None,
) -> dict[str, list[list[str]]]:
    """Both tabs; `log` holds the decisions of the plan's events read so far, each dated by
    its meeting where the register has it (`meetings`, `ReadModels.meeting_days`), and
    `today` decides which adopted version is in force."""
    return {
        OVERVIEW_TAB: overview(plan, log.adopted, chain_link, today, log.closed),
        DECISIONS_TAB: log.dated(meetings or {}),
    }


def overview(
    plan: Plan,
    adopted: Mapping[int, date],
    chain_link: ChainHead | None = None,
    today: date | None = None,
    closed: Mapping[str, date] | None = None,
) -> list[list[str]]:
    """Status counts per area, the version in force on `today` and any adopted to come into
    force later (dated from `adopted`, each adopted version's day, `DecisionLog.adopted`),
    the audit chain's link at the plan's newest event, and the reporting round
    (`round_rows`: the open one and how to report, else the one closed last, dated from
    `closed`, `DecisionLog.closed`).

    The link is published here, outside the database, so an auditor can later run
    `planlogg audit verify --head HASH --position N` against what the sheet showed: the
    checksum alone in its row after its label, so it shows whole over the empty cells to
    its right (a column wide enough for it would widen the counts below), and the event it
    is the checksum to in the row below.
    """
    rows = [
        [_(PLAN_LABEL), plan.header.title],
        [_(STAGE_LABEL), _(STAGE_WORDS[plan.stage])],
        *version_rows(plan.header.adopted_version, adopted, today),
        [_("Periode"), period_words(plan.header.first_year, plan.header.last_year)],
    ]
    if chain_link is not None:
        rows += [
            [_("Kontrollsum (endringsloggen)"), chain_link.hash],
            [
                "",
                _("hendelse %(position)s", position=chain_link.position),
                _("lenket %(time)s norsk tid", time=format_oslo_time(chain_link.recorded_at))
                if chain_link.recorded_at
                else "",
            ],
        ]
    rows += round_rows(plan, closed or {})
    rows += [
        [],
        [_(AREA_LABEL), heading(TEXT), *(status_word(c) for c in Colour), _(NOT_REPORTED)],
    ]
    by_area: dict[str, Counter[str]] = {}
    for measure in plan.reporting_measures():
        colour = measure.status.colour.value if measure.status else ""
        by_area.setdefault(measure.area, Counter())[colour] += 1
    totals: Counter[str] = Counter()
    for number in sorted(plan.areas, key=int):
        counts = by_area.get(number, Counter())
        totals.update(counts)
        rows.append(
            [
                f"{number} {plan.areas[number].title}",
                Count(counts.total()),
                *(Count(counts[c.value]) for c in Colour),
                Count(counts[""]),
            ]
        )
    rows.append(
        [
            _("Sum"),
            Count(sum(totals.values())),
            *(Count(totals[c.value]) for c in Colour),
            Count(totals[""]),
        ]
    )
    return rows


ROUND_LABEL = N_("Rapporteringsrunde")
ROUND_OPEN = N_("%(round)s, åpen")
NO_ROUND_OPEN = N_("Ingen runde er åpen")
LAST_ROUND = N_("Siste runde")
ROUND_CLOSED = N_("%(round)s, lukket %(date)s")
ROUND_DEADLINE = N_("Frist for rapportering")
ROUND_DECISION = N_("Vedtak om runden")
HOW_TO_REPORT = N_("Slik rapporterer dere")
HOW_TO_REPORT_TEXT = N_(
    "Skriv grønn, gul eller rød i %(status)s og en kort kommentar i %(comment)s på raden til "
    "tiltaket. %(date)s er dagen statusen gjelder (tom: dagen for synkroniseringen)."
)
"""Oversikt's rows on the reporting round, after the checksum and before the counts: a
label in A, the text in B (which shows over the empty cells to its right)."""


def round_rows(plan: Plan, closed: Mapping[str, date]) -> list[list[str]]:
    """The open round: its name, deadline, decision, and how a body reports in the sheet
    (the Status, Statuskommentar and Statusdato columns, by the headers the målform spoken
    writes). With none open, that none is, and the round closed last with its day (from
    `closed`, each closed round's day in Norway; a round without one is named alone), its
    deadline and decision. A plan that never had a round says only that none is open."""
    round_id = plan.open_round_id()
    if round_id is not None:
        state = plan.rounds[round_id]
        return [
            [_(ROUND_LABEL), _(ROUND_OPEN, round=round_id)],
            [_(ROUND_DEADLINE), format_norwegian_date(state.deadline)],
            [_(ROUND_DECISION), state.decision],
            [
                _(HOW_TO_REPORT),
                _(
                    HOW_TO_REPORT_TEXT,
                    status=heading(STATUS),
                    comment=heading(COMMENT),
                    date=heading(STATUS_DATE),
                ),
            ],
        ]
    rows = [[_(ROUND_LABEL), _(NO_ROUND_OPEN)]]
    if plan.rounds:
        last = max(plan.rounds, key=round_order)
        state = plan.rounds[last]
        day = closed.get(last)
        rows += [
            [
                _(LAST_ROUND),
                _(ROUND_CLOSED, round=last, date=format_norwegian_date(day)) if day else last,
            ],
            [_(ROUND_DEADLINE), format_norwegian_date(state.deadline)],
            [_(ROUND_DECISION), state.decision],
        ]
    return rows


def version_rows(
    newest: int | None, adopted: Mapping[int, date], today: date | None
) -> list[list[str]]:
    """«Versjon i kraft», and a «Neste versjon» row for each version adopted at a meeting
    still to come, as the read models date them (`ReadModels.version_in_force`): a version
    is in force from its day, the latest by day and then number. Without `today`, or when
    the newest version's day is unknown or past, the newest is the one in force."""
    if newest is None:
        return [[_(IN_FORCE), _(NONE_ADOPTED)]]
    newest_day = adopted.get(newest)
    if today is None or newest_day is None or newest_day <= today:
        return [[_(IN_FORCE), _in_force(newest, adopted)]]
    begun = [(day, version) for version, day in adopted.items() if day <= today]
    current = max(begun)[1] if begun else None
    coming = sorted((day, version) for version, day in adopted.items() if day > today)
    return [
        [_(IN_FORCE), _in_force(current, adopted) if current else _(NONE_IN_FORCE)],
        *(
            [_(NEXT_VERSION), _(COMING_FROM, version=version, date=format_norwegian_date(day))]
            for day, version in coming
        ),
    ]


def _in_force(version: int, adopted: Mapping[int, date]) -> str:
    """An adopted version and the day it was adopted (its approvals' meeting)."""
    day = adopted.get(version)
    if day is None:  # its adoption is among events this log was not given
        return _("versjon %(version)s", version=version)
    return _(ADOPTED_ON, version=version, date=format_norwegian_date(day))


class DecisionLog:
    """Every decision the plan's history refers to, with the first thing it was used for:
    each once, written as decisions are registered ("sak 1/25" approved by PSU and "PSU sak
    1/25" cited by its approval are the one "PSU sak 01/25").

    Grown by the events since the last call, so a sync cycle reads only the plan's
    new events instead of its whole history. It keeps what each decision was used for
    by the event's kind, so `rows` speaks the målform of the moment it is read.
    """

    def __init__(self) -> None:
        self.cited: dict[str, list[tuple[str, str, str, str]]] = {}
        """Each decision's citations (as written, when, by what kind of event, for which
        version), by the decision in lower case, the first of each kind and version: the tab
        lists the first still standing, so a withdrawn approval's case is listed by what
        cited it next."""
        self.adopted: dict[int, date] = {}
        """Each adopted version's day: its latest approval's meeting, as the read models
        date a version in force; the day of the event adopting it when none has one."""
        self._approved: dict[int, dict[str, date]] = {}
        """Each version's approvals' meetings, by body, while they stand."""
        self.closed: dict[str, date] = {}
        """Each closed reporting round's day in Norway, by round (Oversikt's «Siste runde»)."""

    @property
    def found(self) -> list[tuple[str, str, str, str]]:
        """Each decision once, by its first citation still standing, in the order first cited."""
        return [citations[0] for citations in self.cited.values() if citations]

    @property
    def rows(self) -> list[list[str]]:
        """The tab: a header, then each decision with its date, use and version."""
        header = [_(word) for word in DECISION_HEADER]
        return [
            header,
            *(
                [reference, when, _(_EVENT_WORDS.get(kind, OTHER_DECISION)), version]
                for reference, when, kind, version in self.found
            ),
        ]

    @property
    def references(self) -> list[str]:
        """The decisions cited, each once, as the tab names them."""
        return [reference for reference, *_ in self.found]

    def dated(self, meetings: Mapping[str, str]) -> list[list[str]]:
        """`rows`, a registered decision dated by its meeting (`meetings`: ISO days by the
        reference in lower case), not by the event that cited it; a decision the register
        lacks keeps the event's date. The decisions are then sorted by those dates, oldest
        first, those of one day in the order the plan cited them: a decision cited later
        may have been made earlier («ASU sak 12/25», 13.03.2025, cited after «SSU sak
        11/24», 12.06.2025)."""
        header, *found = self.rows
        for row in found:
            day = meetings.get(row[0].lower())
            if day:
                row[1] = date.fromisoformat(day).strftime("%d.%m.%Y")
        found.sort(key=lambda row: datetime.strptime(row[1], "%d.%m.%Y"))
        return [header, *found]

    def add(self, events: Iterable[Any]) -> None:
        for event in events:
            self._note_adoption(event)
            if type(event).__name__ == "ReportingRoundClosed":
                self.closed[event.round_id] = in_oslo(event.timestamp).date()
            if type(event).__name__ == "ApprovalWithdrawn":
                self._forget_approval(event)
                continue
            by = getattr(event, "by", None)
            own = getattr(event, "case", "")
            # an approval's own case is its body's; a cited decision names its body, or none
            reference = (
                cited(own, getattr(event, "body", "")) if own else cited(by.decision if by else "")
            )
            if not reference:
                continue
            kind, version = type(event).__name__, str(getattr(event, "version", "") or "")
            citations = self.cited.setdefault(reference.casefold(), [])
            if any((k, v) == (kind, version) for _r, _w, k, v in citations):
                continue
            meeting = getattr(event, "meeting_date", None)
            when = meeting.strftime("%d.%m.%Y") if meeting else format_oslo_date(event.timestamp)
            citations.append((reference, when, kind, version))

    def _forget_approval(self, event: Any) -> None:
        """A withdrawn approval's case no longer cites its decision as approving the version
        (it was cited by mistake); the decision is listed by what cited it next, if anything
        did. Nor does the withdrawn approval's meeting date the version's adoption."""
        citations = self.cited.get(cited(event.case, event.body).casefold(), [])
        approving = ("VersionApproved", str(event.version))
        for at, (_reference, _when, kind, version) in enumerate(citations):
            if (kind, version) == approving:
                del citations[at]
                break
        self._approved.get(int(event.version), {}).pop(event.body, None)

    def _note_adoption(self, event: Any) -> None:
        """Remember the approvals' meetings of each version, and the day it was adopted."""
        kind = type(event).__name__
        if kind not in ("VersionApproved", "VersionAdopted"):
            return
        version = int(event.version)
        meetings = self._approved.setdefault(version, {})
        if kind == "VersionApproved" and event.meeting_date is not None:
            meetings[event.body] = event.meeting_date
        elif kind == "VersionAdopted":
            self.adopted[version] = (
                max(meetings.values(), default=None) or in_oslo(event.timestamp).date()
            )


def refuse_foreign_tabs(found: dict[str, list[list[str]]]) -> None:
    """Refuse a sheet that holds a tab of our titles which Planlogg did not write.

    "Vedtak" and "Oversikt" are ordinary names in a plan's workbook; Planlogg overwrites
    its tabs whenever they differ, so adopting someone's own would blank their rows.
    Asked before Planlogg has agreed anything with the sheet, and by a backend that marks
    its tabs (`sync.layout.TAB_MARKS`) of every tab of our title without the mark: a tab
    whose first rows with anything in them are not how Planlogg begins it (in either målform,
    `written_by_planlogg`) is someone else's, and the cycle stops before it writes anything.
    A marked tab is Planlogg's: what is typed there is overwritten, as the README says.
    """
    for title, rows in found.items():
        if not written_by_planlogg(title, rows):
            raise SyncRefused(_(FOREIGN_TAB, tab=title))


def written_by_planlogg(title: str, rows: list[list[str]]) -> bool:
    """Whether a tab titled `title` holding `rows` may be taken for Planlogg's own: it is
    empty, or its first rows with anything in them are how Planlogg begins that tab."""
    filled = list(islice(filter(None, map(_trimmed, rows)), 2))
    return not filled or _begins_as_planloggs(title, filled)


def _trimmed(row: list[str]) -> list[str]:
    cells = [str(cell).strip() for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _begins_as_planloggs(title: str, first: list[list[str]]) -> bool:
    """Oversikt opens with «Plan» and the plan's title alone on its first row, and «Stadium»
    and the stage alone on its next (so in every version of Planlogg, in both målformer):
    «Plan» is a common first header of people's own tables («Plan | Ansvar | Frist»), which
    Planlogg would blank, so the whole row is asked for, and the next when the backend read
    it. Vedtak opens with its header row exactly."""
    if title == OVERVIEW_TAB:
        shapes = ((PLAN_LABEL, first[0]), *((STAGE_LABEL, row) for row in first[1:2]))
        return all(
            len(row) == 2 and row[0] in in_every_målform(label).values() and row[1]
            for label, row in shapes
        )
    if title == DECISIONS_TAB:
        words = [in_every_målform(word) for word in DECISION_HEADER]
        return any(first[0] == [word[målform] for word in words] for målform in MÅLFORMER)
    return True


def pad(rows: list[list[str]], height: int, width: int) -> list[list[str]]:
    """A rectangle that also blanks what an older, longer rendering left behind."""
    return [
        (list(rows[i]) if i < len(rows) else [])
        + [""] * (width - (len(rows[i]) if i < len(rows) else 0))
        for i in range(height)
    ]


def same_table(first: list[list[str]], second: list[list[str]]) -> bool:
    def trimmed(rows: list[list[str]]) -> list[list[str]]:
        cut = [list(r) for r in rows]
        for row in cut:
            while row and not str(row[-1]).strip():
                row.pop()
        while cut and not cut[-1]:
            cut.pop()
        return cut

    return trimmed(first) == trimmed(second)

"""The documents a committee receives: the annual report and the adopted plan, as one model.

A report is a title page and an ordered tuple of sections. Each section is a
frozen dataclass with a `kind` (the name both renderers know it by) and a
`heading`; the PDF renderer draws a section with the template
`reports/_<kind>.html`, the Word renderer with the function registered for
that kind. A new section is one dataclass here (added to `Section` and
`SECTION_KINDS`), one step in `projections.annual_report`, one template and
one Word function; `EvaluationsSection` was added that way.

Everything is plain data, built by pure functions from the read models, so
the PDF and the Word file of one report say exactly the same thing.

A report speaks the målform spoken while it is made (`language.speaking`): its headings
and notes are worded when it is built, and the codes it keeps (a colour, an evaluation's
result, a report's source) are worded by the properties here when the renderers read them,
so build and render one report inside the same `speaking` block. The read models keep
codes; only the document words them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from domain.dates import format_norwegian_date
from domain.vocabulary import EvaluationResult, Recommendation, colour_word, source_word
from language import N_, _

COLOURS = ("green", "yellow", "red")

EVALUATION_LABELS = {
    "objective": N_("Målsetting"),
    "methods": N_("Metoder"),
    "start": N_("Start"),
    "end": N_("Slutt"),
    "data_sources": N_("Datakilder"),
    "reporting": N_("Rapportering"),
    "communication": N_("Kommunikasjon og tilbakemelding"),
}
"""The evaluation plan's parts as the seed names them ("Sånn gjør vi det i Helsefellesskapet")."""


@dataclass(frozen=True)
class TitlePage:
    document: str
    """What the document is: "Årsrapport 2024", "Vedtatt handlingsplan, versjon 1"."""
    plan_title: str
    plan_key: str
    community: str
    period: str
    made_on: date
    made_by: str
    """Who made it ("Utarbeidet av Planlogg"), in the målform of the document."""
    file_words: str
    """The file name's words after the plan key, the same in every målform: "arsrapport-2024"."""


# --- sections ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApprovalLine:
    body: str
    case: str
    meeting_date: date | None
    decision_text: str


@dataclass(frozen=True)
class AdoptedSection:
    kind: ClassVar[str] = "adopted"
    heading: str
    version: int | None
    in_force_from: date | None
    approvals: tuple[ApprovalLine, ...]
    replaced_on: date | None = None
    """When a later version took over (None: this version is still in force)."""


@dataclass(frozen=True)
class MeasureStatus:
    number: str
    text: str
    responsible: tuple[str, ...]
    colour: str | None
    comment: str
    reported_on: date | None

    @property
    def word(self) -> str:
        return colour_word(self.colour)

    def reported_when(self, year: int) -> str:
        """The day the standing status was reported ("" for none). One reported before the
        report's `year` says that year has none, lest a light of 2024 read as 2025's."""
        if self.reported_on is None:
            return ""
        day = format_norwegian_date(self.reported_on)
        if self.reported_on.year < year:
            return _("rapportert %(day)s, ikke i %(year)s", day=day, year=year)
        return day


@dataclass(frozen=True)
class AreaStatus:
    number: str
    title: str
    measures: tuple[MeasureStatus, ...]

    def count(self, colour: str | None) -> int:
        """How many measures show `colour` (None: how many have no report)."""
        if colour is None:
            return sum(1 for m in self.measures if m.colour not in COLOURS)
        return sum(1 for m in self.measures if m.colour == colour)


@dataclass(frozen=True)
class StatusSection:
    kind: ClassVar[str] = "status"
    heading: str
    as_of: date
    areas: tuple[AreaStatus, ...]


@dataclass(frozen=True)
class ReportLine:
    number: str
    """The measure's number in the version the report reads (as in its status section)."""
    colour: str
    comment: str
    reporter: str
    reported_on: date
    source: str
    reported_number: str = ""
    """The number the measure had when the status was reported ("": the same)."""
    in_force: bool = True
    """False for a measure the version the report reads does not have (added in the draft
    since, or removed): `number` is then the one it was reported under, which in that version
    may be another measure's."""

    @property
    def word(self) -> str:
        return colour_word(self.colour)

    @property
    def number_words(self) -> str:
        """The number, and the one it was reported under when a revision has renumbered it
        since: "1.2.1 (rapportert som 1.1.3)"; for a measure not in the version the report
        reads, the number it was reported under, said to be outside the plan in force so that
        it is not read as a report on the measure with that number there:
        "0.1.1 (ikke i planen som gjelder)"."""
        if not self.in_force:
            return _("%(number)s (ikke i planen som gjelder)", number=self.number)
        if self.reported_number and self.reported_number != self.number:
            return _(
                "%(number)s (rapportert som %(reported)s)",
                number=self.number,
                reported=self.reported_number,
            )
        return self.number

    @property
    def source_word(self) -> str:
        return source_word(self.source)


@dataclass(frozen=True)
class BodyReports:
    body: str
    reports: tuple[ReportLine, ...]


@dataclass(frozen=True)
class BodyReportsSection:
    kind: ClassVar[str] = "body_reports"
    heading: str
    bodies: tuple[BodyReports, ...]


@dataclass(frozen=True)
class LateBody:
    """A body that reported in a round, but after its deadline."""

    body: str
    complete_on: date
    """The day it had reported for every measure it answers for (for a body that answers for
    none: the day of the first report naming it in the round)."""


@dataclass(frozen=True)
class RoundOutcome:
    deadline: date
    decision: str
    bodies: tuple[str, ...]
    missing: tuple[str, ...]
    """The bodies that have not reported in the round (`has_reported`)."""
    closed: bool
    late: tuple[LateBody, ...] = ()
    """The bodies that reported in the round, but not all of it by the deadline."""

    @property
    def outcome(self) -> str:
        """That every body has reported, and whether within the deadline ("": some have not)."""
        if self.missing:
            return ""
        if self.late:
            return _("Alle organene har rapportert, men ikke alle innen fristen.")
        return _("Alle organene har rapportert.")


@dataclass(frozen=True)
class MissingSection:
    kind: ClassVar[str] = "missing"
    heading: str
    rounds: tuple[RoundOutcome, ...]


@dataclass(frozen=True)
class EvaluationPlanLine:
    number: str
    text: str
    parts: tuple[tuple[str, str], ...]
    """(label, value) in the order of `EVALUATION_LABELS`, empty parts left out."""


@dataclass(frozen=True)
class EvaluationPlanSection:
    kind: ClassVar[str] = "evaluation_plans"
    heading: str
    note: str
    """Which plans these are: as adopted, or as registered now."""
    measures: tuple[EvaluationPlanLine, ...]


@dataclass(frozen=True)
class EvaluationLine:
    """One measure's evaluation for the report's year, by the body that evaluated it."""

    number: str
    text: str
    body: str
    result: str
    """achieved, partly or not_achieved (`domain.vocabulary.EvaluationResult`)."""
    led_to: str
    recommendation: str
    """continue, change or end (`domain.vocabulary.Recommendation`)."""
    evaluated_on: date

    @property
    def result_word(self) -> str:
        return EvaluationResult(self.result).label

    @property
    def recommendation_word(self) -> str:
        return Recommendation(self.recommendation).label


@dataclass(frozen=True)
class EvaluationsSection:
    kind: ClassVar[str] = "evaluations"
    heading: str
    year: int
    measures: tuple[EvaluationLine, ...]


@dataclass(frozen=True)
class DecisionLine:
    body: str
    case: str
    meeting_date: date | None
    text: str


@dataclass(frozen=True)
class DecisionsSection:
    kind: ClassVar[str] = "decisions"
    heading: str
    decisions: tuple[DecisionLine, ...]


@dataclass(frozen=True)
class PlanMeasure:
    number: str
    text: str
    responsible: tuple[str, ...]
    marks: tuple[str, ...]
    """One mark per year of the plan period, "" where the year has none."""
    notes: tuple[str, ...]


@dataclass(frozen=True)
class PlanGoal:
    number: str
    text: str
    measures: tuple[PlanMeasure, ...]


@dataclass(frozen=True)
class PlanArea:
    number: str
    title: str
    goals: tuple[PlanGoal, ...]


@dataclass(frozen=True)
class PlanSection:
    kind: ClassVar[str] = "plan"
    heading: str
    years: tuple[int, ...]
    areas: tuple[PlanArea, ...]


@dataclass(frozen=True)
class ChainSection:
    kind: ClassVar[str] = "chain"
    heading: str
    position: int
    hash: str
    recorded_at: str | None


Section = (
    AdoptedSection
    | StatusSection
    | BodyReportsSection
    | MissingSection
    | EvaluationPlanSection
    | EvaluationsSection
    | DecisionsSection
    | PlanSection
    | ChainSection
)

SECTION_KINDS = tuple(
    kind.kind
    for kind in (
        AdoptedSection,
        StatusSection,
        BodyReportsSection,
        MissingSection,
        EvaluationPlanSection,
        EvaluationsSection,
        DecisionsSection,
        PlanSection,
        ChainSection,
    )
)
"""Every kind of section: each renderer must know all of them (a test holds them to it)."""


@dataclass(frozen=True)
class Report:
    """A whole document: its title page and its sections, in reading order."""

    title: TitlePage
    sections: tuple[Section, ...]

    @property
    def file_stem(self) -> str:
        """A file name without extension: "st-olavs-2022-2024-arsrapport-2024", the same for a
        download and for `planlogg report` (see `visible_name`)."""
        return visible_name(f"{self.title.plan_key}-{self.title.file_words}")


def visible_name(name: str) -> str:
    """A file name without Unicode's invisible formatting characters (category Cf): a plan key
    may hold one, and a direction override (U+202E) turned the rest of the name around, so that
    "plan\u202ecod.exe-….pdf" seemed to end in ".doc"."""
    return "".join(char for char in name if unicodedata.category(char) != "Cf")

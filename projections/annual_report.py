"""Build the annual report and the adopted-plan document from what the read models hold.

Pure functions: every input is handed in (the plan documents, the status
history, the rounds, the decisions, the chain's head), so a test builds a
report from literals and the renderers never query anything.

Which year something belongs to is decided by its own date, as the
committees read it: a report by its `reported_on`, a round by its deadline, a
decision by its meeting date, a version by the day it came into force.

The words are the målform spoken while a report is built (see `projections.report_model`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from domain.body_register import BodyRegister
from domain.dates import format_norwegian_date, period_words
from domain.decision import cited
from domain.errors import ValidationError
from domain.measure import MeasureState
from domain.numbering import number_sort_key
from language import _
from projections.documents import AreaDoc, ChainHead, PlanDocument
from projections.report_model import (
    EVALUATION_LABELS,
    AdoptedSection,
    ApprovalLine,
    AreaStatus,
    BodyReports,
    BodyReportsSection,
    ChainSection,
    DecisionLine,
    DecisionsSection,
    EvaluationLine,
    EvaluationPlanLine,
    EvaluationPlanSection,
    EvaluationsSection,
    LateBody,
    MeasureStatus,
    MissingSection,
    PlanArea,
    PlanGoal,
    PlanMeasure,
    PlanSection,
    Report,
    ReportLine,
    RoundOutcome,
    Section,
    StatusSection,
    TitlePage,
)
from projections.rows import Row
from projections.status_history import ReportedStatus


@dataclass(frozen=True)
class ReportInputs:
    """What the annual report of one plan and year is made from (see `ReadModels`)."""

    year: int
    made_on: date
    plan: PlanDocument
    """The plan as it stands (title, owner, period)."""
    in_force: PlanDocument | None
    """The adopted version in force at the end of the year (or today, in the current year)."""
    in_force_from: date | None
    community: str
    history: Sequence[ReportedStatus]
    rounds: Sequence[Row]
    decisions: Sequence[Row]
    approvals: Sequence[Row]
    """Approvals of versions (body, case, meeting date): a decision even when not registered."""
    head: ChainHead
    replaced_on: date | None = None
    """The day a later version took over from `in_force`, if one had by `made_on`: the report
    on a year is made after it, when the version of the year may be in force no more."""
    stood: PlanDocument | None = None
    """Without a version in force at the end of a year that has ended: the plan as it stood
    then (or, for a plan entered in Planlogg after the year, the first version to come in
    force), never a draft made since. None in the current year, which reads `plan`."""
    register: BodyRegister = field(default_factory=BodyRegister)
    """The community's bodies: ids, names and merged spellings count as one body."""
    measures_now: Mapping[str, MeasureState] = field(default_factory=dict)
    """Measures as registered now that `plan` does not show, by id: those removed from the
    draft since, which may still be in force and be evaluated for the year."""
    asked_in: Mapping[str, PlanDocument] = field(default_factory=dict)
    """By round id, the version in force at the round's deadline: the measures its bodies
    were asked to report on (a round before the first adoption has none here)."""

    @property
    def as_of(self) -> date:
        return min(date(self.year, 12, 31), self.made_on)

    @property
    def reported_on(self) -> PlanDocument:
        """The plan the report is on: the version in force at the year's end, else the plan
        as it stood then (`stood`), else (in the year under way, or for a plan never adopted
        that Planlogg got after the year) the working version."""
        return self.in_force or self.stood or self.plan


def build_annual_report(inputs: ReportInputs) -> Report:
    """The annual report: title page, then each section in the order a committee reads it.

    The title page and the status name the version in force, not the draft (which may be
    retitled, renumbered or reworded while the year is reported on); a year no version was
    in force at the end of, the plan as it stood then."""
    measures_from = inputs.reported_on
    check_report_year(inputs.year, measures_from, inputs.made_on)
    sections: list[Section] = [
        adopted_section(
            inputs.in_force, inputs.in_force_from, inputs.decisions, inputs.replaced_on
        ),
        _status(inputs, measures_from),
        _body_reports(inputs, measures_from),
        _missing(inputs, measures_from),
        evaluation_plan_section(
            _evaluated(inputs, measures_from),
            _(
                "Evalueringsplanene slik de er registrert per %(day)s, for tiltakene i den "
                "vedtatte versjonen.",
                day=format_norwegian_date(inputs.made_on),
            ),
        ),
        _evaluations(inputs, measures_from),
        _decisions(inputs),
        chain_section(inputs.head),
    ]
    return Report(
        title=TitlePage(
            document=_("Årsrapport %(year)s", year=inputs.year),
            plan_title=measures_from.title,
            plan_key=measures_from.key,
            community=inputs.community,
            period=period_words(measures_from.first_year, measures_from.last_year),
            made_on=inputs.made_on,
            made_by=_("Utarbeidet av Planlogg"),
            file_words=f"arsrapport-{inputs.year}",
        ),
        sections=tuple(sections),
    )


def build_adopted_plan(
    document: PlanDocument,
    in_force_from: date | None,
    community: str,
    decisions: Sequence[Row],
    head: ChainHead,
    made_on: date,
    register: BodyRegister | None = None,
    replaced_on: date | None = None,
) -> Report:
    """The adopted plan as a document: who adopted it, the plan itself, the chain's head.

    `register` names the bodies the measures keep by id (without it, as they are kept);
    `replaced_on` is the day a later version took over, for a version no longer in force.
    """
    named = register or BodyRegister()
    years = tuple(range(document.first_year, document.last_year + 1))
    return Report(
        title=TitlePage(
            document=_("Vedtatt handlingsplan, versjon %(version)s", version=document.version),
            plan_title=document.title,
            plan_key=document.key,
            community=community,
            period=period_words(document.first_year, document.last_year),
            made_on=made_on,
            made_by=_("Utarbeidet av Planlogg"),
            file_words=f"handlingsplan-versjon-{document.version}",
        ),
        sections=(
            adopted_section(document, in_force_from, decisions, replaced_on),
            PlanSection(
                heading=_("Handlingsplanen"),
                years=years,
                areas=tuple(_plan_area(area, years, named) for area in document.areas),
            ),
            evaluation_plan_section(
                document.measures(), _("Evalueringsplanene slik de ble vedtatt.")
            ),
            chain_section(head),
        ),
    )


def check_report_year(year: int, plan: PlanDocument, made_on: date) -> None:
    """Refuse a year `report_years` leaves out: `plan` is the plan the report on it is on
    (`ReportInputs.reported_on`)."""
    refused = _refusal(year, plan.first_year, plan.last_year, made_on)
    if refused:
        raise ValidationError(refused)


def report_years(periods: Mapping[int, tuple[int, int]], made_on: date) -> list[int]:
    """The years an annual report can be made for on `made_on`, newest first: of the years
    in `periods`, each with the period (first and last year) of the plan its report would be
    on, those of that period that have begun. The dashboard links these, and the report on
    any other is refused (`check_report_year`)."""
    return sorted(
        (
            year
            for year, (first, last) in periods.items()
            if not _refusal(year, first, last, made_on)
        ),
        reverse=True,
    )


def _refusal(year: int, first: int, last: int, made_on: date) -> str:
    """Why the report on `year` is not made ("" when it is): a year of the period of the
    plan it is on (the version in force at the year's end, not a draft moved to later
    years since) that has begun. A later year's report showed the status of the day it was
    made as that year's, an earlier one the measures of a plan that did not exist yet as not
    reported."""
    if not first <= year <= last:
        return _(
            "Det finnes ingen årsrapport for %(year)s: planperioden er %(period)s.",
            year=year,
            period=period_words(first, last),
        )
    if year > made_on.year:
        return _("Årsrapporten for %(year)s kan ikke lages før året er begynt.", year=year)
    return ""


# --- sections both documents have ----------------------------------------------------------


def adopted_section(
    document: PlanDocument | None,
    in_force_from: date | None,
    decisions: Sequence[Row],
    replaced_on: date | None = None,
) -> AdoptedSection:
    """The version (in force, or until `replaced_on`) and the decisions that adopted it."""
    if document is None:
        return AdoptedSection(_("Vedtatt versjon og vedtak"), None, None, ())
    return AdoptedSection(
        heading=_("Vedtatt versjon og vedtak"),
        version=document.version,
        in_force_from=in_force_from,
        approvals=tuple(
            ApprovalLine(
                body=a.body,
                case=cited(a.case, a.body),
                meeting_date=_day(a.meeting_date),
                decision_text=_decision_text(decisions, a.body, a.case),
            )
            for a in document.approvals
        ),
        replaced_on=replaced_on,
    )


def evaluation_plan_section(measures: Iterable[MeasureState], note: str) -> EvaluationPlanSection:
    """Each measure's evaluation plan (målsetting, metoder, tidsramme …), where it has one."""
    return EvaluationPlanSection(
        heading=_("Evalueringsplaner"),
        note=note,
        measures=tuple(
            EvaluationPlanLine(
                number=m.number,
                text=m.text,
                parts=tuple(
                    (_(label), m.evaluation[name])
                    for name, label in EVALUATION_LABELS.items()
                    if m.evaluation.get(name)
                ),
            )
            for m in measures
            if any(m.evaluation.values())
        ),
    )


def chain_section(head: ChainHead) -> ChainSection:
    return ChainSection(
        heading=_("Kontrollsum for endringsloggen"),
        position=head.position,
        hash=head.hash,
        recorded_at=head.recorded_at,
    )


# --- the annual report's own sections --------------------------------------------------------


def _evaluated(inputs: ReportInputs, adopted: PlanDocument) -> list[MeasureState]:
    """The adopted measures, by their adopted number and text, with their evaluation plans and
    evaluations as registered now: the follow-up of the version in force is set while a
    revision is drafted, and the draft's numbers and words are not the version's."""
    now = {**inputs.measures_now, **{m.id: m for m in inputs.plan.measures()}}
    return [
        replace(m, evaluation=now[m.id].evaluation, evaluations=now[m.id].evaluations)
        if m.id in now
        else m
        for m in adopted.measures()
    ]


def _evaluations(inputs: ReportInputs, adopted: PlanDocument) -> EvaluationsSection:
    """Each measure a body evaluated for the year: the adopted measures as registered now, any
    measure the plan has gained since, and any an adoption in the year left out (it was in
    force until then, `Plan.left_force`), in the order of their numbers."""
    adopted_ids = {m.id for m in adopted.measures()}
    gained = [m for m in inputs.plan.measures() if m.id not in adopted_ids]
    shown = adopted_ids | {m.id for m in gained}
    left_out = [m for mid, m in inputs.measures_now.items() if mid not in shown]
    measures = _evaluated(inputs, adopted) + gained + left_out
    lines = [
        EvaluationLine(
            number=m.number,
            text=m.text,
            body=inputs.register.label(e.body),
            result=e.result.value,
            led_to=e.led_to,
            recommendation=e.recommendation.value,
            evaluated_on=e.evaluated_on,
        )
        for m in measures
        if (e := m.evaluations.get(inputs.year)) is not None
    ]
    return EvaluationsSection(
        heading=_("Evalueringer %(year)s", year=inputs.year),
        year=inputs.year,
        measures=tuple(sorted(lines, key=lambda line: number_sort_key(line.number))),
    )


def _status(inputs: ReportInputs, document: PlanDocument) -> StatusSection:
    """Each area's measures with the status standing on the report's day: of the reports
    dated on or before it, the last recorded. A report typed in later with an earlier date
    (a paper report) replaces the one before it, as it does in the plan and on the
    dashboard."""
    latest: dict[str, ReportedStatus] = {}
    for report in inputs.history:
        if report.reported_on <= inputs.as_of:
            previous = latest.get(report.measure_id)
            if previous is None or report.recorded_at >= previous.recorded_at:
                latest[report.measure_id] = report
    return StatusSection(
        heading=_("Status per innsatsområde"),
        as_of=inputs.as_of,
        areas=tuple(
            AreaStatus(
                number=area.number,
                title=area.title,
                measures=tuple(
                    _measure_status(m, latest.get(m.id), inputs.register)
                    for g in area.goals
                    for m in g.measures
                ),
            )
            for area in document.areas
        ),
    )


def _measure_status(
    measure: MeasureState, report: ReportedStatus | None, register: BodyRegister
) -> MeasureStatus:
    return MeasureStatus(
        number=measure.number,
        text=measure.text,
        responsible=_names(measure.responsible, register),
        colour=report.colour if report else None,
        comment=report.comment if report else "",
        reported_on=report.reported_on if report else None,
    )


def _body_reports(inputs: ReportInputs, document: PlanDocument) -> BodyReportsSection:
    """The year's reports under each body they speak for, body by body, each measure by its
    number in `document` (the version the status section reads) with the number it was
    reported under beside it where a revision has renumbered it. A measure `document` does not
    have (added in the draft since, or removed) keeps the number it was reported under, marked
    as outside the plan in force: that number may be another measure's in `document`."""
    numbers = {m.id: m.number for m in document.measures()}
    elsewhere = {
        **{m.id: m.number for m in inputs.measures_now.values()},
        **{m.id: m.number for m in inputs.plan.measures()},
    }

    def as_line(r: ReportedStatus) -> ReportLine:
        in_force = r.measure_id in numbers
        return ReportLine(
            number=(
                numbers[r.measure_id] if in_force else r.number or elsewhere.get(r.measure_id, "")
            ),
            colour=r.colour,
            comment=r.comment,
            reporter=r.reporter,
            reported_on=r.reported_on,
            source=r.source,
            reported_number=r.number,
            in_force=in_force,
        )

    by_body: dict[str, list[ReportedStatus]] = {}
    for report in inputs.history:
        if report.reported_on.year == inputs.year:
            # Each body once (`distinct`): after a merge, two of a report's bodies may be one
            # body now, and the report would be listed twice under it.
            for body in inputs.register.distinct(report.bodies()) or (_("Uten ansvarlig organ"),):
                by_body.setdefault(inputs.register.label(body), []).append(report)
    return BodyReportsSection(
        heading=_("Rapportert av organene i %(year)s", year=inputs.year),
        bodies=tuple(
            BodyReports(
                body=body,
                reports=tuple(
                    sorted(
                        (as_line(r) for r in reports),
                        key=lambda line: (number_sort_key(line.number), line.reported_on),
                    )
                ),
            )
            for body, reports in sorted(by_body.items(), key=lambda item: alphabetical(item[0]))
        ),
    )


_LAST_LETTERS = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})
"""Æ, Ø and Å after Z, as the Norwegian alphabet has them (Ä and Ö with Æ and Ø)."""


def alphabetical(name: str) -> tuple[str, str]:
    """A name's place in Norwegian alphabetical order, capitals with small letters: by code
    point, Å came before Æ and Ø, and every small letter after Z."""
    return name.casefold().translate(_LAST_LETTERS), name


def _in_order(names: Iterable[str]) -> tuple[str, ...]:
    """A round's bodies as the report lists them: in Norwegian alphabetical order, not in the
    order the round named them."""
    return tuple(sorted(names, key=alphabetical))


def _missing(inputs: ReportInputs, document: PlanDocument) -> MissingSection:
    """For each round whose deadline falls in the year: the bodies that did not report, and
    those that reported after the deadline, each with the day it had reported in full; each
    judged by the measures of the version in force at the round's deadline (a version
    adopted later asks nothing of an earlier round)."""
    rounds = sorted((r for r in inputs.rounds if _deadline(r).year == inputs.year), key=_deadline)

    def outcome(r: Row) -> RoundOutcome:
        measures = inputs.asked_in.get(r["round_id"], document).measures()
        bodies = inputs.register.distinct(r["bodies"])
        complete = {
            body: completed_on(body, r["round_id"], measures, inputs.history, inputs.register)
            for body in bodies
        }
        label = inputs.register.label
        late = {label(b): day for b, day in complete.items() if day and day > _deadline(r)}
        return RoundOutcome(
            deadline=_deadline(r),
            decision=r["decision"] or "",
            bodies=_in_order(label(b) for b in bodies),
            missing=_in_order(label(b) for b, day in complete.items() if day is None),
            closed=bool(r["closed"]),
            late=tuple(LateBody(body, late[body]) for body in _in_order(late)),
        )

    return MissingSection(
        heading=_("Organer som ikke har rapportert"),
        rounds=tuple(outcome(r) for r in rounds),
    )


def has_reported(
    body: str,
    round_id: str,
    measures: Iterable[MeasureState],
    history: Sequence[ReportedStatus],
    register: BodyRegister,
) -> bool:
    """A body has reported in a round when each measure it answers for has a report in it.

    The same rule as the dashboard's, by body identity (id or merged spelling); a
    body that answers for no measure has reported when a report in the round names it.
    """
    return completed_on(body, round_id, measures, history, register) is not None


def completed_on(
    body: str,
    round_id: str,
    measures: Iterable[MeasureState],
    history: Sequence[ReportedStatus],
    register: BodyRegister,
) -> date | None:
    """The day a body had reported in a round (`has_reported`), by the reports' own days:
    the day the last of the measures it answers for got its first report in the round; for a
    body that answers for no measure, the day of the first report in the round naming it.
    None while it has not reported."""
    wanted = register.identity(body)
    in_round = [r for r in history if r.round_id == round_id]
    first: dict[str, date] = {}
    for r in in_round:
        first[r.measure_id] = min(first.get(r.measure_id, r.reported_on), r.reported_on)
    own = [m for m in measures if wanted in {register.identity(b) for b in m.responsible}]
    if own:
        if any(m.id not in first for m in own):
            return None
        return max(first[m.id] for m in own)
    named = [r.reported_on for r in in_round if r.body and register.identity(r.body) == wanted]
    return min(named, default=None)


def _decisions(inputs: ReportInputs) -> DecisionsSection:
    """The registered decisions with a meeting in the year, and the approvals of versions in
    it that cite a case no registered decision has.

    Cases are compared as a cited decision is written (`cited`), as the adopted section
    compares them: an approval "sak 7/24" by ASU is the decision registered "ASU sak 07/24"."""
    lines = [
        DecisionLine(d["body"], d["case_ref"], _day(d["meeting_date"]), d["text"])
        for d in inputs.decisions
    ]
    known = {cited(line.case, line.body).casefold() for line in lines}
    lines += [
        DecisionLine(
            a["body"],
            a["case_ref"],
            _day(a["meeting_date"]),
            _(
                "%(body)s godkjente versjon %(version)s av planen.",
                body=a["body"],
                version=a["version"],
            ),
        )
        for a in inputs.approvals
        if cited(a["case_ref"], a["body"]).casefold() not in known
    ]
    return DecisionsSection(
        heading=_("Vedtak i %(year)s", year=inputs.year),
        decisions=tuple(
            sorted(
                (d for d in lines if d.meeting_date and d.meeting_date.year == inputs.year),
                key=lambda d: (d.meeting_date or date.min, d.case),
            )
        ),
    )


# --- the adopted plan -----------------------------------------------------------------------


def _plan_area(area: AreaDoc, years: tuple[int, ...], register: BodyRegister) -> PlanArea:
    return PlanArea(
        number=area.number,
        title=area.title,
        goals=tuple(
            PlanGoal(
                number=g.number,
                text=g.text,
                measures=tuple(_plan_measure(m, years, register) for m in g.measures),
            )
            for g in area.goals
        ),
    )


def _plan_measure(
    measure: MeasureState, years: tuple[int, ...], register: BodyRegister
) -> PlanMeasure:
    notes = []
    if measure.see_also:
        notes.append(_("Se også %(numbers)s", numbers=", ".join(measure.see_also)))
    if measure.references:
        notes.append(_("Ref. %(references)s", references=", ".join(measure.references)))
    if measure.timeframe_note:
        notes.append(measure.timeframe_note)
    return PlanMeasure(
        number=measure.number,
        text=measure.text,
        responsible=_names(measure.responsible, register),
        marks=tuple(_mark(measure.marks, year) for year in years),
        notes=tuple(notes),
    )


def _names(bodies: Iterable[str], register: BodyRegister) -> tuple[str, ...]:
    """Bodies as people read them, each once: a measure keeps a registered body by its id,
    and two of its bodies merged since are one body (`distinct`), not one name twice."""
    return tuple(register.label(body) for body in register.distinct(bodies))


def _mark(marks: Mapping[int, str], year: int) -> str:
    return marks.get(year, "")


def _decision_text(decisions: Sequence[Row], body: str, case: str) -> str:
    """The registered text of the decision an approval cites (same case, same body first).

    Both are compared as a cited decision is written (`cited`), the letters' case aside: an
    approval given as "sak 7/25" or "asu sak 7/25" by ASU cites the decision registered as
    "ASU sak 07/25". One the register
    does not hold says so: a blank cell reads as a decision without words."""
    wanted = cited(case, body).casefold()
    same_case = [
        d for d in decisions if cited(str(d["case_ref"]), str(d["body"])).casefold() == wanted
    ]
    exact = [d for d in same_case if d["body"] == body]
    found = exact or same_case
    return str(found[0]["text"]) if found else _("Vedtaksteksten er ikke registrert.")


def _deadline(round_row: Row) -> date:
    return date.fromisoformat(str(round_row["deadline"])[:10])


def _day(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None

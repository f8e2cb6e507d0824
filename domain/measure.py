"""A measure's state, the one place its fields are declared, and the one way it changes.

`MeasureState` is frozen and typed. `evolve(state, change)` is the only
function that turns a measure event into a new state: the `Plan` aggregate
calls it from its `@event` methods, and the read models call it when they
project the same events, so both always hold the same measure.

Each field's metadata (`declared(...)`) says what the rest of Planlogg needs
to know about it: whether the public sees it, whether it is plan content
(compared between adopted versions), how the audit trail words a change, and
how people write it (its label and text form, used by the sheet and by the
web's form for editing a measure, `domain.measure_form`). The API
schema, the documents, the version diff, the audit rows and the sheet's
columns are all derived from that one declaration (`domain.measure_fields`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.audit_words import (
    AuditForm,
    conflict_changes,
    evaluation_parts,
    evaluation_results,
    goal_and_area,
    one_row,
    smart_parts,
    status_parts,
)
from domain.change import Change
from domain.errors import NotFoundError
from domain.frozen import built, evolved, member
from domain.measure_sheet import (
    EVALUATION_FORM,
    GOAL_FORM,
    GROUPS_FORM,
    MARKS_FORM,
    NUMBER_FORM,
    REFERENCES_FORM,
    RESPONSIBLE_FORM,
    SEE_ALSO_FORM,
    SMART_FORM,
    STATUS_FORM,
    TEXT_FORM,
    TOPICS_FORM,
    SheetForm,
)
from domain.vocabulary import Colour, EvaluationResult, PatientGroup, Recommendation
from language import N_, _

EVALUATION_FIELDS = (
    "objective",
    "methods",
    "start",
    "end",
    "data_sources",
    "reporting",
    "communication",
)
"""The evaluation plan ("Sånn gjer vi det i Helsefellesskapet"): målsetting, metodar,
tidsramme (start/slutt), datakjelder, rapportering, kommunikasjon og tilbakemelding."""

SPEC = "planlogg"
"""The metadata key under which a field's declaration is kept."""


@dataclass(frozen=True)
class Part:
    """What a part of a composite field (the status light's colour, its reporter) means."""

    public: bool = True
    description: str = ""


def part(default: Any = dataclasses.MISSING, *, public: bool = True, description: str = "") -> Any:
    """A field of a value inside a measure's field, with whether the public sees it."""
    return field(default=default, metadata={SPEC: Part(public, description)})


@dataclass(frozen=True)
class StatusReport:
    """The latest traffic light of a measure, with who reported it, when and for which body."""

    colour: Colour = part(description=N_("green, yellow eller red"))
    comment: str = part()
    reporter: str = part(public=False)
    reported_on: date = part(description=N_("Dato (ÅÅÅÅ-MM-DD)."))
    body: str = part("", public=False)
    round_id: str = part("", public=False)


@dataclass(frozen=True)
class YearEvaluation:
    """A body's evaluation of a measure for one year of the evaluation period.

    The Møre og Romsdal model: was the measure achieved, what did it lead to,
    and should it be continued, changed or ended. The latest evaluation of a
    year stands; earlier ones stay in the audit trail.
    """

    year: int = part(description=N_("Året evalueringen gjelder."))
    result: EvaluationResult = part(description=N_("achieved, partly eller not_achieved"))
    led_to: str = part(description=N_("Hva tiltaket førte til."))
    recommendation: Recommendation = part(description=N_("continue, change eller end"))
    body: str = part(description=N_("Organet som evaluerte."))
    evaluated_on: date = part(description=N_("Dato (ÅÅÅÅ-MM-DD)."))
    evaluator: str = part("", public=False)


@dataclass(frozen=True)
class Smart:
    """The measurable and time-bound parts of a SMART measure."""

    indicator: str = ""
    target: str = ""
    deadline: date | None = None


@dataclass(frozen=True)
class Conflict:
    """An edit that lost a two-sided clash: the sheet's text kept beside the stored one."""

    id: str
    field: str
    kept: str
    lost: str
    by: str


@dataclass(frozen=True)
class Declared:
    """What one field of a measure means to the rest of Planlogg (see `declared`)."""

    public: bool = False
    documented: bool = True
    content: bool = True
    audit: AuditForm | None = one_row
    on_add: bool = True
    derived: bool = False
    description: str = ""
    sheet: SheetForm | None = None


def declared(
    default: Any = dataclasses.MISSING,
    *,
    factory: Callable[[], Any] | None = None,
    public: bool = False,
    documented: bool = True,
    content: bool = True,
    audit: AuditForm | None = one_row,
    on_add: bool = True,
    derived: bool = False,
    description: str = "",
    sheet: SheetForm | None = None,
) -> Any:
    """A `MeasureState` field with its declaration.

    - `public`: shown on the public page and the public API; `documented`: part of a
      plan document at all (documents list active measures only, so not `removed`);
    - `content`: part of what a committee adopts, so compared between adopted versions
      (status reports and conflicts are progress, not content);
    - `audit`: how a change is worded in the audit trail (None: not recorded), and `on_add`
      whether the value is recorded when the measure is added;
    - `derived`: follows from another field (the goal from the number): recorded when it
      changes, but neither when the measure is added nor compared between versions;
    - `description`: what the API documentation says about it;
    - `sheet`: the columns people read and write it in (in the sheet and the web's form),
      and the command an edit becomes.
    """
    meta = {
        SPEC: Declared(public, documented, content, audit, on_add and not derived, derived,
                       description, sheet)
    }  # fmt: skip
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


FIRST_REVISION = 1
"""A new measure's revision; every content change moves it on by one."""


@dataclass(frozen=True)
class MeasureState:
    """One measure (tiltak) as it stands after its events."""

    id: str = declared(
        public=True, content=False, audit=None, description=N_("Stabil ID (T001 …).")
    )
    number: str = declared(
        public=True, description=N_('Nummeret, f.eks. "2.1.2A".'), sheet=NUMBER_FORM
    )
    goal: str = declared(
        derived=True,
        audit=goal_and_area,
        description=N_("Målet tiltaket hører til."),
        sheet=GOAL_FORM,
    )
    text: str = declared(
        public=True, description=N_("Tiltaksteksten (enkel markering)."), sheet=TEXT_FORM
    )
    responsible: tuple[str, ...] = declared(
        (), public=True, description=N_("Ansvarlige organer."), sheet=RESPONSIBLE_FORM
    )
    marks: Mapping[int, str] = declared(
        factory=dict,
        public=True,
        description=N_('Årsmerkene slik de er skrevet, f.eks. "x høst".'),
        sheet=MARKS_FORM,
    )
    timeframe_note: str = declared("", public=True, description=N_("Tidsramme i fritekst."))
    see_also: tuple[str, ...] = declared(
        (), public=True, description=N_("Se også (andre tiltak)."), sheet=SEE_ALSO_FORM
    )
    references: tuple[str, ...] = declared(
        (), public=True, description=N_("Ref. (samme tiltak)."), sheet=REFERENCES_FORM
    )
    smart: Smart = declared(
        factory=Smart,
        audit=smart_parts,
        description=N_("SMART: indikator, målverdi, frist."),
        sheet=SMART_FORM,
    )
    evaluation: Mapping[str, str] = declared(
        factory=dict,
        public=True,
        audit=evaluation_parts,
        description=N_("Evalueringsplanen."),
        sheet=EVALUATION_FORM,
    )
    evaluations: Mapping[int, YearEvaluation] = declared(
        factory=dict,
        public=True,
        content=False,
        audit=evaluation_results,
        description=N_("Evalueringene, per år i evalueringsperioden."),
    )
    patient_groups: tuple[PatientGroup, ...] = declared(
        (), description=N_("Pasientgrupper."), sheet=GROUPS_FORM
    )
    topics: tuple[int, ...] = declared(
        (), description=N_("Tema i § 6-2 (1–13)."), sheet=TOPICS_FORM
    )
    status: StatusReport | None = declared(
        None,
        public=True,
        content=False,
        audit=status_parts,
        description=N_("Siste statusrapport."),
        sheet=STATUS_FORM,
    )
    removed: bool = declared(False, documented=False, content=False, on_add=False)
    revision: int = declared(
        FIRST_REVISION, content=False, audit=None, description=N_("Endringsnummer.")
    )
    conflicts: tuple[Conflict, ...] = declared(
        (),
        content=False,
        audit=conflict_changes,
        description=N_("Åpne konflikter fra regnearket."),
    )

    @property
    def area(self) -> str:
        return area_of(self.goal)

    def smart_gaps(self) -> tuple[str, ...]:
        """Which SMART criteria the measure misses, in the words the committees use.

        In practice a SMART measure has a clear responsible body, a measurable
        indicator or target, and a deadline.
        """
        gaps = []
        if not self.responsible:
            gaps.append("ansvar")
        if not (self.smart.indicator or self.smart.target):
            gaps.append("målbart")
        if self.smart.deadline is None:
            gaps.append("tidsbestemt")
        return tuple(gaps)


def area_of(goal: str) -> str:
    return goal.partition(".")[0]


MEASURE_EVENTS = frozenset(
    {
        "MeasureAdded",
        "MeasureReworded",
        "MeasureRenumbered",
        "MeasureRemoved",
        "MeasureRestored",
        "ResponsibleAssigned",
        "TimeframeSet",
        "MeasureLinked",
        "SmartCriteriaSet",
        "EvaluationPlanSet",
        "MeasureEvaluated",
        "MeasureTagged",
        "StatusReported",
        "EditConflictRecorded",
        "EditConflictResolved",
    }
)
"""Every event that changes one measure; `evolve` knows each of them."""

PROGRESS_EVENTS = frozenset(
    {"StatusReported", "MeasureEvaluated", "EditConflictRecorded", "EditConflictResolved"}
)
"""Measure events that are not content: they leave the measure's revision as it was."""


def evolve(state: MeasureState | None, change: Change) -> MeasureState:
    """The measure after `change`: the one transition function of a measure's state."""
    facts = change.facts
    if change.name == "MeasureAdded":
        return _added(facts)
    if state is None:
        raise NotFoundError(_("Fant ikke tiltak med ID %(id)s.", id=change.measure_id))
    values = _new_values(state, change)
    if change.name not in PROGRESS_EVENTS:
        values["revision"] = state.revision + 1
    return evolved(state, **values)


def _added(facts: Mapping[str, Any]) -> MeasureState:
    return MeasureState(
        id=facts["measure_id"],
        number=facts["number"],
        goal=facts["goal"],
        text=facts["text"],
        responsible=tuple(facts["responsible"]),
        marks=_marks(facts["marks"]),
        timeframe_note=facts["timeframe_note"],
        see_also=tuple(facts["see_also"]),
        references=tuple(facts["references"]),
    )


def _new_values(state: MeasureState, change: Change) -> dict[str, Any]:
    """The fields an event sets, read from its facts."""
    facts = change.facts
    name = change.name
    if name == "MeasureReworded":
        return {"text": facts["text"]}
    if name == "MeasureRenumbered":
        return {"number": facts["number"], "goal": facts["goal"]}
    if name in ("MeasureRemoved", "MeasureRestored"):
        return {"removed": name == "MeasureRemoved"}
    if name == "ResponsibleAssigned":
        return {"responsible": tuple(facts["bodies"])}
    if name == "TimeframeSet":
        return {"marks": _marks(facts["marks"]), "timeframe_note": facts["note"]}
    if name == "MeasureLinked":
        return {"see_also": tuple(facts["see_also"]), "references": tuple(facts["references"])}
    if name == "SmartCriteriaSet":
        return {"smart": Smart(facts["indicator"], facts["target"], facts["deadline"])}
    if name == "EvaluationPlanSet":
        return {"evaluation": dict(facts["fields"])}
    if name == "MeasureEvaluated":
        evaluation = _evaluation(facts, change.actor)
        evaluations = {**state.evaluations, evaluation.year: evaluation}
        return {"evaluations": dict(sorted(evaluations.items()))}
    if name == "MeasureTagged":
        return {
            "patient_groups": tuple(member(PatientGroup, g) for g in facts["patient_groups"]),
            "topics": tuple(facts["topics"]),
        }
    if name == "StatusReported":
        return {"status": _status(facts, change.actor)}
    if name == "EditConflictRecorded":
        conflict = Conflict(
            facts["conflict_id"], facts["field"], facts["kept"], facts["lost"], change.actor
        )
        return {"conflicts": (*state.conflicts, conflict)}
    if name == "EditConflictResolved":
        return {"conflicts": tuple(c for c in state.conflicts if c.id != facts["conflict_id"])}
    raise ValueError(f"{name} is not a measure event")


def _status(facts: Mapping[str, Any], reporter: str) -> StatusReport:
    """The report an event states: made once per status report replayed (`built`)."""
    return built(
        StatusReport,
        {
            "colour": member(Colour, facts["colour"]),
            "comment": facts["comment"],
            "reporter": reporter,
            "reported_on": facts["reported_on"],
            "body": facts["body"],
            "round_id": facts["round_id"],
        },
    )


def _evaluation(facts: Mapping[str, Any], evaluator: str) -> YearEvaluation:
    return YearEvaluation(
        year=int(facts["year"]),
        result=member(EvaluationResult, facts["result"]),
        led_to=facts["led_to"],
        recommendation=member(Recommendation, facts["recommendation"]),
        body=facts["body"],
        evaluated_on=facts["evaluated_on"],
        evaluator=evaluator,
    )


def _marks(marks: Mapping[Any, str]) -> dict[int, str]:
    """Events carry years as text (JSON keys); the state keys them by year, in order."""
    return {int(year): raw for year, raw in sorted(marks.items(), key=lambda kv: int(kv[0]))}

"""Evaluating a measure in the browser: one year's result, what it led to, the recommendation.

The Møre og Romsdal model, as on the command line (`planlogg measure
evaluate`) and in the API: the words come from the domain's vocabularies, the
evaluation is the signed-in person's, from the web, under the decision it
names. A year already evaluated is evaluated again only when the form says so
(the "replace" box), so two people evaluating the same year never silently
overwrite each other. The form carries, hidden, each year's evaluation as it
showed it (`vist-evaluering-*`, a tag): one given by someone else since is not
replaced but named (409), with the form as typed, now against the evaluation
stored, so saving it again replaces that one knowingly. A refusal is shown at the field it
is about (and linked from the summary above the form), as on the measure form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for

from domain.dates import parse_norwegian_date
from domain.errors import AlreadyEvaluatedError, ConcurrentEditError, RuleError, ValidationError
from domain.measure import MeasureState, YearEvaluation
from domain.plan import Plan, evaluation_tag
from domain.provenance import Provenance, Source
from domain.text import BODY, COMMENT, checked
from domain.vocabulary import (
    RECOMMENDATION_LABELS,
    RESULT_LABELS,
    EvaluationResult,
    Recommendation,
    parse_evaluation_result,
    parse_recommendation,
)
from language import N_, _
from web.auth import Caller, require
from web.form_labels import REASON, FormLabels
from web.form_values import FieldReader, read_provenance, tell_of_unknown_bodies, whole_number
from web.roles import Permission
from web.services import services

bp = Blueprint("evaluation_form", __name__)

PAGE = "editing/evaluation_form.html"
SHOWN = "vist-evaluering-"
"""The hidden fields, one per year, that carry the evaluation the form showed."""
FORM = FormLabels(
    endpoint="evaluation_form.evaluate",
    fields={
        "year": N_("År"),
        "result": N_("Resultat"),
        "led_to": N_("Hva tiltaket førte til"),
        "recommendation": N_("Anbefaling"),
        "body": N_("Organet som evaluerer"),
        "evaluated_on": N_("Dato"),
        "decision": N_("Vedtak (valgfritt)"),
        "reason": REASON,
        "replace": N_("Erstatt en evaluering av samme år"),
    },
    worded={"result": RESULT_LABELS, "recommendation": RECOMMENDATION_LABELS},
)
"""Each field's label, in the form's order: on the form, and where the summary of refusals
and the refusal of a year already evaluated name it; the result and recommendation are
offered in their vocabularies' words."""


@dataclass(frozen=True)
class Typed:
    """What the evaluator filled in."""

    year: str
    result: str
    led_to: str
    recommendation: str
    body: str
    evaluated_on: str
    replace: str

    @classmethod
    def from_form(cls) -> Typed:
        return cls(*(request.form.get(name, "").strip() for name in cls.__dataclass_fields__))


def _evaluated(plan: Plan, measure_id: str) -> MeasureState:
    """The measure as its evaluation is for: as the version in force has it, when it is in it
    (a measure only the draft has is shown as drafted, and its save refused)."""
    if measure_id in (plan.in_force or {}):
        return plan.reporting_measure(measure_id)
    return plan.measure(measure_id)


@bp.get("/planer/<key>/tiltak/<measure_id>/evaluer")
def show(key: str, measure_id: str) -> str:
    require(Permission.EDIT)
    plan = services().app.get_plan(key)
    return _page(plan, _evaluated(plan, measure_id))


@bp.post("/planer/<key>/tiltak/<measure_id>/evaluer")
def evaluate(key: str, measure_id: str) -> Any:
    caller = require(Permission.EDIT)
    app = services().app
    typed = Typed.from_form()
    try:
        read = _Read(typed, caller)
        if read.problems:
            return _refused(key, measure_id, typed, read.problems, read.fields.status)
        app.evaluate_measure(
            key, measure_id, read.year, read.result, typed.led_to, read.recommendation,
            typed.body, read.by, evaluated_on=read.evaluated_on, replace=typed.replace == "1",
            seen=request.form.get(f"{SHOWN}{read.year}"), today=services().today(),
        )  # fmt: skip
    except ConcurrentEditError as error:
        plan = app.get_plan(key)
        if not read.stored_already(_evaluated(plan, measure_id)):
            return _page(plan, _evaluated(plan, measure_id), typed, refused=error.message), 409
    except RuleError as error:
        plan = app.get_plan(key)
        evaluated = _evaluated(plan, measure_id)
        if not (isinstance(error, AlreadyEvaluatedError) and read.stored_already(evaluated)):
            said = (
                _replace_asked(error) if isinstance(error, AlreadyEvaluatedError) else error.message
            )
            return _page(plan, evaluated, typed, refused=said, kept=True), 409
    except ValidationError as error:
        return _refused(key, measure_id, typed, {"year": error.message})
    services().read_models.read_your_writes()
    tell_of_unknown_bodies(key, [typed.body])
    return redirect(url_for("evaluation_form.show", key=key, measure_id=measure_id,
                            evaluert=str(read.year)), code=303)  # fmt: skip


class _Read:
    """The form's fields read, each refusal kept under its field's name (`problems`).

    `led_to` and `body` are checked here as the domain checks them (`Plan.evaluate_measure`,
    in its words), so a refusal of them is shown at their field; the domain refuses
    what is left of its checks, all about the year (outside the period, not begun)."""

    def __init__(self, typed: Typed, caller: Caller) -> None:
        fields = FieldReader()
        self.problems = fields.problems
        self.fields = fields
        self.year = fields.read("year", lambda: _year(typed), 0)
        self.result = fields.read(
            "result", lambda: parse_evaluation_result(typed.result), EvaluationResult.ACHIEVED
        )
        self.led_to = fields.read("led_to", lambda: checked(
            typed.led_to, FORM.fields["led_to"], max_length=COMMENT, lines=True,
            required=True,
        ), "")  # fmt: skip
        self.recommendation = fields.read(
            "recommendation",
            lambda: parse_recommendation(typed.recommendation),
            Recommendation.CONTINUE,
        )
        self.body = fields.read("body", lambda: checked(typed.body, N_("Organet"), max_length=BODY,
                                                        required=True), "")  # fmt: skip
        self.evaluated_on = fields.read("evaluated_on", lambda: (
            parse_norwegian_date(typed.evaluated_on) if typed.evaluated_on
            else services().today()
        ), date.min)  # fmt: skip
        self.by = read_provenance(fields, caller) or Provenance(caller.name, Source.WEB)

    def stored_already(self, measure: MeasureState) -> bool:
        """The year's evaluation stored is the one this form would store, by this evaluator:
        the form was sent twice (a double click, or again after a slow answer), and the first
        send saved it. It is then as saved, as a measure or status form sent twice is."""
        wanted = YearEvaluation(
            self.year, self.result, self.led_to, self.recommendation, self.body,
            self.evaluated_on, self.by.actor,
        )  # fmt: skip
        return measure.evaluations.get(self.year) == wanted


def _replace_asked(evaluated: AlreadyEvaluatedError) -> str:
    """The form's way to replace a year already evaluated: its box, in its own words."""
    return _(
        "Tiltak %(number)s er allerede evaluert for %(year)s. Kryss av for «%(replace)s» for å "
        "erstatte den.",
        number=evaluated.number,
        year=evaluated.year,
        replace=_(FORM.fields["replace"]),
    )


def _refused(
    key: str, measure_id: str, typed: Typed, problems: dict[str, str], status: int = 422
) -> tuple[str, int]:
    plan = services().app.get_plan(key)
    return _page(plan, _evaluated(plan, measure_id), typed, problems=problems, kept=True), status


def _year(typed: Typed) -> int:
    message = _("Skriv året evalueringen gjelder, f.eks. 2024.")
    year = whole_number(typed.year, message, max_digits=4)
    if year < 1000:
        raise ValidationError(message)
    return year


def _page(
    plan: Plan, measure: MeasureState, typed: Typed | None = None,
    problems: dict[str, str] | None = None, refused: str = "", kept: bool = False,
) -> str:  # fmt: skip
    """The form; `kept`, for a form refused for anything but someone else's evaluation: it
    carries back the evaluations the posted form showed, not the ones stored now, or the next
    save would replace one given meanwhile unseen."""
    return render_template(
        PAGE,
        plan=plan,
        measure=measure,
        years=list(plan.years),
        shown={year: _shown(measure, year, kept) for year in plan.years},
        shown_field=SHOWN,
        labels=FORM.fields,
        results=list(EvaluationResult),
        recommendations=list(Recommendation),
        typed=typed,
        problems=_summary(problems or {}),
        errors=problems or {},
        refused=refused,
        reason=request.form.get("reason", ""),
        decision=request.form.get("decision", ""),
        done=_evaluated_year(measure),
    )


def _summary(problems: dict[str, str]) -> list[tuple[str, str, str]]:
    """Each refused field's name, label and refusal, in the form's order."""
    return [
        (name, _(label), problems[name]) for name, label in FORM.fields.items() if name in problems
    ]


def _shown(measure: MeasureState, year: int, kept: bool) -> str:
    """The tag the form carries for a year's evaluation: the stored one's, or when `kept`
    the posted form's (the stored one's for a year that form had no tag for)."""
    stored = evaluation_tag(measure.evaluations.get(year))
    return request.form.get(f"{SHOWN}{year}", stored) if kept else stored


def _evaluated_year(measure: MeasureState) -> int | None:
    """The year the address says was just evaluated, when the measure has an evaluation of
    it: the notice tells of a stored evaluation, never of a year the address made up."""
    year = request.args.get("evaluert", "")
    return next((y for y in measure.evaluations if str(y) == year), None)

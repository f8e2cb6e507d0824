"""Evaluating a measure in the browser: one year's result, what it led to, the recommendation.

The Møre og Romsdal model, as on the command line (`planlogg measure
evaluate`) and in the API: the words come from the domain's vocabularies, the
evaluation is the signed-in person's, from the web, under the decision it
names. A year already evaluated is evaluated again only when the form says so
(the "replace" box), so two people evaluating the same year never silently
overwrite each other. The form carries, hidden, each year's evaluation as it
showed it (`vist-evaluering-*`, a tag): one given by someone else since is not
replaced but named (409), with the form as typed, now against the evaluation
stored, so saving it again replaces that one knowingly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for

from domain.dates import parse_norwegian_date
from domain.errors import ConcurrentEditError, RuleError, ValidationError
from domain.measure import MeasureState
from domain.plan import Plan, evaluation_tag
from domain.provenance import Provenance, Source
from domain.vocabulary import EvaluationResult, Recommendation
from language import _
from web.auth import require
from web.form_values import whole_number
from web.reading import cited_decision
from web.roles import Permission
from web.services import services

bp = Blueprint("evaluation_form", __name__)

PAGE = "editing/evaluation_form.html"
SHOWN = "vist-evaluering-"
"""The hidden fields, one per year, that carry the evaluation the form showed."""


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


@bp.get("/planer/<key>/tiltak/<measure_id>/evaluer")
def show(key: str, measure_id: str) -> str:
    require(Permission.EDIT)
    plan = services().app.get_plan(key)
    return _page(plan, plan.measure(measure_id))


@bp.post("/planer/<key>/tiltak/<measure_id>/evaluer")
def evaluate(key: str, measure_id: str) -> Any:
    caller = require(Permission.EDIT)
    app = services().app
    typed = Typed.from_form()
    try:
        year = _year(typed)
        by = Provenance(
            caller.name,
            Source.WEB,
            request.form.get("reason", "").strip(),
            cited_decision(request.form.get("decision", "")),
        )
        app.evaluate_measure(
            key, measure_id, year, typed.result, typed.led_to, typed.recommendation, typed.body,
            by, evaluated_on=parse_norwegian_date(typed.evaluated_on) if typed.evaluated_on
            else services().today(), replace=typed.replace == "1",
            seen=request.form.get(f"{SHOWN}{year}"),
        )  # fmt: skip
    except ConcurrentEditError as error:
        plan = app.get_plan(key)
        return _page(plan, plan.measure(measure_id), typed, refused=error.message), 409
    except RuleError as error:
        plan = app.get_plan(key)
        page = _page(plan, plan.measure(measure_id), typed, refused=error.message, kept=True)
        return page, 409
    except ValidationError as error:
        plan = app.get_plan(key)
        return _page(plan, plan.measure(measure_id), typed, error=error.message, kept=True), 422
    services().read_models.read_your_writes()
    return redirect(url_for("evaluation_form.show", key=key, measure_id=measure_id,
                            evaluert=str(year)), code=303)  # fmt: skip


def _year(typed: Typed) -> int:
    message = _("Skriv året evalueringen gjelder, f.eks. 2024.")
    year = whole_number(typed.year, message, max_digits=4)
    if year < 1000:
        raise ValidationError(message)
    return year


def _page(
    plan: Plan, measure: MeasureState, typed: Typed | None = None, error: str = "",
    refused: str = "", kept: bool = False,
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
        results=list(EvaluationResult),
        recommendations=list(Recommendation),
        typed=typed,
        error=error,
        refused=refused,
        reason=request.form.get("reason", ""),
        decision=request.form.get("decision", ""),
        done=_evaluated_year(measure),
    )


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

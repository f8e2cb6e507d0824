"""Steps for features/hearing_and_evaluation.feature."""

from __future__ import annotations

from datetime import date

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from domain.application import Planlogg
from domain.errors import RuleError
from domain.provenance import Provenance, Source
from projections import AuditQuery, ReadModels

scenarios("hearing_and_evaluation.feature")

SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Sakshandsaming")
POST = Provenance("Postmottak", Source.CLI, reason="Fråsegn registrert")


@pytest.fixture
def plan_key() -> str:
    return "mr-2024"


@pytest.fixture
def models(memory_app: Planlogg) -> ReadModels:
    return ReadModels.open(memory_app)


@given(parsers.parse('a draft plan "{key}" with measure "{number}" reading "{text}"'))
def draft_plan(memory_app: Planlogg, key: str, number: str, text: str) -> None:
    memory_app.create_plan(key, "Handlingsplan", "mr", 2023, 2025, SECRETARIAT)
    memory_app.add_area(key, "1", "Samhandling", SECRETARIAT)
    memory_app.add_goal(key, "1.1", "Betre overgangar", SECRETARIAT)
    memory_app.add_measure(key, number, text, SECRETARIAT, responsible=["SSU"])


@when(parsers.parse('the secretariat sends the draft on hearing to "{first}" and "{second}"'))
def send(memory_app: Planlogg, plan_key: str, first: str, second: str) -> None:
    memory_app.send_on_hearing(plan_key, date(2024, 3, 1), SECRETARIAT, asked=[first, second],
                               sent_on=date(2024, 2, 1))  # fmt: skip


@when(parsers.parse('"{who}" responds "{text}" with the attachment "{attachment}"'))
def respond_with_attachment(
    memory_app: Planlogg, plan_key: str, who: str, text: str, attachment: str
) -> None:
    memory_app.receive_hearing_response(plan_key, who, text, POST, received_on=date(2024, 2, 20),
                                        attachments=[attachment])  # fmt: skip


@when(parsers.parse('"{who}" responds "{text}"'))
def respond(memory_app: Planlogg, plan_key: str, who: str, text: str) -> None:
    memory_app.receive_hearing_response(plan_key, who, text, POST, received_on=date(2024, 2, 25))


@when(parsers.parse('the secretariat rewords measure "{number}" to "{text}"'))
def reword(memory_app: Planlogg, plan_key: str, number: str, text: str) -> None:
    memory_app.reword_measure(plan_key, number, text, SECRETARIAT)


@when(parsers.parse('the secretariat answers "{response}" with "{text}"'))
def answer(memory_app: Planlogg, plan_key: str, response: str, text: str) -> None:
    memory_app.answer_hearing_response(plan_key, response, text, SECRETARIAT,
                                       answered_on=date(2024, 3, 5))  # fmt: skip


@given(parsers.parse('"{body}" adopts the plan'))
@when(parsers.parse('"{body}" adopts the plan'))
def adopt(memory_app: Planlogg, plan_key: str, body: str) -> None:
    version = memory_app.submit(plan_key, [body], SECRETARIAT)
    memory_app.approve(plan_key, version, body, f"{body} sak 11/24", date(2024, 3, 13),
                       SECRETARIAT)  # fmt: skip


@then(parsers.parse('the auditor sees that "{first}" and "{second}" were asked'))
def asked(models: ReadModels, plan_key: str, first: str, second: str) -> None:
    models.catch_up()
    hearing = models.hearing(plan_key)
    assert hearing is not None and hearing.asked == (first, second)


def _response(models: ReadModels, plan_key: str, response_id: str) -> dict:
    models.catch_up()
    hearing = models.hearing(plan_key)
    assert hearing is not None
    (found,) = [r for r in hearing.responses if r["id"] == response_id]
    return found


@then(parsers.parse('the auditor sees response "{rid}" from "{who}" answered with "{text}"'))
def answered(models: ReadModels, plan_key: str, rid: str, who: str, text: str) -> None:
    response = _response(models, plan_key, rid)
    assert (response["respondent"], response["answer"]["text"]) == (who, text)
    assert response["answer"]["answered_by"] == "Sekretariatet"


@then(parsers.parse('the auditor sees response "{rid}" from "{who}" not answered'))
def not_answered(models: ReadModels, plan_key: str, rid: str, who: str) -> None:
    response = _response(models, plan_key, rid)
    assert (response["respondent"], response["answer"]) == (who, None)


@then(
    parsers.parse(
        'beside them measure "{number}" changed from the hearing draft to the adopted version'
    )
)
def changed_since_hearing(models: ReadModels, plan_key: str, number: str) -> None:
    diff = models.hearing_diff(plan_key, 1)
    assert diff.against == "adopted"
    assert [(c.number, c.field) for c in diff.changed] == [(number, "text")]
    assert diff.hearing is not None and len(diff.hearing.responses) == 2


@when(parsers.parse('"{body}" evaluates measure "{number}" for {year:d} as "{result}" leading to '
                    '"{led_to}" and recommends "{advice}"'))  # fmt: skip
def evaluate(memory_app: Planlogg, plan_key: str, body: str, number: str, year: int,
             result: str, led_to: str, advice: str) -> None:  # fmt: skip
    memory_app.evaluate_measure(plan_key, number, year, result, led_to, advice, body, SECRETARIAT,
                                evaluated_on=date(2024, 11, 1))  # fmt: skip


@then(parsers.parse('measure "{number}" shows for {year:d} "{result}", "{led_to}" and "{advice}" '
                    'by "{body}"'))  # fmt: skip
def shown(models: ReadModels, plan_key: str, number: str, year: int, result: str, led_to: str,
          advice: str, body: str) -> None:  # fmt: skip
    models.catch_up()
    document = models.current_plan(plan_key)
    assert document is not None
    measure = document.measure(number)
    assert measure is not None
    evaluation = measure.to_dict()["evaluations"][str(year)]
    assert (evaluation["result"], evaluation["led_to"], evaluation["recommendation"],
            evaluation["body"]) == (result, led_to, advice, body)  # fmt: skip


@then(parsers.parse('the audit history records the evaluation of "{number}" for {year:d} by '
                    '"{actor}"'))  # fmt: skip
def audited(models: ReadModels, plan_key: str, number: str, year: int, actor: str) -> None:
    rows = models.history(AuditQuery(plan=plan_key, field=f"evaluations_{year}")).rows
    assert [(r.measure_number, r.actor, r.event_type) for r in rows] == [
        (number, actor, "MeasureEvaluated")
    ]


@then(parsers.parse('evaluating measure "{number}" for {year:d} again is refused with "{words}"'))
def refused_again(memory_app: Planlogg, plan_key: str, number: str, year: int, words: str) -> None:
    with pytest.raises(RuleError, match=words):
        memory_app.evaluate_measure(plan_key, number, year, "oppnådd", "x", "avslutte", "SSU",
                                    SECRETARIAT, evaluated_on=date(2024, 12, 1))  # fmt: skip

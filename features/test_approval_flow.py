"""Steps for features/approval_flow.feature."""

from __future__ import annotations

from datetime import date

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from domain.application import Planlogg
from domain.errors import RuleError
from domain.provenance import Provenance, Source

scenarios("approval_flow.feature")

SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Sakshandsaming")


@pytest.fixture
def plan_key() -> str:
    return "hf-2025"


@given(parsers.parse('a draft plan "{key}" with measure "{number}" reading "{text}"'))
def draft_plan(memory_app: Planlogg, key: str, number: str, text: str) -> None:
    memory_app.create_plan(key, "Handlingsplan 2025", "hf", 2025, 2025, SECRETARIAT)
    memory_app.add_area(key, "1", "Pasientforløp", SECRETARIAT)
    memory_app.add_goal(key, "1.1", "Tidleg innsats", SECRETARIAT)
    memory_app.add_measure(key, number, text, SECRETARIAT)


@given(parsers.parse('the plan has been adopted by "{body}"'))
def adopted_plan(memory_app: Planlogg, plan_key: str, body: str) -> None:
    version = memory_app.submit(plan_key, [body], SECRETARIAT)
    memory_app.approve(plan_key, version, body, f"{body} sak 1/25", date(2025, 1, 9), SECRETARIAT)


@when(parsers.parse('the secretariat submits the plan for approval by "{first}" and "{second}"'))
def submit(memory_app: Planlogg, plan_key: str, first: str, second: str) -> None:
    memory_app.submit(plan_key, [first, second], SECRETARIAT)


@when(parsers.parse('"{body}" approves version {version:d} under "{case}"'))
def approve(memory_app: Planlogg, plan_key: str, body: str, version: int, case: str) -> None:
    memory_app.approve(plan_key, version, body, case, date(2025, 3, 1), SECRETARIAT)


@when(parsers.parse('someone rewords measure "{number}" to "{text}"'))
def reword(memory_app: Planlogg, plan_key: str, number: str, text: str) -> None:
    memory_app.reword_measure(plan_key, number, text, Provenance("Per", Source.WEB))


@when("the secretariat starts a revision")
def start_revision(memory_app: Planlogg, plan_key: str) -> None:
    memory_app.start_revision(plan_key, SECRETARIAT)


@then(parsers.parse('the plan is "{stage}"'))
def plan_stage(memory_app: Planlogg, plan_key: str, stage: str) -> None:
    assert memory_app.get_plan(plan_key).stage == stage


@then(parsers.parse("version {version:d} is in force"))
def version_in_force(memory_app: Planlogg, plan_key: str, version: int) -> None:
    assert memory_app.get_plan(plan_key).header.adopted_version == version


@then(parsers.parse('an approval by "{body}" of version {version:d} is refused with "{words}"'))
def approval_refused(
    memory_app: Planlogg, plan_key: str, body: str, version: int, words: str
) -> None:
    with pytest.raises(RuleError, match=words):
        memory_app.approve(plan_key, version, body, "sak 9/25", date(2025, 3, 1), SECRETARIAT)

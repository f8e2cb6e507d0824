"""An evaluation form refused for a bad date or an unregistered decision after someone else
replaced the year's evaluation, on SQLite and PostgreSQL: the page still carries the
evaluation its evaluator saw, so the corrected form is refused naming the new one rather
than replacing it unseen.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from tests.web.forms import filled
from tests.web.signed_in import person_with, signed_in
from tests.web.test_evaluation_form import KEY, evaluate, second_editor

TAG_2024 = re.compile(r'<input type="hidden" name="vist-evaluering-2024" value="([^"]*)">')
BY_SECOND = {"year": "2024", "result": "achieved", "led_to": "Alle kommunar.",
             "recommendation": "continue", "body": "ASU", "evaluated_on": "01.11.2024",
             "decision": "", "replace": "1"}  # fmt: skip
BY_FIRST = {**BY_SECOND, "result": "not_achieved", "led_to": "Ingen endring."}


@pytest.fixture
def evaluation_url(demo_on_database: tuple[Flask, Planlogg]) -> str:
    _, app = demo_on_database
    measure_id = app.get_plan(KEY).find_measure("1.3.1").id
    return f"/planer/{KEY}/tiltak/{measure_id}/evaluer"


def tag_2024(page: str) -> str:
    """The tag the page's form carries for 2024's evaluation (a page without one fails)."""
    [tag] = TAG_2024.findall(page)
    return str(tag)


@pytest.mark.parametrize(
    ("refusal", "status"),
    [({"evaluated_on": "32.13.2024"}, 422), ({"decision": "ASU sak 41/24"}, 409)],
    ids=["bad-date", "unregistered-decision"],
)
def test_a_refused_form_keeps_the_evaluation_it_showed_so_a_newer_one_is_not_replaced(
    demo_on_database: tuple[Flask, Planlogg],
    evaluation_url: str,
    refusal: dict[str, str],
    status: int,
) -> None:
    web, app = demo_on_database
    first = signed_in(web, person_with(app, Role.EDITOR))
    second = signed_in(web, second_editor(app))
    assert evaluate(first, evaluation_url).status_code == 303
    opened = first.get(evaluation_url).text
    seen = tag_2024(opened)
    replaced = evaluate(second, evaluation_url, **BY_SECOND)
    assert replaced.status_code == 303
    before = app.recorder.max_notification_id()
    refused = first.post(
        evaluation_url, data=filled(opened, {**BY_FIRST, **refusal}, evaluation_url)
    )
    assert refused.status_code == status
    assert tag_2024(refused.text) == seen
    again = first.post(evaluation_url, data=filled(refused.text, BY_FIRST, evaluation_url))
    assert again.status_code == 409
    assert app.recorder.max_notification_id() == before
    assert "ble evaluert for 2024 av Kari Nordmann (kari@helse.no) etter at du hentet" in (
        again.text
    )
    stored = app.get_plan(KEY).find_measure("1.3.1").evaluations[2024]
    assert (stored.led_to, stored.evaluator) == (
        "Alle kommunar.",
        "Kari Nordmann (kari@helse.no)",
    )

"""The measure form after the plan's period has moved on: a mark kept for a year now
outside the period does not block saving another year's mark, and is still there after."""

from __future__ import annotations

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.forms import filled
from tests.web.signed_in import person_with, signed_in

KEY = DEMO_PLAN


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def test_the_form_saves_a_mark_while_a_mark_outside_the_period_stays(site) -> None:
    web, app = site
    app.change_period(KEY, 2023, 2024, Provenance("Kari", Source.CLI))
    before = dict(app.get_plan(KEY).find_measure("0.1.2").marks)
    measure_id = app.get_plan(KEY).find_measure("0.1.2").id
    url = f"/planer/{KEY}/tiltak/{measure_id}/endre"
    client = signed_in(web, person_with(app, Role.EDITOR))
    shown = client.get(url)
    saved = client.post(url, data=filled(shown.text, {"2024": "x høst"}, url))
    assert saved.status_code == 303
    assert before[2022] == "x"
    assert dict(app.get_plan(KEY).find_measure("0.1.2").marks) == {**before, 2024: "x høst"}

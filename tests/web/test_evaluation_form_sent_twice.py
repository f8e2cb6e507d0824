"""An evaluation form sent twice (a double click, or sent again after a slow answer): the
first send saves it; the second finds the same evaluation stored and must be as saved, as
the measure and status forms treat a form sent twice. It was refused (409), saying the
evaluator's own evaluation was given "etter at du hentet evalueringene" and "Ingenting er
lagret", though it was."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from tests.web.forms import filled
from tests.web.signed_in import person_with, signed_in
from tests.web.test_evaluation_form import KEY

TYPED = {"year": "2024", "result": "partly", "led_to": "Tre kommunar har rutinen.",
         "recommendation": "change", "body": "Fagråd for legesamarbeid",
         "evaluated_on": "01.10.2024", "decision": ""}  # fmt: skip


def test_an_evaluation_form_sent_twice_is_as_saved(people_web: Flask, demo_app: Planlogg) -> None:
    measure = demo_app.get_plan(KEY).find_measure("1.3.1")
    url = f"/planer/{KEY}/tiltak/{measure.id}/evaluer"
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    form = filled(client.get(url).text, TYPED, url)

    first = client.post(url, data=form)
    assert first.status_code == 303
    second = client.post(url, data=form)

    assert "Ingenting er lagret" not in second.text
    assert second.status_code == 303
    stored = demo_app.get_plan(KEY).find_measure("1.3.1").evaluations[2024]
    assert stored.led_to == "Tre kommunar har rutinen."

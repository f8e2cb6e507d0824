"""A form whose only fault is a decision the register lacks is refused by a rule, 409, as
`web.reading.cited_decision` documents it and every form answers it (the measure edit form,
test_measure_editing; the area and goal forms, test_plan_outline_areas): the new measure
form and the removal page too, not 422 as for a value that cannot be read."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from tests.web.forms import filled
from tests.web.signed_in import person_with, signed_in

KEY = DEMO_PLAN
NEW = f"/planer/{KEY}/tiltak/nytt"
REMOVE = f"/planer/{KEY}/tiltak/T028/fjern"
UNREGISTERED = "ASU sak 99/25"


def test_a_new_measure_citing_only_an_unregistered_decision_is_refused_with_409(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    typed = {"text": "Felles rutine.", "responsible": "ASU", "decision": UNREGISTERED}
    refused = client.post(NEW, data=filled(client.get(f"{NEW}?goal=2.1").text, typed, NEW))
    assert refused.status_code == 409
    assert "Vedtaket «ASU sak 99/25» er ikke registrert." in refused.text


def test_a_removal_citing_only_an_unregistered_decision_is_refused_with_409(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    data = filled(client.get(REMOVE).text, {"decision": UNREGISTERED}, REMOVE)
    refused = client.post(REMOVE, data=data)
    assert refused.status_code == 409
    assert not demo_app.get_plan(KEY).measure("T028").removed

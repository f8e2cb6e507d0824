"""A status form for R1, saved after R1 was closed and R2 opened for the same body, is refused
(422) and given back as a form for R2: the row the reporter changed as typed, the rows left
untouched as R2 has them (4.1.2 without a light, not R1's «rød»). A light the given-back form
shows is one saving it keeps: after «Lagre status» the form for R2 shows the same lights."""

from __future__ import annotations

from datetime import date

from flask import Flask

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY
from tests.web.forms import form_fields
from tests.web.signed_in import reporter, signed_in

BODY = "Fagråd for digital samhandling"
BODY_ID = "fagrad-for-digital-samhandling"
PAGE = f"/planer/{KEY}/rapportere"
ACTION = f"{PAGE}?organ={BODY_ID}"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 4/24")


def test_a_light_the_form_given_back_for_the_new_round_shows_is_the_one_it_saves(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    plan = demo_app.get_plan(KEY)
    untouched, changed = plan.find_measure("4.1.2"), plan.find_measure("4.1.3")
    form = dict(form_fields(client.get(PAGE).get_data(as_text=True), ACTION))
    assert (form["runde"], form[f"status-{untouched.id}"]) == ("R1", "red")
    form |= {f"status-{changed.id}": "green", f"kommentar-{changed.id}": "I rute"}
    demo_app.close_reporting_round(KEY, SECRETARIAT)
    assert demo_app.open_reporting_round(KEY, date(2024, 11, 1), [BODY], SECRETARIAT) == "R2"
    refused = client.post(ACTION, data=form)
    assert refused.status_code == 422
    given_back = dict(form_fields(refused.get_data(as_text=True), ACTION))
    lights = ("runde", f"status-{untouched.id}", f"status-{changed.id}")

    assert tuple(given_back.get(name) for name in lights) == ("R2", None, "green")

    saved = client.post(ACTION, data=given_back)
    assert saved.status_code == 303
    fresh = dict(form_fields(client.get(saved.headers["Location"]).get_data(as_text=True), ACTION))
    assert tuple(fresh.get(name) for name in lights) == ("R2", None, "green")

"""A form refused for its CSRF token named the measures it was sent for by their numbers in
the working draft (`web.csrf._measure_number`), whoever sent it: anyone, signed in or not,
who posted `status-<measure ID>` to a plan's status form learned that the draft had the
measure and its number there. Measure IDs run T001, T002, …, so a visitor could list a
draft's measures that no public page shows. A caller who may not read the draft now gets
the numbers of the version in force only."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up

SECRET_NUMBER = "0.1.9"


def test_a_visitor_learns_no_draft_measure_from_a_refused_form(
    web: Flask, demo_app: Planlogg, client: FlaskClient
) -> None:
    by = Provenance("Sekretariatet", Source.CLI, reason="Nytt tiltak i utkastet")
    measure_id = demo_app.add_measure(KEY, SECRET_NUMBER, "Et tiltak bare utkastet har.", by)
    caught_up(web)
    public = client.get(f"/planer/{KEY}").get_data(as_text=True)
    assert f'id="tiltak-{SECRET_NUMBER}"' not in public  # the draft's measure is not public

    refused = client.post(f"/planer/{KEY}/rapportere", data={f"status-{measure_id}": "green"})

    assert refused.status_code == 400
    assert SECRET_NUMBER not in refused.get_data(as_text=True)

"""A form refused for its CSRF token named the measures it was sent for by their numbers in
the working draft (`web.csrf._shown_measures`), whoever sent it: anyone, signed in or not,
who posted `status-<measure ID>` to a plan's status form learned that the draft had the
measure and its number there. Measure IDs run T001, T002, …, so a visitor could list a
draft's measures that no public page shows. A caller who may not read the draft now gets
the numbers of the version in force only."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.plan import Plan
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


def test_a_refused_form_reads_its_plan_once_however_many_fields_it_sends(
    client: FlaskClient, demo_app: Planlogg, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each measure's field is labelled with the measure's number: that read the plan once
    per field, so one post by anyone, with no token, had the plan loaded a thousand times."""
    loads: list[str] = []
    get_plan = demo_app.get_plan

    def counted(key: str) -> Plan:
        loads.append(key)
        return get_plan(key)

    monkeypatch.setattr(demo_app, "get_plan", counted)
    page = f"/planer/{KEY}/rapportere"
    plan = get_plan(KEY)
    first, second = plan.find_measure("0.1.2").id, plan.find_measure("4.1.3").id
    form = {f"status-T{n:03d}": "red" for n in range(1, 101)}
    form |= {f"status-{first}": "green", f"kommentar-{second}": "Godt i gang"}
    assert client.post(page, data={f"status-{first}": "red"}).status_code == 400
    loads.clear()  # the plan's målform is read once and kept; the rest are the form's own

    refused = client.post(page, data=form)

    assert refused.status_code == 400
    assert loads == [KEY]
    text = refused.get_data(as_text=True)
    assert "Tiltak 0.1.2" in text and "Kommentar til 4.1.3" in text

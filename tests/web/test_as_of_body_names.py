"""The plan as of a day names each responsible body as people read it, as the working version,
the adopted versions and `planlogg show --as-of` do: a body assigned through the register is
stored by its id, and the auditors' page and the API showed "fagrad-for-legesamarbeid"."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.test_audit_pages import log_in

BY = Provenance("Sekretariatet", Source.CLI, reason="Nytt ansvar")
BODY = "Fagråd for legesamarbeid"
BODY_ID = "fagrad-for-legesamarbeid"


def test_the_plan_as_of_a_day_names_the_responsible_bodies(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens: dict[str, str], auth
) -> None:
    demo_app.assign_responsible(KEY, "0.4.1", [BODY], BY)
    caught_up(web)
    assert demo_app.get_plan(KEY).find_measure("0.4.1").responsible == (BODY_ID,)

    answer = client.get(f"/api/plans/{KEY}/as-of?at=2099-01-01T00:00:00", headers=auth("auditor"))
    assert answer.status_code == 200
    measure = next(
        m
        for area in answer.get_json()["areas"]
        for goal in area["goals"]
        for m in goal["measures"]
        if m["number"] == "0.4.1"
    )
    assert measure["responsible"] == [BODY]

    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/per-dato?dato=2099-01-01").get_data(as_text=True)
    row = page[page.index('id="tiltak-0.4.1"') :].split("</tr>", 1)[0]
    assert BODY in row and BODY_ID not in row

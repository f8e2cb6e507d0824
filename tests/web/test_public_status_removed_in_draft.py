"""The public plan shows the newest status of every measure in force, also one the revision
under way removes from the draft: bodies still report on it (it is in force), and the public
page and API showed its status as it was when the version was adopted (or none)."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up

DRAFTING = Provenance("Sekretariatet", Source.CLI, reason="Utkast til versjon 2")
REPORT = "Stoppa opp etter sommaren"


def _status_in_api(client: FlaskClient, number: str) -> object:
    plan = client.get(f"/api/plans/{KEY}/adopted").get_json()
    return next(
        m["status"]
        for area in plan["areas"]
        for goal in area["goals"]
        for m in goal["measures"]
        if m["number"] == number
    )


def test_a_report_on_a_measure_in_force_removed_from_the_draft_is_shown_publicly(
    web: Flask, demo_app: Planlogg, client: FlaskClient
) -> None:
    demo_app.remove_measure(KEY, "4.1.3", DRAFTING)
    demo_app.report_status(KEY, "4.1.3", "raud", REPORT, DRAFTING, reported_on=date(2024, 9, 4))
    caught_up(web)
    in_force = demo_app.get_plan(KEY).find_reporting_measure("4.1.3")
    assert in_force.status is not None and in_force.status.comment == REPORT
    status = _status_in_api(client, "4.1.3")
    assert isinstance(status, dict) and status["comment"] == REPORT
    page = client.get(f"/planer/{KEY}").get_data(as_text=True)
    row = page[page.index('<tr id="tiltak-4.1.3">') :].split("</tr>", 1)[0]
    assert "<span>rød</span>" in row and "04.09.2024" in row

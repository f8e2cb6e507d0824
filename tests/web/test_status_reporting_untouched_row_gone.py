"""A status form whose measure left the body's rows while it was open (an adoption left it
out), the reporter having typed nothing for that measure: nothing of theirs is lost, so the
rest is saved at once, not refused as changed meanwhile (`status_reporting._lost`)."""

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
SECRETARIAT = Provenance("Sekretariatet", Source.CLI)


def test_a_measure_left_out_meanwhile_and_left_untouched_does_not_stop_the_save(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    gone = demo_app.get_plan(KEY).find_measure("4.1.3").id
    form = dict(form_fields(client.get(PAGE).get_data(as_text=True), ACTION))
    assert f"vist-status-{gone}" in form
    form |= {"status-T038": "yellow", "kommentar-T038": "Venter (Anne)"}
    demo_app.remove_measure(KEY, "4.1.3", SECRETARIAT)
    version = demo_app.submit(KEY, ["ASU"], SECRETARIAT)
    assert demo_app.approve(KEY, version, "ASU", "ASU sak 12/25", date(2025, 3, 13), SECRETARIAT)

    saved = client.post(ACTION, data=form)

    assert (saved.status_code, saved.headers.get("Location")) == (303, f"{ACTION}&lagret=1")
    plan = demo_app.get_plan(KEY)
    kept = plan.measure("T038").status
    assert kept is not None and (kept.colour.value, kept.comment) == ("yellow", "Venter (Anne)")
    assert plan.measure(gone).status is None

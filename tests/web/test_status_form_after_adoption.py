"""A status form filled in while a new version is adopted that leaves one of its measures
out: the report typed for that measure cannot be saved, and the reporter must be told so,
with what they typed kept. The row was dropped without a word and the save reported as
done (`lagret=1`)."""

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
SECRETARIAT = Provenance("Sekretariatet", Source.CLI)
TYPED = "Alt i rute (Anne)"


def test_a_report_for_a_measure_an_adoption_left_out_meanwhile_is_not_dropped_silently(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    measure = demo_app.get_plan(KEY).find_measure("4.1.3")
    action = f"{PAGE}?organ={BODY_ID}"
    form = dict(form_fields(client.get(PAGE).get_data(as_text=True), action))
    assert f"vist-status-{measure.id}" in form
    form |= {f"status-{measure.id}": "green", f"kommentar-{measure.id}": TYPED,
             "status-T038": "yellow", "kommentar-T038": "Venter (Anne)"}  # fmt: skip

    # Meanwhile the draft, which removes 4.1.3, is adopted.
    demo_app.remove_measure(KEY, "4.1.3", SECRETARIAT)
    version = demo_app.submit(KEY, ["ASU"], SECRETARIAT)
    assert demo_app.approve(KEY, version, "ASU", "ASU sak 12/25", date(2025, 3, 13), SECRETARIAT)

    response = client.post(action, data=form)

    assert demo_app.get_plan(KEY).measure(measure.id).status is None
    page = response.get_data(as_text=True)
    assert response.status_code == 409, response.headers.get("Location")
    assert (
        "Tiltak 4.1.3 er ikke lenger et av tiltakene du rapporterer på for "
        f"{BODY} i versjonen som gjelder. Det du skrev om det, kan ikke lagres her."
    ) in page
    assert f">{TYPED}</textarea>" in page
    kept = demo_app.get_plan(KEY).measure("T038").status
    assert kept is not None and kept.comment == "Ikkje starta."  # the demo's, not Anne's

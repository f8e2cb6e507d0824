"""A status form saved after its round was closed, with no round opened since: nothing can
be saved, and the refusal must give the reporter back what they typed, as the refusal of a
form whose round was closed and replaced does
(`test_status_form_race.test_a_form_for_a_round_closed_and_replaced_meanwhile_is_refused_as_typed`).
It was a bare error page ("Ingen åpen rapporteringsrunde, eller intet organ valgt.") and
every light and comment typed was gone."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, event_count
from tests.web.forms import form_fields
from tests.web.signed_in import reporter, signed_in

BODY = "Fagråd for digital samhandling"
BODY_ID = "fagrad-for-digital-samhandling"
PAGE = f"/planer/{KEY}/rapportere"
TYPED = "Alt i rute (Anne)"


def test_a_form_for_a_round_closed_meanwhile_keeps_what_was_typed(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    measure = demo_app.get_plan(KEY).find_measure("4.1.3")
    action = f"{PAGE}?organ={BODY_ID}"
    form = dict(form_fields(client.get(PAGE).get_data(as_text=True), action))
    assert form["runde"] == "R1"
    form |= {f"status-{measure.id}": "green", f"kommentar-{measure.id}": TYPED}
    secretariat = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 4/24")
    demo_app.close_reporting_round(KEY, secretariat)
    before = event_count(demo_app)

    refused = client.post(action, data=form)

    assert event_count(demo_app) == before
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "Runde R1 er avsluttet mens du fylte ut skjemaet. Ingenting er lagret." in page
    again = dict(form_fields(page, action))
    assert (again[f"status-{measure.id}"], again[f"kommentar-{measure.id}"]) == ("green", TYPED)
    assert "Lagre status" not in page  # the round takes no report any more

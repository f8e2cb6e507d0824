"""A reporter's page after a save is `?organ=<the body's ID>&lagret=N` (the address the
form redirects to). When the next round does not ask the body, reloading that page (or any
link carrying the body's ID) is refused (403) naming the body by its name in the register,
as every other page does, never by its ID («fagrad-for-digital-samhandling»)."""

from __future__ import annotations

from datetime import date

from flask import Flask

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY
from tests.web.signed_in import reporter, signed_in
from tests.web.test_audit_pages import csrf_from

BODY = "Fagråd for digital samhandling"
BODY_ID = "fagrad-for-digital-samhandling"
PAGE = f"/planer/{KEY}/rapportere"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 4/24")


def test_a_saved_reports_page_reloaded_in_a_round_not_asking_the_body_names_it_not_its_id(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    measure = demo_app.get_plan(KEY).find_measure("4.1.3")
    form = {"csrf_token": csrf_from(client, PAGE), f"status-{measure.id}": "green"}
    saved = client.post(f"{PAGE}?organ={BODY}", data=form)
    assert saved.headers["Location"] == f"{PAGE}?organ={BODY_ID}&lagret=1"
    demo_app.close_reporting_round(KEY, SECRETARIAT)
    demo_app.open_reporting_round(KEY, date(2024, 11, 1), ["ASU"], SECRETARIAT)

    reloaded = client.get(saved.headers["Location"])

    assert reloaded.status_code == 403
    page = reloaded.get_data(as_text=True)
    assert f"Du rapporterer ikke for {BODY} i denne runden." in page

"""A status form that can no longer be saved for the body it was shown for.

The reporter's bodies are changed while the form is open: nothing is saved, and the form
comes back as typed (409), saying they no longer report for the body. Someone who never
reported for the body, and so never was shown its form, is refused as before (403). A
measure no longer among the body's rows (an adoption left it out) is named, what was typed
for it shown, and saving again saves the rest.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, event_count
from tests.web.forms import form_fields
from tests.web.signed_in import SETUP, reporter, signed_in
from tests.web.test_audit_pages import csrf_from

BODY = "Fagråd for digital samhandling"
BODY_ID = "fagrad-for-digital-samhandling"
PATIENTS = "Fagråd for pasientsamarbeid"
PAGE = f"/planer/{KEY}/rapportere"
ACTION = f"{PAGE}?organ={BODY_ID}"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI)
TYPED = "Alt i rute (Anne)"


def _typed_form(web: Flask, app: Planlogg) -> tuple[FlaskClient, UUID, dict[str, str], str]:
    """A reporter for the digital body, their form with 4.1.3 and T038 filled in."""
    person = reporter(app, [BODY])
    client = signed_in(web, person)
    measure = app.get_plan(KEY).find_measure("4.1.3")
    form = dict(form_fields(client.get(PAGE).get_data(as_text=True), ACTION))
    form |= {f"status-{measure.id}": "green", f"kommentar-{measure.id}": TYPED,
             "status-T038": "yellow", "kommentar-T038": "Venter (Anne)"}  # fmt: skip
    return client, person, form, measure.id


def test_a_form_for_a_body_taken_from_the_reporter_meanwhile_keeps_what_was_typed(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client, person, form, measure_id = _typed_form(people_web, demo_app)
    demo_app.assign_reporting_bodies(person, [PATIENTS], SETUP)
    before = event_count(demo_app)

    refused = client.post(ACTION, data=form)

    assert refused.status_code == 409, refused.get_data(as_text=True)[:2000]
    assert event_count(demo_app) == before
    page = refused.get_data(as_text=True)
    assert f"Du rapporterer ikke lenger for {BODY}. Ingenting er lagret." in page
    again = dict(form_fields(page, ACTION))
    assert (again[f"status-{measure_id}"], again[f"kommentar-{measure_id}"]) == ("green", TYPED)
    assert (again["status-T038"], again["kommentar-T038"]) == ("yellow", "Venter (Anne)")
    assert "Lagre status" not in page  # it cannot be saved for this body again
    assert demo_app.get_plan(KEY).measure(measure_id).status is None


def test_someone_who_never_reported_for_the_body_is_refused_as_before(
    people_web: Flask, demo_app: Planlogg
) -> None:
    """No form of the body was shown to them: a post for it is forbidden, not a race."""
    client = signed_in(people_web, reporter(demo_app, [PATIENTS]))
    measure = demo_app.get_plan(KEY).find_measure("4.1.3")
    before = event_count(demo_app)
    form = {"csrf_token": csrf_from(client, PAGE), "runde": "R1",
            f"status-{measure.id}": "green", f"kommentar-{measure.id}": TYPED}  # fmt: skip

    refused = client.post(ACTION, data=form)

    assert refused.status_code == 403
    assert event_count(demo_app) == before


def test_a_measure_an_adoption_took_from_the_body_is_named_and_the_rest_saves_after(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client, _person, form, measure_id = _typed_form(people_web, demo_app)
    demo_app.remove_measure(KEY, "4.1.3", SECRETARIAT)
    version = demo_app.submit(KEY, ["ASU"], SECRETARIAT)
    assert demo_app.approve(KEY, version, "ASU", "ASU sak 12/25", date(2025, 3, 13), SECRETARIAT)
    before = event_count(demo_app)

    refused = client.post(ACTION, data=form)

    assert refused.status_code == 409
    assert event_count(demo_app) == before
    page = refused.get_data(as_text=True)
    problem = (
        f"Tiltak 4.1.3 er ikke lenger et av tiltakene du rapporterer på for {BODY} i "
        "versjonen som gjelder. Det du skrev om det, kan ikke lagres her."
    )
    assert page.count(problem) == 2  # in the summary and at what was typed
    assert TYPED in page
    again = dict(form_fields(page, ACTION))
    assert f"status-{measure_id}" not in again  # shown, not sent again
    assert (again["status-T038"], again["kommentar-T038"]) == ("yellow", "Venter (Anne)")

    saved = client.post(ACTION, data=again)

    assert saved.status_code == 303
    assert saved.headers["Location"] == f"{ACTION}&lagret=1"
    plan = demo_app.get_plan(KEY)
    assert plan.measure(measure_id).status is None
    kept = plan.measure("T038").status
    assert kept is not None and kept.comment == "Venter (Anne)"

"""Reporting status in the API with what the client read: `replaces` is the tag of the open
round's report it read ("" for none), and a report someone else made since is refused with
409, never silently replaced, as in the status form. Without `replaces` nothing is checked."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.plan import report_tag, status_tag
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up, event_count

Auth = Callable[[str], dict[str, str]]
PATH = f"/api/plans/{KEY}/measures/4.1.2/status"
BERIT = Provenance("Berit (rapportør)", Source.WEB, reason="Statusrapport")


def _stored(app: Planlogg) -> tuple[str, str]:
    status = app.get_plan(KEY).find_measure("4.1.2").status
    assert status is not None
    return status.colour.value, status.comment


def test_a_report_by_a_client_that_read_no_report_is_refused(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    """The demo's round R1 has 4.1.2 red, «Ikkje starta.», reported by its body's leader."""
    before = event_count(demo_app)
    refused = client.post(
        PATH, json={"colour": "gul", "comment": "Forseinka", "replaces": ""}, headers=auth("editor")
    )
    assert refused.status_code == 409, refused.json
    assert refused.json["error"]["message"] == (
        "Tiltak 4.1.2 ble rapportert av Leiar fagråd 02.09.2024 etter at du hentet statusen: "
        "rød, «Ikkje starta.». Ingenting er lagret. Se over statusen, og rapporter på nytt om "
        "du fortsatt vil."
    )
    assert event_count(demo_app) == before
    assert _stored(demo_app) == ("red", "Ikkje starta.")


def test_a_report_naming_the_tag_read_replaces_it_and_a_stale_tag_is_refused(
    client: FlaskClient, auth: Auth, web: Flask, demo_app: Planlogg
) -> None:
    read = client.get(f"/api/plans/{KEY}/draft/measures/4.1.2", headers=auth("editor")).json
    tag = read["status"]["tag"]
    assert tag == report_tag(demo_app.get_plan(KEY).find_measure("4.1.2").status)
    report = {"colour": "gul", "comment": "Forseinka", "replaces": tag}
    replaced = client.post(PATH, json=report, headers=auth("editor"))
    assert replaced.status_code == 200, replaced.json
    assert _stored(demo_app) == ("yellow", "Forseinka")

    demo_app.report_status(KEY, "4.1.2", "grønn", "Ferdig (Berit)", BERIT)
    caught_up(web)
    mine = status_tag("yellow", "Forseinka")  # the client's own report, not read again
    stale = {"colour": "rød", "comment": "Stoppa", "replaces": mine}
    refused = client.post(PATH, json=stale, headers=auth("editor"))
    assert refused.status_code == 409, refused.json
    assert "Tiltak 4.1.2 ble rapportert av Berit (rapportør)" in refused.json["error"]["message"]
    assert _stored(demo_app) == ("green", "Ferdig (Berit)")


def test_a_report_without_replaces_is_not_checked(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    report = {"colour": "grønn", "comment": "Ferdig"}
    assert client.post(PATH, json=report, headers=auth("editor")).status_code == 200
    assert _stored(demo_app) == ("green", "Ferdig")


def test_the_document_names_what_a_status_report_replaces(web: Flask) -> None:
    spec = web.test_client().get("/api/openapi.json").json
    schema = spec["components"]["schemas"]["StatusReport"]
    assert schema["properties"]["replaces"]["description"] == (
        'Kjennetegnet (tag) for statusen i den åpne runden slik du leste den ("" om du ikke '
        "så noen); rapporten avvises med 409 om statusen som er lagret nå, er en annen."
    )
    assert "409" in spec["paths"]["/api/plans/{key}/measures/{ref}/status"]["post"]["responses"]

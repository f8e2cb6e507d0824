"""A decision that is no case number («sak 12/25», no body) is refused at the decision
field, on the measure form and the restore page as on every form that reads why
(`read_provenance`), never at «Begrunnelse»."""

from __future__ import annotations

import re
from html import unescape

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.forms import filled
from tests.web.signed_in import person_with, signed_in

KEY = DEMO_PLAN
ID = "T028"
RESTORE = f"/planer/{KEY}/tiltak/{ID}/gjenopprett"
MESSAGE = 'Skriv organet med saksnummeret, f.eks. "SSU sak 12/25", ikke bare "sak 12/25".'
SETUP = Provenance("Sekretariatet", Source.CLI)


def _editor(web: Flask, app: Planlogg) -> FlaskClient:
    return signed_in(web, person_with(app, Role.EDITOR))


def test_the_measure_form_says_a_decision_without_body_at_the_decision_field(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    client = _editor(web, app)
    url = f"/planer/{KEY}/tiltak/{app.get_plan(KEY).find_measure('0.1.2').id}/endre"
    data = filled(client.get(url).text, {"Tiltak": "Ny tekst", "decision": "sak 12/25"}, url)
    refused = client.post(url, data=data)
    page = unescape(refused.text)
    assert re.findall(r'<p class="error" id="(\w+)-error">([^<]*)</p>', page) == [
        ("decision", MESSAGE)
    ]


def test_the_restore_page_says_a_decision_without_body_at_the_decision_field(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    app.remove_measure(KEY, ID, SETUP)
    web.extensions["planlogg"].read_models.read_your_writes()
    client = _editor(web, app)
    data = filled(client.get(RESTORE).text, {"decision": "sak 12/25"}, RESTORE)
    refused = client.post(RESTORE, data=data)
    page = unescape(refused.text)
    assert re.findall(r'<p class="error" id="(\w+)-error">([^<]*)</p>', page) == [
        ("decision", MESSAGE)
    ]

"""A measure's timeline is headed by the number the measure has now, however it was asked
for: by its ID (as the history links it), by its number, or by a number it had before."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.test_audit_pages import log_in

BY = Provenance("Sekretariatet", Source.CLI)


def _heading_and_lead(page: str) -> tuple[str, str]:
    heading = re.search(r"<h1>(.*?)</h1>", page)
    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S)
    if heading is None or lead is None:
        raise AssertionError(page)
    return heading[1], lead[1]


@pytest.mark.parametrize("asked", ["id", "number"])
def test_the_timeline_is_headed_by_the_measures_number_and_names_its_id(
    client: FlaskClient, tokens: dict[str, str], demo_app: Planlogg, asked: str
) -> None:
    measure = demo_app.get_plan(KEY).find_measure("0.1.2").id
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/tiltak/{measure if asked == 'id' else '0.1.2'}").text
    heading, lead = _heading_and_lead(page)
    assert heading == "Tidslinje for tiltak 0.1.2"
    assert lead.endswith(f"Alle endringer av tiltaket, eldste først. Tiltakets ID er {measure}.")
    assert "<title>Tidslinje for tiltak 0.1.2" in page


def test_a_number_it_had_before_heads_it_by_the_number_it_has_now(
    client: FlaskClient, tokens: dict[str, str], demo_app: Planlogg, web: Flask
) -> None:
    measure = demo_app.get_plan(KEY).find_measure("0.1.2").id
    demo_app.move_measure(KEY, "0.1.2", "0.1.9", BY)
    caught_up(web)
    log_in(client, tokens["auditor"])
    heading, lead = _heading_and_lead(client.get(f"/revisjon/{KEY}/tiltak/0.1.2").text)
    assert heading == "Tidslinje for tiltak 0.1.9"
    assert lead.endswith(f"Tiltakets ID er {measure}.")

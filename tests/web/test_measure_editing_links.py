"""«Se også» typed in the browser's form names measures of the plan. A number no measure has
(1.2.11 for 1.2.1) or the measure's own number is refused at the entry, with nothing saved:
the person is there to correct it. The sheet and imports may still name a measure before it
exists (a row not yet added, a plan not yet imported), so the domain itself does not refuse.
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.measure_sheet import SEE_ALSO
from domain.people import Role
from tests.web.forms import filled
from tests.web.signed_in import person_with, signed_in

KEY = DEMO_PLAN


@pytest.fixture
def site(demo_on_database: tuple[Flask, Planlogg]) -> tuple[Flask, Planlogg]:
    return demo_on_database


def _editor(site: tuple[Flask, Planlogg]) -> FlaskClient:
    web, app = site
    return signed_in(web, person_with(app, Role.EDITOR))


def _url(app: Planlogg, number: str) -> str:
    return f"/planer/{KEY}/tiltak/{app.get_plan(KEY).find_measure(number).id}/endre"


def _events(app: Planlogg) -> int:
    return app.recorder.max_notification_id() or 0


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("1.3.1; 1.2.11", "Ingen tiltak i planen har nummeret 1.2.11."),
        ("1.2.1", "Et tiltak kan ikke se til seg selv (1.2.1)."),
    ],
)
def test_a_link_to_no_other_measure_is_refused_at_its_entry(
    site: tuple[Flask, Planlogg], typed: str, refusal: str
) -> None:
    _, app = site
    client = _editor(site)
    url = _url(app, "1.2.1")
    before = _events(app)

    refused = client.post(url, data=filled(client.get(url).text, {SEE_ALSO: typed}, url))

    assert refused.status_code == 422
    assert _events(app) == before
    assert f'<a href="#felt-sja-g">Se også: {refusal}</a>' in refused.text
    assert f'<p class="error" id="felt-sja-g-error">{refusal}</p>' in refused.text
    assert f'name="{SEE_ALSO}" value="{typed}"' in refused.text


def test_a_link_to_a_measure_of_the_plan_is_saved(site: tuple[Flask, Planlogg]) -> None:
    _, app = site
    client = _editor(site)
    url = _url(app, "1.2.1")

    saved = client.post(url, data=filled(client.get(url).text, {SEE_ALSO: "1.3.1"}, url))

    assert saved.status_code == 303
    assert app.get_plan(KEY).find_measure("1.2.1").see_also == ("1.3.1",)

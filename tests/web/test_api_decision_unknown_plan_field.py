"""Decisions over the API: a decision naming a plan that does not exist is refused on the
field that is wrong (`plan`), and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from tests.web.conftest import event_count

Auth = Callable[[str], dict[str, str]]

DECISION = {"community": DEMO_COMMUNITY, "case": "sak 9/24", "body": "SSU",
            "meeting_date": "2024-09-01", "text": "SSU vedtar."}  # fmt: skip


def test_a_decision_naming_an_unknown_plan_is_refused_on_the_plan_field(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    """The community is right; the plan is what the client must put right."""
    before = event_count(demo_app)
    response = client.post(
        "/api/decisions", json={**DECISION, "plan": "finst-ikkje"}, headers=auth("editor")
    )
    assert response.status_code == 422, response.json
    assert response.json["error"]["fields"] == {
        "plan": ['Fant ingen plan med nøkkelen "finst-ikkje".']
    }
    assert event_count(demo_app) == before

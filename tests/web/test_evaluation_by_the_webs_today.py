"""An evaluation dated after today is refused by the clock of whoever asks: the web's own
`today`, as a status report's day is, not the machine's. A web whose day is 1 October 2024
refuses an evaluation dated the day after, from the API and from the form alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from tests.web.conftest import KEY, event_count

Auth = Callable[[str], dict[str, str]]
REFUSAL = "En evaluering kan ikke være gjort 02.10.2024, som er etter dagens dato (01.10.2024)."


def test_an_evaluation_after_the_webs_today_is_refused_over_the_api(
    client: FlaskClient, auth: Auth, web: Flask, demo_app: Planlogg
) -> None:
    web.extensions["planlogg"].today = lambda: date(2024, 10, 1)
    before = event_count(demo_app)
    response = client.post(
        f"/api/plans/{KEY}/measures/2.1.2A/evaluations",
        json={"year": 2024, "result": "delvis", "led_to": "Tre kommunar",
              "recommendation": "endre", "body": "SSU", "evaluated_on": "2024-10-02"},
        headers=auth("editor"),
    )  # fmt: skip
    assert response.status_code == 422, response.json
    assert response.json["error"]["message"] == REFUSAL
    assert event_count(demo_app) == before


def test_an_evaluation_on_the_webs_today_is_taken(
    client: FlaskClient, auth: Auth, web: Flask
) -> None:
    web.extensions["planlogg"].today = lambda: date(2024, 10, 2)
    response = client.post(
        f"/api/plans/{KEY}/measures/2.1.2A/evaluations",
        json={"year": 2024, "result": "delvis", "led_to": "Tre kommunar",
              "recommendation": "endre", "body": "SSU", "evaluated_on": "2024-10-02"},
        headers=auth("editor"),
    )  # fmt: skip
    assert response.status_code == 200, response.json

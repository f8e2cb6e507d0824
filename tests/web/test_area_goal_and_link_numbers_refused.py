"""Areas, goals and a new measure's links take only numbers the plan's numbering can use.

A measure number has at most two digits for its area and two for its goal
(`domain.numbering`: "2.1.3", "2.1.2A"; the seeds number areas 0–6 and goals 1.1–1.8), so
an area "123" or a goal "1.123" could never hold a measure: it would stand empty in the
working version for good, and the sheet could not name it. An area written "²" (a
superscript two, which Python's `isdigit` counts as a digit) is no number at all. A new
measure's "ses sammen med" and "Ref." links are checked as measure numbers when they are
changed (`Plan.link_measure`), and should be when the measure is added with them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from domain.application import Planlogg
from tests.web.conftest import KEY, event_count


@pytest.mark.parametrize("number", ["123", "²"], ids=["three-digits", "superscript-two"])
def test_an_area_number_no_measure_number_can_reach_is_refused(
    client: FlaskClient, auth: Callable[[str], dict[str, str]], demo_app: Planlogg, number: str
) -> None:
    before = event_count(demo_app)
    response = client.post(
        f"/api/plans/{KEY}/areas",
        json={"number": number, "title": "Nytt innsatsområde"},
        headers=auth("editor"),
    )
    assert response.status_code == 422, response.json
    assert response.json["error"]["message"] == (
        f'"{number}" er ikke et nummer på et innsatsområde (0, 1, 2 …).'
    ), response.json
    assert event_count(demo_app) == before


@pytest.mark.parametrize("number", ["1.123", "1.²"], ids=["three-digits", "superscript-two"])
def test_a_goal_number_no_measure_number_can_reach_is_refused(
    client: FlaskClient, auth: Callable[[str], dict[str, str]], demo_app: Planlogg, number: str
) -> None:
    before = event_count(demo_app)
    response = client.post(
        f"/api/plans/{KEY}/goals",
        json={"number": number, "text": "Nytt mål"},
        headers=auth("editor"),
    )
    assert response.status_code == 422, response.json
    assert response.json["error"]["message"] == (
        f'"{number}" er ikke et målnummer (f.eks. 2.1).'
    ), response.json
    assert event_count(demo_app) == before


@pytest.mark.parametrize(
    ("links", "message"),
    [
        (
            {"see_also": ["tull"]},
            '"tull" er ikke et gyldig tiltaksnummer (forventet f.eks. 2.1.3 eller 2.1.2A)',
        ),
        (
            {"references": ["1.1"]},
            '"1.1" er ikke et gyldig tiltaksnummer (forventet f.eks. 2.1.3 eller 2.1.2A)',
        ),
    ],
    ids=["see-also-word", "reference-goal"],
)
def test_a_new_measure_with_a_link_that_is_no_measure_number_is_refused(
    client: FlaskClient,
    auth: Callable[[str], dict[str, str]],
    demo_app: Planlogg,
    links: dict[str, list[str]],
    message: str,
) -> None:
    before = event_count(demo_app)
    response = client.post(
        f"/api/plans/{KEY}/measures",
        json={"number": "1.1.9", "text": "Nytt tiltak", **links},
        headers=auth("editor"),
    )
    assert response.status_code == 422, response.json
    assert response.json["error"]["message"] == message, response.json
    assert event_count(demo_app) == before

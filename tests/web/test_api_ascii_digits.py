"""Numbers in the API are ASCII digits. A year key of other digits ("２０２３", fullwidth)
read as the same year as "2023", so one of the two marks sent was dropped without a word,
the very thing a field named twice is refused for; a history cursor of them passed the
pattern and was refused without naming its field."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from domain.application import Planlogg
from tests.web.conftest import KEY, event_count

Auth = Callable[[str], dict[str, str]]


def test_a_year_written_in_fullwidth_digits_is_refused_not_merged_with_the_year(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    before = event_count(demo_app)
    response = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/timeframe",
        json={"marks": {"2023": "x høst", "２０２３": "-"}},
        headers=auth("editor"),
    )
    assert response.status_code == 422, response.json
    assert response.json["error"]["fields"] == {
        "marks": {"２０２３": {"key": ["Årstall må skrives med fire sifre."]}}
    }
    assert event_count(demo_app) == before


def test_a_history_cursor_in_fullwidth_digits_is_refused_on_its_field(
    client: FlaskClient, auth: Auth
) -> None:
    response = client.get(f"/api/plans/{KEY}/history?after=１２.１", headers=auth("auditor"))
    assert response.status_code == 422
    assert response.json["error"]["fields"] == {
        "after": ["Må være sidemerket fra forrige side, f.eks. 1234.2."]
    }

"""An If-Match takes a revision of at most nine digits, as the OpenAPI document's pattern
says (`web.api.etags.PATTERN`): a longer one is no revision (422), not a stale one (409)."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from domain.application import Planlogg
from tests.web.conftest import KEY, event_count

Auth = Callable[[str], dict[str, str]]


def test_an_if_match_of_ten_digits_is_refused_as_no_revision(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    before = event_count(demo_app)
    response = client.post(
        f"/api/plans/{KEY}/measures/0.1.2/text",
        json={"text": "Min versjon"},
        headers={**auth("editor"), "If-Match": '"1234567890"'},
    )
    assert response.status_code == 422
    assert response.json["error"] == {
        "status": 422,
        "kind": "validation",
        "message": 'If-Match «"1234567890"» er ikke et endringsnummer (f.eks. "3").',
    }
    assert event_count(demo_app) == before


def test_an_if_match_of_nine_digits_is_a_revision_and_refused_as_stale(
    client: FlaskClient, auth: Auth
) -> None:
    response = client.post(
        f"/api/plans/{KEY}/measures/0.1.2/text",
        json={"text": "Min versjon"},
        headers={**auth("editor"), "If-Match": '"123456789"'},
    )
    assert (response.status_code, response.json["error"]["kind"]) == (409, "conflict")


def test_an_if_match_of_a_star_takes_any_revision(client: FlaskClient, auth: Auth) -> None:
    response = client.post(
        f"/api/plans/{KEY}/measures/0.1.2/text",
        json={"text": "Min versjon"},
        headers={**auth("editor"), "If-Match": "*"},
    )
    assert response.status_code == 200
    assert (response.json["revision"], response.headers["ETag"]) == (3, '"T002.3"')

"""Areas and goals in the API, on SQLite and PostgreSQL: each read and each change answers
with the revision as ETag, and a change sent with a stale one (If-Match or
expected_revision) is refused (409) as a measure's is, so two clients never silently
overwrite each other."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from tests.web.conftest import KEY, event_count
from web.tokens import Role, create_token


@pytest.fixture
def on_database(demo_on_database: tuple[Flask, Planlogg]) -> Iterator[tuple[FlaskClient, Planlogg]]:
    web, app = demo_on_database
    yield web.test_client(), app


@pytest.fixture
def two_editors(demo_on_database: tuple[Flask, Planlogg]) -> tuple[dict[str, str], dict[str, str]]:
    """The headers of two editors' API tokens: Per's and Kari's."""
    web, _app = demo_on_database
    store = web.extensions["planlogg"].tokens
    per, _record = create_token(store, "Per Hansen", Role.EDITOR)
    kari, _record = create_token(store, "Kari Nordmann", Role.EDITOR)
    return {"Authorization": f"Bearer {per}"}, {"Authorization": f"Bearer {kari}"}


def test_two_clients_renaming_one_area_the_second_on_a_stale_etag_is_refused(
    on_database: tuple[FlaskClient, Planlogg], two_editors: tuple[dict, dict]
) -> None:
    client, app = on_database
    per, kari = two_editors
    seen_by_per = client.get(f"/api/plans/{KEY}/draft/areas/2", headers=per)
    seen_by_kari = client.get(f"/api/plans/{KEY}/draft/areas/2", headers=kari)
    assert seen_by_per.status_code == 200, seen_by_per.json
    assert (seen_by_per.headers["ETag"], seen_by_per.json) == (
        '"1"',
        {"number": "2", "title": "Utskrivningsklare pasienter", "revision": 1},
    )
    first = client.put(
        f"/api/plans/{KEY}/areas/2",
        json={"title": "Pers tittel"},
        headers={**per, "If-Match": seen_by_per.headers["ETag"]},
    )
    assert first.status_code == 200, first.json
    assert (first.headers["ETag"], first.json["revision"]) == ('"2"', 2)
    before = event_count(app)
    second = client.put(
        f"/api/plans/{KEY}/areas/2",
        json={"title": "Karis tittel"},
        headers={**kari, "If-Match": seen_by_kari.headers["ETag"]},
    )
    assert second.status_code == 409, second.json
    assert second.json["error"]["kind"] == "conflict"
    assert second.json["error"]["message"] == (
        "Innsatsområde 2 er endret av noen andre siden du hentet det (endringsnummer 1, nå 2). "
        "Hent innsatsområdet på nytt og prøv igjen."
    )
    assert event_count(app) == before
    assert app.get_plan(KEY).area("2").title == "Pers tittel"
    fresh = client.get(f"/api/plans/{KEY}/draft/areas/2", headers=kari)
    assert (fresh.headers["ETag"], fresh.json["title"]) == ('"2"', "Pers tittel")


@pytest.mark.parametrize(
    ("method", "body"),
    [("put", {"text": "Karis mål"}), ("delete", {})],
    ids=["reword", "remove"],
)
def test_a_goal_changed_on_a_stale_etag_is_refused_and_the_first_change_stays(
    on_database: tuple[FlaskClient, Planlogg], two_editors: tuple[dict, dict], method: str,
    body: dict,
) -> None:  # fmt: skip
    client, app = on_database
    per, kari = two_editors
    added = client.post(
        f"/api/plans/{KEY}/goals", json={"number": "2.9", "text": "Nytt mål"}, headers=per
    )
    assert (added.status_code, added.headers["ETag"], added.json["revision"]) == (201, '"1"', 1)
    seen_by_kari = client.get(f"/api/plans/{KEY}/draft/goals/2.9", headers=kari)
    assert seen_by_kari.json == {"number": "2.9", "area": "2", "text": "Nytt mål", "revision": 1}
    first = client.put(
        f"/api/plans/{KEY}/goals/2.9",
        json={"text": "Pers mål"},
        headers={**per, "If-Match": added.headers["ETag"]},
    )
    assert (first.status_code, first.headers["ETag"]) == (200, '"2"')
    before = event_count(app)
    second = client.open(
        f"/api/plans/{KEY}/goals/2.9",
        method=method.upper(),
        json=body,
        headers={**kari, "If-Match": seen_by_kari.headers["ETag"]},
    )
    assert second.status_code == 409, second.json
    assert second.json["error"]["message"] == (
        "Mål 2.9 er endret av noen andre siden du hentet det (endringsnummer 1, nå 2). "
        "Hent målet på nytt og prøv igjen."
    )
    assert event_count(app) == before
    assert app.get_plan(KEY).goal("2.9").text == "Pers mål"


def test_the_revision_in_the_body_is_checked_as_if_match_is(
    on_database: tuple[FlaskClient, Planlogg], two_editors: tuple[dict, dict]
) -> None:
    client, app = on_database
    per, kari = two_editors
    path = f"/api/plans/{KEY}/areas/3"
    first = client.put(path, json={"title": "Pers", "expected_revision": 1}, headers=per)
    assert first.json["revision"] == 2
    stale = client.put(path, json={"title": "Karis", "expected_revision": 1}, headers=kari)
    assert stale.status_code == 409
    assert app.get_plan(KEY).area("3").title == "Pers"
    current = client.put(path, json={"title": "Karis", "expected_revision": 2}, headers=kari)
    assert (current.status_code, current.headers["ETag"]) == (200, '"3"')


def test_a_measure_etag_is_no_revision_of_an_area(
    on_database: tuple[FlaskClient, Planlogg], two_editors: tuple[dict, dict]
) -> None:
    client, app = on_database
    per, _kari = two_editors
    before = event_count(app)
    refused = client.put(
        f"/api/plans/{KEY}/areas/2",
        json={"title": "Pers tittel"},
        headers={**per, "If-Match": '"T019.1"'},
    )
    assert refused.status_code == 422
    assert refused.json["error"]["message"] == (
        'If-Match «"T019.1"» er ikke et endringsnummer (f.eks. "3").'
    )
    assert event_count(app) == before


def test_an_area_or_goal_not_in_the_draft_is_404(
    on_database: tuple[FlaskClient, Planlogg], two_editors: tuple[dict, dict]
) -> None:
    client, _app = on_database
    per, _kari = two_editors
    area = client.get(f"/api/plans/{KEY}/draft/areas/9", headers=per)
    goal = client.get(f"/api/plans/{KEY}/draft/goals/2.9", headers=per)
    assert (area.status_code, area.json["error"]["message"]) == (
        404,
        "Innsatsområde 9 finnes ikke.",
    )
    assert (goal.status_code, goal.json["error"]["message"]) == (404, "Mål 2.9 finnes ikke.")
    endless = "9" * 5000
    assert client.get(f"/api/plans/{KEY}/draft/areas/{endless}", headers=per).status_code == 404
    renamed = client.put(f"/api/plans/{KEY}/areas/{endless}", json={"title": "T"}, headers=per)
    assert renamed.status_code == 404


def test_the_document_says_area_and_goal_changes_take_if_match(
    on_database: tuple[FlaskClient, Planlogg],
) -> None:
    client, _app = on_database
    paths = client.get("/api/openapi.json").json["paths"]
    for method, path in [
        ("put", "/api/plans/{key}/areas/{number}"),
        ("put", "/api/plans/{key}/goals/{number}"),
        ("delete", "/api/plans/{key}/goals/{number}"),
    ]:
        operation = paths[path][method]
        assert "If-Match" in [p["name"] for p in operation["parameters"]], (method, path)
        assert "409" in operation["responses"], (method, path)
    for path in ("/api/plans/{key}/draft/areas/{number}", "/api/plans/{key}/draft/goals/{number}"):
        assert paths[path]["get"]["x-permission"] == "read_draft"

"""Write endpoints: each command stored with the web provenance; bad input stores nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from domain.application import Planlogg
from tests.web.conftest import KEY, event_count

Auth = Callable[[str], dict[str, str]]


def last_event(app: Planlogg, key: str = KEY):
    return list(app.events.get(app.get_plan(key).id))[-1]


def test_a_reworded_measure_is_stamped_with_the_token_owner_and_reason(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    response = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/text",
        json={"text": "Ny tekst", "reason": "Skrivefeil", "decision": "ASU sak 40/24"},
        headers=auth("editor"),
    )
    assert response.status_code == 200, response.json
    assert response.json["revision"] == 2 and response.headers["ETag"] == '"2"'
    event = last_event(demo_app)
    assert (event.by.actor, event.by.source, event.by.reason, event.by.decision) == (
        "Erik Redaktør", "web", "Skrivefeil", "ASU sak 40/24",
    )  # fmt: skip


def test_a_stale_if_match_is_refused_and_nothing_is_overwritten(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    before = event_count(demo_app)
    response = client.post(
        f"/api/plans/{KEY}/measures/0.1.2/text",
        json={"text": "Min versjon"},
        headers={**auth("editor"), "If-Match": '"1"'},
    )
    assert response.status_code == 409
    assert response.json["error"]["kind"] == "conflict"
    assert event_count(demo_app) == before
    assert "årshjul for 2025" in demo_app.get_plan(KEY).find_measure("0.1.2").text


def test_the_current_etag_lets_the_edit_through(client: FlaskClient, auth: Auth) -> None:
    measure = client.get(f"/api/plans/{KEY}/draft/measures/0.1.2", headers=auth("editor"))
    response = client.post(
        f"/api/plans/{KEY}/measures/0.1.2/text",
        json={"text": "Min versjon"},
        headers={**auth("editor"), "If-Match": measure.headers["ETag"]},
    )
    assert response.status_code == 200


MEASURE_EDITS = [
    ("text", {"text": "Min versjon"}),
    ("responsible", {"bodies": ["ASU"]}),
    ("smart", {"indicator": "Ny indikator"}),
    ("tags", {"topics": [3]}),
    ("links", {"see_also": ["1.1.1"]}),
    ("evaluation", {"fields": {"objective": "Nytt mål"}}),
]


@pytest.mark.parametrize(("endpoint", "body"), MEASURE_EDITS)
@pytest.mark.parametrize("stale_in", ["If-Match", "expected_revision"])
def test_every_measure_edit_refuses_a_stale_revision_alike(
    client: FlaskClient, auth: Auth, demo_app: Planlogg, endpoint: str, body: dict, stale_in: str
) -> None:
    assert demo_app.get_plan(KEY).find_measure("0.1.2").revision == 2
    before = event_count(demo_app)
    headers = {**auth("editor"), "If-Match": '"1"'} if stale_in == "If-Match" else auth("editor")
    sent = body if stale_in == "If-Match" else {**body, "expected_revision": 1}
    path = f"/api/plans/{KEY}/measures/0.1.2/{endpoint}"
    response = client.post(path, json=sent, headers=headers)
    assert response.status_code == 409, response.json
    assert response.json["error"]["kind"] == "conflict"
    assert response.json["error"]["message"] == (
        "Tiltak 0.1.2 er endret av noen andre siden du hentet det (revisjon 1, nå 2). "
        "Hent tiltaket på nytt og prøv igjen."
    )
    assert event_count(demo_app) == before
    current = {**body, "expected_revision": 2}
    assert client.post(path, json=current, headers=auth("editor")).status_code == 200
    assert demo_app.get_plan(KEY).find_measure("0.1.2").revision == 3


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/measures/1.3.1/text", {"text": ""}, "text"),
        ("/measures/1.3.1/text", {"text": "ok", "expected_revision": "to"}, "expected_revision"),
        ("/measures/1.3.1/status", {"comment": "mangler farge"}, "colour"),
        ("/measures/1.3.1/timeframe", {"marks": {"neste år": "x"}}, "marks"),
        ("/measures", {"number": "1.1.9", "text": "x", "responsible": "ASU"}, "responsible"),
        ("/rounds", {"deadline": "11.09.24", "bodies": ["A"], "decision": "sak 1/24"}, "deadline"),
        ("/approvals", {"version": 2, "body": "ASU", "case": "sak 1/25"}, "meeting_date"),
        ("/measures/1.3.1/text", {"text": "ok", "ukjent": 1}, "ukjent"),
        ("/measures/1.3.1/text", {"text": "null\u0000byte"}, "text"),
        ("/measures/1.3.1/text", {"text": "C1\u0085kontroll"}, "text"),
        ("/measures/1.3.1/text", {"text": "einsam \ud800"}, "text"),
        ("/measures/1.3.1/status", {"colour": "gul", "comment": "x" * 2001}, "comment"),
    ],
)
def test_bad_input_is_422_field_by_field_and_stores_nothing(
    client: FlaskClient, auth: Auth, demo_app: Planlogg, path: str, body: dict, field: str
) -> None:
    before = event_count(demo_app)
    role = "approver" if path == "/approvals" else "editor"
    response = client.post(f"/api/plans/{KEY}{path}", json=body, headers=auth(role))
    assert response.status_code == 422, response.json
    assert field in response.json["error"]["fields"]
    assert event_count(demo_app) == before


@pytest.mark.parametrize("mark", ["<b></b>", "<script>alert(1)</script>"])
def test_markup_as_a_year_mark_is_refused_like_any_unreadable_mark(
    client: FlaskClient, auth: Auth, demo_app: Planlogg, mark: str
) -> None:
    before = event_count(demo_app)
    response = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/timeframe",
        json={"marks": {"2023": mark}},
        headers=auth("editor"),
    )
    assert response.status_code == 422
    assert response.json["error"]["message"] == (
        f'Forstår ikke "{mark}" i årskolonnen. '
        "Skriv f.eks. x, X høst, x oppstart vår, x igangsatt eller - (utsatt)."
    )
    assert event_count(demo_app) == before


def test_a_value_the_domain_refuses_is_422_with_its_norwegian_message(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    before = event_count(demo_app)
    response = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/status", json={"colour": "blå"}, headers=auth("editor")
    )
    assert response.status_code == 422
    assert 'Ukjent status "blå"' in response.json["error"]["message"]
    assert event_count(demo_app) == before


def test_a_rule_refusal_is_409_and_an_unknown_measure_404(client: FlaskClient, auth: Auth) -> None:
    publish = client.post(f"/api/plans/{KEY}/publish", json={}, headers=auth("approver"))
    assert publish.status_code == 409 and publish.json["error"]["kind"] == "rule"
    missing = client.post(
        f"/api/plans/{KEY}/measures/9.9.9/text", json={"text": "x"}, headers=auth("editor")
    )
    assert missing.status_code == 404


def test_malformed_json_is_400_and_non_json_is_415(client: FlaskClient, auth: Auth) -> None:
    url = f"/api/plans/{KEY}/measures/1.3.1/text"
    broken = client.post(
        url, data="{ikke json", content_type="application/json", headers=auth("editor")
    )
    assert broken.status_code == 400
    form = client.post(url, data={"text": "x"}, headers=auth("editor"))
    assert form.status_code == 415


def test_measure_commands_run_end_to_end(client: FlaskClient, auth: Auth, demo_app: Planlogg):
    base = f"/api/plans/{KEY}/measures"
    calls = [
        ("/1.3.1/responsible", {"bodies": ["ASU", "PSU"]}, 200),
        ("/1.3.1/timeframe", {"marks": {"2024": "x høst"}, "note": "innen 1. april"}, 200),
        (
            "/1.3.1/smart",
            {"indicator": "Antall avtaler", "target": "10", "deadline": "2025-04-01"},
            200,
        ),
        ("/1.3.1/evaluation", {"fields": {"objective": "Bedre flyt"}}, 200),
        ("/1.3.1/tags", {"patient_groups": ["skropelege_eldre"], "topics": [5]}, 200),
        ("/1.3.1/links", {"see_also": ["1.2.1"], "references": []}, 200),
        ("/1.3.1/status", {"colour": "raud", "comment": "Ikke startet", "body": "ASU"}, 200),
        ("", {"number": "1.3.9", "text": "Nytt tiltak", "responsible": ["ASU"]}, 201),
        ("/1.3.9/number", {"number": "1.3.8"}, 200),
        ("/1.3.8/remove", {}, 200),
    ]
    for path, body, expected in calls:
        response = client.post(base + path, json=body, headers=auth("editor"))
        assert response.status_code == expected, (path, response.json)
    removed_id = response.json["measure_id"]
    restored = client.post(f"{base}/{removed_id}/restore", json={}, headers=auth("editor"))
    assert restored.status_code == 200
    measure = demo_app.get_plan(KEY).find_measure("1.3.1")
    assert measure.responsible == ("asu", "psu")  # the registered bodies, by id
    assert measure.marks[2024] == "x høst"
    assert measure.status is not None and measure.status.colour == "red"
    assert demo_app.get_plan(KEY).find_measure("1.3.8").id == removed_id


def test_the_whole_approval_flow_runs_over_the_api_and_user_text_is_escaped(
    client: FlaskClient, auth: Auth, demo_app: Planlogg, web
) -> None:
    hostile = "<script>alert(1)</script> & <b>fet</b>"
    steps = [
        ("editor", "/api/plans", {"key": "ny", "title": "Ny plan", "owner": "hf",
                                  "first_year": 2025, "last_year": 2026}, 201),
        ("editor", "/api/plans/ny/areas", {"number": "1", "title": "Område"}, 201),
        ("editor", "/api/plans/ny/goals", {"number": "1.1", "text": "Mål"}, 201),
        ("editor", "/api/plans/ny/measures", {"number": "1.1.1", "text": hostile,
                                              "responsible": ["ASU"], "marks": {"2025": "x"}}, 201),
        ("editor", "/api/decisions", {"community": "hf", "case": "sak 3/25", "body": "ASU",
                                      "meeting_date": "2025-03-13", "text": "ASU vedtar planen.",
                                      "plan": "ny"}, 201),
        ("approver", "/api/plans/ny/hearing", {"deadline": "2025-03-01"}, 200),
        ("approver", "/api/plans/ny/submissions", {"bodies": ["ASU"]}, 201),
        ("approver", "/api/plans/ny/approvals", {"version": 1, "body": "ASU",
                                                 "case": "ASU sak 3/25",
                                                 "meeting_date": "2025-03-13"}, 200),
        ("approver", "/api/plans/ny/publish", {}, 200),
    ]  # fmt: skip
    for role, path, body, expected in steps:
        response = client.post(path, json=body, headers=auth(role))
        assert response.status_code == expected, (path, response.json)
    assert response.json["key"] == "ny"
    page = client.get("/planer/ny").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    adopted = client.get("/api/plans/ny/adopted").json
    assert adopted["areas"][0]["goals"][0]["measures"][0]["text"] == hostile


def test_a_timeframe_note_alone_leaves_the_year_marks_as_they_are(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    response = client.post(
        f"/api/plans/{KEY}/measures/0.1.3/timeframe",
        json={"note": "innen medio mai"},
        headers=auth("editor"),
    )
    assert response.status_code == 200, response.json
    measure = demo_app.get_plan(KEY).find_measure("0.1.3")
    assert (measure.marks, measure.timeframe_note) == ({2022: "x"}, "innen medio mai")

"""Write endpoints: each command stored with the web provenance; bad input stores nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up, event_count
from web.tokens import Role, create_token

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
    assert response.json["revision"] == 2 and response.headers["ETag"] == '"T019.2"'
    event = last_event(demo_app)
    assert (event.by.actor, event.by.source, event.by.reason, event.by.decision) == (
        "Erik Redaktør", "web", "Skrivefeil", "ASU sak 40/24",
    )  # fmt: skip


def reword_if_match(client: FlaskClient, auth: Auth, if_match: str) -> Any:
    """Measure 0.1.2 (revision 2 in the demo) reworded by an editor with this `If-Match`."""
    return client.post(
        f"/api/plans/{KEY}/measures/0.1.2/text",
        json={"text": "Min versjon"},
        headers={**auth("editor"), "If-Match": if_match},
    )


def test_a_stale_if_match_is_refused_and_nothing_is_overwritten(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    before = event_count(demo_app)
    response = reword_if_match(client, auth, '"1"')
    assert response.status_code == 409
    assert response.json["error"]["kind"] == "conflict"
    assert event_count(demo_app) == before
    assert "årshjul for 2025" in demo_app.get_plan(KEY).find_measure("0.1.2").text


def test_an_if_match_of_ten_digits_is_refused_as_no_revision(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    """An If-Match takes a revision of at most nine digits, as the OpenAPI document's pattern
    says (`web.api.etags.PATTERN`): a longer one is no revision (422), not a stale one (409)."""
    before = event_count(demo_app)
    response = reword_if_match(client, auth, '"1234567890"')
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
    response = reword_if_match(client, auth, '"123456789"')
    assert (response.status_code, response.json["error"]["kind"]) == (409, "conflict")


def test_an_if_match_of_a_star_takes_any_revision(client: FlaskClient, auth: Auth) -> None:
    response = reword_if_match(client, auth, "*")
    assert response.status_code == 200
    assert (response.json["revision"], response.headers["ETag"]) == (3, '"T002.3"')


def test_the_current_etag_lets_the_edit_through(client: FlaskClient, auth: Auth) -> None:
    measure = client.get(f"/api/plans/{KEY}/draft/measures/0.1.2", headers=auth("editor"))
    response = reword_if_match(client, auth, measure.headers["ETag"])
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
        "Tiltak 0.1.2 er endret av noen andre siden du hentet det (endringsnummer 1, nå 2). "
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
        f'Forstår ikke årsmerket "{mark}". '
        "Skriv f.eks. x, X høst, x oppstart vår, x vår/ høst, x igangsatt eller - (utsatt)."
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


PASIENT = "Fagråd for pasientsamarbeid"


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
        # reported by the body version 1, in force, gives it (the draft gives it ASU and PSU)
        ("/1.3.1/status", {"colour": "raud", "comment": "Ikke startet", "body": PASIENT}, 200),
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
        ("approver", "/api/plans/ny/hearing", {"deadline": "2025-03-01",
                                               "sent_on": "2025-02-03"}, 200),
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


def test_an_etag_read_by_number_does_not_edit_the_measure_that_took_the_number_since(
    client: FlaskClient, auth: Auth, demo_app: Planlogg, web
) -> None:
    """1.3.1 read at revision 2; then it moves away and 1.3.2 moves in, reaching revision 2
    too: the ETag names the measure, so the edit meant for the first never lands on the
    second."""
    by = Provenance("Kari", Source.CLI)
    demo_app.reword_measure(KEY, "T019", "Lest av klienten", by)
    caught_up(web)
    seen = client.get(f"/api/plans/{KEY}/draft/measures/1.3.1", headers=auth("editor"))
    demo_app.move_measure(KEY, "T019", "1.3.9", by)
    demo_app.move_measure(KEY, "T020", "1.3.1", by)
    assert demo_app.get_plan(KEY).measure("T020").revision == 2
    before = event_count(demo_app)
    response = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/text",
        json={"text": "Ment for T019"},
        headers={**auth("editor"), "If-Match": seen.headers["ETag"]},
    )
    assert response.status_code == 409, response.json
    assert response.json["error"] == {
        "status": 409,
        "kind": "conflict",
        "message": "Tiltak 1.3.1 er nå et annet tiltak (T020) enn det du hentet (T019). "
        "Hent tiltaket på nytt og prøv igjen.",
    }
    assert event_count(demo_app) == before
    assert demo_app.get_plan(KEY).measure("T020").text.startswith("Vurdere å nedsette")


def test_the_etag_is_the_edits_own_revision_never_a_later_edits(
    client: FlaskClient, auth: Auth, demo_app: Planlogg, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another edit lands between the client's save and its answer: the answer's ETag is
    the client's own revision, so the client's next edit on it cannot overwrite the other."""
    reword = demo_app.reword_measure

    def then_someone_else(key: str, measure: str, text: str, *args: Any) -> int:
        revision = reword(key, measure, text, *args)
        reword(key, measure, "Kari endra samtidig", Provenance("Kari", Source.WEB))
        return revision

    monkeypatch.setattr(demo_app, "reword_measure", then_someone_else)
    first = client.post(
        f"/api/plans/{KEY}/measures/T019/text", json={"text": "Klientens"}, headers=auth("editor")
    )
    assert (first.status_code, first.headers["ETag"], first.json["revision"]) == (
        200, '"T019.2"', 2,
    )  # fmt: skip
    monkeypatch.setattr(demo_app, "reword_measure", reword)
    second = client.post(
        f"/api/plans/{KEY}/measures/T019/text",
        json={"text": "Klientens neste"},
        headers={**auth("editor"), "If-Match": first.headers["ETag"]},
    )
    assert second.status_code == 409, second.json
    assert demo_app.get_plan(KEY).measure("T019").text == "Kari endra samtidig"


def test_an_etag_is_taken_back_by_the_same_measure_under_its_number_or_id(
    client: FlaskClient, auth: Auth
) -> None:
    seen = client.get(f"/api/plans/{KEY}/draft/measures/1.3.1", headers=auth("editor"))
    by_number = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/text",
        json={"text": "Første"},
        headers={**auth("editor"), "If-Match": seen.headers["ETag"]},
    )
    assert by_number.status_code == 200, by_number.json
    by_id = client.post(
        f"/api/plans/{KEY}/measures/T019/text",
        json={"text": "Andre"},
        headers={**auth("editor"), "If-Match": by_number.headers["ETag"]},
    )
    assert by_id.status_code == 200, by_id.json
    assert by_id.json["revision"] == 3


INVISIBLE = "\u200b\u2060"
"""A zero-width space and a word joiner: filled in, yet every page shows it blank."""

DECISION = {"community": "st-olavs", "case": "sak 9/24", "body": "SSU",
            "meeting_date": "2024-09-01", "text": "SSU vedtar."}  # fmt: skip


@pytest.mark.parametrize(
    ("role", "path", "body", "field"),
    [
        ("approver", f"/api/plans/{KEY}/submissions", {"bodies": [INVISIBLE]}, ["bodies", "0"]),
        ("editor", f"/api/plans/{KEY}/measures/1.3.1/responsible", {"bodies": [INVISIBLE]},
         ["bodies", "0"]),
        ("editor", "/api/decisions", {**DECISION, "text": INVISIBLE}, ["text"]),
        ("editor", "/api/decisions", {**DECISION, "community": INVISIBLE}, ["community"]),
        ("editor", f"/api/plans/{KEY}/measures/1.3.1/status",
         {"colour": "gul", "comment": INVISIBLE}, ["comment"]),
        ("editor", f"/api/plans/{KEY}/measures/1.3.1/smart", {"indicator": INVISIBLE},
         ["indicator"]),
        ("editor", f"/api/plans/{KEY}/measures/1.3.1/text", {"text": "Ny", "reason": INVISIBLE},
         ["reason"]),
    ],
)  # fmt: skip
def test_a_text_of_only_invisible_characters_is_refused_and_stores_nothing(
    client: FlaskClient,
    auth: Auth,
    demo_app: Planlogg,
    role: str,
    path: str,
    body: dict,
    field: list[str],
) -> None:
    before = event_count(demo_app)
    response = client.post(path, json=body, headers=auth(role))
    assert response.status_code == 422, response.json
    found = response.json["error"]["fields"]
    for name in field:
        found = found[name]
    assert found == ["Teksten består bare av usynlige tegn."]
    assert event_count(demo_app) == before


def test_plain_spacing_around_a_text_is_still_left_to_the_command(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    response = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/status",
        json={"colour": "gul", "comment": "   "},
        headers=auth("editor"),
    )
    assert response.status_code == 200, response.json


@pytest.mark.parametrize("stale_in", ["If-Match", "expected_revision"])
def test_restoring_a_measure_removed_again_since_refuses_the_stale_revision(
    client: FlaskClient, auth: Auth, demo_app: Planlogg, stale_in: str
) -> None:
    """Seen removed at revision 2; meanwhile restored, worked on and removed again (4): the
    restore built on revision 2 must not undo that later removal."""
    removed = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/remove", json={}, headers=auth("editor")
    )
    assert removed.json["revision"] == 2
    by = Provenance("Kari", Source.CLI)
    demo_app.restore_measure(KEY, "T019", by)
    demo_app.remove_measure(KEY, "T019", by)
    before = event_count(demo_app)
    stale = (
        ({**auth("editor"), "If-Match": removed.headers["ETag"]}, {})
        if stale_in == "If-Match"
        else (auth("editor"), {"expected_revision": 2})
    )
    response = client.post(
        f"/api/plans/{KEY}/measures/T019/restore", json=stale[1], headers=stale[0]
    )
    assert response.status_code == 409, response.json
    assert response.json["error"]["message"] == (
        "Tiltak 1.3.1 er endret av noen andre siden du hentet det (endringsnummer 2, nå 4). "
        "Hent tiltaket på nytt og prøv igjen."
    )
    assert event_count(demo_app) == before
    assert demo_app.get_plan(KEY).measure("T019").removed
    current = {"expected_revision": 4}
    restored = client.post(
        f"/api/plans/{KEY}/measures/T019/restore", json=current, headers=auth("editor")
    )
    assert restored.status_code == 200, restored.json
    assert not demo_app.get_plan(KEY).measure("T019").removed


def test_a_plan_created_by_someone_else_at_the_same_moment_is_a_409_not_a_crash(
    demo_on_database: tuple[Flask, Planlogg], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both requests found the key free; the other's plan was saved first."""
    web, app = demo_on_database
    token, _record = create_token(web.extensions["planlogg"].tokens, "Erik", Role.EDITOR)
    monkeypatch.setattr(app, "plan_exists", lambda key: False)
    before = event_count(app)
    body = {"key": KEY, "title": "Samtidig", "owner": "hf", "first_year": 2025, "last_year": 2026}
    response = web.test_client().post(
        "/api/plans", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 409, response.get_data(as_text=True)
    assert response.json["error"] == {
        "status": 409,
        "kind": "conflict",
        "message": "Noen andre lagret det samme i samme øyeblikk. Ingenting er lagret; "
        "hent på nytt og prøv igjen.",
    }
    assert event_count(app) == before
    assert app.get_plan(KEY).header.title.startswith("Handlingsplan 2022-2024")


def test_a_decision_of_a_community_that_does_not_exist_is_refused(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    before = event_count(demo_app)
    response = client.post(
        "/api/decisions", json={**DECISION, "community": "st-olvas"}, headers=auth("editor")
    )
    assert response.status_code == 422, response.json
    assert response.json["error"]["fields"] == {
        "community": ['Fant ikke helsefellesskapet "st-olvas".']
    }
    assert event_count(demo_app) == before

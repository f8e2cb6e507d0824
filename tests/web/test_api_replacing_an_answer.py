"""Replacing a hearing answer in the API, on SQLite and PostgreSQL: the client names the
answer it means to replace (`replaces`), and an answer someone else gave since is never
silently overwritten."""

from __future__ import annotations

from datetime import date

from flask import Flask

from domain.application import Planlogg
from domain.hearing import HearingAnswer
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, event_count
from web.tokens import Role, create_token

SECRETARIAT = Provenance("Siri Sekretær", Source.CLI)


def test_two_clients_replacing_one_answer_the_second_is_refused_naming_the_first(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    app.send_on_hearing(
        KEY, date(2025, 3, 1), SECRETARIAT, asked=["Trondheim kommune"], sent_on=date(2025, 2, 3)
    )
    app.receive_hearing_response(KEY, "Trondheim kommune", "Nemn fastlegane.", SECRETARIAT,
                                 received_on=date(2025, 2, 20))  # fmt: skip
    app.answer_hearing_response(KEY, "F1", "Teke til følgje.", SECRETARIAT,
                                answered_on=date(2025, 3, 5))  # fmt: skip
    store = web.extensions["planlogg"].tokens
    per = {"Authorization": f"Bearer {create_token(store, 'Per Hansen', Role.EDITOR)[0]}"}
    kari = {"Authorization": f"Bearer {create_token(store, 'Kari Nordmann', Role.EDITOR)[0]}"}
    client = web.test_client()
    path = f"/api/plans/{KEY}/hearing/responses/F1/answer"
    first = client.post(path, headers=per, json={
        "text": "Delvis teke til følgje.", "answered_on": "2025-03-06", "replace": True,
        "replaces": "Teke til følgje.",
    })  # fmt: skip
    assert first.status_code == 200, first.json
    before = event_count(app)
    second = client.post(path, headers=kari, json={
        "text": "Ikkje teke til følgje.", "answered_on": "2025-03-07", "replace": True,
        "replaces": "Teke til følgje.",
    })  # fmt: skip
    assert second.status_code == 409, second.json
    assert second.json["error"] == {
        "status": 409,
        "kind": "conflict",
        "message": "Uttalelsen F1 fra Trondheim kommune ble besvart av Per Hansen "
        "06.03.2025 etter at du hentet den: «Delvis teke til følgje.». Ingenting er lagret. "
        "Se over svaret, og erstatt det på nytt om du fortsatt vil.",
    }
    assert event_count(app) == before
    assert app.hearing(KEY).response("F1").answer == HearingAnswer(
        "Delvis teke til følgje.", date(2025, 3, 6), "Per Hansen"
    )
    knowingly = client.post(path, headers=kari, json={
        "text": "Ikkje teke til følgje.", "replace": True, "replaces": "Delvis teke til følgje.",
    })  # fmt: skip
    assert knowingly.status_code == 200, knowingly.json
    answer = app.hearing(KEY).response("F1").answer
    assert answer is not None and answer.answered_by == "Kari Nordmann"


def test_the_document_names_what_a_replacing_answer_replaces(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, _app = demo_on_database
    spec = web.test_client().get("/api/openapi.json").json
    schema = spec["components"]["schemas"]["HearingAnswerCommand"]
    assert schema["properties"]["replaces"]["description"] == (
        "Svaret du vil erstatte, slik du leste det; endringen avvises med 409 om svaret som "
        "er lagret nå, er et annet."
    )

"""Closing a reporting round names the round the caller read, and says which it closed.

`POST /api/plans/KEY/rounds/close` closed whatever round was open when it arrived, and
answered «Lukket rapporteringsrunden.» without saying which. A secretary who read round R1
open and sent the close after a colleague had closed R1 and opened R2 closed R2, the round
just opened, without a word. Every other command that changes something can carry what its
caller read (`expected_revision`, `If-Match`, `replaces`, `attempt`); the close now takes
the round read (the API's `round_id`, as `POST …/rounds` answers it; `round close --round`
on the command line), optional as before, and is refused (409, exit 6) with nothing
recorded when another round is open. The answer names the round closed. The web pages
have no button that closes a round."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from click.testing import Result
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.norwegian_time import oslo_today
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up, event_count, refusal
from web.cli import EXIT_CONFLICT, EXIT_INVALID, EXIT_REFUSED

Auth = Callable[[str], dict[str, str]]
CLI = Callable[..., Result]
COLLEAGUE = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 40/24")
STALE = (
    "Rapporteringsrunde R1 er lukket, og runde R2 er åpnet etter at du hentet den. "
    "Ingenting er lagret. Se over runde R2, og lukk den om du fortsatt vil."
)
NO_SUCH_ROUND = f"Planen {KEY} har ingen rapporteringsrunde «R9»."
CLOSE = f"/api/plans/{KEY}/rounds/close"


def reopened(app: Planlogg) -> None:
    """A colleague closes R1 and opens R2."""
    app.close_reporting_round(KEY, COLLEAGUE)
    app.open_reporting_round(KEY, date(2025, 9, 11), ["Sekretariat"], COLLEAGUE)


# --- the API ------------------------------------------------------------------------------


def test_a_close_of_the_round_read_is_refused_once_another_round_is_open(
    client: FlaskClient, auth: Auth, demo_app: Planlogg, web: Flask
) -> None:
    assert demo_app.get_plan(KEY).open_round_id() == "R1"
    reopened(demo_app)
    caught_up(web)
    before = event_count(demo_app)
    answer = client.post(CLOSE, json={"round_id": "R1"}, headers=auth("editor"))
    assert answer.status_code == 409
    assert answer.json["error"]["kind"] == "conflict"
    assert answer.json["error"]["message"] == STALE
    assert event_count(demo_app) == before
    assert demo_app.get_plan(KEY).open_round_id() == "R2"


def test_a_close_of_the_open_round_read_closes_it_and_names_it(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    answer = client.post(CLOSE, json={"round_id": "R1"}, headers=auth("editor"))
    assert answer.status_code == 200
    assert answer.json == {"done": "Lukket rapporteringsrunde R1.", "key": KEY, "round_id": "R1"}
    assert demo_app.get_plan(KEY).rounds["R1"].closed is True
    assert demo_app.get_plan(KEY).open_round_id() is None


def test_an_empty_round_id_names_no_round_and_closes_the_open_one(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    answer = client.post(CLOSE, json={"round_id": " "}, headers=auth("editor"))
    assert answer.status_code == 200
    assert answer.json == {"done": "Lukket rapporteringsrunde R1.", "key": KEY, "round_id": "R1"}
    assert demo_app.get_plan(KEY).open_round_id() is None


def test_a_close_naming_no_round_closes_the_open_one_as_before_and_names_it(
    client: FlaskClient, auth: Auth, demo_app: Planlogg, web: Flask
) -> None:
    reopened(demo_app)
    caught_up(web)
    answer = client.post(CLOSE, json={}, headers=auth("editor"))
    assert answer.status_code == 200
    assert answer.json == {"done": "Lukket rapporteringsrunde R2.", "key": KEY, "round_id": "R2"}
    assert demo_app.get_plan(KEY).open_round_id() is None


def test_a_round_the_plan_never_had_is_refused_as_a_value(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    before = event_count(demo_app)
    answer = client.post(CLOSE, json={"round_id": "R9"}, headers=auth("editor"))
    assert answer.status_code == 422
    assert answer.json["error"]["message"] == NO_SUCH_ROUND
    assert event_count(demo_app) == before
    assert demo_app.get_plan(KEY).open_round_id() == "R1"


def test_the_round_read_is_declared_in_the_openapi_document(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").json
    operation = spec["paths"]["/api/plans/{key}/rounds/close"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    name = body["$ref"].rsplit("/", 1)[-1]
    declared = spec["components"]["schemas"][name]["properties"]["round_id"]
    assert declared["description"] == (
        "Runden du leste som åpen, f.eks. R1. Er en annen runde åpen nå, avvises lukkingen "
        "med 409 og ingenting lagres. Uten feltet lukkes runden som er åpen når forespørselen "
        "leses."
    )
    assert "round_id" not in spec["components"]["schemas"][name].get("required", [])


# --- the command line ---------------------------------------------------------------------


def test_round_close_with_the_round_read_refuses_once_another_is_open(demo_cli: CLI) -> None:
    assert demo_cli("round", "close", KEY, "--round", "R1").exit_code == 0
    opened = demo_cli(
        "--decision", "ASU sak 40/24",
        "round", "open", KEY, "--deadline", "11.09.2025", "--body", "Sekretariat",
    )  # fmt: skip
    assert opened.exit_code == 0, opened.output
    refused = demo_cli("round", "close", KEY, "--round", "R1")
    assert refused.exit_code == EXIT_CONFLICT, refused.output
    assert refusal(refused) == f"Feil: {STALE}"
    shown = demo_cli("round", "show", KEY)
    assert shown.output.splitlines()[0].startswith("Runde R2, frist 11.09.2025.")


def test_round_close_names_the_round_it_closed(demo_cli: CLI) -> None:
    closed = demo_cli("round", "close", KEY, "--round", "R1")
    assert closed.exit_code == 0, closed.output
    assert closed.stdout == "✓ Lukket rapporteringsrunde R1.\n"
    again = demo_cli("round", "close", KEY)
    assert again.exit_code == EXIT_REFUSED
    assert refusal(again) == "Feil: Ingen rapporteringsrunde er åpen."


def test_round_close_without_the_option_closes_the_open_round_and_names_it(
    demo_cli: CLI,
) -> None:
    closed = demo_cli("round", "close", KEY)
    assert closed.exit_code == 0, closed.output
    assert closed.stdout == "✓ Lukket rapporteringsrunde R1.\n"


def test_round_close_of_a_round_the_plan_never_had_is_refused(demo_cli: CLI) -> None:
    refused = demo_cli("round", "close", KEY, "--round", "R9")
    assert refused.exit_code == EXIT_INVALID
    assert refusal(refused) == f"Feil: {NO_SUCH_ROUND}"
    assert demo_cli("round", "show", KEY).output.startswith("Runde R1, ")


def test_round_close_of_a_round_closed_since_says_so_and_records_nothing(demo_cli: CLI) -> None:
    assert demo_cli("round", "close", KEY, "--round", "R1").exit_code == 0
    again = demo_cli("round", "close", KEY, "--round", "R1")
    assert again.exit_code == EXIT_REFUSED
    assert refusal(again) == (
        "Feil: Rapporteringsrunde R1 er allerede lukket, og ingen runde er åpen. "
        "Ingenting er lagret."
    )


def test_round_schedule_of_a_round_replaced_since_changes_nothing(demo_cli: CLI) -> None:
    assert demo_cli("round", "close", KEY, "--round", "R1").exit_code == 0
    opened = demo_cli("--decision", "ASU sak 40/24", "round", "open", KEY,
                      "--deadline", "11.09.2025", "--body", "Sekretariat")  # fmt: skip
    assert opened.exit_code == 0, opened.output
    refused = demo_cli("round", "schedule", KEY, "--remind", "7", "--round", "R1")
    assert refused.exit_code == EXIT_CONFLICT
    assert refusal(refused) == (
        "Feil: Rapporteringsrunde R1 er lukket, og runde R2 er åpnet etter at du hentet den. "
        "Ingenting er lagret. Se over påminnelsene i runde R2, og endre dem om du fortsatt vil."
    )
    shown = demo_cli("round", "show", KEY)
    assert shown.output.splitlines()[0] == (
        "Runde R2, frist 11.09.2025. Påminnelser: 14 dager før fristen, 3 dager før fristen, "
        "1 dag etter fristen."
    )
    changed = demo_cli("round", "schedule", KEY, "--remind", "7", "--round", "R2")
    assert changed.stdout == "✓ Påminnelser: 7 dager før fristen.\n"


def test_round_schedule_of_reminders_changed_since_changes_nothing_naming_who(
    demo_cli: CLI,
) -> None:
    first = demo_cli("round", "schedule", KEY, "--remind", "7", "--replacing", "14,3,-1")
    assert first.stdout == "✓ Påminnelser: 7 dager før fristen.\n", first.output
    refused = demo_cli("round", "schedule", KEY, "--remind", "-1", "--replacing", "14,3,-1")
    assert refused.exit_code == EXIT_CONFLICT
    today = oslo_today().strftime("%d.%m.%Y")
    assert refusal(refused) == (
        f"Feil: Påminnelsene i runde R1 ble endret av Kari {today} etter at du hentet dem: "
        "de er nå 7 dager før fristen, ikke 14 dager før fristen, 3 dager før fristen, 1 dag "
        "etter fristen. Ingenting er lagret. Se over påminnelsene, og endre på nytt om du vil."
    )
    none = demo_cli("round", "schedule", KEY, "--remind", "", "--replacing", "7")
    assert none.stdout == "✓ Påminnelser: ingen.\n", none.output
    again = demo_cli("round", "schedule", KEY, "--remind", "3", "--replacing", "")
    assert again.stdout == "✓ Påminnelser: 3 dager før fristen.\n", again.output

"""Correcting the day a draft was sent on hearing, from the command line (`planlogg hearing
redate`) and the JSON API (`POST /api/plans/<key>/hearing/sent-on`): the day read is always
said (exit 3, 422 when it is left out while a day is recorded), so a correction made since
is refused (exit 6, 409); the rules a hearing is sent with
hold (exit 3, 422); a correction says why; `hearing show`, the API's hearing and the history
show the new day.

The demo's hearing of version 1 (adopted) was sent 17.01.2022 with the deadline 15.02.2022."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from tests.domain.test_hearing_sent_date import store_as_version_2
from tests.web.conftest import KEY, caught_up, event_count, refusal
from web.cli import EXIT_CONFLICT, EXIT_INVALID, EXIT_REFUSED

Auth = Callable[[str], dict[str, str]]


# --- the command line -----------------------------------------------------------------------


def test_redate_corrects_the_day_read_and_show_and_history_say_it(demo_cli) -> None:
    done = demo_cli("hearing", "redate", DEMO_PLAN, "--date", "20.01.2022",
                    "--replacing", "17.01.2022",
                    "--reason", "Feil dato i saksframlegget")  # fmt: skip
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    assert done.stdout.strip() == (
        f"✓ Dagen høringen av versjon 1 av {DEMO_PLAN} ble sendt, er rettet fra 17.01.2022 til "
        "20.01.2022."
    )
    shown = demo_cli("hearing", "show", DEMO_PLAN)
    assert ", frist 15.02.2022, sendt 20.01.2022 av Sekretariatet" in shown.stdout
    rows = json.loads(demo_cli("history", DEMO_PLAN, "--field", "sendt på høring", "--json").stdout)
    assert [(r["before"], r["after"], r["actor"], r["reason"]) for r in rows] == [
        ("", "2022-01-17", "Sekretariatet", "Demodata"),
        ("2022-01-17", "2022-01-20", "Kari", "Feil dato i saksframlegget"),
    ]


def test_redate_keeps_its_own_reason_over_one_given_before_the_command(demo_cli) -> None:
    done = demo_cli("--reason", "Rydding", "hearing", "redate", DEMO_PLAN, "--date", "20.01.2022",
                    "--replacing", "17.01.2022", "--reason", "Feil dato")  # fmt: skip
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    rows = json.loads(demo_cli("history", DEMO_PLAN, "--field", "sendt på høring", "--json").stdout)
    assert [(r["after"], r["reason"]) for r in rows] == [
        ("2022-01-17", "Demodata"),
        ("2022-01-20", "Feil dato"),
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ("--date", "20.01.2022", "--reason", "Feil dato"),
            EXIT_INVALID,
            "Høringen av versjon 1 er registrert sendt 17.01.2022. Ingenting er lagret. Oppgi "
            "dagen du retter, så ingen annens rettelse blir erstattet uten at du har sett den.",
        ),
        (
            ("--date", "20.01.2022", "--replacing", "18.01.2022", "--reason", "Feil dato"),
            EXIT_CONFLICT,
            "Høringen av versjon 1 er registrert sendt 17.01.2022 nå, ikke 18.01.2022 som da du "
            "hentet den. Ingenting er lagret. Se over datoen, og rett den på nytt om du fortsatt "
            "vil.",
        ),
        (
            ("--date", "17.01.2022", "--replacing", "17.01.2022", "--reason", "Feil dato"),
            EXIT_REFUSED,
            "Høringen av versjon 1 er allerede registrert sendt 17.01.2022. Ingenting er endret.",
        ),
        (
            ("--date", "16.02.2022", "--replacing", "17.01.2022", "--reason", "Feil dato"),
            EXIT_INVALID,
            "Planen kan ikke være sendt på høring 16.02.2022: høringsfristen den ble sendt med, "
            "er 15.02.2022.",
        ),
        (
            ("--date", "20.01.2022", "--replacing", "17.01.2022", "--reason", " "),
            EXIT_INVALID,
            "Begrunnelsen må fylles ut.",
        ),
    ],
    ids=["day-read-not-said", "day-read-another", "same-day", "after-deadline", "no-reason"],
)
def test_redate_refuses_with_its_exit_code_and_records_nothing(
    demo_cli, args: tuple[str, ...], code: int, message: str
) -> None:
    app = Planlogg.from_url(demo_cli.url)
    try:
        before = event_count(app)
    finally:
        app.close()
    refused = demo_cli("hearing", "redate", DEMO_PLAN, *args)
    assert refused.exit_code == code, refused.output
    assert refusal(refused) == f"Feil: {message}"
    app = Planlogg.from_url(demo_cli.url)
    try:
        assert event_count(app) == before
    finally:
        app.close()


def test_redate_gives_a_day_to_a_hearing_recorded_without_it(demo_cli) -> None:
    app = Planlogg.from_url(demo_cli.url)
    try:
        store_as_version_2(app, DEMO_PLAN, date(2025, 3, 15), datetime(2025, 3, 3, 9, tzinfo=UTC))
    finally:
        app.close()
    done = demo_cli("hearing", "redate", DEMO_PLAN, "--date", "24.02.2025",
                    "--reason", "Dagen sto ikke i registreringen")  # fmt: skip
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    assert done.stdout.strip() == (
        f"✓ Høringen av versjon 2 av {DEMO_PLAN} er registrert sendt 24.02.2025."
    )
    data = json.loads(demo_cli("hearing", "show", DEMO_PLAN, "--json").stdout)["hearing"]
    assert (data["version"], data["sent_on"]) == (2, "2025-02-24")


# --- the JSON API ---------------------------------------------------------------------------


def test_the_api_corrects_the_day_and_refuses_one_corrected_since(
    client: FlaskClient, auth: Auth, web: Flask, demo_app: Planlogg
) -> None:
    path = f"/api/plans/{KEY}/hearing/sent-on"
    done = client.post(path, json={"sent_on": "2022-01-20", "replaces": "2022-01-17", "version": 1,
                                  "reason": "Feil dato i saksframlegget"},
                      headers=auth("editor"))  # fmt: skip
    assert done.status_code == 200, done.json
    assert done.json == {
        "done": "Høringen av versjon 1 er registrert sendt 20.01.2022.",
        "key": KEY,
        "version": 1,
    }
    before = event_count(demo_app)
    stale = client.post(path, json={"sent_on": "2022-01-18", "replaces": "2022-01-17",
                                   "reason": "Feil dato"}, headers=auth("editor"))  # fmt: skip
    assert stale.status_code == 409, stale.json
    assert stale.json["error"]["kind"] == "conflict"
    assert stale.json["error"]["message"] == (
        "Høringen av versjon 1 er registrert sendt 20.01.2022 nå, ikke 17.01.2022 som da du "
        "hentet den. Ingenting er lagret. Se over datoen, og rett den på nytt om du fortsatt vil."
    )
    unsaid = client.post(path, json={"sent_on": "2022-01-18", "reason": "Feil dato"},
                        headers=auth("editor"))  # fmt: skip
    assert unsaid.status_code == 422, unsaid.json
    assert unsaid.json["error"]["fields"] == {"replaces": ["Feltet må fylles ut."]}
    late = client.post(path, json={"sent_on": "2022-02-16", "replaces": "2022-01-20",
                                  "reason": "Feil dato"}, headers=auth("editor"))  # fmt: skip
    assert late.status_code == 422, late.json
    reasonless = client.post(path, json={"sent_on": "2022-01-18", "replaces": "2022-01-20"},
                            headers=auth("editor"))  # fmt: skip
    assert reasonless.status_code == 422, reasonless.json
    assert reasonless.json["error"]["fields"] == {"reason": ["Feltet må fylles ut."]}
    assert event_count(demo_app) == before
    caught_up(web)
    listed = client.get(f"/api/plans/{KEY}/hearings", headers=auth("auditor")).json
    assert [(h["version"], h["sent_on"]) for h in listed] == [(1, "2022-01-20")]


def test_the_api_gives_a_day_to_a_hearing_recorded_without_it_with_replaces_null(
    client: FlaskClient, auth: Auth, web: Flask, demo_app: Planlogg
) -> None:
    store_as_version_2(demo_app, KEY, date(2025, 3, 15), datetime(2025, 3, 3, 9, tzinfo=UTC))
    path = f"/api/plans/{KEY}/hearing/sent-on"
    given = client.post(path, json={"sent_on": "2025-02-24", "replaces": None,
                                   "reason": "Dagen sto ikke i registreringen"},
                       headers=auth("editor"))  # fmt: skip
    assert given.status_code == 200, given.json
    assert given.json["version"] == 2
    caught_up(web)
    hearing = client.get(f"/api/plans/{KEY}/hearings/2", headers=auth("auditor")).json["hearing"]
    assert hearing["sent_on"] == "2025-02-24"


def test_only_editors_correct_and_the_api_documents_it(
    client: FlaskClient, auth: Auth, demo_app: Planlogg
) -> None:
    before = event_count(demo_app)
    refused = client.post(f"/api/plans/{KEY}/hearing/sent-on",
                         json={"sent_on": "2022-01-20", "replaces": "2022-01-17", "reason": "x"},
                         headers=auth("auditor"))  # fmt: skip
    assert refused.status_code == 403, refused.json
    assert event_count(demo_app) == before
    spec = client.get("/api/openapi.json").json
    operation = spec["paths"]["/api/plans/{key}/hearing/sent-on"]["post"]
    assert operation["summary"] == "Rett dagen utkastet ble sendt på høring"

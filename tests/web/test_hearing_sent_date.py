"""The day a draft was sent on hearing, from the command line (`hearing send --date`) and
the JSON API (`sent_on`): refused after today and after the deadline, no response dated
before it, and shown where the hearing's deadline is shown (`hearing show`, the API's
hearings, the auditors' hearing and comparison pages, the history).

A hearing recorded before the sent date was kept (`SentOnHearing` version 2) did not say it:
the API gives `sent_on: null`, the history has no row for it, and `hearing show` and the
hearing page say that the day is not given, and when the hearing was recorded; the comparison
page leaves the «sendt» part out."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.dates import format_norwegian_date
from domain.demo import DEMO_PLAN
from domain.norwegian_time import format_oslo_date, oslo_today
from tests.domain.test_hearing_sent_date import store_as_version_2
from tests.web.conftest import KEY, caught_up, event_count
from tests.web.test_audit_pages import log_in
from web.cli import EXIT_INVALID, EXIT_NOT_FOUND
from web.templating import norwegian_time

Auth = Callable[[str], dict[str, str]]


def days_now() -> tuple[date, date]:
    """Today and tomorrow in Norway, read when a test runs (not when it is collected: a run
    that crosses midnight in Oslo would otherwise expect yesterday)."""
    today = oslo_today()
    return today, today + timedelta(days=1)


RECORDED = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
"""When the version-2 hearing was recorded (mailed 24.02.2025, it did not say so)."""


# --- the command line -----------------------------------------------------------------------


def test_hearing_send_takes_the_day_it_was_sent_and_show_names_it(demo_cli) -> None:
    sent = demo_cli("hearing", "send", DEMO_PLAN, "--deadline", "01.03.2025",
                    "--date", "03.02.2025", "--to", "Trondheim kommune")  # fmt: skip
    assert (sent.exit_code, sent.stderr) == (0, ""), sent.output
    responded = demo_cli("hearing", "respond", DEMO_PLAN, "--from", "Trondheim kommune",
                         "--text", "Ok.", "--date", "03.02.2025")  # fmt: skip
    assert responded.exit_code == 0, responded.output
    shown = demo_cli("hearing", "show", DEMO_PLAN)
    assert shown.exit_code == 0, shown.output
    assert ", frist 01.03.2025, sendt 03.02.2025 av Kari" in shown.stdout
    data = json.loads(demo_cli("hearing", "show", DEMO_PLAN, "--json").stdout)["hearing"]
    assert data["sent_on"] == "2025-02-03"


def test_hearing_send_after_today_is_refused_with_exit_3(demo_cli) -> None:
    today, tomorrow = days_now()
    refused = demo_cli("hearing", "send", DEMO_PLAN, "--deadline",
                       format_norwegian_date(tomorrow + timedelta(days=30)),
                       "--date", format_norwegian_date(tomorrow))  # fmt: skip
    assert refused.exit_code == EXIT_INVALID, refused.output
    assert (
        f"Planen kan ikke være sendt på høring {format_norwegian_date(tomorrow)}, som er etter "
        f"dagens dato ({format_norwegian_date(today)})."
    ) in " ".join(refused.stderr.split())
    assert demo_cli("hearing", "show", DEMO_PLAN, "--version", "2").exit_code == EXIT_NOT_FOUND


def test_hearing_send_with_a_deadline_before_the_day_sent_is_refused_with_exit_3(demo_cli) -> None:
    refused = demo_cli("hearing", "send", DEMO_PLAN, "--deadline", "01.02.2025",
                       "--date", "03.02.2025")  # fmt: skip
    assert refused.exit_code == EXIT_INVALID, refused.output
    assert (
        "Høringsfristen kan ikke være 01.02.2025: planen ble sendt på høring 03.02.2025."
    ) in " ".join(refused.stderr.split())


def test_a_response_dated_before_the_draft_was_sent_is_refused_with_exit_3(demo_cli) -> None:
    sent = demo_cli(
        "hearing", "send", DEMO_PLAN, "--deadline", "01.03.2025", "--date", "03.02.2025"
    )
    assert sent.exit_code == 0, sent.output
    refused = demo_cli("hearing", "respond", DEMO_PLAN, "--from", "PKO", "--text", "Tidleg.",
                       "--date", "02.02.2025")  # fmt: skip
    assert refused.exit_code == EXIT_INVALID, refused.output
    assert (
        "En uttalelse kan ikke ha kommet inn 02.02.2025: planen ble sendt på høring 03.02.2025."
    ) in " ".join(refused.stderr.split())


def test_hearing_show_says_when_a_version_2_hearing_was_recorded(demo_cli) -> None:
    app = Planlogg.from_url(demo_cli.url)
    try:
        store_as_version_2(app, DEMO_PLAN, date(2025, 3, 15), RECORDED, ("PKO",))
    finally:
        app.close()
    responded = demo_cli("hearing", "respond", DEMO_PLAN, "--from", "PKO", "--text", "Ok.",
                         "--date", "28.02.2025")  # fmt: skip
    assert responded.exit_code == 0, responded.output
    shown = demo_cli("hearing", "show", DEMO_PLAN)
    assert shown.exit_code == 0, shown.output
    assert (
        f", frist 15.03.2025, sendt (dag ikke oppgitt; registrert {format_oslo_date(RECORDED)}) "
        "av Siri Sekretær"
    ) in shown.stdout
    data = json.loads(demo_cli("hearing", "show", DEMO_PLAN, "--json").stdout)["hearing"]
    assert (data["sent_on"], data["deadline"]) == (None, "2025-03-15")


# --- the JSON API ---------------------------------------------------------------------------


def test_the_api_sends_on_the_day_given_and_refuses_a_response_before_it(
    client: FlaskClient, auth: Auth, web: Flask, demo_app: Planlogg
) -> None:
    sent = client.post(f"/api/plans/{KEY}/hearing",
                       json={"deadline": "2025-03-01", "sent_on": "2025-02-03"},
                       headers=auth("approver"))  # fmt: skip
    assert sent.status_code == 200, sent.json
    before = event_count(demo_app)
    early = client.post(f"/api/plans/{KEY}/hearing/responses",
                        json={"respondent": "PKO", "text": "Tidleg.", "received_on": "2025-02-02"},
                        headers=auth("editor"))  # fmt: skip
    assert early.status_code == 422, early.json
    assert early.json["error"]["message"] == (
        "En uttalelse kan ikke ha kommet inn 02.02.2025: planen ble sendt på høring 03.02.2025."
    )
    assert event_count(demo_app) == before
    caught_up(web)
    listed = client.get(f"/api/plans/{KEY}/hearings", headers=auth("auditor")).json
    assert [(h["version"], h["sent_on"]) for h in listed] == [(1, "2022-01-17"), (2, "2025-02-03")]
    beside = client.get(f"/api/plans/{KEY}/hearings/2", headers=auth("auditor")).json
    assert beside["hearing"]["sent_on"] == "2025-02-03"
    rows = client.get(f"/api/plans/{KEY}/history?field=hearing_sent_on",
                      headers=auth("auditor")).json["rows"]  # fmt: skip
    assert [(r["before"], r["after"]) for r in rows] == [("", "2022-01-17"), ("", "2025-02-03")]


@pytest.mark.parametrize(
    "case",
    [
        lambda today, tomorrow: (
            {"deadline": (tomorrow + timedelta(days=30)).isoformat(),
             "sent_on": tomorrow.isoformat()},
            f"Planen kan ikke være sendt på høring {format_norwegian_date(tomorrow)}, som er "
            f"etter dagens dato ({format_norwegian_date(today)}).",
        ),
        lambda today, tomorrow: (
            {"deadline": "2025-02-01", "sent_on": "2025-02-03"},
            "Høringsfristen kan ikke være 01.02.2025: planen ble sendt på høring 03.02.2025.",
        ),
        lambda today, tomorrow: (
            {"deadline": "2025-02-01"},
            f"Høringsfristen kan ikke være 01.02.2025: planen ble sendt på høring "
            f"{format_norwegian_date(today)}.",
        ),
    ],
    ids=["sent-after-today", "deadline-before-sent", "deadline-passed-sent-today"],
)  # fmt: skip
def test_the_api_refuses_a_sent_date_that_cannot_be_with_422(
    client: FlaskClient,
    auth: Auth,
    demo_app: Planlogg,
    case: Callable[[date, date], tuple[dict[str, str], str]],
) -> None:
    body, message = case(*days_now())
    before = event_count(demo_app)
    refused = client.post(f"/api/plans/{KEY}/hearing", json=body, headers=auth("approver"))
    assert refused.status_code == 422, refused.json
    assert refused.json["error"]["message"] == message
    assert event_count(demo_app) == before


def test_the_api_documents_the_sent_date(client: FlaskClient) -> None:
    schemas = client.get("/api/openapi.json").json["components"]["schemas"]
    assert "sent_on" in schemas["HearingDoc"]["properties"]
    sent_on = schemas["Hearing"]["properties"]["sent_on"]
    assert "ÅÅÅÅ-MM-DD" in sent_on["description"]
    assert "sent_on" not in schemas["Hearing"].get("required", [])


# --- the auditors' pages --------------------------------------------------------------------


def test_the_auditors_pages_say_the_day_the_draft_was_sent(
    client: FlaskClient, auth: Auth, tokens: dict[str, str], web: Flask
) -> None:
    sent = client.post(f"/api/plans/{KEY}/hearing",
                       json={"deadline": "2025-03-01", "sent_on": "2025-02-03"},
                       headers=auth("approver"))  # fmt: skip
    assert sent.status_code == 200, sent.json
    caught_up(web)
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/horinger/2").get_data(as_text=True)
    assert "Sendt på høring 03.02.2025 av " in page
    compared = client.get(f"/revisjon/{KEY}/endringer").get_data(as_text=True)
    assert "sendt 03.02.2025, frist 01.03.2025" in compared
    assert "sendt 17.01.2022, frist 15.02.2022" in compared


def test_a_version_2_hearing_has_no_sent_date_in_the_api_the_history_or_the_comparison(
    client: FlaskClient, auth: Auth, tokens: dict[str, str], web: Flask, demo_app: Planlogg
) -> None:
    store_as_version_2(demo_app, KEY, date(2025, 3, 15), RECORDED, ("PKO",))
    caught_up(web)
    listed = client.get(f"/api/plans/{KEY}/hearings", headers=auth("auditor")).json
    assert [(h["version"], h["sent_on"]) for h in listed] == [(1, "2022-01-17"), (2, None)]
    beside = client.get(f"/api/plans/{KEY}/hearings/2", headers=auth("auditor")).json
    assert beside["hearing"]["sent_on"] is None
    rows = client.get(f"/api/plans/{KEY}/history?field=hearing_sent_on",
                      headers=auth("auditor")).json["rows"]  # fmt: skip
    assert [(r["before"], r["after"]) for r in rows] == [("", "2022-01-17")]
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/horinger/2").get_data(as_text=True)
    assert (
        f"Sendt på høring (dag ikke oppgitt; registrert {norwegian_time(RECORDED)}) av "
        "Siri Sekretær, frist 15.03.2025."
    ) in page
    compared = client.get(f"/revisjon/{KEY}/endringer").get_data(as_text=True)
    assert "</a>: frist 15.03.2025, 0 uttalelser" in compared
    assert "sendt 17.01.2022, frist 15.02.2022" in compared

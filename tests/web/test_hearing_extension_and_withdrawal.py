"""Extending a hearing's deadline and withdrawing a response registered by mistake, from the
command line (`planlogg hearing extend/withdraw`, `hearing show`), the JSON API and the
auditors' hearing page. The deadline in force is shown with the one sent; a withdrawn
response is shown as such, with why, and is no longer counted."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.dates import format_norwegian_date
from domain.demo import DEMO_PLAN
from domain.norwegian_time import oslo_today
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up, event_count, send_demo_on_hearing
from tests.web.test_audit_pages import log_in
from web.cli import EXIT_CONFLICT, EXIT_INVALID, EXIT_REFUSED, cli

SECRETARIAT = Provenance("Siri Sekretær", Source.CLI, reason="høyring")


def today_shown() -> str:
    """Today in Norway as the pages write it, read when the test runs (not when it is
    collected: a run that crosses midnight in Oslo would expect yesterday)."""
    return format_norwegian_date(oslo_today())


Auth = Callable[[str], dict[str, str]]


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def run(sqlite_url: str, monkeypatch: pytest.MonkeyPatch):
    """`planlogg` on the demo sent on hearing to 01.03.2025, with one response in time (F1)
    and one late (F2); lines are not wrapped at a terminal's width."""
    monkeypatch.setenv("COLUMNS", "250")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    assert invoke("demo").exit_code == 0
    sent = invoke("hearing", "send", DEMO_PLAN, "--deadline", "01.03.2025", "--date", "03.02.2025",
                  "--to", "Trondheim kommune", "--to", "PKO")  # fmt: skip
    assert sent.exit_code == 0, sent.output
    for who, day in (("Trondheim kommune", "01.03.2025"), ("PKO", "04.03.2025")):
        responded = run_ok(invoke, "hearing", "respond", DEMO_PLAN, "--from", who,
                           "--text", "Ok.", "--date", day)  # fmt: skip
        assert responded.exit_code == 0, responded.output
    return invoke


def run_ok(invoke, *args: str):  # type: ignore[no-untyped-def]
    done = invoke(*args)
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    return done


def test_hearing_extend_moves_the_deadline_and_show_names_the_one_sent(run) -> None:
    extended = run_ok(run, "hearing", "extend", DEMO_PLAN, "--deadline", "10.03.2025")
    assert extended.stdout == (
        f"✓ Høringsfristen for {DEMO_PLAN} er forlenget fra 01.03.2025 til 10.03.2025.\n"
    )
    shown = run_ok(run, "hearing", "show", DEMO_PLAN).stdout
    assert ", frist 10.03.2025 (forlenget fra 01.03.2025), sendt " in shown
    assert "F2 PKO, 04.03.2025: Ok." in shown
    assert "etter fristen" not in shown
    data = json.loads(run_ok(run, "hearing", "show", DEMO_PLAN, "--json").stdout)["hearing"]
    assert (data["deadline"], data["original_deadline"]) == ("2025-03-10", "2025-03-01")
    assert [r["late"] for r in data["responses"]] == [False, False]


def test_hearing_extend_to_a_day_not_after_the_deadline_or_over_one_unseen_is_refused(
    run,
) -> None:
    refused = run("hearing", "extend", DEMO_PLAN, "--deadline", "01.03.2025")
    assert refused.exit_code == EXIT_INVALID
    assert "Den nye høringsfristen må være etter fristen som gjelder nå (01.03.2025)" in (
        refused.stderr
    )
    run_ok(run, "hearing", "extend", DEMO_PLAN, "--deadline", "10.03.2025",
           "--replacing", "01.03.2025")  # fmt: skip
    unseen = run("hearing", "extend", DEMO_PLAN, "--deadline", "15.03.2025",
                 "--replacing", "01.03.2025")  # fmt: skip
    assert unseen.exit_code == EXIT_CONFLICT
    assert "Høringsfristen er 10.03.2025 nå, ikke 01.03.2025" in unseen.stderr
    assert (
        "frist 10.03.2025 (forlenget fra 01.03.2025)"
        in run_ok(run, "hearing", "show", DEMO_PLAN).stdout
    )


def test_hearing_withdraw_keeps_the_response_shown_as_withdrawn_and_counts_it_no_more(
    run,
) -> None:
    withdrawn = run_ok(run, "hearing", "withdraw", DEMO_PLAN, "f2",
                       "--reason", "Gjaldt ein annan plan.")  # fmt: skip
    assert withdrawn.stdout == "✓ Uttalelse F2 fra PKO er trukket tilbake.\n"
    shown = run_ok(run, "hearing", "show", DEMO_PLAN).stdout
    assert "Uttalelser: 1, uten svar: 1, trukket tilbake: 1\n" in shown
    assert (
        "F2 PKO, 04.03.2025 (etter fristen, trukket tilbake): Ok.\n"
        f"  Trukket tilbake {today_shown()} av Kari: Gjaldt ein annan plan.\n"
    ) in shown
    answered = run("hearing", "answer", DEMO_PLAN, "F2", "--text", "Takk.")
    assert answered.exit_code == EXIT_REFUSED
    assert "er trukket tilbake" in answered.stderr
    again = run("hearing", "withdraw", DEMO_PLAN, "F2", "--reason", "To gonger.")
    assert again.exit_code == EXIT_REFUSED
    assert "allerede trukket tilbake" in again.stderr
    responded = run_ok(run, "hearing", "respond", DEMO_PLAN, "--from", "PKO", "--text", "Ok.")
    assert "Registrerte uttalelse F3 fra PKO." in responded.stdout
    data = json.loads(run_ok(run, "hearing", "show", DEMO_PLAN, "--json").stdout)["hearing"]
    assert [(r["id"], r["withdrawal"] is not None) for r in data["responses"]] == [
        ("F1", False),
        ("F2", True),
        ("F3", False),
    ]
    assert data["unanswered"] == 2


def test_hearing_withdraw_needs_a_reason(run) -> None:
    refused = run("hearing", "withdraw", DEMO_PLAN, "F2")
    assert refused.exit_code == 2
    assert "--reason" in refused.stderr


def test_the_withdrawal_s_reason_is_the_history_s_reason_unless_one_is_given(
    run, sqlite_url: str
) -> None:
    run_ok(run, "hearing", "withdraw", DEMO_PLAN, "F2", "--reason", "Feil organ.")
    history = json.loads(
        run_ok(run, "history", DEMO_PLAN, "--field", "hearing_withdrawn_F2", "--json").stdout
    )
    assert [(r["field"], r["after"], r["reason"]) for r in history] == [
        ("hearing_withdrawn_F2", "Feil organ.", "Feil organ."),
    ]


# --- the JSON API -----------------------------------------------------------------------------


def on_hearing_with_two_responses(app: Planlogg) -> None:
    send_demo_on_hearing(app, SECRETARIAT)
    app.receive_hearing_response(KEY, "Trondheim kommune", "Nemn fastlegane.", SECRETARIAT,
                                 received_on=date(2025, 2, 20))  # fmt: skip
    app.receive_hearing_response(KEY, "Trondheim kommune", "Nemn fastlegane.", SECRETARIAT,
                                 received_on=date(2025, 2, 20))  # fmt: skip


def test_the_api_extends_the_deadline_refusing_one_changed_since_it_was_read(
    client: FlaskClient, auth: Auth, web: Flask, demo_app: Planlogg
) -> None:
    on_hearing_with_two_responses(demo_app)
    path = f"/api/plans/{KEY}/hearing/deadline"
    extended = client.post(path, json={"deadline": "2025-03-10", "replaces": "2025-03-01",
                                       "reason": "Kommunane bad om meir tid."},
                           headers=auth("editor"))  # fmt: skip
    assert extended.status_code == 200, extended.json
    assert extended.json == {
        "done": f"Høringsfristen for {KEY} er forlenget fra 01.03.2025 til 10.03.2025.",
        "key": KEY,
    }
    before = event_count(demo_app)
    stale = client.post(path, json={"deadline": "2025-03-20", "replaces": "2025-03-01"},
                        headers=auth("editor"))  # fmt: skip
    assert stale.status_code == 409, stale.json
    assert stale.json["error"]["kind"] == "conflict"
    assert stale.json["error"]["message"].startswith("Høringsfristen er 10.03.2025 nå")
    earlier = client.post(path, json={"deadline": "2025-03-05"}, headers=auth("editor"))
    assert earlier.status_code == 422, earlier.json
    assert event_count(demo_app) == before
    caught_up(web)
    listed = client.get(f"/api/plans/{KEY}/hearings", headers=auth("auditor")).json[-1]
    assert (listed["deadline"], listed["original_deadline"]) == ("2025-03-10", "2025-03-01")
    rows = client.get(f"/api/plans/{KEY}/history?field=hearing_deadline",
                      headers=auth("auditor")).json["rows"]  # fmt: skip
    assert [(r["before"], r["after"], r["reason"]) for r in rows][-1] == (
        "2025-03-01",
        "2025-03-10",
        "Kommunane bad om meir tid.",
    )


def test_the_api_withdraws_a_response_once_and_it_is_answered_no_more(
    client: FlaskClient, auth: Auth, web: Flask, demo_app: Planlogg
) -> None:
    on_hearing_with_two_responses(demo_app)
    path = f"/api/plans/{KEY}/hearing/responses/f2/withdrawal"
    missing = client.post(path, json={}, headers=auth("editor"))
    assert missing.status_code == 422, missing.json
    withdrawn = client.post(path, json={"reason": "Registrert to gonger (sjå F1)."},
                            headers=auth("editor"))  # fmt: skip
    assert withdrawn.status_code == 200, withdrawn.json
    assert withdrawn.json == {
        "done": "Uttalelse F2 fra Trondheim kommune er trukket tilbake.",
        "key": KEY,
        "response_id": "F2",
    }
    before = event_count(demo_app)
    again = client.post(path, json={"reason": "To gonger."}, headers=auth("editor"))
    assert again.status_code == 409, again.json
    assert again.json["error"]["kind"] == "rule"
    answered = client.post(f"/api/plans/{KEY}/hearing/responses/F2/answer",
                           json={"text": "Takk."}, headers=auth("editor"))  # fmt: skip
    assert answered.status_code == 409, answered.json
    assert event_count(demo_app) == before
    caught_up(web)
    hearing = client.get(f"/api/plans/{KEY}/hearings/2", headers=auth("auditor")).json["hearing"]
    assert hearing["unanswered"] == 1
    second = hearing["responses"][1]
    assert second["withdrawal"] == {
        "reason": "Registrert to gonger (sjå F1).",
        "withdrawn_on": oslo_today().isoformat(),
        "withdrawn_by": "Erik Redaktør",
    }


def test_the_api_documents_extending_and_withdrawing(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").json
    assert "post" in spec["paths"]["/api/plans/{key}/hearing/deadline"]
    assert "post" in spec["paths"]["/api/plans/{key}/hearing/responses/{response_id}/withdrawal"]
    schemas = spec["components"]["schemas"]
    assert "original_deadline" in schemas["HearingDoc"]["properties"]
    assert "withdrawal" in schemas["HearingResponseDoc"]["properties"]
    assert schemas["HearingWithdrawCommand"]["required"] == ["reason"]
    assert "replaces" in schemas["HearingExtendCommand"]["properties"]


# --- the auditors' hearing page ---------------------------------------------------------------


def test_the_hearing_page_shows_the_deadline_in_force_and_a_withdrawn_response_struck(
    client: FlaskClient, tokens, web: Flask, demo_app: Planlogg
) -> None:
    on_hearing_with_two_responses(demo_app)
    demo_app.extend_hearing_deadline(KEY, date(2025, 3, 10), SECRETARIAT)
    demo_app.withdraw_hearing_response(KEY, "F2", "Registrert to gonger.", SECRETARIAT)
    caught_up(web)
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/horinger/2").get_data(as_text=True)
    assert "frist 10.03.2025 (forlenget fra 01.03.2025)." in page
    assert "1 uttalelse, 1 trukket tilbake, 1 uten svar." in page
    assert '<article class="response withdrawn" id="uttalelse-F2">' in page
    assert "<del>Nemn fastlegane.</del>" in page
    assert (
        f"<strong>Trukket tilbake</strong> ({today_shown()}, Siri Sekretær): Registrert to gonger."
    ) in page
    assert page.count("Ikke besvart.") == 1


def test_the_changes_page_counts_the_hearings_responses_without_the_withdrawn(
    client: FlaskClient, tokens, web: Flask, demo_app: Planlogg
) -> None:
    on_hearing_with_two_responses(demo_app)
    demo_app.withdraw_hearing_response(KEY, "F2", "Registrert to gonger.", SECRETARIAT)
    caught_up(web)
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/endringer").get_data(as_text=True)
    assert "frist 01.03.2025, 1 uttalelse (1 uten svar)" in page

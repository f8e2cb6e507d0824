"""Confirming a «kanskje sendt» reminder names the attempt its user saw, checked inside the
save: one who saw attempt 1 does not confirm attempt 2 while its resend is in flight (or
after it). Required from the dashboard's form (it carries it hidden), optional on the API
and `round confirm-sent --attempt N`; a reminder that has moved on is refused (409, exit 6)
with nothing recorded."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.errors import ConcurrentEditError, RuleError
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from tests.web.conftest import KEY, event_count
from tests.web.test_api_reminders import CONFIRM as API_CONFIRM
from tests.web.test_api_reminders import bearer
from tests.web.test_reminder_buttons import (
    CONFIRM,
    DASHBOARD,
    SECRETARIAT,
    SYSTEM,
    editor,
    maybe_sent,
    press,
    reminder,
    secretariat_id,
)
from web.cli import EXIT_CONFLICT
from web.tokens import Role

MOVED_ON = (
    "Påminnelsen til Sekretariat (1 dag etter fristen) er sendt på nytt siden du hentet den "
    "(nå forsøk 2). Ingenting er lagret. Se over påminnelsen, og bekreft på nytt om du "
    "fortsatt vil."
)


def resend_in_flight(app: Planlogg, body: str) -> None:
    """Attempt 2 intended: its hand-over not yet answered."""
    assert app.intend_reminder(KEY, "R1", body, -1, (SECRETARIAT,), SYSTEM, resend=True) == 2


# --- API ---------------------------------------------------------------------------------


def test_the_api_confirms_the_attempt_seen(mailing_demo: tuple[Flask, Planlogg]) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    response = web.test_client().post(
        API_CONFIRM, json={"body": body, "step": -1, "attempt": 1},
        headers=bearer(web, Role.EDITOR),
    )  # fmt: skip
    assert response.status_code == 200, response.json
    assert (response.json["reminder_status"], response.json["attempt"]) == ("confirmed", 1)


def test_the_api_refuses_an_attempt_the_reminder_moved_on_from(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    resend_in_flight(app, body)
    before = event_count(app)
    response = web.test_client().post(
        API_CONFIRM, json={"body": body, "step": -1, "attempt": 1},
        headers=bearer(web, Role.EDITOR),
    )  # fmt: skip
    assert response.status_code == 409, response.json
    assert response.json["error"]["message"] == MOVED_ON
    assert event_count(app) == before
    found = reminder(app, body)
    assert (found.status, found.attempt) == (ReminderStatus.INTENDED, 2)


def test_the_api_without_attempt_confirms_the_one_standing(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    resend_in_flight(app, body)
    response = web.test_client().post(
        API_CONFIRM, json={"body": body, "step": -1}, headers=bearer(web, Role.EDITOR)
    )
    assert response.status_code == 200, response.json
    assert response.json["attempt"] == 2


def test_the_document_names_the_attempt_a_confirmation_takes(web: Flask) -> None:
    spec = web.test_client().get("/api/openapi.json").json
    schema = spec["components"]["schemas"]["ConfirmReminderCommand"]
    assert "attempt" in schema["properties"]
    assert "attempt" not in schema.get("required", [])


# --- the dashboard's form ----------------------------------------------------------------


def test_the_dashboard_form_carries_the_attempt_hidden(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    maybe_sent(web, app)
    page = editor(web, app).get(DASHBOARD).text
    confirm_form = page[page.index('action="/planer/') : page.index("Bekreft sendt<span")]
    assert '<input type="hidden" name="forsok" value="1">' in confirm_form


def test_the_dashboard_refuses_a_press_on_an_attempt_moved_on_from(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    client = editor(web, app)
    client.get(DASHBOARD)
    resend_in_flight(app, body)
    before = event_count(app)

    status, _, page = press(client, CONFIRM, body, forsok="1")

    assert status == 409
    assert MOVED_ON in " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert event_count(app) == before
    assert reminder(app, body).status is ReminderStatus.INTENDED


def test_the_dashboard_refuses_a_press_without_the_attempt(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    client = editor(web, app)
    before = event_count(app)

    status, _, page = press(client, CONFIRM, body)

    assert status == 422
    assert "Skjemaet mangler forsøket. Last siden på nytt." in page
    assert event_count(app) == before


# --- the command line --------------------------------------------------------------------


def test_confirm_sent_with_a_stale_attempt_exits_6(demo_cli) -> None:  # type: ignore[no-untyped-def]
    with Planlogg.from_url(demo_cli.url) as app:
        body = secretariat_id(app)
        app.intend_reminder(DEMO_PLAN, "R1", body, -1, (SECRETARIAT,), SYSTEM)
        app.intend_reminder(DEMO_PLAN, "R1", body, -1, (SECRETARIAT,), SYSTEM, resend=True)
        before = event_count(app)
    refused = demo_cli("round", "confirm-sent", DEMO_PLAN, "Sekretariat", "--step", "-1",
                       "--attempt", "1")  # fmt: skip
    assert refused.exit_code == EXIT_CONFLICT, refused.output
    assert MOVED_ON in " ".join(refused.stderr.split())
    with Planlogg.from_url(demo_cli.url) as app:
        assert event_count(app) == before
    done = demo_cli("round", "confirm-sent", DEMO_PLAN, "Sekretariat", "--step", "-1",
                    "--attempt", "2")  # fmt: skip
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    with Planlogg.from_url(demo_cli.url) as app:
        _, state = app.get_plan(DEMO_PLAN).open_round()
        found = state.reminder(body, -1)
        assert found is not None
        assert (found.status, found.attempt) == (ReminderStatus.CONFIRMED, 2)


def test_confirming_by_the_app_is_checked_inside_the_save(
    demo_app: Planlogg,
) -> None:
    by = Provenance("Kari", Source.CLI, reason="test")
    body = secretariat_id(demo_app)
    demo_app.intend_reminder(KEY, "R1", body, -1, (SECRETARIAT,), SYSTEM)
    demo_app.intend_reminder(KEY, "R1", body, -1, (SECRETARIAT,), SYSTEM, resend=True)
    before = event_count(demo_app)
    with pytest.raises(ConcurrentEditError, match=r"sendt på nytt siden du hentet den"):
        demo_app.confirm_reminder_delivered(KEY, body, -1, by, attempt=1)
    assert event_count(demo_app) == before


def test_an_attempt_seen_whose_resend_then_failed_is_told_it_cannot_be_confirmed_at_all(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    """Confirming again would not help: the refusal says what to do instead (resend)."""
    web, app = mailing_demo
    body = maybe_sent(web, app)
    resend_in_flight(app, body)
    app.record_reminder_outcome(KEY, "R1", body, -1, 2, False, "550 nei", SYSTEM)
    before = event_count(app)
    with pytest.raises(RuleError) as refused:
        app.confirm_reminder_delivered(KEY, body, -1, Provenance("Kari", Source.CLI), attempt=1)
    assert refused.value.message == (
        "Påminnelsen til Sekretariat (1 dag etter fristen) kan ikke bekreftes sendt: "
        "e-posttjeneren har svart for hver adresse. Bare en påminnelse som er «kanskje "
        "sendt», kan bekreftes; en som er «delvis sendt», feilet eller utsatt, kan sendes på "
        "nytt."
    )
    assert event_count(app) == before


def test_the_dashboard_refuses_an_attempt_below_one_as_input(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    client = editor(web, app)
    before = event_count(app)
    status, _, page = press(client, CONFIRM, body, forsok="0")
    assert status == 422
    assert "Forsøkene telles fra 1. Last siden på nytt." in page
    assert event_count(app) == before
    assert reminder(app, body).status is ReminderStatus.INTENDED

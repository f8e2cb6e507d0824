"""The dashboard's buttons that confirm or resend a reminder that is "kanskje sendt" or failed.

On SQLite and PostgreSQL, against a real SMTP server on loopback: a press is
recorded as the signed-in person's, from the web, with an audit row; a resend
is one mail and attempt 2; a reporter, a missing CSRF token and a server with no
mail server set up are refused with nothing recorded.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.people import Role
from domain.provenance import Provenance, Source
from domain.reminders import Reminder, ReminderStatus
from projections.documents import AuditQuery
from tests.notify.smtp_server import SmtpServer
from tests.web.conftest import KEY, MAIL_FROM, caught_up, event_count
from tests.web.signed_in import person_with, signed_in

SYSTEM = Provenance("Planlogg", Source.SYSTEM, reason="Påminning")
SECRETARIAT = "sekretariat@example.org"
DASHBOARD = f"/planer/{KEY}/dashbord"
CONFIRM = f"{DASHBOARD}/paaminnelser/bekreft"
RESEND = f"{DASHBOARD}/paaminnelser/send"


def secretariat_id(app: Planlogg) -> str:
    return app.body_register(DEMO_COMMUNITY).key_of("Sekretariat")


def maybe_sent(web: Flask, app: Planlogg, failed: bool = False) -> str:
    """The secretariat's after-deadline reminder, intended with no outcome (or refused)."""
    body = secretariat_id(app)
    attempt = app.intend_reminder(KEY, "R1", body, -1, (SECRETARIAT,), SYSTEM)
    if failed:
        app.record_reminder_outcome(KEY, "R1", body, -1, attempt, False, "550 Avvist", SYSTEM)
    caught_up(web)
    return body


def reminder(app: Planlogg, body: str) -> Reminder:
    _, state = app.get_plan(KEY).open_round()
    found = state.reminder(body, -1)
    assert found is not None
    return found


def editor(web: Flask, app: Planlogg, role: Role = Role.EDITOR) -> FlaskClient:
    return signed_in(web, person_with(app, role))


def csrf(client: FlaskClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(DASHBOARD).text)
    assert found
    return found[1]


def press(client: FlaskClient, url: str, body: str, **extra: str) -> tuple[int, str, str]:
    form = {"csrf_token": csrf(client), "body": body, "step": "-1", **extra}
    response = client.post(url, data=form)
    return response.status_code, response.headers.get("Location", ""), response.text


def test_an_editor_sees_both_buttons_named_for_the_body_and_step(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)

    page = editor(web, app).get(DASHBOARD).text

    assert f'<input type="hidden" name="body" value="{body}">' in page
    assert (
        'Bekreft sendt<span class="visually-hidden"> (påminnelsen til Sekretariat, '
        "1 dag etter fristen)</span></button>"
    ) in page
    assert (
        'Send på nytt<span class="visually-hidden"> (påminnelsen til Sekretariat, '
        "1 dag etter fristen)</span></button>"
    ) in page
    assert page.count('name="step" value="-1"') == 2


def test_a_failed_reminder_can_be_resent_but_not_confirmed(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    maybe_sent(web, app, failed=True)

    page = editor(web, app).get(DASHBOARD).text

    assert "1 dag etter fristen: ikke sendt (feil)" in page
    assert page.count("Send på nytt<span") == 1
    assert "Bekreft sendt<span" not in page


def test_confirming_records_the_editor_from_the_web_with_an_audit_row(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    client = editor(web, app)

    status, location, _ = press(client, CONFIRM, body, forsok="1")

    assert status == 303
    assert location == f"{DASHBOARD}?paaminnelse=bekreftet&organ={body}&steg=-1#runde"
    assert reminder(app, body).status is ReminderStatus.CONFIRMED
    page = client.get(location).text
    assert "Påminnelsen til Sekretariat (1 dag etter fristen) er bekreftet sendt." in page
    assert "1 dag etter fristen: sendt (bekreftet)" in page
    rows = web.extensions["planlogg"].read_models.history(AuditQuery(plan=KEY, field="reminder"))
    last = rows.rows[-1]
    assert (last.event_type, last.actor, last.source, last.reason) == (
        "ReminderDeliveryConfirmed",
        "Editor (editor@helse.no)",
        "web",
        "Bekreftet sendt fra statusoversikten",
    )
    assert last.before == f"R1 {body}, 1 dag etter fristen: kanskje sendt"
    assert last.after == f"R1 {body}, 1 dag etter fristen: sendt (stadfesta)"


@pytest.mark.parametrize("failed", [False, True], ids=["kanskje-sendt", "avvist"])
def test_resending_sends_exactly_one_mail_as_attempt_two(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer, failed: bool
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app, failed=failed)
    client = editor(web, app)

    status, location, _ = press(client, RESEND, body)

    assert status == 303
    assert location == f"{DASHBOARD}?paaminnelse=sendt&organ={body}&steg=-1#runde"
    assert len(smtp.inbox.messages) == 1
    (mail,) = smtp.inbox.to(SECRETARIAT)
    assert mail["From"] == MAIL_FROM
    assert "Til Sekretariat" in mail.get_content()
    found = reminder(app, body)
    assert (found.status, found.attempt) == (ReminderStatus.SENT, 2)
    page = client.get(location).text
    assert "Påminnelsen til Sekretariat (1 dag etter fristen) er sendt på nytt." in page
    assert "Send på nytt<span" not in page


def test_a_second_press_on_resend_is_refused_and_sends_nothing_more(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    client = editor(web, app)
    press(client, RESEND, body)
    before = event_count(app)

    status, _, page = press(client, RESEND, body)

    assert status == 409
    assert (
        "Bare en påminnelse som er «kanskje sendt», «delvis sendt», feilet eller utsatt, kan "
        "sendes på nytt (Sekretariat, 1 dag etter fristen)."
    ) in page
    assert len(smtp.inbox.messages) == 1
    assert event_count(app) == before


def test_a_reporter_may_neither_confirm_nor_resend(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    client = editor(web, app, Role.REPORTER)
    before = event_count(app)

    assert "Bekreft sendt<span" not in client.get(DASHBOARD).text
    for url in (CONFIRM, RESEND):
        status, _, page = press(client, url, body)
        assert status == 403
        assert "Rollen rapportør har ikke tilgang til dette." in page
    assert event_count(app) == before
    assert smtp.inbox.messages == []
    assert reminder(app, body).status is ReminderStatus.INTENDED


def test_a_press_without_the_csrf_token_is_refused(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    client = editor(web, app)
    client.get(DASHBOARD)
    before = event_count(app)

    for url in (CONFIRM, RESEND):
        response = client.post(url, data={"body": body, "step": "-1"})
        assert response.status_code == 400
        assert "Siden ble åpnet før du sist logget inn" in response.text
    assert event_count(app) == before
    assert smtp.inbox.messages == []


def test_without_a_mail_server_resend_says_so_and_records_nothing(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    web, app = mailing_demo
    web.extensions["planlogg"].mailer = None
    body = maybe_sent(web, app)
    client = editor(web, app)
    before = event_count(app)

    status, _, page = press(client, RESEND, body)

    assert status == 503
    assert (
        "E-post er ikke satt opp på denne tjeneren (PLANLOGG_SMTP_URL mangler), så påminnelsen "
        "kan ikke sendes på nytt. Ingenting er registrert."
    ) in page
    assert event_count(app) == before
    assert reminder(app, body).status is ReminderStatus.INTENDED


def test_a_server_refusing_the_mail_marks_it_failed_as_attempt_two(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    smtp.inbox.refused.add(SECRETARIAT)
    client = editor(web, app)

    status, location, _ = press(client, RESEND, body)

    assert (status, location) == (
        303,
        f"{DASHBOARD}?paaminnelse=avvist&organ={body}&steg=-1#runde",
    )
    found = reminder(app, body)
    assert (found.status, found.attempt) == (ReminderStatus.FAILED, 2)
    assert smtp.inbox.messages == []
    page = client.get(location).text
    assert "Påminnelsen til Sekretariat (1 dag etter fristen) ble avvist av e-posttjeneren" in page


def test_a_step_that_is_not_a_number_is_refused(mailing_demo: tuple[Flask, Planlogg]) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    client = editor(web, app)

    status, _, page = press(client, CONFIRM, body, step="ett")

    assert status == 422
    assert "Steget «ett» er ikke et tall. Last siden på nytt." in page
    assert reminder(app, body).status is ReminderStatus.INTENDED


def test_a_connection_cut_during_the_hand_over_leaves_it_kanskje_sendt_again(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    smtp.inbox.drop = True
    client = editor(web, app)

    status, _, page = press(client, RESEND, body)

    assert status == 502
    assert "Påminnelsen til Sekretariat er «kanskje sendt»" in page
    assert len(smtp.inbox.messages) == 1
    found = reminder(app, body)
    assert (found.status, found.attempt) == (ReminderStatus.INTENDED, 2)
    assert client.get(DASHBOARD).text.count("Bekreft sendt<span") == 1

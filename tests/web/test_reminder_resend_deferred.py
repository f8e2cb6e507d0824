"""A resend the mail server puts off (4xx) is told as put off, not as refused for good. Put
off after its intent was recorded (at the end of DATA), the reminder is "utsatt" and the next
run sends it again; put off before (at RCPT), nothing is recorded and the reminder stays as it
was, so the editor is asked to send it again later. On SQLite and PostgreSQL, against a real
SMTP server on loopback."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from tests.notify.smtp_server import SmtpServer
from tests.web.conftest import KEY
from tests.web.test_reminder_buttons import (
    DASHBOARD,
    RESEND,
    SECRETARIAT,
    editor,
    maybe_sent,
    press,
    reminder,
)

REFUSED = "ble avvist av e-posttjeneren og er ikke sendt"
PUT_OFF = "Påminnelsen til Sekretariat (1 dag etter fristen) ble utsatt av e-posttjeneren"


def test_a_resend_put_off_after_its_intent_is_tried_again_on_the_next_run(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    smtp.inbox.data_answers[SECRETARIAT] = "451 4.3.0 Kom att seinare"
    client = editor(web, app)

    status, location, _ = press(client, RESEND, body)

    assert (status, location) == (303, f"{DASHBOARD}?paaminnelse=utsatt&organ={body}&steg=-1#runde")
    assert reminder(app, body).status is ReminderStatus.DEFERRED
    page = client.get(location).text
    said = f"{PUT_OFF} og er ikke sendt ennå. Den blir prøvd igjen ved neste utsending."
    assert said in page
    assert REFUSED not in page


def test_a_resend_put_off_before_its_intent_is_left_to_send_again_later(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    body = maybe_sent(web, app)
    smtp.inbox.deferred.add(SECRETARIAT)
    client = editor(web, app)

    status, location, _ = press(client, RESEND, body)

    assert (status, location) == (
        303,
        f"{DASHBOARD}?paaminnelse=utsatt-send-igjen&organ={body}&steg=-1#runde",
    )
    assert smtp.inbox.messages == []
    assert reminder(app, body).status is ReminderStatus.INTENDED
    page = client.get(location).text
    said = f"{PUT_OFF} og er ikke sendt. Send den på nytt litt senere."
    assert said in page
    assert REFUSED not in page


def test_a_resend_put_off_for_a_body_that_has_reported_is_said_to_be_no_longer_needed(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    """Put off after its intent, the reminder is deferred; but the body has reported since,
    so no run sends it again: the page says so, not "prøvd igjen" nor "send på nytt"."""
    web, app = mailing_demo
    body = maybe_sent(web, app)
    register = app.body_register(DEMO_COMMUNITY)
    reporter = Provenance("Sekretariatet", Source.WEB, reason="Statusrapport")
    for measure in app.get_plan(KEY).active_measures():
        if body in map(register.key_of, measure.responsible):
            app.report_status(KEY, measure.number, "grønn", "I rute.", reporter)
    smtp.inbox.data_answers[SECRETARIAT] = "451 4.3.0 Kom att seinare"
    client = editor(web, app)

    status, location, _ = press(client, RESEND, body)

    assert (status, location) == (
        303,
        f"{DASHBOARD}?paaminnelse=utsatt-trengs-ikke&organ={body}&steg=-1#runde",
    )
    assert reminder(app, body).status is ReminderStatus.DEFERRED
    page = client.get(location).text
    said = f"{PUT_OFF} og er ikke sendt. Den trengs ikke lenger og blir ikke prøvd igjen."
    assert said in page
    assert REFUSED not in page

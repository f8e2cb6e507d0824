"""An address the mail server put off (451), which the secretariat then took out of the body's
contacts, is never tried again (the next run sends only to addresses that are contacts):
the round page and the API must say so, and not "utsatt av e-posttjeneren (prøves igjen)".

On SQLite and PostgreSQL, against a real SMTP server on loopback.
"""

from __future__ import annotations

import re
from datetime import date

from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.reminders import ReminderAnswers, ReminderStatus
from notify.mail import SmtpMailer, SmtpSettings
from notify.recipients import RegisteredRecipients
from notify.sender import ReminderSender
from tests.notify.smtp_server import SmtpServer
from tests.web.conftest import KEY, MAIL_FROM, caught_up
from tests.web.test_api_reminders import RESEND as API_RESEND
from tests.web.test_api_reminders import bearer
from tests.web.test_reminder_buttons import (
    DASHBOARD,
    RESEND,
    SECRETARIAT,
    SYSTEM,
    editor,
    press,
    reminder,
    secretariat_id,
)
from web.tokens import Role

OTHER = "leiar@example.org"
TODAY = date(2026, 11, 30)
UNLISTED = "ikke sendt (utsatt av e-posttjeneren, adressen er ikke lenger blant organets kontakter)"
BY = Provenance("Sekretariatet", Source.CLI, reason="Kontaktar")


def contacts(app: Planlogg, *addresses: str) -> None:
    app.set_body_contacts(DEMO_COMMUNITY, "Sekretariat", list(addresses), list(addresses), BY)


def other_put_off_and_taken_out(web: Flask, app: Planlogg, smtp: SmtpServer) -> str:
    """The run's mail to the secretariat's two addresses: the first took it, the other was
    put off; then the other is taken out of the contacts."""
    contacts(app, SECRETARIAT, OTHER)
    smtp.inbox.deferred.add(OTHER)
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, MAIL_FROM), timeout=10)
    ReminderSender(app, mailer, RegisteredRecipients(app)).send_due(KEY, TODAY)
    body = secretariat_id(app)
    found = reminder(app, body)
    assert (found.status, found.taken, list(found.put_off)) == (
        ReminderStatus.PARTLY_SENT, (SECRETARIAT,), [OTHER],
    )  # fmt: skip
    contacts(app, SECRETARIAT)
    caught_up(web)
    return body


def secretariat_row(page: str) -> str:
    """The secretariat's row of the round's progress table."""
    rows = re.findall(r"<tr role=\"row\">.*?</tr>", page, re.S)
    (row,) = [r for r in rows if ">Sekretariat<" in r and 'data-label="Påminnelser"' in r]
    return row


def test_the_round_page_says_the_address_taken_out_is_not_tried_again(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    other_put_off_and_taken_out(web, app, smtp)

    row = secretariat_row(editor(web, app).get(DASHBOARD).text)

    assert f"delvis sendt: {OTHER} {UNLISTED}" in row
    assert "prøves igjen" not in row


def test_a_resend_the_server_puts_off_for_an_address_taken_out_is_not_said_to_be_tried_again(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    """The secretariat's one contact has it, so the resend goes to the address that did not
    (as it always has); the server puts it off again. The next run would not send it there:
    the answer said "den blir prøvd igjen ved neste utsending"."""
    web, app = mailing_demo
    body = other_put_off_and_taken_out(web, app, smtp)

    response = web.test_client().post(
        API_RESEND, json={"body": body, "step": -1}, headers=bearer(web, Role.EDITOR)
    )

    assert response.status_code == 200, response.json
    assert response.json["reminder_status"] == "partly_sent"
    assert response.json["done"] == (
        "E-posttjeneren ba om å få påminnelsen senere, og den er ikke sendt. Adressen er ikke "
        "lenger blant organets kontakter, så den blir ikke prøvd igjen: Tjeneren ba oss prøve "
        f"igjen senere: {OTHER} (451 4.3.0 Kom att seinare)."
    )


def test_a_step_nobody_took_whose_address_put_off_was_taken_out_reads_so_everywhere(
    mailing_demo: tuple[Flask, Planlogg],
) -> None:
    """The other address put off, the secretariat's refused: as a whole the step is put off
    ("utsatt … (prøves igjen)"), yet the next run has nobody to send it to."""
    web, app = mailing_demo
    body = secretariat_id(app)
    contacts(app, SECRETARIAT, OTHER)
    app.intend_reminder(KEY, "R1", body, -1, (SECRETARIAT, OTHER), SYSTEM)
    answers = ReminderAnswers(
        put_off={OTHER: "451 4.3.0 Seinare"}, refused={SECRETARIAT: "550 Nei"}
    )

    def answered(plan: Plan) -> None:
        plan.record_reminder_answers("R1", body, -1, 1, answers, SYSTEM)

    app.change_plan(KEY, answered)
    assert reminder(app, body).status is ReminderStatus.DEFERRED
    contacts(app, SECRETARIAT)
    caught_up(web)

    found = (
        web.test_client().get(f"/api/plans/{KEY}/dashboard", headers=bearer(web, Role.EDITOR)).json
    )
    (progress,) = [p for p in found["open_round"]["progress"] if p["body"] == "Sekretariat"]
    (view,) = progress["reminders"]
    row = secretariat_row(editor(web, app).get(DASHBOARD).text)

    assert (view["status"], view["status_label"]) == ("unlisted", UNLISTED)
    assert f"{UNLISTED}: {SECRETARIAT} avvist av e-posttjeneren (550 Nei)" in row
    assert "prøves igjen" not in row


def test_the_resend_button_says_an_address_taken_out_is_not_tried_again(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    """The secretariat took it, the other address was put off, a third refused (so the page
    offers «Send på nytt»); both are then taken out. The resend goes to them (the one contact
    has it), the server answers as before: the page said "Den trengs ikke lenger"."""
    web, app = mailing_demo
    third = "borte@example.org"
    contacts(app, SECRETARIAT, OTHER, third)
    smtp.inbox.deferred.add(OTHER)
    smtp.inbox.refused.add(third)
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, MAIL_FROM), timeout=10)
    ReminderSender(app, mailer, RegisteredRecipients(app)).send_due(KEY, TODAY)
    contacts(app, SECRETARIAT)
    caught_up(web)
    body = secretariat_id(app)
    client = editor(web, app)

    status, location, _ = press(client, RESEND, body, forsok="1")

    assert (status, location) == (
        303,
        f"{DASHBOARD}?paaminnelse=utsatt-ikke-kontakt&organ={body}&steg=-1#runde",
    )
    assert not [e for e in smtp.inbox.envelopes if OTHER in e or third in e]
    page = client.get(location).text
    assert (
        "Påminnelsen til Sekretariat (1 dag etter fristen) ble utsatt av e-posttjeneren og er "
        "ikke sendt. Adressen er ikke lenger blant organets kontakter, så den blir ikke prøvd "
        "igjen."
    ) in page
    assert "trengs ikke lenger" not in page

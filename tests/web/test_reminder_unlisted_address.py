"""An address the mail server put off (451), which the secretariat then took out of the body's
contacts, is never tried again (the next run sends only to addresses that are contacts):
the round page and the API must say so, and not "utsatt av e-posttjeneren (prøves igjen)".
Nor does a person's «Send på nytt» go there: with every address still listed having the
reminder, the resend is refused (409) in the plan's words, and no mail goes.

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
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer
from tests.web.conftest import KEY, MAIL_FROM, caught_up, event_count
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
NOBODY_MISSING = (
    "sekretariat@example.org har allerede fått påminnelsen til Sekretariat (1 dag etter fristen)."
)


def contacts(app: Planlogg, *addresses: str) -> None:
    app.set_body_contacts(DEMO_COMMUNITY, "Sekretariat", list(addresses), list(addresses), BY)


def other_put_off_and_taken_out(web: Flask, app: Planlogg, smtp: SmtpServer) -> str:
    """The run's mail to the secretariat's two addresses: the first took it, the other was
    put off; then the other is taken out of the contacts."""
    contacts(app, SECRETARIAT, OTHER)
    smtp.inbox.deferred.add(OTHER)
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, MAIL_FROM), timeout=10)
    reminder_sender(app, mailer).send_due(KEY, TODAY)
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


def test_a_resend_through_the_api_with_only_an_address_taken_out_missing_is_refused(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    """The secretariat's one contact has it, and the address put off is no longer a contact:
    the resend has nobody to go to, so it is refused (409) in the plan's words before any
    mail server is contacted. Before, it went to the address taken out, and the server put
    it off again."""
    web, app = mailing_demo
    body = other_put_off_and_taken_out(web, app, smtp)
    envelopes, before = list(smtp.inbox.envelopes), event_count(app)

    response = web.test_client().post(
        API_RESEND, json={"body": body, "step": -1}, headers=bearer(web, Role.EDITOR)
    )

    found = reminder(app, body)
    assert (
        response.status_code,
        response.json["error"]["message"],
        smtp.inbox.envelopes,
        event_count(app),
        (found.status, found.taken, list(found.put_off)),
    ) == (
        409,
        NOBODY_MISSING,
        envelopes,
        before,
        (ReminderStatus.PARTLY_SENT, (SECRETARIAT,), [OTHER]),
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
    assert (
        f"{UNLISTED}: {SECRETARIAT} avvist av e-posttjeneren: "
        "postkassen finnes ikke eller tar ikke imot e-post (550 Nei)"
    ) in row
    assert "prøves igjen" not in row


def test_the_resend_button_with_only_addresses_taken_out_missing_is_refused(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    """The secretariat took it, the other address was put off, a third refused (so the page
    offers «Send på nytt»); both are then taken out. The one contact has it, so the press is
    refused (409) with the plan's words and nothing is sent. Before, the resend went to the
    two addresses taken out and the page said the other was put off and not tried again."""
    web, app = mailing_demo
    third = "borte@example.org"
    contacts(app, SECRETARIAT, OTHER, third)
    smtp.inbox.deferred.add(OTHER)
    smtp.inbox.refused.add(third)
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, MAIL_FROM), timeout=10)
    reminder_sender(app, mailer).send_due(KEY, TODAY)
    contacts(app, SECRETARIAT)
    caught_up(web)
    body = secretariat_id(app)
    client = editor(web, app)
    envelopes, before = list(smtp.inbox.envelopes), event_count(app)

    status, location, page = press(client, RESEND, body, forsok="1")

    assert (status, location, smtp.inbox.envelopes, event_count(app)) == (
        409,
        "",
        envelopes,
        before,
    )
    assert NOBODY_MISSING in page

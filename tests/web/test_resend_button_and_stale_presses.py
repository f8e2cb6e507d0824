"""The dashboard offers «Send på nytt» only where a press can send something (to an
address still among the body's contacts), and a press from a stale page is refused in words
people read: the body's name and the step, and a colleague's resend since.

On SQLite and PostgreSQL, against a real SMTP server on loopback.
"""

from __future__ import annotations

import html
import re

from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from notify.mail import SmtpMailer, SmtpSettings
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer
from tests.web.conftest import KEY, MAIL_FROM, caught_up, mailing_demo  # noqa: F401
from tests.web.test_reminder_buttons import (
    DASHBOARD,
    RESEND,
    SECRETARIAT,
    editor,
    maybe_sent,
    press,
    reminder,
)
from tests.web.test_reminder_unlisted_address import OTHER, TODAY, contacts, secretariat_row


def test_no_resend_button_where_every_listed_contact_has_the_reminder(
    mailing_demo: tuple[Flask, Planlogg],  # noqa: F811
    smtp: SmtpServer,
) -> None:
    """The secretariat took the reminder, another address was put off and a third refused
    («delvis sendt» with an address refused: the row gets «Send på nytt»); both are then
    taken out of the contacts. A press would always be refused («… har allerede fått
    påminnelsen …», `test_the_resend_button_with_only_addresses_taken_out_missing_is_refused`),
    so the button is not offered: `m.refused` counts only refused addresses still listed."""
    web, app = mailing_demo
    third = "borte@example.org"
    contacts(app, SECRETARIAT, OTHER, third)
    smtp.inbox.deferred.add(OTHER)
    smtp.inbox.refused.add(third)
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, MAIL_FROM), timeout=10)
    reminder_sender(app, mailer).send_due(KEY, TODAY)
    caught_up(web)
    client = editor(web, app)
    assert RESEND in secretariat_row(client.get(DASHBOARD).text)
    contacts(app, SECRETARIAT)
    caught_up(web)

    row = secretariat_row(client.get(DASHBOARD).text)

    assert RESEND not in row


def test_a_press_for_a_step_with_no_reminder_names_the_body_as_people_read_it(
    mailing_demo: tuple[Flask, Planlogg],  # noqa: F811
) -> None:
    """A page shown before the round was replaced offers «Send på nytt» for the pasient
    fagråd's step; the new round has no reminder there. The form posts the body's ID, and
    the refusal names the body by its register name and the step as people read it
    (`step_label`), not as the form posted them («fagrad-for-pasientsamarbeid … ved steg
    -1»)."""
    web, app = mailing_demo
    body = app.body_register(DEMO_COMMUNITY).key_of("Fagråd for pasientsamarbeid")
    assert body == "fagrad-for-pasientsamarbeid"

    status, _location, page = press(editor(web, app), RESEND, body, forsok="1")

    assert (status, alert(page)) == (
        404,
        "Fagråd for pasientsamarbeid har ingen påminnelse (1 dag etter fristen).",
    )


def test_a_press_on_a_page_shown_before_a_colleagues_resend_was_delivered_says_so(
    mailing_demo: tuple[Flask, Planlogg],  # noqa: F811
    smtp: SmtpServer,
) -> None:
    """The page showed attempt 1 «kanskje sendt»; a colleague has resent it since and the
    server took it (attempt 2, sent). The press is refused for the colleague's resend, as
    `round resend --attempt 1` and the API are, not with the rule for a reminder sent."""
    web, app = mailing_demo
    body = maybe_sent(web, app)
    client = editor(web, app)
    press(client, RESEND, body)
    assert (reminder(app, body).attempt, reminder(app, body).status.value) == (2, "sent")

    status, _location, page = press(client, RESEND, body, forsok="1")

    assert (status, alert(page)) == (
        409,
        "Påminnelsen til Sekretariat er sendt på nytt siden (forsøk 2).",
    )
    assert len(smtp.inbox.messages) == 1


def alert(page: str) -> str:
    """The refusal the page shows."""
    found = re.search(r'<p role="alert">(.*?)</p>', page, re.S)
    assert found is not None, page
    return html.unescape(found[1])

"""The dashboard's «Send på nytt» for a failed reminder of a body another body of the
round was merged into.

The demo's round names «Fagråd for pasientsamarbeid» before «Fagråd for digital
samhandling». The day after the deadline the run reminds both: the server takes the mail
for pasientsamarbeid and refuses digital samhandling's leader (550), so that reminder is
«ikke sendt (feil)». The secretariat then merges pasientsamarbeid into digital samhandling
(one body spelled twice) and presses «Send på nytt» for the failed reminder. `planlogg
round resend` sends it (`test_reminders_after_a_merge`), and so does the page: both
choose the reminder not yet delivered (`notify.due.to_resend`); the page took the first of
the round's reminders to the merged body at the step, pasientsamarbeid's, which is sent,
and refused the press as «alt sendt».
"""

from __future__ import annotations

from datetime import date

from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.provenance import Provenance, Source
from notify.mail import SmtpMailer, SmtpSettings
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer
from tests.web.conftest import KEY, caught_up, mailing_demo  # noqa: F401
from tests.web.test_reminder_buttons import DASHBOARD, RESEND, editor, press

DAY_AFTER = date(2024, 9, 12)
DIGITAL = "leiar.digital@example.org"
DIGITAL_ID = "fagrad-for-digital-samhandling"


def test_the_resend_button_sends_a_failed_reminder_after_a_merge_into_its_body(
    mailing_demo: tuple[Flask, Planlogg],  # noqa: F811
    smtp: SmtpServer,
) -> None:
    web, app = mailing_demo
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@planlogg.example.org"), timeout=10)
    smtp.inbox.refused.add(DIGITAL)
    reminder_sender(app, mailer).send_due(KEY, DAY_AFTER)
    smtp.inbox.refused.clear()
    by = Provenance("Sekretariatet", Source.CLI)
    app.merge_bodies(
        DEMO_COMMUNITY, ["Fagråd for pasientsamarbeid"], "Fagråd for digital samhandling", by
    )
    caught_up(web)
    assert smtp.inbox.to(DIGITAL) == []

    client = editor(web, app)
    shown = client.get(DASHBOARD).text
    assert f'<input type="hidden" name="body" value="{DIGITAL_ID}">' in shown
    assert shown.count("Send på nytt<span") == 1

    status, _, page = press(client, RESEND, DIGITAL_ID, forsok="1")

    refusal = page[page.find("alt sendt") - 40 : page.find("alt sendt") + 10]
    assert (status, len(smtp.inbox.to(DIGITAL))) == (303, 1), refusal

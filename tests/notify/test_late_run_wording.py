"""A run that sends a reminder of a step before the deadline only after the deadline has
passed speaks of the deadline as passed.

A round whose schedule has no step after the deadline ("14,3", "7") keeps its last step
due after the deadline: the mail server was down on the step's day and for days after, or
the round was opened with the deadline already gone. The run then sends the step's
reminder after the deadline, and the body read "Fristen er 11.09.2024" on 13.09.2024.
(A person's resend was already told in the past tense: `test_resend_wording`.)
"""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.provenance import Provenance, Source
from notify.mail import SmtpMailer, SmtpSettings
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer

ADDRESS = "sekretariat@example.org"
TWO_DAYS_AFTER = date(2024, 9, 13)


def test_a_step_before_the_deadline_sent_by_a_run_after_it_says_the_deadline_was(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    demo_app.set_reminder_schedule(
        DEMO_PLAN, (14, 3), Provenance("Sekretariat", Source.CLI, reason="Berre før fristen")
    )
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@planlogg.example.org"), timeout=10)
    sender = reminder_sender(demo_app, mailer)

    report = sender.send_due(DEMO_PLAN, TWO_DAYS_AFTER)

    assert "Sekretariat" in [r.body_name for r in report.sent]
    (mail,) = smtp.inbox.to(ADDRESS)
    text = mail.get_content()
    assert "Fristen var 11.09.2024 for å rapportere status" in text
    assert "Fristen er" not in text

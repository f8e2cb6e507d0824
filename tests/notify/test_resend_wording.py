"""A reminder resent by hand after the deadline speaks of the deadline as passed.

The mail's tense followed the step (before the deadline: "Fristen er"), but a person
may resend the reminder 3 days before the deadline when it failed, after the deadline
has passed: the body then read that the deadline "is" a date already gone.
"""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from notify.mail import SmtpMailer, SmtpSettings
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer

ADDRESS = "sekretariat@example.org"


def test_a_reminder_before_the_deadline_resent_after_it_says_the_deadline_was(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@planlogg.example.org"), timeout=10)
    sender = reminder_sender(demo_app, mailer)
    smtp.inbox.refused.add(ADDRESS)
    sender.send_due(DEMO_PLAN, date(2024, 9, 8))
    smtp.inbox.refused.clear()

    report = sender.resend(DEMO_PLAN, "Sekretariat", 3, date(2024, 9, 13))

    assert [r.body_name for r in report.sent] == ["Sekretariat"]
    (mail,) = smtp.inbox.to(ADDRESS)
    text = mail.get_content()
    assert "Fristen var 11.09.2024 for å rapportere status" in text
    assert "Fristen er" not in text


def test_a_reminder_before_the_deadline_resent_before_it_says_the_deadline_is(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@planlogg.example.org"), timeout=10)
    sender = reminder_sender(demo_app, mailer)
    smtp.inbox.refused.add(ADDRESS)
    sender.send_due(DEMO_PLAN, date(2024, 9, 8))
    smtp.inbox.refused.clear()

    sender.resend(DEMO_PLAN, "Sekretariat", 3, date(2024, 9, 11))

    (mail,) = smtp.inbox.to(ADDRESS)
    assert "Fristen er 11.09.2024 for å rapportere status" in mail.get_content()

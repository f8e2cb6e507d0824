"""A reminder sender through the test's own SMTP server, as the reminder tests make one."""

from __future__ import annotations

from typing import Any

from domain.application import Planlogg
from notify.mail import SmtpMailer, SmtpSettings
from notify.recipients import RegisteredRecipients
from notify.sender import ReminderSender
from tests.notify.smtp_server import SmtpServer

SENDER = "sek@planlogg.example.org"


def mailer_for(url: str, sender: str = SENDER) -> SmtpMailer:
    return SmtpMailer(SmtpSettings.parse(url, sender), timeout=10)


def sender_for(
    app: Planlogg, smtp: SmtpServer, sender: str = SENDER, **options: Any
) -> ReminderSender:
    """`options` as `ReminderSender` takes them (`by`, `clock`, `public_url`)."""
    return ReminderSender(app, mailer_for(smtp.url, sender), RegisteredRecipients(app), **options)

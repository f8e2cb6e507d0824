"""A reminder sender as the reminder tests make one: through the test's own SMTP server,
or through a mailer of the test's own."""

from __future__ import annotations

from typing import Any

from domain.application import Planlogg
from notify.mail import Mailer, SmtpMailer, SmtpSettings
from notify.recipients import RegisteredRecipients
from notify.sender import ReminderSender
from projections import ReadModels
from tests.notify.smtp_server import SmtpServer

SENDER = "sek@planlogg.example.org"


def mailer_for(url: str, sender: str = SENDER) -> SmtpMailer:
    return SmtpMailer(SmtpSettings.parse(url, sender), timeout=10)


def sender_for(
    app: Planlogg, smtp: SmtpServer, sender: str = SENDER, **options: Any
) -> ReminderSender:
    """`options` as `ReminderSender` takes them (`by`, `clock`, `public_url`)."""
    return reminder_sender(app, mailer_for(smtp.url, sender), **options)


def reminder_sender(app: Planlogg, mailer: Mailer, **options: Any) -> ReminderSender:
    """A sender to the people registered for each body, whose målform it reads from read
    models of its own (opened on the application's database, caught up as it sends)."""
    return ReminderSender(app, mailer, RegisteredRecipients(app), ReadModels.open(app), **options)

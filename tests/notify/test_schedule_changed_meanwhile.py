"""The round's schedule changed while a run was sending: the step it read is gone.

The run reads the due step once, then talks to the mail server body after body. When
the secretariat sets another schedule meanwhile (`round schedule`), the step read may
no longer be one of the round's: the mail is not sent, the run goes on with the other
bodies, and the next run sends the step now due.
"""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage

from domain.application import Planlogg
from domain.demo import CONTACTS, DEMO_PLAN
from domain.provenance import Provenance, Source
from notify.mail import SmtpMailer, SmtpSettings
from tests.notify.meddled_mailer import MeddledMailer
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer

THREE_DAYS_BEFORE = date(2024, 9, 8)
SECRETARIAT = Provenance("Sekretariatet", Source.CLI)


def test_a_step_taken_out_of_the_schedule_meanwhile_is_not_sent_and_the_run_goes_on(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    changed: list[bool] = []

    def schedule_set_meanwhile(_message: EmailMessage) -> None:
        if not changed:
            demo_app.set_reminder_schedule(DEMO_PLAN, (14, -1), SECRETARIAT)
            changed.append(True)

    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@planlogg.example.org"), timeout=10)
    meddled = MeddledMailer(mailer, schedule_set_meanwhile)
    sender = reminder_sender(demo_app, meddled)

    first = sender.send_due(DEMO_PLAN, THREE_DAYS_BEFORE)

    assert (first.sent, sorted(r.body_name for r in first.taken)) == ([], sorted(CONTACTS))
    assert smtp.inbox.messages == []
    second = sender.send_due(DEMO_PLAN, THREE_DAYS_BEFORE)
    assert sorted((r.body_name, r.step) for r in second.sent) == sorted(
        (body, 14) for body in CONTACTS
    )
    assert len(smtp.inbox.messages) == 3


def test_a_round_closed_meanwhile_sends_nothing_more(demo_app: Planlogg, smtp: SmtpServer) -> None:
    closed: list[bool] = []

    def round_closed_meanwhile(_message: EmailMessage) -> None:
        if not closed:
            demo_app.close_reporting_round(DEMO_PLAN, SECRETARIAT)
            closed.append(True)

    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@planlogg.example.org"), timeout=10)
    meddled = MeddledMailer(mailer, round_closed_meanwhile)
    sender = reminder_sender(demo_app, meddled)

    report = sender.send_due(DEMO_PLAN, THREE_DAYS_BEFORE)

    assert (report.sent, sorted(r.body_name for r in report.taken)) == ([], sorted(CONTACTS))
    assert smtp.inbox.messages == []
    assert demo_app.get_plan(DEMO_PLAN).open_round_id() is None

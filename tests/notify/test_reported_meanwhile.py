"""A body that reports while a run is sending other bodies' reminders is not reminded.

The run reads which bodies are due once, then talks to the mail server body after body
(seconds each, longer when a server is slow); a report saved meanwhile (from the sheet,
the web or the command line) must stop that body's mail, as it would have a moment
earlier.
"""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from notify.mail import SmtpMailer, SmtpSettings
from tests.notify.meddled_mailer import MeddledMailer
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer

TODAY = date(2026, 11, 30)
DIGITAL = "fagrad-for-digital-samhandling"
DIGITAL_ADDRESS = "leiar.digital@example.org"


def report_everything_for_digital(app: Planlogg) -> None:
    plan = app.get_plan(DEMO_PLAN)
    register = app.body_register(DEMO_COMMUNITY)
    own = [m for m in plan.active_measures() if DIGITAL in map(register.key_of, m.responsible)]
    if not own:
        raise RuntimeError("the demo's digital body has measures")
    reporter = Provenance("Leiar digital", Source.SHEET, reason="Statusrapport")
    for measure in own:
        app.report_status(DEMO_PLAN, measure.number, "grønn", "I rute.", reporter)


def test_a_body_that_reports_while_the_run_sends_is_not_reminded(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    reported = []

    def reports_just_before_its_mail(message: EmailMessage) -> None:
        if str(message["To"]) == DIGITAL_ADDRESS and not reported:
            report_everything_for_digital(demo_app)
            reported.append(True)

    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@planlogg.example.org"), timeout=10)
    sender = reminder_sender(
        demo_app,
        MeddledMailer(mailer, reports_just_before_its_mail),
    )

    report = sender.send_due(DEMO_PLAN, TODAY)

    assert reported == [True]
    assert sorted(r.body_name for r in report.sent) == [
        "Fagråd for pasientsamarbeid",
        "Sekretariat",
    ]
    assert [r.body_name for r in report.reported] == ["Fagråd for digital samhandling"]
    assert smtp.inbox.to(DIGITAL_ADDRESS) == []
    assert len(smtp.inbox.messages) == 2
    _, state = demo_app.get_plan(DEMO_PLAN).open_round()
    assert {r.body: r.status for r in state.reminders} == {
        "fagrad-for-pasientsamarbeid": ReminderStatus.SENT,
        "sekretariat": ReminderStatus.SENT,
    }

"""A body merged, while the round is open, into a body the round has already reminded is
not reminded again at the same step.

The demo's round names «Fagråd for pasientsamarbeid» before «Fagråd for digital
samhandling». Pasientsamarbeid has no address on the day after the deadline, so only
digital samhandling gets that step's reminder. The secretariat then merges pasientsamarbeid
into digital samhandling (one body spelled twice in the register). The round now knows the
merged body by the first name it gave it (pasientsamarbeid), finds no reminder at step -1
under that name, and the next run sends digital samhandling's leader the same reminder a
second time.
"""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.provenance import Provenance, Source
from notify.mail import SmtpMailer, SmtpSettings
from notify.sender import ReminderSender
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer

DAY_AFTER = date(2024, 9, 12)
DIGITAL = "leiar.digital@example.org"


def sender_for(app: Planlogg, smtp: SmtpServer) -> ReminderSender:
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@planlogg.example.org"), timeout=10)
    return reminder_sender(app, mailer)


def test_a_body_merged_into_one_already_reminded_is_not_reminded_again_at_that_step(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    by = Provenance("Sekretariatet", Source.CLI)
    demo_app.set_body_contacts(DEMO_COMMUNITY, "Fagråd for pasientsamarbeid", [], [], by)
    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, DAY_AFTER)
    assert "Fagråd for digital samhandling" in [r.body_name for r in first.sent]
    assert [r.body_name for r in first.no_address] == ["Fagråd for pasientsamarbeid"]
    assert len(smtp.inbox.to(DIGITAL)) == 1

    demo_app.merge_bodies(
        DEMO_COMMUNITY, ["Fagråd for pasientsamarbeid"], "Fagråd for digital samhandling", by
    )
    again = sender_for(demo_app, smtp).send_due(DEMO_PLAN, DAY_AFTER)

    assert again.sent == []
    assert len(smtp.inbox.to(DIGITAL)) == 1


def test_a_failed_reminder_can_be_resent_after_a_body_was_merged_into_its_body(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The same lookup by the round's first name: the resend finds pasientsamarbeid's reminder
    (sent) instead of digital samhandling's (refused by the server) and refuses it, naming
    the body by its id: the failed reminder can never be sent again."""
    by = Provenance("Sekretariatet", Source.CLI)
    smtp.inbox.refused.add(DIGITAL)
    sender_for(demo_app, smtp).send_due(DEMO_PLAN, DAY_AFTER)
    smtp.inbox.refused.clear()
    demo_app.merge_bodies(
        DEMO_COMMUNITY, ["Fagråd for pasientsamarbeid"], "Fagråd for digital samhandling", by
    )

    report = sender_for(demo_app, smtp).resend(
        DEMO_PLAN, "Fagråd for digital samhandling", -1, DAY_AFTER
    )

    assert [r.body_name for r in report.sent] == ["Fagråd for digital samhandling"]
    assert len(smtp.inbox.to(DIGITAL)) == 1


def test_a_reminder_put_off_is_tried_again_under_its_own_name_after_a_merge(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """Digital samhandling's reminder is put off by the server at the end of DATA (451,
    recorded as put off); pasientsamarbeid, with no address, is then merged into it. The
    next run sends the reminder put off under the name it was tried under, so it is sent,
    and the round holds no second reminder for the merged body at that step."""
    by = Provenance("Sekretariatet", Source.CLI)
    demo_app.set_body_contacts(DEMO_COMMUNITY, "Fagråd for pasientsamarbeid", [], [], by)
    smtp.inbox.data_answers[DIGITAL] = "451 4.3.0 Kom att seinare"
    sender_for(demo_app, smtp).send_due(DEMO_PLAN, DAY_AFTER)
    smtp.inbox.data_answers.clear()
    demo_app.merge_bodies(
        DEMO_COMMUNITY, ["Fagråd for pasientsamarbeid"], "Fagråd for digital samhandling", by
    )

    again = sender_for(demo_app, smtp).send_due(DEMO_PLAN, DAY_AFTER)

    assert [(r.body, r.recipients) for r in again.sent] == [
        ("fagrad-for-digital-samhandling", (DIGITAL,))
    ]
    reminders = demo_app.get_plan(DEMO_PLAN).open_round()[1].reminders
    assert sorted((r.body, r.step, r.status.value) for r in reminders) == [
        ("fagrad-for-digital-samhandling", -1, "sent"),
        ("sekretariat", -1, "sent"),
    ]
    assert len(smtp.inbox.to(DIGITAL)) == 1

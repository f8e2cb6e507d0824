"""A body of a large community is reminded at hundreds of addresses: when the mail server
refuses the whole envelope, the reason recorded and shown names three of them and counts
the rest («og 197 til»), as the other refusals do (`domain.reminders.some_addresses`).

Through a real SMTP server on loopback, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.provenance import Provenance, Source
from domain.reminders import Reminder, ReminderStatus
from notify.mail import SmtpMailer, SmtpSettings
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer

TODAY = date(2026, 11, 30)
BY = Provenance("Sekretariatet", Source.CLI, reason="Kontaktar")
MEMBERS = [f"medlem{i:03d}@example.org" for i in range(200)]
DIGITAL = "leiar.digital@example.org"


def send(app: Planlogg, smtp: SmtpServer) -> tuple[list[tuple[str, str]], Reminder]:
    """One run: what it reports as failed (body, why), and the secretariat's reminder."""
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@planlogg.example.org"), timeout=10)
    report = reminder_sender(app, mailer).send_due(DEMO_PLAN, TODAY)
    _, state = app.get_plan(DEMO_PLAN).open_round()
    found = state.reminder("sekretariat", -1)
    assert found is not None
    return [(r.body_name, why) for r, why in report.failed], found


def test_every_recipient_refused_names_three_and_counts_the_rest(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    demo_app.set_body_contacts(DEMO_COMMUNITY, "Sekretariat", MEMBERS, MEMBERS, BY)
    smtp.inbox.refused.update(MEMBERS)

    failed, found = send(demo_app, smtp)

    why = (
        "Tjeneren avviste alle mottakerne: medlem000@example.org (550 5.1.1 Ukjend mottakar), "
        "medlem001@example.org (550 5.1.1 Ukjend mottakar), medlem002@example.org (550 5.1.1 "
        "Ukjend mottakar) og 197 til."
    )
    assert failed == [("Sekretariat", why)]
    assert (found.status, found.note) == (ReminderStatus.FAILED, why)
    assert smtp.inbox.envelopes == [
        ["leiar.pasientsamarbeid@example.org"], [DIGITAL]
    ]  # fmt: skip


def test_every_recipient_put_off_names_three_and_counts_the_rest(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    demo_app.set_body_contacts(DEMO_COMMUNITY, "Sekretariat", MEMBERS, MEMBERS, BY)
    smtp.inbox.deferred.update(MEMBERS)
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@planlogg.example.org"), timeout=10)

    report = reminder_sender(demo_app, mailer).send_due(DEMO_PLAN, TODAY)

    assert [(r.body_name, why) for r, why in report.deferred] == [
        ("Sekretariat", "Tjeneren ba oss prøve igjen senere: medlem000@example.org (451 4.3.0 "
         "Kom att seinare), medlem001@example.org (451 4.3.0 Kom att seinare), "
         "medlem002@example.org (451 4.3.0 Kom att seinare) og 197 til.")
    ]  # fmt: skip


def test_a_body_whose_mails_are_all_refused_at_data_names_three_addresses_of_each(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The first address is reminded for the digital council too, so the secretariat's
    reminder goes in two mails (one naming both bodies, one the secretariat alone); the server
    refuses DATA for both. The reason names each mail by its addresses."""
    demo_app.set_body_contacts(DEMO_COMMUNITY, "Sekretariat", MEMBERS, MEMBERS, BY)
    shared = [DIGITAL, MEMBERS[0]]
    demo_app.set_body_contacts(DEMO_COMMUNITY, "Fagråd for digital samhandling", shared, shared, BY)
    smtp.inbox.data_command_answers.update(dict.fromkeys(MEMBERS[:2], "554 5.7.1 Nei"))

    failed, found = send(demo_app, smtp)

    why = (
        "medlem000@example.org: Tjeneren tok ikke imot e-posten: "
        "avvist etter mottakerens regler, f.eks. som søppelpost (554 5.7.1 Nei). "
        "medlem001@example.org, medlem002@example.org, medlem003@example.org og 196 til: "
        "Tjeneren tok ikke imot e-posten: "
        "avvist etter mottakerens regler, f.eks. som søppelpost (554 5.7.1 Nei)."
    )
    assert failed == [("Sekretariat", why)]
    assert (found.status, found.note) == (ReminderStatus.FAILED, why)

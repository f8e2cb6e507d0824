"""A connection to the mail server that breaks is told in Norwegian words; the mail library's
own text (in English) goes to the log only.

Before, the words `smtplib` or the socket gave («Connection unexpectedly closed», «[Errno 111]
Connection refused», «[SSL: CERTIFICATE_VERIFY_FAILED] …») were put in the reason, and a
reason stored with an address put off (a body's later mail, when the run stopped) kept them
for good. The known cases each have their words: the server closed the connection, did not
answer in time, did not take the connection, TLS failed; anything else is an unknown fault.
Reasons stored before stay as they were (events never change).

Through a real SMTP server on loopback; the reminders on SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
import ssl
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
import trustme

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.provenance import Provenance, Source
from domain.reminders import Reminder, ReminderStatus
from notify.mail import HandOverUncertain, MailUnavailable, SmtpMailer, SmtpSettings
from tests.notify.meddled_mailer import MeddledMailer
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer, free_port

TODAY = date(2026, 11, 30)
SENDER = "sekretariat@planlogg.example.org"
SECRETARIAT = "sekretariat@example.org"
PASIENT_LEADER = "leiar.pasientsamarbeid@example.org"
DIGITAL_LEADER = "leiar.digital@example.org"
PASIENT_ID, DIGITAL_ID = "fagrad-for-pasientsamarbeid", "fagrad-for-digital-samhandling"
ENGLISH = ("Connection", "closed", "timed out", "refused", "Errno", "SSL", "CERTIFICATE")

CLOSED = "tjeneren lukket forbindelsen"
TIMEOUT = "tjeneren svarte ikke i tide"
REFUSED = "tjeneren tok ikke imot forbindelsen"
TLS = "den krypterte forbindelsen (TLS) feilet"
UNKNOWN = "ukjent feil (se loggen)"


def remind(app: Planlogg, body: str, *addresses: str) -> None:
    by = Provenance("Sekretariatet", Source.CLI, reason="Kontaktar")
    app.set_body_contacts(DEMO_COMMUNITY, body, list(addresses), list(addresses), by)


def spread_over_two_mails(app: Planlogg) -> None:
    """Each committee reminded at its leader and at the secretariat: the run's mails go to
    the pasientsamarbeid leader, the secretariat (all three bodies), the digital leader."""
    remind(app, PASIENT_ID, PASIENT_LEADER, SECRETARIAT)
    remind(app, DIGITAL_ID, DIGITAL_LEADER, SECRETARIAT)


def reminder(app: Planlogg, body: str) -> Reminder:
    found = app.get_plan(DEMO_PLAN).open_round()[1].reminder(body, -1)
    assert found is not None
    return found


def no_english(text: str) -> bool:
    return not any(word in text for word in ENGLISH)


def logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name == "planlogg.mail")


def mailer_for(url: str, timeout: float = 10) -> SmtpMailer:
    return SmtpMailer(SmtpSettings.parse(url, SENDER), timeout=timeout)


def test_a_connection_closed_during_the_hand_over_is_said_and_stored_in_norwegian(
    demo_app: Planlogg, smtp: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    """The secretariat's mail is taken and the server hangs up before answering: "kanskje
    sendt". The digital leader's mail, never offered, is put off with that reason, which is
    stored for the address and given by the API: in Norwegian, the library's words logged."""
    spread_over_two_mails(demo_app)

    def break_at_the_secretariat(message: EmailMessage) -> None:
        smtp.inbox.drop = str(message["To"]) == SECRETARIAT

    meddled = MeddledMailer(mailer_for(smtp.url), before_deliver=break_at_the_secretariat)
    sender = reminder_sender(demo_app, meddled)

    with caplog.at_level(logging.WARNING), pytest.raises(HandOverUncertain) as uncertain:
        sender.send_due(DEMO_PLAN, TODAY)

    told = f"Forbindelsen med tjeneren ble brutt mens e-posten ble levert ({CLOSED})."
    assert uncertain.value.message.startswith(f"{told} Påminnelsene til ")
    assert no_english(uncertain.value.message), uncertain.value.message
    stored = reminder(demo_app, DIGITAL_ID)
    assert stored.status is ReminderStatus.INTENDED
    assert list(stored.put_off) == [DIGITAL_LEADER]
    assert stored.put_off[DIGITAL_LEADER].startswith(f"{told} Påminnelsene til ")
    assert no_english(stored.put_off[DIGITAL_LEADER]), stored.put_off[DIGITAL_LEADER]
    assert "Connection unexpectedly closed" in logged(caplog)


def test_a_connection_closed_at_an_address_puts_it_off_in_norwegian_words(
    demo_app: Planlogg, smtp: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    """The server hangs up when asked for the secretariat: that address is put off for each
    committee with the reason in Norwegian («Forbindelsen med tjeneren ble brutt (Connection
    unexpectedly closed) …» before), and a new session takes the digital leader's mail: both
    committees «delvis sendt», the secretariat's own reminder (never intended) still due."""
    spread_over_two_mails(demo_app)
    smtp.inbox.hang_up.add(SECRETARIAT)

    with caplog.at_level(logging.WARNING):
        report = reminder_sender(demo_app, mailer_for(smtp.url)).send_due(DEMO_PLAN, TODAY)

    told = f"Forbindelsen med tjeneren ble brutt ({CLOSED})."
    pasient, digital = reminder(demo_app, PASIENT_ID), reminder(demo_app, DIGITAL_ID)
    assert (
        [(r.body_name, why) for r, why in report.deferred],
        (pasient.status, pasient.taken, dict(pasient.put_off)),
        (digital.status, digital.taken, dict(digital.put_off)),
        smtp.inbox.envelopes,
    ) == (
        [("Sekretariat", told)],
        (ReminderStatus.PARTLY_SENT, (PASIENT_LEADER,), {SECRETARIAT: told}),
        (ReminderStatus.PARTLY_SENT, (DIGITAL_LEADER,), {SECRETARIAT: told}),
        [[PASIENT_LEADER], [DIGITAL_LEADER]],
    )
    assert "Connection unexpectedly closed" in logged(caplog)


def test_a_server_that_does_not_answer_in_time_is_said_so(
    demo_app: Planlogg, smtp: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    """The server takes the message and holds its answer past the mailer's timeout."""
    smtp.inbox.hold.set()
    sender = reminder_sender(demo_app, mailer_for(smtp.url, timeout=1))

    with caplog.at_level(logging.WARNING), pytest.raises(HandOverUncertain) as uncertain:
        sender.send_due(DEMO_PLAN, TODAY)

    assert uncertain.value.message.startswith(
        f"Forbindelsen med tjeneren ble brutt mens e-posten ble levert ({TIMEOUT}). "
    )
    assert no_english(uncertain.value.message), uncertain.value.message
    assert "timed out" in logged(caplog)


def connecting(url: str, caplog: pytest.LogCaptureFixture) -> str:
    """What opening a session with the server says, its log kept in `caplog`."""
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(MailUnavailable) as refused,
        mailer_for(url, timeout=5).session(),
    ):
        pass
    return refused.value.message


def test_a_server_that_takes_no_connection_is_said_so(caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()
    told = connecting(f"smtp://127.0.0.1:{port}", caplog)
    assert told == (
        f"Fikk ikke sendt e-post gjennom smtp://127.0.0.1:{port}: {REFUSED}. Sjekk "
        "PLANLOGG_SMTP_URL (adresse, port, starttls, bruker og passord)."
    )
    assert "Connection refused" in logged(caplog)


@pytest.fixture
def untrusted_certificate(tmp_path: Path) -> ssl.SSLContext:
    """A server certificate from a CA nobody trusts."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trustme.CA().issue_cert("localhost", "127.0.0.1").configure_cert(context)
    return context


def test_a_certificate_the_client_does_not_trust_is_a_tls_failure(
    untrusted_certificate: ssl.SSLContext, caplog: pytest.LogCaptureFixture
) -> None:
    with SmtpServer(tls=untrusted_certificate, implicit=True) as server:
        told = connecting(server.url, caplog)
    assert told.startswith(f"Fikk ikke sendt e-post gjennom {server.url}: {TLS}. Sjekk ")
    assert no_english(told.replace("PLANLOGG_SMTP_URL", "")), told
    assert "CERTIFICATE_VERIFY_FAILED" in logged(caplog)


def test_starttls_asked_of_a_server_that_does_not_offer_it_is_a_tls_failure(
    smtp: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    told = connecting(f"{smtp.url}?starttls=1", caplog)
    assert told.startswith(f"Fikk ikke sendt e-post gjennom {smtp.url}: {TLS}. Sjekk ")
    assert "STARTTLS" in logged(caplog)


def test_any_other_fault_is_unknown_and_its_words_are_in_the_log(
    smtp: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    """A user to log in as, and a server that offers no login."""
    told = connecting(smtp.url.replace("//", "//sek:hemmeleg@"), caplog)
    assert told.startswith(f"Fikk ikke sendt e-post gjennom {smtp.url}: {UNKNOWN}. Sjekk ")
    assert "AUTH" in logged(caplog)
    assert "hemmeleg" not in logged(caplog)

"""One address that breaks the connection to the mail server holds back no other mail: it
is put off, a new session carries on. A server down for everyone still stops the run.

The demo's round (deadline 11.09.2024), long after the deadline: the step 1 day after is
due for «Fagråd for pasientsamarbeid», «Fagråd for digital samhandling» and «Sekretariat»,
sent in that order. The server hangs up whenever it is offered the pasientsamarbeid
leader's address (a relay whose check of that recipient's domain never answers in time
does the same: the RCPT times out). `serve`'s loop runs every few minutes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, suppress
from datetime import date
from pathlib import Path

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from domain.reminders import Reminder, ReminderStatus
from notify.loop import ReminderLoop
from notify.mail import MailSession, MailUnavailable, SmtpMailer
from projections import ReadModels
from tests.notify.senders import mailer_for, reminder_sender, sender_for
from tests.notify.smtp_server import SmtpServer, free_port

TODAY = date(2026, 11, 30)
STUCK = "leiar.pasientsamarbeid@example.org"
DIGITAL = "leiar.digital@example.org"
SECRETARIAT = "sekretariat@example.org"
SETUP = Provenance("Sekretariatet", Source.CLI, reason="Kontaktar")


def test_an_address_that_breaks_the_connection_does_not_hold_back_the_other_bodies(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    """The first mail's envelope breaks the connection: it is put off (due again), and a
    new session reminds digital samhandling and the secretariat on the first run. The run
    stopped there before, and the next run at the same mail again, so they were never
    reminded while that one address stayed bad (nor any plan whose key sorts after)."""
    app = Planlogg.from_url(f"sqlite:///{tmp_path / 'p.sqlite'}")
    try:
        load_demo(app)
        models = ReadModels.open(app)
        models.catch_up()
        sender = sender_for(app, smtp)
        loop = ReminderLoop(models, sender, today=lambda: TODAY)
        smtp.inbox.hang_up.add(STUCK)
        for _run in range(3):  # as `run_forever` does: log the failure, look again later
            with suppress(MailUnavailable):
                loop.run_once()
    finally:
        app.close()

    assert smtp.inbox.envelopes == [[DIGITAL], [SECRETARIAT]]


A, B = "a@example.org", "b@example.org"
CLOSED = "Forbindelsen med tjeneren ble brutt (tjeneren lukket forbindelsen)."


def test_one_mail_whose_second_address_breaks_the_connection_goes_to_the_first(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """One mail to A and B; the server hangs up when asked for B, before DATA. A new session
    takes the mail for A; B is put off («delvis sendt»), and the next run sends it to B
    alone."""
    demo_app.set_body_contacts(DEMO_COMMUNITY, "sekretariat", [A], [A, B], SETUP)
    smtp.inbox.hang_up.add(B)
    sender = sender_for(demo_app, smtp)

    sender.send_due(DEMO_PLAN, TODAY)
    now = secretariat_reminder(demo_app)
    smtp.inbox.hang_up.clear()
    sender.send_due(DEMO_PLAN, TODAY)

    assert (
        (now.status, now.taken, dict(now.put_off)),
        [e for e in smtp.inbox.envelopes if A in e or B in e],
        secretariat_reminder(demo_app).status,
    ) == (
        (ReminderStatus.PARTLY_SENT, (A,), {B: CLOSED}),
        [[A], [B]],
        ReminderStatus.SENT,
    )


def test_a_server_down_for_everyone_stops_the_run_and_puts_off_the_mails_left(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The server hangs up when asked for the pasientsamarbeid leader, and then takes no
    new connection: the run stops as it always has (`MailUnavailable`), nothing recorded,
    every reminder still due on the next run."""
    down = free_port()
    mailer = SecondSessionElsewhere(mailer_for(smtp.url), mailer_for(f"smtp://127.0.0.1:{down}"))
    smtp.inbox.hang_up.add(STUCK)

    with pytest.raises(MailUnavailable) as stopped:
        reminder_sender(demo_app, mailer).send_due(DEMO_PLAN, TODAY)

    _round, state = demo_app.get_plan(DEMO_PLAN).open_round()
    assert (stopped.value.message, state.reminders, smtp.inbox.envelopes) == (
        f"Fikk ikke sendt e-post gjennom smtp://127.0.0.1:{down}: tjeneren tok ikke imot "
        "forbindelsen. Sjekk PLANLOGG_SMTP_URL (adresse, port, starttls, bruker og passord). "
        "Påminnelsen til Fagråd for pasientsamarbeid og de som gjenstår, blir prøvd på nytt "
        "neste gang.",
        (),
        [],
    )


@pytest.fixture
def demo_app(sqlite_url: str) -> Iterator[Planlogg]:
    app = Planlogg.from_url(sqlite_url)
    load_demo(app)
    yield app
    app.close()


def secretariat_reminder(app: Planlogg) -> Reminder:
    found = app.get_plan(DEMO_PLAN).open_round()[1].reminder("sekretariat", -1)
    assert found is not None
    return found


class SecondSessionElsewhere:
    """The first session with one server, every later one with another (a server gone)."""

    def __init__(self, first: SmtpMailer, later: SmtpMailer) -> None:
        self.first, self.later = first, later
        self.sender = first.sender
        self.opened = 0

    def session(self) -> AbstractContextManager[MailSession]:
        self.opened += 1
        return (self.first if self.opened == 1 else self.later).session()

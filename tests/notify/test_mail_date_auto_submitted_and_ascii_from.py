"""The reminder mail's headers as the receiving mail systems read them: Date (by the
sender's clock), Auto-Submitted, and a From whose domain has æøå spelled in ASCII for a
server without SMTPUTF8.

The demo's round (deadline 11.09.2024), long after the deadline: each body gets the step
1 day after. The test mail server (aiosmtpd) keeps each message as it was handed over,
adding nothing, as a relay that takes mail from another machine does.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.norwegian_time import OSLO
from tests.notify.senders import sender_for
from tests.notify.smtp_server import SmtpServer

TODAY = date(2026, 11, 30)
WRITTEN = datetime(2026, 11, 30, 8, 5, 17, tzinfo=OSLO)
SECRETARIAT = "sekretariat@example.org"


@pytest.fixture
def demo_app(sqlite_url: str) -> Iterator[Planlogg]:
    app = Planlogg.from_url(sqlite_url)
    load_demo(app)
    yield app
    app.close()


def test_a_reminder_mail_carries_the_date_it_was_written(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """RFC 5322 requires a Date field; a relay taking mail from another machine does not
    add one (Postfix adds it only for its own machine's clients): without it mail programs
    sort the reminder as undated and spam filters count it against the mail (MISSING_DATE).
    The sender's clock writes it, in Norwegian time."""
    sender_for(demo_app, smtp, "sekretariat@planlogg.example.org", clock=lambda: WRITTEN).send_due(
        DEMO_PLAN, TODAY
    )

    (mail,) = smtp.inbox.to(SECRETARIAT)
    assert mail["Date"] == "Mon, 30 Nov 2026 08:05:17 +0100"


def test_a_reminder_mail_says_it_was_sent_automatically(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """Planlogg sends the reminders by itself: «Auto-Submitted: auto-generated» (RFC 3834),
    so no leader's out-of-office answers it into the secretariat's mailbox."""
    sender_for(demo_app, smtp, "sekretariat@planlogg.example.org", clock=lambda: WRITTEN).send_due(
        DEMO_PLAN, TODAY
    )

    (mail,) = smtp.inbox.to(SECRETARIAT)
    assert mail["Auto-Submitted"] == "auto-generated"


def test_a_sender_whose_domain_has_norwegian_letters_is_spelled_out_in_from(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """A server without SMTPUTF8 gets the recipients' domains spelled in ASCII (IDNA) in
    the envelope and in To, and the sender's in the envelope (MAIL FROM); the From header
    is spelled so too: left as «bærum», the library writes an encoded word inside the
    address («sekretariat@=?utf-8?q?b=C3=A6rum?=.no»), no address at all to the reader's
    mail program, and one no answer can be sent to."""
    sender_for(demo_app, smtp, "sekretariat@bærum.example.org", clock=lambda: WRITTEN).send_due(
        DEMO_PLAN, TODAY
    )

    (mail,) = smtp.inbox.to(SECRETARIAT)
    # as it came over the wire: the parser here reads the encoded word back, mail programs do not
    assert dict(mail.raw_items())["From"] == "sekretariat@xn--brum-voa.example.org"

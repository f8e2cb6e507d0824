"""Two presses of «Send på nytt» for one reminder send it once.

The secretariat resends a reminder that is "kanskje sendt" (its intent has no outcome)
from the dashboard; two people, or a double click, can press at once or while the first
press is still talking to the mail server. Only the press that saw the reminder as it
stands may send it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from datetime import date
from email.message import EmailMessage

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.errors import RuleError
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from notify.mail import SmtpMailer, SmtpSettings
from tests.notify.meddled_mailer import MeddledMailer
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer

TODAY = date(2026, 11, 30)
SECRETARIAT = "sekretariat"
ADDRESS = "sekretariat@example.org"
EDITOR = Provenance("Sekretariatet", Source.WEB, reason="Sendt på nytt fra statusoversikten")


@pytest.fixture
def demo_app(database_url: str) -> Iterator[Planlogg]:
    app = Planlogg.from_url(database_url)
    load_demo(app)
    app.intend_reminder(DEMO_PLAN, "R1", SECRETARIAT, -1, (ADDRESS,), EDITOR)
    yield app
    app.close()


def secretariat_reminder(app: Planlogg) -> tuple[ReminderStatus, int]:
    _, state = app.get_plan(DEMO_PLAN).open_round()
    found = state.reminder(SECRETARIAT, -1)
    if found is None:
        raise AssertionError("the secretariat has a reminder at step -1")
    return found.status, found.attempt


def test_two_presses_at_once_send_the_reminder_once(
    demo_url_app: tuple[str, Planlogg], smtp: SmtpServer
) -> None:
    """Both presses read the reminder before either records its intent; the first then
    waits a moment before handing its mail over, long enough for the second to record an
    intent of its own and reach the mail server too if it is let."""
    url, app = demo_url_app
    both_read = threading.Barrier(2, timeout=30)
    both_delivering = threading.Barrier(2, timeout=3)

    def wait_for_the_other(_message: EmailMessage) -> None:
        both_read.wait()

    def give_the_other_a_moment(_message: EmailMessage) -> None:
        # broken when the other press was refused before the mail server: what is wanted
        with contextlib.suppress(threading.BrokenBarrierError):
            both_delivering.wait()

    outcomes: list[str] = []

    def press() -> None:
        pressing = Planlogg.from_url(url)
        mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@planlogg.example.org"), timeout=10)
        meddled = MeddledMailer(mailer, wait_for_the_other, give_the_other_a_moment)
        sender = reminder_sender(pressing, meddled, by=EDITOR)
        try:
            report = sender.resend(DEMO_PLAN, "Sekretariat", -1, TODAY)
            outcomes.append("sent" if report.sent else "other")
        except RuleError:
            outcomes.append("refused")
        finally:
            pressing.close()

    presses = [threading.Thread(target=press) for _ in range(2)]
    for thread in presses:
        thread.start()
    for thread in presses:
        thread.join(60)

    assert sorted(outcomes) == ["refused", "sent"]
    assert len(smtp.inbox.to(ADDRESS)) == 1
    assert secretariat_reminder(app) == (ReminderStatus.SENT, 2)


def test_a_press_on_a_page_shown_before_another_resend_is_refused(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The second click of a double click comes while the first is still being delivered:
    the reminder is "kanskje sendt" again, but as the first press's attempt, not the one
    the page showed."""
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@planlogg.example.org"), timeout=10)
    sender = reminder_sender(demo_app, mailer, by=EDITOR)
    demo_app.intend_reminder(DEMO_PLAN, "R1", SECRETARIAT, -1, (ADDRESS,), EDITOR, resend=True)

    with pytest.raises(RuleError) as refused:
        sender.resend(DEMO_PLAN, "Sekretariat", -1, TODAY, seen_attempt=1)

    assert refused.value.message == (
        "Påminnelsen til Sekretariat er sendt på nytt siden (forsøk 2)."
    )
    assert smtp.inbox.messages == []
    assert secretariat_reminder(demo_app) == (ReminderStatus.INTENDED, 2)


@pytest.fixture
def demo_url_app(database_url: str) -> Iterator[tuple[str, Planlogg]]:
    app = Planlogg.from_url(database_url)
    load_demo(app)
    app.intend_reminder(DEMO_PLAN, "R1", SECRETARIAT, -1, (ADDRESS,), EDITOR)
    yield database_url, app
    app.close()

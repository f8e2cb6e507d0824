"""A mailer that lets a test do something just before each envelope is offered or each
message delivered (a report saved, another press of a button), while a real SMTP session
goes on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage

from notify.mail import Answers, MailSession, SmtpMailer

Hook = Callable[[EmailMessage], None]


def _nothing(_message: EmailMessage) -> None:
    """No meddling at this point."""


class _Session:
    """The real session, with something happening just before each envelope is offered."""

    def __init__(self, session: MailSession, before_offer: Hook, before_deliver: Hook) -> None:
        self.session = session
        self.before_offer = before_offer
        self.before_deliver = before_deliver

    def offer(self, message: EmailMessage) -> Answers:
        self.before_offer(message)
        return self.session.offer(message)

    def withdraw(self) -> None:
        self.session.withdraw()

    def deliver(self, message: EmailMessage) -> None:
        self.before_deliver(message)
        self.session.deliver(message)


class MeddledMailer:
    def __init__(
        self, mailer: SmtpMailer, before_offer: Hook = _nothing, before_deliver: Hook = _nothing
    ) -> None:
        self.mailer = mailer
        self.sender = mailer.sender
        self.before_offer = before_offer
        self.before_deliver = before_deliver

    @contextmanager
    def session(self) -> Iterator[MailSession]:
        with self.mailer.session() as session:
            yield _Session(session, self.before_offer, self.before_deliver)

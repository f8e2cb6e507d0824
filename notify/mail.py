"""Handing mail to a real SMTP server named by PLANLOGG_SMTP_URL.

    smtp://host:25                      plain (a relay on the machine or the network)
    smtp://user:pw@host:587?starttls=1  STARTTLS, then log in
    smtps://user:pw@host:465            SSL from the start

PLANLOGG_MAIL_FROM is the sender. The hand-over is done step by step (MAIL,
RCPT, DATA) so that what failed is known: a refusal or a broken connection
before the server took the message is `NotHandedOver` (nothing was delivered;
the reminder is marked failed), while a broken connection during DATA leaves
it unknown whether the server took it: `HandOverUncertain`, and the reminder
stays "kanskje sendt".
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from domain.community import email_addresses
from domain.errors import PlanloggError, ValidationError
from language import _

TIMEOUT_SECONDS = 30.0


class MailUnavailable(PlanloggError):
    """The SMTP server could not be reached or refused us before any mail was offered."""


class NotHandedOver(PlanloggError):
    """The server refused this message before taking it: it was not delivered.

    `broken`: the connection is gone, so the messages after it cannot go either."""

    def __init__(self, message: str, broken: bool = False) -> None:
        super().__init__(message)
        self.broken = broken


class HandOverUncertain(PlanloggError):
    """The connection broke while the message was being handed over: it may have arrived."""


class MailSession(Protocol):
    """An open connection to the mail server."""

    def send(self, message: EmailMessage) -> str:
        """Hand one message over; returns a note (e.g. addresses the server refused)."""
        ...


class Mailer(Protocol):
    """Opens sessions with a mail server; `sender` is the From address."""

    sender: str

    def session(self) -> AbstractContextManager[MailSession]: ...


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    ssl: bool
    starttls: bool
    user: str
    password: str
    sender: str

    @classmethod
    def parse(cls, url: str, sender: str) -> SmtpSettings:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            shown = f"{parts.scheme}://{parts.hostname or ''}…"
            raise ValidationError(
                _(
                    "PLANLOGG_SMTP_URL «%(url)s» er ikke en SMTP-adresse. Skriv f.eks. "
                    "smtp://localhost:25 eller smtps://bruker:passord@smtp.example.org:465.",
                    url=shown,
                )
            )
        query = parse_qs(parts.query)
        starttls = query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes", "ja")
        found = email_addresses([sender], "PLANLOGG_MAIL_FROM") if sender.strip() else []
        if not found:
            raise ValidationError(
                _(
                    "PLANLOGG_MAIL_FROM mangler: sett avsenderadressen for påminnelser, "
                    "f.eks. sekretariat@example.org."
                )
            )
        try:
            port = parts.port or (465 if parts.scheme == "smtps" else 25)
        except ValueError:
            raise ValidationError(_("Porten i PLANLOGG_SMTP_URL er ikke et tall.")) from None
        return cls(
            host=parts.hostname,
            port=port,
            ssl=parts.scheme == "smtps",
            starttls=starttls,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            sender=found[0],
        )

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> SmtpSettings | None:
        """None when PLANLOGG_SMTP_URL is not set: then no mail is sent."""
        url = environ.get("PLANLOGG_SMTP_URL", "").strip()
        if not url:
            return None
        return cls.parse(url, environ.get("PLANLOGG_MAIL_FROM", ""))

    @property
    def where(self) -> str:
        """The server, for messages (never the password)."""
        return f"{'smtps' if self.ssl else 'smtp'}://{self.host}:{self.port}"


class SmtpMailer:
    """Sessions with the configured server, each one connection."""

    def __init__(self, settings: SmtpSettings, timeout: float = TIMEOUT_SECONDS) -> None:
        self.settings = settings
        self.sender = settings.sender
        self.timeout = timeout

    @contextmanager
    def session(self) -> Iterator[MailSession]:
        client = self._connect()
        try:
            yield SmtpSession(client, self.settings.sender)
        finally:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        try:
            client: smtplib.SMTP
            if s.ssl:
                context = ssl.create_default_context()
                client = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout, context=context)
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
            client.ehlo_or_helo_if_needed()
            if s.starttls:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if s.user:
                client.login(s.user, s.password)
        except (smtplib.SMTPException, OSError) as error:
            raise MailUnavailable(
                _(
                    "Fikk ikke sendt e-post gjennom %(server)s: %(reason)s. Sjekk "
                    "PLANLOGG_SMTP_URL (adresse, port, starttls, bruker og passord).",
                    server=s.where,
                    reason=_reason(error),
                )
            ) from None
        return client


class SmtpSession:
    """One connection: MAIL, RCPT and DATA for each message, so a refusal is told apart."""

    def __init__(self, client: smtplib.SMTP, sender: str) -> None:
        self.client = client
        self.sender = sender

    def send(self, message: EmailMessage) -> str:
        try:
            refused = self._envelope(message)
        except (smtplib.SMTPException, OSError) as error:
            raise NotHandedOver(
                _("Forbindelsen med tjeneren ble brutt (%(reason)s).", reason=_reason(error)),
                broken=True,
            ) from None
        try:
            self.client.data(message.as_bytes(policy=policy.SMTP))
        except smtplib.SMTPDataError as error:
            raise NotHandedOver(
                _("Tjeneren tok ikke imot e-posten (%(reason)s).", reason=_reason(error))
            ) from None
        except (smtplib.SMTPException, OSError) as error:
            raise HandOverUncertain(
                _(
                    "Forbindelsen med tjeneren ble brutt mens e-posten ble levert (%(reason)s).",
                    reason=_reason(error),
                )
            ) from None
        return _("Avvist: %(refused)s.", refused=", ".join(refused)) if refused else ""

    def _envelope(self, message: EmailMessage) -> list[str]:
        """MAIL and RCPT: the recipients the server refused (all refused: NotHandedOver)."""
        recipients = [str(a) for a in message.get_all("To", [])]
        code, reply = self.client.mail(self.sender)
        if code != 250:
            self.client.rset()
            answer = f"{code} {_text(reply)}"
            raise NotHandedOver(_("Tjeneren avviste avsenderen (%(reply)s).", reply=answer))
        refused = []
        for recipient in recipients:
            code, reply = self.client.rcpt(recipient)
            if code not in (250, 251):
                refused.append(f"{recipient} ({code} {_text(reply)})")
        if len(refused) == len(recipients):
            self.client.rset()
            raise NotHandedOver(
                _("Tjeneren avviste alle mottakerne: %(refused)s.", refused=", ".join(refused))
            )
        return refused


def _text(reply: bytes | str) -> str:
    return (reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply).strip()


def _reason(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return str(error) or type(error).__name__

"""Handing mail to a real SMTP server named by PLANLOGG_SMTP_URL.

    smtp://host:25                      plain (a relay on the machine or the network)
    smtp://user:pw@host:587?starttls=1  STARTTLS, then log in
    smtps://user:pw@host:465            SSL from the start

PLANLOGG_MAIL_FROM is the sender. The hand-over is done step by step so that
what failed is known. The envelope (MAIL, then RCPT for each address) is offered
first; nothing is delivered yet, so a lost connection or a refused sender is
`MailUnavailable` (`AddressBrokeConnection` when it broke while the server was asked
for one address: the sender opens a new session and carries on without that address),
and when no recipient is taken, the server's answer to each
(`Answers`) comes with `Deferred` (one of them refused for now, 4xx: try again later)
or `NotHandedOver` (every one refused for good). When some are taken, `offer` returns
the answers to the others, and the message goes to those taken.
Then DATA delivers it: a refusal of DATA or of the message for good (5xx) is
`NotHandedOver` (the reminder is marked failed), one for now (4xx) is `Deferred`,
while a broken connection (or an answer no server gives) leaves it unknown whether
the server took it: `HandOverUncertain`, and the reminder stays "kanskje sendt".

A connection that breaks is told in words of our own (`_reason`: closed, no answer in time,
not taken, TLS, or unknown), never in the mail library's English: those words end up in
reasons people read, some stored with an address put off. The library's text is logged.
"""

from __future__ import annotations

import copy
import logging
import smtplib
import ssl
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from domain.community import email_addresses
from domain.errors import PlanloggError, ValidationError
from domain.mail_answers import answer_meaning
from domain.reminders import some_answers
from language import N_, _

log = logging.getLogger("planlogg.mail")

TIMEOUT_SECONDS = 30.0


class MailUnavailable(PlanloggError):
    """The SMTP server could not be reached or refused us before any mail was offered."""


class AddressBrokeConnection(MailUnavailable):
    """The connection broke (closed, or no answer in time) while the server was asked for
    one recipient (RCPT), before anything was delivered: maybe that address's trouble (a
    relay whose check of its domain never answers), maybe the server's. The session is
    gone; a new one tells which (`ReminderSender` opens one and carries on with the others).
    """

    def __init__(self, message: str, address: str) -> None:
        super().__init__(message)
        self.address = address


@dataclass(frozen=True)
class Answers:
    """The server's answer to each address of an envelope it did not take (address as the
    message's To gives it → "550 5.1.1 …"): refused for good (5xx, or an address it cannot
    be given), or put off (4xx)."""

    refused: Mapping[str, str] = field(default_factory=dict)
    put_off: Mapping[str, str] = field(default_factory=dict)


class ServerAnswered(PlanloggError):
    """The server answered and did not take the message: `answers`, each address's answer,
    when it was refused at RCPT; `reply`, the server's answer to the message as a whole
    (DATA), otherwise."""

    def __init__(self, message: str, answers: Answers | None = None, reply: str = "") -> None:
        super().__init__(message)
        self.answers = answers
        self.reply = reply


class NotHandedOver(ServerAnswered):
    """The server refused this message for good before taking it: it was not delivered."""


class Deferred(ServerAnswered):
    """The server took no recipient, and refused one for now (4xx), or it put the message
    off as a whole: nothing was delivered; try later (some addresses of an envelope put off
    may be refused for good)."""


class HandOverUncertain(PlanloggError):
    """The connection broke while the message was being handed over: it may have arrived."""


class MailSession(Protocol):
    """An open connection to the mail server."""

    def offer(self, message: EmailMessage) -> Answers:
        """The envelope (MAIL, RCPT): the answers to the addresses not taken (none: all were)."""
        ...

    def withdraw(self) -> None:
        """Take back the offered envelope: the message is not to be sent after all."""
        ...

    def deliver(self, message: EmailMessage) -> None:
        """Hand the offered message over (DATA)."""
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
                if not client.has_extn("starttls"):
                    raise _NoStartTls("STARTTLS extension not supported by server.")
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
    """One connection: MAIL and RCPT, then DATA, for each message, so a refusal is told apart."""

    def __init__(self, client: smtplib.SMTP, sender: str) -> None:
        self.client = client
        self.sender = sender
        self.utf8 = False
        """The offered envelope has addresses in UTF-8 (the server said it takes SMTPUTF8)."""

    def offer(self, message: EmailMessage) -> Answers:
        try:
            return self._envelope(message)
        except (smtplib.SMTPException, OSError) as error:
            raise MailUnavailable(_broken_words(error)) from None

    def withdraw(self) -> None:
        try:
            self.client.rset()
        except (smtplib.SMTPException, OSError) as error:
            raise MailUnavailable(_broken_words(error)) from None

    def deliver(self, message: EmailMessage) -> None:
        """DATA, the message, and the server's answer to it.

        `smtplib.SMTP.data` raises only when DATA itself is refused; the answer to the
        message (after the final dot) it hands back, so it is read here: without that, a
        message the server refused was recorded as sent.
        """
        data = (
            message.as_bytes(policy=policy.SMTPUTF8)
            if self.utf8
            else _with_ascii_domains(message).as_bytes(policy=policy.SMTP)
        )
        try:
            code, reply = self.client.data(data)
        except smtplib.SMTPDataError as error:
            self._reset_after_refused_data()
            raise _not_taken(error.smtp_code, error.smtp_error) from None
        except (smtplib.SMTPException, OSError) as error:
            raise HandOverUncertain(
                _(
                    "Forbindelsen med tjeneren ble brutt mens e-posten ble levert (%(reason)s).",
                    reason=_reason(error),
                )
            ) from None
        if not 200 <= code < 300:
            raise _not_taken(code, reply)

    def _reset_after_refused_data(self) -> None:
        """Take back the envelope a refusal of DATA leaves open on the server (the next MAIL
        would be "nested"). Should that fail too, this message's refusal is still what is
        recorded, and the next message's offer finds the connection gone."""
        with suppress(smtplib.SMTPException, OSError):
            self.client.rset()

    def _envelope(self, message: EmailMessage) -> Answers:
        """MAIL and RCPT for each address in To: the server's answer to those it did not take.

        Each address is its own RCPT (a body is often reminded at two). An address
        with letters such as æ, ø, å needs a server that takes SMTPUTF8; without it
        the domain is spelled in ASCII (IDNA) and a name before @ is refused.
        """
        recipients = _addresses(message)
        needed = not all(a.isascii() for a in (self.sender, *recipients))
        self.utf8 = needed and self.client.has_extn("smtputf8")
        self._mail_from()
        answers = self._rcpt(recipients)
        if len(answers.refused) + len(answers.put_off) < len(recipients):
            return answers
        self.client.rset()
        # an envelope may have hundreds of addresses: its reason names a few (`some_answers`);
        # each address's own answer is in `answers`
        if answers.put_off:
            later = some_answers(answers.put_off)
            raise Deferred(
                _("Tjeneren ba oss prøve igjen senere: %(refused)s.", refused=later), answers
            )
        refused = some_answers(answers.refused)
        raise NotHandedOver(
            _("Tjeneren avviste alle mottakerne: %(refused)s.", refused=refused), answers
        )

    def _mail_from(self) -> None:
        """MAIL; a refused sender is the server's or the setting's trouble, not the message's."""
        sender = self.sender if self.utf8 else _ascii_domain(self.sender)
        if not sender.isascii() and not self.utf8:
            raise MailUnavailable(
                _(
                    "Tjeneren tar ikke imot avsenderadressen %(sender)s: den har æ, ø, å eller "
                    "andre tegn utenfor ASCII foran @. Sett en annen PLANLOGG_MAIL_FROM.",
                    sender=self.sender,
                )
            )
        code, reply = self.client.mail(sender, ["SMTPUTF8"] if self.utf8 else [])
        if code != 250:
            self.client.rset()
            answer = f"{code} {_text(reply)}"
            raise MailUnavailable(_("Tjeneren avviste avsenderen (%(reply)s).", reply=answer))

    def _rcpt(self, recipients: list[str]) -> Answers:
        """RCPT for each address: those refused for good, and those refused for now (4xx)."""
        refused: dict[str, str] = {}
        later: dict[str, str] = {}
        for recipient in recipients:
            wire = recipient if self.utf8 else _ascii_domain(recipient)
            if not wire.isascii() and not self.utf8:
                refused[recipient] = _unwritable()
                continue
            try:
                code, reply = self.client.rcpt(wire)
            except (smtplib.SMTPException, OSError) as error:
                raise AddressBrokeConnection(_broken_words(error), recipient) from None
            if code not in (250, 251):
                answer = f"{code} {_text(reply)}"
                (later if 400 <= code < 500 else refused)[recipient] = answer
        return Answers(refused, later)


def _broken_words(error: Exception) -> str:
    """A connection that broke while the envelope was offered, as people read it."""
    return _("Forbindelsen med tjeneren ble brutt (%(reason)s).", reason=_reason(error))


def _not_taken(code: int, reply: bytes | str) -> PlanloggError:
    """The server's answer to DATA or to the message, when it did not take it: for now (4xx,
    `Deferred`), for good (5xx, `NotHandedOver`), or an answer no server should give (smtplib
    reads a garbled one as -1), after which nobody knows (`HandOverUncertain`)."""
    answer = f"{code} {_text(reply)}"
    if 400 <= code < 500:
        told = _("Tjeneren ba oss prøve igjen senere (%(reply)s).", reply=answer)
        return Deferred(told, reply=answer)
    if 500 <= code < 600:
        meaning = answer_meaning(answer)
        told = (
            _("Tjeneren tok ikke imot e-posten: %(meaning)s (%(reason)s).",
              meaning=meaning, reason=answer)
            if meaning
            else _("Tjeneren tok ikke imot e-posten (%(reason)s).", reason=answer)
        )  # fmt: skip
        return NotHandedOver(told, reply=answer)
    return HandOverUncertain(
        _("Tjeneren svarte uventet da e-posten var levert (%(reply)s).", reply=answer)
    )


def _addresses(message: EmailMessage, field: str = "To") -> list[str]:
    return [address for _name, address in getaddresses(message.get_all(field, []))]


def _unwritable() -> str:
    """Why an address is refused without asking the server."""
    return _("tjeneren tar ikke imot æ, ø, å eller andre tegn utenfor ASCII foran @")


def _ascii_domain(address: str) -> str:
    """The address with its domain as every server reads it: bærum.no is xn--brum-voa.no."""
    local, at, domain = address.rpartition("@")
    try:
        return f"{local}{at}{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return address


def _with_ascii_domains(message: EmailMessage) -> EmailMessage:
    """The message for a server without SMTPUTF8: its From and To with each domain spelled
    in ASCII, as the envelope has them (MAIL, RCPT). Left as they are, the mail library
    writes a domain such as bærum.no as an encoded word inside the address
    («sekretariat@=?utf-8?q?b=C3=A6rum?=.no»), which no mail program reads as an address."""
    fields = {name: _addresses(message, name) for name in ("From", "To")}
    if all(a.isascii() for found in fields.values() for a in found):
        return message
    wire = copy.deepcopy(message)
    for name, found in fields.items():
        if not all(a.isascii() for a in found):
            wire.replace_header(name, ", ".join(_ascii_domain(a) for a in found))
    return wire


def _text(reply: bytes | str) -> str:
    return (reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply).strip()


class _NoStartTls(smtplib.SMTPException):
    """The settings ask for STARTTLS, and the server does not offer it."""


BROKEN = {
    "closed": N_("tjeneren lukket forbindelsen"),
    "timeout": N_("tjeneren svarte ikke i tide"),
    "refused": N_("tjeneren tok ikke imot forbindelsen"),
    "tls": N_("den krypterte forbindelsen (TLS) feilet"),
    "unknown": N_("ukjent feil (se loggen)"),
}
"""Why a connection to the mail server failed, as people read it (`_reason`)."""

_CLOSED = (
    smtplib.SMTPServerDisconnected,
    ConnectionResetError,
    ConnectionAbortedError,
    BrokenPipeError,
    EOFError,
)


def _reason(error: Exception) -> str:
    """The server's answer when it gave one («421 4.3.2 …»); otherwise what broke, in our
    own words (`BROKEN`). The library's text («Connection unexpectedly closed», «[SSL:
    CERTIFICATE_VERIFY_FAILED] …») is in English and is logged, never shown."""
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    words = _(BROKEN[_broken(error)])
    log.warning("%s: %s: %s", words, type(error).__name__, str(error) or repr(error))
    return words


def _broken(error: BaseException) -> str:
    """Which of `BROKEN` an error is, looking through what it was raised from: smtplib turns
    a timeout or a TLS error while reading into «Connection unexpectedly closed: …»."""
    chain: list[BaseException] = []
    found: BaseException | None = error
    while found is not None and found not in chain:
        chain.append(found)
        found = found.__cause__ or found.__context__
    if any(isinstance(e, ssl.SSLError | _NoStartTls) for e in chain):
        return "tls"
    if any(isinstance(e, TimeoutError) for e in chain):
        return "timeout"
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return "refused"
    if any(isinstance(e, _CLOSED) for e in chain):
        return "closed"
    return "unknown"

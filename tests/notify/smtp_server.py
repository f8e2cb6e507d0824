"""A real SMTP server on loopback (aiosmtpd) that keeps what it was handed.

It can be told to refuse some recipients (for good, or for now), to refuse the
message itself once it has heard it (at the end of DATA, for good or for now), to hang
up when asked for one, and to hold its reply to DATA after it has taken the message, so a
client can be killed between the hand-over and hearing that it succeeded. It keeps
each message's envelope recipients, which need not be what its To header says.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword, syntax


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Accounts:
    """aiosmtpd's authenticator: LOGIN or PLAIN with a known user and password."""

    def __init__(self, users: dict[str, str]) -> None:
        self.users = users

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and self.users.get(data.login.decode()) == data.password.decode()
        )
        return AuthResult(success=ok, handled=False)


class Inbox:
    """The aiosmtpd handler: every message whose DATA the server took."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[list[str]] = []
        """The RCPT addresses of each message taken, in the order of `messages`."""
        self.refused: set[str] = set()
        """Refused for good (550)."""
        self.deferred: set[str] = set()
        """Refused for now (451): the client should try again later."""
        self.hang_up: set[str] = set()
        """Asked for one of these, the server closes the connection."""
        self.refused_senders: set[str] = set()
        """Senders the server will not take mail from (553)."""
        self.data_command_answers: dict[str, str] = {}
        """Asked DATA for a message to one of these addresses, the server gives this answer
        instead of asking for the message (354)."""
        self.data_answers: dict[str, str] = {}
        """A message to one of these addresses is not taken: the server gives this answer
        (e.g. "451 …" for now, "554 …" for good) once it has heard it (the end of DATA)."""
        self.hold = threading.Event()
        """Set: after taking a message, do not answer until `release` is set."""
        self.release = threading.Event()
        self.taken = threading.Event()
        self.drop = False
        """True: close the connection after taking a message, before answering."""
        self.arrived = threading.Condition()

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refused_senders:
            return "553 5.7.1 Avsendar ikkje tillaten"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.hang_up:
            server.transport.close()
            return "421 4.3.2 Tenesta stengjer"
        if address in self.refused:
            return "550 5.1.1 Ukjend mottakar"
        if address in self.deferred:
            return "451 4.3.0 Kom att seinare"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        answer = next(
            (self.data_answers[a] for a in envelope.rcpt_tos if a in self.data_answers), ""
        )
        if answer:
            return answer
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.arrived:
            self.messages.append(message)  # type: ignore[arg-type]
            self.envelopes.append(list(envelope.rcpt_tos))
            self.arrived.notify_all()
        self.taken.set()
        if self.drop:
            server.transport.close()
        if self.hold.is_set():
            await asyncio.to_thread(self.release.wait, 60)
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 60) -> int:
        """Wait until `count` messages have come (or the timeout); returns how many came."""
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.messages) >= count, timeout)
            return len(self.messages)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


class _Smtp(SMTP):
    """aiosmtpd's server, which can refuse DATA itself (`Inbox.data_command_answers`):
    its handlers hear only the message, after DATA has been accepted."""

    @syntax("DATA")
    async def smtp_DATA(self, arg: str) -> None:
        answers: dict[str, str] = self.event_handler.data_command_answers
        recipients = self.envelope.rcpt_tos if self.envelope is not None else []
        answer = next((answers[a] for a in recipients if a in answers), "")
        if answer:
            await self.push(answer)
            return
        await super().smtp_DATA(arg)


class _Controller(Controller):
    def factory(self) -> SMTP:
        return _Smtp(self.handler, **self.SMTP_kwargs)

    def _trigger_server(self) -> None:
        """Listening on port 0 took a free port: learn which before connecting to it.

        A port chosen beforehand and handed over could be taken by another test's
        server in between (one such race made a health check read an SMTP greeting)."""
        if self.server is not None:
            self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class SmtpServer:
    """Plain by default; `tls` offers STARTTLS (or, with `implicit`, SSL from the start)
    with that certificate, `users` requires logging in as one of them, and `utf8` takes
    addresses in UTF-8 (SMTPUTF8)."""

    def __init__(
        self,
        tls: ssl.SSLContext | None = None,
        implicit: bool = False,
        users: dict[str, str] | None = None,
        utf8: bool = False,
    ) -> None:
        self.inbox = Inbox()
        self.implicit = implicit
        options: dict[str, Any] = {}
        if tls is not None and implicit:
            options["ssl_context"] = tls
        elif tls is not None:
            options.update(tls_context=tls, require_starttls=True)
        if users is not None:
            options.update(auth_required=True, authenticator=Accounts(users))
        self.controller = _Controller(
            self.inbox, hostname="127.0.0.1", port=0, server_hostname="localhost",
            enable_SMTPUTF8=utf8, **options,
        )  # fmt: skip

    @property
    def port(self) -> int:
        """The port it listens on, once started."""
        port: int = self.controller.port
        if port == 0:
            raise RuntimeError("the SMTP server has no port before it starts")
        return port

    @property
    def url(self) -> str:
        return f"{'smtps' if self.implicit else 'smtp'}://127.0.0.1:{self.port}"

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.inbox.release.set()
        self.controller.stop()

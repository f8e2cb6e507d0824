"""PLANLOGG_SMTP_URL read as documented, and the hand-over over STARTTLS, SSL and login."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
import trustme

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.errors import ValidationError
from notify.mail import (
    Answers,
    MailUnavailable,
    NotHandedOver,
    SmtpMailer,
    SmtpSession,
    SmtpSettings,
)
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer, free_port

FROM = "sek@example.org"


def test_the_url_gives_host_port_tls_and_login() -> None:
    plain = SmtpSettings.parse("smtp://mail.example.org", FROM)
    assert (plain.host, plain.port, plain.ssl, plain.starttls, plain.user) == (
        "mail.example.org", 25, False, False, "",
    )  # fmt: skip
    secure = SmtpSettings.parse("smtps://sek%40hf.no:p%C3%A5ss@smtp.example.org", FROM)
    assert (secure.port, secure.ssl, secure.user, secure.password) == (
        465, True, "sek@hf.no", "påss",
    )  # fmt: skip
    tls = SmtpSettings.parse("smtp://u:p@smtp.example.org:587?starttls=1", FROM)
    assert (tls.port, tls.starttls, tls.where) == (587, True, "smtp://smtp.example.org:587")
    assert SmtpSettings.from_environment({}) is None


@pytest.mark.parametrize(
    ("url", "sender", "message"),
    [
        ("http://mail.example.org", FROM, "er ikke en SMTP-adresse"),
        ("smtp://mail.example.org", "", "PLANLOGG_MAIL_FROM mangler"),
        ("smtp://mail.example.org", "ikkje adresse", "er ikke en e-postadresse"),
        ("smtp://mail.example.org:port", FROM, "Porten i PLANLOGG_SMTP_URL er ikke et tall"),
    ],
)
def test_a_bad_setting_is_explained(url: str, sender: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        SmtpSettings.parse(url, sender)


@pytest.fixture
def certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ssl.SSLContext:
    """A server certificate for localhost from a CA this process (only) trusts."""
    authority = trustme.CA()
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    return context


def _message() -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = FROM, "a@example.org", "Prøve"
    message.set_content("Hei")
    return message


@pytest.fixture
def starttls_server(certificate: ssl.SSLContext) -> Iterator[SmtpServer]:
    with SmtpServer(tls=certificate, users={"sek": "hemmeleg"}) as server:
        yield server


def test_starttls_and_login_hand_the_mail_over(starttls_server: SmtpServer) -> None:
    url = f"smtp://sek:hemmeleg@127.0.0.1:{starttls_server.port}?starttls=1"
    message = _message()
    with SmtpMailer(SmtpSettings.parse(url, FROM)).session() as session:
        assert session.offer(message) == Answers()
        session.deliver(message)
    assert [m["Subject"] for m in starttls_server.inbox.messages] == ["Prøve"]


def test_a_wrong_password_is_explained_without_showing_it(starttls_server: SmtpServer) -> None:
    url = f"smtp://sek:feil@127.0.0.1:{starttls_server.port}?starttls=1"
    with (
        pytest.raises(MailUnavailable, match="535") as refused,
        SmtpMailer(SmtpSettings.parse(url, FROM)).session(),
    ):
        pass
    assert ":feil@" not in refused.value.message
    assert starttls_server.inbox.messages == []


def test_ssl_from_the_start(certificate: ssl.SSLContext) -> None:
    with SmtpServer(tls=certificate, implicit=True) as server:
        message = _message()
        with SmtpMailer(SmtpSettings.parse(server.url, FROM)).session() as session:
            session.offer(message)
            session.deliver(message)
        assert len(server.inbox.messages) == 1


def test_an_unreachable_server_records_no_reminder(sqlite_url: str) -> None:
    app = Planlogg.from_url(sqlite_url)
    try:
        load_demo(app)
        url = f"smtp://127.0.0.1:{free_port()}"
        sender = reminder_sender(app, SmtpMailer(SmtpSettings.parse(url, FROM), timeout=5))
        with pytest.raises(MailUnavailable, match="Fikk ikke sendt e-post gjennom smtp://"):
            sender.send_due(DEMO_PLAN, date(2026, 11, 30))
        assert app.get_plan(DEMO_PLAN).open_round()[1].reminders == ()
    finally:
        app.close()


class _AnsweringClient:
    """An SMTP client whose server answers every RCPT with `answer`."""

    def __init__(self, answer: tuple[int, bytes]) -> None:
        self.answer = answer
        self.said: list[str] = []

    def has_extn(self, name: str) -> bool:
        return False

    def mail(self, sender: str, options: list[str]) -> tuple[int, bytes]:
        self.said.append(f"MAIL {sender}")
        return 250, b"2.1.0 OK"

    def rcpt(self, address: str) -> tuple[int, bytes]:
        self.said.append(f"RCPT {address}")
        return self.answer

    def rset(self) -> tuple[int, bytes]:
        self.said.append("RSET")
        return 250, b"2.0.0 OK"


def test_an_address_the_server_will_forward_251_is_taken() -> None:
    client = _AnsweringClient((251, b"2.1.5 User not local; will forward"))
    session = SmtpSession(client, FROM)  # type: ignore[arg-type]
    assert session.offer(_message()) == Answers()
    assert client.said == [f"MAIL {FROM}", "RCPT a@example.org"]


def test_an_address_answered_500_is_refused_for_good_not_put_off() -> None:
    client = _AnsweringClient((500, b"5.5.2 Syntax error"))
    session = SmtpSession(client, FROM)  # type: ignore[arg-type]
    with pytest.raises(NotHandedOver) as refused:
        session.offer(_message())
    assert refused.value.answers == Answers(refused={"a@example.org": "500 5.5.2 Syntax error"})
    assert client.said == [f"MAIL {FROM}", "RCPT a@example.org", "RSET"]

"""A mail server that asks to be tried later (the command line as the secretariat types it,
a real SMTP server on loopback; on SQLite and PostgreSQL).

The server (aiosmtpd) hears each message to the end and then answers as it is told:
taken (250), put off (4xx) or refused for good (5xx).
"""

from __future__ import annotations

import pytest
from click.testing import Result
from pytest_bdd import given, parsers, scenarios, then

from domain.application import Planlogg
from domain.demo import load_demo
from tests.notify.smtp_server import SmtpServer

scenarios("mail_server_try_later.feature")

pytestmark = pytest.mark.usefixtures("database_url")


@given('the demo plan on a database, and a mail server for "planlogg round remind"')
def demo_and_mail_server(
    database_url: str, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server is the one `planlogg` sends through, as PLANLOGG_SMTP_URL names it."""
    app = Planlogg.from_url(database_url)
    try:
        load_demo(app)
    finally:
        app.close()
    monkeypatch.setenv("PLANLOGG_SMTP_URL", smtp.url)
    monkeypatch.setenv("PLANLOGG_MAIL_FROM", "sekretariat@planlogg.example.org")
    monkeypatch.setenv("COLUMNS", "200")


@given(parsers.parse('the mail server answers "{answer}" to the message to "{address}"'))
def answers(smtp: SmtpServer, answer: str, address: str) -> None:
    smtp.inbox.data_answers[address] = answer


@given("the mail server takes every message again")
def takes_again(smtp: SmtpServer) -> None:
    smtp.inbox.data_answers.clear()


@then(parsers.parse('"{address}" has {count:d} reminder'))
@then(parsers.parse('"{address}" has {count:d} reminders'))
def reminders_to(smtp: SmtpServer, address: str, count: int) -> None:
    assert len(smtp.inbox.to(address)) == count


@then(parsers.parse("the mail server has received {count:d} reminders"))
def received(smtp: SmtpServer, count: int) -> None:
    assert len(smtp.inbox.messages) == count


@then(parsers.parse('the printout lists "{body}" as "{reported}", "{reminders}"'))
def round_lists(printout: Result, body: str, reported: str, reminders: str) -> None:
    """The body's line of `round show`: its name, whether it reported, and its reminders."""
    assert (printout.exit_code, printout.stderr) == (0, ""), printout.output
    lines = [line for line in printout.stdout.splitlines() if line.startswith(f"{body}\t")]
    assert lines == [f"{body}\t{reported}\t{reminders}"]

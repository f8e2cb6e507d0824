"""Steps for features/reporting_round_reminders.feature."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from notify.mail import SmtpMailer, SmtpSettings
from notify.recipients import RegisteredRecipients
from notify.sender import ReminderSender
from projections import ReadModels
from tests.notify.smtp_server import SmtpServer

scenarios("reporting_round_reminders.feature")

SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Påminning")


class Running:
    """Planlogg on one database, restartable: each start is a new application instance."""

    def __init__(self, url: str, smtp: SmtpServer) -> None:
        self.url = url
        self.smtp = smtp
        self.app = Planlogg.from_url(url)

    def restart(self) -> None:
        self.app.close()
        self.app = Planlogg.from_url(self.url)

    def sender(self) -> ReminderSender:
        settings = SmtpSettings.parse(self.smtp.url, "sekretariat@planlogg.example.org")
        return ReminderSender(self.app, SmtpMailer(settings), RegisteredRecipients(self.app))


def _day(text: str) -> date:
    day, month, year = (int(part) for part in text.split("."))
    return date(year, month, day)


def _in_round(planlogg: Running, body: str) -> str:
    """The body as the open round names it (by id), for a name as people write it."""
    plan = planlogg.app.get_plan(DEMO_PLAN)
    register = planlogg.app.body_register(plan.header.owner)
    _, state = plan.open_round()
    (found,) = [b for b in state.bodies if register.key_of(b) == register.key_of(body)]
    return found


@pytest.fixture
def planlogg(sqlite_url: str, smtp: SmtpServer) -> Iterator[Running]:
    running = Running(sqlite_url, smtp)
    yield running
    running.app.close()


@given("the demo plan on a database, its round due 11.09.2024, and a mail server")
def demo(planlogg: Running) -> None:
    load_demo(planlogg.app)


@given(parsers.parse('the sender stopped after recording its reminder to "{body}"'))
def stopped_after_intent(planlogg: Running, body: str) -> None:
    addresses = RegisteredRecipients(planlogg.app).addresses("st-olavs", body)
    planlogg.app.intend_reminder(
        DEMO_PLAN, "R1", _in_round(planlogg, body), -1, addresses, SECRETARIAT
    )


@when(parsers.parse('"{body}" reports every one of its measures from the sheet'))
def report_from_sheet(planlogg: Running, body: str) -> None:
    sheet = Provenance("Leiar i fagrådet", Source.SHEET, reason="Status frå reknearket")
    plan = planlogg.app.get_plan(DEMO_PLAN)
    register = planlogg.app.body_register(plan.header.owner)
    for measure in plan.active_measures():
        if register.key_of(body) in map(register.key_of, measure.responsible):
            planlogg.app.report_status(DEMO_PLAN, measure.number, "gul", "Forseinka.", sheet)


@when(parsers.parse("the reminders due on {day} are sent"))
def send_due(planlogg: Running, day: str) -> None:
    planlogg.sender().send_due(DEMO_PLAN, _day(day))


@when(parsers.parse("Planlogg restarts and sends the reminders due on {day}"))
def restart_and_send(planlogg: Running, day: str) -> None:
    planlogg.restart()
    planlogg.sender().send_due(DEMO_PLAN, _day(day))


@when(parsers.parse('the secretariat resends the reminder to "{body}"'))
def resend(planlogg: Running, body: str) -> None:
    planlogg.sender().resend(DEMO_PLAN, body, -1, date(2026, 11, 30))


@then(parsers.parse('"{address}" has {count:d} reminder'))
@then(parsers.parse('"{address}" has {count:d} reminders'))
def reminders_to(planlogg: Running, address: str, count: int) -> None:
    assert len(planlogg.smtp.inbox.to(address)) == count


@then(parsers.parse("the mail server has received {count:d} reminders"))
def received(planlogg: Running, count: int) -> None:
    assert len(planlogg.smtp.inbox.messages) == count


@then(parsers.parse('the dashboard shows "{body}" with "{reminders}"'))
def dashboard_shows(planlogg: Running, body: str, reminders: str) -> None:
    models = ReadModels.open(planlogg.app)
    models.catch_up()
    board = models.dashboard(DEMO_PLAN, date(2026, 11, 30))
    assert board.open_round is not None
    (progress,) = [p for p in board.open_round.progress if p.body == body]
    shown = "; ".join(f"{r.step_label}: {r.status_label}" for r in progress.reminders)
    assert shown == reminders

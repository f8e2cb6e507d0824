"""Steps for features/reporting_round_reminders.feature."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cached_property

import pytest
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.people import Role
from domain.provenance import Provenance, Source
from domain.reminders import as_registered
from notify.mail import SmtpMailer, SmtpSettings
from notify.recipients import RegisteredRecipients
from notify.sender import ReminderSender
from projections import ReadModels
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer
from tests.web.signed_in import NOW, person_with, signed_in
from web import create_app
from web.tokens import InMemoryTokenStore

scenarios("reporting_round_reminders.feature")

DASHBOARD = f"/planer/{DEMO_PLAN}/dashbord"
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

    @cached_property
    def editor(self) -> FlaskClient:
        """An editor signed in to the web app on this database, mail to the same server."""
        web = create_app(
            {"DATABASE_URL": self.url, "SECRET_KEY": "t", "TESTING": True, "CLOCK": lambda: NOW,
             "SMTP_URL": self.smtp.url, "MAIL_FROM": "sekretariat@planlogg.example.org"},
            app=self.app,
            tokens=InMemoryTokenStore(),
        )  # fmt: skip
        web.extensions["planlogg"].read_models.read_your_writes()
        return signed_in(web, person_with(self.app, Role.EDITOR))

    def sender(self) -> ReminderSender:
        settings = SmtpSettings.parse(self.smtp.url, "sekretariat@planlogg.example.org")
        return reminder_sender(self.app, SmtpMailer(settings))


def _day(text: str) -> date:
    day, month, year = (int(part) for part in text.split("."))
    return date(year, month, day)


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
    body_id = planlogg.app.body_register("st-olavs").key_of(body)
    planlogg.app.intend_reminder(DEMO_PLAN, "R1", body_id, -1, addresses, SECRETARIAT)


@given(parsers.parse('"{address}" is the one reminded for "{first}" and "{second}"'))
def one_person_for_two(planlogg: Running, address: str, first: str, second: str) -> None:
    for body in (first, second):
        planlogg.app.set_body_contacts("st-olavs", body, [address], [address], SECRETARIAT)


@when(parsers.parse('"{body}" reports every one of its measures from the sheet'))
def report_from_sheet(planlogg: Running, body: str) -> None:
    sheet = Provenance("Leiar i fagrådet", Source.SHEET, reason="Status frå reknearket")
    register = planlogg.app.body_register("st-olavs")
    measures = as_registered(planlogg.app.get_plan(DEMO_PLAN).reporting_measures(), register)
    for measure in measures:
        if register.key_of(body) in measure.responsible:
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


@when(
    parsers.parse('an editor presses "{button}" for "{body}" on the dashboard page'),
    target_fixture="dashboard_page",
)
def press_on_dashboard(planlogg: Running, button: str, body: str) -> str:
    client = planlogg.editor
    page = client.get(DASHBOARD).text
    form = re.search(
        r'<form method="post" action="([^"]+)">\s*'
        r'<input type="hidden" name="csrf_token" value="([^"]+)">\s*'
        r'<input type="hidden" name="body" value="([^"]+)">\s*'
        r'<input type="hidden" name="step" value="(-?\d+)">\s*'
        r'((?:<input type="hidden" name="[a-z_]+" value="[^"]*">\s*)*)'
        rf'<button type="submit">{re.escape(button)}<span class="visually-hidden"> '
        rf"\(påminnelsen til {re.escape(body)}, ",
        page,
    )
    assert form, page
    action, token, body_id, step, others = form.groups()
    fields = {"csrf_token": token, "body": body_id, "step": step}
    fields |= dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', others))
    response = client.post(action, data=fields, follow_redirects=True)
    assert response.status_code == 200
    return response.text


@then(parsers.parse('the dashboard page says "{message}"'))
def page_says(dashboard_page: str, message: str) -> None:
    assert f'<p class="notice" role="status">{message}</p>' in dashboard_page


@then(parsers.parse('"{address}" has {count:d} reminder'))
@then(parsers.parse('"{address}" has {count:d} reminders'))
def reminders_to(planlogg: Running, address: str, count: int) -> None:
    assert len(planlogg.smtp.inbox.to(address)) == count


@then(parsers.parse('the reminder to "{address}" names "{first}" and "{second}"'))
def names_both(planlogg: Running, address: str, first: str, second: str) -> None:
    (mail,) = planlogg.smtp.inbox.to(address)
    lines = mail.get_content().splitlines()
    assert lines[0] == f"Til {first} og {second}"
    assert lines.index(f"{first} (frist 11.09.2024)") < lines.index(f"{second} (frist 11.09.2024)")
    ways = [line for line in lines if line.startswith("  - på nettsiden: ")]
    assert len(ways) == 2, "each body's section says how it reports"
    assert "planlogg " not in mail.get_content()


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

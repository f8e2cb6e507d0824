"""Steps for features/secretariat_year.feature: the secretariat's year on the St. Olavs demo.

The secretariat works through the command line (`planlogg round …`, `planlogg
decision add`, `planlogg measure evaluate`), the bodies through an in-memory
sheet that Planlogg synchronises and through the web form, the reminders go
through a real SMTP server on loopback, and the annual report is downloaded
from the dashboard and read back. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from pytest_bdd import given, parsers, scenario, then, when

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.measure import MeasureState
from domain.people import Role
from notify.mail import SmtpMailer, SmtpSettings
from notify.sender import ReminderSender
from projections import ReadModels
from sync.cycle import SheetSync
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer
from tests.web.signed_in import NOW, SETUP, person_with, signed_in
from tests.web.test_audit_pages import csrf_from
from web import create_app
from web.cli import cli, round_commands
from web.tokens import InMemoryTokenStore


@scenario(
    "secretariat_year.feature",
    "A reporting round, reminders, an evaluation and the annual report for 2025",
)
def test_the_secretariats_year(database_url: str) -> None:
    """Runs on SQLite and PostgreSQL (`database_url` is parametrised)."""


COMMUNITY = "st-olavs"
FORM = f"/planer/{DEMO_PLAN}/rapportere"


class Year:
    """Planlogg on one database through a year: restartable, with its sheet and mail server."""

    def __init__(self, url: str, smtp: SmtpServer) -> None:
        self.url = url
        self.smtp = smtp
        self.app = Planlogg.from_url(url)
        self.sheet = InMemorySheetBackend(DEMO_PLAN)

    def restart(self) -> None:
        self.app.close()
        self.app = Planlogg.from_url(self.url)

    def secretariat(self, *args: str) -> str:
        """One `planlogg` command as the secretariat types it; it must succeed."""
        result = CliRunner().invoke(
            cli, ["--database-url", self.url, "--as", "Sekretariatet", *args]
        )
        assert result.exit_code == 0, result.output
        return result.output

    def sender(self) -> ReminderSender:
        settings = SmtpSettings.parse(self.smtp.url, "sekretariat@planlogg.example.org")
        return reminder_sender(self.app, SmtpMailer(settings))

    def web(self, today: date) -> Flask:
        web = create_app(
            {
                "DATABASE_URL": self.url,
                "SECRET_KEY": "bdd",
                "TESTING": True,
                "CLOCK": lambda: NOW,
                "TODAY": today.isoformat(),
            },
            app=self.app,
            tokens=InMemoryTokenStore(),
        )
        web.extensions["planlogg"].read_models.read_your_writes()
        return web

    def own_measures(self, body: str) -> list[MeasureState]:
        """The measures a body answers for, under any of its registered spellings."""
        plan = self.app.get_plan(DEMO_PLAN)
        register = self.app.body_register(plan.header.owner)
        wanted = register.key_of(body)
        return [
            m for m in plan.reporting_measures() if wanted in map(register.key_of, m.responsible)
        ]


def _day(text: str) -> date:
    day, month, year = (int(part) for part in text.split("."))
    return date(year, month, day)


def _pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.fixture
def year(database_url: str, smtp: SmtpServer) -> Iterator[Year]:
    running = Year(database_url, smtp)
    yield running
    running.app.close()


# --- the round ------------------------------------------------------------------------------


@given("the St. Olavs demo on a database, with a mail server")
def demo(year: Year) -> None:
    load_demo(year.app)


@given("the secretariat has closed the demo's open round")
def close_demo_round(year: Year) -> None:
    assert year.secretariat("round", "close", DEMO_PLAN) == "✓ Lukket rapporteringsrunde R1.\n"


@given(parsers.parse('ASU has decided in "{case}" on {day} that three bodies report by {deadline}'))
def asu_decides(
    year: Year, case: str, day: str, deadline: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The secretariat acts on the day of the decision (the command line's clock)."""
    monkeypatch.setattr(round_commands, "oslo_today", lambda: _day(day))
    year.secretariat(
        "decision", "add", COMMUNITY, case, "--body", "ASU", "--date", day,
        "--text", f"Fagråda rapporterer status for tiltaka sine innan {deadline}.",
        "--plan", DEMO_PLAN,
    )  # fmt: skip


@when(
    parsers.parse('the secretariat opens a round citing "{case}" with deadline {deadline} for:'),
)
def open_round(year: Year, case: str, deadline: str, datatable: list[list[str]]) -> None:
    bodies = [row[0] for row in datatable[1:]]
    options = [arg for body in bodies for arg in ("--body", body)]
    output = year.secretariat(
        "--decision", case, "round", "open", DEMO_PLAN, "--deadline", deadline, *options
    )
    assert output == "✓ Åpnet rapporteringsrunde R2.\n"


@then(parsers.parse('the open round is "{round_id}" with deadline {deadline}, citing "{case}"'))
def round_opened(year: Year, round_id: str, deadline: str, case: str) -> None:
    plan = year.app.get_plan(DEMO_PLAN)
    found, state = plan.open_round()
    assert (found, state.deadline) == (round_id, _day(deadline))
    assert state.bodies == (
        "fagrad-for-digital-samhandling", "fagrad-for-legesamarbeid", "fagrad-for-pasientsamarbeid",
    )  # fmt: skip
    opened = [e for e in year.app.events.get(plan.id) if type(e).__name__ == "ReportingRoundOpened"]
    assert opened[-1].by.decision == case


@then(parsers.parse('the round shows "{body}" as reported'))
def shown_reported(year: Year, body: str) -> None:
    assert f"{body}\trapportert\t" in year.secretariat("round", "show", DEMO_PLAN)


@then(parsers.parse('the round shows "{body}" as not reported'))
def shown_not_reported(year: Year, body: str) -> None:
    assert f"{body}\tikke rapportert\t" in year.secretariat("round", "show", DEMO_PLAN)


# --- the sheet ------------------------------------------------------------------------------


@when("the plan is laid out in a shared sheet")
def shared_sheet(year: Year) -> None:
    lay_out(year.app, year.sheet, DEMO_PLAN)
    SheetSync(year.app, ReadModels.open(year.app)).cycle(year.sheet, DEMO_PLAN)


@when(
    parsers.parse('"{body}" types "{light}" and "{comment}" for each of its measures in the sheet')
)
def type_for_each(year: Year, body: str, light: str, comment: str) -> None:
    cells: dict[tuple[int, str], str] = {}
    for measure in year.own_measures(body):
        row = year.sheet.row_of(measure.id)
        cells |= {(row, "Status"): light, (row, "Statuskommentar"): comment}
    year.sheet.user_edit(cells, user=f"Leiar, {body}")


@when(parsers.parse('"{body}" types "{light}" and "{comment}" for measure {number} in the sheet'))
def type_for_one(year: Year, body: str, light: str, comment: str, number: str) -> None:
    row = year.sheet.row_of(year.app.get_plan(DEMO_PLAN).find_measure(number).id)
    year.sheet.user_edit(
        {(row, "Status"): light, (row, "Statuskommentar"): comment}, user=f"Leiar, {body}"
    )


@when(parsers.parse("Planlogg synchronises the sheet on {day} and records {count:d} report"))
@when(parsers.parse("Planlogg synchronises the sheet on {day} and records {count:d} reports"))
def synchronise(year: Year, day: str, count: int) -> None:
    report = SheetSync(year.app, ReadModels.open(year.app)).cycle(
        year.sheet, DEMO_PLAN, today=lambda: _day(day)
    )
    assert (report.applied, report.conflicts, report.rejected) == (count, 0, 0)


# --- reminders ------------------------------------------------------------------------------


@when(parsers.parse("the reminders due on {day} are sent"))
def send_due(year: Year, day: str) -> None:
    year.sender().send_due(DEMO_PLAN, _day(day))


@when(parsers.parse("Planlogg restarts and sends the reminders due on {day}"))
def restart_and_send(year: Year, day: str) -> None:
    year.restart()
    year.sender().send_due(DEMO_PLAN, _day(day))


@then(parsers.parse("the mail server has received {count:d} reminders"))
def received(year: Year, count: int) -> None:
    assert len(year.smtp.inbox.messages) == count


@then(parsers.parse('"{address}" has {count:d} reminder'))
@then(parsers.parse('"{address}" has {count:d} reminders'))
def reminders_to(year: Year, address: str, count: int) -> None:
    assert len(year.smtp.inbox.to(address)) == count


# --- the web form ---------------------------------------------------------------------------


@when(
    parsers.parse(
        'the reporter for "{body}" reports "{light}" and "{comment}" for each of its measures '
        "in the web form on {day}"
    ),
    target_fixture="form_page",
)
def report_on_the_web(year: Year, body: str, light: str, comment: str, day: str) -> str:
    web = year.web(_day(day))
    reporter = person_with(year.app, Role.REPORTER)
    year.app.assign_reporting_bodies(reporter, [body], SETUP)
    client = signed_in(web, reporter)
    page = client.get(FORM).get_data(as_text=True)
    choices = re.findall(
        rf'name="status-(\w+)" value="(\w+)"[^>]*>\s*<label for="status-\1-\2">{light}</label>',
        page,
    )
    assert [measure for measure, _ in choices] == [m.id for m in year.own_measures(body)]
    form = {"csrf_token": csrf_from(client, FORM)}
    for measure, value in choices:
        form |= {f"status-{measure}": value, f"kommentar-{measure}": comment}
    saved = client.post(FORM, data=form, follow_redirects=True)
    assert saved.status_code == 200
    return saved.get_data(as_text=True)


@then(parsers.parse('the web form says "{notice}"'))
def form_says(form_page: str, notice: str) -> None:
    assert re.findall(r"<p class=\"notice\" role=\"status\">([^<]*)</p>", form_page) == [notice]


# --- evaluation and the annual report -------------------------------------------------------


@when(
    parsers.parse(
        '"{body}" evaluates measure {number} for {evaluated:d} as "{result}", led to "{led_to}", '
        'recommending "{advice}"'
    )
)
def evaluate(
    year: Year, body: str, number: str, evaluated: int, result: str, led_to: str, advice: str
) -> None:
    year.secretariat(
        "measure", "evaluate", DEMO_PLAN, number, "--year", str(evaluated), "--result", result,
        "--led-to", led_to, "--recommend", advice, "--body", body, "--date", "12.12.2025",
    )  # fmt: skip


@when(
    "an editor downloads the annual report 2025 as PDF from the dashboard",
    target_fixture="annual_report",
)
def download_report(year: Year) -> tuple[str, str]:
    web = year.web(date(2025, 12, 15))
    client: FlaskClient = signed_in(web, person_with(year.app, Role.EDITOR))
    html = client.get(f"/planer/{DEMO_PLAN}/dashbord").get_data(as_text=True)
    (link,) = re.findall(r'href="([^"]+/arsrapport/2025\.pdf)"', html)
    response = client.get(link)
    assert response.status_code == 200
    found = re.search(r'filename="([^"]+)"', response.headers["Content-Disposition"])
    assert found is not None
    return found[1], _pdf_text(response.data)


@then(parsers.parse('the report\'s file is "{name}"'))
def report_file(annual_report: tuple[str, str], name: str) -> None:
    assert annual_report[0] == name


PAGE_TOP = re.compile(
    r"(• )*Handlingsplan 2022-2024 Helsefelleskapet St\. Olavs hospital og kommunene "
    r"Årsrapport 2025 Side \d+ av \d+ (Tiltak Status Kommentar Rapportert av Dato )?"
)
"""What a page break adds to the text: the running header, and a table's repeated header row."""


def _part(text: str, start: str, end: str) -> str:
    """The report's text from `start` up to `end`, without what page breaks put in between."""
    first = text.index(start)
    return PAGE_TOP.sub("", text[first : text.index(end, first)])


@then(parsers.parse('the report lists what "{body}" reported from the sheet'))
def sheet_reports(annual_report: tuple[str, str], body: str) -> None:
    part = _part(annual_report[1], f"{body} Tiltak Status", "Fagråd for forebygging")
    assert part == f"{body} Tiltak Status Kommentar Rapportert av Dato " + "".join(
        f"{number} grønn I rute. Leiar, {body} (regneark) 04.03.2025 "
        for number in ("4.1.2", "4.1.3", "4.2.1", "4.2.2", "4.3.1")
    )


@then(parsers.parse('the report lists what "{body}" reported from the web'))
def web_reports(annual_report: tuple[str, str], body: str) -> None:
    part = _part(annual_report[1], f"{body} Tiltak Status", "Organer som ikke har rapportert")
    web = "gul Forseinka. Reporter (reporter@helse.no) (nett) 10.03.2025"
    assert re.findall(rf"(\S+) {re.escape(web)}", part) == [
        "0.6.1", "1.2.1", "1.3.1", "1.3.2", "1.3.3", "1.3.4", "1.6.1", "2.1.3A", "2.1.3B",
        "4.2.1", "4.2.2", "4.3.1",
    ]  # fmt: skip
    assert part.count("(regneark)") == 4


@then(parsers.parse("the report lists the evaluation of measure {number} for 2025"))
def evaluation_listed(annual_report: tuple[str, str], number: str) -> None:
    part = _part(annual_report[1], "Evalueringer 2025", "Vedtak i 2025")
    assert part.startswith(
        "Evalueringer 2025 Tiltakene som er evaluert for 2025: om målet ble nådd, hva tiltaket "
        f"førte til, og hva organet anbefaler for neste plan. Tiltak {number} Etablere en "
        "arbeidsgruppe som skal utvikle et helhetlig pasient-/samhandlingsforløp"
    )
    assert part.endswith(
        "Evaluert av Resultat Hva tiltaket førte til Anbefaling Dato Fagråd for legesamarbeid "
        "delvis oppnådd Felles rutine i tre kommunar. endre 12.12.2025 "
    )
    assert part.count("Tiltak ") == 1


@then(parsers.parse('the report names "{body}" as not reported by {deadline}'))
def not_reported(annual_report: tuple[str, str], body: str, deadline: str) -> None:
    part = _part(annual_report[1], "Organer som ikke har rapportert", "Evalueringsplaner")
    assert part == (
        f"Organer som ikke har rapportert Rapporteringsrunde med frist {deadline} "
        "(ASU sak 12/25) Organer som skulle rapportere: Fagråd for digital samhandling, "
        "Fagråd for legesamarbeid, Fagråd for pasientsamarbeid. Runden er åpen. "
        f"Har ikke rapportert status for alle sine tiltak: {body} "
    )

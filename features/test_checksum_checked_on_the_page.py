"""An auditor checks a report's checksum on the page (web, the test client as the browser, on
SQLite and PostgreSQL).

The report's last section is `chain_section` of the chain's head, as the annual report
prints it. Rita's browser sends the check page's form as a browser without JavaScript
sends a GET form: every field as shown, with what she types on top, in the address.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.people import Role
from domain.provenance import Provenance, Source
from projections.annual_report import chain_section
from projections.report_model import ChainSection
from tests.web.forms import field_errors, filled
from tests.web.journeys import caught_up, staff_member, web_app
from tests.web.signed_in import ISSUER, NOW, signed_in

scenarios("checksum_checked_on_the_page.feature")

pytestmark = pytest.mark.usefixtures("database_url")

URL = "/revisjon/kontroll"
TAG = re.compile(r"<[^>]+>")
TIME = re.compile(r"<time [^>]*>.*?</time>", re.S)


def text(html: str) -> str:
    return " ".join(unescape(TAG.sub("", TIME.sub("[tid]", html))).split())


@given("the demo plan, and Rita an auditor signed in to the web", target_fixture="browser")
def rita_signed_in(store: Planlogg, database_url: str) -> FlaskClient:
    load_demo(store)
    rita = staff_member(store, ISSUER, "rita", "rita@helse.no", "Rita Revisor", Role.AUDITOR)
    return signed_in(caught_up(web_app(store, database_url, CLOCK=lambda: NOW)), rita)


@given(
    parsers.parse("a report printed the change log's checksum up to event {position:d}"),
    target_fixture="report",
)
def report_printed(store: Planlogg, browser: FlaskClient, position: int) -> ChainSection:
    web: Flask = browser.application
    section = chain_section(caught_up(web).extensions["planlogg"].read_models.chain_head())
    assert (section.position, store.recorder.max_notification_id()) == (position, position)
    assert re.fullmatch(r"[0-9a-f]{64}", section.hash)
    return section


@given(parsers.parse('the secretariat has since reworded measure "{number}"'))
def reworded(store: Planlogg, number: str) -> None:
    by = Provenance("Sekretariatet", Source.CLI, reason="Revisjon 2025")
    store.reword_measure(DEMO_PLAN, number, "Utarbeide årshjul for 2026.", by)


def check(browser: FlaskClient, position: int, checksum: str) -> TestResponse:
    page = browser.get(URL)
    assert page.status_code == 200
    typed = {"posisjon": str(position), "kontrollsum": checksum}
    return browser.get(URL, query_string=filled(page.text, typed, URL))


@when(
    "Rita types the report's position and checksum into the check page",
    target_fixture="answer",
)
def as_printed(browser: FlaskClient, report: ChainSection) -> TestResponse:
    return check(browser, report.position, report.hash)


@when(
    "Rita types the report's position and its checksum with the last character changed "
    "into the check page",
    target_fixture="answer",
)
def one_changed(browser: FlaskClient, report: ChainSection) -> TestResponse:
    last = "0" if report.hash[-1] != "0" else "1"
    return check(browser, report.position, report.hash[:-1] + last)


@when(
    "Rita types the report's position and the checksum's first 12 characters into the check page",
    target_fixture="answer",
)
def cut_short(browser: FlaskClient, report: ChainSection) -> TestResponse:
    return check(browser, report.position, report.hash[:12])


@then("the check page says:")
def says(answer: TestResponse, datatable: list[list[str]]) -> None:
    """What the page says after its form: each paragraph, the current head's time as [tid]."""
    after_form = answer.text.split("</form>")[-1].split("</main>")[0]
    said = [text(found) for found in re.findall(r"<p[^>]*>(.*?)</p>", after_form, re.S)]
    assert said == [row[0] for row in datatable]


@then("the check page shows no verdict of the chain beside the refusal")
def no_verdict(answer: TestResponse) -> None:
    """«Ingenting er vist» holds: nothing was checked, so nothing is said of the chain."""
    after_form = answer.text.split("</form>")[-1].split("</main>")[0]
    assert re.findall(r"<p[^>]*>(.*?)</p>", after_form, re.S) == []
    assert "<h2>Ingenting er vist</h2>" in answer.text


@then(parsers.parse('what she typed is refused at "{label}" with "{message}"'))
def refused(answer: TestResponse, report: ChainSection, label: str, message: str) -> None:
    assert answer.status_code == 422
    said = f"«{report.hash[:12]}» {message}"
    assert field_errors(answer.text) == {"kontrollsum": said}
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', answer.text, re.S)
    assert summary is not None
    assert re.findall(r"<li>(.*?)</li>", summary[1], re.S) == [
        f'<a href="#kontrollsum">{label}: {said}</a>'
    ]
    assert f'name="kontrollsum" value="{report.hash[:12]}"' in answer.text

"""The plan's cycle in the browser (web, the test client as the browser, on SQLite and
PostgreSQL): each step reached by its link or button on the working version, each form sent
as a browser without JavaScript sends it, every field as shown with the person's entries."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.people import Role
from domain.provenance import Provenance, Source
from domain.vocabulary import Stage
from tests.web.forms import filled, form_fields
from tests.web.journeys import caught_up, staff_member, web_app
from tests.web.signed_in import ISSUER, NOW, signed_in

scenarios("plan_cycle_in_browser.feature")

pytestmark = pytest.mark.usefixtures("database_url")

WORKING = f"/planer/{DEMO_PLAN}/arbeidsversjon"
APPROVAL = f"/planer/{DEMO_PLAN}/godkjenning"
REVISE = f"/planer/{DEMO_PLAN}/revisjon"
SUBMIT = f"/planer/{DEMO_PLAN}/send-til-godkjenning"
CLI = Provenance("Sekretariatet", Source.CLI)


@given(
    "the demo plan on a database, adopted as version 2, with Eli as editor and Gro as "
    "approver signed in to the web",
    target_fixture="people",
)
def people(store: Planlogg, database_url: str) -> dict[str, FlaskClient]:
    load_demo(store)
    store.submit(DEMO_PLAN, ["ASU", "PSU"], CLI)
    store.approve(DEMO_PLAN, 2, "ASU", "sak 02/25", date(2025, 1, 9), CLI)
    store.approve(DEMO_PLAN, 2, "PSU", "sak 01/25", date(2025, 1, 16), CLI)
    web = caught_up(web_app(store, database_url, CLOCK=lambda: NOW))
    return {
        "Eli": signed_in(
            web, staff_member(store, ISSUER, "eli", "eli@helse.no", "Eli", Role.EDITOR)
        ),
        "Gro": signed_in(
            web, staff_member(store, ISSUER, "gro", "gro@helse.no", "Gro", Role.APPROVER)
        ),
    }


def follow(client: FlaskClient, words: str) -> tuple[str, str]:
    """The page the working version's link `words` leads to: its address and its text."""
    (url,) = re.findall(rf'<a href="([^"]+)">{re.escape(words)}</a>', client.get(WORKING).text)
    return url, client.get(url).text


def shown(answer: TestResponse, client: FlaskClient) -> str:
    assert answer.status_code == 303, answer.text
    return client.get(answer.headers["Location"]).text


@when(
    parsers.parse('Eli starts a revision on the working version under "{decision}"'),
    target_fixture="page",
)
def start_revision(people: dict[str, FlaskClient], decision: str) -> str:
    client = people["Eli"]
    data = filled(client.get(WORKING).text, {"decision": decision, "reason": "Ny plan"}, REVISE)
    return shown(client.post(REVISE, data=data), client)


@then(parsers.parse('the working version says "{notice}"'))
def says(page: str, notice: str) -> None:
    assert notice in re.findall(r'<p class="notice" role="status">(.*?)</p>', unescape(page))


@then(parsers.parse("version {version:d} is still in force"))
def in_force(store: Planlogg, version: int) -> None:
    assert store.get_plan(DEMO_PLAN).header.adopted_version == version


@when(
    parsers.parse(
        'Eli follows "Send på høring" and sends the draft to "{first}" and "{second}" with the '
        "deadline {deadline}, sent {sent_on}"
    ),
    target_fixture="page",
)
def send_on_hearing(
    people: dict[str, FlaskClient], first: str, second: str, deadline: str, sent_on: str
) -> str:
    client = people["Eli"]
    url, form = follow(client, "Send på høring")
    entries = {"bodies": [first], "others": second, "deadline": deadline, "sent_on": sent_on}
    return shown(client.post(url, data=filled(form, entries, url)), client)


@when(
    parsers.parse(
        'Eli follows "Send til godkjenning" and sends the draft to "{first}" and "{second}"'
    ),
    target_fixture="page",
)
def submit(people: dict[str, FlaskClient], first: str, second: str) -> str:
    client = people["Eli"]
    url, form = follow(client, "Send til godkjenning")
    return shown(client.post(url, data=filled(form, {"bodies": [first, second]}, url)), client)


@when(
    parsers.parse('Gro records the approval of "{body}" under "{case}" from the meeting {day}'),
)
def approve(people: dict[str, FlaskClient], body: str, case: str, day: str) -> None:
    client = people["Gro"]
    entries = {"body": body, "case": case, "meeting_date": day, "reason": "Møte"}
    saved = client.post(APPROVAL, data=filled(client.get(APPROVAL).text, entries, APPROVAL))
    assert saved.status_code == 303, saved.text


@then(parsers.parse("version {version:d} is adopted"))
def adopted(store: Planlogg, version: int) -> None:
    header = store.get_plan(DEMO_PLAN).header
    assert (header.stage, header.adopted_version) == (Stage.ADOPTED, version)


@when(parsers.parse('Eli presses "{button}" on the working version'), target_fixture="page")
def press(people: dict[str, FlaskClient], button: str) -> str:
    client = people["Eli"]
    page = client.get(WORKING).text
    found = re.search(
        rf'<form method="post" action="([^"]+)"(?:(?!</form>).)*<button type="submit">'
        rf"{re.escape(button)}</button>",
        page,
        re.S,
    )
    assert found is not None
    return shown(client.post(found[1], data=filled(page, {}, found[1])), client)


@given("Eli has started a revision and opened «Send til godkjenning»", target_fixture="form")
def opened(people: dict[str, FlaskClient]) -> str:
    start_revision(people, "ASU sak 40/24")
    return follow(people["Eli"], "Send til godkjenning")[1]


@when("Ola rewords measure 0.1.2 on the command line")
def ola_rewords(store: Planlogg) -> None:
    store.reword_measure(DEMO_PLAN, "0.1.2", "Ola sin tekst.", Provenance("Ola", Source.CLI))


@when(parsers.parse('Eli sends the draft to "{first}" and "{second}"'), target_fixture="sent")
def send(people: dict[str, FlaskClient], form: str, first: str, second: str) -> TestResponse:
    return people["Eli"].post(SUBMIT, data=filled(form, {"bodies": [first, second]}, SUBMIT))


@then(
    parsers.parse(
        'the form is refused with "{words}" and still has "{first}" and "{second}" chosen'
    )
)
def refused(sent: TestResponse, words: str, first: str, second: str) -> None:
    assert sent.status_code == 409
    assert words in unescape(sent.text)
    chosen = [value for name, value in form_fields(sent.text, SUBMIT) if name == "bodies"]
    assert chosen == [first, second]


@then("nothing is sent for approval")
def nothing_sent(store: Planlogg) -> None:
    header = store.get_plan(DEMO_PLAN).header
    assert (header.stage, header.submission) == (Stage.DRAFT, None)

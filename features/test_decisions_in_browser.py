"""The register of decisions in the browser, and what an approver reads of it (web, the test
client as the browser, on SQLite and PostgreSQL).

The register is reached as the secretariat reaches it, by its link on the working version;
each form is sent as a browser without JavaScript sends it: every field as shown, with the
person's entries."""

from __future__ import annotations

import re
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
from tests.web.forms import field_errors, filled, form_fields
from tests.web.journeys import caught_up, page_text, staff_member, web_app
from tests.web.signed_in import ISSUER, NOW, signed_in

scenarios("decisions_in_browser.feature")

pytestmark = pytest.mark.usefixtures("database_url")

WORKING = f"/planer/{DEMO_PLAN}/arbeidsversjon"
APPROVAL = f"/planer/{DEMO_PLAN}/godkjenning"


@given(
    "the demo plan on a database, sent to ASU for approval, with Eli as editor and Gro as "
    "approver signed in to the web",
    target_fixture="people",
)
def people(store: Planlogg, database_url: str) -> dict[str, FlaskClient]:
    load_demo(store)
    store.submit(DEMO_PLAN, ["ASU"], Provenance("Sekretariatet", Source.CLI))
    web = caught_up(web_app(store, database_url, CLOCK=lambda: NOW))
    return {
        "Eli": signed_in(
            web, staff_member(store, ISSUER, "eli", "eli@helse.no", "Eli", Role.EDITOR)
        ),
        "Gro": signed_in(
            web, staff_member(store, ISSUER, "gro", "gro@helse.no", "Gro", Role.APPROVER)
        ),
    }


def register(
    client: FlaskClient, url: str, case: str, body: str, day: str, text: str
) -> TestResponse:
    form = client.get(url)
    assert form.status_code == 200
    entries = {"body": body, "case": case, "meeting_date": day, "text": text}
    return client.post(url, data=filled(form.text, entries, url))


@when(
    parsers.parse(
        'Eli follows "{words}" on the working version and registers "{case}" of "{body}" from '
        'the meeting {day}: "{text}"'
    ),
    target_fixture="sent",
)
def follow_and_register(
    people: dict[str, FlaskClient], words: str, case: str, body: str, day: str, text: str
) -> TestResponse:
    client = people["Eli"]
    (url,) = re.findall(rf'<a href="([^"]+)">{re.escape(words)}</a>', client.get(WORKING).text)
    return register(client, url, case, body, day, text)


@when(
    parsers.parse('Eli registers "{case}" of "{body}" from the meeting {day} again: "{text}"'),
    target_fixture="sent",
)
def register_again(
    people: dict[str, FlaskClient], sent: TestResponse, case: str, body: str, day: str, text: str
) -> TestResponse:
    return register(people["Eli"], sent.request.path, case, body, day, text)


@then(parsers.parse('the register says "{notice}" and lists "{case}" first'))
def registered(people: dict[str, FlaskClient], sent: TestResponse, notice: str, case: str) -> None:
    assert sent.status_code == 303
    page = people["Eli"].get(sent.headers["Location"]).text
    assert re.findall(r'<p class="notice" role="status">(.*?)</p>', page) == [notice]
    assert re.findall(r'<h3 id="vedtak-[^"]+">(.*?)</h3>', page)[0] == case


@then(
    parsers.parse(
        'the form is refused at the case number with "{message}" and still holds "{text}"'
    )
)
def refused(sent: TestResponse, message: str, text: str) -> None:
    assert sent.status_code == 422
    assert field_errors(unescape(sent.text)) == {"case": message}
    assert dict(form_fields(sent.text, sent.request.path))["text"] == text


@when("Gro opens the approval form", target_fixture="approval_page")
def open_approval(people: dict[str, FlaskClient]) -> str:
    return people["Gro"].get(APPROVAL).text


@then(parsers.parse('it offers first "{offered}"'))
def offers(approval_page: str, offered: str) -> None:
    found = re.search(r'<details class="registered-decisions">(.*?)</details>', approval_page, re.S)
    assert found is not None
    assert page_text(re.findall(r"<li>(.*?)</li>", found[1])[0]) == offered


@when(
    parsers.parse('Gro records ASU\'s approval under "{case}" from the meeting {day}'),
    target_fixture="approval_page",
)
def approve(people: dict[str, FlaskClient], approval_page: str, case: str, day: str) -> str:
    client = people["Gro"]
    entries = {"body": "ASU", "case": case, "meeting_date": day, "reason": "Møte"}
    saved = client.post(APPROVAL, data=filled(approval_page, entries, APPROVAL))
    assert saved.status_code == 303
    return client.get(saved.headers["Location"]).text


@then(parsers.parse('the approval form shows "{text}" for "{decision}"'))
def shows(approval_page: str, text: str, decision: str) -> None:
    found = re.search(r'<dl class="decision-texts">(.*?)</dl>', approval_page, re.S)
    assert found is not None
    assert re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", found[1]) == [(decision, text)]


@then("the plan is adopted")
def adopted(store: Planlogg) -> None:
    assert store.get_plan(DEMO_PLAN).stage == Stage.ADOPTED

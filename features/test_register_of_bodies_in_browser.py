"""Steps for features/register_of_bodies_in_browser.feature (web, the test client as the
browser, on SQLite and PostgreSQL): pages reached by their links, forms sent as a browser
without JavaScript sends them."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.provenance import Provenance, Source
from projections import AuditQuery, ReadModels
from tests.web.forms import field_errors, filled
from tests.web.journeys import caught_up, page_text

scenarios("register_of_bodies_in_browser.feature")

pytestmark = pytest.mark.usefixtures("database_url")

WORKING = f"/planer/{DEMO_PLAN}/arbeidsversjon"
REGISTER = "/helsefellesskap/st-olavs/organer"


@given(parsers.parse('measure {number} names "{body}" as its responsible body'))
def named(store: Planlogg, editors: dict[str, FlaskClient], number: str, body: str) -> None:
    store.assign_responsible(DEMO_PLAN, number, [body], Provenance("Kari", Source.SHEET))
    caught_up(editors["Sara"].application)


def link(page: str, words: str) -> str:
    found = re.findall(rf'<a (?:class="[^"]*" )?href="([^"]+)">{re.escape(words)}</a>', page)
    assert len(found) == 1, (words, found)
    return unescape(found[0])


def unregistered(page: str) -> list[str]:
    """The spellings listed as not registered, each as read."""
    found = re.search(r'<ul class="spellings">(.*?)</ul>', page, re.S)
    items = re.findall(r"<li>(.*?)</li>", found[1], re.S) if found else []
    return [page_text(item) for item in items]


@when("Sara opens the register of bodies from the working version", target_fixture="register")
def opens_register(editors: dict[str, FlaskClient]) -> str:
    client = editors["Sara"]
    address = link(client.get(WORKING).text, "Organregisteret")
    assert address == REGISTER
    return client.get(address).text


@then(
    parsers.parse(
        'the register lists "{spelling}" as not registered, used by measure {number}, '
        'with "{asked}"'
    )
)
def listed(register: str, spelling: str, number: str, asked: str) -> None:
    said = f"«{spelling}» ({DEMO_PLAN}: tiltak {number}). {asked} Slå sammen «{spelling}»"
    assert said in unregistered(register)


@when("Sara merges it by its link, sending the form as offered", target_fixture="merged")
def merges(editors: dict[str, FlaskClient], register: str) -> TestResponse:
    client = editors["Sara"]
    hidden = '<span class="visually-hidden"> «Fagrådet for legesamarbeid»</span>'
    found = re.search(rf'<a class="no-print" href="([^"]+)">Slå sammen{hidden}</a>', register)
    assert found is not None
    address = unescape(found[1])
    form = client.get(address).text
    action = address.split("?")[0]
    return client.post(action, data=filled(form, {}, action))


@then(parsers.parse('the register says "{notice}"'))
def says(editors: dict[str, FlaskClient], merged: TestResponse, notice: str) -> None:
    assert (merged.status_code, merged.headers["Location"]) == (303, REGISTER)
    page = editors["Sara"].get(REGISTER).text
    notices = re.findall(r'<p class="notice" role="status">(.*?)</p>', page, re.S)
    assert [unescape(n) for n in notices] == [notice]


@then(parsers.parse('"{spelling}" is no longer listed as not registered'))
def not_listed(editors: dict[str, FlaskClient], spelling: str) -> None:
    listed = unregistered(editors["Sara"].get(REGISTER).text)
    assert not [item for item in listed if item.startswith(f"«{spelling}»")]
    assert listed  # the demo's other spellings are still there


@then(parsers.parse('the audit trail records the merge as made by "{actor}" from the web'))
def audited(store: Planlogg, actor: str) -> None:
    models = ReadModels.open(store)
    models.catch_up()
    rows = models.history(AuditQuery(field="body_aliases")).rows
    assert [(r.actor, r.source, r.after) for r in rows][-1] == (
        actor,
        "web",
        "st-olavs: Fagråd for legesamarbeid: Fagråd for lege-samarbeid, Fagråd lege-samarbeid, "
        "Fagråd legesamarbeid, Fagrådet for legesamarbeid",
    )


@when(parsers.parse('Sara and Emil both open the addresses of "{body}"'), target_fixture="forms")
def both_open(editors: dict[str, FlaskClient], body: str) -> dict[str, tuple[str, str]]:
    opened = {}
    for name, client in editors.items():
        register = client.get(REGISTER).text
        hidden = f'<span class="visually-hidden"> til {body}</span>'
        address = link(register, f"Endre adresser{hidden}")
        opened[name] = (address, client.get(address).text)
    return opened


@when(parsers.parse('{name} saves "{address}" as the one who reports'), target_fixture="answers")
def saves(
    editors: dict[str, FlaskClient],
    forms: dict[str, tuple[str, str]],
    name: str,
    address: str,
    request: pytest.FixtureRequest,
) -> dict[str, TestResponse]:
    answers: dict[str, TestResponse] = (
        request.getfixturevalue("answers") if "answers" in request.fixturenames else {}
    )
    action, form = forms[name]
    answers[name] = editors[name].post(action, data=filled(form, {"reporters": address}, action))
    return answers


@then(parsers.parse('{name}\'s form is refused, naming "{actor}", with "{address}" kept in it'))
def refused(answers: dict[str, TestResponse], name: str, actor: str, address: str) -> None:
    answer = answers[name]
    assert answer.status_code == 409
    assert f"ble endret av {actor} " in unescape(answer.text)
    assert f">{address}</textarea>" in answer.text
    assert field_errors(answer.text) == {}


@then(parsers.parse('the register shows "{address}" reporting for "{body}"'))
def shows(store: Planlogg, editors: dict[str, FlaskClient], address: str, body: str) -> None:
    assert store.get_community("st-olavs").body(body).reporters == (address,)
    assert f'data-label="Rapporterer">{address}</td>' in editors["Sara"].get(REGISTER).text

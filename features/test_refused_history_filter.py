"""A refused history filter gives the form back as typed (web, the test client as the
auditor's browser).

The filter is sent as a browser without JavaScript sends it: every entry of the form
as shown, with the auditor's entries on top; she is signed in by the session a
sign-in leaves.
"""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.people import Role
from tests.web.forms import filled, form_fields
from tests.web.journeys import staff_member
from tests.web.signed_in import ISSUER, NOW, signed_in

scenarios("refused_history_filter.feature")

HISTORY = "/revisjon/"


@given("Rita is an auditor signed in to the web", target_fixture="auditor")
def auditor(web: Flask) -> FlaskClient:
    app = web.extensions["planlogg"].app
    web.config["CLOCK"] = lambda: NOW
    return signed_in(web, staff_member(app, ISSUER, "rita", "rita@helse.no", "Rita", Role.AUDITOR))


def entries(datatable: list[list[str]]) -> dict[str, str]:
    header, *rows = datatable
    if header != ["entry", "value"]:
        raise ValueError(f"Ukjende kolonnar: {header}")
    return dict((name, value) for name, value in rows)


def send(client: FlaskClient, page: str, typed: dict[str, str]) -> TestResponse:
    return client.get(HISTORY, query_string=filled(page, dict(typed), HISTORY))


@when(
    'Rita fills in the history filter and presses "Filtrer":',
    target_fixture="answer",
)
def fill_in(auditor: FlaskClient, datatable: list[list[str]]) -> TestResponse:
    return send(auditor, auditor.get(HISTORY).text, entries(datatable))


@when(
    parsers.parse('Rita corrects the entry "{name}" to "{value}" and presses "Filtrer" again'),
    target_fixture="answer",
)
def correct(auditor: FlaskClient, answer: TestResponse, name: str, value: str) -> TestResponse:
    return send(auditor, answer.text, {name: value})


@then("the history is refused (422) and lists no changes")
def refused(answer: TestResponse) -> None:
    assert answer.status_code == 422
    assert "<table" not in answer.text and "passer filteret" not in answer.text


@then(parsers.parse('the error summary says "{text}" with a link to the entry "{name}"'))
def summary(answer: TestResponse, text: str, name: str) -> None:
    found = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', answer.text, re.S)
    assert found is not None
    assert "<h2>Ingenting er vist</h2>" in found[1]
    assert re.findall(r"<li>(.*?)</li>", found[1]) == [f'<a href="#{name}">{text}</a>']


@then(
    parsers.parse(
        'only the entry "{name}" is marked, with "{problem}" beside it, showing "{typed}" as text'
    )
)
def marked(answer: TestResponse, name: str, problem: str, typed: str) -> None:
    assert re.findall(r"<(?:input|select)\b[^>]*aria-invalid=\"true\"[^>]*>", answer.text) == [
        f'<input id="{name}" name="{name}" type="text" value="{typed}" '
        f'aria-describedby="{name}-error" aria-invalid="true">'
    ]
    assert re.findall(r'<p class="error"[^>]*>.*?</p>', answer.text) == [
        f'<p class="error" id="{name}-error">{problem}</p>'
    ]


@then("the filter form holds exactly:")
def holds(answer: TestResponse, datatable: list[list[str]]) -> None:
    assert form_fields(answer.text, HISTORY) == list(entries(datatable).items())


@then(parsers.parse('the history says "{count}"'))
def says(answer: TestResponse, count: str) -> None:
    assert answer.status_code == 200
    found = re.search(r'<p class="result-count" role="status">([^\n<]*)\n', answer.text)
    assert found is not None and found[1] == count


@then(
    parsers.parse(
        'its one row is the change of "{field}" by "{actor}" from "{source}" under "{decision}"'
    )
)
def one_row(answer: TestResponse, field: str, actor: str, source: str, decision: str) -> None:
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", answer.text, re.S)
    assert body is not None
    [row] = re.findall(r"<tr[^>]*>(.*?)</tr>", body[1], re.S)
    cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    head = re.search(r"<thead[^>]*>(.*?)</thead>", answer.text, re.S)
    assert head is not None
    names = [re.sub(r"<[^>]+>", "", name) for name in re.findall(r"<th[^>]*>(.*?)</th>", head[1])]
    shown = dict(zip(names, cells, strict=True))
    assert (shown["Person"], shown["Kilde"], shown["Felt"], shown["Vedtak"]) == (
        actor, source, field, decision,
    )  # fmt: skip

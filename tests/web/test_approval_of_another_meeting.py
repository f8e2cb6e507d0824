"""An approval citing a registered decision with another meeting day is refused at the case
number, on the form and in the API (naming the field), and nothing is saved: the walk of
the approver's pages approved a new version citing «ASU sak 12/22», the case that had
adopted version 1 three years before, and the public plan then showed it. A case of
another body is said at the case number too, with what to do."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from domain.plan import plan_id
from tests.web.forms import field_errors, filled
from tests.web.signed_in import person_with, signed_in
from tests.web.test_flow_approval_cases import KEY, URL, submitted  # noqa: F401

ANOTHER_DAY = (
    "ASU sak 12/25 ble vedtatt i møtet 13.03.2025, ikke 09.03.2028. Skriv saksnummeret fra "
    "møtet 09.03.2028, eller rett møtedatoen."
)


def test_the_form_says_it_at_the_case_number_and_saves_nothing(
    submitted: Flask,  # noqa: F811
    demo_app: Planlogg,
) -> None:
    client = signed_in(submitted, person_with(demo_app, Role.APPROVER))
    before = len(list(demo_app.events_of(plan_id(KEY))))
    typed = {"body": "ASU", "case": "sak 12/25", "meeting_date": "09.03.2028"}
    refused = client.post(URL, data=filled(client.get(URL).text, typed, URL))
    assert refused.status_code == 422
    assert field_errors(refused.text) == {"case": ANOTHER_DAY}
    assert 'id="case" name="case" value="sak 12/25"' in refused.text
    assert len(list(demo_app.events_of(plan_id(KEY)))) == before


def test_a_case_of_another_body_is_said_at_the_case_number_with_what_to_do(
    submitted: Flask,  # noqa: F811
    demo_app: Planlogg,
) -> None:
    client = signed_in(submitted, person_with(demo_app, Role.APPROVER))
    typed = {"body": "ASU", "case": "PSU sak 3/25", "meeting_date": "13.03.2025"}
    refused = client.post(URL, data=filled(client.get(URL).text, typed, URL))
    assert refused.status_code == 422
    assert field_errors(refused.text) == {
        "case": "Saksnummeret «PSU sak 3/25» er en sak i PSU, men organet er oppgitt som ASU. "
        "Velg PSU som organ, eller skriv saksnummeret fra møtet i ASU."
    }


def test_the_api_names_the_case_field(
    submitted: Flask,  # noqa: F811
    demo_app: Planlogg,
    client: FlaskClient,
    auth: Callable[[str], dict[str, str]],
) -> None:
    approval = {"version": 2, "body": "ASU", "case": "sak 12/25", "meeting_date": "2028-03-09"}
    refused = client.post(f"/api/plans/{KEY}/approvals", json=approval, headers=auth("approver"))
    assert refused.status_code == 422
    assert refused.json["error"]["message"] == ANOTHER_DAY
    assert refused.json["error"]["fields"] == {"case": [ANOTHER_DAY]}
